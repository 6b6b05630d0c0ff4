//! The lint rules. Each reads the extracted prose of one JD and reports findings by body
//! offset; `mod.rs` turns offsets into lines and columns and applies severities.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::Code;
use crate::lint::config::LintConfig;
use crate::lint::text::{Block, BlockKind, Extract};

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
    pub title_words: Vec<String>,
    /// Whether the JD is a real advert.
    pub advertised: bool,
    /// Whether it has a salary.
    pub has_salary: bool,
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

/// Words in a text with their byte offsets: letters, digits, apostrophes and inner hyphens.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    word_spans(text, &mut spans);
    spans.into_iter().map(|(s, e)| (s, &text[s..e])).collect()
}

/// The byte ranges of [`words`], appended to `out`. ASCII, nearly all of a JD, is classified a
/// byte at a time; other characters are decoded.
pub fn word_spans(text: &str, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (inside, len) = if b.is_ascii() {
            let inside = b.is_ascii_alphanumeric() || b == b'\'' || (b == b'-' && start.is_some());
            (inside, 1)
        } else {
            text[i..].chars().next().map_or((false, 1), |c| {
                (c.is_alphanumeric() || c == '’', c.len_utf8())
            })
        };
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_word(text, s, i, out);
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        push_word(text, s, text.len(), out);
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
fn sentences_into(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
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
}

impl Prepared {
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
        Prepared {
            stems: StemTrie::new(
                d.gender
                    .masculine_coded
                    .iter()
                    .chain(&config.gender.masculine),
                d.gender
                    .feminine_coded
                    .iter()
                    .chain(&config.gender.feminine),
            ),
            exceptions: d
                .gender
                .non_coded_exceptions
                .iter()
                .chain(&config.gender.exceptions)
                .map(|w| w.to_lowercase())
                .collect(),
            phrases: PhraseIndex::new(d.phrases.iter().cloned().chain(extra).collect()),
            acronyms,
            acronym_names,
        }
    }
}

/// Strongly masculine-coded wording across the whole JD.
pub fn gender(ex: &Extract, facts: &Facts, prepared: &Prepared, hits: &mut Vec<Hit>) {
    let stems = &prepared.stems;
    let mut masc: Vec<(usize, String)> = Vec::new();
    let mut fem = 0usize;
    for block in ex.blocks() {
        if block.allows(Code::GenderCoded.as_str()) {
            continue;
        }
        for (k, &(at, end)) in block.words.iter().enumerate() {
            let lower = &block.lower[at..end];
            // Nearly every word starts no stem; the checks below only decide whether a word
            // that does is counted, so words with no match skip them.
            if !parts(lower).any(|part| stems.matches(part) != (0, 0)) {
                continue;
            }
            // A job title's own words ("Lead", "Analyst") say what the job is called, not how
            // the advert talks to people.
            if prepared.exceptions.iter().any(|e| e == lower)
                || facts.title_words.iter().any(|t| t == lower)
            {
                continue;
            }
            let prev = k.checked_sub(1).and_then(|j| block.lower_word(j));
            let next = block.lower_word(k + 1);
            if lower.starts_with("support") && is_support_noun(prev, next) {
                continue;
            }
            // The study's tool splits hyphenated words into parts.
            for part in parts(lower) {
                let (m, f) = stems.matches(part);
                if m > 0 {
                    masc.push((block.source_offset(at), lower.to_owned()));
                }
                fem += f;
            }
        }
    }
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

/// The non-empty parts of a hyphenated word.
fn parts(word: &str) -> impl Iterator<Item = &str> {
    word.split('-').filter(|p| !p.is_empty())
}

/// The masculine and feminine stems in one byte trie: walking a word down it passes every stem
/// the word starts with, so a word costs a step per matching byte instead of a comparison per
/// stem.
struct StemTrie {
    nodes: Vec<TrieNode>,
}

#[derive(Default)]
struct TrieNode {
    children: Vec<(u8, usize)>,
    /// Masculine and feminine stems ending here (a list may repeat a stem; each counts).
    ends: (usize, usize),
}

impl StemTrie {
    fn new<'a>(
        masculine: impl Iterator<Item = &'a String>,
        feminine: impl Iterator<Item = &'a String>,
    ) -> Self {
        let mut trie = StemTrie {
            nodes: vec![TrieNode::default()],
        };
        for (stem, is_masculine) in masculine
            .map(|s| (s, true))
            .chain(feminine.map(|s| (s, false)))
        {
            let stem = stem.to_lowercase();
            // An empty stem would match every word; the lists never meant that.
            if stem.is_empty() {
                continue;
            }
            let mut node = 0;
            for &b in stem.as_bytes() {
                let existing = trie.nodes[node].children.iter().find(|c| c.0 == b);
                node = if let Some(&(_, next)) = existing {
                    next
                } else {
                    trie.nodes.push(TrieNode::default());
                    let next = trie.nodes.len() - 1;
                    trie.nodes[node].children.push((b, next));
                    next
                };
            }
            let ends = &mut trie.nodes[node].ends;
            if is_masculine {
                ends.0 += 1;
            } else {
                ends.1 += 1;
            }
        }
        trie
    }

    /// How many masculine and feminine stems `word` (lower case) starts with: the study's tool
    /// counts each.
    fn matches(&self, word: &str) -> (usize, usize) {
        let (mut m, mut f) = (0, 0);
        let mut node = &self.nodes[0];
        for &b in word.as_bytes() {
            let Some(&(_, next)) = node.children.iter().find(|c| c.0 == b) else {
                break;
            };
            node = &self.nodes[next];
            m += node.ends.0;
            f += node.ends.1;
        }
        (m, f)
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
        for (k, (word, _)) in firsts.iter().enumerate() {
            if let Some(&b) = word.as_bytes().first() {
                by_byte[usize::from(b)].push(k);
            }
        }
        PhraseIndex {
            entries,
            words,
            firsts,
            by_byte,
            wildcard,
        }
    }

    /// The entries a word can start, in list order: those whose first word it is, then the
    /// wildcards.
    fn starting_with<'a>(&'a self, word: &str) -> impl Iterator<Item = usize> + 'a {
        let first = word.as_bytes().first().map_or(0, |&b| usize::from(b));
        let named = self.by_byte[first]
            .iter()
            .find(|&&k| self.firsts[k].0 == word)
            .map(|&k| self.firsts[k].1.as_slice())
            .unwrap_or_default();
        named.iter().chain(&self.wildcard).copied()
    }
}

