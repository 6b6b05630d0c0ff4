//! Checks a JD's Markdown body for the sections the contract requires (§2): `## Purpose`,
//! `## Responsibilities` and `## Person specification`, each present and non-empty.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diagnostic::Code;

/// The H2 sections every JD must have, as written in the contract.
pub const REQUIRED_SECTIONS: [&str; 3] = ["Purpose", "Responsibilities", "Person specification"];

/// A problem with the body's sections; offsets are into the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionIssue {
    /// Byte offset in the body to point at.
    pub offset: usize,
    /// Missing or empty.
    pub code: Code,
    /// What to do.
    pub message: String,
}

struct Section {
    name: String,
    offset: usize,
    has_content: bool,
}

/// Finds missing or empty required sections.
pub fn check_sections(body: &str) -> Vec<SectionIssue> {
    let mut sections: Vec<Section> = Vec::new();
    let mut in_h2: Option<(String, usize)> = None;
    let mut depth_heading_level: Option<HeadingLevel> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                depth_heading_level = Some(level);
                if level <= HeadingLevel::H2 {
                    // An H1 or H2 ends the current section; only H2s start a contract section.
                    in_h2 = Some((String::new(), range.start));
                } else if let Some(s) = sections.last_mut() {
                    s.has_content = true;
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                depth_heading_level = None;
                if level <= HeadingLevel::H2
                    && let Some((name, offset)) = in_h2.take()
                {
                    let name = name.trim().to_owned();
                    sections.push(Section {
                        name: if level == HeadingLevel::H2 {
                            name
                        } else {
                            String::new()
                        },
                        offset,
                        has_content: false,
                    });
                }
            }
            Event::Text(text) | Event::Code(text) if depth_heading_level.is_some() => {
                if let Some((name, _)) = in_h2.as_mut() {
                    name.push_str(&text);
                }
            }
            Event::Text(text) if text.trim().is_empty() => {}
            Event::SoftBreak | Event::HardBreak => {}
            Event::Start(_) | Event::End(_) => {}
            _ => {
                if let Some(s) = sections.last_mut() {
                    s.has_content = true;
                }
            }
        }
    }
    let mut issues = Vec::new();
    for required in REQUIRED_SECTIONS {
        let found: Vec<&Section> = sections
            .iter()
            .filter(|s| s.name.eq_ignore_ascii_case(required))
            .collect();
        match found.first() {
            None => issues.push(SectionIssue {
                offset: 0,
                code: Code::MissingSection,
                message: format!("missing required section `## {required}`"),
            }),
            Some(_) if found.iter().all(|s| !s.has_content) => issues.push(SectionIssue {
                offset: found[0].offset,
                code: Code::EmptySection,
                message: format!(
                    "section `## {required}` is empty: write its content below the heading"
                ),
            }),
            Some(_) => {}
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = "## Purpose\n\nWhy.\n\n## Responsibilities\n\n- do\n\n## Person specification\n\n### Essential\n\n- skill\n";

    #[test]
    fn a_complete_body_passes() {
        assert_eq!(check_sections(FULL), vec![]);
    }

    #[test]
    fn headings_are_case_insensitive() {
        assert_eq!(
            check_sections(&FULL.replace("## Purpose", "## PURPOSE")),
            vec![]
        );
    }

    #[test]
    fn missing_and_empty_sections_are_found() {
        let body = "## Purpose\n\n## Responsibilities\n\n- do\n";
        let issues = check_sections(body);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(issues[0].code, Code::EmptySection);
        assert_eq!(issues[0].offset, 0);
        assert_eq!(issues[1].code, Code::MissingSection);
    }

    #[test]
    fn a_section_with_only_subheadings_counts_as_content() {
        let body = FULL.replace("### Essential\n\n- skill\n", "### Essential\n");
        assert_eq!(check_sections(&body), vec![]);
    }

    #[test]
    fn headings_inside_code_blocks_do_not_count() {
        let body =
            "```\n## Purpose\n```\n\n## Responsibilities\n\n- do\n\n## Person specification\n\nx\n";
        let issues = check_sections(body);
        assert_eq!(issues[0].code, Code::MissingSection);
    }
}
