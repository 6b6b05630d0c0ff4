//! Every lint rule in one pass over each block's words.
//!
//! A JD has about 730 words. Each is sliced once (its syllables and hyphen were found when
//! the block was split into words), looked up in the word filter by its first two bytes,
//! and handed to the word hooks of only the rules the filter lets look at it; most words
//! interest none. The rules and the hooks they provide are listed in `rules/mod.rs`; the
//! tests hold the filtered pass to one that hands every word to every rule.

use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Word};
use crate::lint::rules::{HYPHEN_MASK, Prepared};
use crate::lint::text::Prose;
use crate::lint::words::HYPHENATED;

/// Runs every rule over a JD's prose, adding findings to `hits`. Returns the JD's Flesch
/// reading ease and mean words per sentence. Findings of one code come in the order the
/// rule gave them, which is all the final sort (stable, by position and code) sees.
pub fn check(
    prose: &Prose<'_>,
    facts: &Facts,
    prepared: &Prepared,
    hits: &mut Vec<Hit>,
) -> Option<(f64, f64)> {
    walk::<true>(prose, facts, prepared, hits)
}

/// [`check`], with the word filter (`FILTERED`) or handing every word to every rule's word
/// hook, which the tests compare it with.
#[inline]
fn walk<const FILTERED: bool>(
    prose: &Prose<'_>,
    facts: &Facts,
    prepared: &Prepared,
    hits: &mut Vec<Hit>,
) -> Option<(f64, f64)> {
    let mut jd = prepared.start(prose, hits);
    let filter = prepared.filter();
    for block in &prose.blocks {
        // The word hooks this block lets run.
        let on = Prepared::word_mask(block);
        prepared.block(&mut jd, block, hits);
        let text = block.text.as_bytes();
        for (k, (&(at, end), &shape)) in block.words.iter().zip(block.shapes).enumerate() {
            let hyphenated = shape & HYPHENATED != 0;
            let word = Word {
                k,
                at,
                end,
                syllables: usize::try_from(shape & !HYPHENATED).unwrap_or(usize::MAX),
                hyphenated,
            };
            prepared.every_word(&mut jd, block, word, facts, hits);
            let first = if FILTERED {
                filter.at(text, at)
            } else {
                u8::MAX
            };
            let flags = (first | if hyphenated { HYPHEN_MASK } else { 0 }) & on;
            if flags == 0 {
                continue;
            }
            prepared.word(&mut jd, block, word, flags, facts, hits);
        }
        prepared.block_end(&mut jd, block, hits);
    }
    prepared.finish(jd, prose, facts, hits)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::lint::extract::{self, tests::markdown_soup};
    use crate::lint::facts::TitleWords;
    use crate::lint::settings::{ExtraPhrase, LintConfig};

    /// Findings grouped by code, each group in the order it was found: what the final
    /// stable sort by position and code depends on.
    fn by_code(mut hits: Vec<Hit>) -> Vec<Hit> {
        hits.sort_by_key(|h| h.code.as_str());
        hits
    }

    fn same_as_unfiltered(body: &str, facts: &Facts, config: &LintConfig) -> Result<(), String> {
        let prepared = Prepared::new(config);
        let extract = extract::extract(body);
        let prose = extract.prose();
        let mut want = Vec::new();
        let want_scores = walk::<false>(&prose, facts, &prepared, &mut want);
        let mut got = Vec::new();
        let got_scores = check(&prose, facts, &prepared, &mut got);
        if by_code(got.clone()) != by_code(want.clone()) || got_scores != want_scores {
            return Err(format!(
                "{got:?} {got_scores:?} against {want:?} {want_scores:?}"
            ));
        }
        Ok(())
    }

    /// Blocks that fire every rule, sometimes switched off by an allow comment.
    pub(crate) fn busy_soup() -> impl proptest::strategy::Strategy<Value = String> {
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
            "He/she will lead; s/he reports to his or her manager, and he or she will grow.",
            "She shows her shelter; his/her team and him or her. S'he, s-bend, h.",
            "<!-- jdlib-lint: allow gendered-pronoun -->",
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

    pub(crate) fn facts() -> impl proptest::strategy::Strategy<Value = Facts> {
        use proptest::prelude::*;
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(titled, advertised, salary)| {
            Facts {
                title_words: if titled {
                    TitleWords::of(&["Lead Analyst"])
                } else {
                    TitleWords::default()
                },
                advertised,
                has_salary: salary,
            }
        })
    }

    pub(crate) fn config() -> impl proptest::strategy::Strategy<Value = LintConfig> {
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
        fn the_filtered_pass_finds_what_every_rule_finds_in_every_word(
            body in busy_soup(),
            facts in facts(),
            config in config(),
        ) {
            let result = same_as_unfiltered(&body, &facts, &config);
            proptest::prop_assert!(result.is_ok(), "{:?} in {:?}", result, body);
        }

        #[test]
        fn the_filtered_pass_agrees_on_the_markdown_soup(body in markdown_soup()) {
            let result = same_as_unfiltered(&body, &Facts::default(), &LintConfig::default());
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
            "young", "work", "a", "i", "x", "rockstar", "must", "su", "é", "4", "'", "he", "s",
            "his", "him", "she", "her", "sh",
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
                config.phrases.push(ExtraPhrase {
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
            let mut flags = prepared.filter().at(&text, 0);
            if word.contains('-') {
                // Hyphenated words reach these rules whatever their first bytes.
                flags |= HYPHEN_MASK;
            }
            let lower = word.to_ascii_lowercase();
            let wanted = prepared.first_tests(word.as_bytes(), lower.as_bytes());
            proptest::prop_assert_eq!(wanted & !flags, 0, "{:?} {:#010b}", word, wanted);
        }
    }

    #[test]
    fn the_word_filter_passes_few_ordinary_words() {
        let prepared = Prepared::new(&LintConfig::default());
        let filter = prepared.filter();
        for word in ["the", "data", "of", "by", "then"] {
            assert_eq!(filter.at(word.as_bytes(), 0), 0, "{word}");
        }
        let one_rule = |word: &str| filter.at(word.as_bytes(), 0).count_ones();
        assert_eq!(one_rule("Leader "), 1);
        assert_eq!(one_rule("DPIA"), 1);
        assert_eq!(one_rule("Speak"), 1);
        // "co" also starts stems ("competitive").
        assert_eq!(one_rule("Contact"), 2);
        assert_eq!(one_rule("s/he"), 1);
    }

    #[test]
    fn the_busy_soup_fires_every_rule() {
        let body = "Ambitious, assertive, decisive, competitive, dominant leader. Native speaker. \
                    Contact Jane Smith on 0161 496 0000 or jane@example.org. Our DPIA. \
                    He or she will write.";
        let config = LintConfig::default();
        let prepared = Prepared::new(&config);
        let extract = extract::extract(body);
        let mut hits = Vec::new();
        check(
            &extract.prose(),
            &Facts {
                advertised: true,
                ..Facts::default()
            },
            &prepared,
            &mut hits,
        );
        let mut codes: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
        codes.sort_unstable();
        assert_eq!(
            codes,
            [
                Code::ExclusionaryPhrase.as_str(),
                Code::GenderCoded.as_str(),
                Code::GenderedPronoun.as_str(),
                Code::MissingSalary.as_str(),
                Code::NamedContact.as_str(),
                Code::PersonalEmail.as_str(),
                Code::PersonalPhone.as_str(),
                Code::UnexpandedAcronym.as_str(),
            ]
        );
    }
}
