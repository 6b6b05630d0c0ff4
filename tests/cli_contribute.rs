//! `jdlib contribute` and `jdlib propose` against real git: a temporary library repository whose
//! `origin` is a local bare repository. The pull-request tests run a small HTTP server in the
//! test that plays GitHub's REST API: they check the request jdlib sends (method, path,
//! headers, JSON body, per GitHub's documentation for "Create a pull request"), since the real
//! API cannot be reached from here.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::{Arc, Mutex};

use common::{TestRepo, fixtures};
use serde_json::Value;

/// A library repository with a bare `origin` whose `main` is the fixture commit.
struct Setup {
    repo: TestRepo,
    remote: tempfile::TempDir,
    empty: tempfile::TempDir,
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn setup() -> Setup {
    let repo = TestRepo::new("base");
    let remote = tempfile::tempdir().unwrap();
    git(remote.path(), &["init", "-q", "--bare"]);
    let url = remote.path().to_str().unwrap();
    git(repo.path(), &["remote", "add", "origin", url]);
    git(
        repo.path(),
        &["push", "-q", "origin", "HEAD:refs/heads/main"],
    );
    git(repo.path(), &["fetch", "-q", "origin"]);
    git(repo.path(), &["remote", "set-head", "origin", "main"]);
    Setup {
        repo,
        remote,
        empty: tempfile::tempdir().unwrap(),
    }
}

impl Setup {
    fn jdlib(&self) -> assert_cmd::Command {
        let mut cmd = self.repo.cmd();
        // No token from the developer's environment or gh's login, and no proxy.
        for var in [
            "GH_TOKEN",
            "GITHUB_TOKEN",
            "JDLIB_GITHUB_API",
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
            "ALL_PROXY",
            "all_proxy",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("GH_CONFIG_DIR", self.empty.path());
        cmd
    }

    fn path(&self) -> &Path {
        self.repo.path()
    }

    fn base_tip(&self) -> String {
        git(self.path(), &["rev-parse", "origin/main"])
    }

    fn branches(&self) -> String {
        git(
            self.path(),
            &["for-each-ref", "--format=%(refname)", "refs/heads"],
        )
    }

    fn remote_branches(&self) -> String {
        git(
            self.remote.path(),
            &["for-each-ref", "--format=%(refname)", "refs/heads"],
        )
    }
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join("contribute").join(name)
}

/// Every byte a contributor could lose: the work tree (untracked files included), the index
/// and HEAD.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_owned();
            if rel == Path::new(".git") {
                continue;
            }
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    for name in ["index", "HEAD"] {
        out.insert(
            PathBuf::from(".git").join(name),
            std::fs::read(root.join(".git").join(name)).unwrap_or_default(),
        );
    }
    out
}

/// Makes the work tree dirty in every way: a modified tracked file, a staged change and an
/// untracked file.
fn dirty(setup: &Setup) {
    let model = "library/data-analyst/model-mid.md";
    let mut text = String::from_utf8(setup.repo.read(model)).unwrap();
    text.push_str("\nAn edit in progress.\n");
    setup.repo.write(model, &text);
    setup
        .repo
        .write("library/data-engineer/draft-in-progress.md", "half written");
    setup.repo.write("notes.txt", "staged");
    git(setup.path(), &["add", "notes.txt"]);
}

const HACKNEY_FLAGS: &[&str] = &[
    "--title",
    "Senior Data Engineer",
    "--role",
    "data-engineer",
    "--level",
    "senior",
    "--organisation",
    "hackney",
    "--advertised",
    "2024-05-14",
    "--salary-min",
    "21.50",
    "--salary-max",
    "24",
    "--salary-period",
    "hour",
    "--grade",
    "PO5",
];

fn contribute_body(setup: &Setup) -> assert_cmd::Command {
    contribute_with(setup, &[])
}

/// `contribute_body` with some flags' values replaced.
fn contribute_with(setup: &Setup, replace: &[(&str, &str)]) -> assert_cmd::Command {
    let mut flags: Vec<&str> = HACKNEY_FLAGS.to_vec();
    for (flag, value) in replace {
        let at = flags.iter().position(|f| f == flag).unwrap();
        flags[at + 1] = value;
    }
    let mut cmd = setup.jdlib();
    cmd.arg("contribute")
        .arg("--from")
        .arg(fixture("body.md"))
        .args(flags);
    cmd
}

/// `commit` has exactly one parent, `base`, and changes exactly what `name_status` says
/// (`git diff --name-status` form).
fn assert_one_change(setup: &Setup, commit: &str, base: &str, name_status: &str) {
    assert_eq!(
        git(setup.path(), &["rev-parse", &format!("{commit}^@")]),
        base
    );
    assert_eq!(
        git(setup.path(), &["diff", "--name-status", base, commit]),
        name_status
    );
}

/// The bare remote has `branch` (the helper fails the test if not).
fn assert_on_remote(setup: &Setup, branch: &str) {
    git(
        setup.remote.path(),
        &["rev-parse", &format!("refs/heads/{branch}")],
    );
}

fn json(output: &[u8]) -> Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(output)))
}

