//! `jdlib salaries`: what councils advertise for each role, level, region or year, as tables,
//! data and charts, with every figure traceable to the JDs behind it.

use std::path::PathBuf;

use anyhow::{Context as _, bail};

use crate::cli::{BasisArg, SalariesArgs, SalaryFormat};
use crate::library::JobDescription;
use crate::library::front_matter::{Basis, Period};
use crate::output::chart::{self, Row};
use crate::output::salaries::{self as out, GroupRow, VersionRow};
use crate::output::{style, table, write_json};
use crate::salary::format_pounds;
use crate::salary::group::{self, Group};
use crate::{Context, Outcome};

/// Runs `salaries`.
pub fn run(
    args: &SalariesArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    if args.chart && args.format != SalaryFormat::Table {
        // The chart is drawn on stdout; it would break a JSON, CSV or Markdown document.
        bail!(
            "--chart draws in the terminal, so it only goes with --format table; use --svg FILE to keep a chart beside data"
        );
    }
    let lib = super::load(library, &args.rev, ctx)?;
    let selection = super::selection(&args.filters, &lib)?;
    let wanted =
        |jd: &&JobDescription| match (args.basis, jd.front.salary.as_ref().map(|s| s.basis)) {
            (BasisArg::All, _) | (_, None) => true,
            (BasisArg::Advertised, Some(b)) => b == Basis::Advertised,
            (BasisArg::Indicative, Some(b)) => b == Basis::Indicative,
        };
    let jds: Vec<&JobDescription> = lib
        .valid_jds()
        .filter(|jd| selection.matches(jd, &lib.registry))
        .filter(wanted)
        .collect();
    let keys = &args.by.0;
    let grouping = group::group(jds, keys, &lib.registry);
    super::note_skipped(&lib, ctx)?;
    if grouping.without_salary > 0 {
        writeln!(
            ctx.err,
            "jdlib: {} JD{} without a salary not counted",
            grouping.without_salary,
            super::plural(grouping.without_salary)
        )?;
    }
    for (key, n) in &grouping.left_out {
        writeln!(
            ctx.err,
            "jdlib: {n} JD{} with no {key} left out of the grouping (model JDs have no council, region or advert date)",
            super::plural(*n)
        )?;
    }
    let groups = &grouping.groups;
    match args.format {
        SalaryFormat::Json => {
            let rows: Vec<GroupRow<'_>> = groups
                .iter()
                .map(|g| GroupRow::new(keys, g, args.explain))
                .collect();
            write_json(ctx.out, &rows)?;
        }
        SalaryFormat::Csv => {
            let (header, rows) = out::csv_rows(keys, groups);
            crate::output::write_csv_records(ctx.out, &header, &rows)?;
        }
        SalaryFormat::Markdown => write!(ctx.out, "{}", out::markdown(keys, groups))?,
        SalaryFormat::Table => {
            let header = out::table_header(keys);
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let rows = groups.iter().map(|g| out::table_cells(g)).collect();
            write!(
                ctx.out,
                "{}",
                table::render(&header, rows, ctx.width, ctx.unicode)
            )?;
            if args.explain {
                explain(groups, ctx)?;
            }
        }
    }
    if args.chart || args.svg.is_some() {
        let rows: Vec<Row> = groups
            .iter()
            .map(|g| Row {
                label: g
                    .key
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" · "),
                n: g.jds.len(),
                basis: out::basis_counts(g),
                spread: g.spread,
            })
            .collect();
        if args.chart {
            let width = usize::from(ctx.width.unwrap_or(100));
            writeln!(ctx.out)?;
            write!(ctx.out, "{}", chart::terminal(&rows, width, ctx.unicode))?;
        }
        if let Some(path) = &args.svg {
            let by: Vec<&str> = keys.iter().map(|k| k.name()).collect();
            let title = format!("Annual FTE pay by {}", by.join(" and "));
            crate::atomic::replace(path, chart::svg(&rows, &title).as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            writeln!(ctx.err, "jdlib: wrote {}", path.display())?;
        }
    }
    writeln!(
        ctx.err,
        "{} group{}",
        groups.len(),
        super::plural(groups.len())
    )?;
    Ok(Outcome::Success)
}

/// The versions behind each group, with their figures as written and as annualised.
fn explain(groups: &[Group<'_>], ctx: &mut Context<'_>) -> anyhow::Result<()> {
    for g in groups {
        let label = g
            .key
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" · ");
        writeln!(ctx.out)?;
        writeln!(
            ctx.out,
            "{} ({})",
            style::bold(&label, ctx.color_out),
            out::basis_counts(g)
        )?;
        let rows = g
            .jds
            .iter()
            .filter_map(|jd| VersionRow::new(jd))
            .map(|v| {
                // Hourly and daily rates keep their pence, as adverts write them.
                let money = |x: f64| {
                    if v.period == Period::Year.as_str() {
                        format_pounds(x)
                    } else {
                        format!("£{x:.2}")
                    }
                };
                vec![
                    v.path.to_owned(),
                    v.basis.to_owned(),
                    format!("{}–{} per {}", money(v.min), money(v.max), v.period),
                    format!("{} h ({})", v.hours_per_week, v.hours_source),
                    v.grade.unwrap_or("—").to_owned(),
                    format!(
                        "{}–{}",
                        format_pounds(v.annual_min),
                        format_pounds(v.annual_max)
                    ),
                    format_pounds(v.midpoint),
                ]
            })
            .collect();
        let header = [
            "Path",
            "Basis",
            "As written",
            "Full-time week",
            "Grade",
            "Annual FTE",
            "Midpoint",
        ];
        write!(
            ctx.out,
            "{}",
            table::render(&header, rows, ctx.width, ctx.unicode)
        )?;
    }
    Ok(())
}
