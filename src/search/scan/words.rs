//! Finding a query's tokens in a JD's text the way the index's analyser would, fast: every
//! token is counted (field lengths for BM25) but only words whose first letter could start a
//! query term are stemmed and compared.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::search::index::{Analyser, Fnv, LONGEST_TOKEN};

/// Which query tokens and prefixes a word of the text is, remembered per word.
#[derive(Clone, Default)]
pub(super) struct Class {
    token: Option<usize>,
    prefixes: Vec<usize>,
}

/// Finds query tokens in text without stemming every word.
pub(super) struct Words<'q> {
    tokens: &'q [String],
    prefixes: &'q [String],
    /// Lower-case first characters of the query tokens and prefixes.
    ascii_first: [bool; 128],
    other_first: Vec<char>,
    known: HashMap<String, Class, BuildHasherDefault<Fnv>>,
    analyser: Analyser,
}

/// One field of one JD: its length in tokens and what it holds of the query.
#[derive(Default)]
pub(super) struct FieldScan {
    /// Tokens in the field.
    pub len: u32,
    /// How often each query token occurs.
    pub freqs: Vec<u32>,
    /// Whether a token starts with each query prefix.
    pub prefixes: Vec<bool>,
    /// (position, query token) of each query token, for phrases.
    pub positions: Vec<(u32, usize)>,
}

impl<'q> Words<'q> {
    /// Looks for `tokens` (index tokens) and tokens starting with `prefixes`.
    pub fn new(tokens: &'q [String], prefixes: &'q [String]) -> Words<'q> {
        let mut ascii_first = [false; 128];
        let mut other_first = Vec::new();
        for t in tokens.iter().chain(prefixes) {
            match t.chars().next() {
                Some(c) if c.is_ascii() => ascii_first[c as usize] = true,
                Some(c) => other_first.push(c),
                None => {}
            }
        }
        Words {
            tokens,
            prefixes,
            ascii_first,
            other_first,
            known: HashMap::default(),
            analyser: Analyser::new(),
        }
    }

    /// Whether `word` (one run of letters and digits) could be a query token or start with a
    /// query prefix once lower-cased and stemmed. English Snowball only rewrites a word's
    /// ending, so a stem starts with the lower-cased word's first character; the unit test
    /// `stems_keep_the_first_character` checks this over many words.
    fn may_match(&self, word: &str) -> bool {
        let Some(c) = word.chars().next() else {
            return false;
        };
        if c.is_ascii() {
            return self.ascii_first[c.to_ascii_lowercase() as usize];
        }
        // The index lower-cases character by character (tantivy's `LowerCaser`).
        c.to_lowercase()
            .next()
            .is_some_and(|l| match u8::try_from(l) {
                Ok(b) if b.is_ascii() => self.ascii_first[usize::from(b)],
                _ => self.other_first.contains(&l),
            })
    }

    fn class(&mut self, word: &str) -> &Class {
        if !self.known.contains_key(word) {
            // The word alone analyses to exactly the token it is in its text.
            let class = self
                .analyser
                .analyse(word)
                .first()
                .map_or_else(Class::default, |t| Class {
                    token: self.tokens.iter().position(|x| *x == t.text),
                    prefixes: (0..self.prefixes.len())
                        .filter(|&i| t.text.starts_with(self.prefixes[i].as_str()))
                        .collect(),
                });
            self.known.insert(word.to_owned(), class);
        }
        &self.known[word]
    }

    /// Tokenises `text` as the index's analyser does (runs of letters and digits; runs of
    /// `LONGEST_TOKEN` bytes or more dropped but still taking a position), counting every
    /// token but classifying only those that [`Words::may_match`].
    ///
    /// This is the scan's inner loop (a byte-by-byte loop was as costly as checking the
    /// files), so ASCII is taken eight bytes at a time: which bytes are letters or digits is
    /// worked out for all eight at once, runs are counted from that mask, and only a run whose
    /// first letter could start a query term is looked at as a word. The test
    /// `scans_like_splitting_into_words` checks it against splitting into words one by one.
    pub fn scan(&mut self, text: &str, out: &mut FieldScan, positions: bool) {
        out.freqs.clear();
        out.freqs.resize(self.tokens.len(), 0);
        out.prefixes.clear();
        out.prefixes.resize(self.prefixes.len(), false);
        out.positions.clear();
        let bytes = text.as_bytes();
        let mut runs = Runs::default();
        let mut i = 0;
        while i < bytes.len() {
            if let Some(chunk) = bytes
                .get(i..i + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
                && let Some(mut starts) = runs.eight(chunk)
            {
                while starts != 0 {
                    let k = starts.trailing_zeros() as usize;
                    starts &= starts - 1;
                    let at = runs.begin();
                    if self.ascii_first[usize::from(bytes[i + k].to_ascii_lowercase())] {
                        self.count(text, i + k, at, out, positions);
                    }
                }
                i += 8;
                continue;
            }
            let b = bytes[i];
            let (letter, width) = if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                // `i` is a character boundary: it only ever moves by whole characters.
                let c = text[i..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                (c.is_alphanumeric(), c.len_utf8())
            };
            if letter && runs.run == 0 {
                let at = runs.begin();
                if self.may_match(&text[i..]) {
                    self.count(text, i, at, out, positions);
                }
            }
            runs.step(letter, width);
            i += width;
        }
        out.len = runs.begun - runs.long;
    }

    /// Counts the word starting at byte `from`, at position `at`, if it is a query term.
    fn count(&mut self, text: &str, from: usize, at: u32, out: &mut FieldScan, positions: bool) {
        let word = &text[from..word_end(text, from)];
        if word.len() >= LONGEST_TOKEN {
            return;
        }
        let class = self.class(word);
        if let Some(t) = class.token {
            out.freqs[t] += 1;
            if positions {
                out.positions.push((at, t));
            }
        }
        for &p in &class.prefixes {
            out.prefixes[p] = true;
        }
    }
}

