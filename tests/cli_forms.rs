//! `jdlib forms`: the GitHub issue forms are written from the library's roles, `--check` says
//! when the written ones are out of date, and the project's own forms are kept current.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;

use common::TestRepo;
use serde_json::Value;

const ADD: &str = ".github/ISSUE_TEMPLATE/add-a-job-description.yml";
const IMPROVE: &str = ".github/ISSUE_TEMPLATE/improve-a-job-description.yml";
const CONFIG: &str = ".github/ISSUE_TEMPLATE/config.yml";

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn yaml(path: &Path) -> Value {
    jdlib::library::yaml::parse_json(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The fixture library as a repository whose `origin` is on GitHub.
fn github_repo() -> TestRepo {
    let repo = TestRepo::new("base");
    git2::Repository::open(repo.path())
        .unwrap()
        .remote("origin", "git@github.com:example-councils/jd-library.git")
        .unwrap();
    repo
}

fn role_options(path: &Path) -> Vec<String> {
    let form = yaml(path);
    let role = form["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "role")
        .unwrap();
    role["attributes"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn forms_are_written_from_the_roles_and_linked_to_the_origin_remote() {
    let repo = github_repo();
    let output = repo.cmd().arg("forms").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        format!("{ADD}\n{IMPROVE}\n{CONFIG}\n")
    );
    assert_eq!(text(&output.stderr), "wrote 3 issue forms with 4 roles\n");
    assert_eq!(
        role_options(&repo.path().join(ADD)),
        [
            "Data Analyst",
            "Data Engineer",
            "Content Designer",
            "Innovation Lead",
            "None of these: suggest a new role"
        ]
    );
    let config = yaml(&repo.path().join(CONFIG));
    assert_eq!(config["blank_issues_enabled"], false);
    assert_eq!(
        config["contact_links"][0]["url"],
        format!(
            "https://github.com/example-councils/jd-library/blob/{}/CONTRIBUTING.md",
            current_branch(repo.path())
        )
    );
    assert_eq!(
        config["contact_links"][1]["url"],
        "https://example-councils.github.io/jd-library/"
    );
    let names: Vec<String> = fs::read_dir(repo.path().join(".github/ISSUE_TEMPLATE"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "no temporary files left: {names:?}");
}

fn current_branch(root: &Path) -> String {
    let repo = git2::Repository::open(root).unwrap();
    repo.head().unwrap().shorthand().unwrap().to_owned()
}

#[test]
fn check_passes_when_current_and_fails_after_a_role_is_added() {
    let repo = github_repo();
    let check = |repo: &TestRepo| repo.cmd().args(["forms", "--check"]).output().unwrap();

    let output = check(&repo);
    assert_eq!(output.status.code(), Some(1), "nothing written yet");
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(stdout.starts_with(&format!("{ADD}: differs")), "{stdout}");

    assert!(repo.cmd().arg("forms").output().unwrap().status.success());
    let output = check(&repo);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(text(&output.stderr), "the 3 issue forms are up to date\n");

    let roles = repo.path().join("library/roles.yaml");
    let mut registry = fs::read_to_string(&roles).unwrap();
    registry.push_str(
        "  - id: service-designer\n    title: Service Designer\n    family: digital\n    summary: Designs services.\n",
    );
    fs::write(&roles, registry).unwrap();
    let before = fs::read(repo.path().join(ADD)).unwrap();
    let output = check(&repo);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        format!("{ADD}: differs from what `jdlib forms` writes; run `jdlib forms` and commit it\n")
    );
    assert_eq!(text(&output.stderr), "");
    assert_eq!(
        fs::read(repo.path().join(ADD)).unwrap(),
        before,
        "--check writes nothing"
    );
}

#[test]
fn without_a_forge_or_with_a_broken_registry_nothing_is_written() {
    let repo = TestRepo::new("base");
    let output = repo.cmd().arg("forms").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("pass --repo URL"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(text(&output.stdout), "");

    let roles = repo.path().join("library/roles.yaml");
    fs::write(&roles, "roles:\n  - id: Not A Slug\n    title: X\n").unwrap();
    let output = repo
        .cmd()
        .args(["forms", "--repo", "https://github.com/o/r"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("library/roles.yaml has"),
        "{}",
        text(&output.stderr)
    );
    assert!(!repo.path().join(".github").exists());
}

/// The project's own forms are what `jdlib forms` writes for this repository, so a change to
/// `roles.yaml` or the contract cannot leave the dropdowns behind.
#[test]
fn the_committed_forms_are_what_jdlib_forms_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = assert_cmd::Command::cargo_bin("jdlib")
        .unwrap()
        .current_dir(root)
        .args(["forms", "--check", "--branch", "main", "--repo"])
        .arg(env!("CARGO_PKG_REPOSITORY"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    assert_eq!(text(&output.stdout), "");
}
