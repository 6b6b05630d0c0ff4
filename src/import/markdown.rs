//! Word blocks to Markdown: headings placed at the contract's levels with the usual council
//! headings mapped onto `Purpose`, `Responsibilities` and `Person specification`; nested lists;
//! bold and italic; tables as Markdown tables; the title taken out for the front matter.

use super::docx::{Block, Kind, Run};
use crate::library::sections::map_heading;

/// The body and what was learnt on the way.
#[derive(Debug, Default)]
pub struct Converted {
    /// Markdown body.
    pub body: String,
    /// The title: the Title style, else the first Heading 1, else a bold first line.
    pub title: Option<String>,
    /// Council headings mapped onto the contract's, as (original, section).
    pub mapped: Vec<(String, &'static str)>,
    /// Plain text of every paragraph and table row, in order, for guessing facts.
    pub lines: Vec<String>,
}

/// A paragraph that is really a heading: short, one line, every word bold, no full stop.
fn bold_heading(runs: &[Run]) -> Option<String> {
    let text = plain(runs);
    let visible: Vec<&Run> = runs.iter().filter(|r| !r.text.trim().is_empty()).collect();
    let words = text.split_whitespace().count();
    (!visible.is_empty()
        && visible.iter().all(|r| r.bold)
        && !text.contains('\n')
        && (1..=12).contains(&words)
        && text.chars().count() <= 100
        && !text.ends_with('.'))
    .then(|| text.trim_end_matches(':').trim().to_owned())
}

/// The text of runs, spaces tidied.
fn plain(runs: &[Run]) -> String {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    tidy(&text)
}

/// Normalises Word's spacing: non-breaking spaces and tabs become spaces, soft hyphens go,
/// runs of spaces collapse, and each line is trimmed.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut space = false;
        for c in line.trim().chars() {
            match c {
                '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' | ' ' => space = true,
                '\u{ad}' | '\u{200b}' => {}
                '\u{2011}' => {
                    flush(&mut out, &mut space);
                    out.push('-');
                }
                c => {
                    flush(&mut out, &mut space);
                    out.push(c);
                }
            }
        }
    }
    out.trim().to_owned()
}

fn flush(out: &mut String, space: &mut bool) {
    if *space && !out.is_empty() && !out.ends_with('\n') {
        out.push(' ');
    }
    *space = false;
}

/// Converts a document's blocks.
pub fn convert(blocks: &[Block], core_title: Option<&str>) -> Converted {
    let mut out = Converted::default();
    let mut parts: Vec<Part> = Vec::new();
    // Word headings as (level, text), read once for the level rule below.
    let headings: Vec<(u8, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para {
                kind: Kind::Heading(l),
                runs,
            } => Some((*l, plain(runs))),
            _ => None,
        })
        .filter(|(_, text)| !text.is_empty())
        .collect();
    let mapped_levels = headings
        .iter()
        .filter(|(_, text)| map_heading(text).is_some())
        .map(|(l, _)| *l);
    let word_levels = headings.iter().map(|(l, _)| *l);
    // The Word level that holds the contract's sections becomes `##`.
    let section_level = mapped_levels
        .min()
        .or_else(|| word_levels.filter(|l| *l > 1).min())
        .unwrap_or(2);
    let mut in_section = false;

    for (index, block) in blocks.iter().enumerate() {
        match block {
            Block::Table(rows) => {
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| cell_text(c, false)).collect();
                    out.lines.push(row_line(&cells));
                }
                parts.push(Part::Block(table(rows)));
            }
            Block::Para { kind, runs } => {
                let text = plain(runs);
                if text.is_empty() {
                    continue;
                }
                out.lines.push(text.clone());
                let title_free = out.title.is_none();
                match kind {
                    Kind::Title if title_free => out.title = Some(one_line(&text)),
                    Kind::Heading(1) if title_free && section_level > 1 => {
                        out.title = Some(one_line(&text));
                    }
                    Kind::Title | Kind::Heading(_) => {
                        let level = match kind {
                            Kind::Heading(l) => *l,
                            _ => 1,
                        };
                        let depth = if level <= section_level {
                            2
                        } else {
                            (level - section_level + 2).min(4)
                        };
                        in_section |= heading(&mut parts, &mut out, &text, depth);
                    }
                    Kind::Item { level, ordered } => parts.push(Part::Item {
                        level: *level,
                        ordered: *ordered,
                        text: inline(runs, false),
                    }),
                    Kind::Normal => {
                        if let Some(head) = bold_heading(runs) {
                            let first_text = blocks[..index].iter().all(|b| match b {
                                Block::Para { runs, .. } => plain(runs).is_empty(),
                                Block::Table(_) => false,
                            });
                            if title_free && first_text && core_title.is_none_or(|t| t == head) {
                                out.title = Some(head);
                                continue;
                            }
                            let depth = if map_heading(&head).is_some() || !in_section {
                                2
                            } else {
                                3
                            };
                            in_section |= heading(&mut parts, &mut out, &head, depth);
                        } else {
                            parts.push(Part::Block(inline(runs, true)));
                        }
                    }
                }
            }
        }
    }
    if out.title.is_none() {
        out.title = core_title.map(str::to_owned);
    }
    out.body = assemble(&parts);
    out
}

