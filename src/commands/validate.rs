//! `jdlib validate`: every problem in the library, where it is and how to fix it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{Context as _, bail};

use crate::cli::{DiagnosticFormat, ValidateArgs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::git::GitError;
use crate::output::diagnostics;
use crate::{Context, Outcome};

/// Runs `validate`.
pub fn run(
    args: &ValidateArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let lib = super::load(library, &args.rev, ctx)?;
    let mut scope: Option<BTreeSet<String>> = None;
    if let Some(since) = &args.changed_since {
        let repo = lib.repo.as_ref().ok_or_else(|| GitError::NotInRepository {
            root: lib.root.clone(),
            flag: "--changed-since",
        })?;
        let changed = repo
            .changed_since(since, args.rev.rev.as_deref(), "library")
            .with_context(|| format!("finding files changed since {since}"))?;
        // Every JD depends on the registry, so a changed registry puts everything in scope.
        scope = (!changed.contains(crate::library::ROLES_PATH)).then_some(changed);
    }
    let mut prefixes = Vec::new();
    for path in &args.paths {
        prefixes.push(relative_to_root(path, &ctx.cwd, &lib.root)?);
    }
    let in_scope = |path: &str| {
        scope.as_ref().is_none_or(|s| s.contains(path))
            && (prefixes.is_empty()
                || prefixes.iter().any(|p| {
                    p.is_empty()
                        || path == p
                        || path.starts_with(&format!("{}/", p.trim_end_matches('/')))
                }))
    };
    let found: Vec<&Diagnostic> = lib
        .diagnostics
        .iter()
        .filter(|d| in_scope(&d.path) || d.related.iter().any(|r| in_scope(r)))
        .collect();
    let found: Vec<Diagnostic> = found.into_iter().cloned().collect();
    match args.format {
        DiagnosticFormat::Human => diagnostics::write_human(ctx.out, &found, ctx.color_out)?,
        DiagnosticFormat::Json => diagnostics::write_json_array(ctx.out, &found)?,
        DiagnosticFormat::Github => diagnostics::write_github(ctx.out, &found)?,
    }
    let checked = match &scope {
        Some(s) => lib.files.iter().filter(|f| s.contains(&f.path)).count(),
        None => lib.files.iter().filter(|f| in_scope(&f.path)).count(),
    };
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
fn relative_to_root(
    path: &std::path::Path,
    cwd: &std::path::Path,
    root: &std::path::Path,
) -> anyhow::Result<String> {
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
