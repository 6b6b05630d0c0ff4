//! Finding a query's tokens in a JD's text the way the index's analyser would, fast: every
//! token is counted (field lengths for BM25) but only words whose first letter could start a
//! query term are stemmed and compared.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::bytemask::{self, CHUNK, chunks, gather, mark_chars};
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
    /// The same, up to four of them, as compared 64 bytes at a time (0 where unused: no
    /// byte with bit 5 set is 0); `None` when there are more.
    firsts: Option<[u8; 4]>,
    other_first: Vec<char>,
    /// What each word seen is: an index into `classes`, whose first entry is "nothing".
    short: ShortWords,
    long: HashMap<String, u32, BuildHasherDefault<Fnv>>,
    classes: Vec<Class>,
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
        let ascii: Vec<u8> = (0u8..128)
            .filter(|&c| ascii_first[usize::from(c)])
            .collect();
        let firsts = (ascii.len() <= 4).then(|| {
            let mut firsts = [0u8; 4];
            firsts[..ascii.len()].copy_from_slice(&ascii);
            firsts
        });
        Words {
            tokens,
            prefixes,
            ascii_first,
            firsts,
            other_first,
            short: ShortWords::new(),
            long: HashMap::default(),
            classes: vec![Class::default()],
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

    /// What the word `text[from..to]` is, as an index into `classes`.
    fn class(&mut self, text: &str, from: usize, to: usize) -> u32 {
        let word = &text[from..to];
        if let Some(key) = short_key(text.as_bytes(), from, to) {
            if let Some(class) = self.short.get(key) {
                return class;
            }
            let class = self.learn(word);
            self.short.insert(key, class);
            return class;
        }
        if let Some(&class) = self.long.get(word) {
            return class;
        }
        let class = self.learn(word);
        self.long.insert(word.to_owned(), class);
        class
    }

    /// Stems a word not seen before and says what it is.
    fn learn(&mut self, word: &str) -> u32 {
        // The word alone analyses to exactly the token it is in its text.
        let Some(token) = self.analyser.analyse(word).into_iter().next() else {
            return 0;
        };
        let class = Class {
            token: self.tokens.iter().position(|x| *x == token.text),
            prefixes: (0..self.prefixes.len())
                .filter(|&i| token.text.starts_with(self.prefixes[i].as_str()))
                .collect(),
        };
        if class.token.is_none() && class.prefixes.is_empty() {
            return 0;
        }
        self.classes.push(class);
        u32::try_from(self.classes.len() - 1).unwrap_or(0)
    }

    /// Tokenises `text` as the index's analyser does (runs of letters and digits; runs of
    /// `LONGEST_TOKEN` bytes or more dropped but still taking a position), counting every
    /// token but classifying only those that [`Words::may_match`].
    ///
    /// This is the scan's inner loop, run over every byte of every JD, so the text is read
    /// 64 bytes at a time as bit masks (see [`classify`]): runs start where a letter or digit
    /// bit follows a gap, tokens are counted with `count_ones`, too-long runs found with
    /// shifts (see [`Block::runs`]), and only runs whose first byte is one of the query's
    /// first letters are looked at as words. Only blocks holding non-ASCII bytes decode
    /// characters. The test `scans_like_splitting_into_words` checks it against splitting
    /// into words one by one.
    pub fn scan(&mut self, text: &str, out: &mut FieldScan, positions: bool) {
        out.freqs.clear();
        out.freqs.resize(self.tokens.len(), 0);
        out.prefixes.clear();
        out.prefixes.resize(self.prefixes.len(), false);
        out.positions.clear();
        let bytes = text.as_bytes();
        let firsts = self.firsts.unwrap_or_default();
        let mut block = Block::default();
        // Letter bits of a non-ASCII character that runs on into the next block.
        let mut carry = 0u64;
        for (base, full, piece) in chunks(bytes) {
            let (mut letters, mut wanted, other) = classify(&full, firsts);
            if self.firsts.is_none() {
                wanted = u64::MAX;
            }
            letters |= carry;
            carry = 0;
            if other {
                let (bits, next, wide) = mark_chars(text, base, piece, char::is_alphanumeric);
                letters |= bits;
                carry = next;
                // A run may start with a character whose lower case is a query's first.
                wanted |= wide;
            }
            let starts = letters & !((letters << 1) | u64::from(block.run > 0));
            let mut rest = starts & wanted;
            while rest != 0 {
                let k = rest.trailing_zeros();
                rest &= rest - 1;
                let from = base + k as usize;
                let b = bytes[from];
                let first = if b.is_ascii() {
                    self.ascii_first[usize::from(b.to_ascii_lowercase())]
                } else {
                    // A run starts at a character's first byte.
                    self.may_match(&text[from..])
                };
                if !first {
                    continue;
                }
                // The run's length if it ends in this block (then a gap bit follows it).
                let len = (!letters >> k).trailing_zeros();
                let to = if k + len < 64 {
                    from + len as usize
                } else {
                    word_end(text, from)
                };
                let at = if positions {
                    block.begun + (starts & ((1u64 << k) - 1)).count_ones()
                } else {
                    0
                };
                self.count(text, from, to, at, out, positions);
            }
            block.begun += starts.count_ones();
            block.runs(letters);
        }
        block.long += u32::from(block.run >= LONGEST_TOKEN);
        out.len = block.begun - block.long;
    }

    /// Counts the word `text[from..to]`, at position `at`, if it is a query term.
    fn count(
        &mut self,
        text: &str,
        from: usize,
        to: usize,
        at: u32,
        out: &mut FieldScan,
        positions: bool,
    ) {
        if to - from >= LONGEST_TOKEN {
            return;
        }
        let class = self.class(text, from, to);
        if class == 0 {
            return;
        }
        let class = &self.classes[class as usize];
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

/// A word of up to 16 bytes as one number: its bytes, little-endian, zero above (no letter
/// or digit is a zero byte, so different words give different keys); `None` for longer words.
fn short_key(bytes: &[u8], from: usize, to: usize) -> Option<u128> {
    let len = to - from;
    if len > 16 {
        return None;
    }
    let raw = if let Some(sixteen) = bytes.get(from..from + 16) {
        u128::from_le_bytes(sixteen.try_into().unwrap_or_default())
    } else {
        let mut copy = [0u8; 16];
        copy[..len].copy_from_slice(&bytes[from..to]);
        u128::from_le_bytes(copy)
    };
    Some(if len == 16 {
        raw
    } else {
        raw & ((1u128 << (8 * len)) - 1)
    })
}

/// Words of up to 16 bytes (nearly all) and their classes, in an open-addressing table keyed
/// by [`short_key`]: a lookup is a multiply and a 16-byte compare, not a hash over the bytes
/// and a call to `memcmp`.
struct ShortWords {
    /// (key, class); key 0 is an empty slot. The length is a power of two.
    slots: Vec<(u128, u32)>,
    used: usize,
}

impl ShortWords {
    fn new() -> ShortWords {
        ShortWords {
            slots: vec![(0, 0); 1 << 10],
            used: 0,
        }
    }

    /// The slot holding `key`, or the empty one where it would go.
    fn slot(&self, key: u128) -> usize {
        #[allow(clippy::cast_possible_truncation)] // the key's two halves
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let hash = (lo ^ hi.rotate_left(31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mask = self.slots.len() - 1;
        // The high bits of the product mix every bit of the key.
        #[allow(clippy::cast_possible_truncation)]
        let mut i = (hash >> 32) as usize & mask;
        while self.slots[i].0 != 0 && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        i
    }

    fn get(&self, key: u128) -> Option<u32> {
        let (k, class) = self.slots[self.slot(key)];
        (k == key).then_some(class)
    }

    fn insert(&mut self, key: u128, class: u32) {
        if (self.used + 1) * 2 > self.slots.len() {
            let bigger = vec![(0, 0); self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, bigger);
            for (k, c) in old.into_iter().filter(|&(k, _)| k != 0) {
                let i = self.slot(k);
                self.slots[i] = (k, c);
            }
        }
        let i = self.slot(key);
        if self.slots[i].0 == 0 {
            self.used += 1;
        }
        self.slots[i] = (key, class);
    }
}

/// What 64 bytes hold, one bit per byte (bit `k` for byte `k`): ASCII letters and digits,
/// and bytes that lower-cased are one of `firsts` (lower-case ASCII letters and digits, or 0);
/// then whether any byte is not ASCII. Flags are worked out a byte at a time in a loop without
/// branches, which the compiler turns into vector instructions, then gathered into bits eight
/// bytes at a time.
// `|` rather than `||`: no branches, so the loop vectorizes.
#[allow(clippy::needless_bitwise_bool)]
fn classify(bytes: &[u8; CHUNK], firsts: [u8; 4]) -> (u64, u64, bool) {
    let (flags, non_ascii) = bytemask::flags(bytes, |b| {
        // Folds upper-case letters onto lower case; leaves digits as they are.
        let lower = b | 0x20;
        let letter = lower.wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        let first = (lower == firsts[0])
            | (lower == firsts[1])
            | (lower == firsts[2])
            | (lower == firsts[3]);
        u8::from(letter | digit) | (u8::from(first) << 1)
    });
    (gather(&flags, 0), gather(&flags, 1), non_ascii)
}

/// Counting runs of letters and digits (tokens) and those too long to be indexed, a block of
/// [`CHUNK`] bytes at a time.
#[derive(Default)]
struct Block {
    /// Runs begun so far: the next run's position.
    begun: u32,
    /// Runs of `LONGEST_TOKEN` bytes or more that have ended.
    long: u32,
    /// Bytes of the run that reaches the end of the blocks read (0 when none does).
    run: usize,
}

impl Block {
    /// Passes a block whose letter-and-digit bits are `letters`: counts the too-long runs
    /// that end in it and keeps the length of the one that reaches its end.
    fn runs(&mut self, letters: u64) {
        if letters == u64::MAX {
            self.run += CHUNK;
            return;
        }
        let mut inside = letters;
        if self.run > 0 {
            // The run from the last block ends here, after this block's first `first` bytes.
            let first = letters.trailing_ones();
            self.long += u32::from(self.run + first as usize >= LONGEST_TOKEN);
            inside &= u64::MAX << first;
        }
        // The run reaching the end goes on into the next block (`last` < 64 here).
        let last = letters.leading_ones();
        inside &= u64::MAX >> last;
        self.run = last as usize;
        // Runs wholly inside: after the shifts, bit `i` is set when bits `i..i + LONGEST_TOKEN`
        // all are, so each long run leaves one group of set bits.
        let mut long = inside;
        let mut width = 1;
        while width < LONGEST_TOKEN {
            let step = width.min(LONGEST_TOKEN - width);
            long &= long >> step;
            width += step;
        }
        self.long += (long & !(long << 1)).count_ones();
    }
}

/// The end of the run of letters and digits that starts at byte `from`.
fn word_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        match text.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) if !c.is_ascii() && c.is_alphanumeric() => i += c.len_utf8(),
            _ => return i,
        }
    }
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
            "dataaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // 73
            "Engineer",
            "DATAbase",
            "éngin",
        ];
        // More first letters than the scan compares 64 bytes at a time, and fewer.
        let queries: [(&[&str], &[&str]); 3] = [
            (
                &["data", "engin", "analyst", "bi", "2024", "café"],
                &["da", "aaa", "é", "po"],
            ),
            (&["data", "engin", "bi"], &["aaa"]),
            (&["2024", "café", "data"], &["é"]),
        ];
        let mut rng = Lcg(7);
        for (tokens, prefixes) in queries {
            let tokens: Vec<String> = tokens.iter().map(|t| (*t).to_owned()).collect();
            let prefixes: Vec<String> = prefixes.iter().map(|p| (*p).to_owned()).collect();
            let mut words = Words::new(&tokens, &prefixes);
            for _ in 0..3_000 {
                // Up to about 1,000 bytes: many 64-byte blocks, runs across their edges.
                let text: String = (0..rng.below(120))
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
}
