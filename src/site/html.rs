//! HTML building blocks for the site: escaping, and the page shell every page shares (head with
//! its Content-Security-Policy, skip link, header, footer). Every value from a JD goes through
//! [`escape`] or [`attr`]; nothing here writes raw contributor text.

use std::fmt::Write as _;

pub use crate::web::{attr, escape, query_encode, summary_list, table};

/// The policy on every page: only the site's own files, no inline scripts, styles or event
/// handlers, no plug-ins, and forms that post only to the site itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'";

/// Where a page sits in the site: its path from the site root, and what its links are relative
/// to.
#[derive(Clone, Debug)]
pub struct Place {
    /// Path of the page's file from the site root (`roles/data-analyst/index.html`).
    pub path: String,
    /// Links start from here instead of climbing from `path`: the site's address for a page
    /// that may be served at any depth (404).
    root: Option<String>,
}

impl Place {
    /// The page at `path` from the site root.
    pub fn new(path: impl Into<String>) -> Place {
        Place {
            path: path.into(),
            root: None,
        }
    }

    /// A page whose links all start from `root` (absolute, or empty for the site root).
    pub fn rooted(path: impl Into<String>, root: &str) -> Place {
        Place {
            path: path.into(),
            root: Some(root.to_owned()),
        }
    }

    /// A relative link from this page to `target` (a path from the site root). Links name
    /// `index.html` files in full, so the site also works opened from the file system.
    pub fn link(&self, target: &str) -> String {
        if let Some(root) = &self.root {
            return format!("{}{target}", attr(root));
        }
        let depth = self.path.matches('/').count();
        let mut out = "../".repeat(depth);
        out.push_str(target);
        if out.is_empty() {
            out.push_str("index.html");
        }
        out
    }
}

/// What the shell of a page needs besides its body.
pub struct Shell<'a> {
    /// The `<title>` before the site's name, and the page's only `h1` is the body's own.
    pub title: &'a str,
    /// A sentence for search engines and link previews.
    pub description: &'a str,
    /// Where the page is.
    pub place: &'a Place,
    /// The site's absolute address, for the canonical link, when known.
    pub base_url: Option<&'a str>,
    /// Scripts (paths from the site root) the page loads: only the search page has one.
    pub scripts: &'a [&'a str],
    /// Which main navigation item is the current page.
    pub current: Nav,
}

/// The main navigation items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    /// Home page.
    Home,
    /// Roles and JDs.
    Roles,
    /// Search.
    Search,
    /// Salaries.
    Salaries,
    /// Contributing.
    Contribute,
    /// None of the above (404).
    None,
}

/// The site's name, in the header and every `<title>`.
pub const SITE_NAME: &str = "Council JD Library";

/// Wraps a page body in the shared shell.
pub fn page(shell: &Shell<'_>, body: &str) -> String {
    let place = shell.place;
    let mut out = String::with_capacity(body.len() + 3000);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(out, "<title>{} – {SITE_NAME}</title>", escape(shell.title));
    let _ = writeln!(
        out,
        "<meta name=\"description\" content=\"{}\">",
        attr(shell.description)
    );
    if let Some(base) = shell.base_url {
        let canonical = place.path.strip_suffix("index.html").unwrap_or(&place.path);
        let _ = writeln!(
            out,
            "<link rel=\"canonical\" href=\"{}{}\">",
            attr(base),
            attr(canonical)
        );
    }
    let _ = writeln!(
        out,
        "<link rel=\"stylesheet\" href=\"{}\">",
        place.link("assets/style.css")
    );
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"New JDs\" href=\"{}\">",
        place.link("feed.xml")
    );
    for script in shell.scripts {
        let _ = writeln!(
            out,
            "<script src=\"{}\" defer></script>",
            place.link(script)
        );
    }
    out.push_str("</head>\n<body>\n");
    out.push_str("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n");
    out.push_str("<header class=\"site-header\">\n<div class=\"wrap\">\n");
    let _ = writeln!(
        out,
        "<a class=\"brand\" href=\"{}\">{SITE_NAME}</a>",
        place.link("index.html")
    );
    out.push_str("<nav aria-label=\"Main\">\n<ul>\n");
    for (nav, label, target) in [
        (Nav::Roles, "Roles", "roles/index.html"),
        (Nav::Search, "Search", "search/index.html"),
        (Nav::Salaries, "Salaries", "salaries/index.html"),
        (Nav::Contribute, "Contribute", "contribute/index.html"),
    ] {
        let current = if nav == shell.current {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<li><a href=\"{}\"{current}>{label}</a></li>",
            place.link(target)
        );
    }
    out.push_str("</ul>\n</nav>\n</div>\n</header>\n");
    out.push_str("<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
    out.push_str(body);
    out.push_str("</main>\n");
    footer(&mut out, place);
    out.push_str("</body>\n</html>\n");
    out
}

fn footer(out: &mut String, place: &Place) {
    out.push_str("<footer class=\"site-footer\">\n<div class=\"wrap\">\n");
    out.push_str("<h2 class=\"visually-hidden\">About this site</h2>\n");
    let _ = writeln!(
        out,
        "<p>Open data: <a href=\"{}\">all JDs (CSV)</a>, <a href=\"{}\">all JDs (JSON)</a>, \
         <a href=\"{}\">salaries (CSV)</a>, <a href=\"{}\">data package</a>. \
         <a href=\"{}\">New JDs feed</a>.</p>",
        place.link("data/jds.csv"),
        place.link("data/jds.json"),
        place.link("data/salaries.csv"),
        place.link("data/datapackage.json"),
        place.link("feed.xml"),
    );
    out.push_str(
        "<p>Model JDs are original writing for this library. Each JD page names its licence and \
         how to credit it. The site sets no cookies and loads nothing from other sites.</p>\n",
    );
    out.push_str("</div>\n</footer>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_to_the_site_root() {
        assert_eq!(
            Place::new("index.html").link("search/index.html"),
            "search/index.html"
        );
        assert_eq!(
            Place::new("roles/a/b/index.html").link("assets/style.css"),
            "../../../assets/style.css"
        );
    }
}
