//! Tables: the facts table at the top and Markdown tables, with fixed column widths across the
//! text width, borders from the Table Grid style and a repeating header row.

use std::fmt::Write as _;

use super::page::TEXT_WIDTH;
use super::run::{Look, hyperlink, run};
use super::xml::push_escaped;
use crate::export::facts::Fact;

/// Width of the facts table's label column (5 cm).
const LABEL_WIDTH: u32 = 2835;

/// A Markdown table being read: its rows (whether a header row, the cells' XML), the row and
/// the cell being filled.
#[derive(Debug, Default)]
pub struct OpenTable {
    /// Columns declared by the delimiter row.
    pub columns: usize,
    /// Finished rows: header or not, and each cell's paragraphs.
    pub rows: Vec<(bool, Vec<String>)>,
    /// The row being read.
    pub row: Vec<String>,
    /// Inside the header row.
    pub head: bool,
    /// The cell being read.
    pub cell: Option<String>,
}

/// The facts as a two-column table, labels in bold; `link_id` gives a link's relationship.
pub fn facts(facts: &[Fact], link_id: &mut dyn FnMut(&str) -> usize) -> String {
    let mut xml = String::new();
    start(
        &mut xml,
        &[LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH],
        "Key facts",
    );
    for fact in facts {
        xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (width, i) in [(LABEL_WIDTH, 0), (TEXT_WIDTH - LABEL_WIDTH, 1)] {
            let _ = write!(
                xml,
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>"
            );
            if i == 0 {
                let bold = Look {
                    bold: true,
                    ..Look::default()
                };
                run(&mut xml, fact.label, bold);
            } else if let Some(url) = &fact.link {
                let id = link_id(url);
                hyperlink(&mut xml, id, &fact.value);
            } else {
                run(&mut xml, &fact.value, Look::default());
            }
            xml.push_str("</w:p></w:tc>");
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

fn start(out: &mut String, widths: &[u32], caption: &str) {
    out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"");
    let _ = write!(out, "{}", widths.iter().sum::<u32>());
    out.push_str("\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/><w:tblCaption w:val=\"");
    push_escaped(out, caption);
    out.push_str("\"/></w:tblPr><w:tblGrid>");
    for w in widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
}

#[allow(clippy::cast_possible_truncation)]
/// A Markdown table as a Word table, columns of equal width.
pub fn xml(table: &OpenTable) -> String {
    let columns = table
        .rows
        .iter()
        .map(|(_, r)| r.len())
        .max()
        .unwrap_or(0)
        .max(table.columns)
        .max(1);
    // Columns are few (a Markdown table a person wrote), so the width fits.
    let width = TEXT_WIDTH / columns as u32;
    let widths = vec![width; columns];
    let mut out = String::new();
    start(&mut out, &widths, "Table");
    for (head, row) in &table.rows {
        out.push_str("<w:tr>");
        if *head {
            out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for i in 0..columns {
            let _ = write!(
                out,
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
            );
            match row.get(i).filter(|c| !c.is_empty()) {
                Some(cell) => out.push_str(cell),
                None => out.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>"),
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}
