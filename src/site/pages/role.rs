//! `roles/<role>/index.html`: a role, every version of it, and what they pay.

use std::fmt::Write as _;

use crate::library::roles::Role;
use crate::salary::group::{self, GroupKey};
use crate::site::html::{self, Nav, Place, Shell, escape, summary_list};
use crate::site::model::Site;
use crate::site::{charts, pay};

use super::jd::capitalise;

/// The page.
pub fn page(site: &Site<'_>, role: &Role, members: &[usize]) -> String {
    let place = Place::new(format!("roles/{}/index.html", role.id));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"{}\">Home</a></li><li><a href=\"{}\">Roles</a></li></ol></nav>",
        place.link("index.html"),
        place.link("roles/index.html")
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&role.title));
    let _ = writeln!(out, "<p class=\"lede\">{}</p>", escape(&role.summary));
    let mut facts = vec![("Family", escape(&capitalise(role.family.as_str())))];
    if let Some(ddat) = &role.ddat {
        facts.push(("Government DDaT role", escape(ddat)));
    }
    if !role.aliases.is_empty() {
        facts.push(("Also called", escape(&role.aliases.join(", "))));
    }
    facts.push(("Versions", members.len().to_string()));
    out.push_str(&summary_list(&facts));

    out.push_str("<h2 id=\"versions\">Versions</h2>\n");
    if members.is_empty() {
        out.push_str("<p>No JDs for this role yet.</p>\n");
    } else {
        let _ = writeln!(
            out,
            "<p><a href=\"{}\">Compare the versions side by side</a></p>",
            place.link(&format!("roles/{}/compare/index.html", role.id))
        );
        let rows: Vec<Vec<String>> = members
            .iter()
            .map(|&i| {
                let e = &site.jds[i];
                let jd = e.jd;
                vec![
                    format!(
                        "<a href=\"{}\">{}</a>",
                        place.link(&e.page),
                        escape(&jd.front.title)
                    ),
                    capitalise(jd.front.level.as_str()),
                    escape(e.council()),
                    jd.advertised
                        .map_or_else(|| "—".to_owned(), |d| d.to_string()),
                    pay::annual_range(jd).map_or_else(|| "—".to_owned(), |p| escape(&p)),
                ]
            })
            .collect();
        out.push_str(&html::table(
            &format!("Versions of {}", role.title),
            &["Title", "Level", "Council", "Advertised", "Annual FTE pay"],
            &rows,
            &[4],
        ));
        let _ = writeln!(
            out,
            "<h3 id=\"word\">Download as Word</h3>\n<p>Every version as a Word document to adapt, with its facts at the top and the licence credit in the footer.</p>\n<ul>"
        );
        for &i in members {
            let e = &site.jds[i];
            let _ = writeln!(
                out,
                "<li><a href=\"{}\" download>{} ({}, {})<span class=\"visually-hidden\"> as a Word document</span></a> <span class=\"hint\">{}.docx</span></li>",
                place.link(&format!("{}{}.docx", e.folder(), e.slug)),
                escape(&e.jd.front.title),
                capitalise(e.jd.front.level.as_str()),
                escape(e.council()),
                escape(e.slug)
            );
        }
        out.push_str("</ul>\n");
    }

    out.push_str("<h2 id=\"pay\">Pay by level</h2>\n");
    let grouping = group::group(
        members.iter().map(|&i| site.jds[i].jd),
        &[GroupKey::Level],
        site.registry,
    );
    out.push_str(&charts::block(
        &grouping.groups,
        &format!("{}: annual FTE pay by level", role.title),
        "pay-by-level",
    ));
    html::page(
        &Shell {
            title: &role.title,
            description: &role.summary,
            place: &place,
            base_url: site.base_url(),
            scripts: &[],
            current: Nav::Roles,
        },
        &out,
    )
}
