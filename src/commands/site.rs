//! `jdlib site`: builds the web site, and with `--serve` previews it and rebuilds on change.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::SiteArgs;
use crate::diagnostic::Severity;
use crate::library::{Library, Origin};
use crate::output::diagnostics;
use crate::site::{self, ForgeLinks, SiteOptions};
use crate::{Context, Outcome};

/// Libraries smaller than this build too fast for a progress bar to help.
const BAR_FROM_JDS: usize = 2000;

/// Runs `site`.
pub fn run(
    args: &SiteArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    if args.serve && args.rev.rev.is_some() {
        anyhow::bail!("--serve rebuilds from the work tree, so it does not go with --rev");
    }
    if let Some(url) = &args.base_url
        && !is_web_address(url)
    {
        anyhow::bail!(
            "--base-url must be the site's web address, starting https:// or http:// (for example https://councils.github.io/jd-library/), found `{url}`"
        );
    }
    let options = super::load_options(library, &args.rev, ctx);
    let lib = super::load(options.library.clone(), &args.rev, ctx)?;
    let out = match &args.out {
        Some(dir) if dir.is_absolute() => dir.clone(),
        Some(dir) => ctx.cwd.join(dir),
        None => lib.root.join("site"),
    };
    let site_options = site_options(args, &lib, out);
    let outcome = build_once(args, &lib, &site_options, ctx)?;
    if !args.serve {
        return Ok(outcome);
    }
    let listener = site::serve::bind(args.port).with_context(|| {
        format!(
            "listening on 127.0.0.1:{} (is another server using it? try --port)",
            args.port
        )
    })?;
    writeln!(
        ctx.err,
        "jdlib: serving {} on http://127.0.0.1:{}/ (Ctrl-C stops); rebuilding when library/ changes",
        display(&site_options.out, &ctx.cwd),
        args.port
    )?;
    let root = site_options.out.clone();
    std::thread::spawn(move || site::serve::serve(&listener, &root));
    let mut seen = fingerprint(&lib.root.join("library"));
    let mut pause = Duration::from_millis(700);
    loop {
        std::thread::sleep(pause);
        let started = Instant::now();
        let now = fingerprint(&lib.root.join("library"));
        // On a big library a look costs real time: look at most a fifth of the time.
        pause = (started.elapsed() * 4).max(Duration::from_millis(700));
        if now == seen {
            continue;
        }
        seen = now;
        match Library::load(&options) {
            Ok(lib) => {
                if let Err(err) = build_once(args, &lib, &site_options, ctx) {
                    writeln!(ctx.err, "jdlib: error: {err:#}")?;
                }
            }
            Err(err) => writeln!(ctx.err, "jdlib: error: loading the library: {err:#}")?,
        }
    }
}

fn build_once(
    args: &SiteArgs,
    lib: &Library,
    options: &SiteOptions,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let errors: Vec<_> = lib
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if args.strict && !errors.is_empty() {
        diagnostics::write_human(ctx.err, &errors, ctx.color_err)?;
        writeln!(
            ctx.err,
            "jdlib: {} error{} (--strict): the site was not built",
            errors.len(),
            super::plural(errors.len())
        )?;
        return Ok(Outcome::Problems);
    }
    let started = Instant::now();
    let total = lib.valid_jds().count();
    let bar = (total >= BAR_FROM_JDS && ctx.env.stderr_tty).then(|| {
        let bar = ProgressBar::new(total as u64).with_message("building JD pages");
        bar.set_style(
            ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} ({eta} left)")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |done: usize, _total: usize| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    let built = site::build(lib, options, &progress).context("building the site")?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if built.skipped > 0 {
        writeln!(
            ctx.err,
            "jdlib: left out {} JD file{} with errors (run `jdlib validate` for details)",
            built.skipped,
            super::plural(built.skipped)
        )?;
    }
    writeln!(
        ctx.err,
        "built {} JD page{}, {} role page{} in {:.1} s → {}",
        built.jd_pages,
        super::plural(built.jd_pages),
        built.role_pages,
        super::plural(built.role_pages),
        started.elapsed().as_secs_f64(),
        display(&options.out, &ctx.cwd)
    )?;
    Ok(Outcome::Success)
}

/// Links and addresses: flags first, else what the repository's `origin` says.
fn site_options(args: &SiteArgs, lib: &Library, out: PathBuf) -> SiteOptions {
    let forge = forge_links(args.repo.clone(), args.branch.clone(), lib.repo.as_ref());
    let base_url = args
        .base_url
        .clone()
        .or_else(|| forge.as_ref().and_then(ForgeLinks::pages_url))
        .map(|url| {
            if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            }
        });
    let history_rev = match &lib.origin {
        Origin::Revision(rev) => rev.clone(),
        Origin::WorkTree => "HEAD".to_owned(),
    };
    SiteOptions {
        out,
        base_url,
        forge,
        history_rev,
    }
}

/// The forge links for `repo` and `branch` as given, else as the repository's `origin` says.
pub(super) fn forge_links(
    repo: Option<String>,
    branch: Option<String>,
    git: Option<&crate::git::Repo>,
) -> Option<ForgeLinks> {
    let remote_url = repo.or_else(|| git.and_then(|r| r.remote_url("origin").ok()));
    let branch = branch
        .or_else(|| git.and_then(|r| r.remote_default_branch("origin")))
        .or_else(|| git.and_then(crate::git::Repo::current_branch))
        .unwrap_or_else(|| "main".to_owned());
    remote_url.and_then(|url| ForgeLinks::new(&url, &branch))
}

/// An absolute `http(s)` address with nothing in it that would break out of an attribute.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`".contains(c))
}

/// A path as the user would write it: relative to where they are, when it is below it.
fn display(path: &Path, cwd: &Path) -> String {
    let shown = path.strip_prefix(cwd).unwrap_or(path).display().to_string();
    if shown.is_empty() {
        ".".to_owned()
    } else {
        format!("{shown}/")
    }
}

/// What changes when a JD changes: every file's path, size and modification time.
fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                out.push((entry.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}
