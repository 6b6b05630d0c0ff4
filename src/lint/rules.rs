//! The lint rules. Each reads the extracted prose of one JD and reports findings by body
//! offset; `mod.rs` turns offsets into lines and columns and applies severities.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::Code;
use crate::lint::config::{LintConfig, Readability};
use crate::lint::pass::WordFilter;
use crate::lint::stems::StemTrie;
use crate::lint::text::{Block, BlockKind, Prose};
#[cfg(test)]
use crate::lint::words::sentences_into;
#[cfg(test)]
use crate::lint::words::syllables_in;
pub use crate::lint::words::{sentences, word_spans, words};

/// A finding before it is placed: where in the body, which rule, what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset in the body.
    pub offset: usize,
    /// The rule.
    pub code: Code,
    /// What was found and what to do.
    pub message: String,
}

/// Facts from the front matter some rules need.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// The JD's title and role title, whose words are never counted as gender-coded.
    pub title_words: TitleWords,
    /// Whether the JD is a real advert.
    pub advertised: bool,
    /// Whether it has a salary.
    pub has_salary: bool,
}

/// The lower-case words of a JD's titles, one after another in one buffer: a JD has a
/// dozen of them (its title, its role's title and aliases), and a string for each cost more
/// allocations than all the rest of its lint.
#[derive(Debug, Default, Clone)]
pub struct TitleWords {
    text: String,
    /// Where each word ends in `text`; it starts where the one before it ends.
    ends: Vec<usize>,
    /// Word ranges and shapes of the title being split, kept for the next.
    spans: Vec<(usize, usize)>,
    shapes: Vec<u32>,
}

impl TitleWords {
    /// The words of some titles.
    pub fn of(titles: &[&str]) -> Self {
        let mut words = TitleWords::default();
        for title in titles {
            words.add(title);
        }
        words
    }

    /// Empties the list, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Adds the words of a title, each lowered as [`str::to_lowercase`] lowers it.
    pub fn add(&mut self, title: &str) {
        self.spans.clear();
        self.shapes.clear();
        crate::lint::words::word_shapes(title, &mut self.spans, &mut self.shapes);
        for &(s, e) in &self.spans {
            let word = &title[s..e];
            if word.is_ascii() {
                self.text
                    .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                // A whole-word lowering, which knows a final sigma from any other.
                self.text.push_str(&word.to_lowercase());
            }
            self.ends.push(self.text.len());
        }
    }

    /// Whether `word` (lower case) is one of the words.
    pub fn contains(&self, word: &str) -> bool {
        let mut start = 0;
        self.ends.iter().any(|&end| {
            let found = &self.text[start..end] == word;
            start = end;
            found
        })
    }
}

#[derive(Deserialize)]
struct GenderData {
    masculine_coded: Vec<String>,
    feminine_coded: Vec<String>,
    non_coded_exceptions: Vec<String>,
}

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

struct Data {
    gender: GenderData,
    phrases: Vec<PhraseEntry>,
    acronyms: HashSet<String>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        // All three files are compiled in and parsed by the tests, so failing here is a build
        // defect, not bad input.
        let gender = serde_json::from_str(include_str!("../../data/gender_coded_words.json"))
            .expect("embedded gender word list parses");
        let phrases: PhraseData =
            serde_json::from_str(include_str!("../../data/lint/phrases.json"))
                .expect("embedded phrase list parses");
        let acronyms = include_str!("../../data/lint/acronyms.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default().trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        Data {
            gender,
            phrases: phrases.phrases,
            acronyms,
        }
    })
}

/// The word lists and phrases, with `jdlib.toml`'s additions, indexed once per run rather than
/// once per JD.
pub struct Prepared {
    stems: StemTrie,
    exceptions: Vec<String>,
    phrases: PhraseIndex,
    acronyms: HashSet<String>,
    /// Allowed names of several words ("Power BI"), the only ones that can allow an acronym
    /// by ending with it.
    acronym_names: Vec<String>,
    filter: WordFilter,
}

