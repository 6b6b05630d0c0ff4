//! A JD being contributed: its front matter as a map that flags and form answers fill in, its
//! body, and the canonical path it will get. A file given with `--from` and changed by nothing
//! is committed byte for byte; anything changed is written back in the contract's key order.

use serde_json::{Map, Value};

use crate::date::Date;
use crate::library::register::Register;
use crate::library::{document, slugify, yaml};

/// Front-matter values given on the command line or in the form; `None` leaves the draft's.
#[derive(Clone, Debug, Default)]
pub struct Fields {
    /// `title`.
    pub title: Option<String>,
    /// `role`.
    pub role: Option<String>,
    /// `level`.
    pub level: Option<String>,
    /// `source`.
    pub source: Option<String>,
    /// `organisation`: any name the register knows, written as the GSS code.
    pub organisation: Option<String>,
    /// `advertised`.
    pub advertised: Option<String>,
    /// `salary.min`.
    pub salary_min: Option<f64>,
    /// `salary.max`.
    pub salary_max: Option<f64>,
    /// `salary.period`.
    pub salary_period: Option<String>,
    /// `salary.hours_per_week`.
    pub hours_per_week: Option<f64>,
    /// `salary.fte`.
    pub fte: Option<f64>,
    /// `salary.grade`.
    pub grade: Option<String>,
    /// `salary.includes_london_weighting`.
    pub london_weighting: Option<bool>,
    /// `contract`.
    pub contract: Option<String>,
    /// `url`.
    pub url: Option<String>,
    /// `licence`.
    pub licence: Option<String>,
    /// `location`.
    pub location: Option<String>,
}

/// The licence contributions get unless they say otherwise.
pub const DEFAULT_LICENCE: &str = "OGL-UK-3.0";

/// Front-matter keys in the order the contract lists them; others follow in their own order.
const KEY_ORDER: &[&str] = &[
    "title",
    "role",
    "level",
    "source",
    "organisation",
    "advertised",
    "salary",
    "licence",
    "url",
    "contract",
    "location",
];
const SALARY_ORDER: &[&str] = &[
    "min",
    "max",
    "period",
    "hours_per_week",
    "fte",
    "grade",
    "includes_london_weighting",
    "basis",
];

/// Why a draft cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The front matter of a `--from` file is not YAML.
    #[error("{file}:{line}:{column}: the front matter is not valid YAML: {message}")]
    Yaml {
        /// The file.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// The parser's words.
        message: String,
    },
    /// The front matter is YAML but not a mapping of keys.
    #[error("{file}:2:1: the front matter must be `key: value` lines (see docs/contract.md)")]
    NotMapping {
        /// The file.
        file: String,
    },
    /// The council could not be found.
    #[error(transparent)]
    Organisation(#[from] crate::library::register::ResolveError),
    /// Required facts that neither the file nor a flag gave.
    #[error("{file}: missing {}: add {}", fields.join(", "), flags.join(" "))]
    Missing {
        /// The draft's name.
        file: String,
        /// Front-matter keys.
        fields: Vec<&'static str>,
        /// The flags that set them.
        flags: Vec<&'static str>,
    },
    /// The role would not make a safe folder name.
    #[error(
        "`role: {role}` is not a role id (lower-case letters, digits and hyphens): see `jdlib roles`"
    )]
    BadRole {
        /// What was given.
        role: String,
    },
}

/// A JD being contributed.
#[derive(Clone, Debug)]
pub struct Draft {
    /// Where it came from, for messages (`draft.md`, or `form`).
    pub name: String,
    front: Map<String, Value>,
    body: String,
    /// The text as given, kept while nothing has changed it.
    verbatim: Option<String>,
}

impl Draft {
    /// An empty draft (the interactive form starts here).
    pub fn new(name: &str) -> Draft {
        Draft {
            name: name.to_owned(),
            front: Map::new(),
            body: String::new(),
            verbatim: None,
        }
    }

