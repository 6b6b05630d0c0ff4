//! Salary groups as a page shows them: the same range chart as `salaries --svg`, inline with a
//! text alternative, followed by the figures as a table (n beside every figure, small groups
//! marked), so nothing is only in the picture.

use std::fmt::Write as _;

use crate::output::chart::{self, Row};
use crate::output::salaries::basis_counts;
use crate::salary::format_pounds;
use crate::salary::group::Group;

use super::html::{self, escape};

/// Groups smaller than this are marked "few data", as in `jdlib salaries`.
const FEW: usize = 3;

/// A chart and its table for `groups`, under `caption`. `id` makes the chart's label unique on
/// the page.
pub fn block(groups: &[Group<'_>], caption: &str, id: &str) -> String {
    if groups.is_empty() {
        return format!("<p>No pay figures for {} yet.</p>\n", escape(caption));
    }
    let rows: Vec<Row> = groups
        .iter()
        .map(|g| Row {
            label: label(g),
            n: g.jds.len(),
            basis: basis_counts(g),
            spread: g.spread,
        })
        .collect();
    let mut out = String::new();
    let svg = chart::svg(&rows, caption);
    // The chart is a picture of the table below it; screen readers get a summary and the table.
    let svg = svg.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-labelledby=\"{id}-alt\" class=\"chart\" preserveAspectRatio=\"xMinYMin meet\" "
        ),
        1,
    );
    let svg = svg.replacen(
        ">\n",
        &format!(
            ">\n<title id=\"{id}-alt\">{}: a range chart of annual full-time-equivalent pay. The same figures are in the table that follows.</title>\n",
            escape(caption)
        ),
        1,
    );
    // On a narrow screen the chart keeps a readable size and scrolls in its own region.
    let _ = writeln!(
        out,
        "<figure class=\"chart-figure\" role=\"region\" aria-label=\"{}: chart\" tabindex=\"0\">",
        html::attr(caption)
    );
    out.push_str(&svg);
    out.push_str("</figure>\n");
    let table_rows: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let few = if g.jds.len() < FEW {
                " <span class=\"tag\">few data</span>"
            } else {
                ""
            };
            vec![
                format!("{}{few}", escape(&label(g))),
                g.jds.len().to_string(),
                format_pounds(g.spread.min),
                format_pounds(g.spread.p25),
                format_pounds(g.spread.median),
                format_pounds(g.spread.p75),
                format_pounds(g.spread.max),
                escape(&basis_counts(g)),
            ]
        })
        .collect();
    out.push_str(&html::table(
        &format!("{caption}: figures"),
        &[
            "Group",
            "n",
            "Lowest minimum",
            "25th percentile",
            "Median",
            "75th percentile",
            "Highest maximum",
            "Basis",
        ],
        &table_rows,
        &[1, 2, 3, 4, 5, 6],
    ));
    out
}

fn label(g: &Group<'_>) -> String {
    let mut s = String::new();
    for (i, k) in g.key.iter().enumerate() {
        if i > 0 {
            s.push_str(" · ");
        }
        let _ = write!(s, "{k}");
    }
    s
}
