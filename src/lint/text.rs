//! The readable text of a JD body, as blocks (paragraphs, list items, headings) that remember
//! where each character came from, so every lint finding points at its exact line and column.
//! Code spans, code blocks, HTML and bare URLs are left out: they are not prose.
//!
//! Every block's text, words and source map live in a few buffers shared by the whole body
//! rather than in strings of their own: a JD has dozens of blocks, and allocating and freeing
//! several buffers for each would cost more than the rules that read them. `extract.rs` fills
//! them from a body.

use std::ops::Range;

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
pub(super) struct Span {
    pub(super) kind: BlockKind,
    pub(super) text: Range<usize>,
    pub(super) words: Range<usize>,
    pub(super) map: Range<usize>,
    pub(super) section: Option<usize>,
    pub(super) allowed: Vec<String>,
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
    pub(super) text: String,
    /// `text` with ASCII letters lowered.
    pub(super) lower: String,
    /// Every block's words, as byte ranges in the block's own text.
    pub(super) words: Vec<(usize, usize)>,
    /// Every word's shape, in step with `words`.
    pub(super) shapes: Vec<u32>,
    /// Every block's source map, offsets in the block's own text.
    pub(super) map: Vec<(usize, usize, bool)>,
    /// Section headings, named by index from blocks: ranges of `section_text`, where they
    /// sit one after another rather than in a string each.
    pub(super) sections: Vec<Range<usize>>,
    pub(super) section_text: String,
    pub(super) spans: Vec<Span>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Event;

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
}