    /// Reads a JD file's text. A text without front matter is taken as the body alone, for the
    /// flags to complete.
    pub fn parse(name: &str, text: &str) -> Result<Draft, DraftError> {
        let text = document::strip_bom(text);
        let Ok(doc) = document::split(text) else {
            return Ok(Draft {
                body: text.to_owned(),
                ..Draft::new(name)
            });
        };
        let front = match yaml::parse_json(doc.yaml) {
            Ok(Value::Object(map)) => map,
            Ok(Value::Null) => Map::new(),
            Ok(_) => {
                return Err(DraftError::NotMapping {
                    file: name.to_owned(),
                });
            }
            Err(err) => {
                let (line, column) = err.pos.map_or((doc.yaml_line, 1), |p| {
                    (doc.yaml_line + p.line - 1, p.column)
                });
                return Err(DraftError::Yaml {
                    file: name.to_owned(),
                    line,
                    column,
                    message: err.message,
                });
            }
        };
        Ok(Draft {
            name: name.to_owned(),
            front,
            body: doc.body.to_owned(),
            verbatim: Some(text.to_owned()),
        })
    }

    /// Replaces the body.
    pub fn set_body(&mut self, body: String) {
        self.body = body;
        self.verbatim = None;
    }

    /// The body.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// A front-matter value as text, when it is text.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.front.get(key).and_then(Value::as_str)
    }

    /// A salary value.
    pub fn salary(&self, key: &str) -> Option<&Value> {
        self.front.get("salary").and_then(|s| s.get(key))
    }

    /// Whether a front-matter key is present.
    pub fn has(&self, key: &str) -> bool {
        self.front.contains_key(key)
    }

    fn set(&mut self, key: &str, value: Value) {
        if self.front.get(key) != Some(&value) {
            self.front.insert(key.to_owned(), value);
            self.verbatim = None;
        }
    }

    fn set_salary(&mut self, key: &str, value: Value) {
        let salary = self
            .front
            .entry("salary")
            .or_insert_with(|| Value::Object(Map::new()));
        if !salary.is_object() {
            *salary = Value::Object(Map::new());
        }
        if let Value::Object(map) = salary
            && map.get(key) != Some(&value)
        {
            map.insert(key.to_owned(), value);
            self.verbatim = None;
        }
    }

    /// Applies flags or form answers. The organisation may be any name the register knows; it
    /// is written as its GSS code, as the contract requires.
    pub fn apply(&mut self, fields: &Fields, register: &Register) -> Result<(), DraftError> {
        let text = |s: &String| Value::String(s.trim().to_owned());
        let number = |n: f64| {
            // Whole pounds are written `42000`, not `42000.0`, as people write them.
            #[allow(clippy::cast_possible_truncation)]
            if n.fract() == 0.0 && n.abs() < 9e15 {
                Value::from(n as i64)
            } else {
                serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
            }
        };
        for (key, value) in [
            ("title", &fields.title),
            ("role", &fields.role),
            ("level", &fields.level),
            ("source", &fields.source),
            ("advertised", &fields.advertised),
            ("contract", &fields.contract),
            ("url", &fields.url),
            ("licence", &fields.licence),
            ("location", &fields.location),
        ] {
            if let Some(value) = value {
                self.set(key, text(value));
            }
        }
        if let Some(org) = &fields.organisation {
            let authority = register.resolve(org)?;
            let code = authority.gss_code.clone().unwrap_or_else(|| org.clone());
            self.set("organisation", Value::String(code));
        }
        for (key, value) in [
            ("min", fields.salary_min),
            ("max", fields.salary_max),
            ("hours_per_week", fields.hours_per_week),
            ("fte", fields.fte),
        ] {
            if let Some(value) = value {
                self.set_salary(key, number(value));
            }
        }
        if let Some(period) = &fields.salary_period {
            self.set_salary("period", text(period));
        }
        if let Some(grade) = &fields.grade {
            self.set_salary("grade", text(grade));
        }
        if let Some(london) = fields.london_weighting {
            self.set_salary("includes_london_weighting", Value::Bool(london));
        }
        Ok(())
    }

    /// Fills what a contribution can assume: an advert (`source: advertised`) unless the draft
    /// says it is a model, the matching salary basis, and the default licence.
    pub fn fill_defaults(&mut self) {
        if !self.has("source") {
            self.set("source", Value::String("advertised".to_owned()));
        }
        if !self.has("licence") {
            self.set("licence", Value::String(DEFAULT_LICENCE.to_owned()));
        }
        let basis = match self.text("source") {
            Some("model") => "indicative",
            _ => "advertised",
        };
        if self.front.get("salary").is_some_and(Value::is_object) && self.salary("basis").is_none()
        {
            self.set_salary("basis", Value::String(basis.to_owned()));
        }
    }

    /// Required facts still missing, with the flag that gives each.
    pub fn missing(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        for (key, flag) in [
            ("title", "--title"),
            ("role", "--role"),
            ("level", "--level"),
        ] {
            if !self.has(key) {
                out.push((key, flag));
            }
        }
        if self.text("source") != Some("model") {
            for (key, flag) in [
                ("organisation", "--organisation"),
                ("advertised", "--advertised"),
            ] {
                if !self.has(key) {
                    out.push((key, flag));
                }
            }
            for (key, flag) in [
                ("salary.min", "--salary-min"),
                ("salary.max", "--salary-max"),
                ("salary.period", "--salary-period"),
            ] {
                if self.salary(&key[7..]).is_none() {
                    out.push((key, flag));
                }
            }
        }
        out
    }

    /// Fails, naming the flags to add, when required facts are missing.
    pub fn require_complete(&self) -> Result<(), DraftError> {
        let missing = self.missing();
        if missing.is_empty() {
            return Ok(());
        }
        Err(DraftError::Missing {
            file: self.name.clone(),
            fields: missing.iter().map(|(k, _)| *k).collect(),
            flags: missing.iter().map(|(_, f)| *f).collect(),
        })
    }

    /// The file's text: as given when nothing changed it, else front matter in contract order.
    pub fn render(&self) -> String {
        if let Some(text) = &self.verbatim {
            return text.clone();
        }
        let mut out = String::from("---\n");
        write_map(&mut out, &self.front, KEY_ORDER, 0);
        out.push_str("---\n");
        if !self.body.starts_with('\n') {
            out.push('\n');
        }
        out.push_str(&self.body);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }

    /// The role folder, refusing anything that is not a plain slug (so no path can leave
    /// `library/`).
    pub fn role(&self) -> Result<&str, DraftError> {
        let role = self.text("role").unwrap_or_default();
        if crate::library::is_slug(role) {
            Ok(role)
        } else {
            Err(DraftError::BadRole {
                role: role.to_owned(),
            })
        }
    }

    /// The file's slug before any collision suffix: `model-<level>` for a model, else
    /// `<council>-<year>-<month>-<level>` (the library's own convention), all slugified.
    pub fn slug(&self, register: &Register) -> String {
        let level = self.text("level").unwrap_or("jd");
        if self.text("source") == Some("model") {
            return slugify(&format!("model-{level}"));
        }
        let council = self
            .text("organisation")
            .and_then(|code| register.by_gss(code))
            .map_or_else(
                || self.text("organisation").unwrap_or("council").to_owned(),
                |a| a.short_name.clone(),
            );
        let month = self
            .text("advertised")
            .and_then(Date::parse)
            .map_or_else(String::new, |d| format!("{:04}-{:02}", d.year, d.month));
        slugify(&format!("{council}-{month}-{level}"))
    }
}