impl Prepared {
    /// The gender-coded stems.
    pub fn stems(&self) -> &StemTrie {
        &self.stems
    }

    /// Which rules a word may fire, by its first two bytes.
    pub fn filter(&self) -> &WordFilter {
        &self.filter
    }

    /// Whether a word (lower case) may start a phrase, by the phrase rule's own first test.
    #[cfg(test)]
    pub fn may_start_phrase_word(&self, word: &[u8]) -> bool {
        self.phrases.may_start(word)
    }

    /// Builds the lists for a configuration.
    pub fn new(config: &LintConfig) -> Prepared {
        let d = data();
        let extra = config.phrases.iter().map(|p| PhraseEntry {
            phrase: p.phrase.to_lowercase(),
            unless_next: Vec::new(),
            unless_sentence_has: None,
            why: p.why.clone(),
            instead: p.instead.clone(),
        });
        let acronyms: HashSet<String> =
            d.acronyms.iter().chain(&config.acronyms).cloned().collect();
        let acronym_names = acronyms
            .iter()
            .filter(|a| a.contains(' '))
            .cloned()
            .collect();
        let stems = StemTrie::new(
            d.gender
                .masculine_coded
                .iter()
                .chain(&config.gender.masculine),
            d.gender
                .feminine_coded
                .iter()
                .chain(&config.gender.feminine),
        );
        let phrases = PhraseIndex::new(d.phrases.iter().cloned().chain(extra).collect());
        let filter = WordFilter::new(
            |a, b| stems.may_start_pair(a, b),
            |a, b| phrases.may_start_pair(a, b),
        );
        Prepared {
            stems,
            exceptions: d
                .gender
                .non_coded_exceptions
                .iter()
                .chain(&config.gender.exceptions)
                .map(|w| w.to_lowercase())
                .collect(),
            phrases,
            acronyms,
            acronym_names,
            filter,
        }
    }
}

/// Strongly masculine-coded wording across the whole JD.
#[cfg(test)]
pub fn gender(ex: &Prose<'_>, facts: &Facts, prepared: &Prepared, hits: &mut Vec<Hit>) {
    let mut tally = GenderTally::default();
    for block in &ex.blocks {
        if block.allows(Code::GenderCoded.as_str()) {
            continue;
        }
        for (k, &(at, end)) in block.words.iter().enumerate() {
            let counts = prepared.stems.tally(&block.lower.as_bytes()[at..end]);
            tally.add(block, k, counts, facts, prepared);
        }
    }
    tally.finish(hits);
}

/// The gender-coded words of a JD so far: each masculine-coded word (once per part with a
/// masculine stem) with its body offset, and how many feminine stems matched.
#[derive(Default)]
pub struct GenderTally<'a> {
    masculine: Vec<(usize, &'a str)>,
    feminine: usize,
}

impl<'a> GenderTally<'a> {
    /// Counts word `k` of a block, given its masculine parts and feminine stems from
    /// [`StemTrie::tally`].
    #[inline]
    pub fn add(
        &mut self,
        block: &Block<'a>,
        k: usize,
        (masculine_parts, feminine): (usize, usize),
        facts: &Facts,
        prepared: &Prepared,
    ) {
        // Nearly every word starts no stem; the checks below only decide whether a word
        // that does is counted, so words with no match skip them.
        if (masculine_parts, feminine) == (0, 0) {
            return;
        }
        let (at, end) = block.words[k];
        let lower = &block.lower[at..end];
        // A job title's own words ("Lead", "Analyst") say what the job is called, not how
        // the advert talks to people.
        if prepared.exceptions.iter().any(|e| e == lower) || facts.title_words.contains(lower) {
            return;
        }
        let prev = k.checked_sub(1).and_then(|j| block.lower_word(j));
        let next = block.lower_word(k + 1);
        if lower.starts_with("support") && is_support_noun(prev, next) {
            return;
        }
        // The study's tool splits hyphenated words into parts, and lists a word once for
        // each part with a masculine stem.
        let offset = block.source_offset(at);
        self.masculine
            .extend(std::iter::repeat_n((offset, lower), masculine_parts));
        self.feminine += feminine;
    }

