//! `named-contact`: a person's name with a way to reach them ("contact Jane Smith", "speak
//! to Sam Patel"); an open library must not publish people's names.

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Rule, Word, Words};
use crate::lint::settings::LintConfig;
use crate::lint::text::{Block, Prose};

/// The rule has no settings.
pub struct NamedContact;

impl Rule for NamedContact {
    const CODES: &'static [(Code, Severity)] = &[(Code::NamedContact, Severity::Error)];
    const WORDS: Words = Words::FirstBytes;
    const WORD_ALLOW: Option<Code> = Some(Code::NamedContact);
    type Jd<'a> = ();

    fn new(_config: &LintConfig) -> Self {
        NamedContact
    }

    fn may_start(&self, first: u8, second: u8) -> bool {
        let pair = [first.to_ascii_lowercase(), second.to_ascii_lowercase()];
        TRIGGER_WORDS.iter().any(|w| w.as_bytes()[..2] == pair)
    }

    fn looks_at(&self, _written: &[u8], lower: &[u8]) -> bool {
        TRIGGER_WORDS.iter().any(|w| w.as_bytes() == lower)
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
        // Most words have neither the first letter nor the length of any trigger word.
        let len = word.end - word.at;
        if len < 8 && TRIGGERS[usize::from(block.lower.as_bytes()[word.at])] & (1 << len) != 0 {
            named_contact_at(block, word.k, hits);
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
const TRIGGER_WORDS: [&str; 7] = ["contact", "email", "call", "ring", "speak", "talk", "write"];

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

/// "contact Jane Smith", "speak to Sam Patel": a person's name with a way to reach them,
/// starting at word `k` of a block.
#[inline]
fn named_contact_at(block: &Block<'_>, k: usize, hits: &mut Vec<Hit>) {
    let (s, e) = block.words[k];
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