/// Counting runs of letters and digits (tokens) and those too long to be indexed.
#[derive(Default)]
struct Runs {
    /// Runs begun so far: the next run's position.
    begun: u32,
    /// Runs of `LONGEST_TOKEN` bytes or more.
    long: u32,
    /// Bytes in the run the scan is in (0 between runs).
    run: usize,
}

impl Runs {
    /// A run starts here; returns its position.
    fn begin(&mut self) -> u32 {
        self.begun += 1;
        self.begun - 1
    }

    /// One character of `width` bytes, a letter or digit or not, is passed.
    fn step(&mut self, letter: bool, width: usize) {
        let before = self.run;
        self.run = if letter { before + width } else { 0 };
        self.long += u32::from(before < LONGEST_TOKEN && self.run >= LONGEST_TOKEN);
    }

    /// Eight ASCII bytes are passed; returns a mask of the bytes that start a run (bit `k`
    /// for byte `k`), whose runs the caller must `begin`, or `None` (nothing counted) when a
    /// byte is not ASCII.
    fn eight(&mut self, chunk: [u8; 8]) -> Option<u8> {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const ONES: u64 = 0x0101_0101_0101_0101;
        let x = u64::from_le_bytes(chunk);
        if x & HIGH != 0 {
            return None;
        }
        // For bytes below 0x80 none of these sums carries into the next byte: the top bit of
        // each byte of `x + (0x80 - lo)` says byte >= lo, of `x + (0x7f - hi)` byte > hi.
        let within =
            |x: u64, lo: u64, hi: u64| (x + ONES * (0x80 - lo)) & !(x + ONES * (0x7f - hi)) & HIGH;
        // Setting bit 5 folds upper case onto lower case; digits are tested unfolded.
        let letters = within(x | (ONES * 0x20), 0x61, 0x7a);
        let digits = within(x, 0x30, 0x39);
        // Gathers each byte's top bit into one byte (bit k from byte k).
        let mask = (((letters | digits) >> 7).wrapping_mul(0x8040_2010_0804_0201) >> 56) as u8;
        let mask = mask.reverse_bits();
        let continues = u8::from(self.run > 0);
        let starts = mask & !((mask << 1) | continues);
        // Runs inside the chunk are shorter than eight bytes; only one that goes on from the
        // last chunk can reach the limit, here or by the chunk's end.
        let before = self.run;
        let (reached, after) = if mask == u8::MAX {
            (before + 8, before + 8)
        } else {
            let carried = if before > 0 {
                before + mask.trailing_ones() as usize
            } else {
                0
            };
            (carried, mask.leading_ones() as usize)
        };
        self.long += u32::from(before < LONGEST_TOKEN && reached >= LONGEST_TOKEN);
        self.run = after;
        Some(starts)
    }
}

/// The end of the run of letters and digits that starts at byte `from`.
fn word_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(at, _)| from + at)
}

