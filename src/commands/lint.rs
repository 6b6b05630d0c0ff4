//! `jdlib lint`: wording checks on every JD, reported like `validate`'s findings.

use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::{DiagnosticFormat, LintArgs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::git::{GitError, Repo};
use crate::library::{LoadOptions, Origin, locate};
use crate::lint::{self, Scope};
use crate::output::diagnostics;
use crate::{Context, Outcome};

/// Runs `lint`.
pub fn run(
    args: &LintArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let options = LoadOptions {
        library,
        cwd: ctx.cwd.clone(),
        origin: args
            .rev
            .rev
            .clone()
            .map_or(Origin::WorkTree, Origin::Revision),
    };
    let scope = scope(&options, &args.paths, args.changed_since.as_deref(), ctx)?;
    let (reports, _) = lint::lint_library(&options, &scope).context("linting the library")?;
    let found: Vec<Diagnostic> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().cloned())
        .collect();
    match args.format {
        DiagnosticFormat::Human => diagnostics::write_human(ctx.out, &found, ctx.color_out)?,
        DiagnosticFormat::Json => diagnostics::write_json_array(ctx.out, &found)?,
        DiagnosticFormat::Github => diagnostics::write_github(ctx.out, &found)?,
    }
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        writeln!(
            ctx.err,
            "{}: {} error{}, {} warning{}; Flesch reading ease {}, {} words a sentence",
            report.path,
            errors,
            plural(errors),
            report.diagnostics.len() - errors,
            plural(report.diagnostics.len() - errors),
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
        "{} file{} linted, {errors} error{}, {} warning{}",
        reports.len(),
        plural(reports.len()),
        plural(errors),
        found.len() - errors,
        plural(found.len() - errors)
    )?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The files to lint: PATH arguments and `--changed-since`, both as library-root paths.
pub fn scope(
    options: &LoadOptions,
    paths: &[PathBuf],
    changed_since: Option<&str>,
    ctx: &Context<'_>,
) -> anyhow::Result<Scope> {
    let root = locate(options.library.as_deref(), &options.cwd).context("loading the library")?;
    let mut scope = Scope::default();
    for path in paths {
        // With `--rev` the path need only exist in the revision.
        if options.origin == Origin::WorkTree && !ctx.cwd.join(path).exists() {
            anyhow::bail!(
                "{} does not exist: give a file or folder inside library/",
                path.display()
            );
        }
        scope
            .prefixes
            .push(super::validate::relative_to_root(path, &ctx.cwd, &root)?);
    }
    if let Some(since) = changed_since {
        let repo = Repo::open_at(&root).ok_or_else(|| GitError::NotInRepository {
            root: root.clone(),
            flag: "--changed-since",
        })?;
        let against = match &options.origin {
            Origin::Revision(rev) => Some(rev.as_str()),
            Origin::WorkTree => None,
        };
        scope.paths = Some(repo.changed_since(since, against, "library")?);
    }
    Ok(scope)
}
