//! The readable text of a JD body, as blocks (paragraphs, list items, headings) that remember
//! where each character came from, so every lint finding points at its exact line and column.
//! Code spans, code blocks, HTML and bare URLs are left out: they are not prose.
//!
//! Every block's text, words and source map live in a few buffers shared by the whole body
//! rather than in strings of their own: a JD has dozens of blocks, and allocating and freeing
//! several buffers for each would cost more than the rules that read them.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

/// What kind of block the text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A list item's own text.
    Item,
    /// A heading, with its level (1–6).
    Heading(u8),
}

/// A run of prose and where it came from, borrowed from its [`Extract`].
#[derive(Clone, Copy, Debug)]
pub struct Block<'a> {
    /// Paragraph, list item or heading.
    pub kind: BlockKind,
    /// The text, with soft line breaks as spaces.
    pub text: &'a str,
    /// Where `text` starts in [`Prose::text`].
    pub start: usize,
    /// The H2 section the block is in (the heading text), if any.
    pub section: Option<&'a str>,
    /// Codes an inline `<!-- jdlib-lint: allow CODE -->` comment switches off for this block.
    pub allowed: &'a [String],
    /// `text` with ASCII letters lowered: same byte offsets, so word slices line up.
    pub lower: &'a str,
    /// The words of `text` as byte ranges, found once for every rule.
    pub words: &'a [(usize, usize)],
    /// Each word's syllables, with [`crate::lint::words::HYPHENATED`] set when it has a
    /// hyphen.
    pub shapes: &'a [u32],
    /// (offset in `text`, offset in the body, exact) for each piece of source text; exact
    /// pieces map character for character, others to their start.
    map: &'a [(usize, usize, bool)],
}

impl<'a> Block<'a> {
    /// Each word with its offset, as written.
    pub fn words(&self) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        let text = self.text;
        self.words.iter().map(move |&(s, e)| (s, &text[s..e]))
    }

    /// Each word with its offset, ASCII letters lowered.
    pub fn lower_words(&self) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        let lower = self.lower;
        self.words.iter().map(move |&(s, e)| (s, &lower[s..e]))
    }

    /// The `k`th word, ASCII letters lowered.
    pub fn lower_word(&self, k: usize) -> Option<&'a str> {
        self.words.get(k).map(|&(s, e)| &self.lower[s..e])
    }

    /// The body offset of a byte offset in `text`.
    pub fn source_offset(&self, at: usize) -> usize {
        let i = self
            .map
            .partition_point(|(t, _, _)| *t <= at)
            .saturating_sub(1);
        match self.map.get(i) {
            Some((t, s, true)) => s + (at - t),
            Some((_, s, false)) => *s,
            None => 0,
        }
    }

    /// Whether a code is switched off for this block.
    pub fn allows(&self, code: &str) -> bool {
        self.allowed.iter().any(|c| c == code || c == "all")
    }
}

/// Where one block's pieces sit in its extract's shared buffers.
#[derive(Clone, Debug)]
struct Span {
    kind: BlockKind,
    text: Range<usize>,
    words: Range<usize>,
    map: Range<usize>,
    section: Option<usize>,
    allowed: Vec<String>,
}

/// A list and how many items it has.
#[derive(Clone, Debug)]
pub struct List {
    /// Body offset of the list's start.
    pub offset: usize,
    /// Number of items at its own level.
    pub items: usize,
    /// Codes switched off for it.
    pub allowed: Vec<String>,
}

/// Everything the rules read from a body.
#[derive(Debug, Default)]
pub struct Extract {
    /// Every block's text, one after another.
    text: String,
    /// `text` with ASCII letters lowered.
    lower: String,
    /// Every block's words, as byte ranges in the block's own text.
    words: Vec<(usize, usize)>,
    /// Every word's shape, in step with `words`.
    shapes: Vec<u32>,
    /// Every block's source map, offsets in the block's own text.
    map: Vec<(usize, usize, bool)>,
    /// Section headings, named by index from blocks: ranges of `section_text`, where they
    /// sit one after another rather than in a string each.
    sections: Vec<Range<usize>>,
    section_text: String,
    spans: Vec<Span>,
    /// Lists in document order.
    pub lists: Vec<List>,
    /// Email addresses linked with `mailto:` (body offset, address).
    pub mailto: Vec<(usize, String)>,
}

