//! The upload form: one plain question per line, so it works in any terminal and with a
//! screen reader. Each answer is checked against the contract's rules as it is typed and asked
//! again, with the reason, until it is right. Fuzzy picks list numbered matches to choose from.
//! The full validator still checks the finished JD.

use std::io::{BufRead, Write};

use crate::date::Date;
use crate::library::front_matter::{Contract, Level, Period};
use crate::library::register::{Register, ResolveError};
use crate::library::roles::RoleRegistry;

use super::draft::{DEFAULT_LICENCE, Draft, Fields};

/// The form could not be completed.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    /// Input ended (Ctrl-D, or a script that ran out of answers).
    #[error(
        "the form was not finished (input ended at the question about {0}); nothing was written"
    )]
    Ended(&'static str),
    /// The terminal failed.
    #[error("reading an answer: {0}")]
    Io(#[from] std::io::Error),
}

/// Asks questions on `out` and reads answers from `input`.
pub struct Form<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    registry: &'a RoleRegistry,
    register: &'a Register,
    today: Date,
}

type Check<'f, T> = &'f dyn Fn(&str) -> Result<T, String>;

/// The one value a typed text names, or the candidates to choose from as (value, label).
type Found = Result<String, Vec<(String, String)>>;

impl<'a> Form<'a> {
    /// A form over the given input and output.
    pub fn new(
        input: &'a mut dyn BufRead,
        out: &'a mut dyn Write,
        registry: &'a RoleRegistry,
        register: &'a Register,
    ) -> Self {
        Form {
            input,
            out,
            registry,
            register,
            today: Date::today(),
        }
    }

    /// Asks for everything `draft` does not have yet and returns the answers as fields.
    pub fn fill(&mut self, draft: &Draft) -> Result<Fields, FormError> {
        writeln!(
            self.out,
            "Add a job description. Press Enter to skip a question marked (optional)."
        )?;
        let mut f = Fields::default();
        let model = draft.text("source") == Some("model");
        if !draft.has("title") {
            f.title = Some(self.ask("title", "Job title as advertised", None, &|s| {
                length(s, 3, 120)
            })?);
        }
        if !draft.has("role") {
            f.role = Some(self.pick_role()?);
        }
        if !draft.has("level") {
            let levels: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
            let prompt = format!("Level ({})", levels.join(", "));
            f.level = Some(self.ask("level", &prompt, None, &|s| one_of(s, &levels))?);
        }
        if !model && !draft.has("organisation") {
            f.organisation = Some(self.pick_council()?);
        }
        if !model && !draft.has("advertised") {
            let today = self.today;
            f.advertised = Some(self.ask(
                "advertised",
                "Date the advert was published (YYYY-MM-DD)",
                None,
                &|s| advert_date(s, today),
            )?);
        }
        if draft.salary("min").is_none() {
            f.salary_min = self.ask_opt_if(
                model,
                "salary",
                "Lowest salary figure, full-time (e.g. 36000 or 18.50)",
                &money,
            )?;
        }
        if draft.salary("max").is_none() && (f.salary_min.is_some() || !model) {
            let min = f.salary_min.unwrap_or(0.0);
            f.salary_max =
                Some(
                    self.ask("salary", "Highest salary figure, full-time", None, &|s| {
                        let max = money(s)?;
                        if max < min {
                            Err(format!(
                                "the highest figure must be at least the lowest ({min})"
                            ))
                        } else {
                            Ok(max)
                        }
                    })?,
                );
        }
        if f.salary_min.is_some() || draft.salary("min").is_some() {
            self.salary_details(draft, &mut f)?;
        }
        let contracts: Vec<&str> = Contract::ALL.iter().map(|c| c.as_str()).collect();
        if !draft.has("contract") {
            let prompt = format!("Contract ({}) (optional)", contracts.join(", "));
            f.contract = self.optional("contract", &prompt, &|s| one_of(s, &contracts))?;
        }
        if !draft.has("url") {
            f.url = self.optional("url", "Advert web address (optional)", &url)?;
        }
        if !draft.has("licence") {
            let licences = ["OGL-UK-3.0", "CC-BY-4.0", "CC0-1.0"];
            let prompt = format!(
                "Licence you share it under ({}; you must have the right to share it)",
                licences.join(", ")
            );
            f.licence = Some(self.ask("licence", &prompt, Some(DEFAULT_LICENCE), &|s| {
                one_of(s, &licences)
            })?);
        }
        Ok(f)
    }

