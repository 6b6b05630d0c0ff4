//! The rows `list` and `roles` print, in contract order. Every key is always present (`null`
//! when absent), so consumers can rely on the shape.

use serde::Serialize;

use crate::library::JobDescription;
use crate::library::roles::{Role, RoleRegistry};

/// Salary as written, plus the annual FTE jdlib derived.
#[derive(Debug, Serialize, PartialEq)]
pub struct SalaryRow<'a> {
    /// Lowest full-time figure as written.
    pub min: f64,
    /// Highest full-time figure as written.
    pub max: f64,
    /// `year`, `day` or `hour`.
    pub period: &'static str,
    /// Full-time week from the file, if given.
    pub hours_per_week: Option<f64>,
    /// Fraction of full time, if given.
    pub fte: Option<f64>,
    /// Grade, if given.
    pub grade: Option<&'a str>,
    /// `advertised` or `indicative`.
    pub basis: &'static str,
    /// Annual FTE minimum (unrounded).
    pub annual_min: f64,
    /// Annual FTE maximum (unrounded).
    pub annual_max: f64,
}

/// One JD in `list --format json`:
/// `{path, title, role, family, level, source, organisation, organisation_name, region,
/// advertised, salary: {..} | null, licence}`.
#[derive(Debug, Serialize)]
pub struct ListRow<'a> {
    /// Path from the repository root.
    pub path: &'a str,
    /// Job title.
    pub title: &'a str,
    /// Role id.
    pub role: &'a str,
    /// Role family, from the registry.
    pub family: Option<&'static str>,
    /// Level.
    pub level: &'static str,
    /// `model` or `advertised`.
    pub source: &'static str,
    /// GSS code.
    pub organisation: Option<&'a str>,
    /// Official name of the council.
    pub organisation_name: Option<&'a str>,
    /// Region of the council.
    pub region: Option<&'a str>,
    /// Advert date.
    pub advertised: Option<String>,
    /// Pay.
    pub salary: Option<SalaryRow<'a>>,
    /// Licence.
    pub licence: &'a str,
}

impl<'a> ListRow<'a> {
    /// The row for a JD.
    pub fn new(jd: &'a JobDescription, registry: &RoleRegistry) -> Self {
        let f = &jd.front;
        ListRow {
            path: &jd.path,
            title: &f.title,
            role: &f.role,
            family: registry.get(&f.role).map(|r| r.family.as_str()),
            level: f.level.as_str(),
            source: f.source.as_str(),
            organisation: f.organisation.as_deref(),
            organisation_name: jd.authority.map(|a| a.official_name.as_str()),
            region: jd.authority.map(|a| a.region.as_str()),
            advertised: jd.advertised.map(|d| d.to_string()),
            salary: f
                .salary
                .as_ref()
                .zip(jd.annual)
                .map(|(s, (lo, hi))| SalaryRow {
                    min: s.min,
                    max: s.max,
                    period: s.period.as_str(),
                    hours_per_week: s.hours_per_week,
                    fte: s.fte,
                    grade: s.grade.as_deref(),
                    basis: s.basis.as_str(),
                    annual_min: lo,
                    annual_max: hi,
                }),
            licence: &f.licence,
        }
    }
}

/// The same row flattened for CSV.
#[derive(Debug, Serialize)]
pub struct ListCsvRow<'a> {
    path: &'a str,
    title: &'a str,
    role: &'a str,
    family: Option<&'static str>,
    level: &'static str,
    source: &'static str,
    organisation: Option<&'a str>,
    organisation_name: Option<&'a str>,
    region: Option<&'a str>,
    advertised: Option<String>,
    salary_min: Option<f64>,
    salary_max: Option<f64>,
    salary_period: Option<&'static str>,
    salary_hours_per_week: Option<f64>,
    salary_fte: Option<f64>,
    salary_grade: Option<&'a str>,
    salary_basis: Option<&'static str>,
    salary_annual_min: Option<f64>,
    salary_annual_max: Option<f64>,
    licence: &'a str,
}

impl<'a> From<ListRow<'a>> for ListCsvRow<'a> {
    fn from(r: ListRow<'a>) -> Self {
        let s = r.salary.as_ref();
        ListCsvRow {
            path: r.path,
            title: r.title,
            role: r.role,
            family: r.family,
            level: r.level,
            source: r.source,
            organisation: r.organisation,
            organisation_name: r.organisation_name,
            region: r.region,
            salary_min: s.map(|s| s.min),
            salary_max: s.map(|s| s.max),
            salary_period: s.map(|s| s.period),
            salary_hours_per_week: s.and_then(|s| s.hours_per_week),
            salary_fte: s.and_then(|s| s.fte),
            salary_grade: s.and_then(|s| s.grade),
            salary_basis: s.map(|s| s.basis),
            salary_annual_min: s.map(|s| s.annual_min),
            salary_annual_max: s.map(|s| s.annual_max),
            advertised: r.advertised,
            licence: r.licence,
        }
    }
}

/// One role in `roles --format json`.
#[derive(Debug, Serialize)]
pub struct RoleRow<'a> {
    /// Role id.
    pub id: &'a str,
    /// Usual title.
    pub title: &'a str,
    /// Family.
    pub family: &'static str,
    /// `DDaT` framework name.
    pub ddat: Option<&'a str>,
    /// Alternative titles.
    pub aliases: &'a [String],
    /// Summary.
    pub summary: &'a str,
    /// Number of valid JDs for the role.
    pub versions: usize,
    /// Of those, how many carry an advertised salary.
    pub advertised_salaries: usize,
}

impl<'a> RoleRow<'a> {
    /// The row for a role with its counts.
    pub fn new(role: &'a Role, versions: usize, advertised_salaries: usize) -> Self {
        RoleRow {
            id: &role.id,
            title: &role.title,
            family: role.family.as_str(),
            ddat: role.ddat.as_deref(),
            aliases: &role.aliases,
            summary: &role.summary,
            versions,
            advertised_salaries,
        }
    }
}

/// A role flattened for CSV (aliases joined with `; `).
#[derive(Debug, Serialize)]
pub struct RoleCsvRow<'a> {
    id: &'a str,
    title: &'a str,
    family: &'static str,
    ddat: Option<&'a str>,
    aliases: String,
    summary: &'a str,
    versions: usize,
    advertised_salaries: usize,
}

impl<'a> From<RoleRow<'a>> for RoleCsvRow<'a> {
    fn from(r: RoleRow<'a>) -> Self {
        RoleCsvRow {
            id: r.id,
            title: r.title,
            family: r.family,
            ddat: r.ddat,
            aliases: r.aliases.join("; "),
            summary: r.summary,
            versions: r.versions,
            advertised_salaries: r.advertised_salaries,
        }
    }
}
