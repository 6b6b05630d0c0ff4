//! Shared test harness: a throwaway library repository built from a fixture, and a `jdlib`
//! command isolated from the developer's own git config, home and colour settings.

// Test support: a failed setup step should stop the test with its panic message.
#![allow(dead_code, clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary folder holding a library, optionally a git repository.
pub struct TestRepo {
    dir: TempDir,
    home: TempDir,
}

impl TestRepo {
    /// A copy of `tests/fixtures/<fixture>` as a git repository with everything committed.
    pub fn new(fixture: &str) -> Self {
        let repo = Self::without_git(fixture);
        repo.git_init();
        repo.commit_all("fixture");
        repo
    }

    /// A copy of `tests/fixtures/<fixture>` that is not a git repository.
    pub fn without_git(fixture: &str) -> Self {
        let repo = TestRepo {
            dir: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        };
        copy_tree(&fixtures().join(fixture), repo.path());
        repo
    }

    /// The repository root (the folder holding `library/`).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Copies another fixture tree over this one.
    pub fn overlay(&self, fixture: &str) {
        copy_tree(&fixtures().join(fixture), self.path());
    }

    /// Every `library/<role>/<name>.md` file as (path from the root, text), sorted by path.
    pub fn jd_files(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for role in fs::read_dir(self.path().join("library")).unwrap() {
            let role = role.unwrap();
            if !role.file_type().unwrap().is_dir() {
                continue;
            }
            for file in fs::read_dir(role.path()).unwrap() {
                let file = file.unwrap();
                let name = file.file_name().to_string_lossy().into_owned();
                if name.strip_suffix(".md").is_some() {
                    let path = format!("library/{}/{name}", role.file_name().to_string_lossy());
                    out.push((path, fs::read_to_string(file.path()).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    /// Copies the project's own seed library (`library/`) over this one's.
    pub fn overlay_seed_library(&self) {
        let library = self.path().join("library");
        fs::create_dir_all(&library).unwrap();
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("library"),
            &library,
        );
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// Reads a file.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        fs::read(self.path().join(rel)).unwrap()
    }

    /// Removes a file.
    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path().join(rel)).unwrap();
    }

    /// `git init` through git2, with a repo-local identity.
    pub fn git_init(&self) {
        let repo = git2::Repository::init(self.path()).unwrap();
        let mut config = repo.config().unwrap();
        config.set_str("user.name", "Test Contributor").unwrap();
        config.set_str("user.email", "test@example.org").unwrap();
    }

    /// Stages everything and commits it; returns the commit id.
    pub fn commit_all(&self, message: &str) -> git2::Oid {
        let repo = git2::Repository::open(self.path()).unwrap();
        let mut index = repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::now("Test Contributor", "test@example.org").unwrap();
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .unwrap()
    }

    /// `jdlib` run in the repository root, isolated from the developer's environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("jdlib").unwrap();
        cmd.current_dir(self.path())
            .env("HOME", self.home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.home.path().join("gitconfig"))
            .env_remove("NO_COLOR")
            .env_remove("JDLIB_SEARCH_WATCH")
            .env_remove("VISUAL")
            .env_remove("EDITOR");
        cmd
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else if entry.file_name() != "expected.txt" {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// One row of `jdlib search --format json`, every key required.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchRow {
    pub path: String,
    pub title: String,
    pub role: String,
    pub level: String,
    pub organisation: Option<String>,
    pub score: f64,
    pub snippet: String,
}

/// The project's own bundled library, loaded from the work tree.
pub fn seed_library() -> jdlib::library::Library {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    jdlib::library::Library::load(&jdlib::library::LoadOptions {
        library: Some(root.to_owned()),
        cwd: root.to_owned(),
        origin: jdlib::library::Origin::WorkTree,
    })
    .unwrap()
}

/// Output of a finished command as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Snapshot files: each output is compared with its file, which must exist. Under
/// `JDLIB_BLESS=1` the outputs are written to the files instead and the test still fails, so a
/// blessing run is never mistaken for a passing one.
pub struct Snapshots {
    bless: bool,
    blessed: usize,
    failures: Vec<String>,
}

impl Snapshots {
    /// Reads `JDLIB_BLESS` once.
    pub fn new() -> Self {
        Self::blessing(std::env::var_os("JDLIB_BLESS").is_some())
    }

    /// Compares, or writes when `bless` is true.
    pub fn blessing(bless: bool) -> Self {
        Snapshots {
            bless,
            blessed: 0,
            failures: Vec::new(),
        }
    }

    /// The snapshot at `path`, or `None` when there is nothing to compare: in bless mode
    /// (`actual` is written there) or when the file is missing (a failure is recorded).
    pub fn expected(&mut self, path: &Path, actual: &str) -> Option<String> {
        if self.bless {
            fs::write(path, actual).unwrap();
            self.blessed += 1;
            return None;
        }
        match fs::read_to_string(path) {
            Ok(expected) => Some(expected),
            Err(e) => {
                self.failures.push(format!(
                    "{}: {e}; run with JDLIB_BLESS=1 to write it, then review it",
                    path.display()
                ));
                None
            }
        }
    }

    /// Records a mismatch.
    pub fn fail(&mut self, message: String) {
        self.failures.push(message);
    }

    /// Fails the test if anything was blessed or did not match.
    pub fn finish(self) {
        assert!(
            self.blessed == 0,
            "blessed {} files; rerun without JDLIB_BLESS",
            self.blessed
        );
        assert!(self.failures.is_empty(), "{}", self.failures.join("\n"));
    }
}