    fn salary_details(&mut self, draft: &Draft, f: &mut Fields) -> Result<(), FormError> {
        if draft.salary("period").is_none() {
            let periods: Vec<&str> = Period::ALL.iter().map(|p| p.as_str()).collect();
            f.salary_period = Some(self.ask(
                "salary",
                "Are the figures per year, day or hour?",
                Some("year"),
                &|s| one_of(s, &periods),
            )?);
        }
        if draft.salary("hours_per_week").is_none() {
            f.hours_per_week = self.optional(
                "hours",
                "Full-time hours a week the figures assume (optional)",
                &|s| range(s, 0.0, 48.0),
            )?;
        }
        if draft.salary("fte").is_none() {
            f.fte = self.optional(
                "fte",
                "Fraction of full time, e.g. 0.6 for three days (optional)",
                &|s| range(s, 0.0, 1.0),
            )?;
        }
        if draft.salary("grade").is_none() {
            f.grade = self.optional("grade", "Grade, e.g. PO4 or SCP 29-32 (optional)", &|s| {
                length(s, 1, 120)
            })?;
        }
        if draft.salary("includes_london_weighting").is_none() {
            f.london_weighting = self.optional(
                "london weighting",
                "Do the figures include London weighting? (y/n, optional)",
                &yes_no,
            )?;
        }
        Ok(())
    }

    /// Required for adverts, optional for models.
    fn ask_opt_if<T>(
        &mut self,
        optional: bool,
        topic: &'static str,
        prompt: &str,
        check: Check<'_, T>,
    ) -> Result<Option<T>, FormError> {
        if optional {
            self.optional(topic, &format!("{prompt} (optional)"), check)
        } else {
            self.ask(topic, prompt, None, check).map(Some)
        }
    }

    fn line(
        &mut self,
        topic: &'static str,
        prompt: &str,
        default: Option<&str>,
    ) -> Result<String, FormError> {
        match default {
            Some(d) => write!(self.out, "{prompt} [{d}]: ")?,
            None => write!(self.out, "{prompt}: ")?,
        }
        self.out.flush()?;
        let mut answer = String::new();
        if self.input.read_line(&mut answer)? == 0 {
            writeln!(self.out)?;
            return Err(FormError::Ended(topic));
        }
        let answer = answer.trim();
        Ok(match (answer.is_empty(), default) {
            (true, Some(d)) => d.to_owned(),
            _ => answer.to_owned(),
        })
    }

    fn ask<T>(
        &mut self,
        topic: &'static str,
        prompt: &str,
        default: Option<&str>,
        check: Check<'_, T>,
    ) -> Result<T, FormError> {
        loop {
            let answer = self.line(topic, prompt, default)?;
            match check(&answer) {
                Ok(value) => return Ok(value),
                Err(why) => writeln!(self.out, "  {why}")?,
            }
        }
    }

    fn optional<T>(
        &mut self,
        topic: &'static str,
        prompt: &str,
        check: Check<'_, T>,
    ) -> Result<Option<T>, FormError> {
        loop {
            let answer = self.line(topic, prompt, None)?;
            if answer.is_empty() {
                return Ok(None);
            }
            match check(&answer) {
                Ok(value) => return Ok(Some(value)),
                Err(why) => writeln!(self.out, "  {why}")?,
            }
        }
    }

    /// Asks until the text names one candidate, or a number picks one from the last list.
    fn pick(
        &mut self,
        topic: &'static str,
        prompt: &str,
        find: &dyn Fn(&str) -> Found,
    ) -> Result<String, FormError> {
        let mut shown: Vec<(String, String)> = Vec::new();
        loop {
            let answer = self.line(topic, prompt, None)?;
            if let Ok(n) = answer.parse::<usize>()
                && let Some((value, _)) = n.checked_sub(1).and_then(|i| shown.get(i))
            {
                return Ok(value.clone());
            }
            if answer.is_empty() {
                writeln!(
                    self.out,
                    "  Type part of a name, or a number from the list."
                )?;
                continue;
            }
            match find(&answer) {
                Ok(value) => return Ok(value),
                Err(candidates) if candidates.is_empty() => {
                    writeln!(self.out, "  Nothing matches `{answer}`; try another word.")?;
                }
                Err(candidates) => {
                    writeln!(
                        self.out,
                        "  Did you mean one of these? Type its number, or more of the name:"
                    )?;
                    for (i, (_, label)) in candidates.iter().enumerate() {
                        writeln!(self.out, "  {:>2}) {label}", i + 1)?;
                    }
                    shown = candidates;
                }
            }
        }
    }

    fn pick_role(&mut self) -> Result<String, FormError> {
        let registry = self.registry;
        self.pick(
            "role",
            "Role (type part of a job title, e.g. analyst)",
            &|text| role_matches(registry, text),
        )
    }

