//! The JSON Schemas in `schemas/` (contract §3), embedded and enforced at run time.
//!
//! The schemas are the single source of truth for the shape of front matter and `roles.yaml`.
//! Their errors arrive as JSON pointers; this module turns each into a [`SchemaIssue`] placed on
//! the YAML key or value the contributor must change, with a message written for a person.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError, Validator};
use serde_json::Value as Json;

use crate::diagnostic::Code;
use crate::library::replacement;
use crate::library::yaml::{Node, Pos, Value};
use crate::suggest;

/// `schemas/jd.schema.json`, the front matter of a JD.
pub const JD_SCHEMA: &str = include_str!("../../schemas/jd.schema.json");
/// `schemas/roles.schema.json`, the role registry.
pub const ROLES_SCHEMA: &str = include_str!("../../schemas/roles.schema.json");

/// Which document a schema describes.
#[derive(Clone, Copy, Debug)]
pub enum Schema {
    /// A JD's front matter.
    JobDescription,
    /// `library/roles.yaml`.
    Roles,
}

/// One schema violation, placed in the YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaIssue {
    /// Where to point; `None` means the document as a whole (a missing top-level key).
    pub pos: Option<Pos>,
    /// The rule broken.
    pub code: Code,
    /// What is wrong and what is allowed.
    pub message: String,
}

struct Compiled {
    json: Json,
    validator: Validator,
}

fn compiled(schema: Schema) -> &'static Compiled {
    static JD: OnceLock<Compiled> = OnceLock::new();
    static ROLES: OnceLock<Compiled> = OnceLock::new();
    let (cell, text) = match schema {
        Schema::JobDescription => (&JD, JD_SCHEMA),
        Schema::Roles => (&ROLES, ROLES_SCHEMA),
    };
    cell.get_or_init(|| {
        // Both schemas are compiled into the binary and covered by tests, so failure here is a
        // build defect, not bad input.
        let json: Json = serde_json::from_str(text).expect("embedded schema is valid JSON");
        let validator = jsonschema::validator_for(&json).expect("embedded schema compiles");
        Compiled { json, validator }
    })
}

/// Whether a JSON document conforms: the cheap test run before any positions are computed.
pub fn is_valid(schema: Schema, instance: &Json) -> bool {
    compiled(schema).validator.is_valid(instance)
}

/// Checks a parsed YAML document against a schema; empty when it conforms.
pub fn check(schema: Schema, doc: &Node) -> Vec<SchemaIssue> {
    let compiled = compiled(schema);
    let instance = doc.to_json();
    if compiled.validator.is_valid(&instance) {
        return Vec::new();
    }
    let mut issues: Vec<SchemaIssue> = compiled
        .validator
        .iter_errors(&instance)
        .flat_map(|err| describe(&compiled.json, doc, &err))
        .collect();
    issues.sort_by(|a, b| (a.pos, &a.message).cmp(&(b.pos, &b.message)));
    issues.dedup();
    issues
}

/// `salary.min` for `/salary/min`; what people see in messages.
fn dotted(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect::<Vec<_>>()
        .join(".")
}

