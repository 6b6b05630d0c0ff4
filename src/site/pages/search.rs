//! `search/index.html`: the search page. The search itself runs in the browser
//! (`assets/search.js`) over the index `jdlib site` writes in `search/`; without scripts the
//! page says so and points at the role list.

use std::fmt::Write as _;

use crate::site::html::{self, Nav, Place, Shell};
use crate::site::model::Site;

/// The search box, on the search page and the home page; it submits to the search page, which
/// runs `?q=` when it opens.
pub fn search_form(place: &Place, id: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<form class=\"search-form\" role=\"search\" action=\"{}\" method=\"get\">\n<label for=\"{id}\">Search the library</label>\n<div class=\"search-form__row\"><input type=\"search\" id=\"{id}\" name=\"q\" autocomplete=\"off\" aria-describedby=\"{id}-hint\"><button type=\"submit\">Search</button></div>\n<p class=\"hint\" id=\"{id}-hint\">Words, \"a phrase\", -word to leave out, and filters such as level:senior family:data region:London org:Leeds salary>=45000 since:2024-01-01.</p>\n</form>",
        place.link("search/index.html")
    );
    out
}

/// The page.
pub fn page(site: &Site<'_>) -> String {
    let place = Place::new("search/index.html");
    let mut out = String::from("<h1>Search</h1>\n");
    out.push_str(&search_form(&place, "q"));
    out.push_str(
        "<noscript><div class=\"banner\"><p>Search needs JavaScript, which is off in this browser. \
         Every JD can still be found from the <a href=\"../roles/index.html\">list of roles</a>.</p></div></noscript>\n",
    );
    out.push_str("<p id=\"search-status\" class=\"search-status\" role=\"status\" aria-live=\"polite\"></p>\n");
    out.push_str("<ol id=\"search-results\" class=\"results\"></ol>\n");
    out.push_str("<p><button type=\"button\" id=\"search-more\" class=\"secondary\" hidden>Show more results</button></p>\n");
    html::page(
        &Shell {
            title: "Search",
            description: "Search the job description library",
            place: &place,
            base_url: site.base_url(),
            scripts: &["assets/search.js"],
            current: Nav::Search,
        },
        &out,
    )
}
