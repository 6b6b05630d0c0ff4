//! `jdlib validate` end to end: every invalid-case fixture, formats, git modes, hostile input.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::{Snapshots, TestRepo, fixtures, text};
use serde::Deserialize;

/// Each `tests/fixtures/invalid/<case>/` is laid over the valid base library; its
/// `expected.txt` is the exact human output. Set `JDLIB_BLESS=1` to rewrite the expectations
/// after a deliberate change, then review the diff.
#[test]
fn every_invalid_case_reports_exactly_its_expected_findings() {
    let mut snapshots = Snapshots::new();
    let mut cases: Vec<_> = fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "fixture cases missing: {cases:?}");
    for case in &cases {
        let repo = TestRepo::without_git("base");
        repo.overlay(&format!("invalid/{case}"));
        let output = repo.cmd().arg("validate").output().unwrap();
        let stdout = text(&output.stdout);
        let expected_path = fixtures().join("invalid").join(case).join("expected.txt");
        assert!(
            text(&output.stderr).contains(" files, "),
            "case {case}: no summary on stderr"
        );
        let Some(expected) = snapshots.expected(&expected_path, &stdout) else {
            continue;
        };
        let has_error = expected.contains(": error[");
        let code = output.status.code();
        if stdout != expected || code != Some(i32::from(has_error)) {
            snapshots.fail(format!(
                "case {case}: exit {code:?}\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{}",
                text(&output.stderr)
            ));
        }
    }
    snapshots.finish();
}

/// The panic message of `finish`, if it panics.
fn finish_message(snapshots: Snapshots) -> Option<String> {
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| snapshots.finish()));
    panic.err().map(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .unwrap_or_else(|| p.downcast_ref::<&str>().unwrap().to_string())
    })
}

#[test]
fn a_missing_snapshot_fails_and_blessing_writes_then_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("expected.txt");
    let mut check = Snapshots::blessing(false);
    assert_eq!(check.expected(&path, "out\n"), None);
    let message = finish_message(check).expect("a missing snapshot fails");
    assert!(message.contains("run with JDLIB_BLESS=1"), "{message}");

    let mut bless = Snapshots::blessing(true);
    assert_eq!(bless.expected(&path, "out\n"), None);
    assert_eq!(
        finish_message(bless).as_deref(),
        Some("blessed 1 files; rerun without JDLIB_BLESS")
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "out\n");

    let mut check = Snapshots::blessing(false);
    assert_eq!(check.expected(&path, "out\n").as_deref(), Some("out\n"));
    assert_eq!(finish_message(check), None);
}

#[test]
fn the_valid_base_library_passes_silently() {
    let repo = TestRepo::new("base");
    let output = repo.cmd().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(text(&output.stderr), "4 files, 0 errors, 0 warnings\n");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let repo = TestRepo::without_git("base");
    let original = text(&repo.read("library/data-analyst/model-mid.md"));
    let crlf = format!("\u{feff}{}", original.replace('\n', "\r\n"));
    repo.write("library/data-analyst/model-mid.md", crlf);
    let output = repo.cmd().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    let json = repo
        .cmd()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(text(&json.stdout).contains("\"title\": \"Data Analyst\""));
}

