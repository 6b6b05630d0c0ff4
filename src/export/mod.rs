//! `jdlib export`: a JD as a file to reuse outside the library. `docx/` writes a Word document
//! (`WordprocessingML` by hand into the `zip` crate the importer already uses), `markdown.rs`
//! the bare body, `html.rs` one standalone page. `facts.rs` and `licence.rs` hold what every
//! format says about the JD besides its body: the facts table, the model-JD note, the credit.
//!
//! The Word document is written so that `jdlib import` reads it back: the title in the Title
//! style, the body's headings as Heading 1–3, lists as numbered paragraphs, and the facts as a
//! labelled two-column table whose rows import's guesses recognise.

pub mod docx;
pub mod facts;
pub mod html;
pub mod licence;
pub mod markdown;

use crate::library::JobDescription;

/// One JD to export.
#[derive(Clone, Copy, Debug)]
pub struct Export<'a> {
    /// The JD's front matter and derived facts.
    pub jd: &'a JobDescription,
    /// Its Markdown body (front matter removed).
    pub body: &'a str,
    /// The role's title from the registry, or the role id when the registry lacks it.
    pub role_title: &'a str,
}
