//! `jdlib propose`: the comment-access equivalent. A changed version of one JD, checked and
//! committed on a new branch for its maintainers to review.

use std::io::BufRead;
use std::path::Path;

use anyhow::bail;

use crate::cli::ProposeArgs;
use crate::contribute::{Change, describe, editor};
use crate::date::Date;
use crate::git::NewFile;
use crate::{Context, Outcome};

/// Runs `propose`.
pub fn run(
    args: &ProposeArgs,
    library: Option<&Path>,
    use_cache: bool,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let ws = super::submit::workspace(library, &args.submit, &ctx.cwd)?;
    let path = super::validate::relative_to_root(&args.path, &ctx.cwd, &ws.root)?;
    let Some(current) = ws.repo.read_path(&ws.base, &path)? else {
        bail!(
            "{path} is not in {}: `propose` improves a JD that is already in the library; to add a new one, use `jdlib contribute`",
            ws.base
        );
    };
    let current = String::from_utf8_lossy(&current).into_owned();
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or("jd")
        .trim_end_matches(".md");
    let proposed = match &args.from {
        Some(file) => super::drafts::read(file)?,
        None => editor::edit(ctx.env.editor.as_deref(), &current, stem, "`--from FILE`")?,
    };
    if proposed == current {
        writeln!(
            ctx.err,
            "jdlib: {path} is unchanged from {}, so there is nothing to propose",
            ws.base
        )?;
        return Ok(Outcome::Problems);
    }
    let message = match &args.message {
        Some(m) if !m.trim().is_empty() => m.trim().to_owned(),
        _ => ask_message(&path, ctx)?,
    };

    let files = vec![NewFile {
        path: path.clone(),
        bytes: proposed.into_bytes(),
    }];
    let Some(findings) = super::submit::check(&ws, &files, use_cache, ctx)? else {
        return Ok(Outcome::Problems);
    };
    let subject = message.lines().next().unwrap_or_default().to_owned();
    let rest = message.lines().skip(1).collect::<Vec<_>>().join("\n");
    let note = format!("{}\n\nProposed change to {path}.", rest.trim());
    let change = Change {
        message: describe::commit_message(&subject, &findings.jds, Some(note.trim())),
        body: describe::pull_request_body(
            &format!(
                "This pull request proposes a change to `{path}`, made with `jdlib propose`.\n\n{message}"
            ),
            &findings.jds,
            &findings,
        ),
        title: subject,
        files,
    };
    let branch = format!("propose/{stem}-{}", Date::today());
    let target = super::submit::target(&ws, &args.submit, branch, &ctx.env)?;
    super::submit::publish(&ws, &change, &target, &args.submit, ctx)
}

/// Asks for the commit message in a terminal; elsewhere `--message` is required.
fn ask_message(path: &str, ctx: &mut Context<'_>) -> anyhow::Result<String> {
    if !ctx.env.stdin_tty {
        bail!("say what the change to {path} does and why: add `--message \"...\"`");
    }
    loop {
        write!(ctx.err, "What does the change do, and why? (one line): ")?;
        ctx.err.flush()?;
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line)? == 0 {
            bail!("no message was given, so nothing was proposed");
        }
        if !line.trim().is_empty() {
            return Ok(line.trim().to_owned());
        }
    }
}
