//! `roles/index.html`: every role by family, with how many versions each has.

use std::fmt::Write as _;

use crate::library::front_matter::Family;
use crate::site::html::{self, Nav, Place, Shell, escape};
use crate::site::model::Site;

use super::jd::capitalise;

/// The roles grouped by family, as a list of links (shared with the home page).
pub fn by_family(site: &Site<'_>, place: &Place, heading: &str) -> String {
    let mut out = String::new();
    for family in Family::ALL {
        let roles: Vec<_> = site
            .roles
            .iter()
            .filter(|(role, _)| role.family == *family)
            .collect();
        if roles.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<{heading}>{}</{heading}>\n<ul class=\"role-list\">",
            capitalise(family.as_str())
        );
        for (role, members) in roles {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a> <span class=\"count\">{} version{}</span></li>",
                place.link(&format!("roles/{}/index.html", role.id)),
                escape(&role.title),
                members.len(),
                if members.len() == 1 { "" } else { "s" }
            );
        }
        out.push_str("</ul>\n");
    }
    out
}

/// The page.
pub fn page(site: &Site<'_>) -> String {
    let place = Place::new("roles/index.html");
    let mut out = String::from("<h1>Roles</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"lede\">{} roles in {} families. Each role has model JDs written for this library and, as councils contribute them, JDs that councils advertised.</p>",
        site.roles.len(),
        Family::ALL
            .iter()
            .filter(|f| site.roles.iter().any(|(r, _)| r.family == **f))
            .count()
    );
    out.push_str(&by_family(site, &place, "h2"));
    html::page(
        &Shell {
            title: "Roles",
            description: "Every role in the library, by family",
            place: &place,
            base_url: site.base_url(),
            scripts: &[],
            current: Nav::Roles,
        },
        &out,
    )
}
