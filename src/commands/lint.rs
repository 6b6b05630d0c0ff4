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
    let found: Vec<Diagnostic> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().cloned())
        .collect();
    super::print_findings(check.format, &found, ctx)?;
    let per_file = |n: usize, what: &str| format!("{n} {what}{}", super::plural(n));
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        writeln!(
            ctx.err,
            "{}: {}, {}; Flesch reading ease {}, {} words a sentence",
            report.path,
            per_file(errors, "error"),
            per_file(report.diagnostics.len() - errors, "warning"),
            report
                .flesch
                .map_or_else(|| "n/a".to_owned(), |f| format!("{f:.0}")),
            report
                .words_per_sentence
                .map_or_else(|| "n/a".to_owned(), |w| format!("{w:.0}")),
        )?;
    }
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    writeln!(
        ctx.err,
        "{} linted, {}, {}",
        per_file(reports.len(), "file"),
        per_file(errors, "error"),
        per_file(found.len() - errors, "warning")
    )?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
