//! The search watcher (`src/search/watch/`): with it running, searches learn of every change
//! from inotify instead of `stat`ing every file, and must still never see stale text.
#![cfg(target_os = "linux")]
// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use common::{TestRepo, text};

const LEEDS: &str = "library/data-engineer/leeds-2023-06-mid.md";

/// The base fixture plus the search fixture, committed, with every JD's modification time an
/// hour old: a file changed within two seconds of being indexed is re-read by every search
/// (its time cannot be trusted), which would hide whether the watcher was asked.
fn repo() -> TestRepo {
    let repo = TestRepo::without_git("base");
    repo.overlay("search");
    repo.git_init();
    repo.commit_all("fixture");
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for folder in fs::read_dir(repo.path().join("library")).unwrap() {
        let folder = folder.unwrap().path();
        if folder.is_dir() {
            for file in fs::read_dir(folder).unwrap() {
                let file = fs::File::options()
                    .write(true)
                    .open(file.unwrap().path())
                    .unwrap();
                file.set_modified(hour_ago).unwrap();
            }
        }
    }
    repo
}

/// Paths found for `words`, with the watcher used (`always`) or not (`never`); exit 1 is an
/// empty answer.
fn found(repo: &TestRepo, watch: &str, words: &[&str]) -> Vec<String> {
    let output = repo
        .cmd()
        .env("JDLIB_SEARCH_WATCH", watch)
        .args(["search", "--format", "json"])
        .args(words)
        .output()
        .unwrap();
    let code = output.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "{words:?}: {}",
        text(&output.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    rows.iter()
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect()
}

fn socket(repo: &TestRepo) -> std::path::PathBuf {
    repo.path().join(".git/jdlib/search/watch.sock")
}

/// Waits until a watcher answers on the library's socket.
fn wait_for_watcher(repo: &TestRepo) {
    let start = Instant::now();
    while UnixStream::connect(socket(repo)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no watcher started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Rewrites `rel` with `from` replaced by `to` (same length), keeping its size, modification
/// time and inode: a change only a watcher can see.
fn edit_in_place(root: &Path, rel: &str, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let path = root.join(rel);
    let before = fs::metadata(&path).unwrap();
    let changed = fs::read_to_string(&path).unwrap().replace(from, to);
    fs::write(&path, changed).unwrap();
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    let after = fs::metadata(&path).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());
}

#[test]
fn a_watched_library_shows_edits_that_stat_cannot_see() {
    // Without a watcher, an edit that keeps size, time and inode goes unseen: this is what the
    // watcher is for, and what makes the check below prove it was asked.
    let plain = repo();
    assert_eq!(found(&plain, "never", &["warehouse"]), [LEEDS]);
    edit_in_place(plain.path(), LEEDS, "warehouse", "lakehouse");
    assert_eq!(
        found(&plain, "never", &["warehouse"]),
        [LEEDS],
        "stat sees no change"
    );

    let repo = repo();
    assert_eq!(found(&repo, "always", &["warehouse"]), [LEEDS]);
    wait_for_watcher(&repo);
    // The watcher's first answer is "check everything"; after it, it knows the index.
    assert_eq!(found(&repo, "always", &["warehouse"]), [LEEDS]);
    edit_in_place(repo.path(), LEEDS, "warehouse", "lakehouse");
    assert_eq!(found(&repo, "always", &["lakehouse"]), [LEEDS]);
    assert!(found(&repo, "always", &["warehouse"]).is_empty());
    // A search without the watcher uses the same, now current, index.
    assert_eq!(found(&repo, "never", &["lakehouse"]), [LEEDS]);
}

#[test]
fn a_watched_library_follows_new_removed_renamed_files_and_folders() {
    let repo = repo();
    assert_eq!(found(&repo, "always", &["warehouse"]), [LEEDS]);
    wait_for_watcher(&repo);
    found(&repo, "always", &["warehouse"]);

    let boathouse = text(&repo.read(LEEDS)).replace("warehouse", "boathouse");
    repo.write("library/data-engineer/model-new.md", &boathouse);
    assert_eq!(
        found(&repo, "always", &["boathouse"]),
        ["library/data-engineer/model-new.md"]
    );
    fs::rename(
        repo.path().join("library/data-engineer/model-new.md"),
        repo.path().join("library/data-engineer/model-renamed.md"),
    )
    .unwrap();
    assert_eq!(
        found(&repo, "always", &["boathouse"]),
        ["library/data-engineer/model-renamed.md"]
    );
    repo.remove("library/data-engineer/model-renamed.md");
    assert!(found(&repo, "always", &["boathouse"]).is_empty());

    // A new role folder (not in roles.yaml, so its JD is unusable and left out, as without a
    // watcher), then a folder renamed away with its JD.
    repo.write("library/new-role/model-x.md", &boathouse);
    let expected = found(&repo, "never", &["boathouse"]);
    assert_eq!(found(&repo, "always", &["boathouse"]), expected);
    fs::rename(
        repo.path().join("library/data-engineer"),
        repo.path().join("data-engineer-away"),
    )
    .unwrap();
    assert!(found(&repo, "always", &["warehouse"]).is_empty());
    assert_eq!(
        found(&repo, "always", &["warehouse"]),
        found(&repo, "never", &["warehouse"])
    );
}

#[test]
fn one_watcher_per_library_and_it_stops_when_the_library_goes() {
    let repo = repo();
    found(&repo, "always", &["warehouse"]);
    wait_for_watcher(&repo);
    // A second watcher sees the first one's lock and leaves at once.
    let second = repo
        .cmd()
        .arg("search-watch")
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert!(
        UnixStream::connect(socket(&repo)).is_ok(),
        "the first still answers"
    );

    fs::remove_dir_all(repo.path().join("library")).unwrap();
    let start = Instant::now();
    while socket(&repo).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the watcher did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn small_libraries_get_no_watcher_by_default() {
    let repo = repo();
    let output = repo.cmd().args(["search", "warehouse"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    std::thread::sleep(Duration::from_millis(300));
    assert!(!socket(&repo).exists());
}
