//! `gendered-pronoun`: "he or she", "he/she", "s/he", "his or her", "his/her" and their
//! like, which talk about the candidate as a man or a woman. A JD reads better speaking to
//! the reader ("you") or, about someone else, with "they".

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Rule, Word, Words};
use crate::lint::settings::LintConfig;
use crate::lint::text::{Block, Prose};

/// How the two pronouns of a pair are joined.
#[derive(Clone, Copy)]
enum Join {
    /// "he/she" (spaces around the slash allowed).
    Slash,
    /// "he or she".
    Or,
}

/// The pairs: first word, join, second word, and what to write instead.
const PAIRS: &[(&str, Join, &str, (&str, &str))] = &[
    ("he", Join::Slash, "she", SUBJECT),
    ("he", Join::Or, "she", SUBJECT),
    ("she", Join::Slash, "he", SUBJECT),
    ("she", Join::Or, "he", SUBJECT),
    ("s", Join::Slash, "he", SUBJECT),
    ("his", Join::Slash, "her", POSSESSIVE),
    ("his", Join::Or, "her", POSSESSIVE),
    ("her", Join::Slash, "his", POSSESSIVE),
    ("her", Join::Or, "his", POSSESSIVE),
    ("him", Join::Slash, "her", OBJECT),
    ("him", Join::Or, "her", OBJECT),
];
const SUBJECT: (&str, &str) = ("you", "they");
const POSSESSIVE: (&str, &str) = ("your", "their");
const OBJECT: (&str, &str) = ("you", "them");

/// The rule has no settings.
pub struct GenderedPronoun;

impl Rule for GenderedPronoun {
    const CODES: &'static [(Code, Severity)] = &[(Code::GenderedPronoun, Severity::Warning)];
    const WORDS: Words = Words::FirstBytes;
    const WORD_ALLOW: Option<Code> = Some(Code::GenderedPronoun);
    type Jd<'a> = ();

    fn new(_config: &LintConfig) -> Self {
        GenderedPronoun
    }

    /// "he", "her", "his", "him", "she", and "s" before a byte that cannot continue a word.
    fn may_start(&self, first: u8, second: u8) -> bool {
        match (first.to_ascii_lowercase(), second.to_ascii_lowercase()) {
            (b'h', b'e' | b'i') | (b's', b'h') => true,
            (b's', next) => !next.is_ascii_alphanumeric(),
            _ => false,
        }
    }

    /// The first words of [`PAIRS`].
    fn looks_at(&self, _written: &[u8], lower: &[u8]) -> bool {
        matches!(lower, b"he" | b"she" | b"s" | b"his" | b"her" | b"him")
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
            pair_at(block, word.k, hits);
        }
    }
}

/// A pronoun pair starting at word `k` of a block.
#[inline(never)]
fn pair_at(block: &Block<'_>, k: usize, hits: &mut Vec<Hit>) {
    let ws = block.words;
    let first = block.lower_word(k);
    // The text between words `j` and `j + 1`.
    let gap = |j: usize| ws.get(j + 1).map(|&(next, _)| &block.text[ws[j].1..next]);
    let spaces = |j: usize| gap(j).is_some_and(|g| g.chars().all(char::is_whitespace));
    for &(a, join, b, (you, they)) in PAIRS {
        if first != Some(a) {
            continue;
        }
        let last = match join {
            Join::Slash if gap(k).is_some_and(|g| g.trim() == "/") => k + 1,
            Join::Or if block.lower_word(k + 1) == Some("or") && spaces(k) && spaces(k + 1) => {
                k + 2
            }
            _ => continue,
        };
        if block.lower_word(last) != Some(b) {
            continue;
        }
        let found = &block.text[ws[k].0..ws[last].1];
        hits.push(Hit {
            offset: block.source_offset(ws[k].0),
            code: Code::GenderedPronoun,
            message: format!(
                "`{found}` speaks of the candidate as a man or a woman: write \"{you}\" to the reader, or \"{they}\""
            ),
        });
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::extract;

    fn found(body: &str) -> Vec<String> {
        let extract = extract::extract(body);
        let prose = extract.prose();
        let mut hits = Vec::new();
        for block in &prose.blocks {
            for k in 0..block.words.len() {
                pair_at(block, k, &mut hits);
            }
        }
        hits.iter()
            .map(|h| h.message.split('`').nth(1).unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn the_first_test_takes_every_pair() {
        for (first, _, _, _) in PAIRS {
            assert!(GenderedPronoun.looks_at(&[], first.as_bytes()), "{first}");
        }
    }

    #[test]
    fn finds_each_pair_as_written() {
        assert_eq!(
            found("He/she will lead. Tell him or her. S/he and his / her team; she or he."),
            ["He/she", "him or her", "S/he", "his / her", "she or he"]
        );
    }

    #[test]
    fn leaves_other_uses_alone() {
        let quiet = "She leads the shelter. His team helps her. He, or she, may. \
                     Either he or the team. Hers/his. The/she.";
        assert_eq!(found(quiet), [] as [&str; 0]);
    }
}
