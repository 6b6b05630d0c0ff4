//! `roles/<role>/<slug>/index.html`: one JD, its facts, its downloads, and how to change or
//! reuse it.

use std::fmt::Write as _;

pub use crate::export::facts::capitalise;
use crate::export::facts::is_web_address;
use crate::export::licence::{attribution, licence_name};
use crate::library::front_matter::{Basis, Source};
use crate::markdown::html as render;
use crate::site::html::{self, Nav, Place, Shell, escape, summary_list};
use crate::site::model::{Entry, Site};
use crate::site::pay;

/// The page.
pub fn page(site: &Site<'_>, entry: &Entry<'_>, body: &str) -> String {
    let jd = entry.jd;
    let front = &jd.front;
    let place = Place::new(entry.page.clone());
    let role = site.role_of(entry);
    let role_title = role.map_or(front.role.as_str(), |r| r.title.as_str());
    let mut out = String::with_capacity(body.len() * 2 + 4000);
    breadcrumbs(&mut out, &place, &front.role, role_title);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&front.title));
    let _ = writeln!(
        out,
        "<p class=\"lede\">{} {} · {}</p>",
        capitalise(front.level.as_str()),
        escape(role_title),
        escape(entry.council())
    );
    if front.source == Source::Model {
        out.push_str(
            "<div class=\"banner\" role=\"note\" aria-labelledby=\"model-note\">\n\
             <h2 class=\"banner__title\" id=\"model-note\">A model JD</h2>\n\
             <p>This JD was written for the library, not advertised by a council. Its pay is \
             indicative. Adapt the wording, grade and pay to your council before you use it.</p>\n\
             </div>\n",
        );
    }
    actions(&mut out, site, entry, &place);
    out.push_str("<h2 id=\"facts\">Key facts</h2>\n");
    out.push_str(&facts(entry, role_title));
    out.push_str("<div class=\"jd-body\">\n");
    out.push_str(&render::to_html(body));
    out.push_str("</div>\n");
    reuse(&mut out, entry);
    if let Some(changed) = entry.changed {
        let _ = writeln!(out, "<p class=\"meta\">Last changed {changed}.</p>");
    }
    let description = format!(
        "{} ({} {}), {}",
        front.title,
        front.level,
        role_title,
        entry.council()
    );
    html::page(
        &Shell {
            title: &front.title,
            description: &description,
            place: &place,
            base_url: site.base_url(),
            scripts: &[],
            current: Nav::Roles,
        },
        &out,
    )
}

fn breadcrumbs(out: &mut String, place: &Place, role_id: &str, role_title: &str) {
    let _ = writeln!(
        out,
        "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"{}\">Home</a></li><li><a href=\"{}\">Roles</a></li><li><a href=\"{}\">{}</a></li></ol></nav>",
        place.link("index.html"),
        place.link("roles/index.html"),
        place.link(&format!("roles/{role_id}/index.html")),
        escape(role_title)
    );
}

fn actions(out: &mut String, site: &Site<'_>, entry: &Entry<'_>, place: &Place) {
    out.push_str("<ul class=\"actions\">\n");
    // Word first: it is what a council's HR process starts from.
    let _ = writeln!(
        out,
        "<li><a class=\"button\" href=\"{}.docx\" download>Download as Word<span class=\"visually-hidden\"> ({}.docx)</span></a></li>",
        escape(entry.slug),
        escape(entry.slug)
    );
    let _ = writeln!(
        out,
        "<li><a href=\"{}.md\" download>Download as Markdown<span class=\"visually-hidden\"> ({}.md)</span></a></li>",
        escape(entry.slug),
        escape(entry.slug)
    );
    let _ = writeln!(
        out,
        "<li><a href=\"{}\">Compare with other versions</a></li>",
        place.link(&format!("roles/{}/compare/index.html", entry.jd.front.role))
    );
    if let Some(forge) = &site.options.forge {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">Suggest a change</a></li>",
            escape(&forge.edit(&entry.jd.path))
        );
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">Comment on this JD</a></li>",
            escape(&forge.comment(&entry.jd.front.title, &entry.jd.path))
        );
    }
    out.push_str("</ul>\n");
}

fn facts(entry: &Entry<'_>, role_title: &str) -> String {
    let jd = entry.jd;
    let front = &jd.front;
    let mut rows: Vec<(&str, String)> = vec![
        ("Role", escape(role_title)),
        ("Level", escape(&capitalise(front.level.as_str()))),
        (
            "Source",
            match front.source {
                Source::Model => "Model JD written for this library".to_owned(),
                Source::Advertised => "Advertised by a council".to_owned(),
            },
        ),
    ];
    if let Some(a) = jd.authority {
        rows.push((
            "Council",
            format!("{} ({})", escape(&a.official_name), escape(&a.region)),
        ));
    }
    if let Some(date) = jd.advertised {
        rows.push(("Advertised", date.to_string()));
    }
    if let Some(salary) = &front.salary {
        if let Some(written) = pay::as_advertised(jd) {
            let label = if salary.basis == Basis::Indicative {
                "Pay (indicative)"
            } else {
                "Pay as advertised"
            };
            rows.push((label, escape(&written)));
        }
        if let (Some(range), Some(words)) = (pay::annual_range(jd), pay::arithmetic(jd)) {
            rows.push((
                "Annual full-time equivalent",
                format!(
                    "{}<br><span class=\"hint\">{}</span>",
                    escape(&range),
                    escape(&words)
                ),
            ));
        }
        if let Some(grade) = &salary.grade {
            rows.push(("Grade", escape(grade)));
        }
        if let Some(hours) = salary.hours_per_week {
            rows.push(("Hours", format!("{hours} a week full time")));
        }
        if let Some(fte) = salary.fte {
            rows.push(("Fraction of full time", format!("{fte}")));
        }
        if let Some(london) = salary.includes_london_weighting {
            rows.push((
                "London weighting",
                if london { "Included" } else { "Not included" }.to_owned(),
            ));
        }
    }
    if let Some(contract) = front.contract {
        rows.push((
            "Contract",
            escape(&capitalise(contract.as_str()).replace('-', " ")),
        ));
    }
    if let Some(location) = &front.location {
        rows.push(("Location", escape(location)));
    }
    if let Some(url) = front.url.as_deref().filter(|u| is_web_address(u)) {
        rows.push((
            "Advert",
            format!("<a href=\"{}\">The original advert</a>", escape(url)),
        ));
    }
    rows.push(("Licence", escape(licence_name(&front.licence))));
    summary_list(&rows)
}

fn reuse(out: &mut String, entry: &Entry<'_>) {
    let front = &entry.jd.front;
    out.push_str("<h2 id=\"reuse\">Reuse this JD</h2>\n");
    let _ = writeln!(
        out,
        "<p>You may copy and adapt this JD under the {}. When you publish it, include this credit:</p>",
        escape(licence_name(&front.licence))
    );
    let _ = writeln!(
        out,
        "<p class=\"credit\">{}</p>",
        escape(&attribution(entry.jd))
    );
}
