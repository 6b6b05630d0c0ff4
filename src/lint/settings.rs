//! The settings `jdlib.toml` holds for `jdlib lint`, as the rules read them. Reading the file
//! and checking its rule codes is `config.rs`'s job.

use std::collections::BTreeMap;

use serde::Deserialize;

/// How seriously a rule is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Reported; `lint` still exits 0.
    Warning,
    /// Reported; `lint` exits 1.
    Error,
}

/// Thresholds for the readability rules.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Readability {
    /// Lowest acceptable Flesch reading ease for a whole JD.
    pub min_flesch: f64,
    /// Longest acceptable sentence, in words.
    pub max_sentence_words: usize,
    /// Longest acceptable list, in items.
    pub max_list_items: usize,
}

impl Default for Readability {
    fn default() -> Self {
        // Flesch 20 sits below every seed JD (their lowest is 29) while still catching
        // dense, clause-heavy prose; 35 words is where plain-English guidance draws the line.
        Readability {
            min_flesch: 20.0,
            max_sentence_words: 35,
            max_list_items: 12,
        }
    }
}

/// Additions to the gender-coded word lists.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Gender {
    /// More masculine-coded stems.
    pub masculine: Vec<String>,
    /// More feminine-coded stems.
    pub feminine: Vec<String>,
    /// Words never counted.
    pub exceptions: Vec<String>,
}

/// An extra phrase to flag.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraPhrase {
    /// The phrase, lower case; `*` matches any one word.
    pub phrase: String,
    /// Why it is a problem.
    pub why: String,
    /// What to write instead.
    pub instead: String,
}

/// Lint settings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LintConfig {
    /// Severity per rule code.
    pub severity: BTreeMap<String, Level>,
    /// Readability thresholds.
    pub readability: Readability,
    /// Gender-coded words.
    pub gender: Gender,
    /// Extra phrases.
    pub phrases: Vec<ExtraPhrase>,
    /// Extra acronyms that need no expansion.
    pub acronyms: Vec<String>,
    /// Role mailboxes that may appear (`jobs@example.gov.uk`, `recruitment@*`, `*@example.gov.uk`).
    pub mailboxes: Vec<String>,
}