/// Calls `f` with each run of letters and digits in `text`, as tantivy's `SimpleTokenizer`
/// splits it. ASCII is looked at a byte at a time in tight loops: splitting with a `char`
/// predicate was a quarter of a scan's time.
pub(super) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The character at byte `i` (always a character boundary here), if it is a letter or
    // digit outside ASCII: its width.
    let wide_letter = |i: usize| {
        text[i..]
            .chars()
            .next()
            .filter(|c| c.is_alphanumeric())
            .map(char::len_utf8)
    };
    let mut i = 0;
    while i < n {
        while i < n && bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == n {
            break;
        }
        if !bytes[i].is_ascii() && wide_letter(i).is_none() {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let from = i;
        loop {
            while i < n && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            match (i < n && !bytes[i].is_ascii())
                .then(|| wide_letter(i))
                .flatten()
            {
                Some(width) => i += width,
                None => break,
            }
        }
        f(&text[from..i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::analyse;

    /// A small deterministic generator, so failures reproduce.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(self.0 >> 33).unwrap() % n
        }
    }

    /// Words from the seed library, Snowball's special cases, suffix-heavy inventions and
    /// words outside ASCII.
    fn many_words() -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        let library = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("library");
        for folder in std::fs::read_dir(library).unwrap().flatten() {
            let Ok(files) = std::fs::read_dir(folder.path()) else {
                continue;
            };
            for file in files.flatten() {
                let text = std::fs::read_to_string(file.path()).unwrap_or_default();
                for_each_word(&text, |w| words.push(w.to_owned()));
            }
        }
        for w in [
            "skis",
            "skies",
            "dying",
            "lying",
            "tying",
            "idly",
            "gently",
            "ugly",
            "early",
            "only",
            "singly",
            "sky",
            "news",
            "howe",
            "atlas",
            "cosmos",
            "bias",
            "andes",
            "eing",
            "ying",
            "yelling",
            "Yield",
            "ÉCOLE",
            "İstanbul",
            "ΣΟΦΙΑ",
            "straße",
            "ǅungla",
            "naïve",
            "café",
            "résumés",
            "日本語",
            "١٢٣",
            "x2",
            "42nd",
            "COVID19",
        ] {
            words.push(w.to_owned());
        }
        let stems = [
            "a", "e", "i", "o", "u", "y", "b", "gener", "organ", "happ", "cr", "ty",
        ];
        let ends = [
            "", "s", "es", "ies", "ied", "ed", "ing", "ingly", "edly", "eed", "eedly", "y", "ly",
            "ational", "tional", "izer", "ization", "fulness", "ousli", "iviti", "logi", "ement",
            "ness", "e", "ll",
        ];
        for stem in stems {
            for end in ends {
                words.push(format!("{stem}{end}"));
                words.push(format!("{}{end}", stem.to_uppercase()));
            }
        }
        words
    }

    #[test]
    fn stems_keep_the_first_character() {
        // `Words::may_match` relies on this to skip stemming most words.
        let words = many_words();
        assert!(words.len() > 10_000, "{}", words.len());
        for word in &words {
            let first = word.chars().next().unwrap().to_lowercase().next();
            for token in analyse(word) {
                assert_eq!(token.text.chars().next(), first, "{word} -> {}", token.text);
            }
        }
    }

    /// The plain version: split into runs, analyse each, count what the query has.
    fn plain(text: &str, tokens: &[String], prefixes: &[String]) -> FieldScan {
        let mut out = FieldScan {
            freqs: vec![0; tokens.len()],
            prefixes: vec![false; prefixes.len()],
            ..FieldScan::default()
        };
        let runs = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        for (at, word) in runs.enumerate() {
            if word.len() >= LONGEST_TOKEN {
                continue;
            }
            out.len += 1;
            let token = analyse(word).remove(0).text;
            if let Some(t) = tokens.iter().position(|x| *x == token) {
                out.freqs[t] += 1;
                out.positions.push((u32::try_from(at).unwrap(), t));
            }
            for (p, prefix) in prefixes.iter().enumerate() {
                out.prefixes[p] |= token.starts_with(prefix.as_str());
            }
        }
        out
    }

    #[test]
    fn scans_like_splitting_into_words() {
        let pieces = [
            "data",
            "Data",
            "DATA",
            "engineers",
            "engineering",
            "analyst",
            "Analysts",
            "the",
            "power",
            "bi",
            "BI",
            "2024",
            "x9",
            "é",
            "café",
            "İ",
            "ß",
            "£45,000",
            "’s",
            "—",
            "日本",
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "-",
            ".",
            ", ",
            "(",
            "\t",
            "🙂",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // 39 bytes: a token
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // 40 bytes: dropped
            "ééééééééééééééééééééé",                   // 42 bytes: dropped
        ];
        let tokens: Vec<String> = ["data", "engin", "analyst", "bi", "2024", "café"]
            .map(String::from)
            .to_vec();
        let prefixes: Vec<String> = ["da", "aaa", "é", "po"].map(String::from).to_vec();
        let mut words = Words::new(&tokens, &prefixes);
        let mut rng = Lcg(7);
        for _ in 0..3_000 {
            let text: String = (0..rng.below(60))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            let mut fast = FieldScan::default();
            words.scan(&text, &mut fast, true);
            let slow = plain(&text, &tokens, &prefixes);
            assert_eq!(slow.len as usize, analyse(&text).len(), "{text:?}");
            assert_eq!(fast.len, slow.len, "{text:?}");
            assert_eq!(fast.freqs, slow.freqs, "{text:?}");
            assert_eq!(fast.prefixes, slow.prefixes, "{text:?}");
            assert_eq!(fast.positions, slow.positions, "{text:?}");
        }
    }
}