    /// Reports the JD when masculine-coded words outnumber feminine-coded ones by more
    /// than three.
    pub fn finish(self, hits: &mut Vec<Hit>) {
        let (masc, fem) = (self.masculine, self.feminine);
        let score =
            i64::try_from(fem).unwrap_or(i64::MAX) - i64::try_from(masc.len()).unwrap_or(i64::MAX);
        if score < -3 {
            let mut listed: Vec<String> = masc.iter().map(|(_, w)| w.to_lowercase()).collect();
            listed.sort();
            listed.dedup();
            hits.push(Hit {
                offset: masc[0].0,
                code: Code::GenderCoded,
                message: format!(
                    "strongly masculine-coded wording: {} masculine-coded words ({}) against {fem} feminine-coded; \
                     describe collaboration and support too, or rephrase some of them",
                    masc.len(),
                    listed.join(", ")
                ),
            });
        }
    }
}

/// "IT support", "support desk": a service, not a way of treating people.
fn is_support_noun(prev: Option<&str>, next: Option<&str>) -> bool {
    matches!(
        prev,
        Some(
            "it" | "ict"
                | "technical"
                | "desktop"
                | "application"
                | "applications"
                | "user"
                | "line"
                | "1st"
                | "2nd"
                | "3rd"
        )
    ) || matches!(
        next,
        Some(
            "desk"
                | "team"
                | "teams"
                | "analyst"
                | "analysts"
                | "officer"
                | "officers"
                | "engineer"
                | "engineers"
                | "ticket"
                | "tickets"
                | "contract"
                | "contracts"
        )
    )
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

/// Phrases that exclude or deter candidates.
#[cfg(test)]
pub fn phrases(ex: &Prose<'_>, prepared: &Prepared, hits: &mut Vec<Hit>) {
    for block in &ex.blocks {
        if block.allows(Code::ExclusionaryPhrase.as_str()) {
            continue;
        }
        for start in 0..block.words.len() {
            phrase_at(block, start, prepared, hits);
        }
    }
}

/// The phrases starting at word `start` of a block.
#[inline]
pub fn phrase_at(block: &Block<'_>, start: usize, prepared: &Prepared, hits: &mut Vec<Hit>) {
    let index = &prepared.phrases;
    let ws = block.words;
    if !index.may_start(&block.lower.as_bytes()[ws[start].0..ws[start].1]) {
        return;
    }
    phrases_from(block, start, index, hits);
}

/// [`phrase_at`] for a word that may start a phrase.
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

fn mailbox_allowed(address: &str, config: &LintConfig) -> bool {
    let address = address.to_lowercase();
    config.mailboxes.iter().any(|pattern| {
        let pattern = pattern.to_lowercase();
        match (pattern.strip_suffix("@*"), pattern.strip_prefix("*@")) {
            (Some(local), _) => address.split('@').next() == Some(local),
            (_, Some(domain)) => address.rsplit('@').next() == Some(domain),
            _ => pattern == address,
        }
    })
}

/// Email addresses, UK phone numbers and named contacts: an open library must not publish them.
#[cfg(test)]
pub fn personal_data(ex: &Prose<'_>, config: &LintConfig, hits: &mut Vec<Hit>) {
    linked_emails(ex, config, hits);
    for block in &ex.blocks {
        if !block.allows(Code::PersonalEmail.as_str()) {
            emails(block, config, hits);
        }
        if !block.allows(Code::PersonalPhone.as_str()) {
            phones(block, hits);
        }
        if !block.allows(Code::NamedContact.as_str()) {
            for k in 0..block.words.len() {
                named_contact_at(block, k, hits);
            }
        }
    }
}

/// Addresses linked with `mailto:`.
pub fn linked_emails(ex: &Prose<'_>, config: &LintConfig, hits: &mut Vec<Hit>) {
    for (offset, address) in ex.mailto {
        if !mailbox_allowed(address, config) {
            hits.push(email_hit(*offset, address));
        }
    }
}

/// Email addresses written in a block's text.
pub fn emails(block: &Block<'_>, config: &LintConfig, hits: &mut Vec<Hit>) {
    let text = block.text;
    for at in memchr::memchr_iter(b'@', text.as_bytes()) {
        let local_start = text[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || "._%+-".contains(c)))
            .map_or(0, |i| i + 1);
        let domain_end = text[at + 1..]
            .find(|c: char| !(c.is_alphanumeric() || ".-".contains(c)))
            .map_or(text.len(), |i| at + 1 + i);
        let domain = text[at + 1..domain_end].trim_end_matches('.');
        if local_start < at && domain.contains('.') {
            let address = &text[local_start..at + 1 + domain.len()];
            if !mailbox_allowed(address, config) {
                hits.push(email_hit(block.source_offset(local_start), address));
            }
        }
    }
}