#[test]
fn contribute_commits_and_pushes_without_touching_the_work_tree() {
    let setup = setup();
    dirty(&setup);
    let before = snapshot(setup.path());
    let base = setup.base_tip();

    let out = contribute_body(&setup)
        .args(["--push", "--format", "json"])
        .assert()
        .success();
    let receipt = json(&out.get_output().stdout);
    let branch = receipt["branch"].as_str().unwrap();
    let commit = receipt["commit"].as_str().unwrap();
    let path = "library/data-engineer/hackney-2024-05-senior.md";
    assert!(
        branch.starts_with("contrib/hackney-data-engineer-"),
        "{receipt}"
    );
    assert_eq!(receipt["path"], path);
    assert_eq!(receipt["pushed"], true);
    assert_eq!(receipt["base"], "origin/main");
    assert_eq!(receipt["pull_request_url"], Value::Null);

    assert_eq!(
        snapshot(setup.path()),
        before,
        "work tree, index or HEAD changed"
    );
    assert_eq!(git(setup.path(), &["rev-parse", branch]), commit);
    assert_one_change(&setup, commit, &base, &format!("A\t{path}"));
    // The remote has the branch at the same commit.
    assert_eq!(
        git(
            setup.remote.path(),
            &["rev-parse", &format!("refs/heads/{branch}")]
        ),
        commit
    );
    let message = git(
        setup.path(),
        &["log", "-1", "--format=%s%n%an <%ae>", commit],
    );
    assert!(
        message.starts_with("Add Senior Data Engineer (data-engineer, senior) advertised by London Borough of Hackney on 2024-05-14"),
        "{message}"
    );
    assert!(
        message.ends_with("Test Contributor <test@example.org>"),
        "{message}"
    );
    // What was committed is a valid JD with the flags' facts, organisation as a GSS code.
    let text = git(setup.path(), &["show", &format!("{commit}:{path}")]);
    assert!(text.contains("organisation: E09000012\n"), "{text}");
    assert!(
        text.contains(
            "  min: 21.5\n  max: 24\n  period: hour\n  grade: PO5\n  basis: advertised\n"
        ),
        "{text}"
    );
    setup
        .jdlib()
        .args(["validate", "--rev", branch])
        .assert()
        .success();
}

#[test]
fn several_files_make_one_commit() {
    let setup = setup();
    let base = setup.base_tip();
    let analyst = std::fs::read_to_string(fixture("hackney.md")).unwrap();
    let engineer = setup.path().join("../engineer.md");
    std::fs::write(
        &engineer,
        analyst.replace("role: data-analyst", "role: data-engineer"),
    )
    .unwrap();
    let out = setup
        .jdlib()
        .arg("contribute")
        .arg("--from")
        .arg(fixture("hackney.md"))
        .arg("--from")
        .arg(&engineer)
        .args([
            "--author",
            "Ada Lovelace <ada@example.org>",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let receipt = json(&out.get_output().stdout);
    let commit = receipt["commit"].as_str().unwrap();
    assert_eq!(receipt["paths"].as_array().unwrap().len(), 2, "{receipt}");
    let changed = git(setup.path(), &["diff", "--name-status", &base, commit]);
    assert_eq!(changed.lines().count(), 2, "{changed}");
    assert!(changed.lines().all(|l| l.starts_with("A\t")), "{changed}");
    assert_eq!(
        git(setup.path(), &["log", "-1", "--format=%an <%ae>", commit]),
        "Ada Lovelace <ada@example.org>"
    );
    // Not pushed unless asked.
    assert!(!setup.remote_branches().contains("contrib/"));
}

#[test]
fn an_invalid_jd_is_refused_with_positions_and_nothing_is_written() {
    let setup = setup();
    let branches = setup.branches();
    let before = snapshot(setup.path());
    setup
        .jdlib()
        .arg("contribute")
        .arg("--from")
        .arg(fixture("no-responsibilities.md"))
        .arg("--push")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "library/data-engineer/leeds-2024-07-senior.md:15:1: error[missing-section]",
        ))
        .stderr(predicates::str::contains("nothing was committed"));
    assert_eq!(setup.branches(), branches);
    assert_eq!(setup.remote_branches(), "refs/heads/main");
    assert_eq!(snapshot(setup.path()), before);
}