/// The canonical path for a draft: `library/<role>/<slug>.md`, with `-2`, `-3`... when `taken`
/// says the name is used, so nothing is ever overwritten.
pub fn canonical_path(role: &str, slug: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..=u32::MAX)
        .map(|n| {
            if n == 1 {
                format!("library/{role}/{slug}.md")
            } else {
                format!("library/{role}/{slug}-{n}.md")
            }
        })
        .find(|p| !taken(p))
        .unwrap_or_default()
}

fn write_map(out: &mut String, map: &Map<String, Value>, order: &[&str], indent: usize) {
    let known = order.iter().filter_map(|k| map.get_key_value(*k));
    let others = map.iter().filter(|(k, _)| !order.contains(&k.as_str()));
    for (key, value) in known.chain(others) {
        out.push_str(&" ".repeat(indent));
        out.push_str(&scalar(key));
        out.push(':');
        match value {
            Value::Object(inner) => {
                out.push('\n');
                write_map(out, inner, SALARY_ORDER, indent + 2);
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// A value on one line: scalars plain where YAML reads them back unchanged, JSON otherwise
/// (JSON is valid YAML).
fn inline(value: &Value) -> String {
    match value {
        Value::String(s) => scalar(s),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}

/// A string, plain when that is safe, else double-quoted.
fn scalar(s: &str) -> String {
    if plain_is_safe(s) {
        s.to_owned()
    } else {
        Value::String(s.to_owned()).to_string()
    }
}

fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let lower = s.to_ascii_lowercase();
    let reserved = [
        "true", "false", "null", "~", "yes", "no", "on", "off", "y", "n",
    ];
    !(first.is_whitespace()
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.ends_with(char::is_whitespace)
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #")
        || s.chars().any(char::is_control)
        || reserved.contains(&lower.as_str())
        || lower.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with(".inf")
        || lower.starts_with(".nan"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(draft: &Draft) -> Map<String, Value> {
        let text = draft.render();
        let doc = document::split(&text).unwrap();
        match yaml::parse_json(doc.yaml).unwrap() {
            Value::Object(map) => map,
            other => panic!("not a map: {other}"),
        }
    }

    #[test]
    fn verbatim_until_changed() {
        let text = "---\n# a comment\ntitle: Data Analyst\n---\n\n## Purpose\n";
        let mut draft = Draft::parse("a.md", text).unwrap();
        assert_eq!(draft.render(), text);
        draft.apply(&Fields::default(), Register::get()).unwrap();
        assert_eq!(draft.render(), text, "no flags, no change");
        let fields = Fields {
            level: Some("senior".into()),
            ..Fields::default()
        };
        draft.apply(&fields, Register::get()).unwrap();
        assert_eq!(
            draft.render(),
            "---\ntitle: Data Analyst\nlevel: senior\n---\n\n## Purpose\n"
        );
    }

    #[test]
    fn tricky_strings_survive() {
        let mut draft = Draft::new("t");
        for (i, s) in [
            "Data Analyst: Housing",
            "#1 analyst",
            "yes",
            "42000",
            "2024-03-01",
            " padded",
            "quote \" and \\ backslash",
            "SCP 29-32",
            "- dash",
            "£36,000",
            "@home",
            "line\nbreak",
        ]
        .iter()
        .enumerate()
        {
            draft.set(&format!("k{i}"), Value::String((*s).to_owned()));
        }
        draft.set_salary("min", Value::from(36000));
        draft.set_salary("max", Value::from(39000.5));
        draft.set_salary("includes_london_weighting", Value::Bool(true));
        assert_eq!(roundtrip(&draft), draft.front);
    }

    #[test]
    fn flags_fill_and_name_the_missing() {
        let mut draft = Draft::parse("d.md", "## Purpose\n\nText.\n").unwrap();
        draft.fill_defaults();
        let err = draft.require_complete().unwrap_err().to_string();
        assert!(
            err.contains("--title --role --level --organisation --advertised --salary-min"),
            "{err}"
        );
        let fields = Fields {
            title: Some("Senior Data Analyst".into()),
            role: Some("data-analyst".into()),
            level: Some("senior".into()),
            organisation: Some("greenwich".into()),
            advertised: Some("2024-03-01".into()),
            salary_min: Some(42000.0),
            salary_max: Some(46000.0),
            salary_period: Some("year".into()),
            ..Fields::default()
        };
        draft.apply(&fields, Register::get()).unwrap();
        draft.fill_defaults();
        draft.require_complete().unwrap();
        assert_eq!(draft.text("organisation"), Some("E09000011"));
        assert_eq!(draft.slug(Register::get()), "greenwich-2024-03-senior");
        let text = draft.render();
        assert!(text.starts_with("---\ntitle: Senior Data Analyst\nrole: data-analyst\nlevel: senior\nsource: advertised\norganisation: E09000011\nadvertised: 2024-03-01\nsalary:\n  min: 42000\n"), "{text}");
        assert!(
            text.contains("  basis: advertised\nlicence: OGL-UK-3.0\n---\n\n## Purpose\n"),
            "{text}"
        );
    }

    #[test]
    fn paths_never_overwrite_or_escape() {
        let taken = |p: &str| p.ends_with("/x.md") || p.ends_with("/x-2.md");
        assert_eq!(
            canonical_path("data-analyst", "x", taken),
            "library/data-analyst/x-3.md"
        );
        let mut draft = Draft::new("t");
        draft.set("role", Value::String("../../etc".into()));
        assert!(draft.role().is_err());
        let mut draft = Draft::new("t");
        draft.set("organisation", Value::String("../../../x".into()));
        draft.set("level", Value::String("a/../b".into()));
        assert!(!draft.slug(Register::get()).contains(['/', '.']));
    }
}
