//! `jdlib search` without an index (issue #5's cold target): `--no-cache` and a large library's
//! first search read the files directly and must answer exactly as the index does; the first
//! search then builds the index in a detached process that a later search uses.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::{SearchRow as Row, TestRepo, text};

/// Forces the scan for cold searches however small the library (the default starts at 5,000).
const SCAN_FROM: &str = "JDLIB_SEARCH_SCAN_FROM";

/// The seed library plus the base fixture's advertised JDs (councils, dates, regions).
fn seed_repo() -> TestRepo {
    let repo = TestRepo::without_git("base");
    repo.overlay_seed_library();
    repo
}

/// The seed repository with four variants of every JD: other titles, and lines of other JDs'
/// bodies added, so words, phrases and lengths vary across a few hundred files.
fn generated_repo() -> TestRepo {
    let repo = seed_repo();
    let originals = repo.jd_files();
    let extra = ["Lead", "Data", "Engineer", "Power BI", "Analyst"];
    for (i, (path, text)) in originals.iter().enumerate() {
        for v in 0..4 {
            let (_, other) = &originals[(i * 7 + v * 13 + 1) % originals.len()];
            let borrowed: Vec<&str> = other
                .lines()
                .filter(|l| l.starts_with("- "))
                .skip(v)
                .step_by(2)
                .collect();
            let mut out = String::new();
            for line in text.lines() {
                match line.strip_prefix("title: ") {
                    Some(title) => out.push_str(&format!("title: {title} {}", extra[(i + v) % 5])),
                    None => out.push_str(line),
                }
                out.push('\n');
                if line == "## Responsibilities" {
                    out.push('\n');
                    for b in &borrowed {
                        out.push_str(b);
                        out.push('\n');
                    }
                }
            }
            let variant = path.replace(".md", &format!("-v{v}.md"));
            repo.write(&variant, out);
        }
    }
    repo
}

struct Answer {
    code: Option<i32>,
    rows: Vec<Row>,
    stderr: String,
}

fn run(repo: &TestRepo, global: &[&str], query: &str, limit: &str) -> Answer {
    let output = repo
        .cmd()
        .args(global)
        .args(["search", "--format", "json", "--limit", limit, "--", query])
        .output()
        .unwrap();
    Answer {
        code: output.status.code(),
        rows: serde_json::from_slice(&output.stdout).unwrap_or_default(),
        stderr: text(&output.stderr),
    }
}

/// The scan and the index agree: exit code, count, and every hit with its score, in the same
/// order (JDs whose scores differ only by float rounding may swap).
fn assert_same(query: &str, scan: &Answer, index: &Answer) {
    assert_eq!(scan.code, index.code, "{query}: {}", scan.stderr);
    let last = |a: &Answer| a.stderr.lines().last().unwrap_or_default().to_owned();
    assert_eq!(last(scan), last(index), "{query}");
    assert_eq!(scan.rows.len(), index.rows.len(), "{query}");
    let close = |a: f64, b: f64| (a - b).abs() <= b.abs() * 1e-5;
    for (s, i) in scan.rows.iter().zip(&index.rows) {
        assert!(close(s.score, i.score), "{query}: {s:?} against {i:?}");
        if s.path == i.path {
            // The row is read from the file either way.
            let shown = |r: &Row| {
                let row = (&r.title, &r.role, &r.level, &r.organisation, &r.snippet);
                format!("{row:?}")
            };
            assert_eq!(shown(s), shown(i), "{query}");
        } else {
            let tied = index.rows.iter().find(|r| r.path == s.path).unwrap();
            assert!(close(tied.score, s.score), "{query}: {s:?} against {i:?}");
        }
    }
}

const QUERIES: &[&str] = &[
    "data",
    "data engineer",
    "\"data engineer\"",
    "analysts",
    "Analyst",
    "data*",
    "engineer* -senior",
    "data -pipeline",
    "-data",
    "role:data-engineer",
    "family:data",
    "level:senior analyst",
    "org:greenwich",
    "region:london",
    "since:2023-01-01",
    "salary>=45000 engineer",
    "salary<30000",
    "\"power bi\"",
    "power bi -\"power bi\"",
    "manage",
    "digital service design",
    "\"service designer\"",
    "architect* cloud",
    "council housing residents",
    "zzzqqq",
    "anlyst",
];

#[test]
fn the_scan_answers_as_the_index_on_the_seed_library() {
    let repo = seed_repo();
    repo.git_init();
    repo.commit_all("seed");
    for query in QUERIES {
        let scan = run(&repo, &["--no-cache"], query, "1000000");
        let index = run(&repo, &[], query, "1000000");
        assert_same(query, &scan, &index);
        // "Did you mean" too: on this library there is one best JD to take a word from.
        assert_eq!(scan.stderr, index.stderr, "{query}");
    }
    assert!(repo.path().join(".git/jdlib/search/worktree").is_dir());
}

