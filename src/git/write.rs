//! Writing a contribution: blobs, a tree and a commit made straight in the object database on
//! top of a base commit, and a new branch pointing at it. The work tree, the index and HEAD are
//! never read or written, so a contributor mid-edit loses nothing.

use git2::build::TreeUpdateBuilder;
use git2::{ErrorCode, FileMode, Oid, Signature};

use super::{GitError, Repo, op};

/// The author of a commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Display name.
    pub name: String,
    /// Email address.
    pub email: String,
}

impl Person {
    /// Reads `Name <email>`, as `git commit --author` takes it.
    pub fn parse(text: &str) -> Result<Person, GitError> {
        let bad = || GitError::BadAuthor {
            given: text.to_owned(),
        };
        let (name, rest) = text.split_once('<').ok_or_else(bad)?;
        let email = rest.strip_suffix('>').ok_or_else(bad)?.trim();
        let name = name.trim();
        if name.is_empty() || email.is_empty() || email.contains(['<', '>']) {
            return Err(bad());
        }
        Ok(Person {
            name: name.to_owned(),
            email: email.to_owned(),
        })
    }
}

impl std::fmt::Display for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} <{}>", self.name, self.email)
    }
}

/// One file of a contribution: where it goes and what it holds.
#[derive(Clone, Debug)]
pub struct NewFile {
    /// Path from the repository root, `/`-separated.
    pub path: String,
    /// The bytes to commit.
    pub bytes: Vec<u8>,
}

impl Repo {
    /// The author: `given` (`Name <email>`) if there is one, else git's `user.name` and
    /// `user.email` from the usual configuration files.
    pub fn author(&self, given: Option<&str>) -> Result<Person, GitError> {
        if let Some(text) = given {
            return Person::parse(text);
        }
        let signature = self.repo.signature().map_err(|_| GitError::NoAuthor)?;
        match (signature.name().ok(), signature.email().ok()) {
            (Some(name), Some(email)) if !name.is_empty() && !email.is_empty() => Ok(Person {
                name: name.to_owned(),
                email: email.to_owned(),
            }),
            _ => Err(GitError::NoAuthor),
        }
    }

    /// The branch a contribution builds on when `--base` is not given: the default branch of
    /// `remote` (then of `origin`) as last fetched, else a local `main`, else `<remote>/main`.
    pub fn default_base(&self, remote: &str) -> Option<String> {
        let remotes = if remote == "origin" {
            vec![remote]
        } else {
            vec![remote, "origin"]
        };
        for name in &remotes {
            if let Ok(head) = self
                .repo
                .find_reference(&format!("refs/remotes/{name}/HEAD"))
                && let Ok(Some(target)) = head.symbolic_target()
                && let Some(short) = target.strip_prefix("refs/remotes/")
                && self.repo.find_reference(target).is_ok()
            {
                return Some(short.to_owned());
            }
        }
        let local = std::iter::once("refs/heads/main".to_owned());
        let tracking = remotes.iter().map(|r| format!("refs/remotes/{r}/main"));
        local
            .chain(tracking)
            .find(|r| self.repo.find_reference(r).is_ok())
            .map(|r| {
                r.trim_start_matches("refs/heads/")
                    .trim_start_matches("refs/remotes/")
                    .to_owned()
            })
    }

    /// The commit a base branch (or any revision) names.
    pub fn base_commit(&self, base: &str) -> Result<Oid, GitError> {
        self.repo
            .revparse_single(base)
            .and_then(|o| o.peel_to_commit())
            .map(|c| c.id())
            .map_err(|_| GitError::BaseNotFound {
                base: base.to_owned(),
            })
    }

    /// The name of `base` on the forge: `origin/main` is `main` there; a local `main` is too.
    pub fn upstream_name(&self, base: &str, remote: &str) -> String {
        let tracking = format!("refs/remotes/{base}");
        match base.strip_prefix(&format!("{remote}/")) {
            Some(rest) if self.repo.find_reference(&tracking).is_ok() => rest.to_owned(),
            _ => base.to_owned(),
        }
    }

    /// Whether a local branch of that name exists.
    pub fn has_branch(&self, name: &str) -> bool {
        self.repo
            .find_reference(&format!("refs/heads/{name}"))
            .is_ok()
    }

    /// Refuses names git would refuse (spaces, `..`, a trailing `.lock` and so on).
    pub fn check_branch_name(name: &str) -> Result<(), GitError> {
        if super::git_accepts(name) {
            Ok(())
        } else {
            Err(GitError::InvalidBranch {
                branch: name.to_owned(),
            })
        }
    }

