//! `jdlib import`: Word fixtures (made by `tests/fixtures/docx/make_fixtures.py`) to Markdown,
//! checked against snapshots (`JDLIB_BLESS=1 cargo test --test cli_import` rewrites them), and
//! the imports validate once the flags give what a document cannot.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use common::{Snapshots, TestRepo, fixtures};

const DOCS: &[&str] = &["headings", "lists", "table", "person-spec", "odd-styles"];

fn docx(name: &str) -> PathBuf {
    fixtures().join("docx").join(format!("{name}.docx"))
}

#[test]
fn each_fixture_imports_to_its_snapshot() {
    let repo = TestRepo::new("base");
    let mut snapshots = Snapshots::new();
    for name in DOCS {
        let out = repo.cmd().arg("import").arg(docx(name)).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: incomplete without flags"
        );
        let markdown = String::from_utf8(out.stdout).unwrap();
        let snapshot = fixtures().join("docx").join(format!("{name}.expected.md"));
        let Some(expected) = snapshots.expected(&snapshot, &markdown) else {
            continue;
        };
        if markdown != expected {
            snapshots.fail(format!(
                "{name}: run with JDLIB_BLESS=1 to accept\n--- expected\n{expected}--- got\n{markdown}"
            ));
        }
    }
    snapshots.finish();
}

#[test]
fn guesses_and_mapped_headings_are_listed() {
    let repo = TestRepo::new("base");
    let out = repo
        .cmd()
        .arg("import")
        .arg(docx("headings"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    for line in [
        "  title: Senior Data Analyst",
        "  level: senior  (from \"Senior Data Analyst\")",
        "  role: data-analyst",
        "  salary.min: 36000  (from \"Salary: £36,000 - £39,000 per annum",
        "  salary.period: year",
        "  salary.grade: SCP 29-32",
        "  salary.hours_per_week: 37",
        "  contract: permanent",
        "  heading \"Main duties and responsibilities\" is the contract's \"## Responsibilities\"",
        "still missing: organisation (--organisation), advertised (--advertised)",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
}

#[test]
fn imports_validate_once_the_flags_are_given() {
    let repo = TestRepo::new("base");
    let cases: &[(&str, &[&str])] = &[
        ("headings", &["--organisation", "Leeds"]),
        (
            "lists",
            &[
                "--level",
                "mid",
                "--organisation",
                "Leeds",
                "--salary-min",
                "40000",
                "--salary-max",
                "44000",
                "--salary-period",
                "year",
            ],
        ),
        (
            "table",
            &[
                "--role",
                "data-analyst",
                "--level",
                "senior",
                "--organisation",
                "Hackney",
            ],
        ),
        (
            "person-spec",
            &["--level", "mid", "--organisation", "Cardiff"],
        ),
        (
            "odd-styles",
            &[
                "--role",
                "innovation-lead",
                "--level",
                "lead",
                "--organisation",
                "Leeds",
                "--salary-min",
                "60000",
                "--salary-max",
                "65000",
                "--salary-period",
                "year",
            ],
        ),
    ];
    for (i, (name, flags)) in cases.iter().enumerate() {
        let out_path = format!("imported-{i}.md");
        let result = repo
            .cmd()
            .arg("import")
            .arg(docx(name))
            .args(*flags)
            .args(["--advertised", "2024-06-03", "--out", &out_path])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(!stderr.contains("still missing"), "{name}: {stderr}");
        let text = String::from_utf8(repo.read(&out_path)).unwrap();
        let role = text
            .lines()
            .find_map(|l| l.strip_prefix("role: "))
            .unwrap()
            .to_owned();
        repo.write(&format!("library/{role}/imported-{i}.md"), &text);
        // Named contacts are a lint error: only odd-styles has one, and says so.
        if *name == "odd-styles" {
            assert_eq!(result.status.code(), Some(1), "{stderr}");
            assert!(stderr.contains("error[personal-email]"), "{stderr}");
        } else {
            assert_eq!(result.status.code(), Some(0), "{name}: {stderr}");
        }
    }
    repo.cmd().arg("validate").assert().success();
}

#[test]
fn broken_files_get_a_clear_error() {
    let repo = TestRepo::new("base");
    for (name, message) in [
        ("not-a-zip", "not a Word .docx file (not a zip archive)"),
        (
            "no-document",
            "a zip archive but not a Word document (no word/document.xml)",
        ),
    ] {
        repo.cmd()
            .arg("import")
            .arg(docx(name))
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "{name}.docx: it is {message}"
            )));
    }
    repo.cmd()
        .args(["import", "missing.docx"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("reading"));
}

#[test]
fn out_never_replaces_a_file_without_force() {
    let repo = TestRepo::new("base");
    repo.write("draft.md", "my own work");
    repo.cmd()
        .arg("import")
        .arg(docx("headings"))
        .args(["--out", "draft.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("draft.md already exists"));
    assert_eq!(repo.read("draft.md"), b"my own work");
    repo.cmd()
        .arg("import")
        .arg(docx("headings"))
        .args([
            "--out",
            "draft.md",
            "--force",
            "--organisation",
            "Leeds",
            "--advertised",
            "2024-06-03",
        ])
        .assert()
        .success();
    assert!(
        String::from_utf8(repo.read("draft.md"))
            .unwrap()
            .starts_with("---\ntitle: Senior Data Analyst\n")
    );
    let leftovers: Vec<_> = std::fs::read_dir(repo.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn contribute_takes_a_word_file() {
    let repo = TestRepo::new("base");
    let out = repo
        .cmd()
        .arg("contribute")
        .arg("--from")
        .arg(docx("headings"))
        .args([
            "--organisation",
            "Leeds",
            "--advertised",
            "2024-06-03",
            "--base",
            "HEAD",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let receipt: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        receipt["path"],
        "library/data-analyst/leeds-2024-06-senior.md"
    );
    // A document with a named contact is refused before anything is committed.
    repo.cmd()
        .arg("contribute")
        .arg("--from")
        .arg(docx("odd-styles"))
        .args([
            "--role",
            "innovation-lead",
            "--level",
            "lead",
            "--organisation",
            "Leeds",
            "--advertised",
            "2024-06-03",
        ])
        .args([
            "--salary-min",
            "60000",
            "--salary-max",
            "65000",
            "--salary-period",
            "year",
            "--base",
            "HEAD",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("error[personal-phone]"))
        .stderr(predicates::str::contains("nothing was committed"));
}
