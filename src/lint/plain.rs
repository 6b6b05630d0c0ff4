//! The Markdown events of a plain body, found by a line scan instead of pulldown-cmark.
//!
//! Most JDs are headings, tight `- ` lists and paragraphs of plain text, each block set off by
//! blank lines. For such a body the events pulldown-cmark would emit follow from the lines
//! alone, and finding them that way costs a fraction of a full Markdown parse, which would
//! be a fifth of lint's time. Anything else (emphasis, links, code, HTML, entities, escapes,
//! indentation, tabs, CRs, loose or nested lists, numbered lists, setext headings, lazy
//! continuations) gets `None`, and the caller parses the body with pulldown-cmark, so what
//! the scan does not know it never guesses. The tests hold the two to the same extract.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::library::document::lines;

/// What the previous line was, which decides what may follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of the body, or a blank line after a heading or paragraph.
    Open,
    /// A blank line after a list: another item here would make the list loose.
    AfterList,
    Heading,
    Paragraph,
    Item,
}

/// Bytes that may start or change inline markup, or that the scan does not handle. A `#`
/// is allowed only where a heading starts.
const SPECIAL: [u8; 15] = *b"\\`*_[]<>&!~|\t\r\0";

/// Text the scan can pass through as one exact piece, given a body free of special bytes: no
/// leading or trailing whitespace, starting with an ASCII letter (so it starts no block).
fn is_plain_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes
            .last()
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_whitespace())
}

/// Whether any byte is one of [`SPECIAL`]: five `memchr3` scans, which read a plain body
/// many bytes at a time, rather than a table lookup per byte.
fn has_special(bytes: &[u8]) -> bool {
    SPECIAL
        .chunks(3)
        .any(|three| memchr::memchr3(three[0], three[1], three[2], bytes).is_some())
}

fn heading_level(n: usize) -> Option<HeadingLevel> {
    Some(match n {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        6 => HeadingLevel::H6,
        _ => return None,
    })
}

/// The events and source ranges of a plain body, or `None` when the body is not plain. Only
/// the ranges lint reads are exact: text, and the start of each list.
#[cfg(test)]
pub fn events(body: &str) -> Option<Vec<(Event<'_>, Range<usize>)>> {
    let mut out = Vec::new();
    events_into(body, &mut out).then_some(out)
}

/// [`events`] into a buffer the caller reuses: whether the body was plain. `out` is cleared
/// first, and holds nothing useful when the answer is no.
pub fn events_into<'a>(body: &'a str, out: &mut Vec<(Event<'a>, Range<usize>)>) -> bool {
    plain_events(body, out).is_some()
}

fn plain_events<'a>(body: &'a str, out: &mut Vec<(Event<'a>, Range<usize>)>) -> Option<()> {
    out.clear();
    // One pass over the whole body for markup and URLs; lines then only need their edges
    // checked.
    if has_special(body.as_bytes()) || memchr::memmem::find(body.as_bytes(), b"://").is_some() {
        return None;
    }
    let mut prev = Prev::Open;
    let mut list_start = 0;
    let mut offset = 0;
    // Closes whatever block is open before a blank line or the end of the body.
    let close = |prev: Prev, list_start: usize, at: usize, out: &mut Vec<_>| match prev {
        Prev::Paragraph => out.push((Event::End(TagEnd::Paragraph), at..at)),
        Prev::Item => {
            out.push((Event::End(TagEnd::Item), at..at));
            out.push((Event::End(TagEnd::List(false)), list_start..at));
        }
        Prev::Open | Prev::AfterList | Prev::Heading => {}
    };
    for line in lines(body) {
        let start = offset;
        offset += line.len();
        let content = line.strip_suffix('\n').unwrap_or(line);
        if content.is_empty() {
            close(prev, list_start, start, out);
            prev = match prev {
                Prev::Item | Prev::AfterList => Prev::AfterList,
                _ => Prev::Open,
            };
            continue;
        }
        if let Some(rest) = content.strip_prefix('#') {
            // `## Title`: a heading, only after a blank line (or at the start).
            if !matches!(prev, Prev::Open | Prev::AfterList) {
                return None;
            }
            let hashes = 1 + rest.bytes().take_while(|&b| b == b'#').count();
            let level = heading_level(hashes)?;
            let text = content[hashes..].strip_prefix(' ')?;
            // A `#` inside a heading may close it.
            if !is_plain_text(text) || text.contains('#') {
                return None;
            }
            let at = start + hashes + 1;
            out.push((
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }),
                start..offset,
            ));
            out.push((Event::Text(CowStr::Borrowed(text)), at..at + text.len()));
            out.push((Event::End(TagEnd::Heading(level)), start..offset));
            prev = Prev::Heading;
        } else if let Some(text) = content.strip_prefix("- ") {
            if !is_plain_text(text) {
                return None;
            }
            match prev {
                Prev::Item => out.push((Event::End(TagEnd::Item), start..start)),
                Prev::Open => {
                    list_start = start;
                    out.push((Event::Start(Tag::List(None)), start..start));
                }
                // Right after a heading or paragraph line, or a list's blank line: the
                // list's extent is for the parser to decide.
                Prev::AfterList | Prev::Heading | Prev::Paragraph => return None,
            }
            out.push((Event::Start(Tag::Item), start..offset));
            out.push((
                Event::Text(CowStr::Borrowed(text)),
                start + 2..start + 2 + text.len(),
            ));
            prev = Prev::Item;
        } else {
            if !is_plain_text(content) {
                return None;
            }
            match prev {
                Prev::Paragraph => out.push((Event::SoftBreak, start - 1..start)),
                Prev::Open | Prev::AfterList => {
                    out.push((Event::Start(Tag::Paragraph), start..start));
                }
                // A line straight after a heading is a paragraph, but after a
                // list item it would continue the item: leave both to the parser.
                Prev::Heading | Prev::Item => return None,
            }
            out.push((
                Event::Text(CowStr::Borrowed(content)),
                start..start + content.len(),
            ));
            prev = Prev::Paragraph;
        }
    }
    close(prev, list_start, offset, out);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn scans_agree_with_the_plain_versions(text in "[a\n\\\\`*_\\[\\]<>&!~|\t\r\0#é -]{0,30}") {
            prop_assert_eq!(
                has_special(text.as_bytes()),
                text.bytes().any(|b| SPECIAL.contains(&b))
            );
            prop_assert_eq!(
                lines(&text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>()
            );
        }
    }
}
