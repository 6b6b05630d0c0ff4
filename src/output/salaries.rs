//! How `jdlib salaries` prints its groups: table, JSON, CSV and Markdown, the `--explain`
//! breakdown, and the range charts (terminal and SVG).

use std::fmt::Write as _;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::library::JobDescription;
use crate::library::front_matter::Source;
use crate::library::register::Authority;
use crate::salary::format_pounds;
use crate::salary::group::{Group, GroupKey, KeyValue};

/// Groups smaller than this are marked "few data" wherever they are shown.
pub const FEW: usize = 3;

/// A group's key as a JSON object in `--by` order: `{"role": "data-analyst", "level": "senior"}`.
pub struct KeyMap<'a> {
    keys: &'a [GroupKey],
    group: &'a Group<'a>,
}

impl Serialize for KeyMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.keys.len()))?;
        for (key, value) in self.keys.iter().zip(&self.group.key) {
            map.serialize_entry(key.name(), &value.id())?;
        }
        map.end()
    }
}

/// One group in `--format json`:
/// `{key: {<KEY>: value, ...}, n, n_advertised, n_indicative, min, p25, median, p75, max}`,
/// figures unrounded; with `--explain`, also `versions`.
#[derive(serde::Serialize)]
pub struct GroupRow<'a> {
    key: KeyMap<'a>,
    n: usize,
    n_advertised: usize,
    n_indicative: usize,
    min: f64,
    p25: f64,
    median: f64,
    p75: f64,
    max: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    versions: Option<Vec<VersionRow<'a>>>,
}

/// One JD behind a group, with the arithmetic spelled out.
#[derive(serde::Serialize)]
pub struct VersionRow<'a> {
    /// Path from the library root.
    pub path: &'a str,
    /// Job title.
    pub title: &'a str,
    /// GSS code, for adverts.
    pub organisation: Option<&'a str>,
    /// `advertised` or `indicative`.
    pub basis: &'static str,
    /// `year`, `day` or `hour`.
    pub period: &'static str,
    /// Lowest figure as written.
    pub min: f64,
    /// Highest figure as written.
    pub max: f64,
    /// The full-time week used.
    pub hours_per_week: f64,
    /// Where that week came from: the file or a default.
    pub hours_source: &'static str,
    /// Fraction of full time, if given.
    pub fte: Option<f64>,
    /// Grade, if given.
    pub grade: Option<&'a str>,
    /// Annual FTE minimum.
    pub annual_min: f64,
    /// Annual FTE maximum.
    pub annual_max: f64,
    /// Their midpoint.
    pub midpoint: f64,
}

impl<'a> VersionRow<'a> {
    /// The row for a JD with pay; `None` without.
    pub fn new(jd: &'a JobDescription) -> Option<Self> {
        let salary = jd.front.salary.as_ref()?;
        let (annual_min, annual_max) = jd.annual?;
        let london = jd.authority.is_some_and(Authority::is_london);
        let (hours_per_week, hours_source) = match salary.hours_per_week {
            Some(h) => (h, "file"),
            None if jd.front.source == Source::Model => (36.0, "default for model JDs"),
            None if london => (36.0, "default in London"),
            None => (37.0, "default outside London"),
        };
        Some(VersionRow {
            path: &jd.path,
            title: &jd.front.title,
            organisation: jd.front.organisation.as_deref(),
            basis: salary.basis.as_str(),
            period: salary.period.as_str(),
            min: salary.min,
            max: salary.max,
            hours_per_week,
            hours_source,
            fte: salary.fte,
            grade: salary.grade.as_deref(),
            annual_min,
            annual_max,
            midpoint: f64::midpoint(annual_min, annual_max),
        })
    }
}

