//! A JD's Markdown body as safe HTML, for the web site. JDs come from strangers' pull
//! requests, so raw HTML in a body is shown as text (never passed through), links keep only
//! web, mail and in-page addresses, images become their text (the site loads nothing from
//! elsewhere), and headings start at `h2` under the page's own `h1`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown extensions JDs use.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders a body to HTML, its highest heading an `h2`.
pub fn to_html(markdown: &str) -> String {
    to_html_at(markdown, 2)
}

/// Renders Markdown to HTML with its highest heading at level `top`.
pub fn to_html_at(markdown: &str, top: usize) -> String {
    let parsed: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let shift = heading_shift(&parsed, top);
    let mut dropped_links: Vec<bool> = Vec::new();
    let events = parsed.into_iter().filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes: _,
            attrs: _,
        }) => Some(Event::Start(Tag::Heading {
            level: shifted(level, shift),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(shifted(level, shift))))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = is_safe_url(&dest_url);
            dropped_links.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => {
            let dropped = dropped_links.pop().unwrap_or(true);
            (!dropped).then_some(Event::End(TagEnd::Link))
        }
        // An image would be a request to another site; its description stands in.
        Event::Start(Tag::Image { .. }) => Some(Event::Text(CowStr::Borrowed("[image: "))),
        Event::End(TagEnd::Image) => Some(Event::Text(CowStr::Borrowed("]"))),
        Event::FootnoteReference(_) | Event::TaskListMarker(_) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Only `https:`, `http:`, `mailto:` and addresses without a scheme (in-page and relative) are
/// kept; `javascript:`, `data:`, `vbscript:` and the rest are dropped.
fn is_safe_url(url: &str) -> bool {
    let lowered: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    match lowered.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a `/`, `?` or `#` is part of a path or query, not a scheme.
            let before = &lowered[..colon];
            if before.contains(['/', '?', '#']) {
                return true;
            }
            matches!(before, "https" | "http" | "mailto")
        }
    }
}

/// How many levels to move headings down so the highest is at level `top`.
fn heading_shift(events: &[Event<'_>], top_wanted: usize) -> usize {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(top_wanted);
    top_wanted.saturating_sub(top)
}

fn shifted(level: HeadingLevel, by: usize) -> HeadingLevel {
    match (level as usize + by).min(6) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// One `##` section of a body: its heading text and its Markdown (without the heading).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    /// The heading as written (plain text).
    pub heading: String,
    /// The Markdown below it, up to the next `##`.
    pub markdown: &'a str,
}

/// Splits a body at its level-2 headings; text before the first one is left out.
pub fn sections(body: &str) -> Vec<Section<'_>> {
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let mut heading: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                if let Some(last) = out.last_mut() {
                    last.2 = range.start;
                }
                heading = Some((String::new(), range.start));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((h, _)) = heading.as_mut() {
                    h.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((h, _)) = heading.take() {
                    out.push((h.trim().to_owned(), range.end, body.len()));
                }
            }
            _ => {}
        }
    }
    out.into_iter()
        .map(|(heading, start, end)| Section {
            heading,
            markdown: &body[start..end],
        })
        .collect()
}

/// The first sentence of a section's first paragraph, as plain text, cut to about `max` bytes
/// at a word boundary: the line under a JD in search results and tables.
pub fn first_sentence(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if !text.is_empty() => break,
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    if let Some(end) = text.find(". ") {
        text.truncate(end + 1);
    }
    if text.len() > max {
        let mut cut = max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[..cut].rfind(' ').unwrap_or(cut);
        text.truncate(cut);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_lose_their_address_but_keep_their_text() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x) [d](https://ok.example/x:y) [e](#purpose) [f](vbscript:x)",
        );
        assert!(!html.to_ascii_lowercase().contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(!html.contains("vbscript"), "{html}");
        assert!(html.contains("href=\"https://ok.example/x:y\""), "{html}");
        assert!(html.contains("href=\"#purpose\""), "{html}");
        assert!(
            html.starts_with("<p>a b c <a"),
            "dropped links keep their text: {html}"
        );
        assert!(
            html.ends_with("</a> f</p>\n"),
            "dropped links keep their text: {html}"
        );
    }

    #[test]
    fn images_become_their_description() {
        let html = to_html("![a chart](https://tracker.example/p.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("[image: a chart]"), "{html}");
    }

    #[test]
    fn headings_start_at_h2() {
        assert!(to_html("# Top\n\n## Next\n").contains("<h2>Top</h2>\n<h3>Next</h3>"));
        assert!(to_html("## Purpose\n\n### Sub\n").contains("<h2>Purpose</h2>\n<h3>Sub</h3>"));
    }

    #[test]
    fn splits_sections_at_h2() {
        let body =
            "Intro\n\n## Purpose\n\nWhy.\n\n### Detail\n\nMore.\n\n## Responsibilities\n\n- A\n";
        let found = sections(body);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].heading, "Purpose");
        assert!(found[0].markdown.contains("### Detail"));
        assert_eq!(found[1].heading, "Responsibilities");
        assert_eq!(found[1].markdown.trim(), "- A");
    }

    #[test]
    fn first_sentence_is_cut_at_a_word() {
        assert_eq!(
            first_sentence("\nYou will help. Then more.\n", 100),
            "You will help."
        );
        assert_eq!(first_sentence("one two three four", 9), "one two…");
    }
}
