//! Writing HTML safely, for every page jdlib makes (the site's pages and `export --format
//! html`): escaping, and the GOV.UK Design System's summary list and table patterns (without its
//! brand). Every value from a JD goes through [`escape`] or [`attr`].

use std::fmt::Write as _;

/// Escapes text for an element's content or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` escaped.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Escapes a value for a double-quoted attribute (the same rules as text).
pub fn attr(text: &str) -> String {
    escape(text)
}

/// Percent-encodes a query-string value.
pub fn query_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// A GOV.UK-style summary list: `(key, value HTML)` rows. Values are HTML the caller escaped.
pub fn summary_list(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<dl class=\"summary-list\">\n");
    for (key, value) in rows {
        let _ = writeln!(
            out,
            "<div class=\"summary-list__row\"><dt>{}</dt><dd>{value}</dd></div>",
            escape(key)
        );
    }
    out.push_str("</dl>\n");
    out
}

/// A table in its own labelled scrolling region, so a wide table scrolls by itself instead of
/// the page at 320 px. `head` and `rows` are HTML cells the caller escaped; the first cell of
/// each row is a row header, and the columns in `numeric` are aligned right.
pub fn table(caption: &str, head: &[&str], rows: &[Vec<String>], numeric: &[usize]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<div class=\"table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">",
        attr(caption)
    );
    let _ = writeln!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(caption)
    );
    for (i, h) in head.iter().enumerate() {
        let class = if numeric.contains(&i) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{cell}</th>");
            } else if numeric.contains(&i) {
                let _ = write!(out, "<td class=\"num\">{cell}</td>");
            } else {
                let _ = write!(out, "<td>{cell}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(query_encode("a b&c/é"), "a%20b%26c%2F%C3%A9");
    }
}
