//! `feed.xml` (Atom: the newest JDs first, for people who follow new adverts) and
//! `sitemap.xml` (only with a known base URL, since a sitemap must use absolute addresses).
//! Dates come from the JDs and git history, so the same library gives the same files.

use std::fmt::Write as _;

use crate::date::Date;

use super::html::escape;
use super::model::{Entry, Site};

/// Entries in the feed.
const FEED_ENTRIES: usize = 50;

/// The feed, and the sitemap when the site's address is known.
pub fn files(site: &Site<'_>) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![("feed.xml".to_owned(), feed(site).into_bytes())];
    if let Some(base) = site.base_url() {
        out.push(("sitemap.xml".to_owned(), sitemap(site, base).into_bytes()));
    }
    out
}

/// The date an entry is filed under: its advert, else its last commit.
fn dated(entry: &Entry<'_>) -> Option<Date> {
    entry.jd.advertised.or(entry.changed)
}

fn feed(site: &Site<'_>) -> String {
    let mut entries: Vec<&Entry<'_>> = site.jds.iter().collect();
    entries.sort_by(|a, b| {
        dated(b)
            .cmp(&dated(a))
            .then_with(|| a.jd.path.cmp(&b.jd.path))
    });
    entries.truncate(FEED_ENTRIES);
    let updated = entries.iter().filter_map(|e| dated(e)).max();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    if let Some(base) = site.base_url() {
        let _ = write!(out, " xml:base=\"{}\"", escape(base));
    }
    out.push_str(">\n<title>Council JD Library: new JDs</title>\n");
    out.push_str("<id>urn:jdlib:feed</id>\n");
    out.push_str("<link rel=\"alternate\" href=\"index.html\"/>\n");
    out.push_str("<link rel=\"self\" href=\"feed.xml\"/>\n");
    out.push_str("<author><name>Council JD Library contributors</name></author>\n");
    let _ = writeln!(out, "<updated>{}</updated>", timestamp(updated));
    for e in entries {
        let council = e.council();
        let _ = writeln!(
            out,
            "<entry>\n<title>{}</title>\n<id>urn:jdlib:{}</id>\n<link rel=\"alternate\" href=\"{}\"/>\n<updated>{}</updated>\n<summary>{}</summary>\n</entry>",
            escape(&e.jd.front.title),
            escape(&e.jd.path),
            escape(&e.page),
            timestamp(dated(e)),
            escape(&format!(
                "{} {} JD, {council}",
                e.jd.front.level, e.jd.front.role
            )),
        );
    }
    out.push_str("</feed>\n");
    out
}

fn timestamp(date: Option<Date>) -> String {
    format!(
        "{}T00:00:00Z",
        date.unwrap_or(Date {
            year: 2000,
            month: 1,
            day: 1
        })
    )
}

fn sitemap(site: &Site<'_>, base: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, changed: Option<Date>| {
        let _ = write!(out, "<url><loc>{}{}</loc>", escape(base), escape(path));
        if let Some(d) = changed {
            let _ = write!(out, "<lastmod>{d}</lastmod>");
        }
        out.push_str("</url>\n");
    };
    for page in ["", "roles/", "salaries/", "search/", "contribute/"] {
        url(page, None);
    }
    for (role, members) in &site.roles {
        let changed = members.iter().filter_map(|&i| site.jds[i].changed).max();
        url(&format!("roles/{}/", role.id), changed);
        url(&format!("roles/{}/compare/", role.id), changed);
    }
    for e in &site.jds {
        url(e.folder(), e.changed);
    }
    out.push_str("</urlset>\n");
    out
}
