//! Everything that turns results into bytes: tables, JSON, CSV, diagnostics, and Markdown for
//! the terminal. Commands build row structs here; domain types are never serialised directly.

pub mod chart;
pub mod diagnostics;
pub mod markdown;
pub mod rows;
pub mod salaries;
pub mod search;
pub mod table;

use std::io::Write;

use serde::Serialize;

/// Writes one pretty JSON document and a final newline.
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> anyhow::Result<()> {
    // Converting keeps an I/O failure an `io::Error`, so `main` can spot a closed pipe.
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// Writes CSV with a header row from the rows' field names.
pub fn write_csv<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        writer.serialize(row).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => anyhow::Error::from(io),
            other => anyhow::anyhow!("writing CSV: {other:?}"),
        })?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes a header and rows of text cells as CSV.
pub fn write_csv_records(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<String>],
) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        writer
            .write_record(record)
            .map_err(|e| match e.into_kind() {
                csv::ErrorKind::Io(io) => anyhow::Error::from(io),
                other => anyhow::anyhow!("writing CSV: {other:?}"),
            })?;
    }
    writer.flush()?;
    Ok(())
}

/// ANSI styling, applied only when colour is on.
pub mod style {
    /// Bold text.
    pub fn bold(text: &str, on: bool) -> String {
        wrap(text, "1", on)
    }
    /// Red bold, for errors.
    pub fn error(text: &str, on: bool) -> String {
        wrap(text, "1;31", on)
    }
    /// Yellow bold, for warnings.
    pub fn warning(text: &str, on: bool) -> String {
        wrap(text, "1;33", on)
    }
    /// Dim, for secondary details.
    pub fn dim(text: &str, on: bool) -> String {
        wrap(text, "2", on)
    }
    /// Italic.
    pub fn italic(text: &str, on: bool) -> String {
        wrap(text, "3", on)
    }

    fn wrap(text: &str, code: &str, on: bool) -> String {
        if on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}
