//! The list of lint rules, one file each. The list below is the only place that names
//! them all: the word filter, the pass's calls into each rule and the codes `jdlib.toml`
//! accepts (with their default severities) are all built from it.

mod exclusionary_phrase;
mod gender_coded;
mod gendered_pronoun;
mod missing_salary;
mod named_contact;
mod no_essential_desirable;
mod personal_email;
mod personal_phone;
mod readability;
mod unexpanded_acronym;

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::filter::{self, WordFilter};
use crate::lint::rule::{Hit, Rule, Word};
use crate::lint::settings::LintConfig;
use crate::lint::text::{Block, Prose};

/// Lays out the rules: for each, a field of [`Prepared`] (the rule built for a run) and of
/// [`Jd`] (its state while a JD is read), and a call in each of [`Prepared`]'s hooks. The
/// calls are written out rather than looped over trait objects, so each rule's word hook is
/// inlined into the pass's word loop and costs nothing for words the filter stops.
macro_rules! rules {
    ($($name:ident: $rule:ty,)*) => {
        /// Every rule, built once per run from `jdlib.toml`, and the word filter built from
        /// their first-bytes tests.
        pub struct Prepared {
            $($name: $rule,)*
            filter: WordFilter,
        }

        /// Every rule's state while one JD is read.
        pub struct Jd<'a> {
            $($name: <$rule as Rule>::Jd<'a>,)*
        }

        /// Which words each rule's word hook sees, in list order.
        const WORDS: [crate::lint::rule::Words; [$(stringify!($name)),*].len()] =
            [$(<$rule as Rule>::WORDS),*];

        /// Every rule's codes with their default severities, in list order.
        const CODES: &[&[(Code, Severity)]] = &[$(<$rule as Rule>::CODES),*];

        /// The codes each rule's inline allow comment uses to keep a block's words from its
        /// word hook, in list order.
        const WORD_ALLOW: [Option<Code>; WORDS.len()] = [$(<$rule as Rule>::WORD_ALLOW),*];

        impl Prepared {
            /// Builds every rule for a configuration.
            pub fn new(config: &LintConfig) -> Prepared {
                $(let $name = <$rule as Rule>::new(config);)*
                let filter = WordFilter::new(|first, second| {
                    let mut flags = 0;
                    let mut i = 0;
                    $(
                        if BITS[i] != 0 && $name.may_start(first, second) {
                            flags |= BITS[i];
                        }
                        i += 1;
                    )*
                    let _ = i;
                    flags
                });
                Prepared { $($name,)* filter }
            }

            /// Starts a JD.
            #[inline]
            pub(crate) fn start<'a>(&'a self, prose: &Prose<'a>, hits: &mut Vec<Hit>) -> Jd<'a> {
                Jd { $($name: self.$name.start(prose, hits),)* }
            }

            /// A block, before its words.
            #[inline]
            pub(crate) fn block<'a>(&'a self, jd: &mut Jd<'a>, block: &Block<'a>, hits: &mut Vec<Hit>) {
                $(self.$name.block(&mut jd.$name, block, hits);)*
            }

            /// A word, for the rules that see every word.
            #[inline]
            pub(crate) fn every_word<'a>(
                &'a self,
                jd: &mut Jd<'a>,
                block: &Block<'a>,
                word: Word,
                facts: &Facts,
                hits: &mut Vec<Hit>,
            ) {
                let mut i = 0;
                $(
                    if matches!(WORDS[i], crate::lint::rule::Words::Every) {
                        self.$name.word(&mut jd.$name, block, word, facts, hits);
                    }
                    i += 1;
                )*
                let _ = i;
            }

            /// A word, for the rules whose bits are set in `flags`.
            #[inline]
            pub(crate) fn word<'a>(
                &'a self,
                jd: &mut Jd<'a>,
                block: &Block<'a>,
                word: Word,
                flags: u8,
                facts: &Facts,
                hits: &mut Vec<Hit>,
            ) {
                let mut i = 0;
                $(
                    if flags & BITS[i] != 0 {
                        self.$name.word(&mut jd.$name, block, word, facts, hits);
                    }
                    i += 1;
                )*
                let _ = i;
            }

            /// A block, after its words.
            #[inline]
            pub(crate) fn block_end<'a>(&'a self, jd: &mut Jd<'a>, block: &Block<'a>, hits: &mut Vec<Hit>) {
                $(self.$name.block_end(&mut jd.$name, block, hits);)*
            }

            /// Ends the JD; returns its Flesch reading ease and mean words per sentence.
            #[inline]
            pub(crate) fn finish<'a>(
                &'a self,
                jd: Jd<'a>,
                prose: &Prose<'a>,
                facts: &Facts,
                hits: &mut Vec<Hit>,
            ) -> Option<(f64, f64)> {
                let mut scores = None;
                $(scores = self.$name.finish(jd.$name, prose, facts, hits).or(scores);)*
                scores
            }

            /// The bits of the rules whose own first tests accept a word: the filter must
            /// set each of them.
            #[cfg(test)]
            pub(crate) fn first_tests(&self, written: &[u8], lower: &[u8]) -> u8 {
                let mut flags = 0;
                let mut i = 0;
                $(
                    if BITS[i] != 0 && self.$name.looks_at(written, lower) {
                        flags |= BITS[i];
                    }
                    i += 1;
                )*
                let _ = i;
                flags
            }
        }
    };
}

