//! `--format md`: the body alone, for pasting into a web form. The front matter is left out,
//! blank lines at either end are dropped, and line endings become `\n`.

/// The body as clean Markdown ending in one newline.
pub fn body(body: &str) -> String {
    let text = body.replace("\r\n", "\n");
    let trimmed = text.trim_matches('\n').trim_end();
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_blank_lines_and_normalises_line_endings() {
        assert_eq!(
            body("\n\n## Purpose\r\n\r\nWhy.\r\n\n\n"),
            "## Purpose\n\nWhy.\n"
        );
        assert_eq!(body("\n  \n"), "");
    }
}