#[test]
fn a_duplicate_of_an_advert_on_the_base_is_refused() {
    let setup = setup();
    setup
        .jdlib()
        .arg("contribute")
        .arg("--from")
        .arg(fixture("body.md"))
        .args([
            "--title", "Senior Data Analyst", "--role", "data-analyst", "--level", "senior",
            "--organisation", "E09000011", "--advertised", "2024-03-01", "--salary-min", "48000",
            "--salary-max", "52000", "--salary-period", "year",
        ])
        .assert()
        .code(1)
        // The base already has greenwich-2024-03-senior.md, so the new file gets `-2` and is
        // flagged as the same advert.
        .stderr(predicates::str::contains(
            "library/data-analyst/greenwich-2024-03-senior-2.md:7:1: error[duplicate-advert]: library/data-analyst/greenwich-2024-03-senior.md already records",
        ));
}

#[test]
fn missing_facts_name_the_flags_to_add() {
    let setup = setup();
    setup
        .jdlib()
        .arg("contribute")
        .arg("--from")
        .arg(fixture("body.md"))
        .args(["--role", "data-engineer"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "missing title, level, organisation, advertised, salary.min, salary.max, salary.period: add --title --level --organisation --advertised --salary-min --salary-max --salary-period",
        ));
    setup
        .jdlib()
        .arg("contribute")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("pass `--from FILE.md`"));
}

#[test]
fn bad_input_gets_one_line_that_says_what_to_do() {
    let setup = setup();
    contribute_with(&setup, &[("--organisation", "Hackny")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no UK local authority is called `Hackny`; did you mean `Hackney`?",
        ));
    let cases: &[(&[&str], &str)] = &[
        (&["--base", "nope"], "base branch `nope` was not found"),
        (&["--branch", "has space"], "cannot be a git branch name"),
        (&["--push=upstream"], "there is no remote called `upstream`"),
        (
            &["--author", "nobody"],
            "`--author` must look like `Your Name <you@example.org>`",
        ),
    ];
    for (extra, message) in cases {
        let out = contribute_body(&setup).args(*extra).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains(message), "{extra:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{extra:?}: {stderr}");
    }
    assert_eq!(
        setup.branches().lines().count(),
        1,
        "no branch was left behind"
    );
}

