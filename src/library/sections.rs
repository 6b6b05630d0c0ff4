//! The contract's body sections (§2) and the other headings councils write for them
//! (`Job purpose`, `Main duties`, `Key accountabilities`): the one mapping that import uses
//! to place a Word document's headings and validation uses to suggest the contract's name.

/// The contract's sections and the headings councils use for them. An entry marked `true`
/// adds meaning, so it is kept as a sub-heading under the contract's one.
const SECTIONS: &[(&str, &[(&str, bool)])] = &[
    (
        "Purpose",
        &[
            ("purpose", false),
            ("job purpose", false),
            ("purpose of the job", false),
            ("purpose of the role", false),
            ("purpose of the post", false),
            ("role purpose", false),
            ("main purpose", false),
            ("main purpose of the job", false),
            ("overall purpose", false),
            ("overall purpose of the job", false),
            ("job summary", true),
            ("role summary", true),
            ("about the role", true),
        ],
    ),
    (
        "Responsibilities",
        &[
            ("responsibilities", false),
            ("main duties and responsibilities", false),
            ("duties and responsibilities", false),
            ("key responsibilities", false),
            ("main responsibilities", false),
            ("main duties", false),
            ("key duties", false),
            ("duties", false),
            ("key accountabilities", true),
            ("principal accountabilities", true),
            ("accountabilities", true),
            ("key tasks", true),
            ("what you will do", true),
        ],
    ),
    (
        "Person specification",
        &[
            ("person specification", false),
            ("person spec", false),
            ("the person specification", false),
            ("skills and experience", true),
            ("knowledge skills and experience", true),
            ("skills knowledge and experience", true),
            ("experience skills and knowledge", true),
            ("qualifications skills and experience", true),
            ("selection criteria", true),
            ("essential and desirable criteria", true),
            ("requirements", true),
            ("about you", true),
            ("what you will bring", true),
        ],
    ),
];

/// The contract section a heading means, and whether its own words are worth keeping.
pub fn map_heading(text: &str) -> Option<(&'static str, bool)> {
    let key = normalise(text);
    SECTIONS.iter().find_map(|(section, names)| {
        names
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, keep)| (*section, *keep))
    })
}

/// Lower case, numbering and punctuation gone: "2. Main Duties & Responsibilities:" becomes
/// "main duties and responsibilities".
fn normalise(text: &str) -> String {
    let text = text.to_lowercase().replace('&', " and ");
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip_while(|w| w.chars().all(|c| c.is_ascii_digit()) || is_roman(w) || w.len() == 1)
        .map(str::to_owned)
        .collect();
    words.join(" ")
}

fn is_roman(word: &str) -> bool {
    matches!(
        word,
        "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_council_headings() {
        assert_eq!(
            map_heading("2. Main Duties & Responsibilities:"),
            Some(("Responsibilities", false))
        );
        assert_eq!(map_heading("PURPOSE OF THE JOB"), Some(("Purpose", false)));
        assert_eq!(
            map_heading("Skills and experience"),
            Some(("Person specification", true))
        );
        assert_eq!(map_heading("About the council"), None);
    }
}
