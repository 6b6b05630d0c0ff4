//! `jdlib contribute`: the upload form. One or more JDs, from files or the interactive form,
//! checked against the base branch and committed on a new branch.

use std::path::Path;

use anyhow::{Context as _, bail};

use crate::cli::ContributeArgs;
use crate::contribute::draft::{Draft, canonical_path};
use crate::contribute::form::Form;
use crate::contribute::{Change, describe, editor};
use crate::date::Date;
use crate::git::{NewFile, Repo};
use crate::library::register::Register;
use crate::library::roles::RoleRegistry;
use crate::library::{ROLES_PATH, slugify};
use crate::{Context, Outcome};

/// The body a contributor starts from in the editor. The guidance comments are removed after.
const TEMPLATE: &str = "## Purpose

<!-- jdlib: What the job is for, in two or three sentences. -->

## Responsibilities

<!-- jdlib: What the post holder does, as a list. -->

- 

## Person specification

### Essential

<!-- jdlib: Skills and experience the post needs. Say \"or equivalent experience\" beside any qualification. -->

- 

### Desirable

- 
";

/// Runs `contribute`.
pub fn run(
    args: &ContributeArgs,
    library: Option<&Path>,
    use_cache: bool,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let ws = super::submit::workspace(library, &args.submit, &ctx.cwd)?;
    let registry = registry_at(&ws.repo, &ws.base)?;
    let register = Register::get();
    let fields = super::drafts::fields(&args.fields);
    let interactive = args.interactive || (args.from.is_empty() && ctx.env.stdin_tty);

    let mut drafts = Vec::new();
    if args.from.is_empty() {
        if !interactive {
            bail!(
                "no JD given: pass `--from FILE.md` with a finished JD (see docs/contract.md), or run `jdlib contribute` in a terminal to fill in the form"
            );
        }
        let mut draft = Draft::new("form");
        draft.apply(&fields, register)?;
        fill_by_form(&mut draft, &registry, register, ctx)?;
        let body = match &args.body {
            Some(path) => super::drafts::read(path)?,
            None => body_from_editor(ctx.env.editor.as_deref())?,
        };
        draft.set_body(body);
        drafts.push(draft);
    } else {
        for path in &args.from {
            let mut draft = if crate::import::is_docx(path) {
                super::drafts::read_docx(&ctx.cwd.join(path), &registry, ctx)?
            } else {
                Draft::parse(&path.display().to_string(), &super::drafts::read(path)?)?
            };
            draft.apply(&fields, register)?;
            if interactive && !draft.missing().is_empty() {
                fill_by_form(&mut draft, &registry, register, ctx)?;
            }
            drafts.push(draft);
        }
    }

    let mut files: Vec<NewFile> = Vec::new();
    for draft in &mut drafts {
        draft.fill_defaults();
        draft.require_complete()?;
        let role = draft.role()?.to_owned();
        let taken = |p: &str| {
            files.iter().any(|f| f.path == p)
                || ws.repo.entry_at(&ws.base, p).ok().flatten().is_some()
        };
        let path = canonical_path(&role, &draft.slug(register), taken);
        files.push(NewFile {
            path,
            bytes: draft.render().into_bytes(),
        });
    }

    let Some(findings) = super::submit::check(&ws, &files, use_cache, ctx)? else {
        return Ok(Outcome::Problems);
    };
    let subject = describe::contribution_subject(&findings.jds);
    let count = files.len();
    let change = Change {
        message: describe::commit_message(&subject, &findings.jds, args.message.as_deref()),
        body: describe::pull_request_body(
            &format!(
                "This pull request adds {count} job description{} to the library, made with `jdlib contribute`.",
                super::plural(count)
            ),
            &findings.jds,
            &findings,
        ),
        title: subject,
        files,
    };
    let target = super::submit::target(
        &ws,
        &args.submit,
        default_branch(&drafts, register),
        &ctx.env,
    )?;
    super::submit::publish(&ws, &change, &target, &args.submit, ctx)
}

/// `contrib/<council>-<role>-<today>` (or `contrib/model-<role>-<today>`), from the first JD.
fn default_branch(drafts: &[Draft], register: &Register) -> String {
    let first = drafts.first();
    let council = first
        .and_then(|d| d.text("organisation"))
        .and_then(|code| register.by_gss(code))
        .map_or_else(|| "model".to_owned(), |a| a.short_name.clone());
    let role = first.and_then(|d| d.text("role")).unwrap_or("jd");
    format!(
        "contrib/{}-{}",
        slugify(&format!("{council}-{role}")),
        Date::today()
    )
}

/// Asks for what the draft lacks, on stderr, reading answers from stdin.
fn fill_by_form(
    draft: &mut Draft,
    registry: &RoleRegistry,
    register: &Register,
    ctx: &mut Context<'_>,
) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let answers = Form::new(&mut input, ctx.err, registry, register).fill(draft)?;
    draft.apply(&answers, register)?;
    Ok(())
}

/// The body, written in the editor from the template.
fn body_from_editor(editor: Option<&str>) -> anyhow::Result<String> {
    let edited = editor::edit(editor, TEMPLATE, "jd-body", "`--body FILE.md`")?;
    let body = without_guidance(&edited);
    let template = without_guidance(TEMPLATE);
    if body.trim() == template.trim() || body.trim().is_empty() {
        bail!(
            "the body was left as the template, so nothing was contributed: write the JD's text under each heading and save"
        );
    }
    Ok(body)
}

/// The text without the template's `<!-- jdlib: ... -->` guidance lines.
fn without_guidance(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim();
        if !(trimmed.starts_with("<!-- jdlib:") && trimmed.ends_with("-->")) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The role registry as the base branch has it.
fn registry_at(repo: &Repo, base: &str) -> anyhow::Result<RoleRegistry> {
    let bytes = repo
        .read_path(base, ROLES_PATH)?
        .with_context(|| format!("{base} has no {ROLES_PATH}: is it a jdlib library?"))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(RoleRegistry::parse(ROLES_PATH, crate::library::document::strip_bom(&text)).0)
}
