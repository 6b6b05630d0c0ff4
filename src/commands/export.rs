//! `jdlib export PATH...`: JDs as Word documents, bare Markdown or standalone web pages.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

use crate::atomic::Durability;
use crate::cli::{ExportArgs, ExportFormat, RevArgs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::export::{self, Export};
use crate::library::roles::RoleRegistry;
use crate::library::{Library, Origin, check::Checked, document};
use crate::{Context, Outcome};

/// Runs `export`.
pub fn run(
    args: &ExportArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let lib = super::load(library, &RevArgs::default(), ctx)?;
    let files = select(args, &lib, ctx)?;
    let targets = targets(args, &files, ctx)?;

    // Files are independent, so they are built and written in parallel; messages are printed
    // afterwards in path order so the output does not depend on scheduling.
    // One file is synced before it is placed; a folder of them is not, since a sync per file
    // costs many times the rest of the export and the files can be exported again.
    let durability = if files.len() == 1 {
        Durability::Synced
    } else {
        Durability::Unsynced
    };
    // The work tree is read directly: a git handle cannot be shared between threads.
    let (root, registry) = (&lib.root, &lib.registry);
    let results: Vec<anyhow::Result<(PathBuf, usize)>> = files
        .par_iter()
        .zip(&targets)
        .map(|(file, target)| {
            export_one(args, root, registry, file, target, durability).map(|n| (target.clone(), n))
        })
        .collect();

    let mut written = 0;
    let mut failed = 0;
    for result in &results {
        match result {
            Ok((target, bytes)) => {
                written += 1;
                writeln!(
                    ctx.err,
                    "jdlib: wrote {} ({})",
                    shown(target, &ctx.cwd),
                    size(*bytes)
                )?;
            }
            Err(err) => {
                failed += 1;
                writeln!(ctx.err, "jdlib: error: {err:#}")?;
            }
        }
    }
    let selected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let errors: Vec<Diagnostic> = lib
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && selected.contains(d.path.as_str()))
        .cloned()
        .collect();
    crate::output::diagnostics::write_human(ctx.out, &errors, ctx.color_out)?;
    if written == 0 {
        bail!(
            "nothing was written ({failed} file{} failed)",
            super::plural(failed)
        );
    }
    if !errors.is_empty() {
        let broken: BTreeSet<&str> = errors.iter().map(|d| d.path.as_str()).collect();
        writeln!(
            ctx.err,
            "jdlib: {} JD{} with errors {} exported anyway: fix {} before you use {}",
            broken.len(),
            super::plural(broken.len()),
            if broken.len() == 1 { "was" } else { "were" },
            if broken.len() == 1 { "it" } else { "them" },
            if broken.len() == 1 { "it" } else { "them" },
        )?;
    }
    Ok(if errors.is_empty() && failed == 0 {
        Outcome::Success
    } else {
        Outcome::Problems
    })
}

/// The JD files the PATHs name, each once, in path order.
fn select<'l>(
    args: &ExportArgs,
    lib: &'l Library,
    ctx: &Context<'_>,
) -> anyhow::Result<Vec<&'l Checked>> {
    let mut chosen: BTreeSet<usize> = BTreeSet::new();
    for path in &args.paths {
        if !ctx.cwd.join(path).exists() {
            bail!(
                "{} does not exist: give a JD file or a folder inside library/",
                path.display()
            );
        }
        let rel = super::validate::relative_to_root(path, &ctx.cwd, &lib.root)?;
        let before = chosen.len();
        for (i, file) in lib.files.iter().enumerate() {
            let inside = rel.is_empty()
                || file.path == rel
                || file
                    .path
                    .strip_prefix(rel.as_str())
                    .is_some_and(|rest| rest.starts_with('/'));
            if inside {
                chosen.insert(i);
            }
        }
        if chosen.len() == before && !lib.files.iter().any(|f| f.path == rel) {
            bail!(
                "{} holds no JD (JDs are library/<role>/<slug>.md)",
                path.display()
            );
        }
    }
    Ok(chosen.into_iter().map(|i| &lib.files[i]).collect())
}

/// Where each file goes: one JD to `--out FILE` (or into `--out DIR`, or `<slug>.<ext>` here);
/// several to `<role>/<slug>.<ext>` under `--out DIR` (or here), so that JDs of different
/// roles with the same file name do not collide.
fn targets(
    args: &ExportArgs,
    files: &[&Checked],
    ctx: &Context<'_>,
) -> anyhow::Result<Vec<PathBuf>> {
    let ext = args.format.extension();
    let out = args.out.as_ref().map(|o| ctx.cwd.join(o));
    let name = |path: &str| -> (String, String) {
        let mut parts = path.rsplit('/');
        let slug = parts
            .next()
            .unwrap_or(path)
            .trim_end_matches(".md")
            .to_owned();
        let role = parts.next().unwrap_or("library").to_owned();
        (role, slug)
    };
    if let [file] = files {
        let (_, slug) = name(&file.path);
        let file_name = format!("{slug}.{ext}");
        return Ok(vec![match out {
            // `--out word/` names a folder even before it exists.
            Some(dir) if dir.is_dir() || dir.as_os_str().to_string_lossy().ends_with('/') => {
                dir.join(file_name)
            }
            Some(file) => file,
            None => ctx.cwd.join(file_name),
        }]);
    }
    let dir = out.unwrap_or_else(|| ctx.cwd.clone());
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{} is a file, but {} JDs need a folder: give --out DIR",
            dir.display(),
            files.len()
        );
    }
    Ok(files
        .iter()
        .map(|f| {
            let (role, slug) = name(&f.path);
            dir.join(role).join(format!("{slug}.{ext}"))
        })
        .collect())
}

/// Builds and writes one file; returns its size, or why it could not be written.
fn export_one(
    args: &ExportArgs,
    root: &Path,
    registry: &RoleRegistry,
    file: &Checked,
    target: &Path,
    durability: Durability,
) -> anyhow::Result<usize> {
    let Some(jd) = &file.jd else {
        bail!(
            "{}: its front matter could not be read, so it was not exported (run `jdlib validate {}`)",
            file.path,
            file.path
        );
    };
    let text = crate::library::read_text(root, &Origin::WorkTree, None, &file.path)?;
    let body = document::split(&text).map_or(text.as_str(), |d| d.body);
    let role_title = registry
        .get(&jd.front.role)
        .map_or(jd.front.role.as_str(), |r| r.title.as_str());
    let input = Export {
        jd,
        body,
        role_title,
    };
    let bytes = match args.format {
        ExportFormat::Docx => {
            export::docx::write(&input).with_context(|| format!("exporting {}", file.path))?
        }
        ExportFormat::Md => export::markdown::body(body).into_bytes(),
        ExportFormat::Html => export::html::page(&input).into_bytes(),
    };
    super::write_file(target, &bytes, args.force, durability)?;
    Ok(bytes.len())
}

/// A path as the user would type it: relative to the current folder when inside it.
fn shown(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// "14 KB", rounded up; small files in bytes.
fn size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
