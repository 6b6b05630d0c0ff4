//! `jdlib lint`: wording checks on every JD, reported like `validate`'s findings.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;

use rayon::prelude::*;

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
    let (reports, _) = lint::lint_library(&options, &scope).context("linting the library")?;
    // The per-JD summary goes to stderr, which is unbuffered: written line by line it cost a
    // system call per piece of each line (a million at 100,000 JDs), so it is gathered and
    // written once, after the findings, as before.
    let mut summary = String::new();
    let (mut total, mut errors) = (0, 0);
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let file_errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        total += report.diagnostics.len();
        errors += file_errors;
        let file_warnings = report.diagnostics.len() - file_errors;
        let _ = write!(
            summary,
            "{}: {file_errors} error{}, {file_warnings} warning{}; Flesch reading ease ",
            report.path,
            super::plural(file_errors),
            super::plural(file_warnings),
        );
        push_figure(&mut summary, report.flesch);
        summary.push_str(", ");
        push_figure(&mut summary, report.words_per_sentence);
        summary.push_str(" words a sentence\n");
    }
    let warnings = total - errors;
    let files = reports.len();
    let _ = writeln!(
        summary,
        "{files} file{} linted, {errors} error{}, {warnings} warning{}",
        super::plural(files),
        super::plural(errors),
        super::plural(warnings)
    );
    print(check.format, reports, ctx)?;
    ctx.err.write_all(summary.as_bytes())?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// Prints the findings, in path order. A line format puts each finding on its own line, so
/// runs of JDs are formatted in parallel (formatting 375,000 findings took a second on one
/// core) and written in order; JSON is one document and is printed whole.
fn print(
    format: DiagnosticFormat,
    reports: Vec<lint::FileReport>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<()> {
    type LineWriter = fn(&mut Vec<u8>, &[Diagnostic], bool) -> anyhow::Result<()>;
    let write: LineWriter = match format {
        DiagnosticFormat::Json => {
            let found: Vec<Diagnostic> = reports.into_iter().flat_map(|r| r.diagnostics).collect();
            return super::print_findings(format, &found, ctx);
        }
        DiagnosticFormat::Human => |buf, found, color| diagnostics::write_human(buf, found, color),
        DiagnosticFormat::Github => |buf, found, _| diagnostics::write_github(buf, found),
    };
    let color = ctx.color_out;
    let chunks = reports
        .par_chunks(256)
        .map(|chunk| {
            let mut buf = Vec::new();
            for report in chunk {
                write(&mut buf, &report.diagnostics, color)?;
            }
            Ok(buf)
        })
        .collect::<anyhow::Result<Vec<Vec<u8>>>>()?;
    for chunk in chunks {
        ctx.out.write_all(&chunk)?;
    }
    Ok(())
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