    fn pick_council(&mut self) -> Result<String, FormError> {
        let register = self.register;
        self.pick(
            "organisation",
            "Council that advertised it (any part of its name)",
            &|text| council_matches(register, text),
        )
    }
}

/// The role `text` names outright (id, title or alias), or the closest candidates.
pub fn role_matches(registry: &RoleRegistry, text: &str) -> Found {
    let key = text.trim().to_lowercase();
    if key.is_empty() {
        return Err(Vec::new());
    }
    let names = |r: &crate::library::roles::Role| {
        std::iter::once(r.id.clone())
            .chain(std::iter::once(r.title.clone()))
            .chain(r.aliases.iter().cloned())
            .map(|n| n.to_lowercase())
            .collect::<Vec<_>>()
    };
    if let Some(role) = registry.roles().iter().find(|r| names(r).contains(&key)) {
        return Ok(role.id.clone());
    }
    let mut scored: Vec<(f64, &crate::library::roles::Role)> = registry
        .roles()
        .iter()
        .filter_map(|r| {
            let best = names(r).iter().map(|n| score(n, &key)).fold(0.0, f64::max);
            (best > 0.0).then_some((best, r))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Err(scored
        .into_iter()
        .take(8)
        .map(|(_, r)| {
            let label = if r.aliases.is_empty() {
                format!("{} ({})", r.title, r.id)
            } else {
                format!("{} ({}; also {})", r.title, r.id, r.aliases.join(", "))
            };
            (r.id.clone(), label)
        })
        .collect())
}

/// The council `text` names outright, or the closest current councils.
pub fn council_matches(register: &Register, text: &str) -> Found {
    let key = text.trim().to_lowercase();
    if key.is_empty() {
        return Err(Vec::new());
    }
    match register.resolve(text) {
        Ok(a) if a.current => return Ok(a.gss_code.clone().unwrap_or_else(|| a.code.clone())),
        Ok(_) | Err(ResolveError::Unknown { .. } | ResolveError::Ambiguous { .. }) => {}
    }
    let mut scored: Vec<(f64, &crate::library::register::Authority)> = register
        .authorities()
        .iter()
        .filter(|a| a.current && a.gss_code.is_some())
        .filter_map(|a| {
            let best = std::iter::once(&a.short_name)
                .chain(std::iter::once(&a.official_name))
                .chain(&a.alt_names)
                .map(|n| score(&n.to_lowercase(), &key))
                .fold(0.0, f64::max);
            (best > 0.0).then_some((best, a))
        })
        .collect();
    // Equal matches list the shorter name first: "Manchester City Council" before "Greater
    // Manchester Combined Authority" for "manchester".
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.official_name.len().cmp(&b.1.official_name.len()))
            .then_with(|| a.1.official_name.cmp(&b.1.official_name))
    });
    Err(scored
        .into_iter()
        .take(8)
        .map(|(_, a)| {
            let code = a.gss_code.clone().unwrap_or_default();
            (code.clone(), format!("{} ({code})", a.official_name))
        })
        .collect())
}

/// How well `typed` matches `name`: contained words score high, near spellings lower.
fn score(name: &str, typed: &str) -> f64 {
    if name.contains(typed) {
        return 2.0 + typed.len() as f64 / name.len().max(1) as f64;
    }
    let similarity = name
        .split([' ', '-'])
        .map(|word| crate::suggest::similarity(word, typed))
        .fold(0.0, f64::max);
    if similarity >= 0.85 { similarity } else { 0.0 }
}

fn length(s: &str, min: usize, max: usize) -> Result<String, String> {
    let n = s.chars().count();
    if (min..=max).contains(&n) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "this must be {min} to {max} characters long (it is {n})"
        ))
    }
}

fn one_of(s: &str, allowed: &[&str]) -> Result<String, String> {
    let lower = s.to_lowercase();
    if let Some(found) = allowed.iter().find(|a| a.to_lowercase() == lower) {
        return Ok((*found).to_owned());
    }
    Err(format!(
        "choose one of {}{}",
        allowed.join(", "),
        crate::suggest::hint(s, allowed.iter().copied())
    ))
}

fn advert_date(s: &str, today: Date) -> Result<String, String> {
    let date = Date::parse(s).ok_or("write the date as YYYY-MM-DD, for example 2024-03-01")?;
    let earliest = Date {
        year: 2000,
        month: 1,
        day: 1,
    };
    if date < earliest || date > today {
        return Err(format!(
            "the date must be between 2000-01-01 and today ({today})"
        ));
    }
    Ok(date.to_string())
}

