//! YAML for the forms, written by hand: jdlib's YAML crate only reads. A form is a small tree
//! of maps, lists and strings; every string is written double-quoted as JSON (JSON strings are
//! YAML), and strings of several lines as literal blocks, so no value can change meaning.

use std::fmt::Write as _;

/// A YAML value: maps keep the order they are built in, so the files read top to bottom as
/// GitHub shows them.
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    /// Keys in order.
    Map(Vec<(&'static str, Yaml)>),
    /// A list.
    Seq(Vec<Yaml>),
    /// A string.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(usize),
}

impl Yaml {
    /// A string value.
    pub fn str(text: impl Into<String>) -> Yaml {
        Yaml::Str(text.into())
    }

    /// The document, with a final newline.
    pub fn render(&self) -> String {
        let mut out = String::new();
        match self {
            Yaml::Map(entries) => write_map(&mut out, entries, 0, false),
            other => {
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
        out
    }

    /// The same value as JSON, to compare with what a YAML reader makes of [`Yaml::render`].
    #[cfg(test)]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Yaml::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.to_json()))
                    .collect(),
            ),
            Yaml::Seq(items) => Value::Array(items.iter().map(Yaml::to_json).collect()),
            Yaml::Str(s) => Value::String(s.clone()),
            Yaml::Bool(b) => Value::Bool(*b),
            Yaml::Int(n) => Value::from(*n),
        }
    }
}

/// Writes a map's entries at `indent`; in a list item (`after_dash`) the first key shares the
/// line with its dash.
fn write_map(out: &mut String, entries: &[(&'static str, Yaml)], indent: usize, after_dash: bool) {
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 || !after_dash {
            out.push_str(&" ".repeat(indent));
        }
        let _ = write!(out, "{key}:");
        write_value(out, value, indent);
    }
}

/// Writes what follows `key:` (or `-`): a nested block, a literal block or an inline scalar.
fn write_value(out: &mut String, value: &Yaml, indent: usize) {
    match value {
        Yaml::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            write_map(out, entries, indent + 2, false);
        }
        Yaml::Seq(items) if !items.is_empty() => {
            out.push('\n');
            for item in items {
                let _ = write!(out, "{}-", " ".repeat(indent + 2));
                match item {
                    Yaml::Map(entries) if !entries.is_empty() => {
                        out.push(' ');
                        write_map(out, entries, indent + 4, true);
                    }
                    other => write_value(out, other, indent + 2),
                }
            }
        }
        Yaml::Str(text) if is_block(text) => {
            // `|` keeps the final newline, `|-` drops it; the text is kept as it is.
            out.push_str(if text.ends_with('\n') {
                " |\n"
            } else {
                " |-\n"
            });
            for line in text.trim_end_matches('\n').lines() {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

/// Text a literal block keeps exactly: several lines, no tabs or other control characters,
/// no line starting with a space (it would set the block's indentation), and at most one
/// final newline.
fn is_block(text: &str) -> bool {
    text.trim_end_matches('\n').contains('\n')
        && !text.ends_with("\n\n")
        && !text.chars().any(|c| c.is_control() && c != '\n')
        && !text.lines().any(|l| l.starts_with(' ') || l.ends_with(' '))
}

fn inline(value: &Yaml) -> String {
    match value {
        Yaml::Map(_) => "{}".to_owned(),
        Yaml::Seq(_) => "[]".to_owned(),
        Yaml::Str(s) => serde_json::Value::String(s.clone()).to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Int(n) => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::yaml;

    fn read_back(doc: &Yaml) -> serde_json::Value {
        let text = doc.render();
        yaml::parse_json(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
    }

    #[test]
    fn nested_maps_lists_and_awkward_strings_read_back_unchanged() {
        let doc = Yaml::Map(vec![
            ("name", Yaml::str("Add: a \"JD\" # not a comment")),
            (
                "labels",
                Yaml::Seq(vec![Yaml::str("yes"), Yaml::str("null")]),
            ),
            ("empty", Yaml::Seq(Vec::new())),
            (
                "body",
                Yaml::Seq(vec![
                    Yaml::Map(vec![
                        ("type", Yaml::str("dropdown")),
                        (
                            "attributes",
                            Yaml::Map(vec![
                                (
                                    "options",
                                    Yaml::Seq(vec![Yaml::str("- dash"), Yaml::str("£1")]),
                                ),
                                ("default", Yaml::Int(2)),
                            ]),
                        ),
                        (
                            "validations",
                            Yaml::Map(vec![("required", Yaml::Bool(true))]),
                        ),
                    ]),
                    Yaml::str("plain item"),
                ]),
            ),
            ("block", Yaml::str("First line.\n\n- a list: with colon\n")),
            ("block-no-newline", Yaml::str("one\ntwo")),
            ("indented", Yaml::str("one\n  two\n")),
            ("tab", Yaml::str("a\tb\nc")),
        ]);
        assert_eq!(read_back(&doc), doc.to_json());
        let text = doc.render();
        assert!(
            text.contains("block: |\n  First line.\n\n  - a list: with colon\n"),
            "{text}"
        );
        assert!(
            text.contains("  - type: \"dropdown\"\n    attributes:\n"),
            "{text}"
        );
    }
}
