//! Contributions: new or changed JDs checked against the base branch, committed on
//! a new branch straight into the object database, then pushed with the user's `git` and
//! offered as a pull request.
//!
//! Everything that can fail before a reference exists is tried first (validation, lint, the
//! base, the branch name, the remote, the token), so a refusal leaves nothing behind; a push or
//! pull request that fails afterwards takes the new branch away again.

pub mod describe;
pub mod draft;
pub mod editor;
pub mod form;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::forge::RemoteRepo;
use crate::forge::github::{self, Client, GithubEnv, NewPull};
use crate::git::{GitError, NewFile, Oid, Person, Repo};
use crate::library::changed::{Base, check_over_base};
use crate::library::check::{self, JobDescription};
use crate::library::register::Register;
use crate::library::source::{Entry, Origin};
use crate::library::{ROLES_PATH, load_registry};
use crate::lint::{self, LintConfig};

/// A contribution could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ContributeError {
    /// Git said no.
    #[error(transparent)]
    Git(#[from] GitError),
    /// GitHub said no.
    #[error(transparent)]
    Api(#[from] github::ApiError),
    /// The lint configuration is broken.
    #[error(transparent)]
    LintConfig(#[from] lint::config::ConfigError),
    /// The undo after a failure failed too: say exactly what is left.
    #[error("{cause}; and {left}")]
    LeftBehind {
        /// The first failure.
        cause: Box<ContributeError>,
        /// What could not be cleaned up, and how to do it by hand.
        left: String,
    },
}

/// What the checks found about the contributed files.
pub struct Findings {
    /// `validate`'s findings that involve the files (library-wide rules included).
    pub validate: Vec<Diagnostic>,
    /// `lint`'s findings on the files.
    pub lint: Vec<Diagnostic>,
    /// The files as JDs, for the commit message and the pull request.
    pub jds: Vec<JobDescription>,
}

impl Findings {
    /// Errors, from either check.
    pub fn errors(&self) -> usize {
        self.all().filter(|d| d.severity == Severity::Error).count()
    }

    /// Warnings, from either check.
    pub fn warnings(&self) -> usize {
        self.all()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Every finding, validation first.
    pub fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.validate.iter().chain(&self.lint)
    }
}

/// Checks `files` as they would be in `base`: every per-file rule, the library-wide rules
/// against the base's other JDs (through the summary cache), and lint.
pub fn check(
    repo: &Repo,
    root: &Path,
    base: &str,
    files: &[NewFile],
    use_cache: bool,
) -> Result<Findings, ContributeError> {
    let roles = repo
        .entry_at(base, ROLES_PATH)?
        .map(|(kind, oid)| Entry::in_git(ROLES_PATH.to_owned(), kind, oid));
    let mut registry_findings = Vec::new();
    let (registry, registry_loaded) =
        load_registry(roles.as_ref(), Some(repo), &mut registry_findings);
    let ctx = check::Context {
        registry: &registry,
        registry_loaded,
        register: Register::get(),
        today: Date::today(),
    };
    let entries: Vec<Entry> = files
        .iter()
        .map(|f| Entry::in_memory(f.path.clone(), Arc::from(f.bytes.as_slice())))
        .collect();
    let changed: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    let base = Base {
        repo,
        root,
        rev: base,
        use_cache,
        blame_checked: true,
    };
    let report = check_over_base(&base, &entries, &changed, &Origin::WorkTree, &ctx)?;
    let mut validate = report.diagnostics;
    // A broken registry on the base is not the contributor's doing, but it stops every role
    // check, so it is shown.
    validate.extend(registry_findings);

    let config = LintConfig::load(root)?;
    let prepared = lint::rules::Prepared::new(&config);
    let mut lint_found = Vec::new();
    for file in files {
        let text = String::from_utf8_lossy(&file.bytes);
        let report = lint::lint_text(&file.path, &text, &config, &prepared, &registry);
        lint_found.extend(report.diagnostics);
    }
    Ok(Findings {
        validate,
        lint: lint_found,
        jds: report.jds,
    })
}

/// What to commit.
pub struct Change {
    /// The files, each at its final path.
    pub files: Vec<NewFile>,
    /// The commit message.
    pub message: String,
    /// The pull request's title.
    pub title: String,
    /// The pull request's body (Markdown).
    pub body: String,
}

/// Where the change goes.
pub struct Target {
    /// The base revision, as given or defaulted (`origin/main`, `main`).
    pub base: String,
    /// The branch to create; when `explicit` is false, `-2`, `-3`... are tried if it is taken.
    pub branch: String,
    /// Whether the user chose the branch name (then it is never altered).
    pub explicit: bool,
    /// The commit's author.
    pub author: Person,
    /// The remote to push to, if any.
    pub push: Option<String>,
    /// Whether to open a pull request.
    pub pr: bool,
    /// Whether git may ask for a password on the terminal while pushing.
    pub prompt: bool,
    /// Where GitHub's API is and the tokens for it.
    pub github: GithubEnv,
}

/// What was done.
#[derive(Debug, serde::Serialize)]
pub struct Receipt {
    /// The new branch.
    pub branch: String,
    /// The new commit.
    pub commit: String,
    /// The first file's path.
    pub path: String,
    /// Every file's path.
    pub paths: Vec<String>,
    /// The base it was built on.
    pub base: String,
    /// Whether the branch was pushed.
    pub pushed: bool,
    /// The remote pushed to.
    pub remote: Option<String>,
    /// The pull request opened through the API.
    pub pull_request_url: Option<String>,
    /// Where to open one by hand, when none was opened.
    pub open_pull_request_at: Option<String>,
}

/// How the pull request will be made, settled before anything is written.
enum PullPlan {
    None,
    Api {
        client: Client,
        repo: RemoteRepo,
    },
    /// No token, or not GitHub: the forge's page for a new request, when jdlib knows it.
    ByHand(Option<RemoteRepo>),
}

/// Commits `change` on a new branch on top of `target.base`, then pushes it and opens the pull
/// request as asked. On failure, nothing new is left but unreferenced objects.
pub fn publish(repo: &Repo, change: &Change, target: &Target) -> Result<Receipt, ContributeError> {
    let parent = repo.base_commit(&target.base)?;
    repo.check_new_branch(&target.branch)?;
    if target.explicit && repo.has_branch(&target.branch) {
        return Err(GitError::BranchExists {
            branch: target.branch.clone(),
        }
        .into());
    }
    let remote = target.push.as_deref();
    let upstream_base = repo.upstream_name(&target.base, remote.unwrap_or("origin"));
    let pull = match (target.pr, remote) {
        (true, Some(remote)) => plan_pull(repo, remote, &target.github)?,
        _ => PullPlan::None,
    };
    let commit = repo.commit_files(parent, &change.files, &target.author, &change.message)?;
    let branch = create_branch(repo, target, commit)?;

    let mut receipt = Receipt {
        branch: branch.clone(),
        commit: commit.to_string(),
        path: change
            .files
            .first()
            .map(|f| f.path.clone())
            .unwrap_or_default(),
        paths: change.files.iter().map(|f| f.path.clone()).collect(),
        base: target.base.clone(),
        pushed: false,
        remote: remote.map(str::to_owned),
        pull_request_url: None,
        open_pull_request_at: None,
    };
    let Some(remote) = remote else {
        return Ok(receipt);
    };
    if let Err(err) = repo.push_branch(remote, &branch, target.prompt) {
        return Err(undo(repo, err.into(), &branch, commit, None, target.prompt));
    }
    receipt.pushed = true;
    match pull {
        PullPlan::None => {}
        PullPlan::ByHand(forge) => {
            receipt.open_pull_request_at =
                forge.and_then(|f| f.new_pull_request_url(&upstream_base, &branch));
        }
        PullPlan::Api {
            client,
            repo: forge,
        } => {
            let request = NewPull {
                title: &change.title,
                head: &branch,
                base: &upstream_base,
                body: &change.body,
                maintainer_can_modify: true,
            };
            match client.create_pull(&forge.owner, &forge.name, &request) {
                Ok(url) => receipt.pull_request_url = Some(url),
                Err(err) => {
                    return Err(undo(
                        repo,
                        err.into(),
                        &branch,
                        commit,
                        Some(remote),
                        target.prompt,
                    ));
                }
            }
        }
    }
    Ok(receipt)
}

/// Settles how the pull request will be opened, and checks a GitHub token now so that a
/// rejected one stops the run before any branch exists.
fn plan_pull(repo: &Repo, remote: &str, env: &GithubEnv) -> Result<PullPlan, ContributeError> {
    let url = repo.remote_url(remote)?;
    let Some(forge) = RemoteRepo::parse(&url) else {
        return Ok(PullPlan::ByHand(None));
    };
    if forge.kind == crate::forge::ForgeKind::GitHub
        && let Some((token, source)) = github::find_token(&forge.host, env)
    {
        let client = Client::new(token, source, env.api.as_deref());
        client.check_repository(&forge.owner, &forge.name)?;
        return Ok(PullPlan::Api {
            client,
            repo: forge,
        });
    }
    Ok(PullPlan::ByHand(Some(forge)))
}

/// Creates the branch; a default name that is taken (by an earlier contribution, or by
/// another run at this very moment) moves on to `-2`, `-3`...
fn create_branch(repo: &Repo, target: &Target, commit: Oid) -> Result<String, ContributeError> {
    if target.explicit {
        repo.create_branch(&target.branch, commit)?;
        return Ok(target.branch.clone());
    }
    for n in 1..=100 {
        let name = if n == 1 {
            target.branch.clone()
        } else {
            format!("{}-{n}", target.branch)
        };
        match repo.create_branch(&name, commit) {
            Ok(()) => return Ok(name),
            Err(GitError::BranchExists { .. }) => {}
            Err(err) => return Err(err.into()),
        }
    }
    Err(GitError::BranchExists {
        branch: target.branch.clone(),
    }
    .into())
}

/// Takes away what a failed run created: the remote branch (when pushed) and the local one.
fn undo(
    repo: &Repo,
    cause: ContributeError,
    branch: &str,
    commit: Oid,
    pushed_to: Option<&str>,
    prompt: bool,
) -> ContributeError {
    let mut left = Vec::new();
    if let Some(remote) = pushed_to
        && repo.delete_remote_branch(remote, branch, prompt).is_err()
    {
        left.push(format!(
            "branch `{branch}` is still on `{remote}`: remove it with `git push {remote} --delete refs/heads/{branch}`"
        ));
    }
    if repo.delete_branch(branch, commit).is_err() {
        left.push(format!(
            "local branch `{branch}` is still there: remove it with `git branch -D {branch}`"
        ));
    }
    if left.is_empty() {
        cause
    } else {
        ContributeError::LeftBehind {
            cause: Box::new(cause),
            left: left.join("; "),
        }
    }
}
