//! What `contribute` and `propose` share: finding the repository and the base, checking the
//! files, committing them and reporting what was done.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::cli::{SubmitArgs, SubmitFormat};
use crate::contribute::{self, Change, Findings, Receipt, Target};
use crate::env::Env;
use crate::git::{NewFile, Repo};
use crate::output::style;
use crate::{Context, Outcome};

/// The repository and base a submission works against.
pub struct Workspace {
    /// The library root.
    pub root: PathBuf,
    /// Its repository.
    pub repo: Repo,
    /// The base revision.
    pub base: String,
}

/// Finds the library's repository and settles the base branch.
pub fn workspace(
    library: Option<&Path>,
    args: &SubmitArgs,
    cwd: &Path,
) -> anyhow::Result<Workspace> {
    let root = crate::library::locate(library, cwd).context("finding the library")?;
    let Some(repo) = Repo::open_at(&root) else {
        bail!(
            "{} is not the top folder of a git repository: contributions are commits, so clone the library with git first (`git clone URL`) and run jdlib inside it",
            root.display()
        );
    };
    let remote = args.push.as_deref().unwrap_or("origin");
    let base = match &args.base {
        Some(base) => base.clone(),
        None => repo
            .default_base(remote)
            .unwrap_or_else(|| "main".to_owned()),
    };
    repo.base_commit(&base)?;
    if let Some(branch) = &args.branch {
        repo.check_new_branch(branch)?;
    }
    Ok(Workspace { root, repo, base })
}

/// Checks the files against the base and prints the findings on stderr. `None` when there is
/// an error (the caller stops: nothing is written).
pub fn check(
    ws: &Workspace,
    files: &[NewFile],
    use_cache: bool,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Option<Findings>> {
    let findings = contribute::check(&ws.repo, &ws.root, &ws.base, files, use_cache)
        .context("checking the contribution")?;
    let found: Vec<_> = findings.all().cloned().collect();
    crate::output::diagnostics::write_human(ctx.err, &found, ctx.color_err)?;
    let errors = findings.errors();
    if errors > 0 {
        writeln!(
            ctx.err,
            "jdlib: {errors} error{} (checked against {}): nothing was committed; fix the file and run the command again",
            super::plural(errors),
            ws.base
        )?;
        return Ok(None);
    }
    Ok(Some(findings))
}

/// The branch and author, from the flags or their defaults.
pub fn target(
    ws: &Workspace,
    args: &SubmitArgs,
    default_branch: String,
    env: &Env,
) -> anyhow::Result<Target> {
    let author = ws.repo.author(args.author.as_deref())?;
    let (branch, explicit) = match &args.branch {
        Some(name) => (name.clone(), true),
        None => (default_branch, false),
    };
    // A pull request needs the branch on the remote.
    let push = args
        .push
        .clone()
        .or_else(|| args.pr.then(|| "origin".to_owned()));
    Ok(Target {
        base: ws.base.clone(),
        branch,
        explicit,
        author,
        push,
        pr: args.pr,
        prompt: env.stdin_tty,
        github: env.github.clone(),
    })
}

/// Commits (unless `--dry-run`) and reports.
pub fn publish(
    ws: &Workspace,
    change: &Change,
    target: &Target,
    args: &SubmitArgs,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    if args.dry_run {
        writeln!(
            ctx.err,
            "jdlib: dry run: would commit {} on a new branch {} based on {}, as {}; nothing was written",
            change
                .files
                .iter()
                .map(|f| f.path.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            target.branch,
            target.base,
            target.author
        )?;
        return Ok(Outcome::Success);
    }
    let receipt = contribute::publish(&ws.repo, change, target)?;
    match args.format {
        SubmitFormat::Json => crate::output::write_json(ctx.out, &receipt)?,
        SubmitFormat::Human => report(&receipt, ctx)?,
    }
    Ok(Outcome::Success)
}

fn report(r: &Receipt, ctx: &mut Context<'_>) -> anyhow::Result<()> {
    let on = ctx.color_out;
    let short = &r.commit[..r.commit.len().min(10)];
    writeln!(
        ctx.out,
        "Committed {} on new branch {} ({short}), based on {}.",
        r.paths.join(", "),
        style::bold(&r.branch, on),
        r.base
    )?;
    match (&r.remote, r.pushed) {
        (Some(remote), true) => writeln!(ctx.out, "Pushed {} to {remote}.", r.branch)?,
        _ => writeln!(
            ctx.out,
            "Next: push it with `git push origin refs/heads/{0}:refs/heads/{0}`, or run the command again with --push --pr.",
            r.branch
        )?,
    }
    if let Some(url) = &r.pull_request_url {
        writeln!(ctx.out, "Pull request: {}", style::bold(url, on))?;
    } else if let Some(url) = &r.open_pull_request_at {
        writeln!(
            ctx.out,
            "Open the pull request here: {}",
            style::bold(url, on)
        )?;
    } else if r.pushed {
        writeln!(
            ctx.out,
            "Open a pull request for {} on your git host's website.",
            r.branch
        )?;
    }
    Ok(())
}
