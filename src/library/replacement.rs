//! The exact value to write instead of a front-matter value written another way, when the
//! value has one meaning: a date in a UK form, an amount of money, a period or licence by
//! another name, an allowed value in other letter case. Schema findings append it to their
//! message, so a contributor is told what to write rather than only what is allowed.

use crate::date::Date;
use crate::library::money;

/// What to write instead of a value, and what the value means when that is worth saying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// The value to write, as the contract spells it.
    pub value: String,
    /// The found value in words, when the replacement alone would not show it (a date).
    pub meaning: Option<String>,
}

impl Replacement {
    /// The words to append to a message that ends "found `…`", for the key `key`.
    pub fn hint(&self, key: &str) -> String {
        let meaning = self
            .meaning
            .as_ref()
            .map_or_else(String::new, |m| format!(", which is {m}"));
        format!("{meaning}; write `{key}: {}` instead", self.value)
    }
}

/// The licences the contract allows and the names people give them, normalised as
/// [`normalise_licence`] does.
const LICENCES: &[(&str, &[&str])] = &[
    (
        "OGL-UK-3.0",
        &[
            "ogl",
            "ogl uk",
            "ogl 3",
            "ogl 3.0",
            "ogl v3",
            "ogl v3.0",
            "ogl uk 3",
            "ogl uk v3",
            "ogl uk v3.0",
            "open government licence",
            "open government license",
            "open government licence 3.0",
            "open government licence v3",
            "open government licence v3.0",
            "open government licence version 3.0",
            "uk open government licence",
            "uk open government licence v3.0",
        ],
    ),
    (
        "CC-BY-4.0",
        &[
            "cc by",
            "cc by 4",
            "cc by 4.0",
            "cc by v4.0",
            "creative commons attribution",
            "creative commons attribution 4.0",
            "creative commons attribution 4.0 international",
        ],
    ),
    (
        "CC0-1.0",
        &[
            "cc0",
            "cc0 1.0",
            "cc0 v1.0",
            "cc zero",
            "creative commons zero",
            "cc0 1.0 universal",
        ],
    ),
];

/// The replacement for `found` at the JSON pointer `pointer`, given the values the schema
/// allows there (`options`, empty when it is not a list of values); `None` unless `found`
/// has exactly one meaning.
pub fn for_value(pointer: &str, found: &str, options: &[&str]) -> Option<Replacement> {
    let plain = |value: String| Replacement {
        value,
        meaning: None,
    };
    let specific = match pointer {
        "/advertised" => Date::parse_uk(found).map(|date| {
            let day_first = !found.chars().any(char::is_alphabetic)
                && found.trim().find(['/', '.', '-']).is_some_and(|at| at <= 2);
            let words = date.in_words();
            let meaning = if day_first {
                Some(format!("{words} read day first"))
            } else {
                // `3 June 2024` needs no gloss; `June 3, 2024` gets one, to confirm the order.
                (!words.eq_ignore_ascii_case(found.trim())).then_some(words)
            };
            Replacement {
                value: date.to_string(),
                meaning,
            }
        }),
        "/salary/min" | "/salary/max" => money::parse_amount(found)
            .filter(|&n| n > 0.0)
            .map(|n| plain(money::format_amount(n))),
        "/salary/hours_per_week" => hours(found).map(|n| plain(money::format_amount(n))),
        "/salary/includes_london_weighting" => match found.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" | "included" => Some(plain("true".to_owned())),
            "no" | "n" | "false" | "not included" => Some(plain("false".to_owned())),
            _ => None,
        },
        "/salary/period" => money::period_named(found).map(|p| plain(p.as_str().to_owned())),
        "/licence" => {
            let key = normalise_licence(found);
            LICENCES
                .iter()
                .find(|(_, names)| names.contains(&key.as_str()))
                .map(|(id, _)| plain((*id).to_owned()))
        }
        _ => None,
    };
    specific.or_else(|| {
        let mut key = normalise_option(found);
        // "Permanent contract" and "FTC" say the same as the contract's words.
        if pointer == "/contract" {
            key = match key.strip_suffix("-contract").unwrap_or(&key) {
                "ftc" => "fixed-term".to_owned(),
                rest => rest.to_owned(),
            };
        }
        let mut same = options.iter().filter(|o| normalise_option(o) == key);
        match (same.next(), same.next()) {
            (Some(option), None) if *option != found => Some(plain((*option).to_owned())),
            _ => None,
        }
    })
}

/// A working week written with its unit: `37 hours`, `37.5 hrs per week`, `36`.
fn hours(text: &str) -> Option<f64> {
    let lower = text.trim().to_lowercase();
    let number = lower
        .trim_end_matches(" per week")
        .trim_end_matches(" a week")
        .trim_end_matches(" pw")
        .trim_end_matches(['h', 'o', 'u', 'r', 's'])
        .trim_end();
    let n: f64 = number.parse().ok()?;
    (n > 0.0 && n.is_finite()).then_some(n)
}

