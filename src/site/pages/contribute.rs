//! `contribute/index.html`: how to add or improve a JD, for someone who has never used git.

use std::fmt::Write as _;

use crate::site::ForgeLinks;
use crate::site::html::{self, Nav, Place, Shell, escape};
use crate::site::model::Site;

/// The page.
pub fn page(site: &Site<'_>) -> String {
    let place = Place::new("contribute/index.html");
    let forge = site.options.forge.as_ref();
    let mut out = String::from("<h1>Contribute</h1>\n");
    out.push_str(
        "<p class=\"lede\">The library grows when councils share what they advertise and what \
         they pay. You do not need to know anything about code to help.</p>\n",
    );
    out.push_str("<h2>Improve a JD</h2>\n<ol class=\"steps\">\n");
    out.push_str("<li>Open the JD you want to improve.</li>\n");
    match forge {
        Some(_) => out.push_str(
            "<li>Choose <strong>Suggest a change</strong> to edit the text in your browser. \
             You will need a free account on the site that hosts the library. When you save, it \
             becomes a proposal that a maintainer reviews; nothing changes until they accept it.</li>\n\
             <li>Or choose <strong>Comment on this JD</strong> to say what should change and \
             why, in your own words.</li>\n",
        ),
        None => out.push_str(
            "<li>Tell the library's maintainers what should change and why. Each JD page names \
             its file, so they can find it.</li>\n",
        ),
    }
    out.push_str("</ol>\n<h2>Add your council's JD</h2>\n");
    out.push_str(
        "<p>Share a JD your council advertised, with the salary in the advert. Before you share \
         it, remove the names, email addresses and phone numbers of individuals, and check that \
         your council is happy to publish it under the Open Government Licence.</p>\n",
    );
    out.push_str("<p>You will be asked for:</p>\n<ul>\n");
    for item in [
        "the council and the job title as advertised",
        "the level (for example junior, senior or head of service) and the role it matches",
        "the advert date and the salary exactly as the advert gives it",
        "the hours, grade and contract, if the advert says",
        "the JD text, or the Word document",
    ] {
        let _ = writeln!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>\n");
    if let Some(form) = forge.and_then(ForgeLinks::add_form) {
        let _ = writeln!(
            out,
            "<p><a class=\"button\" href=\"{}\">Add a JD with the web form</a></p>\n<p>You need a free GitHub account. Fill in the form, paste the text or attach the Word document, and submit: the JD is checked and becomes a proposal for the maintainers to review.</p>",
            escape(&form)
        );
    }
    if let Some(forge) = forge {
        let _ = writeln!(
            out,
            "<p><a class=\"button\" href=\"{}\">Read the contributing guide</a></p>",
            escape(&forge.contributing())
        );
        let _ = writeln!(
            out,
            "<p>If you use the command line, <code>jdlib contribute</code> checks your JD and opens the proposal for you. The <a href=\"{}\">library's home on the forge</a> has the details.</p>",
            escape(&forge.home())
        );
    } else {
        out.push_str(
            "<p>Read <code>CONTRIBUTING.md</code> in the library's repository, or ask its \
             maintainers to add the JD for you.</p>\n",
        );
    }
    out.push_str("<h2>Use the data</h2>\n");
    let _ = writeln!(
        out,
        "<p>Everything on this site is also open data: <a href=\"{}\">all JDs as CSV</a>, <a href=\"{}\">as JSON</a>, and <a href=\"{}\">salaries as CSV</a>, described by a <a href=\"{}\">data package</a>.</p>",
        place.link("data/jds.csv"),
        place.link("data/jds.json"),
        place.link("data/salaries.csv"),
        place.link("data/datapackage.json")
    );
    html::page(
        &Shell {
            title: "Contribute",
            description: "How to add or improve a job description",
            place: &place,
            base_url: site.base_url(),
            scripts: &[],
            current: Nav::Contribute,
        },
        &out,
    )
}
