//! Words, sentences and syllables of prose, found a byte at a time.
//!
//! Lint reads every byte of every JD several times over, so these scans decide its speed.
//! ASCII, nearly all of a JD, is classified by table lookup; other characters are decoded
//! and classified as characters. The tests compare each scan with a plain
//! character-by-character version.

use crate::bytemask::{CHUNK, chunks, flags, gather, mark_chars};

/// Words in a text with their byte offsets: letters, digits, apostrophes and inner hyphens.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    word_spans(text, &mut spans);
    spans.into_iter().map(|(s, e)| (s, &text[s..e])).collect()
}

/// The byte ranges of [`words`], appended to `out`.
pub fn word_spans(text: &str, out: &mut Vec<(usize, usize)>) {
    word_shapes(text, out, &mut Vec::new());
}

/// Set in a word's shape when the word has a hyphen.
pub const HYPHENATED: u32 = 1 << 31;

/// What 64 bytes of text hold, one bit per byte.
struct Chunk {
    /// Bytes that can start or continue a word: ASCII letters and digits, apostrophes, and
    /// every byte of a non-ASCII letter, digit or `’`.
    word: u64,
    /// ASCII vowels (`y` included, as [`syllables`] counts it).
    vowel: u64,
    /// Hyphens, which continue a word but cannot start one.
    hyphen: u64,
    /// Bytes a word may not end with as split: hyphens and apostrophes, which [`push_word`]
    /// trims, and every non-ASCII byte (the end of a `’`, among others).
    trim: u64,
    /// `e` and `l` in either case: a silent final `e` is one not after an `l`.
    e: u64,
    l: u64,
    /// Whether any byte is non-ASCII, so that characters need decoding.
    non_ascii: bool,
}

impl Chunk {
    /// Classifies 64 bytes (ASCII only; the caller marks non-ASCII letters). Flags are set
    /// per byte in a loop the compiler turns into vector instructions, then gathered into
    /// bits eight bytes at a time: a tenth of the cost of a table lookup and branch per byte.
    // `|` rather than `||` between the tests: no branches, so the loop vectorizes.
    #[allow(clippy::needless_bitwise_bool)]
    fn ascii(bytes: &[u8; CHUNK]) -> Chunk {
        let (flags, non_ascii) = flags(bytes, |b| {
            let lower = b | 0x20;
            let letter = lower.wrapping_sub(b'a') < 26;
            let digit = b.wrapping_sub(b'0') < 10;
            let vowel = (lower == b'a')
                | (lower == b'e')
                | (lower == b'i')
                | (lower == b'o')
                | (lower == b'u')
                | (lower == b'y');
            u8::from(letter | digit | (b == b'\''))
                | (u8::from(vowel) << 1)
                | (u8::from(b == b'-') << 2)
                | (u8::from((b == b'-') | (b == b'\'') | (b >= 0x80)) << 3)
                | (u8::from(lower == b'e') << 4)
                | (u8::from(lower == b'l') << 5)
        });
        Chunk {
            word: gather(&flags, 0),
            vowel: gather(&flags, 1),
            hyphen: gather(&flags, 2),
            trim: gather(&flags, 3),
            e: gather(&flags, 4),
            l: gather(&flags, 5),
            non_ascii,
        }
    }
}

/// Set bits in each byte value.
static BYTE_ONES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        // Every entry but the first is an earlier one plus the lowest bit.
        table[i] = table[i / 2] + (i % 2 == 1) as u8;
        i += 1;
    }
    table
};

/// `bits.count_ones()`, by table for the low 16 bits that a word's vowel groups nearly
/// always fit in: baseline x86-64 has no `popcnt`, and counting in registers takes a dozen
/// instructions for each word.
#[inline]
fn ones(bits: u64) -> u32 {
    if bits >> 16 == 0 {
        u32::from(BYTE_ONES[(bits & 0xFF) as usize] + BYTE_ONES[(bits >> 8) as usize])
    } else {
        bits.count_ones()
    }
}

