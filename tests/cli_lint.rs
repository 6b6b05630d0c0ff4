//! `jdlib lint` end to end: each rule on its fixture with exact positions, a suite of
//! sentences that must not fire, configuration, inline allow comments, formats, and the seed
//! library running clean.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::{Snapshots, TestRepo, fixtures, text};

/// Each `tests/fixtures/lint/<case>/` is laid over the base library; its `expected.txt` is the
/// exact output of `jdlib lint library/data-analyst/case.md`. `JDLIB_BLESS=1` rewrites them.
#[test]
fn every_rule_reports_exactly_its_expected_findings() {
    let mut snapshots = Snapshots::new();
    let mut cases: Vec<String> = fs::read_dir(fixtures().join("lint"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    cases.sort();
    for case in &cases {
        let repo = TestRepo::without_git("base");
        repo.overlay(&format!("lint/{case}"));
        let output = repo
            .cmd()
            .args(["lint", "library/data-analyst/case.md"])
            .output()
            .unwrap();
        let stdout = text(&output.stdout);
        let expected_path = fixtures().join("lint").join(case).join("expected.txt");
        let Some(expected) = snapshots.expected(&expected_path, &stdout) else {
            continue;
        };
        let code = output.status.code();
        let want = i32::from(expected.contains(": error["));
        if stdout != expected || code != Some(want) {
            snapshots.fail(format!(
                "case {case}: exit {code:?}\n--- expected\n{expected}--- got\n{stdout}"
            ));
        }
    }
    snapshots.finish();
}

#[test]
fn the_false_positive_suite_is_silent() {
    let repo = TestRepo::without_git("base");
    repo.overlay("lint/false-positives");
    let output = repo
        .cmd()
        .args(["lint", "library/data-analyst/case.md"])
        .output()
        .unwrap();
    assert_eq!(text(&output.stdout), "", "{}", text(&output.stderr));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn the_seed_library_lints_clean_at_default_severities() {
    let output = assert_cmd::Command::cargo_bin("jdlib")
        .unwrap()
        .args(["--library", env!("CARGO_MANIFEST_DIR"), "lint"])
        .output()
        .unwrap();
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "45 files linted, 0 errors, 0 warnings\n"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn jdlib_toml_sets_severities_thresholds_and_mailboxes() {
    let repo = TestRepo::without_git("base");
    repo.overlay("lint/readability");
    let personal =
        fs::read(fixtures().join("lint/personal-data/library/data-analyst/case.md")).unwrap();
    repo.write("library/data-analyst/personal.md", personal);
    repo.write(
        "jdlib.toml",
        "[lint]\nmailboxes = [\"jane.smith@*\", \"*@example.org\"]\n\n[lint.severity]\nnamed-contact = \"warning\"\npersonal-phone = \"off\"\nlong-list = \"error\"\n\n[lint.readability]\nmax-sentence-words = 60\n",
    );
    let output = repo.cmd().arg("lint").output().unwrap();
    let stdout = text(&output.stdout);
    assert!(
        !stdout.contains("personal-email"),
        "allowed mailboxes fired: {stdout}"
    );
    assert!(
        !stdout.contains("personal-phone"),
        "a rule switched off fired: {stdout}"
    );
    assert!(stdout.contains("warning[named-contact]"), "{stdout}");
    assert!(stdout.contains("error[long-list]"), "{stdout}");
    assert!(!stdout.contains("long-sentence"), "{stdout}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_path_that_does_not_exist_is_a_usage_error() {
    let repo = TestRepo::without_git("base");
    let output = repo
        .cmd()
        .args(["lint", "library/nope.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("library/nope.md does not exist"));
}

#[test]
fn a_broken_jdlib_toml_is_a_usage_error_with_its_position() {
    let repo = TestRepo::without_git("base");
    repo.write("jdlib.toml", "[lint.severity]\nlong-sentense = \"off\"\n");
    let output = repo.cmd().arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(
            "jdlib.toml:2:1: no lint rule is called `long-sentense`; did you mean `long-sentence`?"
        ),
        "{stderr}"
    );
}

#[test]
fn findings_come_in_every_format_with_a_per_jd_summary() {
    let repo = TestRepo::without_git("base");
    repo.overlay("lint/exclusionary-phrases");
    let json = repo
        .cmd()
        .args(["lint", "--format", "json", "library/data-analyst/case.md"])
        .output()
        .unwrap();
    let found: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert!(!found.is_empty());
    for d in &found {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 6, "{d}");
        assert_eq!(d["code"], "exclusionary-phrase");
    }
    let stderr = text(&json.stderr);
    assert!(
        stderr.contains("library/data-analyst/case.md: 0 errors, 5 warnings; Flesch reading ease"),
        "{stderr}"
    );
    let github = repo
        .cmd()
        .args(["lint", "--format", "github", "library/data-analyst/case.md"])
        .output()
        .unwrap();
    assert!(
        text(&github.stdout).starts_with(
            "::warning file=library/data-analyst/case.md,line=11,col=11,title=exclusionary-phrase::`young`"
        ),
        "{}",
        text(&github.stdout)
    );
}

#[test]
fn validate_lint_runs_both_in_one_step() {
    let repo = TestRepo::new("base");
    repo.overlay("lint/personal-data");
    let output = repo.cmd().args(["validate", "--lint"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("error[personal-email]"), "{stdout}");
    // The base fixture's bodies have no essential/desirable split: lint says so, validate not.
    assert!(
        stdout.contains("warning[no-essential-desirable]"),
        "{stdout}"
    );
    let plain = repo.cmd().arg("validate").output().unwrap();
    assert_eq!(plain.status.code(), Some(0));
}

#[test]
fn changed_since_and_rev_choose_what_is_linted() {
    let repo = TestRepo::new("base");
    repo.overlay("lint/gender-coded");
    repo.commit_all("an old problem");
    repo.overlay("lint/structure");
    let output = repo
        .cmd()
        .args(["lint", "--changed-since", "HEAD"])
        .output()
        .unwrap();
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("unexpanded-acronym") && !stdout.contains("gender-coded"),
        "{stdout}"
    );
    let at_head = repo.cmd().args(["lint", "--rev", "HEAD"]).output().unwrap();
    let stdout = text(&at_head.stdout);
    assert!(
        stdout.contains("gender-coded") && !stdout.contains("unexpanded-acronym"),
        "{stdout}"
    );
}
