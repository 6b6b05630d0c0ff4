//! The only module that talks to git: reading a revision's files straight from the object
//! database, finding which files changed since a revision (here), writing a contribution's
//! commit and branch without touching the work tree (`write.rs`), and pushing it with the
//! user's own `git` (`push.rs`).

mod branch_name;
mod history;
mod push;
mod write;

pub use branch_name::{Shadow, git_accepts};
pub use write::{NewFile, Person};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use git2::{DiffOptions, ObjectType, Repository};

/// A git object id (re-exported so no other module needs git2).
pub use git2::Oid;

/// Something git could not do for us.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// `--rev` or `--changed-since` was given but the library is not in a git repository.
    #[error(
        "{root} is not the top folder of a git repository, so `{flag}` cannot be used: run `git init` there, or drop `{flag}`"
    )]
    NotInRepository {
        /// The library root.
        root: PathBuf,
        /// The flag that needs git.
        flag: &'static str,
    },
    /// The revision does not name a commit.
    #[error(
        "revision `{rev}` was not found in this repository: check the branch, tag or commit name (try `git log --oneline`)"
    )]
    RevisionNotFound {
        /// What was asked for.
        rev: String,
    },
    /// The base branch of a contribution does not exist.
    #[error(
        "base branch `{base}` was not found: pass `--base` with a branch that exists (see `git branch -a`), or fetch it first with `git fetch`"
    )]
    BaseNotFound {
        /// What was asked for.
        base: String,
    },
    /// The branch a contribution would create is already there.
    #[error(
        "branch `{branch}` already exists: pass `--branch` with another name, or delete it with `git branch -D {branch}` if it is left over"
    )]
    BranchExists {
        /// The branch name.
        branch: String,
    },
    /// A branch name git would refuse.
    #[error(
        "`{branch}` cannot be a git branch name: use letters, digits, `-`, `_`, `.` and `/` (see `git check-ref-format --help`)"
    )]
    InvalidBranch {
        /// The name given.
        branch: String,
    },
    /// A name git accepts that would make another reference ambiguous.
    #[error(
        "`{branch}` cannot be the new branch's name: {shadow}; pass `--branch` with another name"
    )]
    AmbiguousBranch {
        /// The name given.
        branch: String,
        /// What it would shadow.
        shadow: Shadow,
    },
    /// No author could be found.
    #[error(
        "who is the author? Pass `--author \"Your Name <you@example.org>\"`, or set it once with `git config --global user.name \"Your Name\"` and `git config --global user.email you@example.org`"
    )]
    NoAuthor,
    /// `--author` is not `Name <email>`.
    #[error("`--author` must look like `Your Name <you@example.org>`, found `{given}`")]
    BadAuthor {
        /// What was given.
        given: String,
    },
    /// The remote is not configured.
    #[error(
        "there is no remote called `{remote}` in this repository: check `git remote -v`, or name another with `--push=REMOTE`"
    )]
    NoRemote {
        /// The remote name.
        remote: String,
    },
    /// `git push` could not reach the remote.
    #[error(
        "could not reach remote `{remote}` ({detail}): check your network and the remote's address (`git remote -v`), then run the command again"
    )]
    RemoteUnreachable {
        /// The remote name.
        remote: String,
        /// git's own last line.
        detail: String,
    },
    /// The remote refused the push.
    #[error(
        "remote `{remote}` refused the push of `{branch}` ({detail}): check you may push there, or that the branch is not already on the remote; then run the command again"
    )]
    PushRejected {
        /// The remote name.
        remote: String,
        /// The branch pushed.
        branch: String,
        /// git's own last line.
        detail: String,
    },
    /// The `git` program could not be run at all.
    #[error(
        "could not run `git` to push ({0}): install git, or leave out `--push` and push the branch yourself"
    )]
    NoGitProgram(String),
    /// Any other libgit2 failure, with what we were doing.
    #[error("git: {action}")]
    Operation {
        /// What we were doing.
        action: String,
        /// libgit2's reason.
        #[source]
        source: git2::Error,
    },
}

