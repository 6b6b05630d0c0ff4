//! `exclusionary-phrase`: phrases that exclude or deter candidates ("native speaker",
//! "rockstar"), from `data/lint/phrases.json` and `jdlib.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Rule, Word, Words};
use crate::lint::settings::LintConfig;
use crate::lint::text::{Block, Prose};
use crate::lint::words::sentences;

#[derive(Deserialize)]
struct PhraseData {
    phrases: Vec<PhraseEntry>,
}

#[derive(Deserialize, Clone)]
struct PhraseEntry {
    phrase: String,
    #[serde(default)]
    unless_next: Vec<String>,
    #[serde(default)]
    unless_sentence_has: Option<String>,
    why: String,
    instead: String,
}

fn data() -> &'static [PhraseEntry] {
    static DATA: OnceLock<Vec<PhraseEntry>> = OnceLock::new();
    DATA.get_or_init(|| {
        // Compiled in and parsed by the tests, so failing here is a build defect, not bad
        // input.
        let data: PhraseData =
            serde_json::from_str(include_str!("../../../data/lint/phrases.json"))
                .expect("embedded phrase list parses");
        data.phrases
    })
}

/// The phrase list with `jdlib.toml`'s additions.
pub struct ExclusionaryPhrase {
    index: PhraseIndex,
}

impl Rule for ExclusionaryPhrase {
    const CODES: &'static [(Code, Severity)] = &[(Code::ExclusionaryPhrase, Severity::Warning)];
    const WORDS: Words = Words::FirstBytes;
    const WORD_ALLOW: Option<Code> = Some(Code::ExclusionaryPhrase);
    type Jd<'a> = ();

    fn new(config: &LintConfig) -> Self {
        let extra = config.phrases.iter().map(|p| PhraseEntry {
            phrase: p.phrase.to_lowercase(),
            unless_next: Vec::new(),
            unless_sentence_has: None,
            why: p.why.clone(),
            instead: p.instead.clone(),
        });
        ExclusionaryPhrase {
            index: PhraseIndex::new(data().iter().cloned().chain(extra).collect()),
        }
    }

    fn may_start(&self, first: u8, second: u8) -> bool {
        self.index
            .may_start_pair(first.to_ascii_lowercase(), second.to_ascii_lowercase())
    }

    fn looks_at(&self, _written: &[u8], lower: &[u8]) -> bool {
        self.index.may_start(lower)
    }

    fn start<'a>(&'a self, _prose: &Prose<'a>, _hits: &mut Vec<Hit>) {}

    #[inline]
    fn word<'a>(
        &'a self,
        _jd: &mut (),
        block: &Block<'a>,
        word: Word,
        _facts: &Facts,
        hits: &mut Vec<Hit>,
    ) {
        if self.looks_at(&[], &block.lower.as_bytes()[word.at..word.end]) {
            phrases_from(block, word.k, &self.index, hits);
        }
    }
}

/// The phrase list looked up by each phrase's first word.
struct PhraseIndex {
    entries: Vec<PhraseEntry>,
    /// Each entry's words.
    words: Vec<Vec<String>>,
    /// Distinct first words with the entries they start, in list order.
    firsts: Vec<(String, Vec<usize>)>,
    /// For each first byte, the `firsts` that start with it.
    by_byte: Vec<Vec<usize>>,
    /// Entries starting with `*`, which any word can start.
    wildcard: Vec<usize>,
    /// For each first byte, a bit per length (up to 63 bytes; longer words share bit 63) of
    /// the first words starting with it: most words start no phrase, and two table reads
    /// say so.
    shapes: [u64; 256],
    /// A bit for each pair of first two bytes of a first word (of two bytes or more).
    pairs: Vec<u64>,
}

