//! Front-matter facts guessed from a document's text: pay figures and period, grade, hours,
//! contract, level and role. Every guess says where it came from, so the contributor can
//! confirm it; flags always win over guesses.

use std::sync::LazyLock;

use regex::Regex;

use crate::contribute::draft::Fields;
use crate::contribute::form::role_matches;
use crate::library::front_matter::{Level, Period};
use crate::library::money::{self, format_amount};
use crate::library::roles::RoleRegistry;

/// One guessed fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    /// The front-matter key.
    pub field: &'static str,
    /// The value guessed.
    pub value: String,
    /// The text it was read from.
    pub from: String,
}

static SCP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bSCP\s*\d{1,3}\s*(?:-|–|to)\s*\d{1,3}\b")
        .expect("a fixed pattern that compiles")
});
static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:grade|band|scale)\s*:?\s*([A-Z]{0,3}\s?\d{1,2}[A-Za-z]?(?:\s*(?:-|–|to)\s*[A-Z]{0,3}\s?\d{1,2}[A-Za-z]?)?)\b")
        .expect("a fixed pattern that compiles")
});
static HOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{2}(?:\.\d{1,2})?)\s*hours?\b").expect("a fixed pattern that compiles")
});

/// Everything that can be guessed from the text (`lines`, in document order) and the title.
pub fn guess(
    lines: &[String],
    title: Option<&str>,
    registry: &RoleRegistry,
) -> (Fields, Vec<Guess>) {
    let mut fields = Fields::default();
    let mut guesses = Vec::new();
    let mut note = |field: &'static str, value: String, from: &str| {
        guesses.push(Guess {
            field,
            value,
            from: excerpt(from),
        });
    };

    // A labelled level ("Level: Senior") says more than a word in the title.
    let labelled_level = lines.iter().find_map(|l| {
        let value = labelled(l, &["level"])?.to_lowercase();
        Level::parse(&value).map(|level| (level, l))
    });
    if let Some((level, line)) = labelled_level {
        fields.level = Some(level.as_str().to_owned());
        note("level", level.as_str().to_owned(), line);
    }

    if let Some(title) = title {
        fields.title = Some(title.to_owned());
        note(
            "title",
            title.to_owned(),
            "the document's title or first heading",
        );
        if let Some(level) = level_from_title(title).filter(|_| labelled_level.is_none()) {
            fields.level = Some(level.to_owned());
            note("level", level.to_owned(), title);
        }
        if let Some(role) = role_from_title(title, registry) {
            fields.role = Some(role.clone());
            note("role", role, title);
        }
    }

    if let Some(line) = lines.iter().find(|l| money::has_amount(l)) {
        let amounts: Vec<f64> = money::amounts_in(line).into_iter().take(2).collect();
        if let (Some(&first), last) = (amounts.first(), amounts.last().copied()) {
            let (min, max) = (
                first.min(last.unwrap_or(first)),
                first.max(last.unwrap_or(first)),
            );
            fields.salary_min = Some(min);
            fields.salary_max = Some(max);
            let period = period(line, max);
            fields.salary_period = Some(period.to_owned());
            note("salary.min", format_amount(min), line);
            note("salary.max", format_amount(max), line);
            note("salary.period", period.to_owned(), line);
            let lower = line.to_lowercase();
            if lower.contains("london weighting") {
                let included = !(lower.contains("plus london weighting")
                    || lower.contains("+ london weighting")
                    || lower.contains("excluding london weighting"));
                fields.london_weighting = Some(included);
                note(
                    "salary.includes_london_weighting",
                    included.to_string(),
                    line,
                );
            }
        }
    }

    if let Some((grade, line)) = lines.iter().find_map(|l| {
        labelled(l, &["grade", "pay grade"])
            .map(|g| (g.to_owned(), l))
            .or_else(|| {
                SCP.find(l)
                    .map(|m| {
                        (
                            m.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                            l,
                        )
                    })
                    .or_else(|| GRADE.captures(l).map(|c| (c[1].trim().to_owned(), l)))
            })
    }) {
        note("salary.grade", grade.clone(), line);
        fields.grade = Some(grade);
    }

    if let Some((hours, line)) = lines.iter().find_map(|l| {
        let c = HOURS.captures(l)?;
        let hours: f64 = c[1].parse().ok()?;
        (hours > 0.0 && hours <= 48.0).then_some((hours, l))
    }) {
        fields.hours_per_week = Some(hours);
        note("salary.hours_per_week", format_amount(hours), line);
    }

    if let Some((contract, line)) = lines.iter().find_map(|l| contract(l).map(|c| (c, l))) {
        fields.contract = Some(contract.to_owned());
        note("contract", contract.to_owned(), line);
    }
    (fields, guesses)
}