#[test]
fn an_existing_branch_is_never_reused() {
    let setup = setup();
    git(setup.path(), &["branch", "taken"]);
    let taken = git(setup.path(), &["rev-parse", "taken"]);
    contribute_body(&setup)
        .args(["--branch", "taken"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("branch `taken` already exists"));
    assert_eq!(git(setup.path(), &["rev-parse", "taken"]), taken);
    // A default name that is taken moves on to the next free one.
    let first = json(
        &contribute_body(&setup)
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    let second = json(
        &contribute_body(&setup)
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(
        second["branch"].as_str().unwrap(),
        format!("{}-2", first["branch"].as_str().unwrap())
    );
}

/// Every reference in the repository, with what it points at.
fn all_refs(setup: &Setup) -> String {
    git(
        setup.path(),
        &["for-each-ref", "--format=%(refname) %(objectname)"],
    )
}

#[test]
fn branch_names_that_git_refuses_or_that_shadow_a_reference_are_refused() {
    let setup = setup();
    git(setup.path(), &["tag", "v1"]);
    git(
        setup.path(),
        &["remote", "add", "fork", "https://example.org/fork.git"],
    );
    let refs = all_refs(&setup);
    let cases: &[(&str, &str)] = &[
        ("HEAD", "git uses it for the current commit"),
        ("@", "git uses it for the current commit"),
        ("origin/main", "reads as a branch of the remote"),
        ("fork/topic", "reads as a branch of the remote"),
        ("refs/heads/main", "read as full reference names"),
        ("v1", "a tag of that name exists"),
        ("-x", "cannot be a git branch name"),
        ("a..b", "cannot be a git branch name"),
        ("a/b.lock/c", "cannot be a git branch name"),
        ("x@{u}", "cannot be a git branch name"),
    ];
    for (name, message) in cases {
        for verb in ["contribute", "propose"] {
            let mut cmd = if verb == "contribute" {
                contribute_body(&setup)
            } else {
                let mut cmd = setup.jdlib();
                cmd.args(["propose", "library/data-analyst/model-mid.md", "-m", "x"]);
                cmd
            };
            let out = cmd.arg(format!("--branch={name}")).assert().code(2);
            let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
            assert!(stderr.contains(message), "{verb} {name:?}: {stderr}");
            assert_eq!(
                stderr.trim().lines().count(),
                1,
                "{verb} {name:?}: {stderr}"
            );
        }
    }
    assert_eq!(all_refs(&setup), refs, "no reference was created or moved");
    // A name that merely contains a remote's or tag's name is fine.
    let out = contribute_body(&setup)
        .args(["--branch", "contrib/origin-v1", "--format", "json"])
        .assert()
        .success();
    assert_eq!(
        json(&out.get_output().stdout)["branch"],
        "contrib/origin-v1"
    );
}

#[test]
fn the_push_hint_names_the_branch_by_its_full_refspec() {
    let setup = setup();
    let out = contribute_body(&setup)
        .args(["--branch", "main-edit"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("`git push origin refs/heads/main-edit:refs/heads/main-edit`"),
        "{stdout}"
    );
}

#[test]
fn an_unreachable_remote_leaves_no_branch() {
    let setup = setup();
    git(
        setup.path(),
        &["remote", "add", "gone", "/nonexistent/jdlib-remote.git"],
    );
    let branches = setup.branches();
    contribute_body(&setup)
        .arg("--push=gone")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("could not reach remote `gone`"));
    assert_eq!(setup.branches(), branches);
}

#[test]
fn a_rejected_push_leaves_no_branch() {
    let setup = setup();
    let hook = setup.remote.path().join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'contributions are closed' >&2\nexit 1\n",
    )
    .unwrap();
    make_executable(&hook);
    let branches = setup.branches();
    contribute_body(&setup)
        .arg("--push")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "remote `origin` refused the push",
        ));
    assert_eq!(setup.branches(), branches);
    assert_eq!(setup.remote_branches(), "refs/heads/main");
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    perms.set_mode(0o755);
    std::fs::set_permissions(path, perms).unwrap();
}

#[test]
fn dry_run_checks_but_writes_nothing() {
    let setup = setup();
    let branches = setup.branches();
    contribute_body(&setup)
        .args(["--dry-run", "--push", "--pr"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "would commit library/data-engineer/hackney-2024-05-senior.md",
        ));
    assert_eq!(setup.branches(), branches);
    assert_eq!(setup.remote_branches(), "refs/heads/main");
}

