//! Property tests standing in for a fuzzer (cargo-fuzz needs a nightly toolchain, which this
//! project's machines do not have): the per-file checker must never panic, whatever the bytes.
//! `PROPTEST_CASES=1000000 cargo test --release --test fuzz_front_matter` runs a long session;
//! BENCHMARKS.md records how long it ran clean.

use jdlib::date::Date;
use jdlib::library::check::{self, Context};
use jdlib::library::register::Register;
use jdlib::library::roles::RoleRegistry;
use proptest::prelude::*;

fn context(registry: &RoleRegistry) -> Context<'_> {
    Context {
        registry,
        registry_loaded: true,
        register: Register::get(),
        today: Date::parse("2026-01-01").expect("valid date"),
    }
}

fn registry() -> RoleRegistry {
    RoleRegistry::parse(
        "library/roles.yaml",
        "roles:\n  - id: data-analyst\n    title: Data Analyst\n    family: data\n    summary: s\n",
    )
    .0
}

/// Pieces that make up front matter, including the awkward ones: anchors, aliases, tags,
/// flow brackets, quotes, tabs, CR, BOMs and multi-byte characters.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "---\n",
        "title",
        "role",
        "level",
        "salary",
        "min",
        "max",
        "period",
        "advertised",
        "organisation",
        "source",
        ": ",
        ":",
        "\n",
        "\r\n",
        "  ",
        "\t",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\"",
        "'",
        "&a ",
        "*a",
        "<<: ",
        "!!str ",
        "!tag ",
        "? ",
        "|\n",
        ">\n",
        "#",
        "yes",
        "true",
        "1e400",
        "-0",
        "0x1F",
        "2024-02-30",
        "E09000011",
        "model",
        "advertised",
        "data-analyst",
        "senior",
        "hour",
        "é",
        "\u{feff}",
        "\u{0}",
        "## Purpose\n",
        "- x\n",
        "`",
        "~",
        "null",
        "...",
        "%YAML 1.2\n",
    ])
}

/// Whether a 1-based (line, column) lies inside `text` (column counting characters): at most
/// one line past the last, and at most one column past the end of its line.
fn inside(text: &str, line: u32, column: u32) -> bool {
    let (Ok(line), Ok(column)) = (usize::try_from(line), usize::try_from(column)) else {
        return false;
    };
    if line == 0 || column == 0 || line > text.lines().count() + 1 {
        return false;
    }
    let length = text
        .split('\n')
        .nth(line - 1)
        .map_or(0, |l| l.strip_suffix('\r').unwrap_or(l).chars().count());
    column <= length + 1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
        let registry = registry();
        let checked = check::check_file("library/data-analyst/x.md", &bytes, &context(&registry));
        let text = String::from_utf8_lossy(&bytes);
        for d in &checked.diagnostics {
            prop_assert!(inside(&text, d.line, d.column), "{d} outside the input");
        }
    }

    #[test]
    fn yaml_like_front_matter_never_panics(tokens in prop::collection::vec(token(), 0..200)) {
        let text = format!("---\n{}\n---\n## Purpose\n\nx\n", tokens.concat());
        let registry = registry();
        let checked = check::check_file("library/data-analyst/x.md", text.as_bytes(), &context(&registry));
        for d in &checked.diagnostics {
            prop_assert!(inside(&text, d.line, d.column), "{d} outside the file");
        }
    }
}

#[test]
fn inside_bounds_the_position_by_the_text() {
    let text = "ab\r\ncd\n";
    assert!(inside(text, 1, 3));
    assert!(!inside(text, 1, 4));
    assert!(inside(text, 3, 1));
    assert!(!inside(text, 3, 2));
    assert!(!inside(text, 4, 1));
    assert!(!inside(text, 0, 1));
    assert!(!inside(text, 1, 0));
}