/// Bits `from..to` of a `u64` (`from < 64`, `to <= 64`).
fn span(from: u32, to: u32) -> u64 {
    let below_to = if to >= 64 { u64::MAX } else { (1 << to) - 1 };
    below_to & (u64::MAX << from)
}

/// The byte ranges of [`words`], appended to `out`, and each word's shape appended to
/// `shapes`: its [`syllables`], with [`HYPHENATED`] added when it has a hyphen. The rules
/// need both for every word, and finding them while the word is split saves reading its
/// bytes again. (A word of 2^31 syllables, which would need 4 GiB of text, would saturate.)
///
/// The text is read 64 bytes at a time as bit masks (see [`Chunk`]): a word is a run of
/// word and hyphen bits that starts at a word bit, found with `trailing_zeros`, and its
/// vowel groups are the vowel bits whose previous byte is not a vowel, counted with
/// `count_ones`. Only chunks holding non-ASCII bytes decode characters.
pub fn word_shapes(text: &str, out: &mut Vec<(usize, usize)>, shapes: &mut Vec<u32>) {
    let bytes = text.as_bytes();
    // The word being read, if any: its start, vowel groups so far and first hyphen.
    let mut word: Option<(usize, u32, usize)> = None;
    // Whether the last byte of the previous chunk was a vowel.
    let mut vowel_before = 0u64;
    // Word bits of a non-ASCII character that runs on into the next chunk.
    let mut carry = 0u64;
    for (base, block, piece) in chunks(bytes) {
        let mut chunk = Chunk::ascii(&block);
        chunk.word |= carry;
        carry = 0;
        if chunk.non_ascii {
            // Letters, digits and `’` are word characters.
            let (bits, next, _) =
                mark_chars(text, base, piece, |c| c.is_alphanumeric() || c == '’');
            chunk.word |= bits;
            carry = next;
        }
        let groups_start = chunk.vowel & !((chunk.vowel << 1) | vowel_before);
        vowel_before = chunk.vowel >> 63;
        let inside = chunk.word | chunk.hyphen;
        let mut at = 0u32;
        // A word begun in an earlier chunk: up to its end, which may be further on still.
        if let Some((start, groups, first_hyphen)) = word.as_mut() {
            let ends = !inside;
            let to = if ends == 0 { 64 } else { ends.trailing_zeros() };
            let bits = span(0, to);
            *groups += (groups_start & bits).count_ones();
            let hyphens = chunk.hyphen & bits;
            if hyphens != 0 && *first_hyphen == usize::MAX {
                *first_hyphen = base + hyphens.trailing_zeros() as usize;
            }
            if ends == 0 {
                continue;
            }
            let end = base + to as usize;
            push_word(text, *start, end, (*groups, *first_hyphen), out, shapes);
            word = None;
            at = to;
        }
        // Words starting in this chunk: all but perhaps the last end in it too, so each
        // costs two `trailing_zeros`, a `count_ones` and no state.
        loop {
            let starts = chunk.word & (u64::MAX << at);
            if starts == 0 {
                break;
            }
            let start = starts.trailing_zeros();
            let from_start = u64::MAX << start;
            let ends = !inside & from_start;
            let first_hyphen = |bits: u64| {
                let hyphens = chunk.hyphen & bits;
                if hyphens == 0 {
                    usize::MAX
                } else {
                    base + hyphens.trailing_zeros() as usize
                }
            };
            if ends == 0 {
                let groups = (groups_start & from_start).count_ones();
                word = Some((base + start as usize, groups, first_hyphen(from_start)));
                break;
            }
            // `start < to < 64`.
            let to = ends.trailing_zeros();
            let bits = from_start & ((1 << to) - 1);
            let groups = ones((groups_start & bits) >> start);
            let last = 1 << (to - 1);
            if chunk.trim & last == 0 {
                // Nearly every word: nothing to trim, so its shape comes from the masks
                // alone, as `push_word` would find it from the bytes.
                // The byte before a one-byte word is no letter, so no `l`, as
                // `finish_syllables` has it.
                let silent_e = chunk.e & last != 0 && chunk.l & (last >> 1) == 0;
                let syllables = (groups - u32::from(silent_e && groups > 1)).max(1);
                out.push((base + start as usize, base + to as usize));
                shapes.push(
                    syllables
                        | if chunk.hyphen & bits != 0 {
                            HYPHENATED
                        } else {
                            0
                        },
                );
            } else {
                push_word(
                    text,
                    base + start as usize,
                    base + to as usize,
                    (groups, first_hyphen(bits)),
                    out,
                    shapes,
                );
            }
            at = to;
        }
    }
    if let Some((start, groups, first_hyphen)) = word {
        push_word(
            text,
            start,
            bytes.len(),
            (groups, first_hyphen),
            out,
            shapes,
        );
    }
}