/// A pay figure, forgiving the way people write money: `£36,000`, `36000`, `18.50`.
fn money(s: &str) -> Result<f64, String> {
    let cleaned: String = s
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    match cleaned.parse::<f64>() {
        Ok(n) if n > 0.0 && n.is_finite() => Ok(n),
        _ => Err("write a number above 0, such as 36000 or 18.50 (no `k`)".to_owned()),
    }
}

fn range(s: &str, above: f64, max: f64) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(n) if n > above && n <= max => Ok(n),
        _ => Err(format!("write a number above {above} and at most {max}")),
    }
}

fn yes_no(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "y" | "yes" | "true" => Ok(true),
        "n" | "no" | "false" => Ok(false),
        _ => Err("answer y or n".to_owned()),
    }
}

fn url(s: &str) -> Result<String, String> {
    if (s.starts_with("https://") || s.starts_with("http://"))
        && !s.contains(char::is_whitespace)
        && s.len() <= 2000
    {
        Ok(s.to_owned())
    } else {
        Err("write the full address, starting https:// and with no spaces".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> RoleRegistry {
        let text = "roles:\n  - id: data-analyst\n    title: Data Analyst\n    family: data\n    aliases: [BI Analyst]\n    summary: Evidence.\n  - id: data-engineer\n    title: Data Engineer\n    family: data\n    summary: Pipes.\n";
        RoleRegistry::parse("library/roles.yaml", text).0
    }

    #[test]
    fn fills_a_draft_from_answers_and_asks_again_on_bad_ones() {
        let registry = registry();
        let answers = "ab\nSenior Data Analyst\nanal\n1\nseniour\nsenior\nGreenwch\n1\n2024-02-30\n2024-03-01\n£42,000\n40000\n46,000\n\n36\n\n\nn\n\nhttps://example.org/job\n\n";
        let mut input = answers.as_bytes();
        let mut out = Vec::new();
        let fields = Form::new(&mut input, &mut out, &registry, Register::get())
            .fill(&Draft::new("form"))
            .unwrap();
        let shown = String::from_utf8(out).unwrap();
        assert_eq!(fields.title.as_deref(), Some("Senior Data Analyst"));
        assert_eq!(fields.role.as_deref(), Some("data-analyst"), "{shown}");
        assert_eq!(fields.level.as_deref(), Some("senior"));
        assert_eq!(fields.organisation.as_deref(), Some("E09000011"), "{shown}");
        assert_eq!(fields.advertised.as_deref(), Some("2024-03-01"));
        assert_eq!(fields.salary_min, Some(42000.0));
        assert_eq!(fields.salary_max, Some(46000.0));
        assert_eq!(fields.salary_period.as_deref(), Some("year"));
        assert_eq!(fields.hours_per_week, Some(36.0));
        assert_eq!(fields.london_weighting, Some(false));
        assert_eq!(fields.url.as_deref(), Some("https://example.org/job"));
        assert_eq!(fields.licence.as_deref(), Some(DEFAULT_LICENCE));
        assert!(shown.contains("3 to 120 characters"), "{shown}");
        assert!(shown.contains("did you mean `senior`"), "{shown}");
        assert!(shown.contains("YYYY-MM-DD"), "{shown}");
        assert!(shown.contains("at least the lowest"), "{shown}");
        assert!(
            shown.contains("Royal Borough of Greenwich (E09000011)"),
            "{shown}"
        );
    }

    #[test]
    fn running_out_of_answers_is_a_clear_error() {
        let registry = registry();
        let mut input = "Data Analyst\n".as_bytes();
        let mut out = Vec::new();
        let err = Form::new(&mut input, &mut out, &registry, Register::get())
            .fill(&Draft::new("form"))
            .unwrap_err();
        assert!(err.to_string().contains("question about role"), "{err}");
    }

    #[test]
    fn names_resolve_outright() {
        assert_eq!(
            role_matches(&registry(), "bi analyst"),
            Ok("data-analyst".to_owned())
        );
        assert_eq!(
            council_matches(Register::get(), "greenwich"),
            Ok("E09000011".to_owned())
        );
        let Err(list) = council_matches(Register::get(), "hackny") else {
            panic!("a misspelling is not a match");
        };
        assert!(list.iter().any(|(code, _)| code == "E09000012"), "{list:?}");
        let Err(list) = council_matches(Register::get(), "manchstr") else {
            panic!("a misspelling is not a match");
        };
        assert_eq!(list[0].0, "E08000003", "the city council first: {list:?}");
    }
}