#[test]
fn a_five_megabyte_file_is_refused_unread() {
    let repo = TestRepo::without_git("base");
    let mut big = String::from("---\ntitle: Big\n---\n");
    big.push_str(&"word ".repeat(1_000_000));
    repo.write("library/data-analyst/big.md", big);
    let output = repo.cmd().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "library/data-analyst/big.md:1:1: error[file-too-large]: the file is 5000019 bytes; JDs may be at most 1 MiB (1048576 bytes), so it was not read\n"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_reported_and_never_followed() {
    let repo = TestRepo::without_git("base");
    std::os::unix::fs::symlink(
        "/etc/passwd",
        repo.path().join("library/data-analyst/link.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink("data-analyst", repo.path().join("library/alias")).unwrap();
    let output = repo.cmd().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("library/alias:1:1: error[symlink]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("library/data-analyst/link.md:1:1: error[symlink]"),
        "{stdout}"
    );
    assert!(!stdout.contains("root:"), "followed the link: {stdout}");
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDiagnostic {
    path: String,
    line: u32,
    column: u32,
    severity: String,
    code: String,
    message: String,
}

#[test]
fn json_format_is_one_array_of_typed_findings() {
    let repo = TestRepo::without_git("base");
    repo.overlay("invalid/unknown-key");
    repo.overlay("invalid/duplicate-body");
    let output = repo
        .cmd()
        .args(["validate", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let found: Vec<JsonDiagnostic> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (
            found[0].path.as_str(),
            found[0].line,
            found[0].column,
            found[0].severity.as_str(),
            found[0].code.as_str()
        ),
        ("library/data-analyst/case.md", 7, 1, "error", "unknown-key")
    );
    assert!(found[0].message.contains("did you mean `title`"));
    assert_eq!(
        (found[1].severity.as_str(), found[1].code.as_str()),
        ("warning", "duplicate-body")
    );
}

#[test]
fn json_format_prints_an_empty_array_when_clean() {
    let repo = TestRepo::without_git("base");
    let output = repo
        .cmd()
        .args(["validate", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), "[]\n");
}

#[test]
fn github_format_emits_workflow_commands() {
    let repo = TestRepo::without_git("base");
    repo.overlay("invalid/salary-range");
    let output = repo
        .cmd()
        .args(["validate", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "::error file=library/data-analyst/case.md,line=9,col=8,title=salary-range::`salary.min` (50000) is greater than `salary.max` (45000): swap them\n"
    );
}

#[test]
fn only_warnings_exit_zero() {
    let repo = TestRepo::without_git("base");
    repo.overlay("invalid/duplicate-body");
    let output = repo.cmd().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stderr).contains("0 errors, 1 warning"));
}

#[test]
fn paths_limit_the_report_but_not_the_library_wide_rules() {
    let repo = TestRepo::without_git("base");
    repo.overlay("invalid/duplicate-advert");
    repo.overlay("invalid/unexpected-file");
    let output = repo
        .cmd()
        .args(["validate", "library/data-analyst/zz-greenwich.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("error[duplicate-advert]: library/data-analyst/greenwich-2024-03-senior.md already records"), "{stdout}");
    assert!(!stdout.contains("notes.txt"), "{stdout}");
    // The earlier file is involved in the finding, so asking about it shows it too.
    let earlier = repo
        .cmd()
        .args([
            "validate",
            "library/data-analyst/greenwich-2024-03-senior.md",
        ])
        .output()
        .unwrap();
    assert!(text(&earlier.stdout).contains("duplicate-advert"));
}

#[test]
fn a_path_that_does_not_exist_is_a_usage_error() {
    let repo = TestRepo::without_git("base");
    let output = repo
        .cmd()
        .args(["validate", "library/data-analyst/nope.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("library/data-analyst/nope.md does not exist"));
}

#[test]
fn a_path_outside_the_library_is_a_usage_error() {
    let repo = TestRepo::without_git("base");
    let output = repo.cmd().args(["validate", "/"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).starts_with("jdlib: error: / is not inside the library"));
}

#[test]
fn rev_reads_the_committed_version_not_the_work_tree() {
    let repo = TestRepo::new("base");
    repo.overlay("invalid/unknown-role");
    repo.commit_all("broken");
    // Fix it in the work tree only.
    repo.remove("library/data-analyst/case.md");
    let work_tree = repo.cmd().arg("validate").output().unwrap();
    assert_eq!(work_tree.status.code(), Some(0));
    let head = repo
        .cmd()
        .args(["validate", "--rev", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(head.status.code(), Some(1));
    assert!(text(&head.stdout).contains("library/data-analyst/case.md:3:7: error[unknown-role]"));
    let first = repo
        .cmd()
        .args(["validate", "--rev", "HEAD~1"])
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(0));
}

#[test]
fn rev_that_does_not_exist_is_a_clear_usage_error() {
    let repo = TestRepo::new("base");
    let output = repo
        .cmd()
        .args(["validate", "--rev", "nope"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("revision `nope` was not found"), "{stderr}");
}

#[test]
fn rev_outside_git_says_how_to_fix_it() {
    let repo = TestRepo::without_git("base");
    let output = repo
        .cmd()
        .args(["validate", "--rev", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("is not the top folder of a git repository"));
}

#[test]
fn changed_since_reports_only_findings_about_changed_files() {
    let repo = TestRepo::new("base");
    repo.overlay("invalid/unknown-key");
    repo.commit_all("an old problem");
    // New, uncommitted and untracked: a broken file and a duplicate of a committed advert.
    repo.overlay("invalid/salary-range");
    repo.write(
        "library/data-analyst/zz-greenwich.md",
        fs::read(fixtures().join("invalid/duplicate-advert/library/data-analyst/zz-greenwich.md"))
            .unwrap(),
    );
    let output = repo
        .cmd()
        .args(["validate", "--changed-since", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("case.md:9:8: error[salary-range]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("zz-greenwich.md:7:1: error[duplicate-advert]"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("unknown-key"),
        "an unchanged file was reported: {stdout}"
    );
    assert!(
        text(&output.stderr).starts_with("2 files, 2 errors"),
        "{}",
        text(&output.stderr)
    );

    // Against the revision itself nothing has changed.
    let committed = repo
        .cmd()
        .args(["validate", "--rev", "HEAD", "--changed-since", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(committed.status.code(), Some(0));
    // Between two revisions.
    let between = repo
        .cmd()
        .args(["validate", "--rev", "HEAD", "--changed-since", "HEAD~1"])
        .output()
        .unwrap();
    assert_eq!(between.status.code(), Some(1));
    assert!(text(&between.stdout).contains("unknown-key"));
}

#[test]
fn changed_since_sees_a_changed_or_deleted_registry() {
    let repo = TestRepo::new("base");
    // Renaming a role breaks an unchanged JD that still uses the old id.
    let roles = text(&repo.read("library/roles.yaml"))
        .replace("id: data-engineer", "id: data-platform-engineer");
    repo.write("library/roles.yaml", roles);
    let output = repo
        .cmd()
        .args(["validate", "--changed-since", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stdout).contains("leeds-2023-06-mid.md:3:7: error[unknown-role]"),
        "{}",
        text(&output.stdout)
    );
    repo.remove("library/roles.yaml");
    let output = repo
        .cmd()
        .args(["validate", "--changed-since", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("error[missing-registry]"));
}

#[test]
fn outside_any_library_the_error_says_how_to_point_at_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("jdlib")
        .unwrap()
        .current_dir(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("no job description library found"),
        "{stderr}"
    );
    assert!(stderr.contains("--library DIR"), "{stderr}");
}

#[test]
fn library_flag_accepts_the_root_or_the_library_folder() {
    let repo = TestRepo::without_git("base");
    let elsewhere = tempfile::tempdir().unwrap();
    for arg in [repo.path().to_owned(), repo.path().join("library")] {
        let output = assert_cmd::Command::cargo_bin("jdlib")
            .unwrap()
            .current_dir(elsewhere.path())
            .arg("--library")
            .arg(&arg)
            .arg("validate")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    }
    let output = assert_cmd::Command::cargo_bin("jdlib")
        .unwrap()
        .args(["--library", "/nonexistent", "validate"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("has no `library/` folder"));
}

#[test]
fn colour_is_used_only_when_asked() {
    let repo = TestRepo::without_git("base");
    repo.overlay("invalid/unknown-key");
    let plain = repo.cmd().arg("validate").output().unwrap();
    assert!(!text(&plain.stdout).contains('\u{1b}'));
    let always = repo
        .cmd()
        .args(["--color", "always", "validate"])
        .output()
        .unwrap();
    assert!(text(&always.stdout).contains("\u{1b}[1;31merror[unknown-key]"));
}

#[test]
fn a_missing_registry_is_reported() {
    // In a git repository, so the library is still found without its registry.
    let repo = TestRepo::new("base");
    repo.remove("library/roles.yaml");
    let output = repo.cmd().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "library/roles.yaml:1:1: error[missing-registry]: library/roles.yaml is missing: the library needs its role registry (see docs/contract.md)\n"
    );
}