/// Adds a heading at `depth` (2 or more), mapped onto the contract where it names a section.
/// Returns whether it opened a contract section.
fn heading(parts: &mut Vec<Part>, out: &mut Converted, text: &str, depth: u8) -> bool {
    let text = one_line(text);
    let hashes = "#".repeat(usize::from(depth));
    // A section the document already has is not opened twice: a later "About the role" after
    // "Purpose" is a heading of its own.
    let fresh = |section: &str| !out.mapped.iter().any(|(_, s)| *s == section);
    if let Some((section, keep)) = map_heading(&text).filter(|(s, _)| fresh(s)) {
        out.mapped.push((text.clone(), section));
        parts.push(Part::Block(format!("## {section}")));
        if keep {
            parts.push(Part::Block(format!("### {}", escape(&text, false))));
        }
        true
    } else {
        parts.push(Part::Block(format!("{hashes} {}", escape(&text, false))));
        false
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

enum Part {
    Block(String),
    Item {
        level: u8,
        ordered: bool,
        text: String,
    },
}

/// Joins the parts: blank lines between blocks, list items together, nested by indent.
fn assemble(parts: &[Part]) -> String {
    let mut out = String::new();
    // Marker widths of the open list levels, to indent nested items under their parent's text.
    let mut widths: Vec<usize> = Vec::new();
    let mut previous_item = false;
    for part in parts {
        match part {
            Part::Block(text) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(text);
                out.push('\n');
                widths.clear();
                previous_item = false;
            }
            Part::Item {
                level,
                ordered,
                text,
            } => {
                if !out.is_empty() && !previous_item {
                    out.push('\n');
                }
                let level = usize::from(*level).min(widths.len());
                widths.truncate(level);
                let indent: usize = widths.iter().sum();
                let marker = if *ordered { "1. " } else { "- " };
                widths.push(marker.len());
                out.push_str(&" ".repeat(indent));
                out.push_str(marker);
                // A line break inside an item continues under its text.
                out.push_str(
                    &text.replace('\n', &format!("\n{}", " ".repeat(indent + marker.len()))),
                );
                out.push('\n');
                previous_item = true;
            }
        }
    }
    out
}

/// A paragraph's runs as Markdown. Bold and italic markers hug the words (spaces stay
/// outside), links become `[text](url)`, and a line break becomes a Markdown hard break
/// (`\` at the end of the line) when `breaks` is set, else a space.
fn inline(runs: &[Run], breaks: bool) -> String {
    // Merge neighbours with the same formatting so `**a** **b**` reads `**a b**`.
    let mut merged: Vec<Run> = Vec::new();
    for run in runs {
        match merged.last_mut() {
            Some(last)
                if last.bold == run.bold && last.italic == run.italic && last.link == run.link =>
            {
                last.text.push_str(&run.text);
            }
            _ => merged.push(run.clone()),
        }
    }
    let mut out = String::new();
    for run in &merged {
        let text = tidy_inline(&run.text);
        let core = text.trim();
        if core.is_empty() {
            if !text.is_empty() && !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            continue;
        }
        if text.starts_with(' ') && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        let mut piece = escape(core, out.is_empty());
        if let Some(url) = &run.link {
            piece = format!("[{piece}]({})", url.replace(' ', "%20").replace(')', "%29"));
        }
        let marker = match (run.bold, run.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "_",
            (false, false) => "",
        };
        out.push_str(marker);
        out.push_str(&piece);
        out.push_str(marker);
        if text.ends_with(' ') {
            out.push(' ');
        }
    }
    let out = out.trim().to_owned();
    if breaks {
        out.replace('\n', "\\\n")
    } else {
        one_line(&out)
    }
}

/// `tidy` for a run: keeps one leading and trailing space so runs join with the right spacing.
fn tidy_inline(text: &str) -> String {
    let lead = text.starts_with([' ', '\t', '\u{a0}']);
    let trail = text.ends_with([' ', '\t', '\u{a0}']);
    let core = tidy(text);
    format!(
        "{}{core}{}",
        if lead { " " } else { "" },
        if trail && !core.is_empty() { " " } else { "" }
    )
}

/// Escapes what Markdown would read as markup. `line_start` also guards characters that only
/// matter at the start of a line.
fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    if line_start {
        if out.starts_with(['#', '>', '+', '-', '=']) {
            out.insert(0, '\\');
        } else {
            // "1. text" would start a numbered list: escape the full stop.
            let digits = out.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &out.as_bytes()[digits..];
            if (1..=9).contains(&digits)
                && matches!(rest.first(), Some(b'.' | b')'))
                && matches!(rest.get(1), None | Some(b' '))
            {
                out.insert(digits, '\\');
            }
        }
    }
    out
}

