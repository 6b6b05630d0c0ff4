//! The building blocks of a GitHub issue form's `body`: each function returns one element as
//! GitHub's issue-forms schema describes it (`type`, `id`, `attributes`, `validations`).

use super::emit::Yaml;

/// What an element says to the person filling it in.
pub struct Text<'a> {
    /// The field's id: the key in a prefilling URL, and never shown.
    pub id: &'static str,
    /// The heading GitHub shows, and the `### Label` the submitted issue carries.
    pub label: &'a str,
    /// The hint under the label; empty for none.
    pub description: &'a str,
}

/// Introductory Markdown shown at the top of a form and not submitted.
pub fn markdown(value: &str) -> Yaml {
    Yaml::Map(vec![
        ("type", Yaml::str("markdown")),
        ("attributes", Yaml::Map(vec![("value", Yaml::str(value))])),
    ])
}

/// A one-line text field.
pub fn input(text: &Text<'_>, placeholder: &str, required: bool) -> Yaml {
    field("input", text, placeholder_attr(placeholder), required)
}

/// A text field of several lines; files dropped on it are uploaded and linked.
pub fn textarea(text: &Text<'_>, placeholder: &str, required: bool) -> Yaml {
    field("textarea", text, placeholder_attr(placeholder), required)
}

/// A choice of `options`, with `default` (an index) chosen to begin with.
pub fn dropdown(
    text: &Text<'_>,
    options: &[String],
    default: Option<usize>,
    required: bool,
) -> Yaml {
    let mut extra = vec![(
        "options",
        Yaml::Seq(options.iter().map(|o| Yaml::str(o.as_str())).collect()),
    )];
    if let Some(index) = default {
        extra.push(("default", Yaml::Int(index)));
    }
    field("dropdown", text, extra, required)
}

/// Boxes to tick, each `(label, required)`.
pub fn checkboxes(text: &Text<'_>, options: &[(&str, bool)]) -> Yaml {
    let options = options
        .iter()
        .map(|(label, required)| {
            Yaml::Map(vec![
                ("label", Yaml::str(*label)),
                ("required", Yaml::Bool(*required)),
            ])
        })
        .collect();
    field(
        "checkboxes",
        text,
        vec![("options", Yaml::Seq(options))],
        false,
    )
}

fn placeholder_attr(placeholder: &str) -> Vec<(&'static str, Yaml)> {
    if placeholder.is_empty() {
        Vec::new()
    } else {
        vec![("placeholder", Yaml::str(placeholder))]
    }
}

fn field(kind: &str, text: &Text<'_>, extra: Vec<(&'static str, Yaml)>, required: bool) -> Yaml {
    let mut attributes = vec![("label", Yaml::str(text.label))];
    if !text.description.is_empty() {
        attributes.push(("description", Yaml::str(text.description)));
    }
    attributes.extend(extra);
    let mut element = vec![
        ("type", Yaml::str(kind)),
        ("id", Yaml::str(text.id)),
        ("attributes", Yaml::Map(attributes)),
    ];
    // Checkboxes are required one by one, in their options.
    if kind != "checkboxes" {
        element.push((
            "validations",
            Yaml::Map(vec![("required", Yaml::Bool(required))]),
        ));
    }
    Yaml::Map(element)
}
