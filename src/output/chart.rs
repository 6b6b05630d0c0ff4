//! Range charts of salary groups on one shared £ axis: in the terminal (`salaries --chart`) and
//! as a standalone SVG (`salaries --svg FILE`). Each group shows a line from its lowest minimum
//! to its highest maximum, a box from the 25th to the 75th percentile of midpoints, and a mark
//! at the median. Written by hand: a plotting crate would add more than it saves for one shape.

use std::fmt::Write as _;

use crate::salary::format_pounds;
use crate::salary::stats::Spread;

/// One row of a chart.
pub struct Row {
    /// What the row is (the group's key, joined).
    pub label: String,
    /// Group size.
    pub n: usize,
    /// How many figures are advertised and how many indicative, in words.
    pub basis: String,
    /// The figures.
    pub spread: Spread,
}

/// A £ axis: its ends and tick positions, at round numbers.
struct Axis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Axis {
    fn new(rows: &[Row], ticks_wanted: f64) -> Axis {
        let lo = rows
            .iter()
            .map(|r| r.spread.min)
            .fold(f64::INFINITY, f64::min);
        let hi = rows
            .iter()
            .map(|r| r.spread.max)
            .fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = if lo.is_finite() && hi > lo {
            (lo, hi)
        } else {
            (lo - 1000.0, lo + 1000.0)
        };
        let raw = (hi - lo) / ticks_wanted;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        let lo = (lo / step).floor() * step;
        let hi = (hi / step).ceil() * step;
        let mut ticks = Vec::new();
        let mut t = lo;
        while t <= hi + step / 2.0 {
            ticks.push(t);
            t += step;
        }
        Axis { lo, hi, ticks }
    }

    /// Where `value` falls on `0..=width`.
    fn place(&self, value: f64, width: f64) -> f64 {
        (value - self.lo) / (self.hi - self.lo) * width
    }
}

/// `£45k`, `£1.2m`: short tick labels.
fn short_pounds(v: f64) -> String {
    if v >= 1_000_000.0 {
        format!("£{:.1}m", v / 1_000_000.0)
    } else if v >= 1000.0 && (v % 1000.0).abs() < 0.5 {
        format!("£{:.0}k", v / 1000.0)
    } else if v >= 1000.0 {
        format!("£{:.1}k", v / 1000.0)
    } else {
        format_pounds(v)
    }
}

