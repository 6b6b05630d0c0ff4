//! A fast reader for the plain shape almost every front matter has: `key: value` lines and one
//! level of indented mapping (`salary:`), with plain scalars. It answers `None` for anything
//! else (quotes, flow collections, anchors, comments after values, multi-line scalars, odd
//! numbers), and the caller then uses the full YAML parser in `yaml/mod.rs`.
//!
//! Why it exists: serde-saphyr spends 30–50 µs on a 15-line front matter, most of a JD's
//! whole check, which kept `validate` far from the contract's speed target. On the shape
//! below both give the same JSON, which a test checks against serde-saphyr on thousands of
//! generated documents. Errors are never reported from here.

use serde_json::{Map, Number, Value};

use crate::library::document;

/// The front matter as JSON, if it is in the plain subset.
pub fn parse(text: &str) -> Option<Value> {
    let mut root = Map::new();
    // The open nested mapping: its key and its children's indent once known.
    let mut open: Option<(String, Map<String, Value>, Option<usize>)> = None;
    // A tab on any line: one search of the whole text rather than one per line.
    if memchr::memchr(b'\t', text.as_bytes()).is_some() {
        return None;
    }
    for raw in document::lines(text) {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let content = line.trim_start_matches(' ');
        if content.is_empty() {
            continue;
        }
        if content.starts_with('#') {
            // A whole-line comment; `#` inside values is refused below.
            continue;
        }
        let indent = line.len() - content.len();
        let (key, value) = split_entry(content)?;
        if indent == 0 {
            if let Some((name, map, _)) = open.take() {
                if map.is_empty() {
                    return None;
                }
                insert(&mut root, name, Value::Object(map))?;
            }
            match value {
                Some(v) => insert(&mut root, key.to_owned(), scalar(v)?)?,
                None => open = Some((key.to_owned(), Map::new(), None)),
            }
        } else {
            let (_, map, child_indent) = open.as_mut()?;
            if *child_indent.get_or_insert(indent) != indent {
                return None;
            }
            insert(map, key.to_owned(), scalar(value?)?)?;
        }
    }
    if let Some((name, map, _)) = open.take() {
        if map.is_empty() {
            return None;
        }
        insert(&mut root, name, Value::Object(map))?;
    }
    (!root.is_empty()).then_some(Value::Object(root))
}

/// Duplicate keys are an error in YAML; leave them to the full parser to report.
fn insert(map: &mut Map<String, Value>, key: String, value: Value) -> Option<()> {
    map.insert(key, value).is_none().then_some(())
}

/// `key: value` or `key:`; keys are simple identifiers. (Also lint's front-matter read.)
pub(crate) fn split_entry(content: &str) -> Option<(&str, Option<&str>)> {
    let colon = memchr::memchr(b':', content.as_bytes())?;
    let key = &content[..colon];
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        || key.starts_with('-')
    {
        return None;
    }
    let rest = &content[colon + 1..];
    if rest.trim_end_matches(' ').is_empty() {
        return Some((key, None));
    }
    let value = rest.strip_prefix(' ')?.trim_matches(' ');
    Some((key, Some(value)))
}

/// A plain scalar resolved as YAML 1.2's core schema does with strict booleans, or `None` when
/// it is anything this reader does not handle exactly.
fn scalar(value: &str) -> Option<Value> {
    Some(match plain(value)? {
        Plain::Text(text) => Value::String(text.to_owned()),
        Plain::Bool(b) => Value::Bool(b),
        Plain::Int(n) => Value::from(n),
        Plain::Float(number) => Value::Number(number),
    })
}

/// A scalar this reader resolves, borrowed from the document.
#[derive(Debug, PartialEq)]
pub(crate) enum Plain<'a> {
    /// Text (quotes removed).
    Text(&'a str),
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A decimal like `36.5`.
    Float(Number),
}

/// What [`scalar`] resolves `value` to, without allocating (also lint's front-matter read).
pub(crate) fn plain(value: &str) -> Option<Plain<'_>> {
    let first = value.chars().next()?;
    // Quoted text with nothing to unescape: `"..."` without `\` or `"` inside, `'...'`
    // without `'` inside.
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            if inner.contains([quote, '\\']) || value.len() < 2 {
                return None;
            }
            return Some(Plain::Text(inner));
        }
    }
    // `value.contains(": ") || value.contains(" #")`, in one pass over a short value.
    let has_pair = value
        .as_bytes()
        .windows(2)
        .any(|pair| pair == b": " || pair == b" #");
    if "-?:,[]{}#&*!|>'\"%@`.+~".contains(first) || has_pair || value.ends_with(':') {
        // `-` could start a negative number; salaries never are, so leave it to the parser.
        return None;
    }
    match value {
        "true" | "True" | "TRUE" => return Some(Plain::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Plain::Bool(false)),
        "null" | "Null" | "NULL" => return None,
        _ => {}
    }
    if first.is_ascii_digit() {
        return number(value);
    }
    Some(Plain::Text(value))
}

