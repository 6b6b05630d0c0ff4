//! `jdlib show PATH|ROLE`: one JD rendered for reading, or a role's versions side by side.

use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::cli::ShowArgs;
use crate::library::document;
use crate::library::front_matter::Basis;
use crate::library::{JobDescription, Library};
use crate::output::{markdown, style, table};
use crate::salary::format_pounds;
use crate::suggest;
use crate::{Context, Outcome};

/// Runs `show`.
pub fn run(
    args: &ShowArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let lib = super::load(library, &args.rev, ctx)?;
    let target = args.target.as_str();
    let looks_like_path = target.contains('/') || target.strip_suffix(".md").is_some();
    if !looks_like_path {
        return show_role(&lib, target, ctx);
    }
    let path = path_from_root(Path::new(target), &ctx.cwd, &lib.root);
    let Some(file) = lib.files.iter().find(|f| f.path == path) else {
        bail!("{target} is not a JD in the library (JDs live in library/<role>/<slug>.md)");
    };
    let errors = lib.diagnostics.iter().filter(|d| d.path == path).count();
    if errors > 0 {
        writeln!(
            ctx.err,
            "jdlib: {path} has {errors} problem{}: run `jdlib validate {path}`",
            super::plural(errors)
        )?;
    }
    let text = lib.read_text(&path)?;
    let body = document::split(&text).map_or(text.as_str(), |d| d.body);
    let width = usize::from(ctx.width.unwrap_or(80)).min(100);
    if let Some(jd) = &file.jd {
        writeln!(ctx.out, "{}", style::bold(&jd.front.title, ctx.color_out))?;
        writeln!(ctx.out, "{}", style::dim(&summary_line(jd), ctx.color_out))?;
    }
    writeln!(ctx.out, "{}", style::dim(&path, ctx.color_out))?;
    writeln!(ctx.out)?;
    write!(ctx.out, "{}", markdown::render(body, width, ctx.color_out))?;
    Ok(Outcome::Success)
}

fn summary_line(jd: &JobDescription) -> String {
    let mut parts = vec![jd.front.role.clone(), jd.front.level.to_string()];
    match jd.authority {
        Some(a) => parts.push(a.official_name.clone()),
        None => parts.push("model JD".to_owned()),
    }
    if let Some(d) = jd.advertised {
        parts.push(format!("advertised {d}"));
    }
    if let Some(pay) = pay(jd) {
        parts.push(format!("{pay} a year FTE"));
    }
    parts.push(jd.front.licence.clone());
    parts.join(" · ")
}

fn pay(jd: &JobDescription) -> Option<String> {
    let salary = jd.front.salary.as_ref()?;
    let (lo, hi) = jd.annual?;
    let basis = if salary.basis == Basis::Indicative {
        " (indicative)"
    } else {
        ""
    };
    Some(format!(
        "{}–{}{basis}",
        format_pounds(lo),
        format_pounds(hi)
    ))
}

fn show_role(lib: &Library, id: &str, ctx: &mut Context<'_>) -> anyhow::Result<Outcome> {
    let Some(role) = lib.registry.get(id) else {
        bail!(
            "`{id}` is neither a role id in library/roles.yaml nor a JD path{}",
            suggest::hint(id, lib.registry.ids())
        );
    };
    let mut versions: Vec<&JobDescription> =
        lib.valid_jds().filter(|jd| jd.front.role == id).collect();
    versions.sort_by(|a, b| {
        a.front
            .level
            .cmp(&b.front.level)
            .then_with(|| a.path.cmp(&b.path))
    });
    writeln!(
        ctx.out,
        "{} ({}, {})",
        style::bold(&role.title, ctx.color_out),
        role.id,
        role.family
    )?;
    writeln!(ctx.out, "{}", role.summary)?;
    if versions.is_empty() {
        writeln!(ctx.err, "no valid versions of {id} yet")?;
        return Ok(Outcome::Success);
    }
    let field = |name: &str, f: &dyn Fn(&JobDescription) -> String| {
        std::iter::once(name.to_owned())
            .chain(versions.iter().map(|jd| f(jd)))
            .collect::<Vec<_>>()
    };
    let rows = vec![
        field("Title", &|jd| jd.front.title.clone()),
        field("Level", &|jd| jd.front.level.to_string()),
        field("Source", &|jd| jd.front.source.to_string()),
        field("Council", &|jd| {
            jd.authority.map_or("—".into(), |a| a.short_name.clone())
        }),
        field("Advertised", &|jd| {
            jd.advertised.map_or("—".into(), |d| d.to_string())
        }),
        field("Annual FTE", &|jd| pay(jd).unwrap_or_else(|| "—".into())),
        field("Grade", &|jd| {
            jd.front
                .salary
                .as_ref()
                .and_then(|s| s.grade.clone())
                .unwrap_or_else(|| "—".into())
        }),
        field("Contract", &|jd| {
            jd.front.contract.map_or("—".into(), |c| c.to_string())
        }),
        field("Words", &|jd| {
            lib.read_text(&jd.path).map_or_else(
                |_| "—".into(),
                |text| {
                    let body = document::split(&text).map_or(text.as_str(), |d| d.body);
                    body.split_whitespace().count().to_string()
                },
            )
        }),
        field("Path", &|jd| jd.path.clone()),
    ];
    let header: Vec<String> = std::iter::once(String::new())
        .chain((1..=versions.len()).map(|i| format!("Version {i}")))
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write!(
        ctx.out,
        "{}",
        table::render(&header, rows, ctx.width, ctx.unicode)
    )?;
    writeln!(
        ctx.err,
        "{} version{} of {id}; `jdlib show PATH` reads one",
        versions.len(),
        super::plural(versions.len())
    )?;
    Ok(Outcome::Success)
}

/// A path typed by the user as a `/`-separated path from the library root. Paths that already
/// start with `library/` are taken as root-relative, whatever the current folder.
fn path_from_root(path: &Path, cwd: &Path, root: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    if text.starts_with("library/") {
        return text;
    }
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        cwd.join(path)
    };
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    let root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    absolute
        .strip_prefix(&root)
        .map(|rel| rel.to_string_lossy().replace('\\', "/"))
        .unwrap_or(text)
}
