//! `jdlib validate`: every problem in the library, where it is and how to fix it.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::cli::{DiagnosticFormat, ValidateArgs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::library::changed;
use crate::library::{Library, LoadOptions, Origin, locate};
use crate::output::diagnostics;
use crate::{Context, Outcome};

/// Runs `validate`.
pub fn run(
    args: &ValidateArgs,
    library: Option<PathBuf>,
    use_cache: bool,
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
    let root = locate(options.library.as_deref(), &options.cwd).context("loading the library")?;
    let mut prefixes = Vec::new();
    for path in &args.paths {
        // With `--rev` the path need only exist in the revision; findings are filtered below.
        if args.rev.rev.is_none() && !ctx.cwd.join(path).exists() {
            bail!(
                "{} does not exist: give a file or folder inside library/",
                path.display()
            );
        }
        prefixes.push(relative_to_root(path, &ctx.cwd, &root)?);
    }
    let in_paths = |path: &str| {
        prefixes.is_empty()
            || prefixes.iter().any(|p| {
                p.is_empty()
                    || path == p
                    || path.starts_with(&format!("{}/", p.trim_end_matches('/')))
            })
    };
    let involves_paths =
        |d: &Diagnostic| in_paths(&d.path) || d.related.iter().any(|r| in_paths(r));

    let incremental = match &args.changed_since {
        Some(since) => changed::check_changed(&options, since, use_cache)
            .with_context(|| format!("checking files changed since {since}"))?,
        None => None,
    };
    let (found, checked): (Vec<Diagnostic>, usize) = if let Some(report) = incremental {
        let found = report.diagnostics.into_iter().filter(|d| involves_paths(d));
        (found.collect(), report.checked)
    } else {
        // The whole library: no `--changed-since`, or the registry changed, which every JD
        // depends on.
        let lib = Library::load(&options).context("loading the library")?;
        let found = lib
            .diagnostics
            .iter()
            .filter(|d| involves_paths(d))
            .cloned();
        let checked = lib.files.iter().filter(|f| in_paths(&f.path)).count();
        (found.collect(), checked)
    };
    let mut found = found;
    if args.lint {
        let scope = super::lint::scope(&options, &args.paths, args.changed_since.as_deref(), ctx)?;
        let (reports, _) =
            crate::lint::lint_library(&options, &scope).context("linting the library")?;
        found.extend(reports.into_iter().flat_map(|r| r.diagnostics));
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    match args.format {
        DiagnosticFormat::Human => diagnostics::write_human(ctx.out, &found, ctx.color_out)?,
        DiagnosticFormat::Json => diagnostics::write_json_array(ctx.out, &found)?,
        DiagnosticFormat::Github => diagnostics::write_github(ctx.out, &found)?,
    }
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = found.len() - errors;
    writeln!(
        ctx.err,
        "{checked} file{}, {errors} error{}, {warnings} warning{}",
        plural(checked),
        plural(errors),
        plural(warnings)
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
