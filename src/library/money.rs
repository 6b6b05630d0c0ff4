//! Pay as people write it: amounts (`£45,000`, `45k`, `45,000.00`) and what they are per
//! (`per annum`, `hourly`). The one reader of both, for import's guesses from an advert's
//! text and for the replacements validation suggests.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::library::front_matter::Period;

/// Pounds with thousands commas or none, optional pence, optional `k` for thousands.
const AMOUNT: &str = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?\s?([kK]\b)?";

/// An amount inside a line of text: only with a pound sign, so other numbers stay out.
static IN_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"£\s?{AMOUNT}")).expect("a fixed pattern that compiles"));

/// An amount on its own: the pound sign optional.
static ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^£?\s?{AMOUNT}$")).expect("a fixed pattern that compiles")
});

/// Words in a line that say what its figures are per, checked in this order: an hourly or
/// daily rate says so, and yearly words only matter when the figures could be a day rate.
const CUES: &[(Period, &[&str])] = &[
    (
        Period::Hour,
        &["per hour", "an hour", "hourly", "p/h", "ph "],
    ),
    (Period::Day, &["per day", "a day", "daily", "per diem"]),
    (
        Period::Year,
        &["per annum", "a year", "per year", "p.a", "annual"],
    ),
];

/// What a value such as `salary.period` means when written another way: the cues, and forms
/// too short or too common to look for inside a line.
const NAMES: &[(Period, &[&str])] = &[
    (
        Period::Year,
        &[
            "annual",
            "annually",
            "annum",
            "per annum",
            "p.a.",
            "p.a",
            "pa",
            "yearly",
            "a year",
            "per year",
            "years",
            "yr",
            "per yr",
        ],
    ),
    (
        Period::Day,
        &["daily", "per day", "a day", "per diem", "days", "day rate"],
    ),
    (
        Period::Hour,
        &[
            "hourly",
            "per hour",
            "an hour",
            "p/h",
            "ph",
            "hours",
            "hr",
            "per hr",
            "hourly rate",
        ],
    ),
];

fn value(c: &Captures<'_>) -> Option<f64> {
    let whole: f64 = c[1].replace(',', "").parse().ok()?;
    let pence: f64 = c.get(2).map_or(Ok(0.0), |p| p.as_str().parse()).ok()?;
    let thousands = if c.get(3).is_some() { 1000.0 } else { 1.0 };
    Some((whole + pence) * thousands)
}

/// Every amount written with a pound sign in `line`, in order.
pub fn amounts_in(line: &str) -> Vec<f64> {
    IN_LINE
        .captures_iter(line)
        .filter_map(|c| value(&c))
        .collect()
}

/// Whether `line` has an amount written with a pound sign.
pub fn has_amount(line: &str) -> bool {
    IN_LINE.is_match(line)
}

/// One amount written on its own (`£45,000`, `45k`, `45,000.00`), as a plain number.
pub fn parse_amount(text: &str) -> Option<f64> {
    ALONE.captures(text.trim()).and_then(|c| value(&c))
}

/// The period the words of `line` name, if any (see [`CUES`] for the order).
pub fn period_mentioned(line: &str) -> Option<Period> {
    let lower = line.to_lowercase();
    CUES.iter()
        .find(|(_, words)| words.iter().any(|w| lower.contains(w)))
        .map(|&(period, _)| period)
}

/// The period a value written another way names (`annual`, `Per Annum`, `hourly`).
pub fn period_named(text: &str) -> Option<Period> {
    let key = text.trim().to_lowercase();
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|&(period, _)| period)
}

/// Whole numbers without `.0`; others as written.
pub fn format_amount(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_amount_as_written() {
        for (text, want) in [
            ("£45,000", Some(45_000.0)),
            ("45k", Some(45_000.0)),
            ("£42.5k", Some(42_500.0)),
            ("45,000.00", Some(45_000.0)),
            (" £ 38,296 ", Some(38_296.0)),
            ("18.50", Some(18.5)),
            ("45,00", None),
            ("£38,296 - £41,418", None),
            ("forty", None),
            ("", None),
        ] {
            assert_eq!(parse_amount(text), want, "{text}");
        }
        assert_eq!(format_amount(45_000.0), "45000");
        assert_eq!(format_amount(18.5), "18.5");
    }

    #[test]
    fn finds_amounts_with_a_pound_sign_in_a_line() {
        assert_eq!(
            amounts_in("£38,296 - £41,418 per annum (37 hours)"),
            [38_296.0, 41_418.0]
        );
        assert_eq!(amounts_in("£42k – £46k"), [42_000.0, 46_000.0]);
        assert!(!has_amount("grade 7, 37 hours"));
    }

    #[test]
    fn periods_by_name_and_in_a_line() {
        for (text, want) in [
            ("annual", Period::Year),
            ("Per Annum", Period::Year),
            ("p.a.", Period::Year),
            ("yearly", Period::Year),
            ("hourly", Period::Hour),
            ("daily", Period::Day),
        ] {
            assert_eq!(period_named(text), Some(want), "{text}");
        }
        assert_eq!(period_named("monthly"), None);
        assert_eq!(period_mentioned("£18 per hour"), Some(Period::Hour));
        assert_eq!(period_mentioned("£300 a day"), Some(Period::Day));
        assert_eq!(period_mentioned("£40,000 per annum"), Some(Period::Year));
        assert_eq!(period_mentioned("£40,000 pay"), None);
    }
}
