//! `jdlib validate`: every problem in the library, where it is and how to fix it.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::cli::ValidateArgs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::library::{Library, changed};
use crate::{Context, Outcome};

/// Runs `validate`.
pub fn run(
    args: &ValidateArgs,
    library: Option<PathBuf>,
    use_cache: bool,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let check = &args.check;
    let options = super::load_options(library, &check.rev, ctx);
    // `--changed-since` is applied by the incremental check itself; PATHs narrow what is shown.
    let scope = super::scope(&options, check, None, ctx)?;
    let incremental = match &check.changed_since {
        Some(since) => changed::check_changed(&options, since, use_cache)
            .with_context(|| format!("checking files changed since {since}"))?,
        None => None,
    };
    let (mut found, checked): (Vec<Diagnostic>, usize) = if let Some(report) = incremental {
        let found = report.diagnostics.into_iter().filter(|d| scope.involves(d));
        (found.collect(), report.checked)
    } else {
        // The whole library: no `--changed-since`, or the registry changed, which every JD
        // depends on.
        let lib = Library::load(&options).context("loading the library")?;
        let found = lib
            .diagnostics
            .iter()
            .filter(|d| scope.involves(d))
            .cloned();
        let checked = lib.files.iter().filter(|f| scope.includes(&f.path)).count();
        (found.collect(), checked)
    };
    if args.lint {
        let scope = super::scope(&options, check, check.changed_since.as_deref(), ctx)?;
        let (reports, _) =
            crate::lint::lint_library(&options, &scope).context("linting the library")?;
        found.extend(reports.into_iter().flat_map(|r| r.diagnostics));
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    super::print_findings(check.format, &found, ctx)?;
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = found.len() - errors;
    writeln!(
        ctx.err,
        "{checked} file{}, {errors} error{}, {warnings} warning{}",
        super::plural(checked),
        super::plural(errors),
        super::plural(warnings)
    )?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// A PATH argument as a `/`-separated path from the library root.
pub(crate) fn relative_to_root(path: &Path, cwd: &Path, root: &Path) -> anyhow::Result<String> {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        cwd.join(path)
    };
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    let root_canon = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let Ok(rel) = absolute.strip_prefix(&root_canon) else {
        bail!(
            "{} is not inside the library at {}",
            path.display(),
            root.display()
        );
    };
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}
