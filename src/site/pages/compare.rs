//! `roles/<role>/compare/index.html`: a role's versions side by side, section by section, as
//! `jdlib show <role>` does in a terminal.

use std::fmt::Write as _;

use crate::git::Repo;
use crate::library::document;
use crate::library::front_matter::Source;
use crate::library::roles::Role;
use crate::markdown::html as render;
use crate::site::SiteError;
use crate::site::html::{self, Nav, Place, Shell, escape};
use crate::site::model::{Entry, Site};
use crate::site::pay;

use super::jd::capitalise;

/// Columns side by side at most: the model JDs first, then the newest adverts.
const MAX_VERSIONS: usize = 8;

/// The page.
pub fn page(
    site: &Site<'_>,
    repo: Option<&Repo>,
    role: &Role,
    members: &[usize],
) -> Result<String, SiteError> {
    let place = Place::new(format!("roles/{}/compare/index.html", role.id));
    let chosen = choose(site, members);
    let mut texts = Vec::with_capacity(chosen.len());
    for entry in &chosen {
        texts.push(site.read(repo, &entry.jd.path)?);
    }
    let bodies: Vec<&str> = texts
        .iter()
        .map(|t| document::split(t).map_or(t.as_str(), |d| d.body))
        .collect();
    let sections: Vec<Vec<render::Section<'_>>> =
        bodies.iter().map(|b| render::sections(b)).collect();
    let mut headings: Vec<String> = Vec::new();
    for list in &sections {
        for s in list {
            if !headings.iter().any(|h| h.eq_ignore_ascii_case(&s.heading)) {
                headings.push(s.heading.clone());
            }
        }
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"{}\">Home</a></li><li><a href=\"{}\">Roles</a></li><li><a href=\"{}\">{}</a></li></ol></nav>",
        place.link("index.html"),
        place.link("roles/index.html"),
        place.link(&format!("roles/{}/index.html", role.id)),
        escape(&role.title)
    );
    let _ = writeln!(out, "<h1>Compare {} versions</h1>", escape(&role.title));
    if chosen.is_empty() {
        out.push_str("<p>No JDs for this role yet.</p>\n");
    } else {
        if members.len() > chosen.len() {
            let _ = writeln!(
                out,
                "<p class=\"lede\">The {} versions below are the model JDs and the newest adverts, out of {} in all; <a href=\"{}\">the role page lists every version</a>.</p>",
                chosen.len(),
                members.len(),
                place.link(&format!("roles/{}/index.html", role.id))
            );
        } else {
            out.push_str(
                "<p class=\"lede\">Each section of every version, side by side. On a narrow screen the versions follow each other.</p>\n",
            );
        }
        out.push_str("<h2 id=\"summary\">At a glance</h2>\n");
        let rows: Vec<Vec<String>> = chosen
            .iter()
            .map(|e| {
                vec![
                    format!(
                        "<a href=\"{}\">{}</a>",
                        place.link(&e.page),
                        escape(&e.jd.front.title)
                    ),
                    capitalise(e.jd.front.level.as_str()),
                    escape(e.council()),
                    pay::annual_range(e.jd).map_or_else(|| "—".to_owned(), |p| escape(&p)),
                ]
            })
            .collect();
        out.push_str(&html::table(
            "The versions compared",
            &["Title", "Level", "Council", "Annual FTE pay"],
            &rows,
            &[3],
        ));
        for (n, heading) in headings.iter().enumerate() {
            let _ = writeln!(out, "<h2 id=\"section-{n}\">{}</h2>", escape(heading));
            let _ = writeln!(
                out,
                "<div class=\"compare\" role=\"region\" aria-label=\"{}, side by side\" tabindex=\"0\">",
                html::attr(heading)
            );
            for (entry, list) in chosen.iter().zip(&sections) {
                out.push_str("<section class=\"compare__col\">\n");
                let _ = writeln!(
                    out,
                    "<h3>{} <span class=\"hint\">{} · {}</span></h3>",
                    escape(&entry.jd.front.title),
                    capitalise(entry.jd.front.level.as_str()),
                    escape(entry.council())
                );
                match list
                    .iter()
                    .find(|s| s.heading.eq_ignore_ascii_case(heading))
                {
                    Some(section) => out.push_str(&render::to_html_at(section.markdown, 4)),
                    None => {
                        out.push_str("<p class=\"hint\">This version has no such section.</p>\n");
                    }
                }
                out.push_str("</section>\n");
            }
            out.push_str("</div>\n");
        }
    }
    let title = format!("Compare {} versions", role.title);
    Ok(html::page(
        &Shell {
            title: &title,
            description: &role.summary,
            place: &place,
            base_url: site.base_url(),
            scripts: &[],
            current: Nav::Roles,
        },
        &out,
    ))
}

/// The model JDs (by level), then the newest adverts, up to [`MAX_VERSIONS`].
fn choose<'s, 'a>(site: &'s Site<'a>, members: &[usize]) -> Vec<&'s Entry<'a>> {
    let mut models: Vec<&Entry<'a>> = members
        .iter()
        .map(|&i| &site.jds[i])
        .filter(|e| e.jd.front.source == Source::Model)
        .collect();
    let mut adverts: Vec<&Entry<'a>> = members
        .iter()
        .map(|&i| &site.jds[i])
        .filter(|e| e.jd.front.source == Source::Advertised)
        .collect();
    adverts.sort_by(|a, b| {
        b.jd.advertised
            .cmp(&a.jd.advertised)
            .then_with(|| a.jd.path.cmp(&b.jd.path))
    });
    models.truncate(MAX_VERSIONS);
    let room = MAX_VERSIONS - models.len();
    models.extend(adverts.into_iter().take(room));
    models
}
