//! `jdlib forms`: writes (or, with `--check`, compares) the GitHub issue forms.

use std::path::Path;

use anyhow::Context as _;

use crate::cli::FormsArgs;
use crate::forms::{self, Links};
use crate::library::{self, ROLES_PATH, roles::RoleRegistry};
use crate::{Context, Outcome};

/// Runs `forms`.
pub fn run(
    args: &FormsArgs,
    library: Option<&Path>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let root = library::locate(library, &ctx.cwd).context("loading the library")?;
    let roles_path = root.join(ROLES_PATH);
    let text = std::fs::read_to_string(&roles_path)
        .with_context(|| format!("reading {}", roles_path.display()))?;
    let (registry, problems) = RoleRegistry::parse(ROLES_PATH, &text);
    if !problems.is_empty() {
        anyhow::bail!(
            "{ROLES_PATH} has {} problem{}, so its roles cannot go in a form: run `jdlib validate` to see them",
            problems.len(),
            super::plural(problems.len())
        );
    }
    let git = crate::git::Repo::open_at(&root);
    let forge = super::site::forge_links(args.repo.clone(), args.branch.clone(), git.as_ref())
        .context(
            "the forms link to the contributing guide on the forge, but the repository has no \
             `origin` remote on a forge jdlib knows: pass --repo URL",
        )?;
    let links = Links {
        contributing: forge.contributing(),
        site: args.site_url.clone().or_else(|| forge.pages_url()),
    };
    let files = forms::generate(&registry, &links);
    if args.check {
        let stale = forms::stale(&root, &files);
        for path in &stale {
            writeln!(
                ctx.out,
                "{path}: differs from what `jdlib forms` writes; run `jdlib forms` and commit it"
            )?;
        }
        if stale.is_empty() {
            writeln!(ctx.err, "the {} issue forms are up to date", files.len())?;
            return Ok(Outcome::Success);
        }
        return Ok(Outcome::Problems);
    }
    forms::write(&root, &files)?;
    for file in &files {
        writeln!(ctx.out, "{}", file.path)?;
    }
    writeln!(
        ctx.err,
        "wrote {} issue forms with {} roles",
        files.len(),
        registry.roles().len()
    )?;
    Ok(Outcome::Success)
}
