//! Where a library's remote is hosted, and how to open a pull request there: through GitHub's
//! REST API when a token is at hand (`github.rs`), else a web address the contributor can open.

pub mod github;

/// A repository on a forge, read from a remote's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteRepo {
    /// Host name, lower case (`github.com`).
    pub host: String,
    /// Owner or group path (`jdlib`, or `group/subgroup` on GitLab).
    pub owner: String,
    /// Repository name without `.git`.
    pub name: String,
    /// The kind of forge, guessed from the host.
    pub kind: ForgeKind,
}

/// Forges whose pull-request pages jdlib knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForgeKind {
    /// github.com.
    GitHub,
    /// gitlab.com or a host with "gitlab" in its name.
    GitLab,
    /// Gitea and Forgejo (Codeberg).
    Gitea,
    /// bitbucket.org.
    Bitbucket,
    /// Anything else: no known page.
    Unknown,
}

impl RemoteRepo {
    /// Reads `https://host/owner/name(.git)`, `ssh://user@host[:port]/owner/name(.git)` or the
    /// scp-like `user@host:owner/name(.git)`. Local paths and `file://` give `None`.
    pub fn parse(url: &str) -> Option<RemoteRepo> {
        let url = url.trim();
        let (host, path) = if let Some((scheme, rest)) = url.split_once("://") {
            if !matches!(scheme, "https" | "http" | "ssh" | "git" | "git+ssh") {
                return None;
            }
            let (authority, path) = rest.split_once('/')?;
            let host = authority.rsplit('@').next()?;
            // `[::1]:22` is an address we cannot name a forge from; `host:port` keeps the host.
            let host = host.split(':').next()?;
            (host, path)
        } else {
            // scp-like: `git@github.com:owner/name.git`. A Windows path (`C:\x`) has no `@`.
            let (user_host, path) = url.split_once(':')?;
            if !user_host.contains('@') || path.starts_with('/') {
                return None;
            }
            (user_host.rsplit('@').next()?, path)
        };
        let path = path.trim_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        let (owner, name) = path.rsplit_once('/')?;
        if host.is_empty() || owner.is_empty() || name.is_empty() {
            return None;
        }
        let host = host.to_ascii_lowercase();
        let kind = match host.as_str() {
            "github.com" | "www.github.com" => ForgeKind::GitHub,
            "bitbucket.org" => ForgeKind::Bitbucket,
            "codeberg.org" => ForgeKind::Gitea,
            h if h.contains("gitlab") => ForgeKind::GitLab,
            h if h.contains("gitea") || h.contains("forgejo") => ForgeKind::Gitea,
            _ => ForgeKind::Unknown,
        };
        Some(RemoteRepo {
            host: host.trim_start_matches("www.").to_owned(),
            owner: owner.to_owned(),
            name: name.to_owned(),
            kind,
        })
    }

    /// The page where a person opens a pull (merge) request from `branch` into `base` by hand.
    pub fn new_pull_request_url(&self, base: &str, branch: &str) -> Option<String> {
        let RemoteRepo {
            host, owner, name, ..
        } = self;
        let (base, branch) = (encode(base), encode(branch));
        Some(match self.kind {
            ForgeKind::GitHub | ForgeKind::Gitea => {
                format!("https://{host}/{owner}/{name}/compare/{base}...{branch}?expand=1")
            }
            ForgeKind::GitLab => format!(
                "https://{host}/{owner}/{name}/-/merge_requests/new?merge_request%5Bsource_branch%5D={branch}&merge_request%5Btarget_branch%5D={base}"
            ),
            ForgeKind::Bitbucket => format!(
                "https://{host}/{owner}/{name}/pull-requests/new?source={branch}&dest={base}"
            ),
            ForgeKind::Unknown => return None,
        })
    }
}

/// Percent-encodes what may not stand in a URL path or query; `/` stays, as forges expect it
/// in branch names.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_remote_addresses() {
        for url in [
            "https://github.com/jdlib/library.git",
            "https://github.com/jdlib/library",
            "git@github.com:jdlib/library.git",
            "ssh://git@github.com:22/jdlib/library.git",
            "https://user:secret@github.com/jdlib/library.git/",
        ] {
            let r = RemoteRepo::parse(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(
                (r.host.as_str(), r.owner.as_str(), r.name.as_str(), r.kind),
                ("github.com", "jdlib", "library", ForgeKind::GitHub),
                "{url}"
            );
        }
        let lab = RemoteRepo::parse("git@gitlab.com:councils/digital/jds.git").unwrap();
        assert_eq!(
            (lab.owner.as_str(), lab.kind),
            ("councils/digital", ForgeKind::GitLab)
        );
        for local in [
            "/tmp/remote.git",
            "file:///tmp/remote.git",
            "../remote",
            "C:\\x\\y",
        ] {
            assert_eq!(RemoteRepo::parse(local), None, "{local}");
        }
    }

    #[test]
    fn pull_request_pages() {
        let gh = RemoteRepo::parse("git@github.com:jdlib/library.git").unwrap();
        assert_eq!(
            gh.new_pull_request_url("main", "contrib/greenwich data")
                .unwrap(),
            "https://github.com/jdlib/library/compare/main...contrib/greenwich%20data?expand=1"
        );
        let cb = RemoteRepo::parse("https://codeberg.org/a/b.git").unwrap();
        assert!(
            cb.new_pull_request_url("main", "x")
                .unwrap()
                .starts_with("https://codeberg.org/a/b/compare/main...x")
        );
        let lab = RemoteRepo::parse("https://gitlab.example.gov.uk/a/b").unwrap();
        assert!(
            lab.new_pull_request_url("main", "x")
                .unwrap()
                .contains("/-/merge_requests/new?")
        );
        let other = RemoteRepo::parse("https://git.example.org/a/b").unwrap();
        assert_eq!(other.new_pull_request_url("main", "x"), None);
    }
}
