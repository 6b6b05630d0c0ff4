//! Which names a new contribution branch may have: the ones `git check-ref-format --branch`
//! accepts, less those that would make another reference ambiguous (`HEAD`, a tag, a remote's
//! branch, a full `refs/...` name). A refused name stops the run before anything is written.

use super::{GitError, Repo};

/// Why a name that git itself accepts would still shadow another reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shadow {
    /// `HEAD` or its shorthand `@`.
    Head,
    /// A name starting `refs/`, which git reads as a full reference name.
    FullName,
    /// A tag of that name exists.
    Tag,
    /// It starts with a configured remote's name and `/`, like that remote's branches.
    RemoteBranch,
}

impl std::fmt::Display for Shadow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Shadow::Head => "git uses it for the current commit",
            Shadow::FullName => "names starting `refs/` are read as full reference names",
            Shadow::Tag => "a tag of that name exists",
            Shadow::RemoteBranch => "it reads as a branch of the remote of that name",
        })
    }
}

/// Whether `git check-ref-format --branch` accepts `name`: `refs/heads/<name>` must be a valid
/// reference name and the name must not start with `-` or be `HEAD`.
pub fn git_accepts(name: &str) -> bool {
    const FORBIDDEN: &[char] = &[' ', '~', '^', ':', '?', '*', '[', '\\'];
    !name.is_empty()
        && !name.starts_with('-')
        && name != "HEAD"
        && !name.contains("..")
        && !name.contains("@{")
        && !name.ends_with('.')
        && !name
            .chars()
            .any(|c| c.is_ascii_control() || FORBIDDEN.contains(&c))
        && name.split('/').all(|part| {
            !part.is_empty() && !part.starts_with('.') && !part.as_bytes().ends_with(b".lock")
        })
}

/// The shadowing a name causes whatever the repository holds.
fn shadow_anywhere(name: &str) -> Option<Shadow> {
    if name == "HEAD" || name == "@" {
        Some(Shadow::Head)
    } else if name.starts_with("refs/") {
        Some(Shadow::FullName)
    } else {
        None
    }
}

impl Repo {
    /// Refuses a branch name git would refuse, or one that would make `HEAD`, a tag or a
    /// remote's branch ambiguous in this repository.
    pub fn check_new_branch(&self, name: &str) -> Result<(), GitError> {
        let anywhere = shadow_anywhere(name);
        if anywhere.is_none() && !git_accepts(name) {
            return Err(GitError::InvalidBranch {
                branch: name.to_owned(),
            });
        }
        let shadow = anywhere.or_else(|| {
            if self
                .repo
                .find_reference(&format!("refs/tags/{name}"))
                .is_ok()
            {
                return Some(Shadow::Tag);
            }
            let remotes = self.repo.remotes().ok()?;
            remotes
                .iter()
                .filter_map(|remote| remote.ok().flatten())
                .any(|remote| {
                    name.strip_prefix(remote)
                        .is_some_and(|rest| rest.starts_with('/'))
                })
                .then_some(Shadow::RemoteBranch)
        });
        match shadow {
            Some(shadow) => Err(GitError::AmbiguousBranch {
                branch: name.to_owned(),
                shadow,
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &[
        "contrib/hackney-x",
        "a",
        "HEAD",
        "foo/HEAD",
        "-x",
        "a/-b",
        "@",
        "a@b",
        "@/x",
        "a@{b",
        "@{-1}",
        "x@{u}",
        "a..b",
        ".a",
        "a.",
        "a/.b",
        "a.lock",
        "a.lock/b",
        "a/b.lock/c",
        "a.locked",
        "a//b",
        "/a",
        "a/",
        "a b",
        "a~b",
        "a^b",
        "a:b",
        "a?b",
        "a*b",
        "a[b",
        "a]b",
        "a\\b",
        "a\tb",
        "a\u{7f}b",
        "héllo",
        "refs/heads/x",
        "origin/main",
        ".",
        "a/./b",
        "",
    ];

    /// The rules agree with git's own `check-ref-format --branch` on each tricky case.
    #[test]
    fn git_accepts_what_git_accepts() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for name in NAMES {
            let git = std::process::Command::new("git")
                .current_dir(dir.path())
                .args(["check-ref-format", "--branch", name])
                .output()
                .expect("git runs");
            assert_eq!(git_accepts(name), git.status.success(), "{name:?}");
        }
    }

    #[test]
    fn head_and_full_names_shadow_anywhere() {
        assert_eq!(shadow_anywhere("@"), Some(Shadow::Head));
        assert_eq!(shadow_anywhere("refs/heads/main"), Some(Shadow::FullName));
        assert_eq!(shadow_anywhere("contrib/refs/x"), None);
        assert_eq!(shadow_anywhere("contrib/x"), None);
    }
}
