//! `index.html`: what the library is, how to use it, and the way in to every role.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::library::front_matter::{Basis, Source};
use crate::site::html::{self, Nav, Place, Shell};
use crate::site::model::Site;

use super::roles::by_family;
use super::search::search_form;

/// The page.
pub fn page(site: &Site<'_>) -> String {
    let place = Place::new("index.html");
    let models = site
        .jds
        .iter()
        .filter(|e| e.jd.front.source == Source::Model)
        .count();
    let adverts = site.jds.len() - models;
    let councils: BTreeSet<&str> = site
        .jds
        .iter()
        .filter_map(|e| e.jd.front.organisation.as_deref())
        .collect();
    let advertised_pay = site
        .jds
        .iter()
        .filter(|e| {
            e.jd.front
                .salary
                .as_ref()
                .is_some_and(|s| s.basis == Basis::Advertised)
        })
        .count();
    let mut out =
        String::from("<h1>Job descriptions for council digital, data and technology roles</h1>\n");
    out.push_str(
        "<p class=\"lede\">Start from a good job description (JD) that others have written, \
         and see what councils pay for the same role. Every JD here is free to copy and adapt.</p>\n",
    );
    let _ = writeln!(
        out,
        "<ul class=\"stats\"><li><strong>{}</strong> JDs</li><li><strong>{}</strong> roles</li><li><strong>{models}</strong> model JDs</li><li><strong>{adverts}</strong> council adverts</li><li><strong>{}</strong> councils</li><li><strong>{advertised_pay}</strong> advertised salaries</li></ul>",
        site.jds.len(),
        site.roles.len(),
        councils.len()
    );
    if adverts == 0 {
        let _ = writeln!(
            out,
            "<p>No council has shared an advert yet, so the pay shown is the model JDs' indicative pay. <a href=\"{}\">Share your council's JDs</a> to add real salary evidence.</p>",
            place.link("contribute/index.html")
        );
    }
    out.push_str(&search_form(&place, "home-search"));
    out.push_str("<h2>How to use the library</h2>\n<ol class=\"steps\">\n");
    let _ = writeln!(
        out,
        "<li>Find the role you are hiring for below, or <a href=\"{}\">search</a> by words, level or council.</li>",
        place.link("search/index.html")
    );
    out.push_str("<li>Open a JD, read it, and download it to adapt for your council.</li>\n");
    let _ = writeln!(
        out,
        "<li>Check what others pay on the role page or in <a href=\"{}\">salaries</a>.</li>",
        place.link("salaries/index.html")
    );
    let _ = writeln!(
        out,
        "<li>Share your own JDs and improvements: <a href=\"{}\">how to contribute</a>.</li>",
        place.link("contribute/index.html")
    );
    out.push_str("</ol>\n<h2>Roles by family</h2>\n");
    out.push_str(&by_family(site, &place, "h3"));
    html::page(
        &Shell {
            title: "Home",
            description: "Open job descriptions and advertised salaries for UK council digital, data and technology roles",
            place: &place,
            base_url: site.base_url(),
            scripts: &[],
            current: Nav::Home,
        },
        &out,
    )
}