fn describe(schema: &Json, doc: &Node, err: &ValidationError<'_>) -> Vec<SchemaIssue> {
    let pointer = err.instance_path().as_str();
    let name = dotted(pointer);
    // The document itself has no key name; say what it is instead of printing ``.
    let name = if name.is_empty() {
        "the front matter".to_owned()
    } else {
        name
    };
    let located = doc.at_pointer(pointer);
    let value_pos = located.map(|(node, _)| node.pos);
    let key_pos = located.and_then(|(_, key)| key.map(|k| k.pos));
    let found = located.map_or_else(String::new, |(node, _)| describe_value(node));
    let condition = condition(err.schema_path().as_str());
    let key = pointer.rsplit('/').next().unwrap_or_default();
    // The exact value to write, when what was found has one meaning there.
    let write = |options: &[&str]| {
        located
            .and_then(|(node, _)| node.as_str())
            .and_then(|s| replacement::for_value(pointer, s, options))
            .map(|r| r.hint(key))
    };
    let one =
        |pos: Option<Pos>, code: Code, message: String| vec![SchemaIssue { pos, code, message }];
    match err.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = property_names(schema, pointer);
            unexpected
                .iter()
                .map(|key| {
                    let pos = located
                        .and_then(|(node, _)| node.key(key))
                        .map(|k| k.pos)
                        .or(value_pos);
                    let place = if pointer.is_empty() {
                        String::new()
                    } else {
                        format!(" in `{name}`")
                    };
                    SchemaIssue {
                        pos,
                        code: Code::UnknownKey,
                        message: format!(
                            "unknown key `{key}`{place}{}",
                            suggest::hint(key, known.iter().map(String::as_str))
                        ),
                    }
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            let full = if pointer.is_empty() {
                key.to_owned()
            } else {
                format!("{name}.{key}")
            };
            let pos = if pointer.is_empty() { None } else { key_pos };
            one(
                pos,
                Code::MissingKey,
                format!("missing required key `{full}`{condition}"),
            )
        }
        ValidationErrorKind::FalseSchema => one(
            key_pos.or(value_pos),
            Code::ForbiddenKey,
            format!("`{name}` is not allowed{condition}"),
        ),
        ValidationErrorKind::Constant { expected_value } => one(
            value_pos,
            Code::InvalidValue,
            format!(
                "`{name}` must be {}{condition}, found {found}",
                quote(expected_value)
            ),
        ),
        ValidationErrorKind::Enum { options } => {
            let options: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            let hint = write(&options).unwrap_or_else(|| {
                located
                    .and_then(|(node, _)| node.as_str())
                    .map(|s| suggest::hint(s, options.iter().copied()))
                    .unwrap_or_default()
            });
            one(
                value_pos,
                Code::InvalidValue,
                format!(
                    "`{name}` must be one of {}, found {found}{hint}",
                    options.join(", ")
                ),
            )
        }
        ValidationErrorKind::Type { kind } => one(
            value_pos,
            Code::InvalidType,
            format!(
                "`{name}` must be {}, found {found}{}",
                type_words(kind),
                write(&[]).unwrap_or_default()
            ),
        ),
        // Both bounds are stated, whichever was broken, so one fix satisfies both.
        ValidationErrorKind::MinLength { .. } | ValidationErrorKind::MaxLength { .. } => {
            let (lo, hi) = length_bounds(schema, pointer);
            let len = err.instance().as_str().map_or(0, |s| s.chars().count());
            one(
                value_pos,
                Code::InvalidValue,
                format!("`{name}` must be {lo}–{hi} characters long, found {len}"),
            )
        }
        ValidationErrorKind::Pattern { .. } => one(
            value_pos,
            Code::InvalidValue,
            format!(
                "`{name}` {}, found {found}{}",
                pattern_words(pointer),
                write(&[]).unwrap_or_default()
            ),
        ),
        ValidationErrorKind::ExclusiveMinimum { limit } => one(
            value_pos,
            Code::InvalidValue,
            format!("`{name}` must be greater than {limit}, found {found}"),
        ),
        ValidationErrorKind::Minimum { limit } => one(
            value_pos,
            Code::InvalidValue,
            format!("`{name}` must be at least {limit}, found {found}"),
        ),
        ValidationErrorKind::Maximum { limit } => one(
            value_pos,
            Code::InvalidValue,
            format!("`{name}` must be at most {limit}, found {found}"),
        ),
        ValidationErrorKind::ExclusiveMaximum { limit } => one(
            value_pos,
            Code::InvalidValue,
            format!("`{name}` must be less than {limit}, found {found}"),
        ),
        _ => one(
            value_pos,
            Code::InvalidValue,
            format!("`{name}`: {}", lower_first(&err.to_string())),
        ),
    }
}

/// The `if` that made a conditional rule apply, read from the schema path, in words.
fn condition(schema_path: &str) -> &'static str {
    if schema_path.starts_with("/allOf/0/then") {
        " when source is model"
    } else if schema_path.starts_with("/allOf/1/then") {
        " when source is advertised"
    } else {
        ""
    }
}

/// The part of the schema that describes the instance at `pointer`.
fn subschema<'a>(schema: &'a Json, pointer: &str) -> &'a Json {
    pointer.split('/').skip(1).fold(schema, |node, token| {
        if token.parse::<usize>().is_ok() {
            &node["items"]
        } else {
            &node["properties"][token]
        }
    })
}

/// The property names the schema allows for the object at `pointer`, for "did you mean".
fn property_names(schema: &Json, pointer: &str) -> Vec<String> {
    subschema(schema, pointer)["properties"]
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn length_bounds(schema: &Json, pointer: &str) -> (u64, String) {
    let node = subschema(schema, pointer);
    let lo = node["minLength"].as_u64().unwrap_or(0);
    let hi = node["maxLength"]
        .as_u64()
        .map_or_else(|| "any number of".to_owned(), |n| n.to_string());
    (lo, hi)
}

fn pattern_words(pointer: &str) -> &'static str {
    match pointer.rsplit('/').next().unwrap_or_default() {
        "advertised" => "must be a date written YYYY-MM-DD",
        "url" => "must be a web address starting http:// or https://",
        "role" | "id" => {
            "must be a slug: lowercase letters, digits and single hyphens, no hyphen at either end"
        }
        _ => "does not have the required form",
    }
}

