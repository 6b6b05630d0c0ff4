//! Lines and columns of findings, placed in body order.

use crate::diagnostic::to_u32;

/// Lines and columns of byte offsets, as [`crate::diagnostic::LineIndex::position`] gives
/// them, found by counting newlines up to each offset from the one before. A JD has a few
/// findings, and counting up to them costs less than indexing every line of the file first.
pub struct Positions<'a> {
    text: &'a str,
    /// The last offset placed, its 0-based line and where that line starts.
    at: usize,
    line: usize,
    start: usize,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Positions {
            text,
            at: 0,
            line: 0,
            start: 0,
        }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end.
    pub fn position(&mut self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            (self.at, self.line, self.start) = (0, 0, 0);
        }
        for newline in memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.at..offset]) {
            self.line += 1;
            self.start = self.at + newline + 1;
        }
        self.at = offset;
        let start = self.start;
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (to_u32(self.line + 1), to_u32(column + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::LineIndex;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn positions_agree_with_the_line_index(
            text in "[a\n\r é中]{0,40}",
            offsets in prop::collection::vec(0..50usize, 0..8),
        ) {
            let index = LineIndex::new(&text);
            let mut positions = Positions::new(&text);
            for offset in offsets {
                prop_assert_eq!(positions.position(offset), index.position(offset), "{}", offset);
            }
        }
    }
}
