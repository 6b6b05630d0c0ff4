//! `jdlib export`: every bundled JD survives the trip to Word and back through `jdlib import`
//! (sections, headings, list items, tables and facts), generated JDs do too, and the command
//! names, refuses and reports files as its contract says.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::OnceLock;

use common::{TestRepo, seed_library};
use jdlib::export::{Export, docx};
use jdlib::library::roles::RoleRegistry;
use jdlib::library::{JobDescription, Library, LoadOptions, Origin, document};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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

    let (code, _, stderr) = run(&repo, &[SENIOR, "--out", "new/"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        repo.path()
            .join("new/greenwich-2024-03-senior.docx")
            .is_file(),
        "a trailing slash names a folder: {stderr}"
    );
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

// Generated JDs: every level, period and contract, pence and hours, grades councils write, and
// bodies with nested and numbered lists, tables, bold, italic and links. Words and titles avoid
// the few phrases import's guesses would read as a fact (a contract word, a pound sign).

const WORDS: &[&str] = &[
    "plan",
    "review",
    "data",
    "service",
    "residents",
    "reports",
    "teams",
    "budget",
    "clear",
    "safe",
    "housing",
    "records",
    "council",
    "support",
    "design",
    "systems",
    "weekly",
    "users",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 3..12).prop_map(|w| {
        let mut s = w.join(" ");
        s[..1].make_ascii_uppercase();
        s + "."
    })
}

/// A line of text, sometimes with bold, italic or a link around a word in the middle.
fn rich() -> impl Strategy<Value = String> {
    (sentence(), 0..4u8, prop::sample::select(WORDS)).prop_map(|(s, kind, word)| match kind {
        0 => format!("{} **{word}** later.", s.trim_end_matches('.')),
        1 => format!("{} _{word}_ later.", s.trim_end_matches('.')),
        2 => format!(
            "{} [{word}](https://example.org/{word}) later.",
            s.trim_end_matches('.')
        ),
        _ => s,
    })
}

fn list(ordered: bool) -> impl Strategy<Value = String> {
    prop::collection::vec((rich(), prop::collection::vec(rich(), 0..3)), 1..5).prop_map(
        move |items| {
            let marker = if ordered { "1. " } else { "- " };
            let mut out = String::new();
            for (item, subs) in items {
                out.push_str(&format!("{marker}{item}\n"));
                for sub in subs {
                    out.push_str(&format!("{}- {sub}\n", " ".repeat(marker.len())));
                }
            }
            out
        },
    )
}

fn table() -> impl Strategy<Value = String> {
    prop::collection::vec((sentence(), sentence()), 1..4).prop_map(|rows| {
        let mut out = String::from("| Essential | Desirable |\n|---|---|\n");
        for (a, b) in rows {
            out.push_str(&format!("| {a} | {b} |\n"));
        }
        out
    })
}

fn body() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(rich(), 1..3),
        list(false),
        list(false),
        list(true),
        prop::option::of(table()),
        prop::option::of(rich()),
    )
        .prop_map(|(purpose, duties, essential, desirable, table, offer)| {
            let mut out = format!(
                "## Purpose\n\n{}\n\n## Responsibilities\n\n{duties}\n## Person specification\n\n### Essential\n\n{essential}\n### Desirable\n\n{desirable}",
                purpose.join("\n\n")
            );
            if let Some(table) = table {
                out.push_str(&format!("\n{table}"));
            }
            if let Some(offer) = offer {
                out.push_str(&format!("\n## What we offer\n\n{offer}\n"));
            }
            out
        })
}

/// (figure, period): whole pounds a year, pounds and pence a day or an hour.
fn pay() -> impl Strategy<Value = (f64, f64, &'static str)> {
    prop_oneof![
        (18_000..90_000u32, 0..20_000u32).prop_map(|(a, d)| (
            f64::from(a),
            f64::from(a + d),
            "year"
        )),
        (10_000..60_000u32, 0..900u32).prop_map(|(a, d)| (
            f64::from(a) / 100.0,
            f64::from(a + d) / 100.0,
            "hour"
        )),
        (15_000..95_000u32, 0..10_000u32).prop_map(|(a, d)| (
            f64::from(a) / 100.0,
            f64::from(a + d) / 100.0,
            "day"
        )),
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "Data Analyst",
            "Insight Officer",
            "Systems Engineer",
            "Service Designer",
        ]),
        prop::sample::select(
            jdlib::library::front_matter::Level::ALL
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>(),
        ),
        any::<bool>(),
        pay(),
        prop::option::of(prop::sample::select(vec![
            "SCP 29-32",
            "PO4",
            "Band 5",
            "Grade 7 (senior)",
            "Indicative mid band (model JD, not a council grade)",
        ])),
        prop::option::of(prop::sample::select(vec![35.0, 36.0, 37.0, 37.5])),
        prop::option::of(prop::sample::select(vec![
            "permanent",
            "fixed-term",
            "interim",
            "apprenticeship",
        ])),
    )
        .prop_map(
            |(title, level, model, (min, max, period), grade, hours, contract)| {
                let mut out = format!("---\ntitle: {title}\nrole: data-analyst\nlevel: {level}\n");
                if model {
                    out.push_str("source: model\n");
                } else {
                    out.push_str(
                        "source: advertised\norganisation: E09000011\nadvertised: 2024-03-01\n",
                    );
                }
                out.push_str(&format!(
                    "salary:\n  min: {min}\n  max: {max}\n  period: {period}\n"
                ));
                if let Some(grade) = grade {
                    out.push_str(&format!("  grade: \"{grade}\"\n"));
                }
                if let Some(hours) = hours {
                    out.push_str(&format!("  hours_per_week: {hours}\n"));
                }
                let basis = if model { "indicative" } else { "advertised" };
                out.push_str(&format!("  basis: {basis}\nlicence: OGL-UK-3.0\n"));
                if let Some(contract) = contract {
                    out.push_str(&format!("contract: {contract}\n"));
                }
                out + "---\n"
            },
        )
}

static REGISTRY: OnceLock<RoleRegistry> = OnceLock::new();

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn generated_jds_come_back_from_word(front in front_matter(), body in body()) {
        let registry = REGISTRY.get_or_init(|| seed_library().registry);
        let text = format!("{front}\n{body}");
        let ctx = jdlib::library::check::Context {
            registry,
            registry_loaded: true,
            register: jdlib::library::register::Register::get(),
            today: jdlib::date::Date::today(),
        };
        let checked = jdlib::library::check::check_file("library/data-analyst/generated.md", text.as_bytes(), &ctx);
        let jd = checked.jd.as_ref().ok_or_else(|| TestCaseError::fail(format!("{:?}\n{text}", checked.diagnostics)))?;
        let export = Export { jd, body: &body, role_title: "Data Analyst" };
        let (facts, imported) = round_trip(registry, &export);
        prop_assert_eq!(facts, facts_of(jd), "{}", text);
        prop_assert_eq!(outline(&imported), outline(&body), "{}\n---\n{}", text, imported);
    }
}
