//! `jdlib export`: every bundled JD survives the trip to Word and back through `jdlib import`
//! (sections, headings, list items, tables and facts), generated JDs do too, and the command
//! names, refuses and reports files as its contract says.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::TestRepo;
use jdlib::export::{Export, docx};
use jdlib::library::{JobDescription, Library, LoadOptions, Origin, document};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn seed_library() -> Library {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Library::load(&LoadOptions {
        library: Some(root.to_owned()),
        cwd: root.to_owned(),
        origin: Origin::WorkTree,
    })
    .unwrap()
}

/// A body's structure from its first `##` on, as lines that compare across Markdown spellings:
/// `h2 Purpose`, `p text`, `li1- text` (depth, bullet or number), `cell text`, `row`.
fn outline(markdown: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut lists: Vec<bool> = Vec::new();
    let mut started = false;
    let mut kind = String::from("p");
    let flush = |out: &mut Vec<String>, text: &mut String, kind: &str, started: bool| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if started && !t.is_empty() {
            out.push(format!("{kind} {t}"));
        }
        text.clear();
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut text, &kind, started);
                started |= level as usize == 2;
                kind = format!("h{}", level as usize);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut out, &mut text, &kind, started);
                lists.push(start.is_some());
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut out, &mut text, &kind, started);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut text, &kind, started);
                let ordered = lists.last().copied().unwrap_or(false);
                kind = format!("li{}{}", lists.len(), if ordered { "." } else { "-" });
            }
            Event::Start(Tag::Paragraph) if lists.is_empty() => {
                flush(&mut out, &mut text, &kind, started);
                "p".clone_into(&mut kind);
            }
            Event::Start(Tag::TableCell) => {
                flush(&mut out, &mut text, &kind, started);
                "cell".clone_into(&mut kind);
            }
            Event::End(TagEnd::TableCell) => {
                let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if started {
                    out.push(format!("cell {t}"));
                }
                text.clear();
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) if started => out.push("row".into()),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                flush(&mut out, &mut text, &kind, started);
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    flush(&mut out, &mut text, &kind, started);
    out
}

/// The facts import must read back, from the JD and from the imported draft alike.
#[derive(Debug, PartialEq)]
struct Facts {
    title: Option<String>,
    level: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    period: Option<String>,
    grade: Option<String>,
    hours: Option<f64>,
    contract: Option<String>,
}

fn facts_of(jd: &JobDescription) -> Facts {
    let s = jd.front.salary.as_ref();
    Facts {
        title: Some(jd.front.title.clone()),
        level: Some(jd.front.level.as_str().to_owned()),
        min: s.map(|s| s.min),
        max: s.map(|s| s.max),
        period: s.map(|s| s.period.as_str().to_owned()),
        grade: s.and_then(|s| s.grade.clone()),
        hours: s.and_then(|s| s.hours_per_week),
        contract: jd.front.contract.map(|c| c.as_str().to_owned()),
    }
}

