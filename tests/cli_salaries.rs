//! `jdlib salaries` end to end: grouping, percentiles, basis counts, honesty about small and
//! incomplete samples, traceability, every format, and the charts.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use common::{TestRepo, text};
use serde::Deserialize;

/// The base fixture plus three more data-analyst adverts (hourly in London with no hours
/// given, yearly in Manchester, yearly in Leeds with explicit hours) and a model JD with no pay.
fn repo() -> TestRepo {
    let repo = TestRepo::new("base");
    repo.overlay("salaries-extra");
    repo
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupRow {
    key: BTreeMap<String, String>,
    n: usize,
    n_advertised: usize,
    n_indicative: usize,
    min: f64,
    p25: f64,
    median: f64,
    p75: f64,
    max: f64,
}

fn json(repo: &TestRepo, args: &[&str]) -> (Vec<GroupRow>, String) {
    let output = repo
        .cmd()
        .args(["salaries", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        text(&output.stderr),
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn figures_per_role_follow_the_contract_and_percentile_inc() {
    let (groups, stderr) = json(&repo(), &[]);
    let roles: Vec<&str> = groups.iter().map(|g| g.key["role"].as_str()).collect();
    assert_eq!(roles, ["content-designer", "data-analyst", "data-engineer"]);
    let analyst = &groups[1];
    // Annual FTE ranges: model 41,000–47,000 (indicative); Greenwich 48,000–52,000; Hackney
    // £20–£22 an hour × 36 h (London) × 365/7 = 37,542.86–41,297.14; Manchester 45,000–50,000;
    // Leeds 47,000–51,000. Midpoints sorted: 39,420; 44,000; 47,500; 49,000; 50,000.
    assert_eq!(
        (analyst.n, analyst.n_advertised, analyst.n_indicative),
        (5, 4, 1)
    );
    assert!(close(analyst.min, 20.0 * 36.0 * 365.0 / 7.0), "{analyst:?}");
    assert!(close(analyst.p25, 44_000.0), "{analyst:?}");
    assert!(close(analyst.median, 47_500.0), "{analyst:?}");
    assert!(close(analyst.p75, 49_000.0), "{analyst:?}");
    assert!(close(analyst.max, 52_000.0), "{analyst:?}");
    // Leeds hourly, no hours given: 37 h outside London.
    let engineer = &groups[2];
    assert!(
        close(engineer.min, 25.0 * 37.0 * 365.0 / 7.0),
        "{engineer:?}"
    );
    // Cardiff day rate: 5 days a week whatever the hours.
    assert!(
        close(groups[0].max, 220.0 * 5.0 * 365.0 / 7.0),
        "{:?}",
        groups[0]
    );
    assert!(
        stderr.contains("1 JD without a salary not counted"),
        "{stderr}"
    );
}

#[test]
fn basis_filters_and_counts() {
    let (groups, _) = json(
        &repo(),
        &["--basis", "advertised", "--role", "data-analyst"],
    );
    assert_eq!(
        (groups[0].n, groups[0].n_advertised, groups[0].n_indicative),
        (4, 4, 0)
    );
    let (groups, _) = json(
        &repo(),
        &["--basis", "indicative", "--role", "data-analyst"],
    );
    assert_eq!(
        (groups[0].n, groups[0].n_advertised, groups[0].n_indicative),
        (1, 0, 1)
    );
}

#[test]
fn every_key_groups_and_sorts() {
    let repo = repo();
    let keys = |by: &str| -> Vec<String> {
        json(&repo, &["--by", by])
            .0
            .iter()
            .map(|g| g.key.values().cloned().collect::<Vec<_>>().join("/"))
            .collect()
    };
    assert_eq!(keys("family"), ["data", "digital"]);
    assert_eq!(keys("level"), ["junior", "mid", "senior"]);
    assert_eq!(keys("year"), ["2022", "2023", "2024", "2025"]);
    assert_eq!(
        keys("region"),
        ["London", "North West", "Wales", "Yorkshire and The Humber"]
    );
    // Councils sort by name (Cardiff, Greenwich, Hackney, Leeds, Manchester) and JSON carries
    // the GSS code.
    assert_eq!(
        keys("organisation"),
        [
            "W06000015",
            "E09000011",
            "E09000012",
            "E08000035",
            "E08000003"
        ]
    );
    let (pairs, _) = json(&repo, &["--by", "role,level"]);
    let first = &pairs[0];
    assert_eq!(first.key.keys().collect::<Vec<_>>(), ["level", "role"]);
    assert_eq!(
        (first.key["role"].as_str(), first.key["level"].as_str()),
        ("content-designer", "junior")
    );
}

#[test]
fn json_keeps_the_order_of_by() {
    let output = repo()
        .cmd()
        .args(["salaries", "--format", "json", "--by", "role,level"])
        .output()
        .unwrap();
    let raw = text(&output.stdout);
    let role = raw.find("\"role\"").unwrap();
    let level = raw.find("\"level\"").unwrap();
    assert!(role < level, "{raw}");
}

#[test]
fn versions_without_the_grouping_field_are_left_out_and_counted() {
    let (_, stderr) = json(&repo(), &["--by", "region"]);
    assert!(
        stderr.contains("1 JD with no region left out of the grouping"),
        "{stderr}"
    );
    let (_, stderr) = json(&repo(), &["--by", "role,year"]);
    assert!(stderr.contains("1 JD with no year left out"), "{stderr}");
}

#[test]
fn small_groups_are_marked_in_every_human_format() {
    let repo = repo();
    let table = repo.cmd().args(["salaries"]).output().unwrap();
    let table = text(&table.stdout);
    let engineer = table.lines().find(|l| l.contains("data-engineer")).unwrap();
    assert!(engineer.contains("few data"), "{table}");
    let analyst = table.lines().find(|l| l.contains("data-analyst")).unwrap();
    assert!(
        !analyst.contains("few data") && analyst.contains("£47,500"),
        "{table}"
    );
    assert!(analyst.contains("4 advertised, 1 indicative"), "{table}");

    let markdown = text(
        &repo
            .cmd()
            .args(["salaries", "--format", "markdown"])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(
        markdown
            .starts_with("| Role | n | Min | P25 | Median | P75 | Max | Figures |\n| --- | ---: |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| data-engineer | 1 | £48,232 (n=1, few data) |"),
        "{markdown}"
    );
    assert!(markdown.contains("£47,500 (n=5) |"), "{markdown}");

    let csv = text(
        &repo
            .cmd()
            .args(["salaries", "--format", "csv"])
            .output()
            .unwrap()
            .stdout,
    );
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "role,n,n_advertised,n_indicative,min,p25,median,p75,max,few_data"
    );
    assert!(csv.contains("\ndata-analyst,5,4,1,"), "{csv}");
    assert!(
        csv.contains(",47500,") && csv.contains("data-engineer,1,1,0,") && csv.contains(",true\n"),
        "{csv}"
    );
}

#[derive(Deserialize)]
struct Explained {
    versions: Vec<serde_json::Value>,
}

#[test]
fn explain_shows_the_arithmetic_behind_a_group() {
    let output = repo()
        .cmd()
        .args(["salaries", "--role", "data-analyst", "--explain"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = text(&output.stdout);
    for expected in [
        "library/data-analyst/hackney-2024-05-mid.md",
        "£20.00–£22.00 per hour",
        "36 h (default in London)",
        "£37,543–£41,297",
        "35 h (file)",
        "36 h (default for model JDs)",
        "FX7",
        "£39,420",
    ] {
        assert!(page.contains(expected), "missing `{expected}` in\n{page}");
    }
    let json = repo()
        .cmd()
        .args([
            "salaries",
            "--role",
            "data-engineer",
            "--explain",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let groups: Vec<Explained> = serde_json::from_slice(&json.stdout).unwrap();
    let version = &groups[0].versions[0];
    assert_eq!(version["hours_per_week"], 37.0);
    assert_eq!(version["hours_source"], "default outside London");
    assert_eq!(version["period"], "hour");
}

#[test]
fn charts_draw_in_the_terminal_and_as_svg() {
    let repo = repo();
    let output = repo
        .cmd()
        .env("NO_COLOR", "1")
        .args(["salaries", "--by", "region", "--chart"])
        .output()
        .unwrap();
    let page = text(&output.stdout);
    assert!(page.contains("London (n=2) | "), "{page}");
    assert!(page.lines().last().unwrap().contains("median"), "{page}");
    let chart_part = &page[page.find("London (n=2)").unwrap()..];
    assert!(
        chart_part.is_ascii(),
        "NO_COLOR asks for plain ASCII: {chart_part}"
    );

    let svg = repo.path().join("pay.svg");
    let output = repo
        .cmd()
        .args(["salaries", "--by", "region", "--svg"])
        .arg(&svg)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let doc = std::fs::read_to_string(&svg).unwrap();
    assert!(doc.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(doc.contains("Yorkshire and The Humber") && doc.contains("(n=2, few data)"));
    assert!(text(&output.stderr).contains("wrote"));
}

#[test]
fn a_terminal_chart_never_corrupts_a_data_format() {
    let output = repo()
        .cmd()
        .args(["salaries", "--chart", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    assert!(text(&output.stderr).contains("--chart draws in the terminal"));
}

#[test]
fn bad_keys_are_usage_errors_with_hints() {
    let output = repo()
        .cmd()
        .args(["salaries", "--by", "role,regoin"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("did you mean `region`"),
        "{}",
        text(&output.stderr)
    );
}
