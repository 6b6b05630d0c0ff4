//! `jdlib search` output: the JSON row, and snippets with their matched words highlighted in a
//! table without upsetting its column widths.

use serde::Serialize;

use crate::search::Found;
use crate::search::snippet::Snippet;

/// One hit in `search --format json`: `{path, title, role, level, organisation, score,
/// snippet}`, with `organisation` the GSS code (null for a model JD) and `snippet` plain text.
#[derive(Debug, Serialize)]
pub struct SearchRow<'a> {
    /// Path from the library root.
    pub path: &'a str,
    /// Job title.
    pub title: &'a str,
    /// Role id.
    pub role: &'a str,
    /// Level.
    pub level: &'a str,
    /// GSS code of the advertising council.
    pub organisation: Option<&'a str>,
    /// Relevance (BM25; higher is better).
    pub score: f64,
    /// The line that shows why it matched.
    pub snippet: &'a str,
}

impl<'a> SearchRow<'a> {
    /// The row for a hit.
    pub fn new(found: &'a Found) -> SearchRow<'a> {
        SearchRow {
            path: &found.path,
            title: &found.jd.front.title,
            role: &found.jd.front.role,
            level: found.jd.front.level.as_str(),
            organisation: found.jd.front.organisation.as_deref(),
            score: f64::from(found.score),
            snippet: &found.snippet.text,
        }
    }
}

// Zero-width marks around highlighted words while the table is laid out: invisible to the
// width calculation, swapped for ANSI bold afterwards.
const OPEN: char = '\u{2063}';
const CLOSE: char = '\u{2064}';

/// A snippet for a table cell: plain, or with its matched words marked for [`highlight`].
pub fn snippet_cell(snippet: &Snippet, colour: bool) -> String {
    if !colour {
        return snippet.text.clone();
    }
    snippet
        .pieces()
        .into_iter()
        .map(|(text, on)| {
            if on {
                format!("{OPEN}{text}{CLOSE}")
            } else {
                text.to_owned()
            }
        })
        .collect()
}

/// Turns the marks of [`snippet_cell`] in a rendered table into bold yellow; a word wrapped
/// across lines is closed at the end of each line so colour never runs into the borders.
pub fn highlight(table: &str) -> String {
    let mut out = String::with_capacity(table.len() + 64);
    for line in table.split_inclusive('\n') {
        let mut open = false;
        for c in line.chars() {
            match c {
                OPEN => {
                    out.push_str("\x1b[1;33m");
                    open = true;
                }
                CLOSE => {
                    out.push_str("\x1b[0m");
                    open = false;
                }
                '\n' if open => {
                    out.push_str("\x1b[0m\n");
                    open = false;
                }
                c => out.push(c),
            }
        }
        if open {
            out.push_str("\x1b[0m");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::table;

    #[test]
    fn marks_do_not_change_column_widths() {
        let snippet = Snippet {
            text: "keep Power BI tidy".to_owned(),
            marks: vec![(5, 10), (11, 13)],
        };
        let rows = |colour| vec![vec!["1".to_owned(), snippet_cell(&snippet, colour)]];
        let plain = table::render(&["#", "Snippet"], rows(false), None, true);
        let marked = table::render(&["#", "Snippet"], rows(true), None, true);
        let coloured = highlight(&marked);
        assert_eq!(
            coloured.replace("\x1b[1;33m", "").replace("\x1b[0m", ""),
            plain
        );
        assert!(coloured.contains("keep \x1b[1;33mPower\x1b[0m \x1b[1;33mBI\x1b[0m tidy"));
        assert!(!plain.contains('\x1b'));
    }
}