fn email_hit(offset: usize, address: &str) -> Hit {
    Hit {
        offset,
        code: Code::PersonalEmail,
        message: format!(
            "email address `{address}` in an open library: remove it, or allow a role mailbox in jdlib.toml ([lint] mailboxes)"
        ),
    }
}

/// UK numbers: `0` or `+44` and then 9–10 more digits, spaces, hyphens and brackets allowed.
pub fn phones(block: &Block<'_>, hits: &mut Vec<Hit>) {
    let text = block.text;
    let bytes = text.as_bytes();
    let mut i = 0;
    // A number starts at a `0` or a `+`; other bytes are skipped a block at a time.
    while let Some(skip) = memchr::memchr2(b'0', b'+', &bytes[i..]) {
        i += skip;
        let starts = (bytes[i] == b'0' || (bytes[i] == b'+' && text[i..].starts_with("+44")))
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut digits = 0;
        let mut end = i;
        for (j, &b) in bytes.iter().enumerate().skip(i) {
            if b.is_ascii_digit() {
                digits += 1;
                end = j + 1;
            } else if !(b == b' ' || b == b'-' || b == b'(' || b == b')' || (b == b'+' && j == i)) {
                break;
            }
        }
        let national = if text[i..].starts_with("+44") {
            digits - 2
        } else {
            digits
        };
        if (10..=11).contains(&national) && !bytes.get(end).is_some_and(u8::is_ascii_digit) {
            hits.push(Hit {
                offset: block.source_offset(i),
                code: Code::PersonalPhone,
                message: format!(
                    "telephone number `{}` in an open library: remove it (point readers to the advert instead)",
                    text[i..end].trim()
                ),
            });
            i = end;
        } else {
            i += 1;
        }
    }
}

/// Words that name a team rather than a person when they follow a trigger and a capital.
const TEAMS: &[&str] = &[
    "services",
    "service",
    "team",
    "centre",
    "center",
    "desk",
    "council",
    "department",
    "resources",
    "support",
    "unit",
    "office",
    "hub",
    "directorate",
    "board",
    "panel",
];

/// The words that introduce a contact, lower case.
pub(crate) const TRIGGER_WORDS: [&str; 7] =
    ["contact", "email", "call", "ring", "speak", "talk", "write"];

/// For each first byte, a bit per length (all under 8) of the trigger words starting with it.
const fn trigger_shapes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < TRIGGER_WORDS.len() {
        let word = TRIGGER_WORDS[i].as_bytes();
        table[word[0] as usize] |= 1 << word.len();
        i += 1;
    }
    table
}

static TRIGGERS: [u8; 256] = trigger_shapes();

/// Whether a word starting with these two bytes (lower case) may be a trigger word.
pub fn may_start_contact(first: u8, second: u8) -> bool {
    TRIGGER_WORDS
        .iter()
        .any(|w| w.as_bytes()[..2] == [first, second])
}

/// Whether a word starting with these two bytes (as written) may be an acronym: the test
/// [`acronym_at`] starts with.
pub fn may_start_acronym(first: u8, second: u8) -> bool {
    first.is_ascii_uppercase() && (second.is_ascii_uppercase() || second.is_ascii_digit())
}

