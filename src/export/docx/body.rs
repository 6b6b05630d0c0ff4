//! The document's body as `WordprocessingML`: the title, the facts table, the model note and
//! the JD's Markdown, walked with pulldown-cmark. Headings use the Heading 1–3 styles (the
//! body's highest heading is Heading 1), list items are paragraphs with numbering properties
//! (one numbering instance per list, so each numbered list starts at its own number), links
//! are hyperlinks through relationships, and Markdown tables are Word tables with a repeating
//! header row. Raw HTML in a body is written as text.

use std::fmt::Write as _;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::run::{self, Look};
use super::table;
use crate::export::facts::{Fact, is_web_address};

/// What the body needs from the other parts.
#[derive(Debug, Default)]
pub struct Body {
    /// The children of `<w:body>` before the section properties.
    pub xml: String,
    /// Hyperlink targets; the `n`th (from 1) is relationship `rIdLink{n}`.
    pub links: Vec<String>,
    /// Numbering instances; the `n`th (from 1) is `numId` n, with its first number.
    pub lists: Vec<List>,
}

/// One numbering instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct List {
    /// Numbered rather than bulleted.
    pub ordered: bool,
    /// The first number.
    pub start: u64,
}

#[derive(Debug, Default)]
struct Para {
    style: Option<&'static str>,
    num: Option<(usize, usize)>,
    indent: Option<usize>,
    runs: String,
}

#[derive(Clone, Copy, Debug, Default)]
struct Format {
    bold: u8,
    italic: u8,
    strike: u8,
    code: bool,
}

#[derive(Debug)]
struct OpenList {
    num_id: usize,
    /// The current item's first paragraph still has to carry the number.
    number_pending: bool,
}

/// Builds the body.
#[derive(Debug, Default)]
pub struct Writer {
    body: Body,
    para: Option<Para>,
    format: Format,
    link: Option<usize>,
    lists: Vec<OpenList>,
    table: Option<table::OpenTable>,
    quote: usize,
    code_block: bool,
    heading_shift: usize,
}

impl Writer {
    /// The document's title, in the Title style.
    pub fn title(&mut self, text: &str) {
        self.open(Para {
            style: Some("Title"),
            ..Para::default()
        });
        self.text(text);
        self.close();
    }

    /// A paragraph whose first words are bold.
    pub fn note(&mut self, bold: &str, rest: &str) {
        self.open(Para::default());
        self.format.bold += 1;
        self.text(bold);
        self.format.bold -= 1;
        self.text(rest);
        self.close();
    }

    /// The facts as a two-column table, labels in bold.
    pub fn facts(&mut self, facts: &[Fact]) {
        let xml = table::facts(facts, &mut |url| self.link_id(url));
        self.body.xml.push_str(&xml);
        // Word needs a paragraph between two tables, or it joins them.
        self.body.xml.push_str("<w:p/>");
    }