impl<'a> GroupRow<'a> {
    /// The row for a group.
    pub fn new(keys: &'a [GroupKey], group: &'a Group<'a>, explain: bool) -> Self {
        let s = group.spread;
        GroupRow {
            key: KeyMap { keys, group },
            n: group.jds.len(),
            n_advertised: group.n_advertised,
            n_indicative: group.n_indicative,
            min: s.min,
            p25: s.p25,
            median: s.median,
            p75: s.p75,
            max: s.max,
            versions: explain.then(|| {
                group
                    .jds
                    .iter()
                    .filter_map(|jd| VersionRow::new(jd))
                    .collect()
            }),
        }
    }
}

/// `advertised 2, indicative 1` for a group.
pub fn basis_counts(group: &Group<'_>) -> String {
    match (group.n_advertised, group.n_indicative) {
        (a, 0) => format!("{a} advertised"),
        (0, i) => format!("{i} indicative"),
        (a, i) => format!("{a} advertised, {i} indicative"),
    }
}

/// The table cells for a group: key values, n, the five figures in pounds, basis, note.
pub fn table_cells(group: &Group<'_>) -> Vec<String> {
    let s = group.spread;
    let mut cells: Vec<String> = group.key.iter().map(ToString::to_string).collect();
    cells.push(group.jds.len().to_string());
    cells.extend([s.min, s.p25, s.median, s.p75, s.max].map(format_pounds));
    cells.push(basis_counts(group));
    cells.push(if group.jds.len() < FEW {
        "few data".to_owned()
    } else {
        String::new()
    });
    cells
}

/// Header for [`table_cells`].
pub fn table_header(keys: &[GroupKey]) -> Vec<String> {
    let mut header: Vec<String> = keys.iter().map(|k| capitalise(k.name())).collect();
    header.extend(["n", "Min", "P25", "Median", "P75", "Max", "Figures", "Note"].map(String::from));
    header
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A Markdown table with the group size beside every figure, e.g. `£42,000 (n=2)`, so a
/// figure copied on its own still says how much evidence is behind it.
pub fn markdown(keys: &[GroupKey], groups: &[Group<'_>]) -> String {
    let mut out = String::new();
    let header: Vec<String> = keys
        .iter()
        .map(|k| capitalise(k.name()))
        .chain(["n", "Min", "P25", "Median", "P75", "Max", "Figures"].map(String::from))
        .collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        header
            .iter()
            .enumerate()
            .map(|(i, _)| if i < keys.len() { " --- |" } else { " ---: |" })
            .collect::<String>()
    );
    for group in groups {
        let n = group.jds.len();
        let few = if n < FEW { ", few data" } else { "" };
        let s = group.spread;
        let mut cells: Vec<String> = group
            .key
            .iter()
            .map(|k| escape_md(&k.to_string()))
            .collect();
        cells.push(n.to_string());
        cells.extend(
            [s.min, s.p25, s.median, s.p75, s.max]
                .map(|v| format!("{} (n={n}{few})", format_pounds(v))),
        );
        cells.push(basis_counts(group));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

fn escape_md(s: &str) -> String {
    s.replace('|', "\\|")
}

/// One group flattened for CSV: key columns then `n` and the figures, unrounded.
pub fn csv_rows(keys: &[GroupKey], groups: &[Group<'_>]) -> (Vec<String>, Vec<Vec<String>>) {
    let header: Vec<String> = keys
        .iter()
        .map(|k| k.name().to_owned())
        .chain(
            [
                "n",
                "n_advertised",
                "n_indicative",
                "min",
                "p25",
                "median",
                "p75",
                "max",
                "few_data",
            ]
            .map(String::from),
        )
        .collect();
    let rows = groups
        .iter()
        .map(|g| {
            let s = g.spread;
            g.key
                .iter()
                .map(KeyValue::id)
                .chain([g.jds.len(), g.n_advertised, g.n_indicative].map(|n| n.to_string()))
                .chain([s.min, s.p25, s.median, s.p75, s.max].map(|v| v.to_string()))
                .chain([(g.jds.len() < FEW).to_string()])
                .collect()
        })
        .collect();
    (header, rows)
}