/// "contact Jane Smith", "speak to Sam Patel": a person's name with a way to reach them,
/// starting at word `k` of a block.
#[inline]
pub fn named_contact_at(block: &Block<'_>, k: usize, hits: &mut Vec<Hit>) {
    let (s, e) = block.words[k];
    // Most words have neither the first letter nor the length of any trigger word.
    if e - s >= 8 || TRIGGERS[usize::from(block.lower.as_bytes()[s])] & (1 << (e - s)) == 0 {
        return;
    }
    let word = |k: usize| block.words.get(k).map(|&(s, e)| (s, &block.text[s..e]));
    let skip = match &block.lower[s..e] {
        "contact" | "email" | "call" | "ring" => 1,
        "speak" | "talk" | "write" if word(k + 1).is_some_and(|w| w.1 == "to") => 2,
        _ => return,
    };
    let (Some(first), Some(second)) = (word(k + skip), word(k + skip + 1)) else {
        return;
    };
    let is_name = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase) && w.len() > 1
    };
    if is_name(first.1)
        && is_name(second.1)
        && !block
            .lower_word(k + skip + 1)
            .is_some_and(|w| TEAMS.contains(&w))
    {
        hits.push(Hit {
            offset: block.source_offset(first.0),
            code: Code::NamedContact,
            message: format!(
                "`{} {}` looks like a named contact: an open library must not publish people's names; name the role or team instead",
                first.1, second.1
            ),
        });
    }
}

/// One sentence's tally: where its first word is, how many words and syllables it has.
#[derive(Default)]
struct Tally {
    first: usize,
    words: usize,
    syllables: usize,
}

/// Long sentences, long lists, and a hard-to-read JD, in one pass over each block's
/// sentences. Returns the JD's Flesch reading ease and mean words per sentence.
#[cfg(test)]
pub fn readability(ex: &Prose<'_>, config: &LintConfig, hits: &mut Vec<Hit>) -> Option<(f64, f64)> {
    let limits = &config.readability;
    let (mut n_words, mut n_sentences, mut n_syllables) = (0usize, 0usize, 0usize);
    let mut bounds = Vec::new();
    for block in &ex.blocks {
        let heading = matches!(block.kind, BlockKind::Heading(_));
        let check_length = !block.allows(Code::LongSentence.as_str());
        let mut finish = |tally: &Tally, hits: &mut Vec<Hit>| {
            if tally.words == 0 {
                return;
            }
            if check_length && tally.words > limits.max_sentence_words {
                hits.push(Hit {
                    offset: block.source_offset(tally.first),
                    code: Code::LongSentence,
                    message: format!(
                        "sentence of {} words: split it (at most {} reads easily)",
                        tally.words, limits.max_sentence_words
                    ),
                });
            }
            // Headings are labels, not sentences: they would flatter the score.
            if !heading {
                n_sentences += 1;
                n_words += tally.words;
                n_syllables += tally.syllables;
            }
        };
        sentences_into(block.text, &mut bounds);
        // Words are in order, and so are sentences: walk both together. Words after the last
        // sentence (a trailing fragment of one character) belong to none.
        let mut k = 0;
        let mut tally = Tally::default();
        let text = block.text.as_bytes();
        for &(at, end) in block.words {
            while k < bounds.len() && at >= bounds[k].1 {
                finish(&tally, hits);
                tally = Tally::default();
                k += 1;
            }
            if k == bounds.len() {
                break;
            }
            if tally.words == 0 {
                tally.first = at;
            }
            tally.words += 1;
            tally.syllables += syllables_in(&text[at..end]);
        }
        if k < bounds.len() {
            finish(&tally, hits);
        }
    }
    scores(ex, limits, (n_words, n_sentences, n_syllables), hits)
}

