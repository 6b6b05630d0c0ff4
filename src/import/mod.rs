//! `jdlib import`: a council's Word JD (.docx) as a library JD. `docx.rs` reads the
//! `WordprocessingML`, `markdown.rs` writes the body, `guess.rs` reads facts for the front
//! matter from the text. The result is a contribution draft, so `import` and
//! `contribute --from FILE.docx` fill in, check and write it the same way.

pub mod docx;
pub mod guess;
pub mod markdown;

use crate::contribute::draft::Draft;
use crate::library::roles::RoleRegistry;
pub use docx::DocxError;
pub use guess::Guess;

/// A Word document turned into a draft JD.
#[derive(Debug)]
pub struct Imported {
    /// The draft: the Markdown body with the guessed front matter.
    pub draft: Draft,
    /// What was guessed, for the contributor to confirm.
    pub guesses: Vec<Guess>,
    /// Council headings mapped onto the contract's sections, as (original, section).
    pub mapped: Vec<(String, &'static str)>,
}

/// Reads a .docx file's bytes into a draft named `name`.
pub fn import_docx(
    name: &str,
    bytes: &[u8],
    registry: &RoleRegistry,
) -> Result<Imported, DocxError> {
    let parsed = docx::parse(bytes)?;
    let converted = markdown::convert(&parsed.blocks, parsed.title.as_deref());
    let (fields, guesses) = guess::guess(&converted.lines, converted.title.as_deref(), registry);
    let mut draft = Draft::new(name);
    draft.set_body(converted.body);
    // Guesses never name an organisation, the only field `apply` can refuse.
    let _ = draft.apply(&fields, crate::library::register::Register::get());
    Ok(Imported {
        draft,
        guesses,
        mapped: converted.mapped,
    })
}

/// Whether a path names a Word document.
pub fn is_docx(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}