impl Extract {
    /// Blocks in document order.
    pub fn blocks(&self) -> impl ExactSizeIterator<Item = Block<'_>> + Clone + '_ {
        self.spans.iter().map(|span| self.view(span))
    }

    fn view<'a>(&'a self, span: &'a Span) -> Block<'a> {
        Block {
            kind: span.kind,
            text: &self.text[span.text.clone()],
            start: span.text.start,
            section: span
                .section
                .map(|i| &self.section_text[self.sections[i].clone()]),
            allowed: &span.allowed,
            lower: &self.lower[span.text.clone()],
            words: &self.words[span.words.clone()],
            shapes: &self.shapes[span.words.clone()],
            map: &self.map[span.map.clone()],
        }
    }
}

/// An extract's blocks as views made once, for rules that each walk every block.
#[derive(Debug)]
pub struct Prose<'a> {
    /// Every block's text, in order, each followed by a newline: a scan of the whole finds
    /// what a scan of each block would, for anything a newline ends.
    pub text: &'a str,
    /// Blocks in document order.
    pub blocks: Vec<Block<'a>>,
    /// Lists in document order.
    pub lists: &'a [List],
    /// Email addresses linked with `mailto:` (body offset, address).
    pub mailto: &'a [(usize, String)],
}

impl Extract {
    /// The blocks as views, with the lists and linked addresses.
    pub fn prose(&self) -> Prose<'_> {
        self.prose_in(Vec::new())
    }

    /// [`Extract::prose`] with its block list in a buffer the caller reuses (see
    /// [`recycle`]).
    pub fn prose_in<'a>(&'a self, mut blocks: Vec<Block<'a>>) -> Prose<'a> {
        blocks.clear();
        blocks.extend(self.blocks());
        Prose {
            text: &self.text,
            blocks,
            lists: &self.lists,
            mailto: &self.mailto,
        }
    }
}

/// An emptied buffer, its allocation kept, as a buffer of the same type borrowing for a
/// different lifetime: how [`Extract`]'s event and block lists outlive the text they borrow
/// from one JD to the next without `unsafe`. The standard library collects a `map` over a
/// vector's own `into_iter` in place when the element layouts agree, as they do here;
/// `buffers_keep_their_allocation` checks that it still does.
pub fn recycle<T, U>(mut buffer: Vec<T>) -> Vec<U> {
    buffer.clear();
    buffer
        .into_iter()
        .map(|_| unreachable!("the buffer is empty"))
        .collect()
}

/// The block being read: where its text and map started in the shared buffers.
struct Open {
    kind: BlockKind,
    text_start: usize,
    map_start: usize,
    section: Option<usize>,
    allowed: Vec<String>,
}