/// Long lists, and the JD's Flesch reading ease and mean words per sentence from its word,
/// sentence and syllable counts.
fn scores(
    ex: &Prose<'_>,
    limits: &Readability,
    (n_words, n_sentences, n_syllables): (usize, usize, usize),
    hits: &mut Vec<Hit>,
) -> Option<(f64, f64)> {
    for list in ex.lists {
        if list.items > limits.max_list_items
            && !list.allowed.iter().any(|c| c == Code::LongList.as_str())
        {
            hits.push(Hit {
                offset: list.offset,
                code: Code::LongList,
                message: format!(
                    "list of {} items: keep lists to {} or fewer, grouping or cutting the rest",
                    list.items, limits.max_list_items
                ),
            });
        }
    }
    if n_words == 0 {
        return None;
    }
    let per_sentence = n_words as f64 / n_sentences as f64;
    let flesch = 206.835 - 1.015 * per_sentence - 84.6 * (n_syllables as f64 / n_words as f64);
    if let Some(first) = ex.blocks.first()
        && flesch < limits.min_flesch
        && !first.allows(Code::HardToRead.as_str())
    {
        hits.push(Hit {
            offset: first.source_offset(0),
            code: Code::HardToRead,
            message: format!(
                "Flesch reading ease {flesch:.0} is below {:.0} ({per_sentence:.0} words a sentence): use shorter sentences and plainer words",
                limits.min_flesch
            ),
        });
    }
    Some((flesch, per_sentence))
}

/// Sentence lengths and the JD's word, sentence and syllable counts, gathered word by word
/// as the rules' single pass reaches each block's words.
pub struct Reading<'c> {
    limits: &'c Readability,
    /// Where each sentence ends in [`Prose::text`], found in one scan of the whole: just
    /// after a `.`, `!` or `?` that whitespace follows. (A block's last byte is followed by
    /// the newline after it, as the end of its own text would end a sentence.)
    ends: Vec<usize>,
    /// The first of `ends` not yet reached.
    next_end: usize,
    /// The current block's sentences.
    bounds: Vec<(usize, usize)>,
    /// The sentence the next word may be in.
    k: usize,
    tally: Tally,
    heading: bool,
    check_length: bool,
    words: usize,
    sentences: usize,
    syllables: usize,
}

