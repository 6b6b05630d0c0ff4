//! HTML building blocks for the site: escaping, and the page shell every page shares (head with
//! its Content-Security-Policy, skip link, header, footer). Every value from a JD goes through
//! [`escape`] or [`attr`]; nothing here writes raw contributor text.

use std::fmt::Write as _;

/// The policy on every page: only the site's own files, no inline scripts, styles or event
/// handlers, no plug-ins, and forms that post only to the site itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'";

/// Escapes text for an element's content or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` escaped.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Escapes a value for a double-quoted attribute (the same rules as text).
pub fn attr(text: &str) -> String {
    escape(text)
}

/// Percent-encodes a query-string value.
pub fn query_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

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

/// A GOV.UK-style summary list: `(key, value HTML)` rows. Values are HTML the caller escaped.
pub fn summary_list(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<dl class=\"summary-list\">\n");
    for (key, value) in rows {
        let _ = writeln!(
            out,
            "<div class=\"summary-list__row\"><dt>{}</dt><dd>{value}</dd></div>",
            escape(key)
        );
    }
    out.push_str("</dl>\n");
    out
}

/// A table in its own labelled scrolling region, so a wide table scrolls by itself instead of
/// the page at 320 px. `head` and `rows` are HTML cells the caller escaped; the first cell of
/// each row is a row header, and the columns in `numeric` are aligned right.
pub fn table(caption: &str, head: &[&str], rows: &[Vec<String>], numeric: &[usize]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<div class=\"table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">",
        attr(caption)
    );
    let _ = writeln!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(caption)
    );
    for (i, h) in head.iter().enumerate() {
        let class = if numeric.contains(&i) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{cell}</th>");
            } else if numeric.contains(&i) {
                let _ = write!(out, "<td class=\"num\">{cell}</td>");
            } else {
                let _ = write!(out, "<td>{cell}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

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

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(query_encode("a b&c/é"), "a%20b%26c%2F%C3%A9");
    }
}
