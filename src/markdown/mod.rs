//! Reading Markdown by `CommonMark`'s rules, for the library's section checks and the
//! terminal renderer: a body as a flat run of [`Event`]s in jdlib's own types; and, in
//! `html.rs`, a body as safe HTML for the web site. Keeping pulldown-cmark behind this folder
//! means a change of Markdown crate touches nothing else.

pub mod html;

use std::borrow::Cow;

use pulldown_cmark::{Event as Md, HeadingLevel, Parser, Tag as MdTag, TagEnd};

/// One step through a Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// A block or span opens.
    Start(Tag<'a>),
    /// A block or span closes (a link's closing tag carries no address).
    End(Tag<'a>),
    /// Text.
    Text(Cow<'a, str>),
    /// Inline code.
    Code(Cow<'a, str>),
    /// A line break inside a paragraph that is not a hard one.
    SoftBreak,
    /// A hard line break.
    HardBreak,
    /// A thematic break (`---`).
    Rule,
    /// Anything else (HTML, footnote references, task markers, maths): content all the same.
    Other,
}

/// What a [`Event::Start`] or [`Event::End`] opens or closes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tag<'a> {
    /// A heading, with its level (1 to 6).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list; numbered ones carry their first number (on `Start` only).
    List(Option<u64>),
    /// A list item.
    Item,
    /// Emphasis.
    Emphasis,
    /// Strong emphasis.
    Strong,
    /// A link, with its address (on `Start` only).
    Link(Cow<'a, str>),
    /// Any other block or span (quotes, code blocks, tables...).
    Other,
}

/// The events of `text`.
pub fn events(text: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new(text).map(convert)
}

/// The events of `text`, each with the byte offset where it starts.
pub fn events_with_offsets(text: &str) -> impl Iterator<Item = (Event<'_>, usize)> {
    Parser::new(text)
        .into_offset_iter()
        .map(|(event, range)| (convert(event), range.start))
}

fn convert(event: Md<'_>) -> Event<'_> {
    match event {
        Md::Start(tag) => Event::Start(start_tag(tag)),
        Md::End(tag) => Event::End(end_tag(tag)),
        Md::Text(text) => Event::Text(cow(text)),
        Md::Code(text) => Event::Code(cow(text)),
        Md::SoftBreak => Event::SoftBreak,
        Md::HardBreak => Event::HardBreak,
        Md::Rule => Event::Rule,
        _ => Event::Other,
    }
}

fn start_tag(tag: MdTag<'_>) -> Tag<'_> {
    match tag {
        MdTag::Heading { level, .. } => Tag::Heading(level_number(level)),
        MdTag::Paragraph => Tag::Paragraph,
        MdTag::List(start) => Tag::List(start),
        MdTag::Item => Tag::Item,
        MdTag::Emphasis => Tag::Emphasis,
        MdTag::Strong => Tag::Strong,
        MdTag::Link { dest_url, .. } => Tag::Link(cow(dest_url)),
        _ => Tag::Other,
    }
}

fn end_tag(tag: TagEnd) -> Tag<'static> {
    match tag {
        TagEnd::Heading(level) => Tag::Heading(level_number(level)),
        TagEnd::Paragraph => Tag::Paragraph,
        TagEnd::List(_) => Tag::List(None),
        TagEnd::Item => Tag::Item,
        TagEnd::Emphasis => Tag::Emphasis,
        TagEnd::Strong => Tag::Strong,
        TagEnd::Link => Tag::Link(Cow::Borrowed("")),
        _ => Tag::Other,
    }
}

/// A heading level as its number, 1 to 6 (lint walks pulldown-cmark's events itself).
pub(crate) fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn cow(text: pulldown_cmark::CowStr<'_>) -> Cow<'_, str> {
    match text {
        pulldown_cmark::CowStr::Borrowed(s) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_reads_as_jdlibs_own_events() {
        let text = "## Purpose\n\nSee [the site](https://x.org) and *this*.\n\n3. one\n";
        let events: Vec<_> = events_with_offsets(text).collect();
        assert_eq!(events[0], (Event::Start(Tag::Heading(2)), 0));
        assert!(events.contains(&(Event::End(Tag::Heading(2)), 0)));
        let plain: Vec<_> = events.into_iter().map(|(e, _)| e).collect();
        assert!(plain.contains(&Event::Start(Tag::Link("https://x.org".into()))));
        assert!(plain.contains(&Event::End(Tag::Link("".into()))));
        assert!(plain.contains(&Event::Start(Tag::Emphasis)));
        assert!(plain.contains(&Event::Start(Tag::List(Some(3)))));
        assert!(plain.contains(&Event::Text("one".into())));
    }
}
