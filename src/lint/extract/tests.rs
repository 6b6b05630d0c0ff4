//! The extract of a body: blocks mapped back to their source, what is not prose left out,
//! and the line scan held to pulldown-cmark.

use super::*;
use crate::lint::text::BlockKind;

#[test]
fn blocks_map_back_to_the_source() {
    let body = "## Purpose\n\nYou will *lead* the `SQL` work.\n\n- first item\n- second\n";
    let ex = extract(body);
    let texts: Vec<&str> = ex.blocks().map(|b| b.text).collect();
    assert_eq!(
        texts,
        [
            "Purpose",
            "You will lead the   work.",
            "first item",
            "second"
        ]
    );
    let para = ex.blocks().nth(1).unwrap();
    let at = para.text.find("lead").unwrap();
    assert_eq!(
        &body[para.source_offset(at)..para.source_offset(at) + 4],
        "lead"
    );
    assert_eq!(para.section, Some("Purpose"));
    assert_eq!(ex.lists.len(), 1);
    assert_eq!(ex.lists[0].items, 2);
}

#[test]
fn code_html_and_bare_urls_are_not_prose() {
    let body = "Text <https://example.org/a> more.\n\n```\nrockstar\n```\n\n<!-- jdlib-lint: allow long-sentence -->\nNext paragraph.\n";
    let ex = extract(body);
    assert!(
        !ex.blocks()
            .any(|b| b.text.contains("rockstar") || b.text.contains("example.org"))
    );
    let next = ex.blocks().find(|b| b.text.contains("Next")).unwrap();
    assert!(next.allows("long-sentence") && !next.allows("gender-coded"));
}

/// Where two extracts differ in anything a rule can see, if anywhere.
fn difference(a: &Extract, b: &Extract) -> Option<String> {
    if a.spans.len() != b.spans.len() {
        return Some(format!(
            "{} blocks against {}",
            a.spans.len(),
            b.spans.len()
        ));
    }
    for (x, y) in a.blocks().zip(b.blocks()) {
        let seen = (x.kind, x.text, x.section, x.allowed, x.words, x.shapes);
        if seen != (y.kind, y.text, y.section, y.allowed, y.words, y.shapes) {
            return Some(format!("block {:?} against {:?}", x.text, y.text));
        }
        for at in 0..=x.text.len() {
            if x.source_offset(at) != y.source_offset(at) {
                return Some(format!("offset {at} of {:?} maps apart", x.text));
            }
        }
    }
    let lists = |e: &Extract| -> Vec<(usize, usize, Vec<String>)> {
        e.lists
            .iter()
            .map(|l| (l.offset, l.items, l.allowed.clone()))
            .collect()
    };
    if lists(a) != lists(b) || a.mailto != b.mailto {
        return Some("lists or addresses differ".to_owned());
    }
    None
}

/// Bodies of headings, lists and paragraphs set off by blank lines, mostly plain, with
/// now and then a line or a join the line scan must refuse.
pub(crate) fn markdown_soup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    use proptest::sample::select;
    let text = select(vec![
        "Lead the data team, and agree priorities.",
        "Support colleagues (IT support desk).",
        "Email jobs@example.org or call 01234 567890.",
        "Contact Jane Smith about WCAG 2.2 AA.",
        "You will lead the work. It matters!",
        "Reference JDL-002508.",
        "Native English speaker: must have a degree.",
        "Self-reliant data-driven ambitious leader",
        "Person specification",
        "Essential",
        "Desirable",
    ]);
    let odd = select(vec![
        "",
        "##",
        "## ",
        "#NoSpace",
        "## Ends #",
        "####### Seven",
        "- ",
        "-",
        "-  two spaces",
        "- - -",
        "- *emphasis*",
        "* star item",
        "+ plus item",
        "1. numbered",
        "2) numbered",
        "See https://example.org/a for more.",
        "Text with <b>html</b>",
        "Text & entity",
        "Text with `code`",
        "Text with [link](https://x.org)",
        "Trailing spaces  ",
        "Trailing tab\t",
        "  indented",
        "    code",
        "\ttab start",
        "---",
        "===",
        "> quote",
        "Ends with é",
        "Ends with ’s",
        "Carriage\r",
        "Plain line",
    ]);
    let block = prop_oneof![
        3 => (1..7usize, text.clone()).prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))),
        3 => proptest::collection::vec(text.clone().prop_map(|t| format!("- {t}")), 1..5)
            .prop_map(|items| items.join("\n")),
        3 => proptest::collection::vec(text, 1..4).prop_map(|lines| lines.join("\n")),
        1 => odd.prop_map(str::to_owned),
    ];
    let join = select(vec!["\n\n", "\n\n", "\n\n", "\n\n", "\n\n\n", "\n"]);
    (
        proptest::collection::vec((block, join), 0..10),
        any::<bool>(),
    )
        .prop_map(|(blocks, end)| {
            let mut body = String::new();
            for (block, join) in blocks {
                body.push_str(&block);
                body.push_str(join);
            }
            if !end {
                body.truncate(body.trim_end_matches('\n').len());
            }
            body
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
    #[test]
    fn the_line_scan_extracts_what_the_parser_does(body in markdown_soup()) {
        if let Some(events) = crate::lint::plain::events(&body) {
            let (mut scanned, mut parsed) = (Extract::default(), Extract::default());
            build(&body, events.into_iter(), &mut scanned);
            build(&body, Parser::new(&body).into_offset_iter(), &mut parsed);
            let diff = difference(&scanned, &parsed);
            proptest::prop_assert!(diff.is_none(), "{:?} in {:?}", diff, body);
        }
    }
}

#[test]
fn the_line_scan_takes_plain_bodies_and_refuses_the_rest() {
    let plain = "## Purpose\n\nYou will lead.\nMore text.\n\n- one\n- two\n\nAfter.\n";
    assert!(crate::lint::plain::events(plain).is_some());
    for other in [
        "Text *emphasis*\n",
        "- one\n\n- two\n",
        "- one\nlazy\n",
        "  indented\n",
        "Text\n---\n",
        "1. one\n",
    ] {
        assert!(crate::lint::plain::events(other).is_none(), "{other:?}");
    }
}

#[test]
fn loose_list_items_keep_their_paragraph() {
    let ex = extract("- one\n\n- two words\n");
    let texts: Vec<&str> = ex.blocks().map(|b| b.text).collect();
    assert_eq!(texts, ["one", "two words"]);
    assert!(ex.blocks().all(|b| b.kind == BlockKind::Item));
}