/// The value of a line "Label: value" whose label is one of `labels` (any case): a labelled
/// paragraph, or a two-column table row.
fn labelled<'l>(line: &'l str, labels: &[&str]) -> Option<&'l str> {
    let (label, value) = line.split_once(':')?;
    let value = value.trim();
    (!value.is_empty() && labels.iter().any(|l| label.trim().eq_ignore_ascii_case(l)))
        .then_some(value)
}

/// What the figures are per, from the words around them; large figures are yearly.
fn period(line: &str, max: f64) -> &'static str {
    match money::period_mentioned(line) {
        Some(period @ (Period::Hour | Period::Day)) => period.as_str(),
        _ if max < 100.0 => "hour",
        None if max < 1500.0 => "day",
        _ => "year",
    }
}

fn contract(line: &str) -> Option<&'static str> {
    let lower = line.to_lowercase();
    if lower.contains("fixed term") || lower.contains("fixed-term") {
        Some("fixed-term")
    } else if lower.contains("apprenticeship") {
        Some("apprenticeship")
    } else if lower.contains("interim") {
        Some("interim")
    } else if lower.contains("permanent") {
        Some("permanent")
    } else {
        None
    }
}

/// The level a job title names, when it names one.
pub fn level_from_title(title: &str) -> Option<&'static str> {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if lower.contains("head of") {
        Some("head")
    } else if has("director") {
        Some("director")
    } else if has("principal") {
        Some("principal")
    } else if has("lead") {
        Some("lead")
    } else if has("senior") {
        Some("senior")
    } else if has("apprentice") {
        Some("apprentice")
    } else if has("junior") || has("trainee") || has("assistant") || has("graduate") {
        Some("junior")
    } else {
        None
    }
}

/// The role whose title or alias the job title names, once level words are set aside.
fn role_from_title(title: &str, registry: &RoleRegistry) -> Option<String> {
    const LEVEL_WORDS: &[&str] = &[
        "senior",
        "junior",
        "lead",
        "principal",
        "trainee",
        "assistant",
        "apprentice",
        "graduate",
    ];
    let core: String = title
        .split(['(', '-', '–'])
        .next()
        .unwrap_or(title)
        .split_whitespace()
        .filter(|w| !LEVEL_WORDS.contains(&w.to_lowercase().as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    match role_matches(registry, &core) {
        Ok(id) => Some(id),
        Err(candidates) => candidates.into_iter().next().map(|(id, _)| id),
    }
}

fn excerpt(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 80 {
        format!("{}…", one.chars().take(79).collect::<String>())
    } else {
        one
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn reads_pay_as_councils_write_it() {
        let registry = RoleRegistry::default();
        let cases: &[(&str, f64, f64, &str)] = &[
            ("£36,000 - £39,000 per annum", 36000.0, 39000.0, "year"),
            (
                "Salary: £36,000 to £39,000 pro rata",
                36000.0,
                39000.0,
                "year",
            ),
            ("£18.50 per hour", 18.5, 18.5, "hour"),
            ("Pay £250 per day", 250.0, 250.0, "day"),
            ("£42k – £46k", 42000.0, 46000.0, "year"),
        ];
        for (line, min, max, period) in cases {
            let (f, _) = guess(&lines(&[line]), None, &registry);
            assert_eq!(
                (f.salary_min, f.salary_max),
                (Some(*min), Some(*max)),
                "{line}"
            );
            assert_eq!(f.salary_period.as_deref(), Some(*period), "{line}");
        }
    }

    #[test]
    fn reads_grade_hours_and_contract() {
        let registry = RoleRegistry::default();
        let (f, guesses) = guess(
            &lines(&[
                "Grade: SCP 29 - 32",
                "37 hours per week",
                "This is a fixed term post",
            ]),
            Some("Senior Data Analyst"),
            &registry,
        );
        assert_eq!(f.grade.as_deref(), Some("SCP 29 - 32"));
        assert_eq!(f.hours_per_week, Some(37.0));
        assert_eq!(f.contract.as_deref(), Some("fixed-term"));
        assert_eq!(f.level.as_deref(), Some("senior"));
        assert!(
            guesses
                .iter()
                .any(|g| g.field == "salary.grade" && g.from == "Grade: SCP 29 - 32")
        );
        let (f, _) = guess(&lines(&["Grade PO4"]), None, &registry);
        assert_eq!(f.grade.as_deref(), Some("PO4"));
    }

    #[test]
    fn labelled_rows_give_level_and_grade_as_written() {
        let registry = RoleRegistry::default();
        let (f, _) = guess(
            &lines(&[
                "Level: Mid",
                "Grade: Indicative mid band (model JD, not a council grade)",
            ]),
            Some("Senior Data Analyst"),
            &registry,
        );
        assert_eq!(f.level.as_deref(), Some("mid"), "the label beats the title");
        assert_eq!(
            f.grade.as_deref(),
            Some("Indicative mid band (model JD, not a council grade)")
        );
        let (f, _) = guess(&lines(&["Level: expert"]), None, &registry);
        assert_eq!(f.level, None, "only the contract's levels are read");
    }
}
