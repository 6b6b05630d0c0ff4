//! The scans held to plain character-by-character versions of themselves.

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

/// A character-by-character word splitter, which the byte-level one must match.
fn words_by_char(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || c == '\'' || c == '’' || (c == '-' && start.is_some());
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

/// A byte-by-byte sentence splitter, which the `memchr` one must match.
fn sentences_by_byte(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if text[start..].trim().len() > 1 {
        out.push((start, text.len()));
    }
    out
}

/// A character-by-character syllable estimate, which the byte-level one must match.
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

#[test]
fn every_byte_is_classified_as_the_table_says() {
    for b in 0..=u8::MAX {
        let chunk = Chunk::ascii(&[b; CHUNK]);
        let expect = |yes: bool| if yes { u64::MAX } else { 0 };
        let letter = b.is_ascii_alphanumeric() || b == b'\'';
        assert_eq!(chunk.word, expect(letter), "{b}");
        assert_eq!(chunk.vowel, expect(VOWELS[usize::from(b)]), "{b}");
        assert_eq!(chunk.hyphen, expect(b == b'-'), "{b}");
    }
    let mut mixed = [b' '; CHUNK];
    for (i, b) in mixed.iter_mut().enumerate() {
        if i % 3 == 0 {
            *b = b'a';
        }
    }
    let chunk = Chunk::ascii(&mixed);
    assert_eq!(chunk.word, 0x9249_2492_4924_9249);
    assert_eq!(chunk.vowel, chunk.word);
}

/// Text made of the pieces the scans care about, mixed.
fn prose_soup() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(vec![
        "a", "E", "le", "LE", "y", "q", "Z", "9", "-", "--", "'", "’", " ", ".", "!", "?", ". ",
        "é", "É", "ß", "ę", "中", "٣", "İ", "\u{301}", "\u{a0}", "\t", "\n", "(", ")", "@", "x-",
        "-y", "—",
    ]);
    // Up to about 400 bytes, so words and characters straddle the 64-byte chunks.
    proptest::collection::vec(piece, 0..160).prop_map(|v| v.concat())
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
    fn ones_counts_bits(bits: u64, shift in 0..64u32) {
        prop_assert_eq!(ones(bits >> shift), (bits >> shift).count_ones());
    }

    #[test]
    fn arbitrary_text_splits_the_same(text in any::<String>()) {
        prop_assert_eq!(words(&text), words_by_char(&text));
        prop_assert_eq!(sentences(&text), sentences_by_byte(&text));
    }
}
