//! `jdlib list`: the JDs, filtered and sorted, as a table, JSON or CSV.

use std::cmp::Ordering;
use std::path::PathBuf;

use crate::cli::{DataFormat, ListArgs, SortKey};
use crate::library::JobDescription;
use crate::library::front_matter::Basis;
use crate::output::rows::{ListCsvRow, ListRow};
use crate::output::{table, write_csv, write_json};
use crate::salary::format_pounds;
use crate::{Context, Outcome};

/// Runs `list`.
pub fn run(
    args: &ListArgs,
    library: Option<PathBuf>,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let lib = super::load(library, &args.rev, ctx)?;
    let selection = super::selection(&args.filters, &lib)?;
    let mut jds: Vec<&JobDescription> = lib
        .valid_jds()
        .filter(|jd| selection.matches(jd, &lib.registry))
        .collect();
    jds.sort_by(|a, b| compare(a, b, args.sort).then_with(|| a.path.cmp(&b.path)));
    super::note_skipped(&lib, ctx)?;
    match args.format {
        DataFormat::Json => {
            let rows: Vec<ListRow<'_>> = jds
                .iter()
                .map(|jd| ListRow::new(jd, &lib.registry))
                .collect();
            write_json(ctx.out, &rows)?;
        }
        DataFormat::Csv => {
            let rows: Vec<ListCsvRow<'_>> = jds
                .iter()
                .map(|jd| ListRow::new(jd, &lib.registry).into())
                .collect();
            write_csv(ctx.out, &rows)?;
        }
        DataFormat::Table => {
            let rows = jds.iter().map(|jd| table_row(jd)).collect();
            let header = [
                "Title",
                "Role",
                "Level",
                "Council",
                "Advertised",
                "Annual FTE",
                "Path",
            ];
            write!(
                ctx.out,
                "{}",
                table::render(&header, rows, ctx.width, ctx.unicode)
            )?;
            let indicative = jds.iter().any(|jd| {
                jd.front
                    .salary
                    .as_ref()
                    .is_some_and(|s| s.basis == Basis::Indicative)
            });
            writeln!(
                ctx.err,
                "{} JD{}{}",
                jds.len(),
                super::plural(jds.len()),
                if indicative {
                    "; * marks indicative pay written for a model JD, not a real advert"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(Outcome::Success)
}

fn table_row(jd: &JobDescription) -> Vec<String> {
    vec![
        jd.front.title.clone(),
        jd.front.role.clone(),
        jd.front.level.to_string(),
        jd.authority
            .map_or_else(|| "—".to_owned(), |a| a.short_name.clone()),
        jd.advertised
            .map_or_else(|| "—".to_owned(), |d| d.to_string()),
        pay_cell(jd),
        jd.path.clone(),
    ]
}

/// Annual FTE pay as a table shows it: `£50,000–£57,000`, `*` when indicative.
pub(super) fn pay_cell(jd: &JobDescription) -> String {
    match (&jd.front.salary, jd.annual) {
        (Some(s), Some((lo, hi))) => {
            let mark = if s.basis == Basis::Indicative {
                "*"
            } else {
                ""
            };
            if (hi - lo).abs() < 0.5 {
                format!("{}{mark}", format_pounds(lo))
            } else {
                format!("{}–{}{mark}", format_pounds(lo), format_pounds(hi))
            }
        }
        _ => String::new(),
    }
}

fn compare(a: &JobDescription, b: &JobDescription, key: SortKey) -> Ordering {
    use std::cmp::Reverse;
    match key {
        SortKey::Title => a
            .front
            .title
            .to_lowercase()
            .cmp(&b.front.title.to_lowercase()),
        SortKey::Role => a
            .front
            .role
            .cmp(&b.front.role)
            .then(a.front.level.cmp(&b.front.level)),
        SortKey::Level => a.front.level.cmp(&b.front.level),
        SortKey::Organisation => missing_last(
            a.authority.map(|x| x.short_name.to_lowercase()),
            b.authority.map(|x| x.short_name.to_lowercase()),
            Ord::cmp,
        ),
        SortKey::Advertised => missing_last(
            a.advertised.map(Reverse),
            b.advertised.map(Reverse),
            Ord::cmp,
        ),
        SortKey::Salary => missing_last(a.annual, b.annual, |x, y| y.0.total_cmp(&x.0)),
    }
}

/// Orders by `cmp`, with JDs lacking the value (model JDs have no council or date) last.
fn missing_last<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => cmp(&x, &y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
