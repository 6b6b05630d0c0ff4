//! `validate --changed-since` checks only changed files but must report exactly what a full
//! `validate` reports about them, whether the summary cache is cold, warm, damaged or off.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TestRepo, text};

/// A committed base plus uncommitted changes that exercise every library-wide rule.
fn repo_with_changes() -> TestRepo {
    let repo = TestRepo::new("base");
    // Committed, unchanged, and later in path order than the new duplicate of its advert
    // below, so that finding lands on this unchanged file.
    let leeds = text(&repo.read("library/data-engineer/leeds-2023-06-mid.md"));
    let july = leeds.replace("2023-06-15", "2023-07-01");
    repo.write(
        "library/data-engineer/zz-copy.md",
        july.replace("build data pipelines", "run the warehouse"),
    );
    repo.overlay("invalid/unknown-key");
    repo.commit_all("base with an old problem");
    // The changes: a new file duplicating zz-copy.md's advert; a copy of a body in another
    // role's folder; an edit that breaks a file; a deleted file; a stray file.
    repo.write(
        "library/data-engineer/aa-new.md",
        july.replace("build data pipelines", "look after the data lake"),
    );
    repo.write(
        "library/content-designer/copy-of-model.md",
        repo.read("library/data-analyst/model-mid.md"),
    );
    let analyst = text(&repo.read("library/data-analyst/greenwich-2024-03-senior.md"));
    repo.write(
        "library/data-analyst/greenwich-2024-03-senior.md",
        analyst.replace("max: 52000", "max: 42000"),
    );
    repo.remove("library/content-designer/cardiff-2022-01-junior.md");
    repo.write("library/data-analyst/notes.txt", "stray\n");
    repo
}

const CHANGED: [&str; 5] = [
    "library/content-designer/cardiff-2022-01-junior.md",
    "library/content-designer/copy-of-model.md",
    "library/data-analyst/greenwich-2024-03-senior.md",
    "library/data-analyst/notes.txt",
    "library/data-engineer/aa-new.md",
];

fn run(repo: &TestRepo, args: &[&str]) -> (Option<i32>, String, String) {
    let output = repo.cmd().args(args).output().unwrap();
    (
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr),
    )
}

/// What a full `validate` says about the changed files, or with a changed file named.
fn expected_from_full_check(repo: &TestRepo) -> String {
    let (_, human, _) = run(repo, &["validate"]);
    human
        .lines()
        .filter(|line| {
            let path = line.split(':').next().unwrap();
            let message = line.split_once(": ").unwrap().1;
            CHANGED.contains(&path) || CHANGED.iter().any(|c| message.contains(c))
        })
        .flat_map(|line| [line, "\n"])
        .collect()
}

#[test]
fn incremental_findings_match_the_full_check_filtered_to_changed_files() {
    let repo = repo_with_changes();
    let (code, stdout, stderr) = run(&repo, &["validate", "--changed-since", "HEAD"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stdout, expected_from_full_check(&repo));
    // And the full check's lines are the ones expected, so the comparison is not vacuous.
    for expected in [
        "library/content-designer/copy-of-model.md:3:7: error[role-folder-mismatch]",
        "library/data-analyst/greenwich-2024-03-senior.md:9:8: error[salary-range]",
        "library/data-analyst/model-mid.md:14:1: warning[duplicate-body]: the body is identical to library/content-designer/copy-of-model.md's",
        "library/data-analyst/notes.txt:1:1: error[unexpected-file]",
        "library/data-engineer/zz-copy.md:7:1: error[duplicate-advert]: library/data-engineer/aa-new.md already records",
    ] {
        assert!(
            stdout.contains(expected),
            "missing `{expected}` in\n{stdout}"
        );
    }
    assert!(
        !stdout.contains("unknown-key"),
        "an unchanged file's problem was reported: {stdout}"
    );
    assert!(
        stderr.starts_with("3 files, 4 errors, 1 warning"),
        "{stderr}"
    );
}

#[test]
fn a_warm_damaged_or_disabled_cache_gives_the_same_answer() {
    let repo = repo_with_changes();
    let cold = run(&repo, &["validate", "--changed-since", "HEAD"]);
    let cache = repo.path().join(".git/jdlib/summaries.bin");
    assert!(cache.is_file(), "the cache was not written");
    let warm = run(&repo, &["validate", "--changed-since", "HEAD"]);
    assert_eq!(cold, warm);
    std::fs::write(&cache, b"JDLSUM01\xff\xff\xff\xffgarbage").unwrap();
    let damaged = run(&repo, &["validate", "--changed-since", "HEAD"]);
    assert_eq!(cold, damaged);
    std::fs::remove_file(&cache).unwrap();
    let disabled = run(
        &repo,
        &["--no-cache", "validate", "--changed-since", "HEAD"],
    );
    assert_eq!(cold, disabled);
    assert!(!cache.exists(), "--no-cache wrote the cache");
}

#[test]
fn the_git_command_and_libgit2_agree_on_what_changed() {
    let repo = repo_with_changes();
    let git = jdlib::git::Repo::open_at(repo.path()).unwrap();
    let via_libgit2 = git.changed_with_libgit2("HEAD", None, "library").unwrap();
    assert_eq!(
        via_libgit2.iter().map(String::as_str).collect::<Vec<_>>(),
        CHANGED
    );
    // Where the git command exists (it does on CI machines), it must give the same set.
    if let Some(via_cli) = git.changed_with_cli("HEAD", "library") {
        assert_eq!(via_cli, via_libgit2);
    }
}

#[test]
fn changed_since_with_rev_compares_two_revisions() {
    let repo = repo_with_changes();
    repo.commit_all("the changes");
    let (code, between, _) = run(
        &repo,
        &["validate", "--rev", "HEAD", "--changed-since", "HEAD~1"],
    );
    assert_eq!(code, Some(1));
    // The same changes, seen from the work tree against the older commit.
    let (_, work_tree, _) = run(&repo, &["validate", "--changed-since", "HEAD~1"]);
    assert_eq!(between, work_tree);
    assert!(between.contains("error[salary-range]"), "{between}");
}