impl<'c> Reading<'c> {
    /// Nothing read yet of a JD's prose, whose text is `text` ([`Prose::text`]).
    pub fn new(config: &'c LintConfig, text: &str) -> Self {
        let bytes = text.as_bytes();
        // Sized once: prose has a sentence end every 80 bytes or so, and growing the list
        // step by step cost several allocations a JD.
        let mut ends = Vec::with_capacity(bytes.len() / 64 + 1);
        ends.extend(
            memchr::memchr3_iter(b'.', b'!', b'?', bytes)
                .filter(|&i| bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace))
                .map(|i| i + 1),
        );
        Reading {
            limits: &config.readability,
            ends,
            next_end: 0,
            bounds: Vec::new(),
            k: 0,
            tally: Tally::default(),
            heading: false,
            check_length: false,
            words: 0,
            sentences: 0,
            syllables: 0,
        }
    }

    /// Starts a block: finds its sentences, as [`sentences`] would in its text alone. Blocks
    /// come in order, so the sentence ends in this one are the next few not yet reached.
    pub fn start(&mut self, block: &Block<'_>) {
        self.bounds.clear();
        let block_end = block.start + block.text.len();
        let mut from = 0;
        while let Some(&end) = self.ends.get(self.next_end)
            && end <= block_end
        {
            self.next_end += 1;
            // An end before this block would belong to a block the pass skipped (there are
            // none in a whole extract).
            if let Some(end) = end.checked_sub(block.start) {
                self.bounds.push((from, end));
                from = end;
            }
        }
        if block.text[from..].trim().len() > 1 {
            self.bounds.push((from, block.text.len()));
        }
        self.k = 0;
        self.tally = Tally::default();
        self.heading = matches!(block.kind, BlockKind::Heading(_));
        self.check_length = !block.allows(Code::LongSentence.as_str());
    }

    /// The block's next word, at `at` in its text, with its syllables. Words are in order,
    /// and so are sentences: walk both together. Words after the last sentence (a trailing
    /// fragment of one character) belong to none.
    #[inline]
    pub fn word(&mut self, block: &Block<'_>, at: usize, syllables: usize, hits: &mut Vec<Hit>) {
        while self.k < self.bounds.len() && at >= self.bounds[self.k].1 {
            self.sentence_end(block, hits);
            self.tally = Tally::default();
            self.k += 1;
        }
        if self.k == self.bounds.len() {
            return;
        }
        if self.tally.words == 0 {
            self.tally.first = at;
        }
        self.tally.words += 1;
        self.tally.syllables += syllables;
    }

    /// Ends a block: its last sentence ends too.
    pub fn end(&mut self, block: &Block<'_>, hits: &mut Vec<Hit>) {
        if self.k < self.bounds.len() {
            self.sentence_end(block, hits);
        }
    }

    fn sentence_end(&mut self, block: &Block<'_>, hits: &mut Vec<Hit>) {
        let tally = &self.tally;
        if tally.words == 0 {
            return;
        }
        if self.check_length && tally.words > self.limits.max_sentence_words {
            hits.push(Hit {
                offset: block.source_offset(tally.first),
                code: Code::LongSentence,
                message: format!(
                    "sentence of {} words: split it (at most {} reads easily)",
                    tally.words, self.limits.max_sentence_words
                ),
            });
        }
        // Headings are labels, not sentences: they would flatter the score.
        if !self.heading {
            self.sentences += 1;
            self.words += tally.words;
            self.syllables += tally.syllables;
        }
    }

    /// Long lists and a hard-to-read JD, once every block is read. Returns the JD's Flesch
    /// reading ease and mean words per sentence.
    pub fn finish(self, ex: &Prose<'_>, hits: &mut Vec<Hit>) -> Option<(f64, f64)> {
        scores(
            ex,
            self.limits,
            (self.words, self.sentences, self.syllables),
            hits,
        )
    }
}

/// Essential/desirable split, salary on adverts, acronyms spelled out on first use.
#[cfg(test)]
pub fn structure(ex: &Prose<'_>, facts: &Facts, prepared: &Prepared, hits: &mut Vec<Hit>) {
    spec_and_salary(ex, facts, hits);
    // A JD has a handful of distinct acronyms: a list is quicker than hashing.
    let mut seen: Vec<&str> = Vec::new();
    for block in &ex.blocks {
        for &(at, end) in block.words {
            acronym_at(block, at, end, prepared, &mut seen, hits);
        }
    }
}

/// Essential/desirable split, and salary on adverts.
pub fn spec_and_salary(ex: &Prose<'_>, facts: &Facts, hits: &mut Vec<Hit>) {
    let in_spec = ex.blocks.iter().filter(|b| {
        b.section
            .is_some_and(|s| s.eq_ignore_ascii_case("person specification"))
    });
    if let Some(heading) = in_spec.clone().next() {
        // Each block's ASCII-lowered text, searched block by block, finds what the full
        // lower-cased text would: full lower-casing turns nothing else into these ASCII
        // letters, and no word spans two blocks.
        let has = |word: &str| in_spec.clone().any(|b| b.lower.contains(word));
        let split = has("essential") && has("desirable");
        if !split && !heading.allows(Code::NoEssentialDesirable.as_str()) {
            hits.push(Hit {
                offset: heading.source_offset(0),
                code: Code::NoEssentialDesirable,
                message: "the person specification does not say which criteria are essential and which desirable: \
                          add `### Essential` and `### Desirable` lists"
                    .to_owned(),
            });
        }
    }
    if facts.advertised && !facts.has_salary {
        hits.push(Hit {
            offset: 0,
            code: Code::MissingSalary,
            message: "an advertised JD without its salary: add the advertised `salary` so others can compare pay".to_owned(),
        });
    }
}

