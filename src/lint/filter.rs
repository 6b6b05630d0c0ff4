//! The word filter: which rules' word hooks a word may interest, looked up by its first two
//! bytes. Built once per run from the rules' own first-bytes tests.

use crate::lint::rule::Words;

/// Which of the per-word rules a word may fire, looked up by the word's first two bytes as
/// written: one table read per word, where the rules' own first tests cost a dozen
/// instructions each. A set bit only lets a rule look: each rule still makes its own
/// checks, so the table may say yes too often but never no to a word a rule would report.
/// A one-byte word is looked up with the byte after it, which cannot be a word byte, and
/// every rule with a one-byte start sets all of its row.
pub struct WordFilter {
    flags: Vec<u8>,
}

impl WordFilter {
    /// The table of `flags(first, second)` for every pair of bytes.
    pub fn new(flags: impl Fn(u8, u8) -> u8) -> Self {
        let mut table = vec![0u8; 256 * 256];
        for first in 0..=u8::MAX {
            for second in 0..=u8::MAX {
                table[usize::from(first) * 256 + usize::from(second)] = flags(first, second);
            }
        }
        WordFilter { flags: table }
    }

    /// The flags of a word starting at `at` in `text`.
    #[inline]
    pub fn at(&self, text: &[u8], at: usize) -> u8 {
        let first = text[at];
        let second = text.get(at + 1).copied().unwrap_or(0);
        self.flags[usize::from(first) * 256 + usize::from(second)]
    }
}

/// Each rule's bit in the filter, given which words each rule's word hook sees: rules that
/// filter by first bytes get one bit each, in list order; the others none. More than eight
/// such rules would need a wider table, and fail to compile here.
pub const fn bits<const N: usize>(words: [Words; N]) -> [u8; N] {
    let mut bits = [0u8; N];
    let mut next = 0;
    let mut i = 0;
    while i < N {
        if matches!(words[i], Words::FirstBytes | Words::FirstBytesOrHyphenated) {
            assert!(
                next < 8,
                "more than eight rules filter words by first bytes"
            );
            bits[i] = 1 << next;
            next += 1;
        }
        i += 1;
    }
    bits
}

/// The bits of the rules that see every hyphenated word.
pub const fn hyphen_mask<const N: usize>(words: [Words; N], bits: [u8; N]) -> u8 {
    let mut mask = 0;
    let mut i = 0;
    while i < N {
        if matches!(words[i], Words::FirstBytesOrHyphenated) {
            mask |= bits[i];
        }
        i += 1;
    }
    mask
}

/// All the bits.
pub const fn union<const N: usize>(bits: [u8; N]) -> u8 {
    let mut all = 0;
    let mut i = 0;
    while i < N {
        all |= bits[i];
        i += 1;
    }
    all
}
