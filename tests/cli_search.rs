//! `jdlib search` end to end: relevance, recall against a whole-word scan, filters, the kept
//! index's freshness, `--rev`, exit codes and output shapes (issue #5).

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{SearchRow as Row, TestRepo, text};

/// The base fixture plus the search fixture, committed.
fn repo() -> TestRepo {
    let repo = TestRepo::without_git("base");
    repo.overlay("search");
    repo.git_init();
    repo.commit_all("fixture");
    repo
}

/// Runs a JSON search that must find something.
fn search(repo: &TestRepo, args: &[&str]) -> Vec<Row> {
    let output = repo
        .cmd()
        .args(["search", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn paths(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|r| r.path.as_str()).collect()
}

/// A search that must find nothing: exit 1, an empty array, stderr returned.
fn search_none(repo: &TestRepo, args: &[&str]) -> String {
    let output = repo
        .cmd()
        .args(["search", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{args:?}");
    assert_eq!(text(&output.stdout).trim(), "[]");
    text(&output.stderr)
}

/// A search that cannot run: exit 2, nothing on stdout, stderr returned.
fn search_fails(repo: &TestRepo, args: &[&str]) -> String {
    let output = repo.cmd().arg("search").args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty());
    text(&output.stderr)
}

#[test]
fn a_title_match_beats_a_passing_mention() {
    let repo = repo();
    let rows = search(&repo, &["geospatial"]);
    assert_eq!(
        paths(&rows),
        [
            "library/data-analyst/model-geospatial.md",
            "library/data-analyst/model-passing-mention.md"
        ]
    );
    assert!(rows[0].score > rows[1].score);
    assert_eq!(rows[0].title, "Geospatial Data Analyst");
    assert!(
        rows[1].snippet.contains("geospatial team"),
        "{}",
        rows[1].snippet
    );
}

#[test]
fn a_phrase_beats_scattered_words() {
    let repo = repo();
    let phrase = search(&repo, &["\"power bi\""]);
    assert_eq!(paths(&phrase), ["library/data-analyst/model-power-bi.md"]);
    let words = search(&repo, &["power", "bi"]);
    assert_eq!(
        BTreeSet::from_iter(paths(&words)),
        BTreeSet::from([
            "library/data-analyst/model-power-bi.md",
            "library/data-engineer/model-scattered.md"
        ])
    );
    // Hyphenated words are a phrase too.
    assert_eq!(paths(&search(&repo, &["power-bi"])), paths(&phrase));
}

#[test]
fn plurals_case_prefixes_exclusions_and_role_titles_match() {
    let repo = repo();
    let pipelines = search(&repo, &["PIPELINE"]);
    assert!(paths(&pipelines).contains(&"library/data-engineer/leeds-2023-06-mid.md"));
    let dash = search(&repo, &["dashb*"]);
    assert_eq!(paths(&dash), ["library/data-analyst/model-power-bi.md"]);
    let without = search(&repo, &["analyst -geospatial"]);
    assert!(!paths(&without).contains(&"library/data-analyst/model-geospatial.md"));
    assert!(!without.is_empty());
    // "insight" is only in the data analyst role's aliases, so every data analyst JD matches.
    let insight = search(&repo, &["insight"]);
    assert!(insight.iter().all(|r| r.role == "data-analyst"));
    assert!(insight.len() >= 4, "{:?}", paths(&insight));
}

#[test]
fn filters_in_the_query_and_as_flags_exclude() {
    let repo = repo();
    let all = search(&repo, &["data"]);
    let senior = search(&repo, &["data", "level:senior"]);
    assert!(senior.len() < all.len());
    assert!(senior.iter().all(|r| r.level == "senior"));
    assert_eq!(
        paths(&search(&repo, &["data", "--level", "senior"])),
        paths(&senior)
    );
    let greenwich = search(&repo, &["org:greenwich"]);
    assert_eq!(
        paths(&greenwich),
        ["library/data-analyst/greenwich-2024-03-senior.md"]
    );
    assert_eq!(greenwich[0].organisation.as_deref(), Some("E09000011"));
    assert_eq!(paths(&search(&repo, &["region:London"])), paths(&greenwich));
    let engineers = search(&repo, &["role:data-engineer"]);
    assert!(engineers.iter().all(|r| r.role == "data-engineer"));
    assert!(
        search(&repo, &["family:data", "synthetic"])
            .iter()
            .all(|r| r.role != "content-designer")
    );
    let recent = search(
        &repo,
        &["synthetic", "since:2024-01-01", "source:advertised"],
    );
    assert_eq!(paths(&recent), paths(&greenwich));
    // Annual FTE as `list` computes it (the Cardiff advert is a part-time day rate).
    let listed = repo
        .cmd()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let expected: BTreeSet<&str> = listed
        .iter()
        .filter(|r| r["salary"]["annual_max"].as_f64().unwrap() >= 55_000.0)
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert!(expected.len() >= 2 && expected.len() < listed.len());
    let paid = search(&repo, &["salary>=55000"]);
    assert_eq!(BTreeSet::from_iter(paths(&paid)), expected);
    let hourly = search(&repo, &["synthetic", "salary:54000", "role:data-engineer"]);
    assert_eq!(
        paths(&hourly),
        ["library/data-engineer/leeds-2023-06-mid.md"]
    );
    search_none(&repo, &["geospatial level:junior -reports"]);
}

/// Whether `text` has `word` as a whole word, ignoring case, as `rg -i -w` decides: the match
/// is not next to a letter, digit or underscore.
fn has_word(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    let word = word.to_lowercase();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(&word).any(|(at, _)| {
        !is_word(text[..at].chars().next_back()) && !is_word(text[at + word.len()..].chars().next())
    })
}

#[test]
fn finds_every_file_a_whole_word_scan_finds_in_the_seed_library() {
    let repo = TestRepo::without_git("base");
    fs::remove_dir_all(repo.path().join("library")).unwrap();
    repo.overlay_seed_library();
    repo.git_init();
    repo.commit_all("seed");
    let files = repo.jd_files();
    assert!(
        files.len() >= 40,
        "the seed library has {} JDs",
        files.len()
    );
    for word in [
        "data",
        "Analyst",
        "analysts",
        "residents",
        "GDPR",
        "housing",
        "Python",
        "accessibility",
        "the",
        "council",
        "WCAG",
        "2018",
        "cloud",
        "users",
        "title",
        "indicative",
        "security",
        "agile",
        "procurement",
        "dashboards",
        "OGL",
    ] {
        let expected: BTreeSet<&str> = files
            .iter()
            .filter(|(_, text)| has_word(text, word))
            .map(|(path, _)| path.as_str())
            .collect();
        assert!(
            !expected.is_empty(),
            "pick words the seed library has: {word}"
        );
        let rows = search(&repo, &[word, "--limit", "1000000"]);
        let found: BTreeSet<&str> = paths(&rows).into_iter().collect();
        let missed: Vec<&&str> = expected.difference(&found).collect();
        assert!(missed.is_empty(), "`{word}` missed {missed:?}");
    }
}

#[test]
fn the_kept_index_follows_uncommitted_edits_deletions_and_new_files() {
    let repo = repo();
    let leeds = "library/data-engineer/leeds-2023-06-mid.md";
    assert_eq!(paths(&search(&repo, &["warehouse"])), [leeds]);
    assert!(repo.path().join(".git/jdlib/search/worktree").is_dir());

    // Same size, straight after the index was written: the stamp alone cannot tell.
    let original = text(&repo.read(leeds));
    repo.write(leeds, original.replace("warehouse", "lakehouse"));
    search_none(&repo, &["warehouse"]);
    assert_eq!(paths(&search(&repo, &["lakehouse"])), [leeds]);

    repo.write(
        "library/data-engineer/model-new.md",
        text(&repo.read(leeds)).replace("lakehouse", "boathouse"),
    );
    assert_eq!(
        paths(&search(&repo, &["boathouse"])),
        ["library/data-engineer/model-new.md"]
    );
    repo.remove("library/data-engineer/model-new.md");
    search_none(&repo, &["boathouse"]);
    repo.remove(leeds);
    search_none(&repo, &["lakehouse"]);
}

#[test]
fn no_cache_keeps_nothing_and_agrees_with_the_kept_index() {
    let repo = repo();
    let kept = search(&repo, &["data", "analyst"]);
    let fresh = repo
        .cmd()
        .args([
            "--no-cache",
            "search",
            "--format",
            "json",
            "data",
            "analyst",
        ])
        .output()
        .unwrap();
    assert_eq!(fresh.status.code(), Some(0));
    let fresh: Vec<Row> = serde_json::from_slice(&fresh.stdout).unwrap();
    assert_eq!(paths(&fresh), paths(&kept));

    let plain = TestRepo::without_git("base");
    let output = plain
        .cmd()
        .args(["search", "--format", "json", "pipelines"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(!plain.path().join(".git").exists());
}

#[test]
fn rev_searches_a_revision_and_its_index_is_kept() {
    let repo = repo();
    let leeds = "library/data-engineer/leeds-2023-06-mid.md";
    let original = text(&repo.read(leeds));
    repo.write(leeds, original.replace("warehouse", "lakehouse"));
    repo.commit_all("rename");
    repo.write(leeds, original.replace("warehouse", "boathouse"));

    assert_eq!(
        paths(&search(&repo, &["warehouse", "--rev", "HEAD~1"])),
        [leeds]
    );
    assert_eq!(
        paths(&search(&repo, &["lakehouse", "--rev", "HEAD"])),
        [leeds]
    );
    search_none(&repo, &["boathouse", "--rev", "HEAD"]);
    assert_eq!(paths(&search(&repo, &["boathouse"])), [leeds]);
    // Again, from the kept revision index.
    assert_eq!(
        paths(&search(&repo, &["lakehouse", "--rev", "HEAD"])),
        [leeds]
    );

    let err = search_fails(&repo, &["data", "--rev", "no-such-branch"]);
    assert!(err.contains("`no-such-branch` was not found"), "{err}");
}

#[test]
fn bad_syntax_exits_2_and_points_at_the_column() {
    let repo = repo();
    for (query, column, message) in [
        ("data \"power bi", 6, "never closed"),
        ("level:seniour", 7, "did you mean `senior`"),
        ("data role:data-analist", 11, "did you mean `data-analyst`"),
        ("salary>=lots", 9, "not an amount"),
    ] {
        let err = search_fails(&repo, &[query]);
        assert!(
            err.starts_with(&format!("jdlib: error: bad query at column {column}: ")),
            "{query}: {err}"
        );
        assert!(err.contains(message), "{query}: {err}");
        let caret = format!("\n  {}^\n", " ".repeat(column - 1));
        assert!(
            err.contains(&format!("\n  {query}{caret}")),
            "{query}: {err}"
        );
    }
    let err = search_fails(&repo, &["data", "--region", "Narnia"]);
    assert!(err.contains("no region `Narnia`"), "{err}");
}

#[test]
fn no_hits_exit_1_and_a_misspelt_word_gets_a_suggestion() {
    let repo = repo();
    let err = search_none(&repo, &["anaylst"]);
    assert!(
        err.contains("no JD has `anaylst`; did you mean `analyst`?"),
        "{err}"
    );
    assert!(err.contains("0 of 0 matching JDs"), "{err}");
    let err = search_none(&repo, &["zqxwv"]);
    assert!(err.contains("no JD has `zqxwv`\n"), "{err}");
    let output = repo.cmd().args(["search", "zqxwv"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn json_rows_are_in_rank_order_with_every_key() {
    let repo = repo();
    let rows = search(&repo, &["data", "--limit", "3"]);
    assert_eq!(rows.len(), 3);
    assert!(rows.windows(2).all(|w| w[0].score >= w[1].score));
    for row in &rows {
        assert!(row.path.starts_with("library/") && row.path.strip_suffix(".md").is_some());
        assert!(!row.title.is_empty() && !row.snippet.is_empty());
        assert!(row.score > 0.0);
        assert!(!row.snippet.contains('\x1b') && !row.snippet.contains("**"));
    }
    let output = repo
        .cmd()
        .args(["search", "--format", "json", "data", "--limit", "3"])
        .output()
        .unwrap();
    assert!(text(&output.stderr).contains("3 of "));
}

#[test]
fn the_table_highlights_matches_only_in_colour() {
    let repo = repo();
    let output = repo
        .cmd()
        .args(["--color", "always", "search", "dashboards"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let out = text(&output.stdout);
    assert!(out.contains("\x1b[1;33mdashboards\x1b[0m"), "{out}");
    assert!(out.contains("Dashboard Analyst") && out.contains("£40,000–£45,000*"));
    let output = repo.cmd().args(["search", "dashboards"]).output().unwrap();
    let out = text(&output.stdout);
    assert!(
        !out.contains('\x1b') && out.contains("Power BI dashboards"),
        "{out}"
    );
    for header in [
        "#",
        "Title",
        "Council",
        "Level",
        "Annual FTE",
        "Why it matched",
        "Path",
    ] {
        assert!(out.lines().nth(1).unwrap().contains(header), "{out}");
    }
}

#[test]
fn searches_at_once_all_answer_while_one_builds_the_index() {
    let repo = repo();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("jdlib"))
                .current_dir(repo.path())
                .args(["search", "--format", "json", "analyst"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let answers: Vec<Vec<Row>> = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            serde_json::from_slice(&out.stdout).unwrap()
        })
        .collect();
    for answer in &answers[1..] {
        assert_eq!(paths(answer), paths(&answers[0]));
    }
    // The index they left behind answers the same.
    assert_eq!(paths(&search(&repo, &["analyst"])), paths(&answers[0]));
}