    /// A Markdown body.
    pub fn markdown(&mut self, markdown: &str) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let top = Parser::new_ext(markdown, options)
            .filter_map(|e| match e {
                Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        self.heading_shift = top - 1;
        for event in Parser::new_ext(markdown, options) {
            self.event(event);
        }
        self.close();
    }

    /// The body, ready for the other parts.
    pub fn finish(mut self) -> Body {
        self.close();
        // A document ends with a paragraph; Word adds one to a file that ends with a table.
        if self.body.xml.ends_with("</w:tbl>") || self.body.xml.is_empty() {
            self.body.xml.push_str("<w:p/>");
        }
        self.body
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                if self.code_block {
                    self.format.code = true;
                    self.text(text.trim_end_matches('\n'));
                    self.format.code = false;
                } else {
                    self.text(&text);
                }
            }
            Event::Code(text) => {
                self.format.code = true;
                self.text(&text);
                self.format.code = false;
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                self.ensure_para();
                if let Some(p) = self.para.as_mut() {
                    p.runs.push_str("<w:r><w:br/></w:r>");
                }
            }
            Event::Rule => {
                self.close();
                self.push_block("<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr></w:pPr></w:p>");
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.open_block_para(),
            Tag::Heading { level, .. } => {
                self.close();
                let n = (level as usize - self.heading_shift).clamp(1, 3);
                let style = match n {
                    1 => "Heading1",
                    2 => "Heading2",
                    _ => "Heading3",
                };
                self.open(Para {
                    style: Some(style),
                    ..Para::default()
                });
            }
            Tag::BlockQuote(_) => {
                self.close();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.open_block_para();
                self.code_block = true;
            }
            Tag::HtmlBlock => self.open_block_para(),
            Tag::List(start) => {
                self.close();
                self.body.lists.push(List {
                    ordered: start.is_some(),
                    start: start.unwrap_or(1),
                });
                self.lists.push(OpenList {
                    num_id: self.body.lists.len(),
                    number_pending: false,
                });
            }
            Tag::Item => {
                self.close();
                if let Some(list) = self.lists.last_mut() {
                    list.number_pending = true;
                }
            }
            Tag::Table(alignments) => {
                self.close();
                self.table = Some(table::OpenTable {
                    columns: alignments.len().max(1),
                    ..table::OpenTable::default()
                });
            }
            Tag::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.head = true;
                }
            }
            Tag::TableRow => {}
            Tag::TableCell => {
                if let Some(t) = self.table.as_mut() {
                    t.cell = Some(String::new());
                }
            }
            Tag::Emphasis => self.format.italic += 1,
            Tag::Strong => self.format.bold += 1,
            Tag::Strikethrough => self.format.strike += 1,
            Tag::Link { dest_url, .. } => {
                self.link = is_safe_link(&dest_url).then(|| self.link_id(&dest_url));
            }
            Tag::Image { .. } => self.text("[image: "),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::HtmlBlock => self.close(),
            TagEnd::CodeBlock => {
                self.close();
                self.code_block = false;
            }
            TagEnd::BlockQuote(_) => {
                self.close();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close();
                self.lists.pop();
            }
            TagEnd::Item => self.close(),
            TagEnd::TableCell => {
                self.close();
                if let Some(t) = self.table.as_mut() {
                    let cell = t.cell.take().unwrap_or_default();
                    t.row.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push((t.head, row));
                    t.head = false;
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.body.xml.push_str(&table::xml(&t));
                }
            }
            TagEnd::Emphasis => self.format.italic = self.format.italic.saturating_sub(1),
            TagEnd::Strong => self.format.bold = self.format.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.format.strike = self.format.strike.saturating_sub(1),
            TagEnd::Link => self.link = None,
            TagEnd::Image => self.text("]"),
            _ => {}
        }
    }

    fn link_id(&mut self, url: &str) -> usize {
        if let Some(i) = self.body.links.iter().position(|l| l == url) {
            return i + 1;
        }
        self.body.links.push(url.to_owned());
        self.body.links.len()
    }

    /// Opens a paragraph for a block in its context: a list item's first paragraph carries the
    /// number, later ones are indented to its text; a quote is in the Quote style.
    fn open_block_para(&mut self) {
        self.close();
        let mut para = Para::default();
        if self.table.as_ref().is_some_and(|t| t.cell.is_some()) {
            para.style = Some("TableText");
        } else if !self.lists.is_empty() {
            let level = self.lists.len() - 1;
            para.style = Some("ListParagraph");
            let open = &mut self.lists[level];
            if open.number_pending {
                para.num = Some((open.num_id, level));
                open.number_pending = false;
            } else {
                para.indent = Some(level);
            }
        } else if self.quote > 0 {
            para.style = Some("Quote");
        }
        self.open(para);
    }

    fn ensure_para(&mut self) {
        if self.para.is_none() {
            self.open_block_para();
        }
    }

    fn open(&mut self, para: Para) {
        self.close();
        self.para = Some(para);
    }

    fn close(&mut self) {
        let Some(para) = self.para.take() else {
            return;
        };
        let mut xml = String::from("<w:p>");
        if para.style.is_some() || para.num.is_some() || para.indent.is_some() {
            xml.push_str("<w:pPr>");
            if let Some(style) = para.style {
                let _ = write!(xml, "<w:pStyle w:val=\"{style}\"/>");
            }
            if let Some((num_id, level)) = para.num {
                let _ = write!(
                    xml,
                    "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num_id}\"/></w:numPr>"
                );
            }
            if let Some(level) = para.indent {
                let _ = write!(xml, "<w:ind w:left=\"{}\"/>", 720 * (level + 1));
            }
            xml.push_str("</w:pPr>");
        }
        xml.push_str(&para.runs);
        xml.push_str("</w:p>");
        self.push_block(&xml);
    }

    fn push_block(&mut self, xml: &str) {
        match self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.push_str(xml),
            None => self.body.xml.push_str(xml),
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ensure_para();
        let header = self.table.as_ref().is_some_and(|t| t.head);
        let f = self.format;
        let link = self.link;
        let Some(para) = self.para.as_mut() else {
            return;
        };
        let out = &mut para.runs;
        if let Some(id) = link {
            run::hyperlink(out, id, text);
        } else {
            let look = Look {
                bold: f.bold > 0 || header,
                italic: f.italic > 0,
                strike: f.strike > 0,
                code: f.code,
            };
            run::run(out, text, look);
        }
    }
}

