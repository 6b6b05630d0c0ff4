//! Findings in the three formats `validate` and `lint` offer.

use std::io::Write;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{style, write_json};

/// One finding in `--format json`: `{path, line, column, severity, code, message}`.
#[derive(Debug, Serialize)]
pub struct DiagnosticRow<'a> {
    /// Path from the repository root.
    pub path: &'a str,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable rule code.
    pub code: &'static str,
    /// What is wrong.
    pub message: &'a str,
}

/// `path:line:col: error[CODE]: message`, one per line.
pub fn write_human(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    color: bool,
) -> anyhow::Result<()> {
    if !color {
        // Without colour nothing needs styling: one formatted write per finding, with no
        // intermediate strings (lint can print hundreds of thousands).
        for d in diagnostics {
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                d.path,
                d.line,
                d.column,
                d.severity.as_str(),
                d.code,
                d.message
            )?;
        }
        return Ok(());
    }
    for d in diagnostics {
        let label = format!("{}[{}]", d.severity.as_str(), d.code);
        let label = match d.severity {
            Severity::Error => style::error(&label, color),
            Severity::Warning => style::warning(&label, color),
        };
        let place = style::bold(&format!("{}:{}:{}", d.path, d.line, d.column), color);
        writeln!(out, "{place}: {label}: {}", d.message)?;
    }
    Ok(())
}

/// One JSON array.
pub fn write_json_array(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> anyhow::Result<()> {
    let rows: Vec<DiagnosticRow<'_>> = diagnostics
        .iter()
        .map(|d| DiagnosticRow {
            path: &d.path,
            line: d.line,
            column: d.column,
            severity: d.severity,
            code: d.code.as_str(),
            message: &d.message,
        })
        .collect();
    write_json(out, &rows)
}

/// GitHub Actions workflow commands, so each finding shows inline on the pull request.
pub fn write_github(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> anyhow::Result<()> {
    for d in diagnostics {
        writeln!(
            out,
            "::{} file={},line={},col={},title={}::{}",
            d.severity.as_str(),
            escape_property(&d.path),
            d.line,
            d.column,
            escape_property(d.code.as_str()),
            escape_data(&d.message)
        )?;
    }
    Ok(())
}

/// Escaping for a workflow command's message, per the runner's rules.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a workflow command's properties, which also reserve `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn github_commands_are_escaped() {
        let d = Diagnostic::error(
            "library/a,b/c.md",
            2,
            3,
            Code::InvalidValue,
            "50% off\nnext",
        );
        let mut out = Vec::new();
        write_github(&mut out, &[d]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=library/a%2Cb/c.md,line=2,col=3,title=invalid-value::50%25 off%0Anext\n"
        );
    }
}
