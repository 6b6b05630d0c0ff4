//! Every lint rule in one pass over each block's words.
//!
//! A JD has about 730 words, and the rules once walked all of them five times over (gender,
//! phrases, personal data, readability, acronyms), each walk paying for its own slicing and
//! bounds checks. Here each word is sliced once (its syllables and hyphen were found when the
//! block was split into words), and each rule's per-word check is a test of the first bytes
//! and length that most words fail. The
//! rules' own logic lives in `rules.rs`; the tests hold this pass to the separate rules it
//! replaced, finding for finding.

use crate::diagnostic::Code;
use crate::lint::config::LintConfig;
use crate::lint::rules::{self, Facts, GenderTally, Hit, Prepared, Reading};
use crate::lint::text::{Block, Prose};
use crate::lint::words::HYPHENATED;

/// Which of the per-word rules a word may fire, looked up by the word's first two bytes as
/// written: one table read per word, where the rules' own first tests cost a dozen
/// instructions each. A set bit only lets a rule look: each rule still makes its own
/// checks, so the table may say yes too often but never no to a word a rule would report.
/// A one-byte word is looked up with the byte after it, which cannot be a word byte, and
/// every rule with a one-byte start sets all of its row.
pub struct WordFilter {
    flags: Vec<u8>,
}

/// The word may start a gender-coded stem (a hyphenated word always may, by a later part).
const GENDER: u8 = 1;
/// The word may start an exclusionary phrase.
const PHRASE: u8 = 2;
/// The word may introduce a named contact ("contact", "speak").
const CONTACT: u8 = 4;
/// The word may be an acronym.
const ACRONYM: u8 = 8;

impl WordFilter {
    /// The table for a run's word lists, given whether a word starting with two lower-case
    /// bytes may start a gender-coded stem and an exclusionary phrase. The gender, phrase
    /// and contact tests read lower case, so each pair of bytes as written gets the flags of
    /// its lower-case pair.
    pub fn new(stem_pair: impl Fn(u8, u8) -> bool, phrase_pair: impl Fn(u8, u8) -> bool) -> Self {
        let mut flags = vec![0u8; 256 * 256];
        for first in 0..=u8::MAX {
            for second in 0..=u8::MAX {
                let (a, b) = (first.to_ascii_lowercase(), second.to_ascii_lowercase());
                let mut f = 0;
                if stem_pair(a, b) {
                    f |= GENDER;
                }
                if phrase_pair(a, b) {
                    f |= PHRASE;
                }
                if rules::may_start_contact(a, b) {
                    f |= CONTACT;
                }
                if rules::may_start_acronym(first, second) {
                    f |= ACRONYM;
                }
                flags[usize::from(first) * 256 + usize::from(second)] = f;
            }
        }
        WordFilter { flags }
    }

    /// The flags of a word starting at `at` in `text`.
    #[inline]
    fn at(&self, text: &[u8], at: usize) -> u8 {
        let first = text[at];
        let second = text.get(at + 1).copied().unwrap_or(0);
        self.flags[usize::from(first) * 256 + usize::from(second)]
    }
}

/// Whether a block holds one of some positions in [`Prose::text`], given in order; those
/// before the block are passed over for good, as blocks come in order too.
fn holds(
    positions: &mut std::iter::Peekable<impl Iterator<Item = usize>>,
    block: &Block<'_>,
) -> bool {
    while positions.next_if(|&p| p < block.start).is_some() {}
    positions
        .peek()
        .is_some_and(|&p| p < block.start + block.text.len())
}