fn facts_of_draft(draft: &jdlib::contribute::draft::Draft) -> Facts {
    let number = |k: &str| draft.salary(k).and_then(serde_json::Value::as_f64);
    let text = |k: &str| {
        draft
            .salary(k)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    Facts {
        title: draft.text("title").map(str::to_owned),
        level: draft.text("level").map(str::to_owned),
        min: number("min"),
        max: number("max"),
        period: text("period"),
        grade: text("grade"),
        hours: number("hours_per_week"),
        contract: draft.text("contract").map(str::to_owned),
    }
}

/// Exports a JD to Word and imports it again; returns (facts, body) as import read them.
fn round_trip(
    lib_registry: &jdlib::library::roles::RoleRegistry,
    export: &Export<'_>,
) -> (Facts, String) {
    let bytes = docx::write(export).unwrap();
    let imported = jdlib::import::import_docx("round-trip.docx", &bytes, lib_registry).unwrap();
    (
        facts_of_draft(&imported.draft),
        imported.draft.body().to_owned(),
    )
}

/// Round-trips every valid JD of a library; returns how many.
fn round_trip_all(lib: &Library) -> usize {
    let mut checked = 0;
    for jd in lib.valid_jds() {
        let text = lib.read_text(&jd.path).unwrap();
        let body = document::split(&text).unwrap().body;
        let role_title = lib.registry.get(&jd.front.role).unwrap().title.as_str();
        let export = Export {
            jd,
            body,
            role_title,
        };
        let (facts, imported_body) = round_trip(&lib.registry, &export);
        assert_eq!(facts, facts_of(jd), "{}: facts", jd.path);
        let want = outline(body);
        assert!(want.len() > 3, "{}: outline too small: {want:?}", jd.path);
        assert_eq!(outline(&imported_body), want, "{}: body", jd.path);
        checked += 1;
    }
    checked
}

#[test]
fn every_bundled_jd_comes_back_from_word() {
    assert_eq!(round_trip_all(&seed_library()), 45);
}

#[test]
fn adverts_with_councils_hours_and_dates_come_back_from_word() {
    let repo = TestRepo::new("base");
    let lib = Library::load(&LoadOptions {
        library: Some(repo.path().to_owned()),
        cwd: repo.path().to_owned(),
        origin: Origin::WorkTree,
    })
    .unwrap();
    assert_eq!(round_trip_all(&lib), 4);
}

fn run(repo: &TestRepo, args: &[&str]) -> (Option<i32>, String, String) {
    let out = repo.cmd().arg("export").args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const SENIOR: &str = "library/data-analyst/greenwich-2024-03-senior.md";

#[test]
fn one_jd_becomes_slug_docx_here_and_is_never_replaced_without_force() {
    let repo = TestRepo::new("base");
    let (code, stdout, stderr) = run(&repo, &[SENIOR]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "");
    let kb = std::fs::metadata(repo.path().join("greenwich-2024-03-senior.docx"))
        .unwrap()
        .len()
        .div_ceil(1024);
    assert_eq!(
        stderr,
        format!("jdlib: wrote greenwich-2024-03-senior.docx ({kb} KB)\n")
    );
    let first = repo.read("greenwich-2024-03-senior.docx");
    assert_eq!(&first[..2], b"PK", "a zip package");

    repo.write("greenwich-2024-03-senior.docx", b"mine");
    let (code, _, stderr) = run(&repo, &[SENIOR]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(
        stderr.contains("jdlib: error: nothing was written"),
        "{stderr}"
    );
    assert_eq!(repo.read("greenwich-2024-03-senior.docx"), b"mine");

    let (code, _, stderr) = run(&repo, &[SENIOR, "--force"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        repo.read("greenwich-2024-03-senior.docx"),
        first,
        "the same JD gives the same bytes"
    );
}

#[test]
fn a_folder_goes_to_role_and_slug_under_out_dir() {
    let repo = TestRepo::new("base");
    let (code, _, stderr) = run(&repo, &["library", "--out", "word", "--format", "md"]);
    assert_eq!(code, Some(0), "{stderr}");
    let mut written: Vec<&str> = stderr.lines().collect();
    written.sort_unstable();
    assert_eq!(written.len(), 4, "{stderr}");
    assert!(
        written[0].starts_with("jdlib: wrote word/content-designer/cardiff-2022-01-junior.md (")
    );
    let md = String::from_utf8(repo.read("word/data-analyst/model-mid.md")).unwrap();
    assert!(!md.contains("---"), "no front matter: {md}");
    assert!(md.starts_with("## "), "{md}");

    let (code, _, stderr) = run(&repo, &["library/data-analyst", "--out", SENIOR]);
    assert_eq!(code, Some(2), "a file is no folder: {stderr}");
}

#[test]
fn html_is_one_standalone_page_with_the_facts_and_the_credit() {
    let repo = TestRepo::new("base");
    let (code, _, stderr) = run(&repo, &[SENIOR, "--format", "html", "--out", "jd.html"]);
    assert_eq!(code, Some(0), "{stderr}");
    let html = String::from_utf8(repo.read("jd.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h2 id=\"facts\">Key facts</h2>"));
    assert!(html.contains("Open Government Licence v3.0"));
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("<link "), "nothing loaded from elsewhere");
}

#[test]
fn a_jd_with_errors_is_exported_with_its_errors_listed() {
    let repo = TestRepo::new("base");
    let text = String::from_utf8(repo.read(SENIOR)).unwrap();
    repo.write(
        "library/data-analyst/wrong-role.md",
        text.replace("role: data-analyst", "role: data-engineer"),
    );
    let (code, stdout, stderr) = run(&repo, &["library/data-analyst/wrong-role.md"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stdout.starts_with("library/data-analyst/wrong-role.md:3:7: error[role-folder-mismatch]"),
        "{stdout}"
    );
    assert!(stderr.contains("jdlib: wrote wrong-role.docx"), "{stderr}");
    assert!(repo.path().join("wrong-role.docx").is_file());
}

#[test]
fn paths_outside_the_library_are_refused() {
    let repo = TestRepo::new("base");
    let (code, _, stderr) = run(&repo, &["library/no-such-role"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("library/no-such-role does not exist"),
        "{stderr}"
    );
}

#[test]
fn the_site_offers_every_jd_as_word_beside_its_markdown() {
    let repo = TestRepo::new("base");
    let out = repo.cmd().args(["site", "--out", "site"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folder = "site/roles/data-analyst/greenwich-2024-03-senior";
    let word = repo.read(&format!("{folder}/greenwich-2024-03-senior.docx"));
    let imported = jdlib::import::import_docx(
        "site.docx",
        &word,
        &jdlib::library::roles::RoleRegistry::default(),
    )
    .unwrap();
    assert_eq!(
        imported.draft.text("title"),
        Some("Senior Data Analyst (test fixture)")
    );
    let page = String::from_utf8(repo.read(&format!("{folder}/index.html"))).unwrap();
    assert!(
        page.contains("href=\"greenwich-2024-03-senior.docx\" download>Download as Word"),
        "{page}"
    );
    let role = String::from_utf8(repo.read("site/roles/data-analyst/index.html")).unwrap();
    assert!(
        role.contains("href=\"../../roles/data-analyst/greenwich-2024-03-senior/greenwich-2024-03-senior.docx\" download>"),
        "{role}"
    );
    assert!(
        role.contains("href=\"../../roles/data-analyst/model-mid/model-mid.docx\" download>"),
        "{role}"
    );
}
