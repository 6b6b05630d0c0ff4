//! The words around a contribution: its commit message and its pull request's title and body,
//! written for the maintainers who review it.

use crate::library::check::JobDescription;
use crate::library::front_matter::Source;
use crate::salary::format_pounds;

use super::Findings;

/// One line naming a JD: title, role and level, and the council and date for an advert.
pub fn headline(jd: &JobDescription) -> String {
    let f = &jd.front;
    let what = format!("{} ({}, {})", f.title, f.role, f.level);
    match (f.source, jd.authority, &f.advertised) {
        (Source::Advertised, Some(council), Some(date)) => {
            format!("{what} advertised by {} on {date}", council.official_name)
        }
        (Source::Advertised, None, Some(date)) => format!(
            "{what} advertised by {} on {date}",
            f.organisation.as_deref().unwrap_or("a council")
        ),
        _ => format!("model JD {what}"),
    }
}

/// The subject line for adding `jds`.
pub fn contribution_subject(jds: &[JobDescription]) -> String {
    match jds {
        [one] => format!("Add {}", headline(one)),
        many => {
            let councils: std::collections::BTreeSet<&str> = many
                .iter()
                .filter_map(|jd| jd.authority.map(|a| a.official_name.as_str()))
                .collect();
            match councils.iter().next() {
                Some(council) if councils.len() == 1 => {
                    format!("Add {} JDs advertised by {council}", many.len())
                }
                _ => format!("Add {} JDs", many.len()),
            }
        }
    }
}

/// The commit message: the subject, then one line per file.
pub fn commit_message(subject: &str, jds: &[JobDescription], note: Option<&str>) -> String {
    let mut out = format!("{subject}\n\n");
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        out.push_str(note);
        out.push_str("\n\n");
    }
    for jd in jds {
        out.push_str(&format!("- {}: {}\n", jd.path, headline(jd)));
    }
    out.push_str("\nMade with jdlib.\n");
    out
}

/// "£42,000–£46,000 per year, grade PO4" as the advert gave it.
fn advertised_pay(jd: &JobDescription) -> Option<String> {
    let s = jd.front.salary.as_ref()?;
    let mut out = format!(
        "{}–{} per {}",
        pounds(s.min),
        pounds(s.max),
        s.period.as_str()
    );
    if let Some(hours) = s.hours_per_week {
        out.push_str(&format!(", {hours} hours a week"));
    }
    if let Some(grade) = &s.grade {
        out.push_str(&format!(", grade {grade}"));
    }
    if s.includes_london_weighting == Some(true) {
        out.push_str(", including London weighting");
    }
    Some(out)
}

/// Whole pounds, or pounds and pence for hourly rates.
fn pounds(amount: f64) -> String {
    if amount.fract() == 0.0 {
        format_pounds(amount)
    } else {
        format!("£{amount:.2}")
    }
}

/// The pull request body: a table per JD and what the checks found.
pub fn pull_request_body(intro: &str, jds: &[JobDescription], findings: &Findings) -> String {
    let mut out = format!("{intro}\n\n");
    for jd in jds {
        let f = &jd.front;
        out.push_str("| | |\n|---|---|\n");
        let mut row = |k: &str, v: &str| out.push_str(&format!("| {k} | {} |\n", cell(v)));
        row("Title", &f.title);
        row("Role", &f.role);
        row("Level", f.level.as_str());
        if let Some(council) = jd.authority {
            let code = council.gss_code.as_deref().unwrap_or(&council.code);
            row("Council", &format!("{} ({code})", council.official_name));
        }
        if let Some(date) = &f.advertised {
            row("Advertised", date);
        }
        if let Some(pay) = advertised_pay(jd) {
            row("Salary as advertised", &pay);
        }
        if let Some((lo, hi)) = jd.annual {
            row(
                "Annual full-time equivalent",
                &format!("{}–{}", format_pounds(lo), format_pounds(hi)),
            );
        }
        row("File", &format!("`{}`", jd.path));
        out.push('\n');
    }
    out.push_str(&checks_line(findings));
    out.push('\n');
    out
}

/// "Checks: `jdlib validate` found no problems; `jdlib lint` found 2 warnings."
pub fn checks_line(findings: &Findings) -> String {
    let count = |list: &[crate::diagnostic::Diagnostic]| {
        let warnings = list.len();
        match warnings {
            0 => "no problems".to_owned(),
            1 => "1 warning".to_owned(),
            n => format!("{n} warnings"),
        }
    };
    format!(
        "**Checks:** `jdlib validate` found {}; `jdlib lint` found {}.",
        count(&findings.validate),
        count(&findings.lint)
    )
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
