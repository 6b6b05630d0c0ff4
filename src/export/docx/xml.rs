//! Escaping for the XML parts. Contributor text is untrusted: markup characters are escaped and
//! characters XML 1.0 forbids (most control characters, lone surrogates cannot occur in a
//! `str`, and U+FFFE/U+FFFF) are dropped, since one of them makes Word refuse the file.

/// Appends `text` escaped for element content or a double-quoted attribute.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

/// The XML 1.0 `Char` production.
fn is_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c'\u{0}\u{1b}d\u{FFFF}é"),
            "a&lt;b&gt;&amp;&quot;c&apos;dé"
        );
    }
}
