//! The site's open data: `data/jds.csv` and `data/jds.json` (the shapes of
//! `list --format csv|json`), `data/salaries.csv` (`salaries --by role,level --format csv`) and
//! `data/datapackage.json`, a Frictionless Data Package that describes them.

use serde_json::json;

use crate::output::rows::{ListCsvRow, ListRow};
use crate::output::salaries::csv_rows;
use crate::output::{write_csv, write_csv_records, write_json};
use crate::salary::group::{self, GroupKey};

use super::model::Site;

/// Every data file, as (path from the site root, bytes).
pub fn files(site: &Site<'_>) -> Vec<(String, Vec<u8>)> {
    let registry = site.registry;
    let rows: Vec<ListRow<'_>> = site
        .jds
        .iter()
        .map(|e| ListRow::new(e.jd, registry))
        .collect();
    let mut json = Vec::new();
    write_json(&mut json, &rows).expect("rows serialise to memory");
    let csv_list: Vec<ListCsvRow<'_>> = rows.into_iter().map(ListCsvRow::from).collect();
    let mut csv = Vec::new();
    write_csv(&mut csv, &csv_list).expect("rows serialise to memory");

    let keys = [GroupKey::Role, GroupKey::Level];
    let grouping = group::group(site.jds.iter().map(|e| e.jd), &keys, registry);
    let (header, salary_rows) = csv_rows(&keys, &grouping.groups);
    let mut salaries = Vec::new();
    write_csv_records(&mut salaries, &header, &salary_rows).expect("rows serialise to memory");

    let package = package(site, &header);
    let mut package_bytes = Vec::new();
    write_json(&mut package_bytes, &package).expect("JSON serialises to memory");
    vec![
        ("data/jds.csv".to_owned(), csv),
        ("data/jds.json".to_owned(), json),
        ("data/salaries.csv".to_owned(), salaries),
        ("data/datapackage.json".to_owned(), package_bytes),
    ]
}

fn field(name: &str, kind: &str, description: &str) -> serde_json::Value {
    json!({"name": name, "type": kind, "description": description})
}

fn package(site: &Site<'_>, salary_header: &[String]) -> serde_json::Value {
    let jd_fields = vec![
        field("path", "string", "The JD's file in the library"),
        field("title", "string", "Job title as advertised"),
        field("role", "string", "Role id from the role registry"),
        field("family", "string", "Role family"),
        field("level", "string", "Seniority"),
        field("source", "string", "model or advertised"),
        field(
            "organisation",
            "string",
            "GSS code of the advertising council",
        ),
        field(
            "organisation_name",
            "string",
            "Official name of the council",
        ),
        field("region", "string", "Region of the council"),
        field("advertised", "date", "Advert date"),
        field("salary_min", "number", "Lowest figure as written"),
        field("salary_max", "number", "Highest figure as written"),
        field("salary_period", "string", "year, day or hour"),
        field(
            "salary_hours_per_week",
            "number",
            "Full-time week the figures assume",
        ),
        field("salary_fte", "number", "Fraction of full time"),
        field("salary_grade", "string", "The council's grade"),
        field(
            "salary_basis",
            "string",
            "advertised or indicative (model JDs)",
        ),
        field(
            "salary_annual_min",
            "number",
            "Annual full-time-equivalent minimum",
        ),
        field(
            "salary_annual_max",
            "number",
            "Annual full-time-equivalent maximum",
        ),
        field("licence", "string", "Licence of the JD"),
    ];
    let salary_fields: Vec<serde_json::Value> = salary_header
        .iter()
        .map(|name| {
            let kind = match name.as_str() {
                "role" | "level" => "string",
                "few_data" => "boolean",
                "n" | "n_advertised" | "n_indicative" => "integer",
                _ => "number",
            };
            json!({"name": name, "type": kind})
        })
        .collect();
    let mut package = json!({
        "profile": "data-package",
        "name": "council-jd-library",
        "title": "Council JD Library: job descriptions and advertised pay",
        "description": "Job descriptions for UK council digital, data and technology roles, with advertised and indicative pay as annual full-time equivalents.",
        "licenses": [
            {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0", "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
            {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}
        ],
        "sources": [
            {"title": "Job descriptions contributed by UK councils and model JDs written for the library"},
            {"title": "mySociety, UK Local Authorities (past and current), CC BY 4.0", "path": "https://github.com/mysociety/uk_local_authority_names_and_codes"}
        ],
        "resources": [
            {"name": "jds", "path": "jds.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "description": "One row per JD; the JSON version is jds.json", "schema": {"fields": jd_fields}},
            {"name": "jds-json", "path": "jds.json", "format": "json", "mediatype": "application/json", "encoding": "utf-8",
             "description": "The same JDs as jds.csv, with the salary as an object"},
            {"name": "salaries", "path": "salaries.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "description": "Annual full-time-equivalent pay per role and level: n, lowest minimum, percentiles of midpoints (as Excel's PERCENTILE.INC) and highest maximum",
             "schema": {"fields": salary_fields}}
        ]
    });
    if let Some(base) = site.base_url() {
        package["homepage"] = json!(base);
    }
    package
}