/// A word without its trailing hyphens and apostrophes, unless nothing is left. Trimming
/// takes no vowels, so the vowel groups counted before it stand. Inlined: a call per word
/// costs more than the work, and without the attribute the compiler keeps it out of line.
#[allow(clippy::inline_always)]
#[inline(always)]
fn push_word(
    text: &str,
    start: usize,
    end: usize,
    (groups, first_hyphen): (u32, usize),
    out: &mut Vec<(usize, usize)>,
    shapes: &mut Vec<u32>,
) {
    let bytes = text.as_bytes();
    // `’` ends in 0x99; only words ending in one of these bytes need trimming.
    let end = if matches!(bytes[end - 1], b'-' | b'\'' | 0x99) {
        start + text[start..end].trim_end_matches(['-', '\'', '’']).len()
    } else {
        end
    };
    if end > start {
        out.push((start, end));
        let syllables = finish_syllables(groups.min(HYPHENATED - 1), &bytes[start..end]);
        shapes.push(syllables | if first_hyphen < end { HYPHENATED } else { 0 });
    }
}

/// A word's syllables from its vowel groups: less a silent final `e`, and at least one.
fn finish_syllables(mut count: u32, bytes: &[u8]) -> u32 {
    let silent_e = bytes.last().is_some_and(|b| b.eq_ignore_ascii_case(&b'e'))
        && !(bytes.len() >= 2 && bytes[bytes.len() - 2].eq_ignore_ascii_case(&b'l'));
    if silent_e && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Sentences in a text: byte ranges ending at `.`, `!` or `?` before a space or the end.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sentences_into(text, &mut out);
    out
}

/// [`sentences`] into a buffer the caller reuses.
pub fn sentences_into(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if text[start..].trim().len() > 1 {
        out.push((start, text.len()));
    }
}

const fn vowels() -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    let list = b"aeiouyAEIOUY";
    while i < list.len() {
        table[list[i] as usize] = true;
        i += 1;
    }
    table
}

static VOWELS: [bool; 256] = vowels();

/// Estimated syllables in an English word: vowel groups, less a silent final `e`.
pub fn syllables(word: &str) -> usize {
    syllables_in(word.as_bytes())
}

/// [`syllables`] of a word's bytes: every byte of a non-ASCII character is a non-vowel, as
/// the character itself is.
pub fn syllables_in(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut prev_vowel = false;
    for &b in bytes {
        let vowel = VOWELS[usize::from(b)];
        count += usize::from(vowel && !prev_vowel);
        prev_vowel = vowel;
    }
    let silent_e = bytes.last().is_some_and(|b| b.eq_ignore_ascii_case(&b'e'))
        && !(bytes.len() >= 2 && bytes[bytes.len() - 2].eq_ignore_ascii_case(&b'l'));
    if silent_e && count > 1 {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests;
