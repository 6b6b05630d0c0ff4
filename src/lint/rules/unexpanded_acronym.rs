//! `unexpanded-acronym`: an acronym used before it is spelled out. Common ones are allowed
//! (`data/lint/acronyms.txt`, and `jdlib.toml`'s additions).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Rule, Word, Words};
use crate::lint::settings::LintConfig;
use crate::lint::text::{Block, Prose};

fn data() -> &'static HashSet<String> {
    static DATA: OnceLock<HashSet<String>> = OnceLock::new();
    DATA.get_or_init(|| {
        include_str!("../../../data/lint/acronyms.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default().trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

/// The acronyms that need no expansion.
pub struct UnexpandedAcronym {
    acronyms: HashSet<String>,
    /// Allowed names of several words ("Power BI"), the only ones that can allow an acronym
    /// by ending with it.
    acronym_names: Vec<String>,
}

impl Rule for UnexpandedAcronym {
    const CODES: &'static [(Code, Severity)] = &[(Code::UnexpandedAcronym, Severity::Warning)];
    const WORDS: Words = Words::FirstBytes;
    /// The JD's acronyms so far. A JD has a handful of distinct acronyms: a list is quicker
    /// than hashing. The word hook notes an acronym as seen before it checks the block's
    /// allow comment, so it sees the words of every block.
    type Jd<'a> = Vec<&'a str>;

    fn new(config: &LintConfig) -> Self {
        let acronyms: HashSet<String> = data().iter().chain(&config.acronyms).cloned().collect();
        let acronym_names = acronyms
            .iter()
            .filter(|a| a.contains(' '))
            .cloned()
            .collect();
        UnexpandedAcronym {
            acronyms,
            acronym_names,
        }
    }

    fn may_start(&self, first: u8, second: u8) -> bool {
        first.is_ascii_uppercase() && (second.is_ascii_uppercase() || second.is_ascii_digit())
    }

    /// Most words are not acronyms; their first two letters say so (an acronym's first two
    /// characters are capitals or digits, whether or not it ends in a plural `s`).
    fn looks_at(&self, written: &[u8], _lower: &[u8]) -> bool {
        matches!(*written, [first, second, ..] if self.may_start(first, second))
    }

    fn start<'a>(&'a self, _prose: &Prose<'a>, _hits: &mut Vec<Hit>) -> Vec<&'a str> {
        Vec::new()
    }

    #[inline]
    fn word<'a>(
        &'a self,
        seen: &mut Vec<&'a str>,
        block: &Block<'a>,
        word: Word,
        _facts: &Facts,
        hits: &mut Vec<Hit>,
    ) {
        if self.looks_at(&block.text.as_bytes()[word.at..word.end], &[]) {
            acronym_from(block, word.at, word.end, self, seen, hits);
        }
    }
}

/// An acronym at `at..end` in a block's text, used before it is spelled out, for a word
/// whose first two bytes may start one; `seen` holds the JD's acronyms so far, each reported
/// at most once.
#[inline(never)]
fn acronym_from<'a>(
    block: &Block<'a>,
    at: usize,
    end: usize,
    rule: &UnexpandedAcronym,
    seen: &mut Vec<&'a str>,
    hits: &mut Vec<Hit>,
) {
    let allowed = &rule.acronyms;
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
    let in_allowed_name = rule.acronym_names.iter().any(|name| {
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
    fn embedded_data_parses() {
        assert!(data().contains("WCAG"));
    }
}
