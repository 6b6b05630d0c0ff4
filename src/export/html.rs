//! `--format html`: one standalone, accessible page for pasting into a careers system: the web
//! site's JD page (its styles inlined, no links to the rest of the site), built from the same
//! pieces. The body goes through the site's safe renderer, so raw HTML in a JD is shown as text.

use std::fmt::Write as _;

use super::Export;
use super::facts::{facts, model_note};
use super::licence::attribution;
use crate::markdown::html as render;
use crate::web::{escape, summary_list};

const STYLE: &str = include_str!("../site/assets/style.css");

/// Scripts, frames and outside requests are all refused; only the inlined styles apply.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The page.
pub fn page(export: &Export<'_>) -> String {
    let jd = export.jd;
    let title = escape(&jd.front.title);
    let mut out = String::with_capacity(export.body.len() * 2 + STYLE.len() + 3000);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
    );
    let _ = writeln!(out, "<title>{title}</title>");
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>");
    out.push_str("<main class=\"wrap\" id=\"main\">\n");
    let _ = writeln!(out, "<h1>{title}</h1>");
    if let Some(note) = model_note(jd) {
        let _ = writeln!(
            out,
            "<div class=\"banner\" role=\"note\" aria-labelledby=\"model-note\">\n<h2 class=\"banner__title\" id=\"model-note\">A model JD</h2>\n<p>{}</p>\n</div>",
            escape(note)
        );
    }
    out.push_str("<h2 id=\"facts\">Key facts</h2>\n");
    let rows: Vec<(&str, String)> = facts(jd, export.role_title)
        .into_iter()
        .map(|f| {
            let value = match &f.link {
                Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(&f.value)),
                None => escape(&f.value),
            };
            (f.label, value)
        })
        .collect();
    out.push_str(&summary_list(&rows));
    out.push_str("<div class=\"jd-body\">\n");
    out.push_str(&render::to_html(export.body));
    out.push_str("</div>\n</main>\n<footer class=\"wrap\">\n");
    let _ = writeln!(out, "<p class=\"credit\">{}</p>", escape(&attribution(jd)));
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}
