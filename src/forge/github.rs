//! Opening a pull request through GitHub's REST API (`POST /repos/{owner}/{repo}/pulls`), with
//! a small blocking client (ureq with rustls: no async runtime for two requests).
//!
//! The token is found as the `gh` CLI finds it: `GH_TOKEN`, then `GITHUB_TOKEN`, then
//! `gh auth token`. It is only ever sent in the `Authorization` header: never printed, logged
//! or written to disk, and [`Token`]'s `Debug` hides it.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde::Serialize;

/// The API root, unless the environment names another (GitHub Enterprise, or a test server).
const DEFAULT_API: &str = "https://api.github.com";

/// A GitHub token. Its text is reachable only by the client that sends it.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// A token with this text.
    pub fn new(text: String) -> Token {
        Token(text)
    }
}

/// What the environment says about GitHub (`JDLIB_GITHUB_API`, `GH_TOKEN`, `GITHUB_TOKEN`).
#[derive(Clone, Debug, Default)]
pub struct GithubEnv {
    /// The API root, when it is not api.github.com.
    pub api: Option<String>,
    /// `GH_TOKEN`.
    pub gh_token: Option<Token>,
    /// `GITHUB_TOKEN`.
    pub github_token: Option<Token>,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<hidden>)")
    }
}

/// Where a token came from, to say so in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenSource {
    /// `GH_TOKEN`.
    GhTokenVar,
    /// `GITHUB_TOKEN`.
    GithubTokenVar,
    /// `gh auth token`.
    GhCli,
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TokenSource::GhTokenVar => "GH_TOKEN",
            TokenSource::GithubTokenVar => "GITHUB_TOKEN",
            TokenSource::GhCli => "`gh auth token`",
        })
    }
}

/// Finds a token for `host` the way `gh` does. `None` when there is none: the caller then
/// prints the page where the pull request can be opened by hand.
pub fn find_token(host: &str, env: &GithubEnv) -> Option<(Token, TokenSource)> {
    let from_env = [
        (&env.gh_token, TokenSource::GhTokenVar),
        (&env.github_token, TokenSource::GithubTokenVar),
    ];
    if let Some((token, source)) = from_env
        .into_iter()
        .find_map(|(token, source)| token.clone().map(|t| (t, source)))
    {
        return Some((token, source));
    }
    let output = Command::new("gh")
        .args(["auth", "token", "--hostname", host])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let token = text.trim();
    (output.status.success() && !token.is_empty())
        .then(|| (Token(token.to_owned()), TokenSource::GhCli))
}

/// What GitHub said no to.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401: the token is wrong, expired or revoked.
    #[error(
        "GitHub rejected the token from {from} (401 Unauthorized): check that it is current, or sign in again with `gh auth login`; leave out `--pr` to open the pull request by hand"
    )]
    TokenRejected {
        /// Where the token came from.
        from: TokenSource,
    },
    /// 403 or 404 on the repository: the token cannot see or write it.
    #[error(
        "GitHub says the token from {from} may not {action} ({status}{detail}): the token needs access to the repository's contents and pull requests"
    )]
    NoAccess {
        /// Where the token came from.
        from: TokenSource,
        /// What we tried.
        action: &'static str,
        /// HTTP status.
        status: u16,
        /// GitHub's message, when it gave one.
        detail: String,
    },
    /// Any other refusal, with GitHub's message.
    #[error("GitHub refused to {action} ({status}{detail})")]
    Refused {
        /// What we tried.
        action: &'static str,
        /// HTTP status.
        status: u16,
        /// GitHub's message.
        detail: String,
    },
    /// No answer at all.
    #[error(
        "could not reach GitHub at {api} ({reason}): check your network, then run the command again"
    )]
    Unreachable {
        /// The API root.
        api: String,
        /// The transport's reason.
        reason: String,
    },
}

