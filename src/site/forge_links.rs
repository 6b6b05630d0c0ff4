//! "Suggest a change" and "Comment on this JD": pages on the forge that hosts the library. A
//! forge jdlib does not know gets no links (never broken ones).

use crate::forge::{ForgeKind, RemoteRepo};
use crate::forms;

use super::html::query_encode;

/// The forge repository and branch the site's links point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForgeLinks {
    repo: RemoteRepo,
    branch: String,
}

impl ForgeLinks {
    /// Links for `repo` (any address `git remote` accepts) on `branch`; `None` for a forge
    /// whose pages jdlib does not know.
    pub fn new(repo: &str, branch: &str) -> Option<ForgeLinks> {
        let repo = RemoteRepo::parse(repo)?;
        (repo.kind != ForgeKind::Unknown && repo.kind != ForgeKind::Bitbucket).then(|| ForgeLinks {
            repo,
            branch: branch.to_owned(),
        })
    }

    /// The repository's home page.
    pub fn home(&self) -> String {
        let RemoteRepo {
            host, owner, name, ..
        } = &self.repo;
        format!("https://{host}/{owner}/{name}")
    }

    /// The GitHub Pages address of a project site, where the repository is on GitHub.
    pub fn pages_url(&self) -> Option<String> {
        (self.repo.kind == ForgeKind::GitHub).then(|| {
            format!(
                "https://{}.github.io/{}/",
                self.repo.owner.to_ascii_lowercase(),
                self.repo.name
            )
        })
    }

    /// The forge's web editor for a file, which ends in a pull request.
    pub fn edit(&self, path: &str) -> String {
        let branch = &self.branch;
        match self.repo.kind {
            ForgeKind::GitLab => format!("{}/-/edit/{branch}/{path}", self.home()),
            ForgeKind::Gitea => format!("{}/_edit/{branch}/{path}", self.home()),
            _ => format!("{}/edit/{branch}/{path}", self.home()),
        }
    }

    /// A file's page on the forge.
    pub fn view(&self, path: &str) -> String {
        let branch = &self.branch;
        match self.repo.kind {
            ForgeKind::GitLab => format!("{}/-/blob/{branch}/{path}", self.home()),
            ForgeKind::Gitea => format!("{}/src/branch/{branch}/{path}", self.home()),
            _ => format!("{}/blob/{branch}/{path}", self.home()),
        }
    }

    /// A new issue about a JD, with its title and path filled in: on GitHub the improve form
    /// (which takes field values by id in the address), elsewhere a plain issue.
    pub fn comment(&self, title: &str, path: &str) -> String {
        let issue_title = query_encode(&format!("Comment on {title}"));
        if let Some(form) = self.form(forms::IMPROVE_FORM) {
            return format!(
                "{form}&title={issue_title}&{}={}",
                forms::IMPROVE_JD_FIELD,
                query_encode(path)
            );
        }
        let body = query_encode(&format!(
            "About `{path}`\n\nWhat should change, and why:\n\n"
        ));
        match self.repo.kind {
            ForgeKind::GitLab => format!(
                "{}/-/issues/new?issue%5Btitle%5D={issue_title}&issue%5Bdescription%5D={body}",
                self.home()
            ),
            _ => format!("{}/issues/new?title={issue_title}&body={body}", self.home()),
        }
    }

    /// The form for adding a JD, where the forge has issue forms (GitHub).
    pub fn add_form(&self) -> Option<String> {
        self.form(forms::ADD_FORM)
    }

    /// A new issue from one of the forms `jdlib forms` writes.
    fn form(&self, file: &str) -> Option<String> {
        (self.repo.kind == ForgeKind::GitHub)
            .then(|| format!("{}/issues/new?template={}", self.home(), query_encode(file)))
    }

    /// The contributing guide on the forge.
    pub fn contributing(&self) -> String {
        self.view("CONTRIBUTING.md")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_links_edit_view_and_comment() {
        let links = ForgeLinks::new("git@github.com:Councils/jd-library.git", "main").unwrap();
        assert_eq!(
            links.edit("library/a/b.md"),
            "https://github.com/Councils/jd-library/edit/main/library/a/b.md"
        );
        assert_eq!(
            links.pages_url().as_deref(),
            Some("https://councils.github.io/jd-library/")
        );
        let comment = links.comment("Data <Analyst>", "library/a/b.md");
        assert_eq!(
            comment,
            "https://github.com/Councils/jd-library/issues/new?template=improve-a-job-description.yml&title=Comment%20on%20Data%20%3CAnalyst%3E&jd=library%2Fa%2Fb.md"
        );
        assert_eq!(
            links.add_form().as_deref(),
            Some(
                "https://github.com/Councils/jd-library/issues/new?template=add-a-job-description.yml"
            )
        );
    }

    #[test]
    fn forges_without_issue_forms_get_a_plain_issue() {
        let gitlab = ForgeLinks::new("https://gitlab.com/g/lib", "main").unwrap();
        let comment = gitlab.comment("Data Analyst", "library/a/b.md");
        assert!(
            comment.starts_with("https://gitlab.com/g/lib/-/issues/new?issue%5Btitle%5D=Comment%20on%20Data%20Analyst&issue%5Bdescription%5D=About%20%60library%2Fa%2Fb.md%60"),
            "{comment}"
        );
        assert!(!comment.contains("template="));
        assert_eq!(gitlab.add_form(), None);
    }

    #[test]
    fn unknown_forges_get_no_links() {
        assert!(ForgeLinks::new("https://git.example.org/a/b.git", "main").is_none());
        assert!(ForgeLinks::new("/srv/git/library.git", "main").is_none());
        let gitlab = ForgeLinks::new("https://gitlab.com/g/sub/lib", "trunk").unwrap();
        assert_eq!(
            gitlab.edit("library/x.md"),
            "https://gitlab.com/g/sub/lib/-/edit/trunk/library/x.md"
        );
    }
}
