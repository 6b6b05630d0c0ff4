//! Runs: a stretch of text with one look (bold, italic, struck, code) or a hyperlink, with line
//! breaks as `<w:br/>` and the text escaped.

use std::fmt::Write as _;

use super::xml::push_escaped;

/// How a run looks.
#[derive(Clone, Copy, Debug, Default)]
#[allow(clippy::struct_excessive_bools)]
pub struct Look {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Struck through.
    pub strike: bool,
    /// Program code, in a fixed-width font.
    pub code: bool,
}

/// One run; line breaks in `text` become `<w:br/>`.
pub fn run(out: &mut String, text: &str, look: Look) {
    let Look {
        bold,
        italic,
        strike,
        code,
    } = look;
    out.push_str("<w:r>");
    if bold || italic || strike || code {
        out.push_str("<w:rPr>");
        if code {
            out.push_str("<w:rStyle w:val=\"CodeChar\"/>");
        }
        if bold {
            out.push_str("<w:b/>");
        }
        if italic {
            out.push_str("<w:i/>");
        }
        if strike {
            out.push_str("<w:strike/>");
        }
        out.push_str("</w:rPr>");
    }
    text_elements(out, text);
    out.push_str("</w:r>");
}

/// A run in the Hyperlink style inside a hyperlink to relationship `rIdLink{id}`.
pub fn hyperlink(out: &mut String, id: usize, text: &str) {
    let _ = write!(
        out,
        "<w:hyperlink r:id=\"rIdLink{id}\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr>"
    );
    text_elements(out, text);
    out.push_str("</w:r></w:hyperlink>");
}

fn text_elements(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        if !line.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            push_escaped(out, line);
            out.push_str("</w:t>");
        }
    }
}
