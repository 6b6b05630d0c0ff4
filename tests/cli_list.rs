//! `jdlib list`, `roles`, `show`, `completions` and `man` end to end.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TestRepo, text};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Salary {
    min: f64,
    max: f64,
    period: String,
    hours_per_week: Option<f64>,
    fte: Option<f64>,
    grade: Option<String>,
    basis: String,
    annual_min: f64,
    annual_max: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    path: String,
    title: String,
    role: String,
    family: Option<String>,
    level: String,
    source: String,
    organisation: Option<String>,
    organisation_name: Option<String>,
    region: Option<String>,
    advertised: Option<String>,
    salary: Option<Salary>,
    licence: String,
}

fn list_json(repo: &TestRepo, args: &[&str]) -> Vec<Row> {
    let output = repo
        .cmd()
        .args(["list", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn json_rows_carry_every_key_and_annualise_each_period() {
    let repo = TestRepo::new("base");
    let rows = list_json(&repo, &[]);
    let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    // Default order: role, then level.
    assert_eq!(
        paths,
        [
            "library/content-designer/cardiff-2022-01-junior.md",
            "library/data-analyst/model-mid.md",
            "library/data-analyst/greenwich-2024-03-senior.md",
            "library/data-engineer/leeds-2023-06-mid.md",
        ]
    );
    let cardiff = &rows[0];
    assert_eq!(
        cardiff.organisation_name.as_deref(),
        Some("City of Cardiff Council")
    );
    assert_eq!(cardiff.region.as_deref(), Some("Wales"));
    assert_eq!(cardiff.family.as_deref(), Some("digital"));
    let pay = cardiff.salary.as_ref().unwrap();
    assert_eq!(
        (pay.period.as_str(), pay.fte, pay.hours_per_week),
        ("day", Some(0.6), Some(35.0))
    );
    // Day rates: 5 days a week, 365/7 weeks a year, whatever the hours.
    assert!(close(pay.annual_min, 200.0 * 5.0 * 365.0 / 7.0), "{pay:?}");
    assert!(close(pay.annual_max, 220.0 * 5.0 * 365.0 / 7.0), "{pay:?}");

    let model = &rows[1];
    assert_eq!(
        (
            model.source.as_str(),
            model.organisation.as_deref(),
            model.region.as_deref()
        ),
        ("model", None, None)
    );
    assert_eq!(model.salary.as_ref().unwrap().basis, "indicative");
    assert_eq!(model.advertised, None);

    let greenwich = &rows[2];
    let pay = greenwich.salary.as_ref().unwrap();
    assert_eq!(
        (pay.annual_min, pay.annual_max, pay.grade.as_deref()),
        (48_000.0, 52_000.0, Some("FX1"))
    );
    assert_eq!(greenwich.region.as_deref(), Some("London"));

    // Hourly outside London with no hours given: the 37-hour week.
    let leeds = &rows[3];
    let pay = leeds.salary.as_ref().unwrap();
    assert!(close(pay.annual_min, 25.0 * 37.0 * 365.0 / 7.0), "{pay:?}");
    assert_eq!((pay.min, pay.max), (25.0, 28.0));
    assert_eq!(leeds.licence, "CC-BY-4.0");
    assert_eq!(leeds.title, "Data Engineer (test fixture)");
    assert_eq!(leeds.level, "mid");
    assert_eq!(leeds.role, "data-engineer");
}

#[test]
fn hourly_pay_in_london_uses_the_36_hour_week() {
    let repo = TestRepo::new("base");
    let text = text(&repo.read("library/data-engineer/leeds-2023-06-mid.md"));
    repo.write(
        "library/data-engineer/hackney-2023-06-mid.md",
        text.replace("E08000035", "E09000012")
            .replace("build data pipelines", "run the data platform"),
    );
    let rows = list_json(&repo, &["--organisation", "hackney"]);
    assert_eq!(rows.len(), 1);
    let pay = rows[0].salary.as_ref().unwrap();
    assert!(close(pay.annual_min, 25.0 * 36.0 * 365.0 / 7.0), "{pay:?}");
}

#[test]
fn filters_select_and_combine() {
    let repo = TestRepo::new("base");
    let count = |args: &[&str]| list_json(&repo, args).len();
    assert_eq!(count(&["--role", "data-analyst"]), 2);
    assert_eq!(count(&["--family", "data"]), 3);
    assert_eq!(count(&["--level", "mid"]), 2);
    assert_eq!(count(&["--source", "model"]), 1);
    assert_eq!(count(&["--organisation", "Royal Borough of Greenwich"]), 1);
    assert_eq!(count(&["--organisation", "E09000011"]), 1);
    assert_eq!(count(&["--region", "london"]), 1);
    assert_eq!(count(&["--since", "2023-01-01"]), 2);
    assert_eq!(count(&["--until", "2023-06-15"]), 2);
    assert_eq!(count(&["--family", "data", "--level", "mid"]), 2);
}

#[test]
fn sort_keys_order_rows() {
    let repo = TestRepo::new("base");
    let order = |key: &str| {
        list_json(&repo, &["--sort", key])
            .into_iter()
            .map(|r| r.path.rsplit('/').next().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order("advertised"),
        [
            "greenwich-2024-03-senior.md",
            "leeds-2023-06-mid.md",
            "cardiff-2022-01-junior.md",
            "model-mid.md"
        ]
    );
    assert_eq!(
        order("salary"),
        // £52,143 (day rate), £48,232 (hourly, 37 h), £48,000, £41,000.
        [
            "cardiff-2022-01-junior.md",
            "leeds-2023-06-mid.md",
            "greenwich-2024-03-senior.md",
            "model-mid.md"
        ]
    );
    assert_eq!(order("organisation")[3], "model-mid.md");
}

#[test]
fn unknown_filter_values_are_usage_errors_with_hints() {
    let repo = TestRepo::new("base");
    let run = |args: &[&str]| repo.cmd().arg("list").args(args).output().unwrap();
    let out = run(&["--role", "data-analist"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `data-analyst`?"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["--organisation", "Greenwhich"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("Greenwich"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["--region", "Londn"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `London`?"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["--since", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--level", "boss"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn invalid_files_are_skipped_and_counted() {
    let repo = TestRepo::new("base");
    repo.overlay("invalid/unknown-key");
    let output = repo
        .cmd()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let rows: Vec<Row> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        text(&output.stderr),
        "jdlib: skipped 1 invalid JD file (run `jdlib validate` for details)\n"
    );
}

#[test]
fn csv_has_a_header_and_flattened_salary() {
    let repo = TestRepo::new("base");
    let output = repo
        .cmd()
        .args(["list", "--format", "csv", "--role", "data-engineer"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let csv = text(&output.stdout);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "path,title,role,family,level,source,organisation,organisation_name,region,advertised,salary_min,salary_max,salary_period,salary_hours_per_week,salary_fte,salary_grade,salary_basis,salary_annual_min,salary_annual_max,licence"
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with("library/data-engineer/leeds-2023-06-mid.md,Data Engineer (test fixture),data-engineer,data,mid,advertised,E08000035,Leeds City Council,Yorkshire and The Humber,2023-06-15,25.0,28.0,hour,,,,advertised,"), "{row}");
    assert_eq!(lines.next(), None);
}

#[test]
fn table_shows_annual_pay_and_marks_indicative() {
    let repo = TestRepo::new("base");
    let output = repo.cmd().arg("list").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let table = text(&output.stdout);
    assert!(table.contains("£48,000–£52,000"), "{table}");
    assert!(table.contains("£41,000–£47,000*"), "{table}");
    assert!(table.contains("Greenwich"), "{table}");
    assert!(text(&output.stderr).contains("4 JDs; * marks indicative pay"));
}

#[test]
fn list_reads_a_revision() {
    let repo = TestRepo::new("base");
    repo.remove("library/data-engineer/leeds-2023-06-mid.md");
    assert_eq!(list_json(&repo, &[]).len(), 3);
    assert_eq!(list_json(&repo, &["--rev", "HEAD"]).len(), 4);
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly() {
    let repo = TestRepo::new("base");
    // Enough rows to overflow the pipe buffer, so jdlib really meets a closed pipe.
    let model = text(&repo.read("library/data-analyst/model-mid.md"));
    for i in 0..400 {
        repo.write(
            &format!("library/data-analyst/copy-{i}.md"),
            model.replace("into evidence", &format!("into evidence, copy {i}")),
        );
    }
    let bin = assert_cmd::cargo::cargo_bin("jdlib");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' list --format json | head -c 10 >/dev/null",
            bin.display()
        ))
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stderr),
        "",
        "jdlib complained about the closed pipe"
    );
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleRow {
    id: String,
    title: String,
    family: String,
    ddat: Option<String>,
    aliases: Vec<String>,
    summary: String,
    versions: usize,
    advertised_salaries: usize,
}

#[test]
fn roles_counts_versions_and_advertised_pay() {
    let repo = TestRepo::new("base");
    let output = repo
        .cmd()
        .args(["roles", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let rows: Vec<RoleRow> = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "data-analyst",
            "data-engineer",
            "content-designer",
            "innovation-lead"
        ]
    );
    assert_eq!((rows[0].versions, rows[0].advertised_salaries), (2, 1));
    assert_eq!(rows[0].ddat.as_deref(), Some("Data analyst"));
    assert_eq!(rows[0].aliases, ["Insight Analyst"]);
    assert_eq!(
        (rows[0].title.as_str(), rows[0].family.as_str()),
        ("Data Analyst", "data")
    );
    assert!(!rows[0].summary.is_empty());
    assert_eq!((rows[3].versions, rows[3].advertised_salaries), (0, 0));
    let csv = repo
        .cmd()
        .args(["roles", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        text(&csv.stdout)
            .starts_with("id,title,family,ddat,aliases,summary,versions,advertised_salaries\n")
    );
}

#[test]
fn show_renders_one_jd_for_reading() {
    let repo = TestRepo::new("base");
    let output = repo
        .cmd()
        .args(["show", "library/data-analyst/greenwich-2024-03-senior.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let page = text(&output.stdout);
    assert!(page.starts_with("Senior Data Analyst (test fixture)\ndata-analyst · senior · Royal Borough of Greenwich · advertised 2024-03-01 · £48,000–£52,000 a year FTE · OGL-UK-3.0\n"), "{page}");
    assert!(page.contains("\nPURPOSE\n"), "{page}");
    assert!(
        page.contains("  • Scope questions with service managers.\n"),
        "{page}"
    );
    assert!(!page.contains("---"), "front matter leaked: {page}");
}

#[test]
fn show_finds_paths_relative_to_the_current_folder() {
    let repo = TestRepo::new("base");
    let output = repo
        .cmd()
        .current_dir(repo.path().join("library/data-analyst"))
        .args(["show", "model-mid.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("Data Analyst\n"));
}

#[test]
fn show_role_puts_versions_side_by_side() {
    let repo = TestRepo::new("base");
    let output = repo.cmd().args(["show", "data-analyst"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = text(&output.stdout);
    assert!(
        page.starts_with("Data Analyst (data-analyst, data)\n"),
        "{page}"
    );
    let level_row = page.lines().find(|l| l.contains("Level")).unwrap();
    let mid = level_row.find("mid").unwrap();
    let senior = level_row.find("senior").unwrap();
    assert!(mid < senior, "versions not ordered by level: {level_row}");
    assert!(page.contains("Version 2"));
    let missing = repo.cmd().args(["show", "data-analist"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("did you mean `data-analyst`?"));
}

#[test]
fn completions_and_man_page_are_generated() {
    let repo = TestRepo::new("base");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = repo.cmd().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        assert!(text(&output.stdout).contains("validate"), "{shell}");
    }
    let man = repo.cmd().arg("man").output().unwrap();
    assert_eq!(man.status.code(), Some(0));
    assert!(text(&man.stdout).contains(".TH jdlib"));
}
