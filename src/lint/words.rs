//! Words, sentences and syllables of prose, found a byte at a time.
//!
//! Lint reads every byte of every JD several times over, so these scans decide its speed.
//! ASCII, nearly all of a JD, is classified by table lookup; other characters are decoded
//! and classified as characters. The tests compare each scan with the plain
//! character-by-character version it replaced.

/// What a byte can be at the start of or inside a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Ends a word (spaces, punctuation).
    Gap,
    /// An ASCII vowel (`y` included, as [`syllables`] counts it).
    Vowel,
    /// Another ASCII letter or digit, or an apostrophe.
    Word,
    /// A hyphen: inside a word only once the word has started.
    Hyphen,
    /// The first byte of a non-ASCII character: decode it.
    Other,
}

const fn classes() -> [Class; 256] {
    let vowels = vowels();
    let mut table = [Class::Gap; 256];
    let mut byte: u8 = 0;
    loop {
        table[byte as usize] = if vowels[byte as usize] {
            Class::Vowel
        } else if byte.is_ascii_alphanumeric() || byte == b'\'' {
            Class::Word
        } else if byte == b'-' {
            Class::Hyphen
        } else if byte >= 0x80 {
            Class::Other
        } else {
            Class::Gap
        };
        if byte == u8::MAX {
            return table;
        }
        byte += 1;
    }
}

static CLASSES: [Class; 256] = classes();

/// Whether the non-ASCII character at `i` belongs in a word, and its length in bytes.
fn other_char(text: &str, i: usize) -> (bool, usize) {
    text[i..].chars().next().map_or((false, 1), |c| {
        (c.is_alphanumeric() || c == '’', c.len_utf8())
    })
}

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

/// The byte ranges of [`words`], appended to `out`, and each word's shape appended to
/// `shapes`: its [`syllables`], with [`HYPHENATED`] added when it has a hyphen. The rules
/// need both for every word, and finding them while the word is split saves reading its
/// bytes again. (A word of 2^31 syllables, which would need 4 GiB of text, would saturate.)
pub fn word_shapes(text: &str, out: &mut Vec<(usize, usize)>, shapes: &mut Vec<u32>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Outside a word: a hyphen cannot start one.
        let start = i;
        // Vowel groups so far, and whether the last byte was a vowel.
        let (mut groups, mut vowel) = (0u32, false);
        match CLASSES[usize::from(bytes[i])] {
            Class::Vowel => (groups, vowel, i) = (1, true, i + 1),
            Class::Word => i += 1,
            Class::Other => {
                let (inside, len) = other_char(text, i);
                i += len;
                if !inside {
                    continue;
                }
            }
            Class::Gap | Class::Hyphen => {
                i += 1;
                continue;
            }
        }
        let mut first_hyphen = usize::MAX;
        // Inside a word, up to the first byte that ends it. Every byte of a non-ASCII
        // character is a non-vowel, as the character itself is.
        while i < bytes.len() {
            match CLASSES[usize::from(bytes[i])] {
                Class::Vowel => {
                    groups += u32::from(!vowel);
                    vowel = true;
                    i += 1;
                }
                Class::Word => {
                    vowel = false;
                    i += 1;
                }
                Class::Hyphen => {
                    first_hyphen = first_hyphen.min(i);
                    vowel = false;
                    i += 1;
                }
                Class::Gap => break,
                Class::Other => {
                    let (inside, len) = other_char(text, i);
                    if !inside {
                        break;
                    }
                    vowel = false;
                    i += len;
                }
            }
        }
        push_word(text, start, i, (groups, first_hyphen), out, shapes);
    }
}

/// A word without its trailing hyphens and apostrophes, unless nothing is left. Trimming
/// takes no vowels, so the vowel groups counted before it stand.
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_and_sentences() {
        let ws: Vec<&str> = words("Self-reliant, it's 2.2 AA; data-driven—fine.")
            .into_iter()
            .map(|w| w.1)
            .collect();
        assert_eq!(
            ws,
            [
                "Self-reliant",
                "it's",
                "2",
                "2",
                "AA",
                "data-driven",
                "fine"
            ]
        );
        assert_eq!(
            sentences("One two. Three? Four"),
            [(0, 8), (8, 15), (15, 20)]
        );
        assert_eq!(sentences("WCAG 2.2 AA applies."), [(0, 20)]);
    }

    #[test]
    fn syllable_estimates_are_close() {
        for (word, n) in [
            ("data", 2),
            ("analyst", 3),
            ("service", 2),
            ("residents", 3),
            ("table", 2),
            ("the", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    /// The character-by-character word splitter the byte-level one replaced.
    fn words_by_char(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            let inside =
                c.is_alphanumeric() || c == '\'' || c == '’' || (c == '-' && start.is_some());
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, text[s..i].trim_end_matches(['-', '\'', '’'])));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text[s..].trim_end_matches(['-', '\'', '’'])));
        }
        out.retain(|(_, w)| !w.is_empty());
        out
    }

    /// The byte-by-byte sentence splitter the `memchr` one replaced.
    fn sentences_by_byte(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
            {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
        if text[start..].trim().len() > 1 {
            out.push((start, text.len()));
        }
        out
    }

    /// The character-by-character syllable estimate the byte-level one replaced.
    fn syllables_by_char(word: &str) -> usize {
        let mut count = 0;
        let mut prev_vowel = false;
        for c in word.chars() {
            let vowel = matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
            if vowel && !prev_vowel {
                count += 1;
            }
            prev_vowel = vowel;
        }
        let lower_end = |suffix: &str| {
            word.len() >= suffix.len()
                && word.is_char_boundary(word.len() - suffix.len())
                && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        if lower_end("e") && !lower_end("le") && count > 1 {
            count -= 1;
        }
        count.max(1)
    }

    /// Text made of the pieces the scans care about, mixed.
    fn prose_soup() -> impl Strategy<Value = String> {
        let piece = proptest::sample::select(vec![
            "a", "E", "le", "LE", "y", "q", "Z", "9", "-", "--", "'", "’", " ", ".", "!", "?",
            ". ", "é", "É", "ß", "ę", "中", "٣", "İ", "\u{301}", "\u{a0}", "\t", "\n", "(", ")",
            "@", "x-", "-y", "—",
        ]);
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn byte_level_scans_match_the_character_versions(text in prose_soup()) {
            prop_assert_eq!(words(&text), words_by_char(&text));
            prop_assert_eq!(sentences(&text), sentences_by_byte(&text));
            for (_, word) in words(&text) {
                prop_assert_eq!(syllables(word), syllables_by_char(word), "{}", word);
            }
            let (mut spans, mut shapes) = (Vec::new(), Vec::new());
            word_shapes(&text, &mut spans, &mut shapes);
            prop_assert_eq!(spans.len(), shapes.len());
            for (&(s, e), &shape) in spans.iter().zip(&shapes) {
                let word = &text[s..e];
                let syllables = usize::try_from(shape & !HYPHENATED).unwrap_or(usize::MAX);
                prop_assert_eq!(syllables, syllables_by_char(word), "{}", word);
                prop_assert_eq!(shape & HYPHENATED != 0, word.contains('-'), "{}", word);
            }
            prop_assert_eq!(syllables(&text), syllables_by_char(&text));
        }

        #[test]
        fn arbitrary_text_splits_the_same(text in any::<String>()) {
            prop_assert_eq!(words(&text), words_by_char(&text));
            prop_assert_eq!(sentences(&text), sentences_by_byte(&text));
        }
    }
}
