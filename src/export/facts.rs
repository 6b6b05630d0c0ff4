//! The facts a council looks for at the top of a JD, as labelled rows. The labels and wording
//! are chosen so that `jdlib import` reads them back: pay as "£41,000 to £47,000 per year" on
//! the first line with a pound sign, hours as "37 hours", the contract by its usual words, and
//! `Level` and `Grade` as labelled rows.

use crate::library::JobDescription;
use crate::library::front_matter::{Basis, Contract, Period, Source};
use crate::salary::format_pounds;

/// One row of the facts table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// What the row is ("Grade").
    pub label: &'static str,
    /// Its value as plain text.
    pub value: String,
    /// A web address the value links to (the original advert).
    pub link: Option<String>,
}

impl Fact {
    fn new(label: &'static str, value: impl Into<String>) -> Fact {
        Fact {
            label,
            value: value.into(),
            link: None,
        }
    }
}

/// The note a model JD carries above its body.
pub const MODEL_NOTE: &str = "This is a model JD, written for the library rather than advertised by a council, and its pay is indicative. Adapt the wording, grade and pay to your council before you use it.";

/// The note for `jd`, when it is a model JD.
pub fn model_note(jd: &JobDescription) -> Option<&'static str> {
    (jd.front.source == Source::Model).then_some(MODEL_NOTE)
}

/// The rows, in the order a council's JD template lists them. Pay comes before anything else
/// that could hold a pound sign, because import takes the first such line as the pay.
pub fn facts(jd: &JobDescription, role_title: &str) -> Vec<Fact> {
    let front = &jd.front;
    let mut rows = vec![
        Fact::new("Job title", front.title.clone()),
        Fact::new("Level", capitalise(front.level.as_str())),
        Fact::new("Role", role_title),
    ];
    if let Some(contract) = front.contract {
        rows.push(Fact::new("Contract", contract_words(contract)));
    }
    if let Some(salary) = &front.salary {
        let label = if salary.basis == Basis::Indicative {
            "Salary (indicative)"
        } else {
            "Salary as advertised"
        };
        let mut pay = as_advertised(salary.min, salary.max, salary.period);
        match salary.includes_london_weighting {
            Some(true) => pay.push_str(", including London weighting"),
            Some(false) => pay.push_str(", excluding London weighting"),
            None => {}
        }
        rows.push(Fact::new(label, pay));
        if let Some((lo, hi)) = jd.annual {
            rows.push(Fact::new(
                "Annual full-time equivalent",
                format!("{} to {}", format_pounds(lo), format_pounds(hi)),
            ));
        }
        if let Some(grade) = &salary.grade {
            rows.push(Fact::new("Grade", grade.clone()));
        }
        if let Some(hours) = salary.hours_per_week {
            rows.push(Fact::new(
                "Hours",
                format!("{} hours a week full time", number(hours)),
            ));
        }
        if let Some(fte) = salary.fte {
            rows.push(Fact::new("Fraction of full time", number(fte)));
        }
    }
    if let Some(location) = &front.location {
        rows.push(Fact::new("Location", location.clone()));
    }
    match jd.authority {
        Some(a) => rows.push(Fact::new(
            "Council",
            format!("{} ({})", a.official_name, a.region),
        )),
        None => rows.push(Fact::new("Source", "Model JD written for the library")),
    }
    if let Some(date) = jd.advertised {
        rows.push(Fact::new("Advertised", date.to_string()));
    }
    if let Some(url) = front.url.as_deref().filter(|u| is_web_address(u)) {
        rows.push(Fact {
            label: "Original advert",
            value: url.to_owned(),
            link: Some(url.to_owned()),
        });
    }
    rows.push(Fact::new(
        "Licence",
        super::licence::licence_name(&front.licence),
    ));
    rows
}

/// "£41,000 to £47,000 per year": exact figures (pence kept when there are any) and the period
/// in the words import reads.
fn as_advertised(min: f64, max: f64, period: Period) -> String {
    let per = match period {
        Period::Year => "per year",
        Period::Day => "per day",
        Period::Hour => "per hour",
    };
    if (min - max).abs() < f64::EPSILON {
        format!("{} {per}", money(min))
    } else {
        format!("{} to {} {per}", money(min), money(max))
    }
}

/// Whole pounds as `£41,000`; other amounts with their pence, `£18.50`.
pub fn money(amount: f64) -> String {
    // Pay is validated positive and far below 2^52 pence, so the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    let pence = (amount * 100.0).round() as i64;
    let pounds = format_pounds((pence / 100) as f64);
    match pence % 100 {
        0 => pounds,
        p => format!("{pounds}.{p:02}"),
    }
}

/// Whole numbers without `.0`.
fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

fn contract_words(contract: Contract) -> &'static str {
    match contract {
        Contract::Permanent => "Permanent",
        Contract::FixedTerm => "Fixed term",
        Contract::Interim => "Interim",
        Contract::Apprenticeship => "Apprenticeship",
    }
}

/// Whether a link may be followed from a document: web addresses only.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// "Senior" from "senior".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_pence_only_when_there_are_some() {
        assert_eq!(money(41_000.0), "£41,000");
        assert_eq!(money(18.5), "£18.50");
        assert_eq!(money(1_234.05), "£1,234.05");
    }

    #[test]
    fn pay_names_its_period() {
        assert_eq!(
            as_advertised(41_000.0, 47_000.0, Period::Year),
            "£41,000 to £47,000 per year"
        );
        assert_eq!(as_advertised(450.0, 450.0, Period::Day), "£450 per day");
    }
}