/// Phrases that exclude or deter candidates.
pub fn phrases(ex: &Extract, prepared: &Prepared, hits: &mut Vec<Hit>) {
    let index = &prepared.phrases;
    for block in ex.blocks() {
        if block.allows(Code::ExclusionaryPhrase.as_str()) {
            continue;
        }
        let ws = block.words;
        let word = |k: usize| &block.lower[ws[k].0..ws[k].1];
        for start in 0..ws.len() {
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
pub fn personal_data(ex: &Extract, config: &LintConfig, hits: &mut Vec<Hit>) {
    for (offset, address) in &ex.mailto {
        if !mailbox_allowed(address, config) {
            hits.push(email_hit(*offset, address));
        }
    }
    for block in ex.blocks() {
        let text = block.text;
        if !block.allows(Code::PersonalEmail.as_str()) {
            for (at, _) in text.match_indices('@') {
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
        if !block.allows(Code::PersonalPhone.as_str()) {
            phones(&block, hits);
        }
        if !block.allows(Code::NamedContact.as_str()) {
            named_contacts(&block, hits);
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
fn phones(block: &Block<'_>, hits: &mut Vec<Hit>) {
    let text = block.text;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
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

/// "contact Jane Smith", "speak to Sam Patel": a person's name with a way to reach them.
fn named_contacts(block: &Block<'_>, hits: &mut Vec<Hit>) {
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
    let word = |k: usize| block.words.get(k).map(|&(s, e)| (s, &block.text[s..e]));
    for (k, &(s, e)) in block.words.iter().enumerate() {
        let skip = match &block.lower[s..e] {
            "contact" | "email" | "call" | "ring" => 1,
            "speak" | "talk" | "write" if word(k + 1).is_some_and(|w| w.1 == "to") => 2,
            _ => continue,
        };
        let (Some(first), Some(second)) = (word(k + skip), word(k + skip + 1)) else {
            continue;
        };
        let is_name = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(char::is_lowercase)
                && w.len() > 1
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
}

/// Estimated syllables in an English word: vowel groups, less a silent final `e`.
fn syllables(word: &str) -> usize {
    // Bytes rather than characters: every byte of a non-ASCII character is a non-vowel, as
    // the character itself is.
    let bytes = word.as_bytes();
    let mut count = 0;
    let mut prev_vowel = false;
    for &b in bytes {
        let vowel = matches!(b | 0x20, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') && b.is_ascii();
        if vowel && !prev_vowel {
            count += 1;
        }
        prev_vowel = vowel;
    }
    let silent_e = bytes.last().is_some_and(|b| b.eq_ignore_ascii_case(&b'e'))
        && !(bytes.len() >= 2 && bytes[bytes.len() - 2].eq_ignore_ascii_case(&b'l'));
    if silent_e && count > 1 {
        count -= 1;
    }
    count.max(1)
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
pub fn readability(ex: &Extract, config: &LintConfig, hits: &mut Vec<Hit>) -> Option<(f64, f64)> {
    let limits = &config.readability;
    let (mut n_words, mut n_sentences, mut n_syllables) = (0usize, 0usize, 0usize);
    let mut bounds = Vec::new();
    for block in ex.blocks() {
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
        for (at, word) in block.words() {
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
            tally.syllables += syllables(word);
        }
        if k < bounds.len() {
            finish(&tally, hits);
        }
    }
    for list in &ex.lists {
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
    if let Some(first) = ex.first_block()
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

/// Essential/desirable split, salary on adverts, acronyms spelled out on first use.
pub fn structure(ex: &Extract, facts: &Facts, prepared: &Prepared, hits: &mut Vec<Hit>) {
    let in_spec: Vec<Block<'_>> = ex
        .blocks()
        .filter(|b| {
            b.section
                .is_some_and(|s| s.eq_ignore_ascii_case("person specification"))
        })
        .collect();
    if let Some(heading) = in_spec.first() {
        let text: String = in_spec
            .iter()
            .map(|b| b.text.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let split = text.contains("essential") && text.contains("desirable");
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
    let allowed = &prepared.acronyms;
    let mut seen: HashSet<&str> = HashSet::new();
    for block in ex.blocks() {
        for (at, word) in block.words() {
            // Most words are not acronyms; their first letter says so.
            if !word.as_bytes()[0].is_ascii_uppercase() {
                continue;
            }
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
                continue;
            }
            let in_allowed_name = prepared.acronym_names.iter().any(|name| {
                name.strip_suffix(word)
                    .is_some_and(|lead| lead.ends_with(' ') && block.text[..at].ends_with(lead))
            });
            if in_allowed_name {
                continue;
            }
            if !seen.insert(core) {
                continue;
            }
            if block.allows(Code::UnexpandedAcronym.as_str())
                || is_expanded(block.text, at, word.len())
            {
                continue;
            }
            hits.push(Hit {
                offset: block.source_offset(at),
                code: Code::UnexpandedAcronym,
                message: format!(
                    "`{word}` is used before it is spelled out: write it in full the first time, e.g. `words in full ({word})`"
                ),
            });
        }
    }
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

    /// Text made of the pieces the word and syllable rules care about, mixed.
    fn prose_soup() -> impl proptest::strategy::Strategy<Value = String> {
        let piece = proptest::sample::select(vec![
            "a", "E", "le", "LE", "y", "q", "Z", "9", "-", "--", "'", "’", " ", ".", "é", "É", "ß",
            "ę", "中", "٣", "İ", "\u{301}", "\t", "\n", "(", ")", "@", "x-", "-y",
        ]);
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn byte_level_words_and_syllables_match_the_character_versions(text in prose_soup()) {
            prop_assert_eq!(words(&text), words_by_char(&text));
            for (_, word) in words(&text) {
                prop_assert_eq!(syllables(word), syllables_by_char(word), "{}", word);
            }
            prop_assert_eq!(syllables(&text), syllables_by_char(&text));
        }

        #[test]
        fn the_stem_trie_counts_every_stem_a_word_starts_with(
            stems in proptest::collection::vec("[a-dé-]{0,4}", 0..12),
            word in "[a-dé-]{0,6}",
        ) {
            let (masculine, feminine) = stems.split_at(stems.len() / 2);
            let trie = StemTrie::new(masculine.iter(), feminine.iter());
            let count = |list: &[String]| {
                list.iter()
                    .filter(|s| !s.is_empty() && word.starts_with(s.as_str()))
                    .count()
            };
            prop_assert_eq!(trie.matches(&word), (count(masculine), count(feminine)));
        }
    }

    #[test]
    fn embedded_data_parses() {
        let d = data();
        assert_eq!(d.gender.masculine_coded.len(), 52);
        assert!(d.phrases.iter().any(|p| p.phrase == "native speaker"));
        assert!(d.acronyms.contains("WCAG"));
    }
}
