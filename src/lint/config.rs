//! `jdlib.toml` at the repository root: severities, thresholds, extra words and exceptions for
//! `jdlib lint`. Every setting is optional; unknown settings are errors with a suggestion.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Code, Severity};
use crate::lint::rules;
pub use crate::lint::settings::{ExtraPhrase, Gender, Level, LintConfig, Readability};
use crate::suggest;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    lint: LintConfig,
}

/// A `jdlib.toml` that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl LintConfig {
    /// Reads `root/jdlib.toml` if there is one.
    pub fn load(root: &Path) -> Result<LintConfig, ConfigError> {
        let path = root.join("jdlib.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(LintConfig::default());
        };
        Self::parse(&text)
    }

    /// Parses the text of a `jdlib.toml`.
    pub fn parse(text: &str) -> Result<LintConfig, ConfigError> {
        let at = |span: Option<std::ops::Range<usize>>, message: String| {
            let offset = span.map_or(0, |s| s.start).min(text.len());
            let before = &text[..offset];
            ConfigError {
                path: "jdlib.toml".to_owned(),
                line: before.matches('\n').count() + 1,
                column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                message,
            }
        };
        let file: FileConfig =
            toml::from_str(text).map_err(|e| at(e.span(), e.message().to_owned()))?;
        let config = file.lint;
        for key in config.severity.keys() {
            if !rules::codes().any(|(code, _)| code.as_str() == key) {
                let span = text.find(key.as_str()).map(|i| i..i);
                let hint = suggest::hint(key, rules::codes().map(|(c, _)| c.as_str()));
                return Err(at(span, format!("no lint rule is called `{key}`{hint}")));
            }
        }
        Ok(config)
    }

    /// The severity a rule runs at, or `None` when it is off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        match self.severity.get(code.as_str()) {
            Some(Level::Off) => None,
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
            None => rules::codes().find(|(c, _)| *c == code).map(|(_, s)| s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_rejects_unknown_ones_with_positions() {
        let config = LintConfig::parse(
            "[lint]\nmailboxes = [\"jobs@*\"]\n[lint.severity]\nlong-sentence = \"off\"\nnamed-contact = \"warning\"\n[lint.readability]\nmin-flesch = 40\n",
        )
        .unwrap();
        assert_eq!(config.severity(Code::LongSentence), None);
        assert_eq!(config.severity(Code::NamedContact), Some(Severity::Warning));
        assert_eq!(config.severity(Code::PersonalEmail), Some(Severity::Error));
        assert!((config.readability.min_flesch - 40.0).abs() < f64::EPSILON);
        assert_eq!(config.readability.max_sentence_words, 35);

        let err = LintConfig::parse("[lint.severity]\nlong-sentense = \"off\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(
            err.message.contains("did you mean `long-sentence`"),
            "{err}"
        );
        let err = LintConfig::parse("[lint]\nmin-flesch = 3\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
    }
}