rules! {
    gender_coded: gender_coded::GenderCoded,
    exclusionary_phrase: exclusionary_phrase::ExclusionaryPhrase,
    personal_email: personal_email::PersonalEmail,
    personal_phone: personal_phone::PersonalPhone,
    named_contact: named_contact::NamedContact,
    readability: readability::Readability,
    no_essential_desirable: no_essential_desirable::NoEssentialDesirable,
    missing_salary: missing_salary::MissingSalary,
    unexpanded_acronym: unexpanded_acronym::UnexpandedAcronym,
    gendered_pronoun: gendered_pronoun::GenderedPronoun,
}

/// Each rule's bit in the word filter (0 for rules it does not filter for).
const BITS: [u8; WORDS.len()] = filter::bits(WORDS);

/// Every rule's bit.
const ALL_BITS: u8 = filter::union(BITS);

/// The bits of the rules that see every hyphenated word.
pub(crate) const HYPHEN_MASK: u8 = filter::hyphen_mask(WORDS, BITS);

/// Every lint code with its default severity.
pub fn codes() -> impl Iterator<Item = (Code, Severity)> {
    CODES.iter().flat_map(|codes| codes.iter().copied())
}

impl Prepared {
    /// Which rules a word may fire, by its first two bytes.
    pub(crate) fn filter(&self) -> &WordFilter {
        &self.filter
    }

    /// The bits of the rules whose word hooks may run in a block: its allow comment may
    /// switch some off.
    #[inline]
    pub(crate) fn word_mask(block: &Block<'_>) -> u8 {
        // Nearly every block has no allow comment.
        if block.allowed.is_empty() {
            return ALL_BITS;
        }
        let mut on = 0;
        for (bit, allow) in BITS.iter().zip(WORD_ALLOW) {
            if allow.is_none_or(|code| !block.allows(code.as_str())) {
                on |= bit;
            }
        }
        on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lint_code_belongs_to_one_listed_rule() {
        let mut listed: Vec<Code> = codes().map(|(c, _)| c).collect();
        let n = listed.len();
        listed.sort();
        listed.dedup();
        assert_eq!(listed.len(), n, "a code listed twice");
        let mut lint: Vec<Code> = Code::ALL
            .iter()
            .copied()
            .filter(|c| c.explanation().starts_with("Lint:"))
            .collect();
        lint.sort();
        assert_eq!(
            listed, lint,
            "a lint code without a rule, or a rule code not marked Lint:"
        );
    }
}