/// Reads the allow-list from `<!-- jdlib-lint: allow CODE, CODE -->`.
fn allow_comment(html: &str) -> Option<Vec<String>> {
    let start = html.find("jdlib-lint:")?;
    let rest = html[start + "jdlib-lint:".len()..].trim_start();
    let rest = rest.strip_prefix("allow")?;
    let end = rest.find("-->").unwrap_or(rest.len());
    Some(
        rest[..end]
            .split([',', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

/// Ends the open block: kept with its words when it has any text, dropped otherwise.
fn flush(current: &mut Option<Open>, out: &mut Extract) {
    let Some(open) = current.take() else {
        return;
    };
    let text = &out.text[open.text_start..];
    if text.trim().is_empty() {
        out.text.truncate(open.text_start);
        out.map.truncate(open.map_start);
        return;
    }
    out.spans.push(Span {
        kind: open.kind,
        text: open.text_start..out.text.len(),
        // Found for every block at once when the body is read (see `split_words`).
        words: 0..0,
        map: open.map_start..out.map.len(),
        section: open.section,
        allowed: open.allowed,
    });
    // Keeps the last word of this block apart from the first of the next.
    out.text.push('\n');
}

/// Splits every block's text into words in one pass over the shared buffer, and gives each
/// block its words, with offsets in its own text. A JD has dozens of short blocks (each list
/// item is one), and splitting them one by one paid a call and a part-filled 64-byte chunk
/// for each. The newline after each block ends any word, so no word spans two blocks.
fn split_words(out: &mut Extract) {
    crate::lint::words::word_shapes(&out.text, &mut out.words, &mut out.shapes);
    let mut w = 0;
    for span in &mut out.spans {
        let first = w;
        while let Some(word) = out.words.get_mut(w)
            && word.0 < span.text.end
        {
            word.0 -= span.text.start;
            word.1 -= span.text.start;
            w += 1;
        }
        span.words = first..w;
    }
}

/// Splits a body into prose blocks.
pub fn extract(body: &str) -> Extract {
    let mut out = Extract::default();
    extract_into(body, &mut out, &mut Vec::new());
    out
}

/// [`extract`] into an [`Extract`] and an event list that the caller reuses from JD to JD:
/// every buffer is cleared, not freed, so a worker linting thousands of JDs allocates them
/// only while they grow to the largest JD's size.
pub fn extract_into<'a>(
    body: &'a str,
    out: &mut Extract,
    events: &mut Vec<(Event<'a>, Range<usize>)>,
) {
    out.clear();
    if crate::lint::plain::events_into(body, events) {
        build(body, events.drain(..), out);
    } else {
        build(body, Parser::new(body).into_offset_iter(), out);
    }
}

impl Extract {
    /// Empties every buffer, keeping its allocation.
    fn clear(&mut self) {
        self.text.clear();
        self.lower.clear();
        self.words.clear();
        self.shapes.clear();
        self.map.clear();
        self.sections.clear();
        self.section_text.clear();
        self.spans.clear();
        self.lists.clear();
        self.mailto.clear();
    }
}

/// Splits a body into prose blocks, given its Markdown events, into an emptied `out`.
fn build<'a>(
    body: &'a str,
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
    out: &mut Extract,
) {
    // Sized from the body once, rather than grown step by step: prose is most of a body, a
    // word takes six bytes or so, and a source piece (a line, or text between markup)
    // several words.
    out.text.reserve(body.len());
    out.words.reserve(body.len() / 5);
    out.shapes.reserve(body.len() / 5);
    out.map.reserve(body.len() / 16);
    let mut current: Option<Open> = None;
    let mut section: Option<usize> = None;
    let mut heading_text = String::new();
    let mut in_heading = false;
    let mut in_code_block = false;
    let mut link: Option<CowStr<'_>> = None;
    let mut pending_allow: Vec<String> = Vec::new();
    let mut list_stack: Vec<usize> = Vec::new();

    for (event, range) in events {
        match event {
            Event::Start(tag @ (Tag::Paragraph | Tag::Heading { .. } | Tag::Item)) => {
                // A paragraph inside a list item continues the item's block.
                if matches!(tag, Tag::Paragraph)
                    && current.as_ref().is_some_and(|b| {
                        b.kind == BlockKind::Item && out.text[b.text_start..].trim().is_empty()
                    })
                {
                    continue;
                }
                flush(&mut current, out);
                let kind = match tag {
                    Tag::Heading { level, .. } => {
                        heading_text.clear();
                        in_heading = true;
                        BlockKind::Heading(heading_number(level))
                    }
                    Tag::Item => {
                        if let Some(count) = list_stack.last_mut() {
                            *count += 1;
                        }
                        BlockKind::Item
                    }
                    _ => BlockKind::Paragraph,
                };
                current = Some(Open {
                    kind,
                    text_start: out.text.len(),
                    map_start: out.map.len(),
                    section,
                    allowed: std::mem::take(&mut pending_allow),
                });
            }
            Event::End(TagEnd::Heading(level)) => {
                if level == HeadingLevel::H2 || level == HeadingLevel::H1 {
                    section = in_heading.then(|| {
                        let start = out.section_text.len();
                        out.section_text.push_str(heading_text.trim());
                        out.sections.push(start..out.section_text.len());
                        out.sections.len() - 1
                    });
                    if let Some(block) = current.as_mut() {
                        block.section = section;
                    }
                }
                in_heading = false;
                flush(&mut current, out);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item)
                if (!matches!(current.as_ref().map(|b| b.kind), Some(BlockKind::Item))
                    || matches!(event, Event::End(TagEnd::Item))) =>
            {
                flush(&mut current, out);
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut current, out);
                list_stack.push(0);
                out.lists.push(List {
                    offset: range.start,
                    items: 0,
                    allowed: pending_allow.clone(),
                });
            }
            Event::End(TagEnd::List(_)) => {
                let items = list_stack.pop().unwrap_or(0);
                // The list closing now is the most recent one still open at this depth.
                if let Some(list) = out
                    .lists
                    .iter_mut()
                    .rev()
                    .find(|l| l.items == 0 && l.offset <= range.start)
                {
                    list.items = items;
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut current, out);
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                // `<a@b.org>` arrives as an email link without `mailto:`; `[x](mailto:a@b.org)`
                // with it.
                let address = dest_url.strip_prefix("mailto:").or_else(|| {
                    (link_type == pulldown_cmark::LinkType::Email).then_some(dest_url.as_ref())
                });
                if let Some(address) = address {
                    out.mailto.push((range.start, address.to_owned()));
                }
                link = Some(dest_url);
            }
            Event::End(TagEnd::Link) => link = None,
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(codes) = allow_comment(&html) {
                    pending_allow = codes;
                }
            }
            Event::Text(text) if !in_code_block => {
                // Autolinks repeat their address as text; an address is not prose.
                if link.as_deref().is_some_and(|d| {
                    d == text.as_ref() || d.strip_prefix("mailto:") == Some(text.as_ref())
                }) {
                    push_gap(current.as_ref(), out, text.len());
                    continue;
                }
                if in_heading {
                    heading_text.push_str(&text);
                }
                if let Some(block) = current.as_ref() {
                    let exact = body.get(range.clone()) == Some(text.as_ref());
                    out.map
                        .push((out.text.len() - block.text_start, range.start, exact));
                    out.text.push_str(&text);
                }
            }
            Event::Code(code) => {
                if in_heading {
                    heading_text.push_str(&code);
                }
                push_gap(current.as_ref(), out, 1);
            }
            Event::SoftBreak | Event::HardBreak => push_gap(current.as_ref(), out, 1),
            _ => {}
        }
    }
    flush(&mut current, out);
    split_words(out);
    out.lower.push_str(&out.text);
    out.lower.make_ascii_lowercase();
}

/// Spaces standing in for something that is not prose, so words on either side stay apart.
fn push_gap(current: Option<&Open>, out: &mut Extract, len: usize) {
    if let Some(block) = current {
        let at = out.text.len() - block.text_start;
        let last = out.map[block.map_start..].last().map_or(0, |m| m.1);
        out.map.push((at, last, false));
        out.text.extend(std::iter::repeat_n(' ', len.max(1)));
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    #[test]
    fn buffers_keep_their_allocation() {
        let body = String::from("A paragraph.\n\n- an item\n");
        let mut events = Vec::new();
        assert!(crate::lint::plain::events_into(&body, &mut events));
        let capacity = events.capacity();
        let kept: Vec<(Event<'static>, Range<usize>)> = recycle(events);
        assert!(kept.is_empty());
        assert_eq!(kept.capacity(), capacity);
    }

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
}
