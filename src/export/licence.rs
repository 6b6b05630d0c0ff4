//! The licence a JD is shared under, named for people, and the credit it asks reusers to give.

use crate::library::JobDescription;

/// The credit line a licence asks reusers to give.
pub fn attribution(jd: &JobDescription) -> String {
    let front = &jd.front;
    let source = match jd.authority {
        Some(a) => format!("{}, {}", front.title, a.official_name),
        None => format!("{}, a model JD from the Council JD Library", front.title),
    };
    match front.licence.as_str() {
        "OGL-UK-3.0" => format!(
            "Contains public sector information licensed under the Open Government Licence v3.0. Source: {source}."
        ),
        "CC-BY-4.0" => format!("{source}, licensed under CC BY 4.0."),
        _ => format!("{source} (public domain, CC0 1.0; credit welcome)."),
    }
}

/// A licence id as its full name.
pub fn licence_name(id: &str) -> &str {
    match id {
        "OGL-UK-3.0" => "Open Government Licence v3.0",
        "CC-BY-4.0" => "Creative Commons Attribution 4.0 (CC BY 4.0)",
        "CC0-1.0" => "CC0 1.0 public domain dedication",
        other => other,
    }
}
