//! `jdlib lint`: wording checks on every JD, reported like `validate`'s findings.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::{DiagnosticFormat, LintArgs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint;
use crate::output::diagnostics;
use crate::{Context, Outcome};

/// Runs `lint`.
pub fn run(
    args: &LintArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let check = &args.check;
    let options = super::load_options(library, &check.rev, ctx);
    let scope = super::scope(&options, check, check.changed_since.as_deref(), ctx)?;
    let (files, printed) = lint_and_print(check.format, &options, &scope, ctx)?;
    let Printed {
        mut summary,
        findings,
        errors,
    } = printed;
    let warnings = findings - errors;
    let _ = writeln!(
        summary,
        "{files} file{} linted, {errors} error{}, {warnings} warning{}",
        super::plural(files),
        super::plural(errors),
        super::plural(warnings)
    );
    // The per-JD summary goes to stderr, which is unbuffered: written line by line it cost a
    // system call per piece of each line (a million at 100,000 JDs), so it is gathered and
    // written once, after the findings.
    ctx.err.write_all(summary.as_bytes())?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// What printing the findings of some JDs left to say on stderr.
#[derive(Default)]
struct Printed {
    /// A line for each JD with findings.
    summary: String,
    /// Findings, and how many of them are errors.
    findings: usize,
    errors: usize,
}

impl Printed {
    /// Adds the summary line of one JD.
    fn add(&mut self, report: &lint::FileReport) {
        if report.diagnostics.is_empty() {
            return;
        }
        let file_errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        self.findings += report.diagnostics.len();
        self.errors += file_errors;
        // A summary line is about 130 bytes; reserved once, not grown as it is written.
        self.summary.reserve(report.path.len() + 96);
        let file_warnings = report.diagnostics.len() - file_errors;
        let _ = write!(
            self.summary,
            "{}: {file_errors} error{}, {file_warnings} warning{}; Flesch reading ease ",
            report.path,
            super::plural(file_errors),
            super::plural(file_warnings),
        );
        push_figure(&mut self.summary, report.flesch);
        self.summary.push_str(", ");
        push_figure(&mut self.summary, report.words_per_sentence);
        self.summary.push_str(" words a sentence\n");
    }

    /// Adds what the JDs after these left to say.
    fn append(&mut self, next: &Printed) {
        self.summary.push_str(&next.summary);
        self.findings += next.findings;
        self.errors += next.errors;
    }
}

/// Lints the library and prints the findings, in path order; returns how many JDs were
/// linted and what is left to say on stderr. A line format puts each finding on its own
/// line, so each JD's findings are formatted and summed up by the worker that found them
/// and then dropped, rather than keeping every finding until linting ends (375,000 of them,
/// 250 MB, for the 100,000-JD benchmark library). JSON is one document and is printed whole.
fn lint_and_print(
    format: DiagnosticFormat,
    options: &crate::library::LoadOptions,
    scope: &lint::Scope,
    ctx: &mut Context<'_>,
) -> anyhow::Result<(usize, Printed)> {
    type LineWriter = fn(&mut Vec<u8>, &[Diagnostic], bool) -> anyhow::Result<()>;
    let write: LineWriter = match format {
        DiagnosticFormat::Json => {
            let (reports, _) = lint::lint_library(options, scope).context("linting the library")?;
            let mut printed = Printed::default();
            for report in &reports {
                printed.add(report);
            }
            let files = reports.len();
            let found: Vec<Diagnostic> = reports.into_iter().flat_map(|r| r.diagnostics).collect();
            super::print_findings(format, &found, ctx)?;
            return Ok((files, printed));
        }
        DiagnosticFormat::Human => |buf, found, color| diagnostics::write_human(buf, found, color),
        DiagnosticFormat::Github => |buf, found, _| diagnostics::write_github(buf, found),
    };
    let color = ctx.color_out;
    let (mut printed, mut files, mut failed) = (Printed::default(), 0, None);
    let format_one = |report: lint::FileReport| {
        // About 180 bytes a finding: sized once rather than grown finding by finding.
        let mut buf = Vec::with_capacity(report.diagnostics.len() * 192);
        let mut printed = Printed::default();
        write(&mut buf, &report.diagnostics, color)?;
        printed.add(&report);
        // The report, findings and all, is freed here, by the worker that made it.
        anyhow::Ok((buf, printed))
    };
    let out = &mut ctx.out;
    lint::lint_library_each(options, scope, format_one, |formatted| {
        files += 1;
        let written = formatted.and_then(|(lines, summary)| {
            out.write_all(&lines)?;
            printed.append(&summary);
            Ok(())
        });
        // A failed write (a closed pipe) stops the run.
        written.map_err(|e| failed = Some(e)).is_ok()
    })
    .context("linting the library")?;
    if let Some(e) = failed {
        return Err(e);
    }
    Ok((files, printed))
}

/// A readability figure rounded to a whole number, or `n/a` for a JD without prose.
fn push_figure(out: &mut String, figure: Option<f64>) {
    match figure {
        Some(f) => {
            let _ = write!(out, "{f:.0}");
        }
        None => out.push_str("n/a"),
    }
}