fn type_words(kind: &TypeKind) -> String {
    let one = |t: &JsonType| match t {
        JsonType::Array => "a list",
        JsonType::Boolean => "true or false",
        JsonType::Integer => "a whole number",
        JsonType::Null => "empty",
        JsonType::Number => "a number",
        JsonType::Object => "a mapping of keys to values",
        JsonType::String => "text",
    };
    match kind {
        TypeKind::Single(t) => one(t).to_owned(),
        TypeKind::Multiple(set) => set.iter().map(|t| one(&t)).collect::<Vec<_>>().join(" or "),
    }
}

fn describe_value(node: &Node) -> String {
    match &node.value {
        Value::Null => "nothing".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Int(i) => format!("`{i}`"),
        Value::Float(f) => format!("`{f}`"),
        Value::Str(s) if s.chars().count() > 40 => {
            format!("`{}…`", s.chars().take(40).collect::<String>())
        }
        Value::Str(s) => format!("`{s}`"),
        Value::Seq(_) => "a list".to_owned(),
        Value::Map(_) => "a mapping".to_owned(),
    }
}

fn quote(value: &Json) -> String {
    match value {
        Json::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::yaml;

    fn issues(text: &str) -> Vec<SchemaIssue> {
        check(Schema::JobDescription, &yaml::parse(text).unwrap())
    }

    const GOOD: &str =
        "title: Data Analyst\nrole: data-analyst\nlevel: mid\nsource: model\nlicence: OGL-UK-3.0\n";

    #[test]
    fn a_minimal_model_front_matter_conforms() {
        assert_eq!(issues(GOOD), vec![]);
    }

    #[test]
    fn unknown_keys_point_at_the_key_and_suggest() {
        let found = issues(&format!("{GOOD}titel: x\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::UnknownKey);
        assert_eq!(found[0].pos, Some(Pos { line: 6, column: 1 }));
        assert!(
            found[0].message.contains("did you mean `title`"),
            "{found:?}"
        );
    }

    #[test]
    fn nested_values_point_at_the_value() {
        let text = format!(
            "{GOOD}salary:\n  min: thirty\n  max: 40000\n  period: yearly\n  basis: indicative\n"
        );
        let found = issues(&text);
        let min = found.iter().find(|i| i.code == Code::InvalidType).unwrap();
        assert_eq!(min.pos, Some(Pos { line: 7, column: 8 }));
        let period = found
            .iter()
            .find(|i| i.message.contains("salary.period"))
            .unwrap();
        assert_eq!(
            period.pos,
            Some(Pos {
                line: 9,
                column: 11
            })
        );
        assert!(
            period
                .message
                .ends_with("found `yearly`; write `period: year` instead"),
            "{period:?}"
        );
    }

    #[test]
    fn values_with_one_meaning_get_the_value_to_write() {
        let text = GOOD
            .replace("level: mid", "level: Senior")
            .replace("OGL-UK-3.0", "OGL")
            .replace("source: model", "source: advertised")
            + "organisation: E09000012\nadvertised: 3 June 2024\nsalary:\n  min: £45,000\n  max: 45k\n  period: per annum\n  basis: advertised\n";
        let messages: Vec<String> = issues(&text).into_iter().map(|i| i.message).collect();
        for want in [
            "`level` must be one of apprentice, junior, mid, senior, lead, principal, head, director, found `Senior`; write `level: senior` instead",
            "`licence` must be one of OGL-UK-3.0, CC-BY-4.0, CC0-1.0, found `OGL`; write `licence: OGL-UK-3.0` instead",
            "`advertised` must be a date written YYYY-MM-DD, found `3 June 2024`; write `advertised: 2024-06-03` instead",
            "`salary.min` must be a number, found `£45,000`; write `min: 45000` instead",
            "`salary.max` must be a number, found `45k`; write `max: 45000` instead",
            "`salary.period` must be one of year, day, hour, found `per annum`; write `period: year` instead",
        ] {
            assert!(messages.iter().any(|m| m == want), "{want}\n{messages:#?}");
        }
        // A typo is still only a guess.
        let found = issues(&GOOD.replace("level: mid", "level: seniour"));
        assert!(
            found[0].message.ends_with("; did you mean `senior`?"),
            "{found:?}"
        );
    }

    #[test]
    fn conditional_rules_say_why() {
        let found = issues(&GOOD.replace("model", "advertised"));
        let messages: Vec<_> = found.iter().map(|i| i.message.as_str()).collect();
        assert!(
            messages.contains(&"missing required key `organisation` when source is advertised"),
            "{messages:?}"
        );
        let found = issues(&format!("{GOOD}organisation: E09000011\n"));
        assert_eq!(found[0].code, Code::ForbiddenKey);
        assert_eq!(found[0].pos, Some(Pos { line: 6, column: 1 }));
    }

    #[test]
    fn roles_schema_compiles_and_checks() {
        let doc =
            yaml::parse("roles:\n  - id: a\n    title: Abc\n    family: dat\n    summary: x\n")
                .unwrap();
        let found = check(Schema::Roles, &doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("did you mean `data`"));
    }
}
