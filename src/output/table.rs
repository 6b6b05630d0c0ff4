//! Tables for people, sized to the terminal (the one file that uses comfy-table).

use comfy_table::{ContentArrangement, Table, presets};

/// Renders a table with a header row. With a terminal width, long cells wrap to fit it;
/// `unicode` false draws the borders in ASCII.
pub fn render(
    header: &[&str],
    rows: Vec<Vec<String>>,
    width: Option<u16>,
    unicode: bool,
) -> String {
    let mut table = Table::new();
    table.load_style(if unicode {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::ASCII_FULL_CONDENSED
    });
    match width {
        Some(w) => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(w);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table.set_header(header.iter().copied());
    for row in rows {
        table.add_row(row);
    }
    format!("{table}\n")
}
