//! The one place that parses YAML (contract §2, front matter and `roles.yaml`).
//!
//! Everything is read into a small [`Node`] tree that remembers the line and column of every
//! key and value, so schema errors found later (by JSON pointer) can be reported where the
//! contributor has to make the fix, not at line 1. [`to_json`] answers the common case of a
//! valid file quickly, by the [`fast`] reader when the text is in its plain subset. Keeping
//! `serde-saphyr` behind this folder means a change of YAML crate touches nothing else.

pub mod facts;
pub mod fast;

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A 1-based line and column (columns count characters), relative to the parsed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// A parsed YAML value with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// The value.
    pub value: Value,
}

/// The shapes a YAML value can take once parsed with the YAML 1.2 core schema.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~` or an empty value.
    Null,
    /// `true` / `false` (strict spellings only).
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string (including dates, which YAML 1.2 leaves as strings).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order. Keys are strings with their own positions.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where the key is written.
    pub pos: Pos,
}

/// A YAML document that could not be read, with the position the parser gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// Where the problem is, when the parser knows.
    pub pos: Option<Pos>,
    /// What is wrong, in the parser's words, without position or snippet.
    pub message: String,
    /// What kind of problem it is.
    pub kind: YamlErrorKind,
}

/// Broad classes of YAML failure, so callers can give each its own diagnostic code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// Malformed YAML.
    Syntax,
    /// The same key twice in one mapping.
    DuplicateKey,
    /// Too many aliases, too deep, or too many nodes: refused to protect the reader.
    Budget,
}

impl YamlErrorKind {
    /// The diagnostic code for this failure, in JDs and `roles.yaml` alike.
    pub fn code(self) -> crate::diagnostic::Code {
        use crate::diagnostic::Code;
        match self {
            YamlErrorKind::Syntax => Code::YamlSyntax,
            YamlErrorKind::DuplicateKey => Code::DuplicateKey,
            YamlErrorKind::Budget => Code::YamlTooComplex,
        }
    }
}

impl Node {
    /// The value under `key` when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The key node for `key` when this node is a mapping.
    pub fn key(&self, key: &str) -> Option<&Key> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(k, _)| k),
            _ => None,
        }
    }

    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The node at a JSON pointer (`/salary/min`), with the key that holds it when there is one.
    pub fn at_pointer(&self, pointer: &str) -> Option<(&Node, Option<&Key>)> {
        let mut node = self;
        let mut key = None;
        for raw in pointer.split('/').skip(1) {
            let token = raw.replace("~1", "/").replace("~0", "~");
            match &node.value {
                Value::Map(entries) => {
                    let (k, v) = entries.iter().find(|(k, _)| k.name == token)?;
                    key = Some(k);
                    node = v;
                }
                Value::Seq(items) => {
                    node = items.get(token.parse::<usize>().ok()?)?;
                    key = None;
                }
                _ => return None,
            }
        }
        Some((node, key))
    }

    /// The same data as JSON, for schema validation.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Limits that keep a hostile front matter from costing more than a normal one. Real front
/// matter has a few dozen nodes, no aliases and a depth of two or three.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 16,
            flow_nesting_limit: 16,
            max_nodes: 20_000,
            max_aliases: 100,
            max_anchors: 100,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 2_000,
            max_replay_stack_depth: 8,
        },
        strict_booleans: true,
        with_snippet: false,
    }
}

/// Parses one YAML document into a positioned tree.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    if text.trim().is_empty() {
        return Ok(Node {
            pos: Pos { line: 1, column: 1 },
            value: Value::Null,
        });
    }
    serde_saphyr::from_str_with_options::<Node>(text, options()).map_err(|err| convert(&err))
}

/// Parses one YAML document straight into JSON, without positions: the fast path for the
/// common case of a valid file. Same limits and rules as [`parse`]; on any failure, call
/// [`parse`] for a positioned error.
pub fn parse_json(text: &str) -> Result<serde_json::Value, YamlError> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_saphyr::from_str_with_options::<serde_json::Value>(text, options())
        .map_err(|err| convert(&err))
}

/// The document as JSON when it is valid YAML: by the [`fast`] reader when the text is in its
/// plain subset (the same answer, much sooner), else by [`parse_json`].
pub fn to_json(text: &str) -> Option<serde_json::Value> {
    fast::parse(text).or_else(|| parse_json(text).ok())
}

