//! The readable text of a JD body, as blocks (paragraphs, list items, headings) that remember
//! where each character came from, so every lint finding points at its exact line and column.
//! Code spans, code blocks, HTML and bare URLs are left out: they are not prose.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

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

/// A run of prose and where it came from.
#[derive(Clone, Debug)]
pub struct Block {
    /// Paragraph, list item or heading.
    pub kind: BlockKind,
    /// The text, with soft line breaks as spaces.
    pub text: String,
    /// The H2 section the block is in (the heading text), if any.
    pub section: Option<String>,
    /// Codes an inline `<!-- jdlib-lint: allow CODE -->` comment switches off for this block.
    pub allowed: Vec<String>,
    /// `text` with ASCII letters lowered: same byte offsets, so word slices line up.
    pub lower: String,
    /// The words of `text` as byte ranges, found once for every rule.
    pub words: Vec<(usize, usize)>,
    /// (offset in `text`, offset in the body, exact) for each piece of source text; exact
    /// pieces map character for character, others to their start.
    map: Vec<(usize, usize, bool)>,
}

impl Block {
    /// Each word with its offset, as written.
    pub fn words(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.words.iter().map(|&(s, e)| (s, &self.text[s..e]))
    }

    /// Each word with its offset, ASCII letters lowered.
    pub fn lower_words(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.words.iter().map(|&(s, e)| (s, &self.lower[s..e]))
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
    /// Blocks in document order.
    pub blocks: Vec<Block>,
    /// Lists in document order.
    pub lists: Vec<List>,
    /// Email addresses linked with `mailto:` (body offset, address).
    pub mailto: Vec<(usize, String)>,
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

/// Splits a body into prose blocks.
pub fn extract(body: &str) -> Extract {
    let mut out = Extract::default();
    let mut current: Option<Block> = None;
    let mut section: Option<String> = None;
    let mut heading_text: Option<String> = None;
    let mut in_code_block = false;
    let mut link: Option<String> = None;
    let mut pending_allow: Vec<String> = Vec::new();
    let mut list_stack: Vec<usize> = Vec::new();

    let flush = |current: &mut Option<Block>, out: &mut Extract| {
        if let Some(mut block) = current.take()
            && !block.text.trim().is_empty()
        {
            block.lower = block.text.to_ascii_lowercase();
            block.words = crate::lint::rules::words(&block.text)
                .into_iter()
                .map(|(at, w)| (at, at + w.len()))
                .collect();
            out.blocks.push(block);
        }
    };
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(tag @ (Tag::Paragraph | Tag::Heading { .. } | Tag::Item)) => {
                // A paragraph inside a list item continues the item's block.
                if matches!(tag, Tag::Paragraph)
                    && current
                        .as_ref()
                        .is_some_and(|b| b.kind == BlockKind::Item && b.text.trim().is_empty())
                {
                    continue;
                }
                flush(&mut current, &mut out);
                let kind = match tag {
                    Tag::Heading { level, .. } => {
                        heading_text = Some(String::new());
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
                current = Some(Block {
                    kind,
                    text: String::new(),
                    section: section.clone(),
                    allowed: std::mem::take(&mut pending_allow),
                    lower: String::new(),
                    words: Vec::new(),
                    map: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(level)) => {
                if level == HeadingLevel::H2 || level == HeadingLevel::H1 {
                    section = heading_text.take().map(|t| t.trim().to_owned());
                    if let Some(block) = current.as_mut() {
                        block.section.clone_from(&section);
                    }
                }
                heading_text = None;
                flush(&mut current, &mut out);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item)
                if (!matches!(current.as_ref().map(|b| b.kind), Some(BlockKind::Item))
                    || matches!(event, Event::End(TagEnd::Item))) =>
            {
                flush(&mut current, &mut out);
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut current, &mut out);
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
                flush(&mut current, &mut out);
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
                link = Some(dest_url.to_string());
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
                    push_gap(&mut current, text.len());
                    continue;
                }
                if let Some(h) = heading_text.as_mut() {
                    h.push_str(&text);
                }
                if let Some(block) = current.as_mut() {
                    let exact = body.get(range.clone()) == Some(text.as_ref());
                    block.map.push((block.text.len(), range.start, exact));
                    block.text.push_str(&text);
                }
            }
            Event::Code(code) => {
                if let Some(h) = heading_text.as_mut() {
                    h.push_str(&code);
                }
                push_gap(&mut current, 1);
            }
            Event::SoftBreak | Event::HardBreak => push_gap(&mut current, 1),
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Spaces standing in for something that is not prose, so words on either side stay apart.
fn push_gap(current: &mut Option<Block>, len: usize) {
    if let Some(block) = current.as_mut() {
        let at = block.text.len();
        let last = block.map.last().map_or(0, |m| m.1);
        block.map.push((at, last, false));
        block.text.push_str(&" ".repeat(len.max(1)));
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
mod tests {
    use super::*;

    #[test]
    fn blocks_map_back_to_the_source() {
        let body = "## Purpose\n\nYou will *lead* the `SQL` work.\n\n- first item\n- second\n";
        let ex = extract(body);
        let texts: Vec<&str> = ex.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Purpose",
                "You will lead the   work.",
                "first item",
                "second"
            ]
        );
        let para = &ex.blocks[1];
        let at = para.text.find("lead").unwrap();
        assert_eq!(
            &body[para.source_offset(at)..para.source_offset(at) + 4],
            "lead"
        );
        assert_eq!(para.section.as_deref(), Some("Purpose"));
        assert_eq!(ex.lists.len(), 1);
        assert_eq!(ex.lists[0].items, 2);
    }

    #[test]
    fn code_html_and_bare_urls_are_not_prose() {
        let body = "Text <https://example.org/a> more.\n\n```\nrockstar\n```\n\n<!-- jdlib-lint: allow long-sentence -->\nNext paragraph.\n";
        let ex = extract(body);
        assert!(
            !ex.blocks
                .iter()
                .any(|b| b.text.contains("rockstar") || b.text.contains("example.org"))
        );
        let next = ex.blocks.iter().find(|b| b.text.contains("Next")).unwrap();
        assert!(next.allows("long-sentence") && !next.allows("gender-coded"));
    }

    #[test]
    fn loose_list_items_keep_their_paragraph() {
        let ex = extract("- one\n\n- two words\n");
        let texts: Vec<&str> = ex.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["one", "two words"]);
        assert!(ex.blocks.iter().all(|b| b.kind == BlockKind::Item));
    }
}