    /// Writes `files` on top of `parent`'s tree and makes a commit of it, pointed at by no
    /// reference yet. Only the object database is written.
    pub fn commit_files(
        &self,
        parent: Oid,
        files: &[NewFile],
        author: &Person,
        message: &str,
    ) -> Result<Oid, GitError> {
        let parent = self
            .repo
            .find_commit(parent)
            .map_err(op(format!("reading commit {parent}")))?;
        let base_tree = parent
            .tree()
            .map_err(op(format!("reading the tree of {}", parent.id())))?;
        let mut update = TreeUpdateBuilder::new();
        for file in files {
            let blob = self
                .repo
                .blob(&file.bytes)
                .map_err(op(format!("storing {}", file.path)))?;
            update.upsert(file.path.as_str(), blob, FileMode::Blob);
        }
        let tree_id = update
            .create_updated(&self.repo, &base_tree)
            .map_err(op("building the commit's tree"))?;
        let tree = self
            .repo
            .find_tree(tree_id)
            .map_err(op("reading the new tree"))?;
        let signature = Signature::now(&author.name, &author.email)
            .map_err(op(format!("using `{author}` as the author")))?;
        self.repo
            .commit(None, &signature, &signature, message, &tree, &[&parent])
            .map_err(op("writing the commit"))
    }

    /// Creates branch `name` at `commit`, failing if it exists, also when another process
    /// creates it at the same moment.
    ///
    /// libgit2's plain `force = false` looks for the branch before taking the reference's lock,
    /// so two runs could both "create" it. Asking for the update to match the zero id moves the
    /// check under the lock: of two runs, exactly one gets the branch.
    pub fn create_branch(&self, name: &str, commit: Oid) -> Result<(), GitError> {
        Self::check_branch_name(name)?;
        let refname = format!("refs/heads/{name}");
        match self.repo.reference_matching(
            &refname,
            commit,
            true,
            Oid::ZERO_SHA1,
            "jdlib: new contribution",
        ) {
            Ok(_) => Ok(()),
            Err(e)
                if matches!(
                    e.code(),
                    ErrorCode::Exists | ErrorCode::Locked | ErrorCode::Modified
                ) =>
            {
                Err(GitError::BranchExists {
                    branch: name.to_owned(),
                })
            }
            Err(e) => Err(op(format!("creating branch {name}"))(e)),
        }
    }

    /// Deletes branch `name` if it still points at `commit` (undoing [`Repo::create_branch`]
    /// when a later step fails); a branch someone has since moved is left alone.
    pub fn delete_branch(&self, name: &str, commit: Oid) -> Result<(), GitError> {
        let refname = format!("refs/heads/{name}");
        match self.repo.find_reference(&refname) {
            Ok(mut reference) if reference.target() == Some(commit) => reference
                .delete()
                .map_err(op(format!("deleting branch {name}"))),
            _ => Ok(()),
        }
    }

    /// The fetch address of a remote, which says which forge hosts it.
    pub fn remote_url(&self, remote: &str) -> Result<String, GitError> {
        let no_remote = || GitError::NoRemote {
            remote: remote.to_owned(),
        };
        let found = self.repo.find_remote(remote).map_err(|_| no_remote())?;
        found.url().map(str::to_owned).map_err(|_| no_remote())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_author() {
        let p = Person::parse("Ada Lovelace <ada@example.org>").unwrap();
        assert_eq!(p.name, "Ada Lovelace");
        assert_eq!(p.email, "ada@example.org");
        for bad in [
            "Ada",
            "<ada@example.org>",
            "Ada <>",
            "Ada ada@example.org>",
            "Ada <a<b>",
        ] {
            assert!(Person::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn of_runs_creating_one_branch_at_once_exactly_one_gets_it() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let sig = Signature::now("T", "t@example.org").unwrap();
        let tree = repo
            .find_tree(repo.treebuilder(None).unwrap().write().unwrap())
            .unwrap();
        for round in 0..20 {
            // Distinct commits, so the winner can be told apart.
            let commits: Vec<Oid> = (0..6)
                .map(|i| {
                    repo.commit(None, &sig, &sig, &format!("{round}-{i}"), &tree, &[])
                        .unwrap()
                })
                .collect();
            let name = format!("race-{round}");
            let barrier = std::sync::Barrier::new(commits.len());
            let won: Vec<Oid> = std::thread::scope(|scope| {
                let handles: Vec<_> = commits
                    .iter()
                    .map(|&commit| {
                        let (name, barrier, path) = (&name, &barrier, dir.path());
                        scope.spawn(move || {
                            let repo = Repo::open_at(path).unwrap();
                            barrier.wait();
                            repo.create_branch(name, commit).ok().map(|()| commit)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .filter_map(|h| h.join().unwrap())
                    .collect()
            });
            assert_eq!(won.len(), 1, "round {round}: {won:?}");
            let target = repo
                .find_reference(&format!("refs/heads/{name}"))
                .unwrap()
                .target();
            assert_eq!(target, Some(won[0]), "round {round}");
        }
    }

    #[test]
    fn branch_names() {
        assert!(Repo::check_branch_name("contrib/greenwich-data-analyst-2024-03-01").is_ok());
        for bad in ["has space", "a..b", "end.lock", "", "-x/../y"] {
            assert!(Repo::check_branch_name(bad).is_err(), "{bad:?}");
        }
    }
}
