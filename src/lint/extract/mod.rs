//! Reads a JD body into an [`Extract`]: its prose blocks, lists and linked addresses, from
//! the line scan's events (`plain.rs`) when the body is plain and pulldown-cmark's otherwise.
//! The tests hold the two paths to the same extract.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::lint::text::{BlockKind, Extract, List, Span};

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
#[cfg(test)]
pub fn extract(body: &str) -> Extract {
    let mut out = Extract::default();
    extract_into(body, &mut out, &mut Vec::new());
    out
}

/// Splits a body into prose blocks, into an [`Extract`] and an event list that the caller reuses:
/// from JD to JD every buffer is cleared, not freed, so a worker linting thousands of JDs
/// allocates them only while they grow to the largest JD's size.
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
                        BlockKind::Heading(crate::markdown::level_number(level))
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

#[cfg(test)]
pub(crate) mod tests;
