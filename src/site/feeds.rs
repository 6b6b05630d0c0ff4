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
        out.extend(sitemaps(site, base));
    }
    out
}

/// The sitemap protocol's limit of addresses in one file.
const SITEMAP_LIMIT: usize = 50_000;

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

/// `sitemap.xml`, or, past the protocol's limit, `sitemap.xml` as an index of
/// `sitemap-<n>.xml` files.
fn sitemaps(site: &Site<'_>, base: &str) -> Vec<(String, Vec<u8>)> {
    let mut urls: Vec<(String, Option<Date>)> =
        ["", "roles/", "salaries/", "search/", "contribute/"]
            .into_iter()
            .map(|p| (p.to_owned(), None))
            .collect();
    for (role, members) in &site.roles {
        let changed = members.iter().filter_map(|&i| site.jds[i].changed).max();
        urls.push((format!("roles/{}/", role.id), changed));
        urls.push((format!("roles/{}/compare/", role.id), changed));
    }
    urls.extend(site.jds.iter().map(|e| (e.folder().to_owned(), e.changed)));
    split_sitemap(&urls, base, SITEMAP_LIMIT)
}

/// The sitemap files for `urls`, at most `limit` addresses a file.
fn split_sitemap(
    urls: &[(String, Option<Date>)],
    base: &str,
    limit: usize,
) -> Vec<(String, Vec<u8>)> {
    let chunks: Vec<&[(String, Option<Date>)]> = urls.chunks(limit).collect();
    if chunks.len() == 1 {
        return vec![(
            "sitemap.xml".to_owned(),
            urlset(chunks[0], base).into_bytes(),
        )];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut out = Vec::new();
    for (n, chunk) in chunks.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}{name}</loc></sitemap>",
            escape(base)
        );
        out.push((name, urlset(chunk, base).into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    out.push(("sitemap.xml".to_owned(), index.into_bytes()));
    out
}

fn urlset(urls: &[(String, Option<Date>)], base: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, changed) in urls {
        let _ = write!(out, "<url><loc>{}{}</loc>", escape(base), escape(path));
        if let Some(d) = changed {
            let _ = write!(out, "<lastmod>{d}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sitemap_becomes_an_index_of_sitemaps() {
        let urls: Vec<(String, Option<Date>)> =
            (0..5).map(|i| (format!("roles/r/{i}/"), None)).collect();
        let files = split_sitemap(&urls, "https://x.example/", 2);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(files[3].1.clone()).unwrap();
        assert!(index.contains("<loc>https://x.example/sitemap-3.xml</loc>"));
        let third = String::from_utf8(files[2].1.clone()).unwrap();
        assert_eq!(third.matches("<url>").count(), 1);
        assert_eq!(split_sitemap(&urls, "https://x.example/", 5).len(), 1);
    }
}