/// The chart drawn with characters, `width` columns wide. `unicode` false gives plain ASCII.
pub fn terminal(rows: &[Row], width: usize, unicode: bool) -> String {
    let labels: Vec<String> = rows
        .iter()
        .map(|r| format!("{} (n={})", r.label, r.n))
        .collect();
    let label_width = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let plot = width.saturating_sub(label_width + 3).max(20);
    let axis = Axis::new(rows, (plot / 12).max(2) as f64);
    let (line, boxed, median, tick, rule, side, corner) = if unicode {
        ('─', '█', '┃', '┴', '─', '│', '└')
    } else {
        ('-', '=', '|', '+', '-', '|', '+')
    };
    // Cells are whole columns: round a £ value to the nearest one.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let col = |v: f64| axis.place(v, (plot - 1) as f64).round().max(0.0) as usize;
    let mut out = String::new();
    for (row, label) in rows.iter().zip(&labels) {
        let mut cells = vec![' '; plot];
        let s = row.spread;
        for cell in cells.iter_mut().take(col(s.max) + 1).skip(col(s.min)) {
            *cell = line;
        }
        for cell in cells.iter_mut().take(col(s.p75) + 1).skip(col(s.p25)) {
            *cell = boxed;
        }
        cells[col(s.median).min(plot - 1)] = median;
        let label: String = label.chars().take(label_width).collect();
        let bar: String = cells.into_iter().collect();
        let _ = writeln!(out, "{label:>label_width$} {side} {}", bar.trim_end());
    }
    let mut axis_line = vec![rule; plot];
    let mut tick_labels = vec![' '; plot + 8];
    for &t in &axis.ticks {
        let c = col(t).min(plot - 1);
        axis_line[c] = tick;
        // `£` is not ASCII; a plain terminal gets bare numbers and a note that they are pounds.
        let text = if unicode {
            short_pounds(t)
        } else {
            short_pounds(t).replace('£', "")
        };
        let start = c.saturating_sub(text.chars().count() / 2);
        if tick_labels[start..]
            .iter()
            .take(text.chars().count() + 1)
            .all(|c| *c == ' ')
        {
            for (i, ch) in text.chars().enumerate() {
                if let Some(cell) = tick_labels.get_mut(start + i) {
                    *cell = ch;
                }
            }
        }
    }
    let pad = " ".repeat(label_width);
    let _ = writeln!(
        out,
        "{pad} {corner}{}",
        axis_line.into_iter().collect::<String>()
    );
    let _ = writeln!(
        out,
        "{pad}  {}",
        tick_labels.into_iter().collect::<String>().trim_end()
    );
    let legend = if unicode {
        "─ lowest minimum to highest maximum   █ middle half of midpoints (p25–p75)   ┃ median"
    } else {
        "- lowest minimum to highest maximum   = middle half of midpoints (p25-p75)   | median   (GBP a year)"
    };
    let _ = writeln!(out, "{pad}  {legend}");
    out
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart as a standalone SVG document.
pub fn svg(rows: &[Row], title: &str) -> String {
    const WIDTH: f64 = 960.0;
    const ROW: f64 = 34.0;
    const TOP: f64 = 64.0;
    const LABEL: f64 = 300.0;
    const RIGHT: f64 = 40.0;
    let plot = WIDTH - LABEL - RIGHT;
    let axis = Axis::new(rows, 6.0);
    let height = TOP + ROW * rows.len() as f64 + 86.0;
    let x = |v: f64| LABEL + axis.place(v, plot);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" font-size="13">"#
    );
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r##"<text x="20" y="30" font-size="17" font-weight="bold" fill="#0b0c0c">{}</text>"##,
        escape_xml(title)
    );
    let _ = writeln!(
        out,
        r##"<text x="20" y="50" fill="#505a5f">Annual full-time-equivalent pay. n = JDs in the group; groups under 3 are marked “few data”.</text>"##
    );
    let bottom = TOP + ROW * rows.len() as f64;
    for &t in &axis.ticks {
        let tx = x(t);
        let _ = writeln!(
            out,
            r##"<line x1="{tx:.1}" y1="{TOP}" x2="{tx:.1}" y2="{bottom}" stroke="#e5e6e7"/><text x="{tx:.1}" y="{:.1}" text-anchor="middle" fill="#0b0c0c">{}</text>"##,
            bottom + 18.0,
            escape_xml(&short_pounds(t))
        );
    }
    let _ = writeln!(
        out,
        r##"<line x1="{LABEL}" y1="{bottom}" x2="{:.1}" y2="{bottom}" stroke="#0b0c0c"/>"##,
        LABEL + plot
    );
    for (i, row) in rows.iter().enumerate() {
        let cy = TOP + ROW * i as f64 + ROW / 2.0;
        let s = row.spread;
        let few = if row.n < 3 { ", few data" } else { "" };
        let basis = escape_xml(&row.basis);
        let fill = if row.n < 3 { "#b1b4b6" } else { "#1d70b8" };
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#0b0c0c">{} <tspan fill="#505a5f">(n={}{few})</tspan><title>{basis}</title></text>"##,
            LABEL - 12.0,
            cy + 4.5,
            escape_xml(&row.label),
            row.n
        );
        let _ = writeln!(
            out,
            r##"<line x1="{:.1}" y1="{cy:.1}" x2="{:.1}" y2="{cy:.1}" stroke="#505a5f" stroke-width="2"><title>{} to {}</title></line>"##,
            x(s.min),
            x(s.max),
            format_pounds(s.min),
            format_pounds(s.max)
        );
        let _ = writeln!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="16" fill="{fill}" rx="2"><title>p25 {} to p75 {}</title></rect>"#,
            x(s.p25),
            cy - 8.0,
            (x(s.p75) - x(s.p25)).max(2.0),
            format_pounds(s.p25),
            format_pounds(s.p75)
        );
        let _ = writeln!(
            out,
            r##"<line x1="{mx:.1}" y1="{:.1}" x2="{mx:.1}" y2="{:.1}" stroke="#0b0c0c" stroke-width="3"><title>median {}</title></line>"##,
            cy - 11.0,
            cy + 11.0,
            format_pounds(s.median),
            mx = x(s.median)
        );
    }
    let _ = writeln!(
        out,
        r##"<text x="20" y="{:.1}" fill="#505a5f">Line: lowest minimum to highest maximum. Box: 25th to 75th percentile of midpoints. Bar: median.</text>"##,
        bottom + 48.0
    );
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Row> {
        vec![
            Row {
                label: "data-analyst".into(),
                n: 4,
                basis: "3 advertised, 1 indicative".into(),
                spread: Spread {
                    min: 30_000.0,
                    p25: 35_000.0,
                    median: 40_000.0,
                    p75: 45_000.0,
                    max: 60_000.0,
                },
            },
            Row {
                label: "data-engineer".into(),
                n: 1,
                basis: "1 advertised".into(),
                spread: Spread {
                    min: 50_000.0,
                    p25: 55_000.0,
                    median: 55_000.0,
                    p75: 55_000.0,
                    max: 60_000.0,
                },
            },
        ]
    }

    #[test]
    fn terminal_chart_places_marks_on_a_shared_axis() {
        let text = terminal(&rows(), 60, false);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with(" data-analyst (n=4) | -"), "{text}");
        let first = lines[0].find('|').unwrap();
        let median = lines[0][first + 1..].find('|').unwrap();
        let box_start = lines[0].find('=').unwrap();
        assert!(
            box_start < first + 1 + median,
            "median left of the box: {text}"
        );
        // The engineer's range starts where the analyst's median is, further right.
        let bar_start = lines[1].find('|').unwrap();
        let eng_start = bar_start + lines[1][bar_start..].find('-').unwrap();
        assert!(eng_start > box_start, "{text}");
        assert!(text.contains(" 30k") && text.contains(" 60k"), "{text}");
        assert!(text.is_ascii(), "{text}");
        let fancy = terminal(&rows(), 60, true);
        assert!(fancy.contains('█') && fancy.contains("£30k"), "{fancy}");
    }

    #[test]
    fn svg_is_a_standalone_document_with_labels_and_n() {
        let doc = svg(&rows(), "Pay by role <test>");
        assert!(doc.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(doc.trim_end().ends_with("</svg>"));
        assert!(doc.contains("Pay by role &lt;test&gt;"));
        assert!(doc.contains("(n=4)") && doc.contains("(n=1, few data)"));
        assert!(doc.contains("<title>3 advertised, 1 indicative</title>"));
        assert!(doc.contains("£40k") || doc.contains("£40.0k"), "{doc}");
        assert_eq!(doc.matches("<rect x=").count(), 2);
    }
}
