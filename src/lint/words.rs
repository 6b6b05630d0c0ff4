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
    /// An ASCII letter or digit, or an apostrophe.
    Word,
    /// A hyphen: inside a word only once the word has started.
    Hyphen,
    /// The first byte of a non-ASCII character: decode it.
    Other,
}

const fn classes() -> [Class; 256] {
    let mut table = [Class::Gap; 256];
    let mut byte: u8 = 0;
    loop {
        table[byte as usize] = if byte.is_ascii_alphanumeric() || byte == b'\'' {
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
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Outside a word: a hyphen cannot start one.
        let start = i;
        match CLASSES[usize::from(bytes[i])] {
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
        // Inside a word, up to the first byte that ends it.
        while i < bytes.len() {
            match CLASSES[usize::from(bytes[i])] {
                Class::Word | Class::Hyphen => i += 1,
                Class::Gap => break,
                Class::Other => {
                    let (inside, len) = other_char(text, i);
                    if !inside {
                        break;
                    }
                    i += len;
                }
            }
        }
        push_word(text, start, i, out);
    }
}

/// A word without its trailing hyphens and apostrophes, unless nothing is left.
fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    // `’` ends in 0x99; only words ending in one of these bytes need trimming.
    let end = if matches!(text.as_bytes()[end - 1], b'-' | b'\'' | 0x99) {
        start + text[start..end].trim_end_matches(['-', '\'', '’']).len()
    } else {
        end
    };
    if end > start {
        out.push((start, end));
    }
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
    shape(bytes).0
}

/// A word's [`syllables`], and whether it has a hyphen, in one pass over its bytes: the
/// rules' single pass needs both for every word.
#[inline]
pub fn shape(bytes: &[u8]) -> (usize, bool) {
    let mut count = 0;
    let mut prev_vowel = false;
    let mut hyphen = false;
    for &b in bytes {
        let vowel = VOWELS[usize::from(b)];
        count += usize::from(vowel && !prev_vowel);
        prev_vowel = vowel;
        hyphen |= b == b'-';
    }
    let silent_e = bytes.last().is_some_and(|b| b.eq_ignore_ascii_case(&b'e'))
        && !(bytes.len() >= 2 && bytes[bytes.len() - 2].eq_ignore_ascii_case(&b'l'));
    if silent_e && count > 1 {
        count -= 1;
    }
    (count.max(1), hyphen)
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
                prop_assert_eq!(shape(word.as_bytes()).1, word.contains('-'), "{}", word);
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
