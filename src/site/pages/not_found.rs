//! `404.html`: what a forge's static hosting shows for a missing page. It may be served at any
//! path, so its links are absolute when the site's address is known and from the root
//! otherwise.

use crate::site::html::{self, Nav, Place, Shell};
use crate::site::model::Site;

/// The page.
pub fn page(site: &Site<'_>) -> String {
    let place = Place::rooted("404.html", site.base_url().unwrap_or_default());
    let body = format!(
        "<h1>Page not found</h1>\n<p class=\"lede\">There is no page at this address. It may have moved when a JD was renamed.</p>\n<ul>\n<li><a href=\"{}\">Search the library</a></li>\n<li><a href=\"{}\">Browse the roles</a></li>\n<li><a href=\"{}\">Go to the home page</a></li>\n</ul>\n",
        place.link("search/index.html"),
        place.link("roles/index.html"),
        place.link("index.html")
    );
    html::page(
        &Shell {
            title: "Page not found",
            description: "Page not found",
            place: &place,
            base_url: None,
            scripts: &[],
            current: Nav::None,
        },
        &body,
    )
}