/// Lower case, with spaces and underscores as the hyphens allowed values use.
fn normalise_option(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Lower case, words split at anything but letters, digits and dots.
fn normalise_licence(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(pointer: &str, found: &str, options: &[&str]) -> Option<String> {
        for_value(pointer, found, options).map(|r| r.value)
    }

    #[test]
    fn dates_say_which_date_they_mean() {
        for (found, meaning) in [
            ("03/06/2024", "3 June 2024 read day first"),
            ("3/6/24", "3 June 2024 read day first"),
            ("3rd June 2024", "3 June 2024"),
            ("June 3, 2024", "3 June 2024"),
        ] {
            let r = for_value("/advertised", found, &[]).unwrap();
            assert_eq!(r.value, "2024-06-03", "{found}");
            assert_eq!(r.meaning.as_deref(), Some(meaning), "{found}");
        }
        let r = for_value("/advertised", "3 June 2024", &[]).unwrap();
        assert_eq!(r.meaning, None, "the words already say it");
        assert_eq!(
            for_value("/advertised", "03/06/2024", &[])
                .unwrap()
                .hint("advertised"),
            ", which is 3 June 2024 read day first; write `advertised: 2024-06-03` instead"
        );
        assert_eq!(value("/advertised", "31/02/2024", &[]), None);
        assert_eq!(value("/advertised", "spring 2024", &[]), None);
    }

    #[test]
    fn money_becomes_a_plain_number() {
        assert_eq!(
            value("/salary/min", "£45,000", &[]).as_deref(),
            Some("45000")
        );
        assert_eq!(value("/salary/max", "45k", &[]).as_deref(), Some("45000"));
        assert_eq!(
            value("/salary/max", "45,000.00", &[]).as_deref(),
            Some("45000")
        );
        assert_eq!(value("/salary/min", "£18.50", &[]).as_deref(), Some("18.5"));
        assert_eq!(value("/salary/min", "£38,296 - £41,418", &[]), None);
        assert_eq!(value("/salary/min", "£0", &[]), None);
        assert_eq!(value("/title", "£45,000", &[]), None);
    }

    #[test]
    fn hours_and_yes_or_no_as_the_contract_writes_them() {
        for (found, want) in [
            ("37 hours", Some("37")),
            ("37.5 hrs per week", Some("37.5")),
            ("36 hours a week", Some("36")),
            ("36", Some("36")),
            ("0 hours", None),
            ("full time", None),
        ] {
            assert_eq!(
                value("/salary/hours_per_week", found, &[]).as_deref(),
                want,
                "{found}"
            );
        }
        let weighting = "/salary/includes_london_weighting";
        assert_eq!(value(weighting, "Yes", &[]).as_deref(), Some("true"));
        assert_eq!(value(weighting, "no", &[]).as_deref(), Some("false"));
        assert_eq!(value(weighting, "maybe", &[]), None);
    }

    #[test]
    fn periods_and_licences_by_other_names() {
        let periods = ["year", "day", "hour"];
        for (found, want) in [
            ("annual", "year"),
            ("per annum", "year"),
            ("p.a.", "year"),
            ("yearly", "year"),
            ("hourly", "hour"),
            ("daily", "day"),
            ("Year", "year"),
        ] {
            assert_eq!(
                value("/salary/period", found, &periods).as_deref(),
                Some(want),
                "{found}"
            );
        }
        let licences = ["OGL-UK-3.0", "CC-BY-4.0", "CC0-1.0"];
        for (found, want) in [
            ("OGL", "OGL-UK-3.0"),
            ("Open Government Licence", "OGL-UK-3.0"),
            ("Open Government Licence v3.0", "OGL-UK-3.0"),
            ("ogl-uk-3.0", "OGL-UK-3.0"),
            ("CC BY", "CC-BY-4.0"),
            ("CC-BY 4.0", "CC-BY-4.0"),
            ("CC0", "CC0-1.0"),
        ] {
            assert_eq!(
                value("/licence", found, &licences).as_deref(),
                Some(want),
                "{found}"
            );
        }
        assert_eq!(value("/licence", "MIT", &licences), None);
        assert_eq!(value("/licence", "CC BY-SA", &licences), None);
    }

    #[test]
    fn allowed_values_in_other_case_or_spacing() {
        let contracts = ["permanent", "fixed-term", "interim", "apprenticeship"];
        assert_eq!(
            value("/contract", "Fixed Term", &contracts).as_deref(),
            Some("fixed-term")
        );
        assert_eq!(
            value("/level", "SENIOR", &["junior", "senior"]).as_deref(),
            Some("senior")
        );
        assert_eq!(value("/level", "seniour", &["junior", "senior"]), None);
        assert_eq!(
            value("/contract", "Permanent contract", &contracts).as_deref(),
            Some("permanent")
        );
        assert_eq!(
            value("/contract", "FTC", &contracts).as_deref(),
            Some("fixed-term")
        );
        assert_eq!(value("/contract", "casual", &contracts), None);
        assert_eq!(
            for_value("/level", "Senior", &["senior"])
                .unwrap()
                .hint("level"),
            "; write `level: senior` instead"
        );
    }
}
