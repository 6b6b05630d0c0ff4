//! `jdlib import`: a council's Word JD (.docx) as a library JD, with every guess shown.

use std::path::Path;

use crate::cli::ImportArgs;
use crate::contribute::draft::{Draft, canonical_path};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::library::register::Register;
use crate::library::roles::RoleRegistry;
use crate::library::{ROLES_PATH, check, document};
use crate::lint::{self, LintConfig};
use crate::{Context, Outcome};

/// Runs `import`.
pub fn run(
    args: &ImportArgs,
    library: Option<&Path>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let root = crate::library::locate(library, &ctx.cwd).ok();
    let registry = root.as_deref().map(registry_in).unwrap_or_default();
    let file = ctx.cwd.join(&args.file);
    let mut draft = super::drafts::read_docx(&file, &registry, ctx)?;
    draft.apply(&super::drafts::fields(&args.fields), Register::get())?;
    draft.fill_defaults();
    let text = draft.render();

    let shown = args
        .out
        .as_ref()
        .map_or_else(|| "<stdout>".to_owned(), |p| p.display().to_string());
    let mut found = findings(&draft, &text, &registry, root.as_deref(), &shown);
    found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));

    match &args.out {
        Some(out) => write_new(&ctx.cwd.join(out), text.as_bytes(), args.force)?,
        None => ctx.out.write_all(text.as_bytes())?,
    }
    crate::output::diagnostics::write_human(ctx.err, &found, ctx.color_err)?;
    let missing = draft.missing();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|(k, f)| format!("{k} ({f})")).collect();
        writeln!(
            ctx.err,
            "jdlib: still missing: {}; run the import again with those flags, or add them to the front matter",
            list.join(", ")
        )?;
    }
    if root.is_none() {
        writeln!(
            ctx.err,
            "jdlib: no library found here, so roles were not suggested or checked (run inside the library, or pass --library)"
        )?;
    }
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    Ok(if errors > 0 || !missing.is_empty() {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// `validate` and `lint` findings on the imported text, reported under `shown`.
fn findings(
    draft: &Draft,
    text: &str,
    registry: &RoleRegistry,
    root: Option<&Path>,
    shown: &str,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if let Some(root) = root {
        // Checked where it would live, so the role and folder rules apply.
        let path = draft.role().map_or_else(
            |_| "library/imported/imported.md".to_owned(),
            |role| canonical_path(role, &draft.slug(Register::get()), |_| false),
        );
        let ctx = check::Context {
            registry,
            registry_loaded: !registry.roles().is_empty(),
            register: Register::get(),
            today: Date::today(),
        };
        // Missing keys are listed once, with their flags, below the findings.
        found.extend(
            check::check_file(&path, text.as_bytes(), &ctx)
                .diagnostics
                .into_iter()
                .filter(|d| d.code != crate::diagnostic::Code::MissingKey),
        );
        if let Ok(config) = LintConfig::load(root) {
            let prepared = lint::rules::Prepared::new(&config);
            found.extend(lint::lint_text(&path, text, &config, &prepared, registry).diagnostics);
        }
    }
    for d in &mut found {
        shown.clone_into(&mut d.path);
    }
    found
}

fn registry_in(root: &Path) -> RoleRegistry {
    std::fs::read_to_string(root.join(ROLES_PATH))
        .map(|text| RoleRegistry::parse(ROLES_PATH, document::strip_bom(&text)).0)
        .unwrap_or_default()
}

/// Writes the JD all at once, never over an existing file unless `force`.
fn write_new(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    super::write_file(path, bytes, force, crate::atomic::Durability::Synced)
}
