//! A one-line glimpse of why a JD matched: the line of its body with the most of the query's
//! words, cut to a width around the first of them, with the matched words marked.

use crate::search::index::{Lookup, analyse};

/// Longest snippet, in characters, before ellipses.
pub const MAX_CHARS: usize = 110;
/// Characters of context kept before the first matched word when a line is cut.
const LEAD: usize = 30;

/// A snippet and the byte ranges of its matched words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// Plain text, one line.
    pub text: String,
    /// Byte ranges in `text` to highlight, in order, not overlapping.
    pub marks: Vec<(usize, usize)>,
}

impl Snippet {
    /// The text split into (part, highlighted) pieces.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for &(from, to) in &self.marks {
            if from > at {
                out.push((&self.text[at..from], false));
            }
            out.push((&self.text[from..to], true));
            at = to;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }
}

/// The best line of `body` for `lookups` (which lookup a token satisfies is what counts).
pub fn snippet(body: &str, lookups: &[Lookup]) -> Snippet {
    // (distinct lookups matched, words marked, line, marks)
    type Candidate<'a> = (usize, usize, &'a str, Vec<(usize, usize)>);
    let mut best: Option<Candidate<'_>> = None;
    let mut first_prose: Option<&str> = None;
    for line in body.lines() {
        let text = strip_markers(line);
        if text.is_empty() {
            continue;
        }
        if first_prose.is_none() && !line.trim_start().starts_with('#') {
            first_prose = Some(text);
        }
        let mut seen = vec![false; lookups.len()];
        let mut marks = Vec::new();
        for token in analyse(text) {
            let mut matched = false;
            for (i, lookup) in lookups.iter().enumerate() {
                if satisfies(lookup, &token.text) {
                    seen[i] = true;
                    matched = true;
                }
            }
            if matched {
                marks.push((token.from, token.to));
            }
        }
        let distinct = seen.iter().filter(|&&s| s).count();
        if distinct > 0
            && best
                .as_ref()
                .is_none_or(|b| (distinct, marks.len()) > (b.0, b.1))
        {
            best = Some((distinct, marks.len(), text, marks));
        }
    }
    match best {
        Some((_, _, text, marks)) => cut(text, &marks),
        None => cut(first_prose.unwrap_or_default(), &[]),
    }
}

fn satisfies(lookup: &Lookup, token: &str) -> bool {
    match lookup {
        Lookup::Token(t) => t == token,
        Lookup::Phrase(ts) => ts.iter().any(|t| t == token),
        Lookup::Prefix(p) => token.starts_with(p.as_str()),
    }
}

/// A line without its Markdown heading, list or quote markers.
fn strip_markers(line: &str) -> &str {
    let mut text = line.trim();
    loop {
        let before = text;
        text = text
            .trim_start_matches(['#', '>', '-', '*', '+'])
            .trim_start();
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && text[digits..].starts_with(['.', ')']) {
            text = text[digits + 1..].trim_start();
        }
        if text == before {
            return text;
        }
    }
}

/// Cuts `text` to [`MAX_CHARS`] around its first mark, at spaces, with ellipses.
fn cut(text: &str, marks: &[(usize, usize)]) -> Snippet {
    if text.chars().count() <= MAX_CHARS {
        return Snippet {
            text: text.to_owned(),
            marks: marks.to_vec(),
        };
    }
    let first = marks.first().map_or(0, |m| m.0);
    let mut start = back_chars(text, first, LEAD);
    if start > 0 {
        // Start at a word.
        start = text[start..first]
            .find(' ')
            .map_or(start, |p| start + p + 1);
    }
    let mut end = forward_chars(text, start, MAX_CHARS);
    if end < text.len() {
        // End at a word, unless that would drop the first mark.
        if let Some(p) = text[start..end].rfind(' ')
            && start + p >= marks.first().map_or(0, |m| m.1)
        {
            end = start + p;
        }
    }
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shift = lead.len();
    Snippet {
        text: format!("{lead}{}{tail}", &text[start..end]),
        marks: marks
            .iter()
            .filter(|m| m.0 >= start && m.1 <= end)
            .map(|m| (m.0 - start + shift, m.1 - start + shift))
            .collect(),
    }
}

/// The byte offset `n` characters before `at`.
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at`.
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(t: &str) -> Lookup {
        Lookup::Token(t.to_owned())
    }

    fn marked(s: &Snippet) -> String {
        s.pieces()
            .into_iter()
            .map(|(p, on)| if on { format!("[{p}]") } else { p.to_owned() })
            .collect()
    }

    #[test]
    fn picks_the_line_with_most_query_words_and_marks_them() {
        let body = "## Purpose\n\nWe build dashboards.\n\n- Keep Power BI dashboards tidy.\n\
                    - Use Power tools and BI reports with Power BI.\n";
        let s = snippet(body, &[token("power"), token("bi")]);
        assert_eq!(
            marked(&s),
            "Use [Power] tools and [BI] reports with [Power] [BI]."
        );
        let s = snippet(body, &[Lookup::Prefix("dash".into())]);
        assert_eq!(marked(&s), "We build [dashboards].");
    }

    #[test]
    fn without_a_match_shows_the_first_prose_line() {
        let s = snippet("## Purpose\n\nFirst line.\n", &[token("zebra")]);
        assert_eq!(s.text, "First line.");
        assert!(s.marks.is_empty());
    }

    #[test]
    fn long_lines_are_cut_around_the_first_match() {
        let line = format!(
            "{} analysts {}",
            "lorem ipsum ".repeat(10),
            "dolor sit ".repeat(20)
        );
        let s = snippet(&line, &[token("analyst")]);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= MAX_CHARS + 2);
        assert_eq!(s.pieces().iter().filter(|p| p.1).count(), 1);
        assert_eq!(s.pieces().iter().find(|p| p.1).unwrap().0, "analysts");
    }

    #[test]
    fn strips_markdown_markers() {
        assert_eq!(strip_markers("  ### Title"), "Title");
        assert_eq!(strip_markers("- item"), "item");
        assert_eq!(strip_markers("12. step"), "step");
        assert_eq!(strip_markers("> - quoted"), "quoted");
    }
}