#[test]
fn two_runs_at_once_both_land_on_distinct_branches_or_one_fails_cleanly() {
    let setup = setup();
    let children: Vec<_> = (0..2)
        .map(|_| {
            let mut cmd = Process::new(assert_cmd::cargo::cargo_bin("jdlib"));
            cmd.current_dir(setup.path())
                .env_remove("GH_TOKEN")
                .env_remove("GITHUB_TOKEN")
                .env("GH_CONFIG_DIR", setup.empty.path())
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .arg("contribute")
                .arg("--from")
                .arg(fixture("body.md"))
                .args(HACKNEY_FLAGS)
                .args(["--push", "--format", "json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut landed = Vec::new();
    let mut runs = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        runs.push(format!(
            "{}: {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
        if out.status.success() {
            let receipt = json(&out.stdout);
            landed.push(receipt["branch"].as_str().unwrap().to_owned());
        } else {
            assert_eq!(out.status.code(), Some(2));
            assert!(!out.stderr.is_empty());
        }
    }
    assert!(!landed.is_empty(), "at least one run lands");
    landed.sort();
    landed.dedup();
    for branch in &landed {
        git(
            setup.remote.path(),
            &["rev-parse", &format!("refs/heads/{branch}")],
        );
        git(
            setup.path(),
            &["rev-parse", &format!("refs/heads/{branch}")],
        );
    }
    // Each landed run has its own branch, and only landed runs left branches.
    assert_eq!(setup.branches().lines().count(), 1 + landed.len());
}

#[test]
fn interactive_form_reads_answers_line_by_line() {
    let setup = setup();
    let answers = "Digital Content Designer\ncontent\n1\nmid\nCardiff\n2024-09-02\n£36,000\n39,000\n\n\n\nS2\n\npermanent\n\n\n";
    let out = setup
        .jdlib()
        .args(["contribute", "--interactive", "--format", "json", "--body"])
        .arg(fixture("body.md"))
        .write_stdin(answers)
        .assert()
        .success();
    let receipt = json(&out.get_output().stdout);
    let path = receipt["path"].as_str().unwrap();
    assert_eq!(path, "library/content-designer/cardiff-2024-09-mid.md");
    let text = git(
        setup.path(),
        &[
            "show",
            &format!("{}:{path}", receipt["commit"].as_str().unwrap()),
        ],
    );
    assert!(text.contains("organisation: W06000015\n"), "{text}");
    assert!(
        text.contains("  min: 36000\n  max: 39000\n  period: year\n  grade: S2\n"),
        "{text}"
    );
    assert!(
        text.contains("contract: permanent\nlicence: OGL-UK-3.0\n")
            || text.contains("licence: OGL-UK-3.0\ncontract: permanent\n"),
        "{text}"
    );
}

#[test]
fn propose_commits_an_edit_on_its_own_branch() {
    let setup = setup();
    dirty(&setup);
    let before = snapshot(setup.path());
    let base = setup.base_tip();
    let path = "library/data-analyst/model-mid.md";
    let original = git(setup.path(), &["show", &format!("origin/main:{path}")]);
    let edited = setup.path().join("../edited.md");
    std::fs::write(
        &edited,
        original.replace("## Purpose", "## Purpose\n\nA plainer first line.\n"),
    )
    .unwrap();
    let out = setup
        .jdlib()
        .args([
            "propose",
            path,
            "--message",
            "Plainer purpose",
            "--format",
            "json",
            "--push",
        ])
        .arg("--from")
        .arg(&edited)
        .assert()
        .success();
    let receipt = json(&out.get_output().stdout);
    let branch = receipt["branch"].as_str().unwrap();
    assert!(branch.starts_with("propose/model-mid-"), "{receipt}");
    let commit = receipt["commit"].as_str().unwrap();
    assert_one_change(&setup, commit, &base, &format!("M\t{path}"));
    assert_eq!(
        git(setup.path(), &["log", "-1", "--format=%s", commit]),
        "Plainer purpose"
    );
    assert_eq!(snapshot(setup.path()), before);
    assert_on_remote(&setup, branch);
}

#[test]
fn propose_opens_the_editor_on_the_base_version() {
    let setup = setup();
    let path = "library/data-analyst/model-mid.md";
    let out = setup
        .jdlib()
        .env(
            "EDITOR",
            "sed -i 's/## Purpose/## Purpose\\n\\nEdited in the editor./'",
        )
        .args(["propose", path, "-m", "Edit", "--format", "json"])
        .assert()
        .success();
    let receipt = json(&out.get_output().stdout);
    let text = git(
        setup.path(),
        &[
            "show",
            &format!("{}:{path}", receipt["commit"].as_str().unwrap()),
        ],
    );
    assert!(text.contains("Edited in the editor."), "{text}");
}

#[test]
fn propose_refuses_no_change_unknown_files_and_a_missing_message() {
    let setup = setup();
    let path = "library/data-analyst/model-mid.md";
    let same = setup.path().join("../same.md");
    std::fs::write(&same, setup.repo.read(path)).unwrap();
    setup
        .jdlib()
        .args(["propose", path, "-m", "x"])
        .arg("--from")
        .arg(&same)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nothing to propose"));
    setup
        .jdlib()
        .args(["propose", "library/data-analyst/new.md", "-m", "x"])
        .arg("--from")
        .arg(&same)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("use `jdlib contribute`"));
    let edited = setup.path().join("../edited.md");
    std::fs::write(
        &edited,
        format!(
            "{}\nMore.\n",
            String::from_utf8(setup.repo.read(path)).unwrap()
        ),
    )
    .unwrap();
    setup
        .jdlib()
        .args(["propose", path])
        .arg("--from")
        .arg(&edited)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("add `--message"));
}

// --- pull requests, against a stand-in for GitHub's REST API ---------------------------------

/// One request as the stand-in server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    headers: BTreeMap<String, String>,
    body: String,
}

/// Serves `answers` (status, body) in order, one per connection, recording each request.
fn fake_github(answers: Vec<(u16, String)>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for (status, body) in answers {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or_default().to_owned();
            let path = parts.next().unwrap_or_default().to_owned();
            let mut headers = BTreeMap::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
                }
            }
            let len: usize = headers
                .get("content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let mut buf = vec![0; len];
            reader.read_exact(&mut buf).unwrap();
            log.lock().unwrap().push(Seen {
                method,
                path,
                headers,
                body: String::from_utf8(buf).unwrap(),
            });
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
    });
    (url, seen)
}