impl PhraseIndex {
    fn new(entries: Vec<PhraseEntry>) -> Self {
        let words: Vec<Vec<String>> = entries
            .iter()
            .map(|e| e.phrase.split_whitespace().map(str::to_owned).collect())
            .collect();
        let mut firsts: Vec<(String, Vec<usize>)> = Vec::new();
        let mut wildcard = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let first = entry.phrase.split_whitespace().next().unwrap_or_default();
            if first == "*" {
                wildcard.push(i);
            } else if let Some(group) = firsts.iter_mut().find(|(w, _)| w == first) {
                group.1.push(i);
            } else {
                firsts.push((first.to_owned(), vec![i]));
            }
        }
        let mut by_byte = vec![Vec::new(); 256];
        let mut shapes = [0u64; 256];
        let mut pairs = vec![0u64; 256 * 256 / 64];
        for (k, (word, _)) in firsts.iter().enumerate() {
            if let Some(&b) = word.as_bytes().first() {
                by_byte[usize::from(b)].push(k);
                shapes[usize::from(b)] |= length_bit(word.len());
            }
            if let [first, second, ..] = *word.as_bytes() {
                let pair = pair_index(first, second);
                pairs[pair / 64] |= 1 << (pair % 64);
            }
        }
        PhraseIndex {
            entries,
            words,
            firsts,
            by_byte,
            wildcard,
            shapes,
            pairs,
        }
    }

    /// The entries a word can start, in list order: those whose first word it is, then the
    /// wildcards.
    fn starting_with<'a>(&'a self, word: &str) -> impl Iterator<Item = usize> + 'a {
        let first = word.as_bytes().first().map_or(0, |&b| usize::from(b));
        let named = if self.shapes[first] & length_bit(word.len()) == 0 {
            &[]
        } else {
            self.by_byte[first]
                .iter()
                .find(|&&k| self.firsts[k].0 == word)
                .map(|&k| self.firsts[k].1.as_slice())
                .unwrap_or_default()
        };
        named.iter().chain(&self.wildcard).copied()
    }

    /// Whether a word whose first byte is `first`, followed by `second` (its second byte,
    /// or whatever follows a one-byte word), may start a phrase: true whenever
    /// [`PhraseIndex::may_start`] is.
    fn may_start_pair(&self, first: u8, second: u8) -> bool {
        let pair = pair_index(first, second);
        !self.wildcard.is_empty()
            || self.shapes[usize::from(first)] & length_bit(1) != 0
            || self.pairs[pair / 64] & (1 << (pair % 64)) != 0
    }

    /// Whether a word can start any phrase at all.
    fn may_start(&self, word: &[u8]) -> bool {
        let pair = |first, second| {
            let pair = pair_index(first, second);
            self.pairs[pair / 64] & (1 << (pair % 64)) != 0
        };
        !self.wildcard.is_empty()
            || match *word {
                [] => false,
                [first] => self.shapes[usize::from(first)] & length_bit(1) != 0,
                [first, second, ..] => {
                    self.shapes[usize::from(first)] & length_bit(word.len()) != 0
                        && pair(first, second)
                }
            }
    }
}

/// The bit of a word's first two bytes in a 64 Kbit set.
fn pair_index(first: u8, second: u8) -> usize {
    usize::from(first) * 256 + usize::from(second)
}

/// A word length's bit in [`PhraseIndex::shapes`].
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The phrases starting at word `start` of a block, whose first word may start one.
#[inline(never)]
fn phrases_from(block: &Block<'_>, start: usize, index: &PhraseIndex, hits: &mut Vec<Hit>) {
    let ws = block.words;
    let word = |k: usize| &block.lower[ws[k].0..ws[k].1];
    for i in index.starting_with(word(start)) {
        let entry = &index.entries[i];
        let want = &index.words[i];
        let matched = want.len() <= ws.len() - start
            && want
                .iter()
                .enumerate()
                .all(|(j, w)| w == "*" || word(start + j) == w);
        if !matched {
            continue;
        }
        if let Some(next) = block.lower_word(start + want.len())
            && entry.unless_next.iter().any(|u| u == next)
        {
            continue;
        }
        if let Some(needle) = &entry.unless_sentence_has {
            let at = ws[start].0;
            let lower_text = block.lower;
            let sentence = sentences(lower_text)
                .into_iter()
                .find(|(s, e)| *s <= at && at < *e)
                .map_or(lower_text, |(s, e)| &lower_text[s..e]);
            if sentence.contains(needle.as_str()) {
                continue;
            }
        }
        let offset = block.source_offset(ws[start].0);
        // "native english speaker" also contains "native english": report the longer.
        if let Some(existing) = hits
            .iter_mut()
            .find(|h| h.offset == offset && h.code == Code::ExclusionaryPhrase)
        {
            if entry.phrase.len() > phrase_len(&existing.message) {
                existing.message = phrase_message(entry);
            }
            continue;
        }
        hits.push(Hit {
            offset,
            code: Code::ExclusionaryPhrase,
            message: phrase_message(entry),
        });
    }
}

fn phrase_message(entry: &PhraseEntry) -> String {
    format!("`{}`: {}; {}", entry.phrase, entry.why, entry.instead)
}

/// Length of the phrase quoted at the start of a phrase message.
fn phrase_len(message: &str) -> usize {
    message.split('`').nth(1).map_or(0, str::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        assert!(data().iter().any(|p| p.phrase == "native speaker"));
    }
}
