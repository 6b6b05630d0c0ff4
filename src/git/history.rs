//! When library files last changed, from the commits that touched them: the site's "last
//! changed" dates, which must come from history (not the build's clock) so the same library
//! always builds the same pages.

use std::collections::HashMap;

use git2::{DiffOptions, Sort};

use super::{GitError, Repo, op};

impl Repo {
    /// The time (seconds since 1970, UTC) of the newest commit reachable from `rev` that
    /// changed each file under `prefix/`. Files never committed are absent. The walk stops
    /// once every file in `rev`'s tree has its date, so a long history costs only what it must.
    pub fn last_changed(&self, rev: &str, prefix: &str) -> Result<HashMap<String, i64>, GitError> {
        let mut dates = HashMap::new();
        let Some(entries) = self.list_tree(rev, prefix)? else {
            return Ok(dates);
        };
        let wanted = entries
            .iter()
            .filter(|e| e.kind == super::EntryKind::File)
            .count();
        let start = self
            .repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|_| GitError::RevisionNotFound {
                rev: rev.to_owned(),
            })?;
        let mut walk = self.repo.revwalk().map_err(op("walking history"))?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)
            .map_err(op("walking history"))?;
        walk.push(start.id()).map_err(op("walking history"))?;
        for oid in walk {
            let commit = self
                .repo
                .find_commit(oid.map_err(op("walking history"))?)
                .map_err(op("reading a commit"))?;
            let tree = commit.tree().map_err(op("reading a commit's files"))?;
            let parent = commit.parents().next();
            let parent_tree = parent
                .as_ref()
                .map(git2::Commit::tree)
                .transpose()
                .map_err(op("reading a commit's files"))?;
            let mut options = DiffOptions::new();
            options.pathspec(prefix);
            let diff = self
                .repo
                .diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut options))
                .map_err(op("comparing commits"))?;
            let when = commit.time().seconds();
            for delta in diff.deltas() {
                if let Some(path) = delta.new_file().path() {
                    let path = path.to_string_lossy().replace('\\', "/");
                    dates.entry(path).or_insert(when);
                }
            }
            if dates.len() >= wanted {
                break;
            }
        }
        Ok(dates)
    }

    /// The branch a remote's `HEAD` points at (`main` for `refs/remotes/origin/HEAD` ->
    /// `origin/main`), when the clone recorded it.
    pub fn remote_default_branch(&self, remote: &str) -> Option<String> {
        let head = self
            .repo
            .find_reference(&format!("refs/remotes/{remote}/HEAD"))
            .ok()?;
        let target = head.symbolic_target().ok().flatten()?;
        target
            .strip_prefix(&format!("refs/remotes/{remote}/"))
            .map(str::to_owned)
    }

    /// The current branch's name, when `HEAD` is on one.
    pub fn current_branch(&self) -> Option<String> {
        let head = self.repo.head().ok()?;
        if !head.is_branch() {
            return None;
        }
        head.shorthand().ok().map(str::to_owned)
    }
}
