//! Pay as a reader needs it: the figures as advertised, the annual full-time-equivalent jdlib
//! derives, and the arithmetic between them in words.

use crate::library::JobDescription;
use crate::library::annual::default_hours;
use crate::library::front_matter::{Basis, Period, Source};
use crate::library::register::Authority;
use crate::salary::format_pounds;

/// Money as adverts write it: whole pounds for a year, pence for an hour or a day.
pub fn money(amount: f64, period: Period) -> String {
    match period {
        Period::Year => format_pounds(amount),
        Period::Day | Period::Hour => format!("£{amount:.2}"),
    }
}

/// "£38,296 to £41,418 a year" as written in the file.
pub fn as_advertised(jd: &JobDescription) -> Option<String> {
    let s = jd.front.salary.as_ref()?;
    let per = match s.period {
        Period::Year => "a year",
        Period::Day => "a day",
        Period::Hour => "an hour",
    };
    Some(if (s.min - s.max).abs() < f64::EPSILON {
        format!("{} {per}", money(s.min, s.period))
    } else {
        format!(
            "{} to {} {per}",
            money(s.min, s.period),
            money(s.max, s.period)
        )
    })
}

/// "£45,000–£52,000" annual FTE, with "(indicative)" for model pay.
pub fn annual_range(jd: &JobDescription) -> Option<String> {
    let (lo, hi) = jd.annual?;
    let indicative = jd
        .front
        .salary
        .as_ref()
        .is_some_and(|s| s.basis == Basis::Indicative);
    Some(format!(
        "{}–{}{}",
        format_pounds(lo),
        format_pounds(hi),
        if indicative { " (indicative)" } else { "" }
    ))
}

/// How the annual FTE follows from the advert, in a sentence.
pub fn arithmetic(jd: &JobDescription) -> Option<String> {
    let s = jd.front.salary.as_ref()?;
    let (lo, hi) = jd.annual?;
    let is_london_or_model = jd.authority.is_none_or(Authority::is_london);
    let (hours, whose) = match s.hours_per_week {
        Some(h) => (h, "the advert's full-time week"),
        None if jd.authority.is_none() => (default_hours(true), "the model JDs' full-time week"),
        None if is_london_or_model => (default_hours(true), "the usual London full-time week"),
        None => (default_hours(false), "the national full-time week"),
    };
    let range = format!("{}–{}", format_pounds(lo), format_pounds(hi));
    Some(match s.period {
        Period::Year => format!(
            "{} full-time yearly pay, so the annual full-time equivalent is the same: {range}.",
            if jd.front.source == Source::Model {
                "This model JD gives"
            } else {
                "The advert gives"
            }
        ),
        Period::Day => format!(
            "A day rate times 5 days a week times 52.14 weeks a year (365 ÷ 7) gives {range} a year."
        ),
        Period::Hour => format!(
            "An hourly rate times {hours} hours ({whose}) times 52.14 weeks a year (365 ÷ 7) gives {range} a year."
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pence_for_hours_and_days_whole_pounds_for_years() {
        assert_eq!(money(18.5, Period::Hour), "£18.50");
        assert_eq!(money(41_418.0, Period::Year), "£41,418");
    }
}
