//! The four front-matter facts lint needs (title, role, source, and whether there is a
//! salary), read straight from the text: the YAML owner's fastest path.
//!
//! `fast_yaml` builds a JSON map of every key for `validate`: a dozen allocations per JD that
//! lint, which reads four keys, then throws away. This reader accepts exactly the documents
//! `fast_yaml::parse` accepts, by the same line rules, and borrows the values instead; for
//! anything else it answers `None` and the caller reads the front matter as before. The tests
//! hold it to `fast_yaml` and the full parser on thousands of generated documents.

use serde_json::Value;

use super::fast::{Plain, plain, split_entry};

/// What lint reads from a front matter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Front<'a> {
    /// `title`, when it is text.
    pub title: Option<&'a str>,
    /// `role`, when it is text.
    pub role: Option<&'a str>,
    /// `source`, when it is text.
    pub source: Option<&'a str>,
    /// Whether `salary` is there and not null.
    pub has_salary: bool,
}

impl<'a> Front<'a> {
    /// The facts of a front matter already read as JSON.
    pub fn from_value(front: &'a Value) -> Self {
        let field = |key: &str| front.get(key).and_then(Value::as_str);
        Front {
            title: field("title"),
            role: field("role"),
            source: field("source"),
            has_salary: front.get("salary").is_some_and(|s| !s.is_null()),
        }
    }
}

/// The facts of a front matter in `fast_yaml`'s plain subset, or `None` when it is not.
pub fn read(text: &str) -> Option<Front<'_>> {
    let mut front = Front::default();
    // Keys seen at the top level and in the open mapping: duplicates send the document to
    // the full parser, as they do in `fast_yaml`.
    let mut root: Vec<&str> = Vec::with_capacity(16);
    // The open nested mapping: its key, its children's keys and their indent once known.
    let mut open: Option<(&str, Vec<&str>, Option<usize>)> = None;
    // A tab on any line sends the whole document to the full parser.
    if memchr::memchr(b'\t', text.as_bytes()).is_some() {
        return None;
    }
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        let (key, value) = split_entry(content)?;
        if indent == 0 {
            if let Some((name, children, _)) = open.take() {
                if children.is_empty() {
                    return None;
                }
                close(&mut root, &mut front, name)?;
            }
            match value {
                Some(v) => {
                    let scalar = plain(v)?;
                    insert(&mut root, key)?;
                    let text = match scalar {
                        Plain::Text(t) => Some(t),
                        _ => None,
                    };
                    match key {
                        "title" => front.title = text,
                        "role" => front.role = text,
                        "source" => front.source = text,
                        // A scalar here is never null: `fast_yaml` declines `null`.
                        "salary" => front.has_salary = true,
                        _ => {}
                    }
                }
                None => open = Some((key, Vec::new(), None)),
            }
        } else {
            let (_, children, child_indent) = open.as_mut()?;
            if *child_indent.get_or_insert(indent) != indent {
                return None;
            }
            plain(value?)?;
            insert(children, key)?;
        }
    }
    if let Some((name, children, _)) = open.take() {
        if children.is_empty() {
            return None;
        }
        close(&mut root, &mut front, name)?;
    }
    (!root.is_empty()).then_some(front)
}

/// A nested mapping ends: it is a top-level key whose value is a map, never text or null.
fn close<'a>(root: &mut Vec<&'a str>, front: &mut Front<'a>, name: &'a str) -> Option<()> {
    insert(root, name)?;
    match name {
        "title" => front.title = None,
        "role" => front.role = None,
        "source" => front.source = None,
        "salary" => front.has_salary = true,
        _ => {}
    }
    Some(())
}

fn insert<'a>(keys: &mut Vec<&'a str>, key: &'a str) -> Option<()> {
    if keys.contains(&key) {
        return None;
    }
    keys.push(key);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{fast_yaml, yaml};
    use proptest::prelude::*;

    type Owned = (Option<String>, Option<String>, Option<String>, bool);

    fn owned(front: Front<'_>) -> Owned {
        let own = |s: Option<&str>| s.map(str::to_owned);
        (
            own(front.title),
            own(front.role),
            own(front.source),
            front.has_salary,
        )
    }

    /// What `fast_yaml`, then the full parser, read: this reader must agree.
    fn facts_by_parsers(text: &str) -> (bool, Owned) {
        let fast = fast_yaml::parse(text);
        let answered = fast.is_some();
        let value = fast
            .or_else(|| yaml::parse_json(text).ok())
            .unwrap_or_default();
        (answered, owned(Front::from_value(&value)))
    }

    /// Front matters of the keys lint reads and others, with values of every kind
    /// `fast_yaml` takes or declines, now and then nested, commented or repeated.
    fn front_matter() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "title", "role", "source", "salary", "level", "min", "url", "x-y", "a_b", "Title",
            "-a", "",
        ]);
        let value = prop::sample::select(vec![
            "Data Analyst",
            "data-analyst",
            "advertised",
            "model",
            "true",
            "False",
            "36",
            "36.5",
            "007",
            "1e3",
            "2024-03-01",
            "2024-3-1",
            "https://example.org/a?b=c",
            "a: b",
            "x #y",
            "~",
            "null",
            "NULL",
            "-1",
            "\"quoted\"",
            "'single'",
            "\"a\\\"b\"",
            "\"\"",
            "''",
            "\"",
            "9223372036854775808",
            "1.5.",
            "Ørsted",
            "",
            " ",
            "\t",
        ]);
        let indent = prop::sample::select(vec!["  ", "  ", "    ", " ", ""]);
        let entry = prop_oneof![
            6 => (key.clone(), value.clone()).prop_map(|(k, v)| format!("{k}: {v}\n")),
            2 => (key.clone(), prop::collection::vec((indent, key.clone(), value), 0..3))
                .prop_map(|(k, children)| {
                    let mut text = format!("{k}:\n");
                    for (indent, key, value) in children {
                        text.push_str(&format!("{indent}{key}: {value}\n"));
                    }
                    text
                }),
            1 => Just("# a comment\n".to_owned()),
            1 => Just("\n".to_owned()),
            1 => Just("title: x\r\n".to_owned()),
        ];
        prop::collection::vec(entry, 0..8).prop_map(|entries| entries.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn reads_what_the_parsers_read(text in front_matter()) {
            let (answered, want) = facts_by_parsers(&text);
            let got = read(&text);
            // Exactly the documents `fast_yaml` answers for, with the same facts.
            prop_assert_eq!(got.is_some(), answered, "{:?}", text);
            if let Some(got) = got {
                prop_assert_eq!(owned(got), want, "{:?}", text);
            }
        }
    }

    #[test]
    fn reads_the_usual_front_matter() {
        let text = "title: Senior Data Analyst\nrole: data-analyst\nsource: advertised\nsalary:\n  min: 50000\n  max: 57000\n";
        assert_eq!(
            read(text),
            Some(Front {
                title: Some("Senior Data Analyst"),
                role: Some("data-analyst"),
                source: Some("advertised"),
                has_salary: true,
            })
        );
        assert_eq!(read("title: a\ntitle: b\n"), None);
        assert_eq!(read("salary: null\n"), None);
    }
}