/// An acronym at `at..end` in a block's text, used before it is spelled out; `seen` holds the
/// JD's acronyms so far, each reported at most once.
#[inline]
pub fn acronym_at<'a>(
    block: &Block<'a>,
    at: usize,
    end: usize,
    prepared: &Prepared,
    seen: &mut Vec<&'a str>,
    hits: &mut Vec<Hit>,
) {
    // Most words are not acronyms; their first two letters say so (an acronym's first two
    // characters are capitals or digits, whether or not it ends in a plural `s`).
    let bytes = block.text.as_bytes();
    if !bytes[at].is_ascii_uppercase()
        || end - at < 2
        || !(bytes[at + 1].is_ascii_uppercase() || bytes[at + 1].is_ascii_digit())
    {
        return;
    }
    acronym_from(block, at, end, prepared, seen, hits);
}

/// [`acronym_at`] for a word starting with a capital.
#[inline(never)]
fn acronym_from<'a>(
    block: &Block<'a>,
    at: usize,
    end: usize,
    prepared: &Prepared,
    seen: &mut Vec<&'a str>,
    hits: &mut Vec<Hit>,
) {
    let allowed = &prepared.acronyms;
    let word = &block.text[at..end];
    let core = word
        .strip_suffix('s')
        .filter(|c| c.len() >= 2)
        .unwrap_or(word);
    let is_acronym = core.len() >= 2
        && core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && core.chars().filter(char::is_ascii_uppercase).count() >= 2;
    if !is_acronym || allowed.contains(word) || allowed.contains(core) {
        return;
    }
    let in_allowed_name = prepared.acronym_names.iter().any(|name| {
        name.strip_suffix(word)
            .is_some_and(|lead| lead.ends_with(' ') && block.text[..at].ends_with(lead))
    });
    if in_allowed_name {
        return;
    }
    if seen.contains(&core) {
        return;
    }
    seen.push(core);
    if block.allows(Code::UnexpandedAcronym.as_str()) || is_expanded(block.text, at, word.len()) {
        return;
    }
    hits.push(Hit {
        offset: block.source_offset(at),
        code: Code::UnexpandedAcronym,
        message: format!(
            "`{word}` is used before it is spelled out: write it in full the first time, e.g. `words in full ({word})`"
        ),
    });
}

/// An acronym is explained when it sits inside brackets after its words, or is followed by
/// its words in brackets.
fn is_expanded(text: &str, at: usize, len: usize) -> bool {
    let before = &text[..at];
    let inside_brackets = before
        .rfind('(')
        .is_some_and(|open| !before[open..].contains(')'));
    let followed = text[at + len..].trim_start().starts_with('(');
    inside_brackets || followed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_are_lowered_as_whole_words() {
        let titles = ["Lead Data Analyst - Hybrid", "ΟΔΟΣ Officer", "Ünïcode-Lead"];
        let mut list = TitleWords::of(&titles);
        let want: Vec<String> = titles
            .iter()
            .flat_map(|t| words(t))
            .map(|(_, w)| w.to_lowercase())
            .collect();
        assert!(want.contains(&"οδος".to_owned()), "{want:?}");
        for w in &want {
            assert!(list.contains(w), "{w}");
        }
        assert!(!list.contains("lead data"));
        assert!(!list.contains("Lead"));
        list.clear();
        list.add("Head of Service");
        assert!(list.contains("head") && !list.contains("lead"));
    }

    #[test]
    fn only_two_characters_lower_case_to_ascii() {
        // `structure` looks for "essential" and "desirable" in ASCII-lowered text, where it
        // once looked in fully lower-cased text. That is the same search because only these
        // two characters lower-case to anything ASCII ("i" plus a combining dot, and "k"),
        // and neither can complete those words.
        let odd: Vec<char> = (0x80..=0x0010_FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(odd, ['\u{130}', '\u{212a}']);
    }

    #[test]
    fn embedded_data_parses() {
        let d = data();
        assert_eq!(d.gender.masculine_coded.len(), 52);
        assert!(d.phrases.iter().any(|p| p.phrase == "native speaker"));
        assert!(d.acronyms.contains("WCAG"));
    }
}