fn op(action: impl Into<String>) -> impl FnOnce(git2::Error) -> GitError {
    let action = action.into();
    move |source| GitError::Operation { action, source }
}

/// What a tree entry is, as far as the library layout cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file (blob).
    File,
    /// A folder (tree).
    Folder,
    /// A symbolic link.
    Symlink,
    /// A submodule or anything else.
    Other,
}

/// One entry under `library/` in a revision.
#[derive(Clone, Debug)]
pub struct TreeEntry {
    /// Path from the repository root, `/`-separated.
    pub path: String,
    /// Blob or tree id.
    pub oid: Oid,
    /// What it is.
    pub kind: EntryKind,
}

/// A repository whose work tree is the library root.
pub struct Repo {
    repo: Repository,
}

impl Repo {
    /// Opens the repository whose work tree is exactly `root`, if there is one.
    pub fn open_at(root: &Path) -> Option<Repo> {
        static SETTINGS: std::sync::Once = std::sync::Once::new();
        SETTINGS.call_once(|| {
            // jdlib reads each blob once: libgit2's object cache would only hold every file of
            // a large library in memory, and re-hashing each object on read repeats the check
            // git made when it wrote it.
            git2::opts::enable_caching(false);
            git2::opts::strict_hash_verification(false);
        });
        let repo = Repository::open(root).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        (workdir == root.canonicalize().ok()?).then_some(Repo { repo })
    }

