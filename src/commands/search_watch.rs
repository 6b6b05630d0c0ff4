//! `jdlib search-watch` (hidden): the watcher that warm searches ask what changed.

use std::path::Path;

use anyhow::Context as _;

use crate::git::Repo;
use crate::library::locate;
use crate::search::watch;
use crate::{Context, Outcome};

/// Watches the library found from `library` (or the current folder) until it goes away or no
/// search has asked for a while.
pub fn run(library: Option<&Path>, ctx: &mut Context<'_>) -> anyhow::Result<Outcome> {
    let root = locate(library, &ctx.cwd)?;
    let repo = Repo::open_at(&root).with_context(|| {
        format!(
            "{} is not in a git repository: searches keep no index there to watch for",
            root.display()
        )
    })?;
    let store = repo.git_dir().join("jdlib").join("search");
    drop(repo);
    watch::serve(&root, &store).context("watching the library for searches")?;
    Ok(Outcome::Success)
}