/// Makes `origin` look like a GitHub repository while pushes still go to the bare one.
fn as_github(setup: &Setup) {
    git(
        setup.path(),
        &[
            "remote",
            "set-url",
            "origin",
            "https://github.com/councils/jd-library.git",
        ],
    );
    let bare = setup.remote.path().to_str().unwrap();
    git(
        setup.path(),
        &["remote", "set-url", "--push", "origin", bare],
    );
}

#[test]
fn pr_is_opened_through_the_github_api() {
    let setup = setup();
    as_github(&setup);
    let created = r#"{"number":7,"html_url":"https://github.com/councils/jd-library/pull/7"}"#;
    let (api, seen) = fake_github(vec![(200, "{}".into()), (201, created.into())]);
    let out = contribute_body(&setup)
        .env("GH_TOKEN", "test-token-123")
        .env("JDLIB_GITHUB_API", &api)
        .args(["--pr", "--format", "json"])
        .assert()
        .success();
    let receipt = json(&out.get_output().stdout);
    assert_eq!(
        receipt["pull_request_url"],
        "https://github.com/councils/jd-library/pull/7"
    );
    assert_eq!(receipt["pushed"], true);
    let branch = receipt["branch"].as_str().unwrap();
    assert!(!String::from_utf8_lossy(&out.get_output().stdout).contains("test-token-123"));
    assert!(!String::from_utf8_lossy(&out.get_output().stderr).contains("test-token-123"));

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("GET", "/repos/councils/jd-library")
    );
    let post = &seen[1];
    assert_eq!(
        (post.method.as_str(), post.path.as_str()),
        ("POST", "/repos/councils/jd-library/pulls")
    );
    for request in &seen {
        assert_eq!(request.headers["authorization"], "Bearer test-token-123");
        assert_eq!(request.headers["accept"], "application/vnd.github+json");
        assert_eq!(request.headers["x-github-api-version"], "2022-11-28");
        assert!(request.headers["user-agent"].starts_with("jdlib/"));
    }
    let body: Value = serde_json::from_str(&post.body).unwrap();
    assert_eq!(body["head"], branch);
    assert_eq!(body["base"], "main");
    assert_eq!(body["maintainer_can_modify"], true);
    assert!(
        body["title"]
            .as_str()
            .unwrap()
            .starts_with("Add Senior Data Engineer")
    );
    let text = body["body"].as_str().unwrap();
    for part in [
        "London Borough of Hackney (E09000012)",
        "| Salary as advertised | £21.50–£24 per hour, grade PO5 |",
        // 21.50 and 24 an hour on London's 36-hour week, times 365/7 weeks.
        "| Annual full-time equivalent | £40,359–£45,051 |",
        "`jdlib validate` found no problems",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    assert_on_remote(&setup, branch);
}

