//! `gender-coded`: strongly masculine-coded wording across a JD (Gaucher, Friesen & Kay,
//! 2011; the Gender Decoder's stems), with `jdlib.toml`'s extra stems and exceptions.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Rule, Word, Words};
use crate::lint::settings::LintConfig;
use crate::lint::stems::StemTrie;
use crate::lint::text::{Block, Prose};

#[derive(Deserialize)]
struct GenderData {
    masculine_coded: Vec<String>,
    feminine_coded: Vec<String>,
    non_coded_exceptions: Vec<String>,
}

fn data() -> &'static GenderData {
    static DATA: OnceLock<GenderData> = OnceLock::new();
    DATA.get_or_init(|| {
        // Compiled in and parsed by the tests, so failing here is a build defect, not bad
        // input.
        serde_json::from_str(include_str!("../../../data/gender_coded_words.json"))
            .expect("embedded gender word list parses")
    })
}

/// The gender-coded stems and the words never counted.
pub struct GenderCoded {
    stems: StemTrie,
    exceptions: Vec<String>,
}

impl Rule for GenderCoded {
    const CODES: &'static [(Code, Severity)] = &[(Code::GenderCoded, Severity::Warning)];
    const WORDS: Words = Words::FirstBytesOrHyphenated;
    const WORD_ALLOW: Option<Code> = Some(Code::GenderCoded);
    type Jd<'a> = GenderTally<'a>;

    fn new(config: &LintConfig) -> Self {
        let d = data();
        GenderCoded {
            stems: StemTrie::new(
                d.masculine_coded.iter().chain(&config.gender.masculine),
                d.feminine_coded.iter().chain(&config.gender.feminine),
            ),
            exceptions: d
                .non_coded_exceptions
                .iter()
                .chain(&config.gender.exceptions)
                .map(|w| w.to_lowercase())
                .collect(),
        }
    }

    fn may_start(&self, first: u8, second: u8) -> bool {
        self.stems
            .may_start_pair(first.to_ascii_lowercase(), second.to_ascii_lowercase())
    }

    fn looks_at(&self, _written: &[u8], lower: &[u8]) -> bool {
        self.stems.tally_unhyphenated(lower) != (0, 0)
    }

    fn start<'a>(&'a self, _prose: &Prose<'a>, _hits: &mut Vec<Hit>) -> GenderTally<'a> {
        GenderTally::default()
    }

    #[inline]
    fn word<'a>(
        &'a self,
        tally: &mut GenderTally<'a>,
        block: &Block<'a>,
        word: Word,
        facts: &Facts,
        _hits: &mut Vec<Hit>,
    ) {
        let lower = &block.lower.as_bytes()[word.at..word.end];
        let counts = if word.hyphenated {
            self.stems.tally(lower)
        } else {
            self.stems.tally_unhyphenated(lower)
        };
        tally.add(block, word.k, counts, facts, &self.exceptions);
    }

    fn finish<'a>(
        &'a self,
        tally: GenderTally<'a>,
        _prose: &Prose<'a>,
        _facts: &Facts,
        hits: &mut Vec<Hit>,
    ) -> Option<(f64, f64)> {
        tally.finish(hits);
        None
    }
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
        exceptions: &[String],
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
        if exceptions.iter().any(|e| e == lower) || facts.title_words.contains(lower) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        assert_eq!(data().masculine_coded.len(), 52);
    }
}