#[test]
fn the_scan_answers_as_the_index_on_a_generated_library() {
    let repo = generated_repo();
    repo.git_init();
    repo.commit_all("generated");
    assert!(repo.jd_files().len() > 200);
    for query in QUERIES {
        let scan = run(&repo, &["--no-cache"], query, "1000000");
        let index = run(&repo, &[], query, "1000000");
        assert_same(query, &scan, &index);
    }
    // The best few: the same scores as the index's best few (which tied JDs fill the last
    // places is the engine's choice).
    for query in ["data engineer", "analyst", "\"power bi\"", "cloud"] {
        let scan = run(&repo, &["--no-cache"], query, "5");
        let index = run(&repo, &[], query, "5");
        assert_eq!(scan.rows.len(), 5, "{query}");
        let scores = |a: &Answer| a.rows.iter().map(|r| r.score).collect::<Vec<_>>();
        for (s, i) in scores(&scan).iter().zip(scores(&index)) {
            assert!((s - i).abs() <= i.abs() * 1e-5, "{query}");
        }
    }
}

#[test]
fn no_cache_and_plain_folders_keep_no_index() {
    let repo = seed_repo();
    repo.git_init();
    repo.commit_all("seed");
    let scan = run(&repo, &["--no-cache"], "data", "3");
    assert_eq!(scan.code, Some(0));
    assert!(!scan.stderr.contains("background"), "{}", scan.stderr);
    assert!(!repo.path().join(".git/jdlib").exists());
}

#[test]
fn a_small_cold_library_builds_its_index_first() {
    let repo = seed_repo();
    repo.git_init();
    repo.commit_all("seed");
    let answer = run(&repo, &[], "data", "3");
    assert_eq!(answer.code, Some(0));
    assert!(!answer.stderr.contains("background"), "{}", answer.stderr);
    assert!(
        repo.path()
            .join(".git/jdlib/search/worktree.manifest")
            .is_file()
    );
}

/// Waits until the background build has written the index and let go of its lock.
fn wait_for_build(repo: &TestRepo) {
    let store = repo.path().join(".git/jdlib/search");
    let start = Instant::now();
    while !store.join("worktree.manifest").is_file() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no index was built"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The manifest is written under the lock, so once the lock is free the build is over.
    let lock = fs::File::open(store.join("lock")).unwrap();
    lock.lock().unwrap();
}

#[test]
fn a_cold_search_scans_then_the_index_is_built_in_the_background() {
    let repo = seed_repo();
    repo.git_init();
    repo.commit_all("seed");
    let expected = run(&repo, &["--no-cache"], "data engineer", "10");

    let mut cmd = repo.cmd();
    let cold = cmd
        .env(SCAN_FROM, "0")
        .args([
            "search",
            "--format",
            "json",
            "--limit",
            "10",
            "data engineer",
        ])
        .output()
        .unwrap();
    assert_eq!(cold.status.code(), Some(0));
    assert_eq!(
        text(&cold.stderr),
        format!(
            "jdlib: searched the files directly; building the search index in the background\n{}",
            expected.stderr
        )
    );
    assert_eq!(expected.stderr, "10 of 23 matching JDs\n");
    let cold = Answer {
        code: Some(0),
        rows: serde_json::from_slice(&cold.stdout).unwrap(),
        stderr: text(&cold.stderr),
    };
    assert_same("data engineer", &cold, &expected);

    wait_for_build(&repo);
    assert!(repo.path().join(".git/jdlib/search/worktree").is_dir());
    let warm = run(&repo, &[], "data engineer", "10");
    assert_eq!(warm.stderr, expected.stderr);
    assert_same("data engineer", &cold, &warm);
}

#[test]
fn a_search_during_a_build_scans_and_starts_no_second_build() {
    let repo = seed_repo();
    repo.git_init();
    repo.commit_all("seed");
    let store = repo.path().join(".git/jdlib/search");
    fs::create_dir_all(&store).unwrap();
    // This test stands in for the build in progress by holding its lock.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(store.join("lock"))
        .unwrap();
    lock.lock().unwrap();
    for scan_from in ["0", "1000000"] {
        let output = repo
            .cmd()
            .env(SCAN_FROM, scan_from)
            .args(["search", "--format", "json", "data"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        assert!(
            text(&output.stderr).starts_with(
                "jdlib: searched the files directly; the search index is still being built\n"
            ),
            "{}",
            text(&output.stderr)
        );
    }
    drop(lock);
    // Had a build been started, it would have been waiting for the lock and would now write
    // the index of these few files well within this time.
    std::thread::sleep(Duration::from_secs(2));
    assert!(!store.join("worktree.manifest").exists());
    assert!(!store.join("worktree").exists());
}
