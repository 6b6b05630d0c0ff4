//! The layout of `library/` (contract §2): what may live where, slugs, and which entries are
//! JD files. Applied to the same entry list whether it came from disk or from git.

use crate::diagnostic::{Code, Diagnostic};
use crate::git::EntryKind;
use crate::library::source::Entry;

/// A valid slug: lowercase ASCII letters, digits and single hyphens, 1–80 characters, no
/// hyphen at either end (contract §2).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Applies the layout rules of contract §2 and picks out the JD files and the registry.
pub(crate) fn layout<'a>(
    entries: &'a [Entry],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<&'a Entry>, Option<&'a Entry>) {
    let mut jds = Vec::new();
    let mut roles = None;
    let mut stray_folders: Vec<&str> = Vec::new();
    for entry in entries {
        let parts: Vec<&str> = entry.path.split('/').collect();
        // Anything inside a folder already reported as stray is covered by that finding.
        if stray_folders
            .iter()
            .any(|f| entry.path.starts_with(f) && entry.path.as_bytes().get(f.len()) == Some(&b'/'))
        {
            continue;
        }
        if entry.kind == EntryKind::Symlink {
            diagnostics.push(Diagnostic::error(
                &entry.path,
                1,
                1,
                Code::Symlink,
                "symbolic links are not allowed in library/ and are never followed: replace it with the file itself",
            ));
            continue;
        }
        match (parts.len(), entry.kind) {
            (2, EntryKind::File) if parts[1] == "roles.yaml" => roles = Some(entry),
            (2, EntryKind::File) if parts[1] == "README.md" => {}
            (2, EntryKind::Folder) => {}
            (3, EntryKind::File) if parts[2].strip_suffix(".md").is_some() => {
                let stem = parts[2].strip_suffix(".md").unwrap_or_default();
                if !is_slug(stem) {
                    diagnostics.push(Diagnostic::error(
                        &entry.path,
                        1,
                        1,
                        Code::InvalidSlug,
                        format!(
                            "file name `{stem}` is not a valid slug: use 1-80 lowercase letters, digits and single hyphens, e.g. `{}`",
                            slugify(stem)
                        ),
                    ));
                }
                jds.push(entry);
            }
            (depth, kind) => {
                if kind == EntryKind::Folder {
                    stray_folders.push(&entry.path);
                }
                let why = match depth {
                    2 => "only roles.yaml, README.md and role folders may sit directly in library/",
                    _ => "a role folder may only hold JD files named <slug>.md",
                };
                diagnostics.push(Diagnostic::error(
                    &entry.path,
                    1,
                    1,
                    Code::UnexpectedFile,
                    format!(
                        "unexpected {} here: {why}",
                        if kind == EntryKind::Folder {
                            "folder"
                        } else {
                            "file"
                        }
                    ),
                ));
            }
        }
    }
    jds.sort_by(|a, b| a.path.cmp(&b.path));
    (jds, roles)
}

/// A slug made from free text, for suggestions: lower case, runs of other characters become
/// one hyphen, at most 80 characters.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.truncate(80);
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "jd".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for good in [
            "a",
            "model-senior",
            "greenwich-2024-03-senior",
            &"a".repeat(80),
        ] {
            assert!(is_slug(good), "{good}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a_b",
            "a.b",
            &"a".repeat(81),
            "é",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert_eq!(
            slugify("Senior Data_Analyst (2024)"),
            "senior-data-analyst-2024"
        );
        assert_eq!(slugify("---"), "jd");
    }
}
