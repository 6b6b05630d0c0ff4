//! Splits a JD file into YAML front matter and Markdown body (contract §2), keeping byte
//! offsets so every later finding can be reported at its real line and column.

use crate::diagnostic::Code;

/// A JD's text, split. Offsets are into the text after any UTF-8 byte order mark.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The whole text (BOM removed).
    pub text: &'a str,
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// 1-based line on which the YAML starts (2 in a well-formed file).
    pub yaml_line: u32,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of the body in `text`.
    pub body_offset: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// The rule broken.
    pub code: Code,
    /// What to do about it.
    pub message: String,
}

/// Removes a leading UTF-8 byte order mark, which Windows editors add and the contract accepts.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The lines of `text`, each with its `\n` (the last may have none), exactly as
/// `text.split_inclusive('\n')` gives them, but found with `memchr`'s vectorized search:
/// every JD's every line is walked this way by `validate` and search.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        // Just after a `\n` is always a character boundary.
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// True for a line that is exactly `---`, allowing trailing spaces and a CRLF ending.
fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n'])
        .trim_end_matches([' ', '\t'])
        == "---"
}

/// Splits `text` (already without BOM) at its front matter fences.
pub fn split(text: &str) -> Result<Document<'_>, SplitError> {
    let mut lines = lines(text);
    let first = lines.next().unwrap_or_default();
    if !is_fence(first) {
        return Err(SplitError {
            code: Code::MissingFrontMatter,
            message: "a JD must start with front matter: make line 1 exactly `---`, then the \
                      YAML keys, then a closing `---`"
                .to_owned(),
        });
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        if is_fence(line) {
            let body_offset = offset + line.len();
            return Ok(Document {
                text,
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(SplitError {
        code: Code::UnclosedFrontMatter,
        message: "the front matter opened on line 1 is never closed: add a line `---` after \
                  the last YAML key"
            .to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_inclusive_lines() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\nx\n\ny",
            "é\n£\n—",
        ] {
            let expected: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(lines(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn splits_and_keeps_offsets() {
        let text = "---\ntitle: x\n---\n\n## Purpose\n";
        let doc = split(text).unwrap();
        assert_eq!(doc.yaml, "title: x\n");
        assert_eq!(doc.body, "\n## Purpose\n");
        assert_eq!(&text[doc.body_offset..], doc.body);
    }

    #[test]
    fn accepts_crlf_and_bom() {
        let text = strip_bom("\u{feff}---\r\ntitle: x\r\n---\r\nbody\r\n");
        let doc = split(text).unwrap();
        assert_eq!(doc.yaml, "title: x\r\n");
        assert_eq!(doc.body, "body\r\n");
    }

    #[test]
    fn empty_front_matter_and_no_body_are_split() {
        let doc = split("---\n---\n").unwrap();
        assert_eq!(doc.yaml, "");
        assert_eq!(doc.body, "");
    }

    #[test]
    fn reports_missing_and_unclosed_fences() {
        assert_eq!(
            split("title: x\n").unwrap_err().code,
            Code::MissingFrontMatter
        );
        assert_eq!(split("").unwrap_err().code, Code::MissingFrontMatter);
        assert_eq!(
            split("---\ntitle: x\n").unwrap_err().code,
            Code::UnclosedFrontMatter
        );
        assert_eq!(
            split("----\n---\n").unwrap_err().code,
            Code::MissingFrontMatter
        );
    }
}
