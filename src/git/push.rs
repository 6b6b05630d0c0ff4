//! Pushing with the user's own `git`, so their credential helpers, SSH agent, proxies and
//! `insteadOf` rules all apply, as cargo does with `net.git-fetch-with-cli`. jdlib never sees a
//! password or token on this path.

use std::process::{Command, Stdio};

use super::{GitError, Repo};

impl Repo {
    /// Pushes local branch `branch` to the branch of the same name on `remote`. With `prompt`
    /// (stdin is a terminal) git may ask for a password; without, it must fail, not wait.
    pub fn push_branch(&self, remote: &str, branch: &str, prompt: bool) -> Result<(), GitError> {
        self.remote_url(remote)?;
        let spec = format!("refs/heads/{branch}:refs/heads/{branch}");
        self.run_push(remote, branch, &[spec.as_str()], prompt)
    }

    /// Deletes `branch` from `remote` (undoing a push when a later step fails).
    pub fn delete_remote_branch(
        &self,
        remote: &str,
        branch: &str,
        prompt: bool,
    ) -> Result<(), GitError> {
        let spec = format!(":refs/heads/{branch}");
        self.run_push(remote, branch, &[spec.as_str()], prompt)
    }

    fn run_push(
        &self,
        remote: &str,
        branch: &str,
        specs: &[&str],
        prompt: bool,
    ) -> Result<(), GitError> {
        let dir = self.repo.workdir().unwrap_or_else(|| self.repo.path());
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(dir)
            .args(["push", "--porcelain", "--", remote])
            .args(specs)
            .stdin(Stdio::inherit())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if !prompt {
            command.env("GIT_TERMINAL_PROMPT", "0");
        }
        let output = command
            .output()
            .map_err(|e| GitError::NoGitProgram(e.to_string()))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        // `--porcelain` marks a refused reference with `!` whatever git's language.
        let refused = stdout.lines().any(|l| l.starts_with('!'));
        if output.status.success() && !refused {
            return Ok(());
        }
        let detail = last_message(&stdout, &stderr);
        if refused {
            Err(GitError::PushRejected {
                remote: remote.to_owned(),
                branch: branch.to_owned(),
                detail,
            })
        } else {
            Err(GitError::RemoteUnreachable {
                remote: remote.to_owned(),
                detail,
            })
        }
    }
}

/// git's most telling line: the reason on a refused reference, else its last error line.
fn last_message(stdout: &str, stderr: &str) -> String {
    let refused = stdout
        .lines()
        .filter(|l| l.starts_with('!'))
        .filter_map(|l| l.rsplit('\t').next())
        .find(|reason| !reason.is_empty());
    let line = refused.map(str::to_owned).or_else(|| {
        stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("hint:") && !l.starts_with("To "))
            .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
            .or_else(|| stderr.lines().map(str::trim).rfind(|l| !l.is_empty()))
            .map(str::to_owned)
    });
    line.map_or_else(
        || "git gave no reason".to_owned(),
        |l| {
            l.trim_start_matches("fatal: ")
                .trim_start_matches("error: ")
                .to_owned()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::last_message;

    #[test]
    fn picks_the_reason() {
        let porcelain = "To /tmp/remote.git\n!\trefs/heads/a:refs/heads/a\t[remote rejected] (pre-receive hook declined)\nDone\n";
        assert_eq!(
            last_message(porcelain, "error: failed to push some refs"),
            "[remote rejected] (pre-receive hook declined)"
        );
        let stderr = "fatal: '/nope' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\n";
        assert_eq!(
            last_message("", stderr),
            "'/nope' does not appear to be a git repository"
        );
        assert_eq!(last_message("", ""), "git gave no reason");
    }
}