/// Whole numbers without leading zeros and decimals like `36.5`; anything else that starts
/// with a digit (dates, `1e3`, `0x1F`, `1_000`, `2024-03-01`) is left to the full parser
/// unless it is plainly text, such as an ISO date.
fn number(value: &str) -> Option<Plain<'_>> {
    let bytes = value.as_bytes();
    if bytes.iter().all(u8::is_ascii_digit) {
        if bytes.len() > 1 && bytes[0] == b'0' {
            return None;
        }
        return value.parse::<i64>().ok().map(Plain::Int);
    }
    if let Some((whole, frac)) = value.split_once('.') {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(whole) && digits(frac) && !(whole.len() > 1 && whole.starts_with('0')) {
            return value
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Plain::Float);
        }
        return None;
    }
    // An ISO date is text in YAML 1.2; other digit-led words could be numbers in some
    // spelling, so only the date shape is accepted here.
    let is_date = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    is_date.then_some(Plain::Text(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saphyr(text: &str) -> Option<Value> {
        crate::library::yaml::parse_json(text).ok()
    }

    #[test]
    fn reads_the_usual_front_matter() {
        let text = "title: Senior Data Analyst\nrole: data-analyst\nlevel: senior\nsalary:\n  min: 50000\n  max: 57000.5\n  period: year\n  includes_london_weighting: true\nadvertised: 2024-03-01\n";
        let value = parse(text).unwrap();
        assert_eq!(Some(value), saphyr(text));
    }

    #[test]
    fn declines_what_it_does_not_handle() {
        for text in [
            "title: \"quo\\\"ted\"\n",
            "title: 'it''s'\n",
            "title: \"open\n",
            "title: a # comment\n",
            "title: a\ntitle: b\n",
            "tags: [a, b]\n",
            "title: &a x\n",
            "title: a\n  continued\n",
            "salary:\n  min: 1\n   max: 2\n",
            "salary:\n",
            "n: 0x1F\n",
            "n: 1e3\n",
            "n: 012\n",
            "n: -5\n",
            "n: null\n",
            "n: .inf\n",
            "title:\tx\n",
            "title: Data: Analyst\n",
            "Title: x\n",
            "",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    /// Every document this reader accepts must read the same as serde-saphyr reads it.
    #[test]
    fn agrees_with_serde_saphyr_whenever_it_answers() {
        let keys = [
            "title", "role", "level", "min", "max", "grade", "url", "fte", "x-y", "a_b",
        ];
        let values = [
            "Data Analyst",
            "yes",
            "no",
            "on",
            "true",
            "False",
            "TRUE",
            "36",
            "36.5",
            "0",
            "0.5",
            "007",
            "1_000",
            "1e3",
            "2024-03-01",
            "2024-3-1",
            "https://example.org/a?b=c",
            "E09000011",
            "SCP 29-32",
            "C# and .NET",
            "a:b",
            "a: b",
            "x #y",
            "x#y",
            "~",
            "null",
            "-1",
            "+1",
            "Ørsted",
            "£40,000",
            "\"quoted\"",
            "'single'",
            "\"a\\\"b\"",
            "'it''s'",
            "\"\"",
            "''",
            "\"x # y\"",
            "\"a: b\"",
            "50%",
            "a,b",
            "12:30",
            "1.2.3",
            "NaN",
            ".nan",
            "0o17",
            "9223372036854775808",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap()
        };
        let mut answered = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..=next(6) {
                let key = keys[next(keys.len())];
                match next(5) {
                    0 => {
                        text.push_str(&format!("{key}:\n"));
                        for _ in 0..=next(3) {
                            let indent = ["  ", "  ", "    ", " "][next(4)];
                            text.push_str(&format!(
                                "{indent}{}: {}\n",
                                keys[next(keys.len())],
                                values[next(values.len())]
                            ));
                        }
                    }
                    1 => text.push_str("# a comment\n\n"),
                    _ => text.push_str(&format!("{key}: {}\n", values[next(values.len())])),
                }
            }
            if let Some(fast) = parse(&text) {
                answered += 1;
                assert_eq!(Some(fast), saphyr(&text), "{text}");
            }
        }
        assert!(
            answered > 2_000,
            "the fast reader declined almost everything: {answered}"
        );
    }
}