#[test]
fn a_rejected_token_stops_before_anything_is_pushed() {
    let setup = setup();
    as_github(&setup);
    let (api, seen) = fake_github(vec![(401, r#"{"message":"Bad credentials"}"#.into())]);
    let branches = setup.branches();
    contribute_body(&setup)
        .env("GITHUB_TOKEN", "expired")
        .env("JDLIB_GITHUB_API", &api)
        .arg("--pr")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "GitHub rejected the token from GITHUB_TOKEN (401 Unauthorized)",
        ))
        .stderr(predicates::str::contains("expired").not());
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert_eq!(setup.branches(), branches);
    assert_eq!(setup.remote_branches(), "refs/heads/main");
}

#[test]
fn a_refused_pull_request_takes_the_pushed_branch_away() {
    let setup = setup();
    as_github(&setup);
    let refused =
        r#"{"message":"Validation Failed","errors":[{"message":"No commits between main and x"}]}"#;
    let (api, _) = fake_github(vec![(200, "{}".into()), (422, refused.into())]);
    let branches = setup.branches();
    contribute_body(&setup)
        .env("GH_TOKEN", "t")
        .env("JDLIB_GITHUB_API", &api)
        .arg("--pr")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("GitHub refused to open a pull request (422: Validation Failed: No commits between main and x)"));
    assert_eq!(setup.branches(), branches);
    assert_eq!(setup.remote_branches(), "refs/heads/main");
}

#[test]
fn without_a_token_the_page_to_open_the_pr_is_printed() {
    let setup = setup();
    as_github(&setup);
    let out = contribute_body(&setup).arg("--pr").assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout);
    assert!(
        stdout.contains("Open the pull request here: https://github.com/councils/jd-library/compare/main...contrib/hackney-data-engineer-"),
        "{stdout}"
    );
}

use predicates::prelude::PredicateBooleanExt as _;

#[test]
fn a_first_jd_for_a_role_creates_its_folder() {
    let setup = setup();
    let base = setup.base_tip();
    let out = contribute_with(
        &setup,
        &[
            ("--role", "innovation-lead"),
            ("--title", "Innovation Lead"),
        ],
    )
    .args(["--format", "json"])
    .assert()
    .success();
    let receipt = json(&out.get_output().stdout);
    assert_eq!(
        receipt["path"],
        "library/innovation-lead/hackney-2024-05-senior.md"
    );
    let commit = receipt["commit"].as_str().unwrap();
    assert_eq!(
        git(setup.path(), &["diff", "--name-status", &base, commit]),
        "A\tlibrary/innovation-lead/hackney-2024-05-senior.md"
    );
}

#[test]
fn the_form_opens_the_editor_for_the_body() {
    let setup = setup();
    let body = fixture("body.md");
    let editor = format!("sh -c 'cat \"{}\" > \"$1\"' editor", body.display());
    let answers =
        "Data Analyst\ndata-analyst\nmid\nLeeds\n2024-06-03\n36000\n39000\n\n\n\n\n\n\n\n\n";
    let out = setup
        .jdlib()
        .env("EDITOR", editor)
        .args(["contribute", "--interactive", "--format", "json"])
        .write_stdin(answers)
        .assert()
        .success();
    let receipt = json(&out.get_output().stdout);
    let text = git(
        setup.path(),
        &[
            "show",
            &format!(
                "{}:{}",
                receipt["commit"].as_str().unwrap(),
                receipt["path"].as_str().unwrap()
            ),
        ],
    );
    assert!(
        text.ends_with(std::fs::read_to_string(&body).unwrap().trim_end()),
        "{text}"
    );
}

#[test]
fn an_untouched_template_is_not_contributed() {
    let setup = setup();
    let branches = setup.branches();
    let answers =
        "Data Analyst\ndata-analyst\nmid\nLeeds\n2024-06-03\n36000\n39000\n\n\n\n\n\n\n\n\n";
    setup
        .jdlib()
        .env("EDITOR", "true")
        .args(["contribute", "--interactive"])
        .write_stdin(answers)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "the body was left as the template",
        ));
    assert_eq!(setup.branches(), branches);
}