/// The pull request to open.
#[derive(Debug, Serialize)]
pub struct NewPull<'a> {
    /// One line.
    pub title: &'a str,
    /// The branch with the contribution.
    pub head: &'a str,
    /// The branch to merge into.
    pub base: &'a str,
    /// Markdown.
    pub body: &'a str,
    /// Maintainers may push fixes to the branch, which helps first-time contributors.
    pub maintainer_can_modify: bool,
}

/// A GitHub REST client for one repository.
pub struct Client {
    api: String,
    token: Token,
    source: TokenSource,
    agent: ureq::Agent,
}

impl Client {
    /// A client using `token`, talking to `api` or api.github.com.
    pub fn new(token: Token, source: TokenSource, api: Option<&str>) -> Client {
        let api = api.unwrap_or(DEFAULT_API);
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .user_agent(concat!("jdlib/", env!("CARGO_PKG_VERSION")))
            .build();
        Client {
            api: api.trim_end_matches('/').to_owned(),
            token,
            source,
            agent: config.into(),
        }
    }

    /// Checks before anything is pushed that the token works and can see the repository, so a
    /// bad token leaves no branch behind.
    pub fn check_repository(&self, owner: &str, name: &str) -> Result<(), ApiError> {
        let url = format!("{}/repos/{owner}/{name}", self.api);
        let request = self.headers(self.agent.get(&url));
        let response = request.call().map_err(|e| self.unreachable(&e))?;
        self.judge(response, "read the repository").map(drop)
    }

    /// Opens the pull request and returns its web address.
    pub fn create_pull(
        &self,
        owner: &str,
        name: &str,
        pull: &NewPull<'_>,
    ) -> Result<String, ApiError> {
        let url = format!("{}/repos/{owner}/{name}/pulls", self.api);
        let request = self.headers(self.agent.post(&url));
        let response = request.send_json(pull).map_err(|e| self.unreachable(&e))?;
        let body = self.judge(response, "open a pull request")?;
        let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        value
            .get("html_url")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .ok_or(ApiError::Refused {
                action: "open a pull request",
                status: 201,
                detail: ": the answer had no `html_url`".to_owned(),
            })
    }

    fn headers<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        request
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("Authorization", &format!("Bearer {}", self.token.0))
    }

    fn unreachable(&self, err: &ureq::Error) -> ApiError {
        ApiError::Unreachable {
            api: self.api.clone(),
            reason: err.to_string(),
        }
    }

    /// The body of a 2xx answer, or the error its status means.
    fn judge(
        &self,
        mut response: ureq::http::Response<ureq::Body>,
        action: &'static str,
    ) -> Result<String, ApiError> {
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        if (200..300).contains(&status) {
            return Ok(body);
        }
        let detail = github_message(&body).map_or_else(String::new, |m| format!(": {m}"));
        Err(match status {
            401 => ApiError::TokenRejected { from: self.source },
            403 | 404 => ApiError::NoAccess {
                from: self.source,
                action,
                status,
                detail,
            },
            _ => ApiError::Refused {
                action,
                status,
                detail,
            },
        })
    }
}

/// GitHub's error text: `message`, plus the first of `errors[].message` when present (422s
/// put the useful part there, such as "A pull request already exists").
fn github_message(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let message = value.get("message")?.as_str()?.to_owned();
    let extra = value
        .get("errors")
        .and_then(|e| e.get(0))
        .and_then(|e| e.get("message"))
        .and_then(serde_json::Value::as_str);
    Some(match extra {
        Some(extra) => format!("{message}: {extra}"),
        None => message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_debug_hides_the_secret() {
        let token = Token("ghp_secret123".to_owned());
        assert!(!format!("{token:?}").contains("secret"));
    }

    #[test]
    fn reads_github_errors() {
        let body = r#"{"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"A pull request already exists for a:b."}]}"#;
        assert_eq!(
            github_message(body).unwrap(),
            "Validation Failed: A pull request already exists for a:b."
        );
        assert_eq!(github_message("not json"), None);
    }
}