fn convert(err: &serde_saphyr::Error) -> YamlError {
    let pos = err.location().and_then(|loc| {
        (loc.line() > 0).then(|| Pos {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column()).unwrap_or(u32::MAX).max(1),
        })
    });
    let rendered = err.to_string();
    let raw = clean_message(&rendered);
    let lower = raw.to_ascii_lowercase();
    let kind = if lower.starts_with("duplicate") {
        YamlErrorKind::DuplicateKey
    } else if lower.contains("budget") || lower.contains("limit") || lower.contains("nesting") {
        YamlErrorKind::Budget
    } else {
        YamlErrorKind::Syntax
    };
    let message = explain(kind, &raw, &lower);
    YamlError { pos, message, kind }
}

/// The parser's words, made actionable for someone editing a JD by hand.
fn explain(kind: YamlErrorKind, raw: &str, lower: &str) -> String {
    if kind == YamlErrorKind::DuplicateKey {
        // The parser's text names the key after a colon and then advises on its own options.
        let key = raw
            .split_once(':')
            .map(|(_, rest)| rest.split(',').next().unwrap_or_default().trim())
            .unwrap_or_default();
        return format!("key `{key}` appears twice in the same mapping: keep one");
    }
    if kind == YamlErrorKind::Budget {
        if lower.contains("documents") {
            return "more than one YAML document: remove the extra `---` line".to_owned();
        }
        return format!("{raw}: the YAML is too deeply nested or uses too many aliases for a JD");
    }
    let hint = if lower.contains("tab") {
        ": indent YAML with spaces, not tabs"
    } else if lower.contains("mapping values are not allowed") {
        ": if a value contains `: `, put the whole value in quotes"
    } else if lower.contains("did not find expected key") {
        ": check that keys at the same level line up exactly"
    } else {
        ""
    };
    format!("{raw}{hint}")
}

/// The parser's text carries its own "at line X column Y" suffix; ours has the position already.
fn clean_message(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or("invalid YAML").trim();
    let cut = first
        .find(" at line ")
        .or_else(|| first.find(" at position "))
        .map_or(first, |i| &first[..i]);
    let cut = cut.trim_end_matches(['.', ':']).trim();
    let mut chars = cut.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "invalid YAML".to_owned(),
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        Ok(Node {
            pos: Pos {
                line: u32::try_from(spanned.referenced.line()).unwrap_or(u32::MAX),
                column: u32::try_from(spanned.referenced.column()).unwrap_or(u32::MAX),
            },
            value: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let name = match key.value {
                Value::Str(s) => s,
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Null => "null".to_owned(),
                Value::Seq(_) | Value::Map(_) => {
                    return Err(de::Error::custom("mapping keys must be plain text"));
                }
            };
            let value = map.next_value::<Node>()?;
            entries.push((Key { name, pos: key.pos }, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_carry_positions() {
        let node = parse("title: Data Analyst\nsalary:\n  min: 30000\n  max: 35000\n").unwrap();
        let (min, key) = node.at_pointer("/salary/min").unwrap();
        assert_eq!(min.value, Value::Int(30000));
        assert_eq!(min.pos, Pos { line: 3, column: 8 });
        assert_eq!(key.unwrap().pos, Pos { line: 3, column: 3 });
        assert_eq!(node.key("title").unwrap().pos, Pos { line: 1, column: 1 });
    }

    #[test]
    fn dates_stay_strings_and_yes_is_not_a_boolean() {
        let node = parse("advertised: 2024-03-01\nflag: yes\nok: true\n").unwrap();
        assert_eq!(node.get("advertised").unwrap().as_str(), Some("2024-03-01"));
        assert_eq!(node.get("flag").unwrap().as_str(), Some("yes"));
        assert_eq!(node.get("ok").unwrap().value, Value::Bool(true));
    }

    #[test]
    fn duplicate_keys_are_refused_with_a_position() {
        let err = parse("title: a\nrole: b\ntitle: c\n").unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::DuplicateKey, "{err:?}");
        assert_eq!(err.pos.unwrap().line, 3, "{err:?}");
    }

    #[test]
    fn tabs_for_indentation_are_refused() {
        let err = parse("salary:\n\tmin: 3\n").unwrap_err();
        assert!(err.pos.is_some(), "{err:?}");
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut lines = vec!["a: &a [x, x, x, x, x, x, x, x, x, x]".to_owned()];
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                format!("l{}", i - 1)
            };
            let refs = vec![format!("*{prev}"); 10].join(", ");
            lines.push(format!("l{i}: &l{i} [{refs}]"));
        }
        let doc = lines.join("\n");
        let err = parse(&doc).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::Budget, "{err:?}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let doc = format!("a: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
        let err = parse(&doc).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::Budget, "{err:?}");
    }
}