/// Runs every rule over a JD's prose, adding findings to `hits`. Returns the JD's Flesch
/// reading ease and mean words per sentence. Findings of one code come in the order the
/// separate rules gave them, which is all the final sort (stable, by position and code) sees.
pub fn check(
    prose: &Prose<'_>,
    facts: &Facts,
    prepared: &Prepared,
    config: &LintConfig,
    hits: &mut Vec<Hit>,
) -> Option<(f64, f64)> {
    let mut gender = GenderTally::default();
    let mut reading = Reading::new(config, prose.text);
    // A JD has a handful of distinct acronyms: a list is quicker than hashing.
    let mut acronyms: Vec<&str> = Vec::new();
    rules::linked_emails(prose, config, hits);
    let filter = prepared.filter();
    // The bytes an email address or a phone number needs, found in one scan of the JD's
    // prose rather than one per block: most blocks have neither.
    let whole = prose.text.as_bytes();
    let mut at_signs = memchr::memchr_iter(b'@', whole).peekable();
    let mut phone_starts = memchr::memchr2_iter(b'0', b'+', whole).peekable();
    for block in &prose.blocks {
        // The rules this block lets run (the acronym rule checks its allow comment itself,
        // after noting the acronym as seen).
        let mut on = ACRONYM;
        for (flag, code) in [
            (GENDER, Code::GenderCoded),
            (PHRASE, Code::ExclusionaryPhrase),
            (CONTACT, Code::NamedContact),
        ] {
            if !block.allows(code.as_str()) {
                on |= flag;
            }
        }
        if holds(&mut at_signs, block) && !block.allows(Code::PersonalEmail.as_str()) {
            rules::emails(block, config, hits);
        }
        if holds(&mut phone_starts, block) && !block.allows(Code::PersonalPhone.as_str()) {
            rules::phones(block, hits);
        }
        reading.start(block);
        let (text, lower) = (block.text.as_bytes(), block.lower.as_bytes());
        for (k, (&(at, end), &shape)) in block.words.iter().zip(block.shapes).enumerate() {
            let syllables = usize::try_from(shape & !HYPHENATED).unwrap_or(usize::MAX);
            reading.word(block, at, syllables, hits);
            let hyphenated = shape & HYPHENATED != 0;
            let flags = (filter.at(text, at) | if hyphenated { GENDER } else { 0 }) & on;
            if flags == 0 {
                continue;
            }
            if flags & GENDER != 0 {
                let word = &lower[at..end];
                let counts = if hyphenated {
                    prepared.stems().tally(word)
                } else {
                    prepared.stems().tally_unhyphenated(word)
                };
                gender.add(block, k, counts, facts, prepared);
            }
            if flags & PHRASE != 0 {
                rules::phrase_at(block, k, prepared, hits);
            }
            if flags & CONTACT != 0 {
                rules::named_contact_at(block, k, hits);
            }
            if flags & ACRONYM != 0 {
                rules::acronym_at(block, at, end, prepared, &mut acronyms, hits);
            }
        }
        reading.end(block, hits);
    }
    gender.finish(hits);
    rules::spec_and_salary(prose, facts, hits);
    reading.finish(prose, hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::lint::text;

    /// The five separate rules, as they ran before this pass.
    fn separate(
        prose: &Prose<'_>,
        facts: &Facts,
        prepared: &Prepared,
        config: &LintConfig,
    ) -> (Vec<Hit>, Option<(f64, f64)>) {
        let mut hits = Vec::new();
        rules::gender(prose, facts, prepared, &mut hits);
        rules::phrases(prose, prepared, &mut hits);
        rules::personal_data(prose, config, &mut hits);
        let scores = rules::readability(prose, config, &mut hits);
        rules::structure(prose, facts, prepared, &mut hits);
        (hits, scores)
    }

    /// Findings grouped by code, each group in the order it was found: what the final
    /// stable sort by position and code depends on.
    fn by_code(mut hits: Vec<Hit>) -> Vec<Hit> {
        hits.sort_by_key(|h| h.code.as_str());
        hits
    }

    fn same_as_separate(body: &str, facts: &Facts, config: &LintConfig) -> Result<(), String> {
        let prepared = Prepared::new(config);
        let extract = text::extract(body);
        let prose = extract.prose();
        let (want, want_scores) = separate(&prose, facts, &prepared, config);
        let mut got = Vec::new();
        let got_scores = check(&prose, facts, &prepared, config, &mut got);
        if by_code(got.clone()) != by_code(want.clone()) || got_scores != want_scores {
            return Err(format!(
                "{got:?} {got_scores:?} against {want:?} {want_scores:?}"
            ));
        }
        Ok(())
    }

    /// Blocks that fire every rule, sometimes switched off by an allow comment.
    fn busy_soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        use proptest::sample::select;
        let line = select(vec![
            "Ambitious, assertive, decisive and competitive leader with a dominant, forceful style.",
            "A self-reliant, self-confident, headstrong analyst: driven, logical and independent.",
            "We are supportive, collaborative, kind, caring and committed to our community.",
            "You will lead the IT support team and the support desk.",
            "Native English speaker, energetic rockstar and digital native; a young team.",
            "Young people's services: you must have a degree. Or equivalent experience helps.",
            "You must have a degree and hit the ground running, work hard play hard.",
            "Contact Jane Smith or speak to Sam Patel, email Customer Services, call 0161 496 0000.",
            "Write to jane.smith@example.org or +44 20 7946 0000 (not the recruitment@example.org box).",
            "Our DPIA and SLA work uses WCAG, APIs, Power BI and the UK GDPR (UK General Data Protection Regulation).",
            "Data protection impact assessment (DPIA) first, then the DPIA and KPIs and SLAs.",
            "This sentence goes on and on with many words that keep adding clause after clause so that the reader has to hold every part of it in mind at once before reaching the end which is far away.",
            "Unprecedented organisational transformational responsibilities necessitate comprehensive interdepartmental communication.",
            "Post-holder well-being is the post-holder's concern.",
            "<!-- jdlib-lint: allow gender-coded, exclusionary-phrase -->",
            "<!-- jdlib-lint: allow all -->",
            "<!-- jdlib-lint: allow long-sentence, named-contact, personal-phone -->",
            "See <jobs@example.org> or [mail](mailto:hr@example.org).",
        ]);
        let block = prop_oneof![
            2 => (1..4usize, line.clone()).prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))),
            3 => proptest::collection::vec(line.clone().prop_map(|t| format!("- {t}")), 1..15)
                .prop_map(|items| items.join("\n")),
            4 => proptest::collection::vec(line, 1..4).prop_map(|lines| lines.join("\n")),
            1 => Just("## Person specification".to_owned()),
            1 => Just("### Essential".to_owned()),
            1 => Just("### Desirable".to_owned()),
        ];
        proptest::collection::vec(block, 0..14).prop_map(|blocks| blocks.join("\n\n"))
    }

    fn facts() -> impl proptest::strategy::Strategy<Value = Facts> {
        use proptest::prelude::*;
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(titled, advertised, salary)| {
            Facts {
                title_words: if titled {
                    rules::TitleWords::of(&["Lead Analyst"])
                } else {
                    rules::TitleWords::default()
                },
                advertised,
                has_salary: salary,
            }
        })
    }

    fn config() -> impl proptest::strategy::Strategy<Value = LintConfig> {
        use proptest::prelude::*;
        (any::<bool>(), 5..40usize).prop_map(|(extra, max_words)| {
            let mut config = LintConfig::default();
            config.readability.max_sentence_words = max_words;
            config.readability.max_list_items = 6;
            config.readability.min_flesch = 40.0;
            if extra {
                config.mailboxes = vec!["jane.smith@*".to_owned()];
                config.acronyms = vec!["SLA".to_owned()];
                config.gender.exceptions = vec!["ambitious".to_owned()];
                config.gender.masculine = vec!["work".to_owned()];
            }
            config
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn one_pass_finds_what_the_separate_rules_did(
            body in busy_soup(),
            facts in facts(),
            config in config(),
        ) {
            let result = same_as_separate(&body, &facts, &config);
            proptest::prop_assert!(result.is_ok(), "{:?} in {:?}", result, body);
        }

        #[test]
        fn one_pass_agrees_on_the_markdown_soup(body in text::tests::markdown_soup()) {
            let result = same_as_separate(&body, &Facts::default(), &LintConfig::default());
            proptest::prop_assert!(result.is_ok(), "{:?} in {:?}", result, body);
        }
    }

    /// Words that start like the rules' stems, phrases, trigger words and acronyms, in
    /// any case, with one-byte words among them.
    fn rule_words() -> impl proptest::strategy::Strategy<Value = (String, u8)> {
        use proptest::prelude::*;
        use proptest::sample::select;
        let start = select(vec![
            "ambitio", "lead", "co", "call", "speak", "email", "write", "dpia", "sl", "native",
            "young", "work", "a", "i", "x", "rockstar", "must", "su", "é", "4", "'",
        ]);
        let rest = prop_oneof![Just(String::new()), "[a-z0-9é'-]{1,5}"];
        (
            start,
            rest,
            any::<u64>(),
            select(vec![b' ', b'.', b'-', 0, b'\n']),
        )
            .prop_map(|(start, rest, case, next)| {
                let word: String = format!("{start}{rest}")
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if case >> (i % 64) & 1 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                (word, next)
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The filter never stops a word the rules' own first tests would let through.
        #[test]
        fn the_word_filter_lets_through_every_word_a_rule_would_look_at(
            (word, next) in rule_words(),
            config in config(),
            one_byte_starts: bool,
        ) {
            let mut config = config;
            if one_byte_starts {
                // One-byte stems and phrases set whole rows of the table.
                config.gender.feminine.push("a".to_owned());
                config.phrases.push(crate::lint::config::ExtraPhrase {
                    phrase: "i am".to_owned(),
                    why: "w".to_owned(),
                    instead: "i".to_owned(),
                });
            }
            let prepared = Prepared::new(&config);
            let mut text = word.clone().into_bytes();
            if next != 0 {
                text.push(next);
            }
            let flags = prepared.filter().at(&text, 0);
            let lower = word.to_ascii_lowercase();
            let bytes = lower.as_bytes();
            if prepared.stems().tally_unhyphenated(bytes) != (0, 0) && !lower.contains('-') {
                proptest::prop_assert!(flags & GENDER != 0, "gender {:?}", word);
            }
            if prepared.may_start_phrase_word(bytes) {
                proptest::prop_assert!(flags & PHRASE != 0, "phrase {:?}", word);
            }
            if rules::TRIGGER_WORDS.contains(&lower.as_str()) {
                proptest::prop_assert!(flags & CONTACT != 0, "contact {:?}", word);
            }
            let raw = word.as_bytes();
            if raw.len() >= 2 && raw[0].is_ascii_uppercase()
                && (raw[1].is_ascii_uppercase() || raw[1].is_ascii_digit())
            {
                proptest::prop_assert!(flags & ACRONYM != 0, "acronym {:?}", word);
            }
        }
    }

    #[test]
    fn the_word_filter_passes_few_ordinary_words() {
        let prepared = Prepared::new(&LintConfig::default());
        let filter = prepared.filter();
        for word in ["the", "data", "of", "by", "then"] {
            assert_eq!(filter.at(word.as_bytes(), 0), 0, "{word}");
        }
        assert_eq!(filter.at(b"Leader ", 0), GENDER);
        assert_eq!(filter.at(b"DPIA", 0), ACRONYM);
        // "co" also starts stems ("competitive").
        assert_eq!(filter.at(b"Contact", 0), CONTACT | GENDER);
        assert_eq!(filter.at(b"Speak", 0), CONTACT);
    }

    #[test]
    fn the_busy_soup_fires_every_rule() {
        let body = "Ambitious, assertive, decisive, competitive, dominant leader. Native speaker. \
                    Contact Jane Smith on 0161 496 0000 or jane@example.org. Our DPIA.";
        let config = LintConfig::default();
        let prepared = Prepared::new(&config);
        let extract = text::extract(body);
        let mut hits = Vec::new();
        check(
            &extract.prose(),
            &Facts {
                advertised: true,
                ..Facts::default()
            },
            &prepared,
            &config,
            &mut hits,
        );
        let mut codes: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
        codes.sort_unstable();
        assert_eq!(
            codes,
            [
                Code::ExclusionaryPhrase.as_str(),
                Code::GenderCoded.as_str(),
                Code::MissingSalary.as_str(),
                Code::NamedContact.as_str(),
                Code::PersonalEmail.as_str(),
                Code::PersonalPhone.as_str(),
                Code::UnexpandedAcronym.as_str(),
            ]
        );
    }
}