    /// The repository's `.git` folder.
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    fn tree_of(&self, rev: &str) -> Result<git2::Tree<'_>, GitError> {
        // libgit2's own text ("revspec 'x' not found; class=Reference (4)") adds nothing a
        // person can act on beyond our message, so it is not chained.
        let not_found = |_| GitError::RevisionNotFound {
            rev: rev.to_owned(),
        };
        self.repo
            .revparse_single(rev)
            .map_err(not_found)?
            .peel_to_tree()
            .map_err(not_found)
    }

    /// Every entry under `prefix/` (two levels deep is all the layout allows, but everything is
    /// listed so stray folders can be reported) in revision `rev`.
    pub fn list_tree(&self, rev: &str, prefix: &str) -> Result<Option<Vec<TreeEntry>>, GitError> {
        let tree = self.tree_of(rev)?;
        let Ok(entry) = tree.get_path(Path::new(prefix)) else {
            return Ok(None);
        };
        let sub = self
            .repo
            .find_tree(entry.id())
            .map_err(op(format!("reading `{prefix}/` in {rev}")))?;
        let mut out = Vec::new();
        sub.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
            let kind = match (e.kind(), e.filemode()) {
                (_, 0o120_000) => EntryKind::Symlink,
                (Some(ObjectType::Blob), _) => EntryKind::File,
                (Some(ObjectType::Tree), _) => EntryKind::Folder,
                _ => EntryKind::Other,
            };
            let name = String::from_utf8_lossy(e.name_bytes());
            out.push(TreeEntry {
                path: format!("{prefix}/{dir}{name}"),
                oid: e.id(),
                kind,
            });
            // A folder's own entry is recorded; its contents are walked too so that stray
            // nested files are reported rather than silently skipped.
            git2::TreeWalkResult::Ok
        })
        .map_err(op(format!("walking `{prefix}/` in {rev}")))?;
        Ok(Some(out))
    }

    /// The bytes of a blob, refusing (returning the size) when it is larger than `limit`.
    pub fn read_blob(&self, oid: Oid, limit: usize) -> Result<Result<Vec<u8>, usize>, GitError> {
        let odb = self.repo.odb().map_err(op("opening the object database"))?;
        let (size, _) = odb
            .read_header(oid)
            .map_err(op(format!("reading object {oid}")))?;
        if size > limit {
            return Ok(Err(size));
        }
        let blob = self
            .repo
            .find_blob(oid)
            .map_err(op(format!("reading object {oid}")))?;
        Ok(Ok(blob.content().to_vec()))
    }

    /// The bytes of `path` in revision `rev`.
    pub fn read_path(&self, rev: &str, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let tree = self.tree_of(rev)?;
        let Ok(entry) = tree.get_path(Path::new(path)) else {
            return Ok(None);
        };
        let blob = self
            .repo
            .find_blob(entry.id())
            .map_err(op(format!("reading {path} in {rev}")))?;
        Ok(Some(blob.content().to_vec()))
    }

    /// Paths under `prefix/` added, modified or deleted since `since`, compared with revision
    /// `against` or, when `None`, with the work tree (tracked changes, staged or not, and
    /// untracked files that are not ignored).
    ///
    /// For the work tree this asks the `git` command first: on a 100,000-file library it takes
    /// a third of the time of libgit2's work-tree diff (see BENCHMARKS.md). Without `git`, or
    /// if it fails, libgit2 gives the same answer.
    pub fn changed_since(
        &self,
        since: &str,
        against: Option<&str>,
        prefix: &str,
    ) -> Result<BTreeSet<String>, GitError> {
        self.tree_of(since)?;
        if against.is_none()
            && let Some(paths) = self.changed_with_cli(since, prefix)
        {
            return Ok(paths);
        }
        self.changed_with_libgit2(since, against, prefix)
    }

    /// The `git` command's view of the work tree's changes, or `None` if it cannot say.
    pub fn changed_with_cli(&self, since: &str, prefix: &str) -> Option<BTreeSet<String>> {
        let workdir = self.repo.workdir()?;
        let spawn = |args: &[&str]| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(workdir)
                .args(args)
                // Reading must not take git's index lock from under the user's own git.
                .env("GIT_OPTIONAL_LOCKS", "0")
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .ok()
        };
        // Both run at once: one compares tracked files with `since`, one lists new files.
        let diff = spawn(&[
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            since,
            "--",
            prefix,
        ])?;
        let others = spawn(&[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--",
            prefix,
        ])?;
        let mut paths = BTreeSet::new();
        for child in [diff, others] {
            let output = child.wait_with_output().ok()?;
            if !output.status.success() {
                return None;
            }
            for path in output.stdout.split(|&b| b == 0).filter(|p| !p.is_empty()) {
                paths.insert(String::from_utf8_lossy(path).into_owned());
            }
        }
        Some(paths)
    }

    /// libgit2's view of the changes since `since`.
    pub fn changed_with_libgit2(
        &self,
        since: &str,
        against: Option<&str>,
        prefix: &str,
    ) -> Result<BTreeSet<String>, GitError> {
        let base = self.tree_of(since)?;
        let mut options = DiffOptions::new();
        options
            .pathspec(prefix)
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_typechange(true);
        let diff = match against {
            Some(rev) => {
                let tree = self.tree_of(rev)?;
                self.repo
                    .diff_tree_to_tree(Some(&base), Some(&tree), Some(&mut options))
            }
            None => self
                .repo
                .diff_tree_to_workdir_with_index(Some(&base), Some(&mut options)),
        }
        .map_err(op(format!("comparing with {since}")))?;
        let mut paths = BTreeSet::new();
        // Deleted paths are included: deleting `roles.yaml` must still report its absence.
        for delta in diff.deltas() {
            for file in [delta.old_file(), delta.new_file()] {
                if let Some(path) = file.path() {
                    paths.insert(path.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        Ok(paths)
    }

    /// What `path` is in revision `rev`, and its object id.
    pub fn entry_at(&self, rev: &str, path: &str) -> Result<Option<(EntryKind, Oid)>, GitError> {
        let tree = self.tree_of(rev)?;
        let Ok(entry) = tree.get_path(Path::new(path)) else {
            return Ok(None);
        };
        let kind = match (entry.kind(), entry.filemode()) {
            (_, 0o120_000) => EntryKind::Symlink,
            (Some(ObjectType::Blob), _) => EntryKind::File,
            (Some(ObjectType::Tree), _) => EntryKind::Folder,
            _ => EntryKind::Other,
        };
        Ok(Some((kind, entry.id())))
    }
}
