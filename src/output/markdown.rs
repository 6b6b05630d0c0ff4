//! Renders a JD's Markdown body for reading in a terminal: headings stand out, lists keep their
//! bullets with hanging indents, and paragraphs wrap to the width.

use crate::markdown::{self, Event, Tag};

use crate::output::style;

/// Renders `markdown` wrapped to `width` columns (at least 20).
pub fn render(markdown: &str, width: usize, color: bool) -> String {
    let width = width.max(20);
    let mut r = Renderer {
        width,
        color,
        out: String::new(),
        line: String::new(),
        line_len: 0,
        indent: 0,
        first_indent: None,
        lists: Vec::new(),
        heading: None,
        emphasis: 0,
        strong: 0,
        link: None,
    };
    for event in markdown::events(markdown) {
        r.event(event);
    }
    r.flush_line();
    r.out.trim_end().to_owned() + "\n"
}

struct Renderer {
    width: usize,
    color: bool,
    out: String,
    line: String,
    line_len: usize,
    indent: usize,
    first_indent: Option<String>,
    lists: Vec<Option<u64>>,
    heading: Option<u8>,
    emphasis: usize,
    strong: usize,
    link: Option<String>,
}

impl Renderer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Heading(level)) => {
                self.blank_line();
                self.heading = Some(level);
            }
            Event::End(Tag::Heading(_)) => {
                self.flush_line();
                self.heading = None;
            }
            Event::Start(Tag::Paragraph) if self.lists.is_empty() => {
                self.blank_line();
            }
            Event::End(Tag::Paragraph) => self.flush_line(),
            Event::Start(Tag::List(start)) => {
                if self.lists.is_empty() {
                    self.blank_line();
                } else {
                    self.flush_line();
                }
                self.lists.push(start);
            }
            Event::End(Tag::List(_)) => {
                self.flush_line();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush_line();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => ["• ", "◦ ", "▪ "][depth % 3].to_owned(),
                };
                let pad = "  ".repeat(depth + 1);
                self.indent = pad.chars().count() + marker.chars().count();
                self.first_indent = Some(format!("{pad}{marker}"));
            }
            Event::End(Tag::Item) => self.flush_line(),
            Event::Start(Tag::Emphasis) => self.emphasis += 1,
            Event::End(Tag::Emphasis) => self.emphasis -= 1,
            Event::Start(Tag::Strong) => self.strong += 1,
            Event::End(Tag::Strong) => self.strong -= 1,
            Event::Start(Tag::Link(dest)) => self.link = Some(dest.into_owned()),
            Event::End(Tag::Link(_)) => {
                if let Some(url) = self.link.take() {
                    self.words(&format!("({url})"));
                }
            }
            Event::Text(text) | Event::Code(text) => self.words(&text),
            Event::SoftBreak => {}
            Event::HardBreak => self.flush_line(),
            Event::Rule => {
                self.blank_line();
                self.out.push_str(&"─".repeat(self.width.min(40)));
                self.out.push('\n');
            }
            _ => {}
        }
    }

    fn blank_line(&mut self) {
        self.flush_line();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn words(&mut self, text: &str) {
        for word in text.split_whitespace() {
            let len = word.chars().count();
            if self.line_len > 0 && self.current_indent() + self.line_len + 1 + len > self.width {
                self.flush_line();
            }
            if self.line_len > 0 {
                self.line.push(' ');
                self.line_len += 1;
            }
            self.line.push_str(&self.styled(word));
            self.line_len += len;
        }
    }

    fn styled(&self, word: &str) -> String {
        match self.heading {
            Some(1 | 2) if !self.color => word.to_uppercase(),
            Some(_) => style::bold(word, self.color),
            None if self.strong > 0 => style::bold(word, self.color),
            None if self.emphasis > 0 => style::italic(word, self.color),
            None => word.to_owned(),
        }
    }

    fn current_indent(&self) -> usize {
        if self.lists.is_empty() {
            0
        } else {
            self.indent
        }
    }

    fn flush_line(&mut self) {
        if self.line_len == 0 {
            return;
        }
        let prefix = match self.first_indent.take() {
            Some(first) => first,
            None => " ".repeat(self.current_indent()),
        };
        self.out.push_str(&prefix);
        self.out.push_str(&self.line);
        self.out.push('\n');
        self.line.clear();
        self.line_len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_paragraphs_and_hangs_list_items() {
        let md = "## Purpose\n\nYou will help residents get online and stay safe there.\n\n- first duty that is long enough to wrap around\n- second\n";
        let text = render(md, 30, false);
        assert_eq!(
            text,
            "PURPOSE\n\nYou will help residents get\nonline and stay safe there.\n\n  • first duty that is long\n    enough to wrap around\n  • second\n"
        );
    }

    #[test]
    fn numbers_ordered_lists_and_keeps_links() {
        let text = render("1. one\n2. [two](https://x.org)\n", 80, false);
        assert_eq!(text, "  1. one\n  2. two (https://x.org)\n");
    }
}
