//! `jdlib lint`: wording checks on every JD, reported like `validate`'s findings.

use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::LintArgs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint;
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
    let per_file = |n: usize, what: &str| format!("{n} {what}{}", super::plural(n));
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
        summary.push_str(&format!(
            "{}: {}, {}; Flesch reading ease {}, {} words a sentence\n",
            report.path,
            per_file(file_errors, "error"),
            per_file(report.diagnostics.len() - file_errors, "warning"),
            report
                .flesch
                .map_or_else(|| "n/a".to_owned(), |f| format!("{f:.0}")),
            report
                .words_per_sentence
                .map_or_else(|| "n/a".to_owned(), |w| format!("{w:.0}")),
        ));
    }
    summary.push_str(&format!(
        "{} linted, {}, {}\n",
        per_file(reports.len(), "file"),
        per_file(errors, "error"),
        per_file(total - errors, "warning")
    ));
    let found: Vec<Diagnostic> = reports.into_iter().flat_map(|r| r.diagnostics).collect();
    super::print_findings(check.format, &found, ctx)?;
    ctx.err.write_all(summary.as_bytes())?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
