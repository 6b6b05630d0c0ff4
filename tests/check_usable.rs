//! `check::usable`, search's cheaper read of a JD file, must accept exactly the files in which
//! `check::check_file` (what `validate` runs on each file) finds no error, and read them the
//! same way: over the seed library, every fixture, and seed JDs changed at random.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jdlib::date::Date;
use jdlib::diagnostic::Severity;
use jdlib::library::check::{self, Context};
use jdlib::library::register::Register;
use jdlib::library::roles::RoleRegistry;
use proptest::prelude::*;
use proptest::sample::Index;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_registry() -> RoleRegistry {
    let path = root().join("library/roles.yaml");
    let text = fs::read_to_string(&path).expect("seed roles.yaml");
    RoleRegistry::parse("library/roles.yaml", &text).0
}

fn context(registry: &RoleRegistry, loaded: bool) -> Context<'_> {
    Context {
        registry,
        registry_loaded: loaded,
        register: Register::get(),
        today: Date::parse("2026-11-27").expect("valid date"),
    }
}

/// Whether the two agree on `bytes` at `path`; `Ok(usable)` when they do.
fn agree(path: &str, bytes: &[u8], ctx: &Context<'_>) -> Result<bool, String> {
    let checked = check::check_file(path, bytes, ctx);
    let clean = !checked
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let full = checked.jd.filter(|_| clean);
    let fast = check::usable(path, bytes, ctx);
    match (full, fast) {
        (None, None) => Ok(false),
        (Some(full), Some(fast)) => {
            let same = full.front == fast.front
                && full.authority.map(|a| &a.official_name)
                    == fast.authority.map(|a| &a.official_name)
                && full.advertised == fast.advertised
                && full.annual == fast.annual;
            if same {
                Ok(true)
            } else {
                Err(format!("{path}: read differently: {full:?} / {fast:?}"))
            }
        }
        (full, fast) => Err(format!(
            "{path}: check_file usable: {}, usable(): {} ({:?})",
            full.is_some(),
            fast.is_some(),
            checked.diagnostics
        )),
    }
}

/// Every `.md` file under `dir`, with the path it would have in a library.
fn md_files(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(items) = fs::read_dir(dir) else {
        return;
    };
    for item in items.flatten() {
        let path = item.path();
        if path.is_dir() {
            md_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            let text = path.to_string_lossy().replace('\\', "/");
            // From the last `library/` on; a loose file is put in a real role's folder.
            let rel = text.rfind("library/").map_or_else(
                || {
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    format!("library/data-analyst/{name}")
                },
                |at| text[at..].to_owned(),
            );
            out.push((rel, fs::read(&path).expect("readable file")));
        }
    }
}

fn seed_jds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut files = Vec::new();
        md_files(&root().join("library"), &mut files);
        files.sort();
        files
    })
}

#[test]
fn agrees_over_the_seed_library_and_every_fixture() {
    let registry = seed_registry();
    let mut files = seed_jds().to_vec();
    md_files(&root().join("tests/fixtures"), &mut files);
    let (mut usable, mut not) = (0, 0);
    for loaded in [true, false] {
        let ctx = context(&registry, loaded);
        for (path, bytes) in &files {
            match agree(path, bytes, &ctx) {
                Ok(true) => usable += 1,
                Ok(false) => not += 1,
                Err(e) => panic!("{e}"),
            }
        }
    }
    assert!(usable > 100 && not > 20, "usable {usable}, not {not}");
}

/// Text put into a seed JD: values that break the schema, the register, the calendar, the
/// folder or the body's sections, and YAML the fast reader declines.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        "title: x",
        "role: data-analyst",
        "role: data-engineer",
        "role: no-such-role",
        "level: senior",
        "level: boss",
        "source: model",
        "source: advertised",
        "organisation: E09000011",
        "organisation: S12000033",
        "organisation: E07000070",
        "organisation: Camden",
        "organisation: X99999999",
        "advertised: 2024-02-30",
        "advertised: 2024-02-29",
        "advertised: 1999-12-31",
        "advertised: 2030-01-01",
        "advertised: 2015-10-12",
        "advertised: 2024-3-1",
        "salary:",
        "  min: 50000",
        "  max: 40000",
        "  max: 60000",
        "  period: hour",
        "  period: day",
        "  hours_per_week: 36",
        "  fte: 0.5",
        "  basis: indicative",
        "  grade: \"SCP 16\"",
        "licence: OGL-UK-3.0",
        "contract: permanent",
        "contract: zero-hours",
        "url: https://example.org/x",
        "location: 'Town Hall'",
        "location: a # comment",
        "extra: field",
        "title: \"quoted \\\" title\"",
        "title: [a, b]",
        "title: &a x",
        "\ttitle: x",
        "---",
        "## Purpose",
        "## Responsibilities",
        "## Person specification",
        "## person SPECIFICATION",
        "# Heading",
        "### Essential",
        "- a duty",
        "Some prose.",
        "```",
        "> quote",
        "  ## indented",
        "<div>",
        "\u{feff}",
        "é",
    ])
}

/// One change to a file's lines.
#[derive(Clone, Debug)]
enum Edit {
    Delete(Index),
    Duplicate(Index),
    Insert(Index, &'static str),
    Replace(Index, &'static str),
    Swap(Index, Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<Index>().prop_map(Edit::Delete),
        any::<Index>().prop_map(Edit::Duplicate),
        (any::<Index>(), piece()).prop_map(|(i, p)| Edit::Insert(i, p)),
        (any::<Index>(), piece()).prop_map(|(i, p)| Edit::Replace(i, p)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, j)| Edit::Swap(i, j)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    for e in edits {
        if lines.is_empty() {
            lines.push("\n");
        }
        match e {
            Edit::Delete(i) => {
                lines.remove(i.index(lines.len()));
            }
            Edit::Duplicate(i) => {
                let at = i.index(lines.len());
                lines.insert(at, lines[at]);
            }
            Edit::Insert(i, p) => lines.insert(i.index(lines.len() + 1), p),
            Edit::Replace(i, p) => {
                let at = i.index(lines.len());
                lines[at] = p;
            }
            Edit::Swap(i, j) => {
                let (a, b) = (i.index(lines.len()), j.index(lines.len()));
                lines.swap(a, b);
            }
        }
    }
    // Inserted pieces have no line ending of their own.
    lines
        .iter()
        .map(|l| {
            if l.ends_with('\n') {
                (*l).to_owned()
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

static REGISTRY: OnceLock<RoleRegistry> = OnceLock::new();

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, ..ProptestConfig::default() })]

    #[test]
    fn agrees_on_changed_seed_jds(
        pick in any::<Index>(),
        edits in prop::collection::vec(edit(), 0..5),
        folder in prop::sample::select(vec!["", "data-analyst", "data-engineer", "nope"]),
        loaded in prop::bool::weighted(0.9),
    ) {
        let seeds = seed_jds();
        let (path, bytes) = &seeds[pick.index(seeds.len())];
        let registry = REGISTRY.get_or_init(seed_registry);
        let text = apply(&String::from_utf8_lossy(bytes), &edits);
        let path = if folder.is_empty() {
            path.clone()
        } else {
            let name = path.rsplit('/').next().unwrap_or_default();
            format!("library/{folder}/{name}")
        };
        let ctx = context(registry, loaded);
        if let Err(e) = agree(&path, text.as_bytes(), &ctx) {
            return Err(TestCaseError::fail(format!("{e}\n{text}")));
        }
    }
}
