//! `salaries/index.html`: what the library's JDs pay, by family, level, region and year, with
//! advertised and indicative figures kept apart and the method in plain words.

use std::fmt::Write as _;

use crate::library::JobDescription;
use crate::library::front_matter::Basis;
use crate::salary::group::{self, GroupKey};
use crate::site::charts;
use crate::site::html::{self, Nav, Place, Shell};
use crate::site::model::Site;

/// The page.
pub fn page(site: &Site<'_>) -> String {
    let place = Place::new("salaries/index.html");
    let mut out = String::from("<h1>Salaries</h1>\n");
    out.push_str(
        "<p class=\"lede\">What the library's JDs pay, as annual full-time-equivalent (FTE) \
         pay. Figures from real council adverts and the indicative pay of model JDs are always \
         shown apart.</p>\n",
    );
    out.push_str("<nav aria-label=\"On this page\"><ul class=\"toc\">\n");
    for (id, name) in [
        ("by-family", "By family"),
        ("by-level", "By level"),
        ("by-region", "By region"),
        ("by-year", "By year"),
        ("method", "How the figures are worked out"),
    ] {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{name}</a></li>");
    }
    out.push_str("</ul></nav>\n");
    let registry = site.registry;
    for (key, id, name) in [
        (GroupKey::Family, "by-family", "family"),
        (GroupKey::Level, "by-level", "level"),
        (GroupKey::Region, "by-region", "region"),
        (GroupKey::Year, "by-year", "year"),
    ] {
        let _ = writeln!(out, "<h2 id=\"{id}\">By {name}</h2>");
        for (basis, heading) in [
            (Basis::Advertised, "Advertised by councils"),
            (Basis::Indicative, "Indicative (model JDs)"),
        ] {
            let jds = site
                .jds
                .iter()
                .map(|e| e.jd)
                .filter(|jd: &&JobDescription| {
                    jd.front.salary.as_ref().is_some_and(|s| s.basis == basis)
                });
            let grouping = group::group(jds, &[key], registry);
            if grouping.groups.is_empty() {
                if basis == Basis::Advertised {
                    let _ = writeln!(
                        out,
                        "<h3>{heading}</h3>\n<p>No council adverts with pay {} yet.</p>",
                        if matches!(key, GroupKey::Region | GroupKey::Year) {
                            format!("and a {name}")
                        } else {
                            String::new()
                        }
                    );
                }
                continue;
            }
            let _ = writeln!(out, "<h3>{heading}</h3>");
            let caption = format!("{heading}: annual FTE pay by {name}");
            let chart_id = format!("{id}-{}", basis.as_str());
            out.push_str(&charts::block(&grouping.groups, &caption, &chart_id));
        }
    }
    out.push_str(METHOD);
    html::page(
        &Shell {
            title: "Salaries",
            description: "Advertised and indicative pay for council digital, data and technology roles",
            place: &place,
            base_url: site.base_url(),
            scripts: &[],
            current: Nav::Salaries,
        },
        &out,
    )
}

const METHOD: &str = "<h2 id=\"method\">How the figures are worked out</h2>
<ul>
<li><strong>Annual full-time equivalent.</strong> Every salary is turned into what a full-time post would pay in a year, so adverts with yearly, daily and hourly pay can be compared. A day rate is multiplied by 5 days and by 52.14 weeks (365 ÷ 7); an hourly rate by the full-time week and by 52.14 weeks.</li>
<li><strong>The full-time week.</strong> When an advert gives its full-time hours, those are used. Otherwise London councils and model JDs are taken to work 36 hours a week, and other councils 37 hours, the national week.</li>
<li><strong>n</strong> is the number of JDs in a group. Groups of fewer than 3 are marked <em>few data</em>: one advert is not a market rate.</li>
<li><strong>Lowest minimum and highest maximum</strong> are the ends of all the ranges in the group. The <strong>25th percentile, median and 75th percentile</strong> are of the ranges' midpoints, worked out as Excel's PERCENTILE.INC does.</li>
<li><strong>Indicative</strong> pay comes from model JDs written for this library. It shows where a role usually sits, not what any council pays.</li>
</ul>
";
