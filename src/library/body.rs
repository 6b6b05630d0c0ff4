//! Checks a JD's Markdown body for the sections the contract requires (§2): `## Purpose`,
//! `## Responsibilities` and `## Person specification`, each present and non-empty.

use crate::markdown::{self, Event, Tag};

use crate::diagnostic::Code;
use crate::library::document;
use crate::library::sections::map_heading;

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
    // Most bodies are plain headings, paragraphs and lists, where a line scan gives the same
    // sections as a full Markdown parse at a tenth of the cost; anything else is parsed.
    let sections = scan_plain(body).unwrap_or_else(|| scan_markdown(body));
    let mut issues = Vec::new();
    for required in REQUIRED_SECTIONS {
        let found: Vec<&Section> = sections
            .iter()
            .filter(|s| s.name.eq_ignore_ascii_case(required))
            .collect();
        match found.first() {
            None => issues.push(missing(body, required)),
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

/// The finding for a required section that is absent: at the one heading that means it
/// under another name or at another level (`## Job purpose`, `# Purpose`, `### Duties`),
/// with the heading to write, when there is exactly one; else at the top of the body.
fn missing(body: &str, required: &str) -> SectionIssue {
    let means_it = |level: u8, name: &str| {
        map_heading(name).is_some_and(|(section, _)| section == required)
            || (level != 2 && name.eq_ignore_ascii_case(required))
    };
    let mut found = headings(body)
        .into_iter()
        .filter(|(level, name, _)| means_it(*level, name));
    match (found.next(), found.next()) {
        (Some((level, name, offset)), None) => SectionIssue {
            offset,
            code: Code::MissingSection,
            message: format!(
                "missing required section `## {required}`, found `{} {name}`; write `## {required}` instead",
                "#".repeat(usize::from(level))
            ),
        },
        _ => SectionIssue {
            offset: 0,
            code: Code::MissingSection,
            message: format!("missing required section `## {required}`"),
        },
    }
}

/// Every heading as (level, text, offset). Only a body that lacks a section is read this
/// way, so it takes the full Markdown parse.
fn headings(body: &str) -> Vec<(u8, String, usize)> {
    let mut found: Vec<(u8, String, usize)> = Vec::new();
    let mut open = false;
    for (event, start) in markdown::events_with_offsets(body) {
        match event {
            Event::Start(Tag::Heading(level)) => {
                found.push((level, String::new(), start));
                open = true;
            }
            Event::End(Tag::Heading(_)) => {
                open = false;
                if let Some(last) = found.last_mut() {
                    last.1 = last.1.trim().to_owned();
                }
            }
            Event::Text(text) | Event::Code(text) if open => {
                if let Some(last) = found.last_mut() {
                    last.1.push_str(&text);
                }
            }
            _ => {}
        }
    }
    found
}

/// Sections by `CommonMark`'s rules, from the Markdown reader's events.
fn scan_markdown(body: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut in_h2: Option<(String, usize)> = None;
    let mut in_heading = false;
    for (event, start) in markdown::events_with_offsets(body) {
        match event {
            Event::Start(Tag::Heading(level)) => {
                in_heading = true;
                if level <= 2 {
                    // An H1 or H2 ends the current section; only H2s start a contract section.
                    in_h2 = Some((String::new(), start));
                } else if let Some(s) = sections.last_mut() {
                    s.has_content = true;
                }
            }
            Event::End(Tag::Heading(level)) => {
                in_heading = false;
                if level <= 2
                    && let Some((name, offset)) = in_h2.take()
                {
                    let name = name.trim().to_owned();
                    sections.push(Section {
                        name: if level == 2 { name } else { String::new() },
                        offset,
                        has_content: false,
                    });
                }
            }
            Event::Text(text) | Event::Code(text) if in_heading => {
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
    sections
}

/// Sections by a line scan, or `None` when the body has anything a line scan could read
/// differently from `CommonMark`: fences, HTML, quotes, tabs, setext underlines, link
/// definitions, headings that are indented or inside list items, or markup in a heading.
fn scan_plain(body: &str) -> Option<Vec<Section>> {
    // A tab on any line: one search of the whole body rather than one per line.
    if memchr::memchr(b'\t', body.as_bytes()).is_some() {
        return None;
    }
    let mut sections: Vec<Section> = Vec::new();
    let mut offset = 0;
    for line in document::lines(body) {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start_matches(' ');
        if trimmed.trim_end().is_empty() {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with("```")
            || trimmed.starts_with("~~~")
            || trimmed.starts_with(['<', '>', '[', '=', '|'])
            || trimmed.bytes().all(|b| b == b'-' || b == b' ')
            || after_list_marker(trimmed).is_some_and(|rest| rest.starts_with('#'))
        {
            return None;
        }
        if let Some(level) = heading_level(trimmed) {
            if indent > 0 {
                return None;
            }
            if level <= 2 {
                let name = trimmed[level..].trim();
                if name.contains(['#', '*', '_', '`', '[', ']', '<', '>', '&', '\\', '!']) {
                    return None;
                }
                sections.push(Section {
                    name: if level == 2 {
                        name.to_owned()
                    } else {
                        String::new()
                    },
                    offset: start,
                    has_content: false,
                });
                continue;
            }
        }
        if let Some(s) = sections.last_mut() {
            s.has_content = true;
        }
    }
    Some(sections)
}

/// 1–6 for an ATX heading line (`#`s then a space or nothing), else `None`.
fn heading_level(line: &str) -> Option<usize> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' '))).then_some(level)
}

/// The text after a list marker (`- `, `* `, `+ `, `1. `, `1) `), if the line has one.
fn after_list_marker(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 {
        line[digits..].strip_prefix(['.', ')'])
    } else {
        line.strip_prefix(['-', '*', '+'])
    };
    rest.filter(|r| r.starts_with(' '))
        .map(|r| r.trim_start_matches(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sections: &[Section]) -> Vec<(String, usize, bool)> {
        sections
            .iter()
            .map(|s| (s.name.clone(), s.offset, s.has_content))
            .collect()
    }

    #[test]
    fn the_line_scan_agrees_with_the_markdown_parse_or_declines() {
        let pieces = [
            "## Purpose\n",
            "## Responsibilities\n",
            "## Person specification\n",
            "# Title\n",
            "### Essential\n",
            "text line\n",
            "\n",
            "- item\n",
            "  - nested\n",
            "1. one\n",
            "    indented\n",
            "```\n",
            "~~~\n",
            "> quote\n",
            "<div>\n",
            "---\n",
            "===\n",
            "- ## inside\n",
            "  ## indented\n",
            "## C#\n",
            "## **Bold**\n",
            "#no space\n",
            "[ref]: http://x\n",
            "\tTabbed\n",
            "####### seven\n",
            "##\n",
            "* * *\n",
            "| a |\n",
            "Text\n",
            "## Purpose ##\n",
            "\r\n",
            "## Purpose\r\n",
        ];
        // A deterministic walk over many combinations (no RNG needed for coverage this small).
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut compared = 0;
        for _ in 0..20_000 {
            let mut body = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                body.push_str(pieces[usize::try_from(seed >> 33).unwrap() % pieces.len()]);
            }
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            if let Some(plain) = scan_plain(&body) {
                assert_eq!(
                    names(&plain),
                    names(&scan_markdown(&body)),
                    "body: {body:?}"
                );
                compared += 1;
            }
        }
        assert!(
            compared > 2_000,
            "the line scan declined almost everything: {compared}"
        );
    }

    const FULL: &str = "## Purpose\n\nWhy.\n\n## Responsibilities\n\n- do\n\n## Person specification\n\n### Essential\n\n- skill\n";

    #[test]
    fn a_complete_body_passes() {
        assert_eq!(check_sections(FULL), vec![]);
        assert!(
            scan_plain(FULL).is_some(),
            "a plain body should take the line scan"
        );
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
    fn a_heading_that_means_a_missing_section_is_named_with_the_fix() {
        let body =
            "Intro.\n\n## Job purpose\n\nWhy.\n\n## Duties\n\n- do\n\n## Main duties\n\n- more\n";
        let issues = check_sections(body);
        assert_eq!(issues.len(), 3, "{issues:?}");
        assert_eq!(issues[0].offset, body.find("## Job purpose").unwrap());
        assert_eq!(
            issues[0].message,
            "missing required section `## Purpose`, found `## Job purpose`; write `## Purpose` instead"
        );
        // Two headings mean `Responsibilities`: renaming either is a person's choice.
        assert_eq!(issues[1].offset, 0);
        assert_eq!(
            issues[1].message,
            "missing required section `## Responsibilities`"
        );
        assert_eq!(
            issues[2].message,
            "missing required section `## Person specification`"
        );
    }

    #[test]
    fn a_required_heading_at_another_level_is_named_with_the_fix() {
        let body =
            "# Purpose\n\nWhy.\n\n### Key duties\n\n- do\n\n## Person specification\n\n- skill\n";
        let issues = check_sections(body);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(issues[0].offset, 0);
        assert_eq!(
            issues[0].message,
            "missing required section `## Purpose`, found `# Purpose`; write `## Purpose` instead"
        );
        assert_eq!(issues[1].offset, body.find("### Key duties").unwrap());
        assert_eq!(
            issues[1].message,
            "missing required section `## Responsibilities`, found `### Key duties`; write `## Responsibilities` instead"
        );
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