/// Web and mail addresses become links; anything else (`javascript:`, relative paths that mean
/// nothing outside the library) stays as text.
fn is_safe_link(url: &str) -> bool {
    is_web_address(url) || url.trim_start().to_ascii_lowercase().starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(markdown: &str) -> Body {
        let mut writer = Writer::default();
        writer.markdown(markdown);
        writer.finish()
    }

    /// The body inside a document element, parsed: it must be well-formed XML.
    fn parses(xml: &str) {
        let doc = format!(
            "<w:document xmlns:w=\"urn:w\" xmlns:r=\"urn:r\"><w:body>{xml}</w:body></w:document>"
        );
        roxmltree::Document::parse(&doc).unwrap_or_else(|e| panic!("{e}: {doc}"));
    }

    #[test]
    fn hostile_text_stays_text_and_only_web_links_become_links() {
        let b = body(
            "## A <b>&amp; \"q\"\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](https://ok.example/?a=1&b=2) \u{0}\u{1b}\n",
        );
        parses(&b.xml);
        assert!(b.xml.contains("&lt;script&gt;"), "{}", b.xml);
        assert_eq!(b.links, vec!["https://ok.example/?a=1&b=2".to_owned()]);
        assert_eq!(b.xml.matches("<w:hyperlink").count(), 1, "{}", b.xml);
    }

    #[test]
    fn each_list_is_its_own_numbering_instance_at_its_depth() {
        let b = body("1. one\n2. two\n   - inner\n\ntext\n\n3. three\n");
        parses(&b.xml);
        assert_eq!(
            b.lists,
            vec![
                List {
                    ordered: true,
                    start: 1
                },
                List {
                    ordered: false,
                    start: 1
                },
                List {
                    ordered: true,
                    start: 3
                },
            ]
        );
        assert!(
            b.xml
                .contains("<w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/>"),
            "{}",
            b.xml
        );
    }

    #[test]
    fn the_highest_heading_is_heading_1_and_tables_keep_their_header_row() {
        let b =
            body("## Purpose\n\n### Detail\n\n#### Deeper\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        parses(&b.xml);
        for style in ["Heading1", "Heading2", "Heading3"] {
            assert!(
                b.xml.contains(&format!("<w:pStyle w:val=\"{style}\"/>")),
                "{style}"
            );
        }
        assert_eq!(b.xml.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(b.xml.matches("<w:tc>").count(), 4);
        assert!(
            b.xml.ends_with("<w:p/>"),
            "a document ends with a paragraph"
        );
    }
}