/// A cell's paragraphs on one line.
fn cell_text(cell: &[Block], markdown: bool) -> String {
    let mut out = String::new();
    for block in cell {
        let text = match block {
            Block::Para { runs, .. } if markdown => inline(runs, false),
            Block::Para { runs, .. } => one_line(&plain(runs)),
            Block::Table(rows) => rows
                .iter()
                .flatten()
                .map(|c| cell_text(c, markdown))
                .collect::<Vec<_>>()
                .join("; "),
        };
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if out.ends_with(['.', ';', ':']) {
                " "
            } else {
                "; "
            });
        }
        out.push_str(&text);
    }
    out
}

/// A table row as one line of text. A row of two cells is a label and its value, as council
/// templates lay out their facts, so it reads "Grade: PO4"; other rows join their cells.
fn row_line(cells: &[String]) -> String {
    match cells {
        [label, value] if !label.is_empty() && !value.is_empty() => {
            format!("{}: {value}", label.trim_end_matches(':').trim_end())
        }
        _ => cells.join(" "),
    }
}

/// A Markdown table; the first row is the header. A one-column table is a list of paragraphs.
fn table(rows: &[Vec<Vec<Block>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = row.iter().map(|c| cell_text(c, true)).collect();
            cells.resize(width, String::new());
            cells
        })
        .filter(|row| row.iter().any(|c| !c.is_empty()))
        .collect();
    if width <= 1 {
        return cells
            .iter()
            .map(|r| r.concat())
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let line = |row: &[String]| format!("| {} |", row.join(" | "));
    let mut out = Vec::new();
    if let Some((header, rest)) = cells.split_first() {
        out.push(line(header));
        out.push(format!("|{}", "---|".repeat(width)));
        out.extend(rest.iter().map(|r| line(r)));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_is_opened_once() {
        let para = |kind, text: &str| Block::Para {
            kind,
            runs: vec![Run {
                text: text.to_owned(),
                bold: false,
                italic: false,
                link: None,
            }],
        };
        let blocks = [
            para(Kind::Title, "Officer"),
            para(Kind::Heading(1), "Purpose"),
            para(Kind::Normal, "Why."),
            para(Kind::Heading(1), "About the role"),
            para(Kind::Normal, "More."),
        ];
        let converted = convert(&blocks, None);
        assert_eq!(
            converted.body,
            "## Purpose\n\nWhy.\n\n## About the role\n\nMore.\n"
        );
    }

    #[test]
    fn two_cell_rows_read_as_label_and_value() {
        let cells = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(row_line(&cells(&["Grade:", "PO4"])), "Grade: PO4");
        assert_eq!(row_line(&cells(&["a", "b", "c"])), "a b c");
        assert_eq!(row_line(&cells(&["Grade", ""])), "Grade ");
    }

    #[test]
    fn escapes_markup_but_not_words() {
        assert_eq!(escape("a*b_c [x]", false), "a\\*b\\_c \\[x\\]");
        assert_eq!(escape("# not a heading", true), "\\# not a heading");
        assert_eq!(escape("1. not a list", true), "1\\. not a list");
        assert_eq!(escape("£36,000 – “quoted”", true), "£36,000 – “quoted”");
    }

    #[test]
    fn formatting_hugs_the_words() {
        let run = |t: &str, bold, italic| Run {
            text: t.to_owned(),
            bold,
            italic,
            link: None,
        };
        let runs = [
            run("Lead the ", false, false),
            run("monthly ", true, false),
            run("report", true, false),
            run(" and ", false, false),
            run("explain", false, true),
        ];
        assert_eq!(
            inline(&runs, true),
            "Lead the **monthly report** and _explain_"
        );
    }
}
