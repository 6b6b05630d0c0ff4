//! Findings about the library: what is wrong, where, and how sure we are (contract §6).
//!
//! A broken JD is data, not an `Err`: every rule produces [`Diagnostic`] values and the run
//! goes on. Codes are stable strings documented in `docs/contract.md`; never rename one.

use std::fmt;

use serde::Serialize;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file breaks the contract; `validate` exits 1.
    Error,
    /// Worth a look, but the file is accepted.
    Warning,
}

impl Severity {
    /// The lower-case word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident => $text:literal, )*) => {
        /// Every rule jdlib checks, with its stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable string shown as `error[CODE]`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }

            /// The one-line explanation from the rule's doc comment.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),*).trim_ascii(),)* }
            }
        }
    };
}

codes! {
    /// The file could not be read (permissions, vanished during the run).
    Io => "io",
    /// The file is larger than 1 MiB; jdlib refuses to read further.
    FileTooLarge => "file-too-large",
    /// The file is not valid UTF-8; the position is the first bad byte.
    NotUtf8 => "not-utf8",
    /// A symbolic link inside `library/`; links are never followed.
    Symlink => "symlink",
    /// A file or folder in `library/` that the layout does not allow.
    UnexpectedFile => "unexpected-file",
    /// A JD file name that is not a valid slug (lowercase letters, digits, single hyphens).
    InvalidSlug => "invalid-slug",
    /// The file does not start with a `---` front matter block.
    MissingFrontMatter => "missing-front-matter",
    /// The front matter's opening `---` has no closing `---`.
    UnclosedFrontMatter => "unclosed-front-matter",
    /// The YAML could not be parsed.
    YamlSyntax => "yaml-syntax",
    /// The same key appears twice in one YAML mapping.
    DuplicateKey => "duplicate-key",
    /// The YAML is refused to protect the reader: too deep, too many aliases or nodes.
    YamlTooComplex => "yaml-too-complex",
    /// A key the contract does not define.
    UnknownKey => "unknown-key",
    /// A required key is missing.
    MissingKey => "missing-key",
    /// A key is present that the contract forbids in this kind of file.
    ForbiddenKey => "forbidden-key",
    /// A value of the wrong type (text where a number belongs, say).
    InvalidType => "invalid-type",
    /// A value outside the allowed set, range, length or pattern.
    InvalidValue => "invalid-value",
    /// `role` is not an id in `library/roles.yaml`.
    UnknownRole => "unknown-role",
    /// The JD's folder is not its `role`.
    RoleFolderMismatch => "role-folder-mismatch",
    /// `organisation` is not the GSS code of an authority in the register.
    UnknownOrganisation => "unknown-organisation",
    /// A date that is not a real calendar date in `YYYY-MM-DD` form.
    InvalidDate => "invalid-date",
    /// An advert date in the future or before 2000-01-01.
    DateOutOfRange => "date-out-of-range",
    /// An advert date outside the lifetime of the authority that placed it.
    OutsideAuthorityLifetime => "outside-authority-lifetime",
    /// `salary.min` is greater than `salary.max`.
    SalaryRange => "salary-range",
    /// A required body section (`## Purpose`, `## Responsibilities`, `## Person specification`) is missing.
    MissingSection => "missing-section",
    /// A required body section has no content.
    EmptySection => "empty-section",
    /// Another version has the same organisation, role, level and advert date.
    DuplicateAdvert => "duplicate-advert",
    /// Another version has an identical body.
    DuplicateBody => "duplicate-body",
    /// `library/roles.yaml` is missing or unreadable.
    MissingRegistry => "missing-registry",
    /// Two roles in `roles.yaml` share an id.
    DuplicateRoleId => "duplicate-role-id",
    /// Lint: the JD's wording is strongly masculine-coded (Gaucher, Friesen & Kay, 2011).
    GenderCoded => "gender-coded",
    /// Lint: a phrase that excludes or deters candidates ("native speaker", "rockstar").
    ExclusionaryPhrase => "exclusionary-phrase",
    /// Lint: an email address that is not an allowed role mailbox.
    PersonalEmail => "personal-email",
    /// Lint: a UK telephone number.
    PersonalPhone => "personal-phone",
    /// Lint: a named person to contact ("contact Jane Smith").
    NamedContact => "named-contact",
    /// Lint: a sentence longer than the configured maximum (35 words by default).
    LongSentence => "long-sentence",
    /// Lint: a list longer than the configured maximum (12 items by default).
    LongList => "long-list",
    /// Lint: Flesch reading ease below the configured minimum.
    HardToRead => "hard-to-read",
    /// Lint: the person specification does not separate essential and desirable criteria.
    NoEssentialDesirable => "no-essential-desirable",
    /// Lint: an advertised JD without its salary.
    MissingSalary => "missing-salary",
    /// Lint: an acronym used before it is spelled out.
    UnexpandedAcronym => "unexpanded-acronym",
    /// Lint: a gendered pronoun pair for the candidate ("he or she", "his/her"); write "you" or "they".
    GenderedPronoun => "gendered-pronoun",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding, located in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counting characters.
    pub column: u32,
    /// Error or warning.
    pub severity: Severity,
    /// The rule.
    pub code: Code,
    /// What was found and what is allowed: lower-case start, no trailing period.
    pub message: String,
    /// Other files this finding involves (the earlier duplicate, say), so `--changed-since`
    /// can keep findings that touch a changed file.
    pub related: Vec<String>,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(
        path: &str,
        line: u32,
        column: u32,
        code: Code,
        message: impl Into<String>,
    ) -> Self {
        Self::new(path, line, column, Severity::Error, code, message)
    }

    /// A warning at a position.
    pub fn warning(
        path: &str,
        line: u32,
        column: u32,
        code: Code,
        message: impl Into<String>,
    ) -> Self {
        Self::new(path, line, column, Severity::Warning, code, message)
    }

    fn new(
        path: &str,
        line: u32,
        column: u32,
        severity: Severity,
        code: Code,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.to_owned(),
            line: line.max(1),
            column: column.max(1),
            severity,
            code,
            message: message.into(),
            related: Vec::new(),
        }
    }

    /// Names another file this finding involves.
    #[must_use]
    pub fn with_related(mut self, path: &str) -> Self {
        self.related.push(path.to_owned());
        self
    }

    /// The order every output uses: path, line, column, then code.
    pub fn sort_key(&self) -> (&str, u32, u32, &'static str) {
        (&self.path, self.line, self.column, self.code.as_str())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path,
            self.line,
            self.column,
            self.severity.as_str(),
            self.code,
            self.message
        )
    }
}

/// Turns byte offsets into 1-based line and character column.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`. Lines end at `\n`; a `\r` before it belongs to the line.
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (to_u32(line + 1), to_u32(column + 1))
    }

    /// The 1-based line a byte offset falls on.
    pub fn line(&self, offset: usize) -> u32 {
        self.position(offset).0
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
}

/// Saturating conversion for line and column numbers.
pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "ab\nçé x\n\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.position(x), (2, 4));
        assert_eq!(index.position(text.find("last").unwrap()), (4, 1));
        assert_eq!(index.position(usize::MAX), (4, 5));
    }

    #[test]
    fn diagnostics_print_in_compiler_style() {
        let d = Diagnostic::error(
            "library/a/b.md",
            3,
            7,
            Code::UnknownKey,
            "unknown key `titel`",
        );
        assert_eq!(
            d.to_string(),
            "library/a/b.md:3:7: error[unknown-key]: unknown key `titel`"
        );
    }

    #[test]
    fn every_code_is_unique_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert!(!code.explanation().is_empty());
        }
    }
}
