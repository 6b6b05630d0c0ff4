//! `--format docx`: a Word document written by hand as `WordprocessingML` parts in a zip. The
//! package is the smallest that Word and `LibreOffice` open without a repair prompt, plus what a
//! council needs: styles, numbering, a footer with the licence credit, and document properties.
//! The same JD always gives the same bytes (no dates in the package or the zip entries).

mod body;
mod page;
mod parts;
mod run;
mod table;
mod xml;

use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;

use super::Export;
use super::facts::{capitalise, facts, model_note};
use super::licence::attribution;

/// Why a document could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum DocxWriteError {
    /// The zip writer failed (in memory, so only on a bug or exhausted memory).
    #[error("assembling the .docx package: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing a part into the archive failed.
    #[error("writing a part of the .docx package: {0}")]
    Io(#[from] std::io::Error),
}

/// The JD as the bytes of a .docx file.
pub fn write(export: &Export<'_>) -> Result<Vec<u8>, DocxWriteError> {
    let jd = export.jd;
    let front = &jd.front;
    let mut writer = body::Writer::default();
    writer.title(&front.title);
    writer.facts(&facts(jd, export.role_title));
    if let Some(note) = model_note(jd) {
        writer.note("Model JD. ", note);
    }
    writer.markdown(export.body);
    let body = writer.finish();

    let credit = attribution(jd);
    let mut keywords = vec![
        export.role_title.to_owned(),
        capitalise(front.level.as_str()),
        "job description".to_owned(),
    ];
    if let Some(a) = jd.authority {
        keywords.push(a.official_name.clone());
    }
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", parts::content_types()),
        ("_rels/.rels", parts::package_rels()),
        ("word/document.xml", parts::document(&body.xml)),
        (
            "word/_rels/document.xml.rels",
            parts::document_rels(&body.links),
        ),
        ("word/styles.xml", parts::styles()),
        ("word/numbering.xml", parts::numbering(&body.lists)),
        ("word/settings.xml", parts::settings()),
        ("word/footer1.xml", parts::footer(&credit)),
        (
            "docProps/core.xml",
            parts::core(
                &front.title,
                export.role_title,
                &keywords.join(", "),
                &credit,
            ),
        ),
        ("docProps/app.xml", parts::app()),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(16 * 1024)));
    // The fastest deflate level: the parts are small and repetitive, so it still shrinks them
    // about fivefold, at a fraction of the default level's time when a library is exported.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default());
    for (name, text) in &parts {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
