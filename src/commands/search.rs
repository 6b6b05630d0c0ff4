//! `jdlib search`: ranked full-text search with filters, as a table or JSON.

use std::path::Path;
use std::sync::OnceLock;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{SearchArgs, SearchFormat};
use crate::filter::FilterInput;
use crate::output::search::{SearchRow, highlight, snippet_cell};
use crate::output::{table, write_json};
use crate::search::{
    self, Background, PlanError, Progress, Request, SearchError, SyntaxError, Upkeep,
};
use crate::{Context, Outcome};

/// Below this many files to index, a bar would only flicker.
const BAR_FROM_FILES: u64 = 2_000;

/// Runs `search`.
pub fn run(
    args: &SearchArgs,
    library: Option<&Path>,
    use_cache: bool,
    ctx: &mut Context<'_>,
) -> anyhow::Result<Outcome> {
    let text = args.query.join(" ");
    let query = search::query::parse(&text).map_err(|e| bad_query(&text, &e))?;
    let f = &args.filters;
    let request = Request {
        library,
        cwd: &ctx.cwd,
        rev: args.rev.rev.as_deref(),
        use_cache,
        query: &query,
        flags: FilterInput {
            role: f.role.as_deref(),
            family: f.family.map(Into::into),
            level: f.level.map(Into::into),
            organisation: f.organisation.as_deref(),
            region: f.region.as_deref(),
            source: f.source.map(Into::into),
            since: f.since,
            until: f.until,
        },
        limit: args.limit,
        upkeep: upkeep(ctx),
    };
    let bar = Bar {
        on_terminal: ctx.env.stderr_tty,
        ..Bar::default()
    };
    let answer = match search::search(&request, &bar) {
        Ok(answer) => answer,
        Err(SearchError::Plan(PlanError::Query(e))) => return Err(bad_query(&text, &e)),
        Err(e) => return Err(anyhow::Error::new(e).context("searching the library")),
    };

    match args.format {
        SearchFormat::Json => {
            let rows: Vec<SearchRow<'_>> = answer.hits.iter().map(SearchRow::new).collect();
            write_json(ctx.out, &rows)?;
        }
        SearchFormat::Table if !answer.hits.is_empty() => {
            let rows = answer
                .hits
                .iter()
                .enumerate()
                .map(|(i, hit)| {
                    vec![
                        (i + 1).to_string(),
                        hit.jd.front.title.clone(),
                        hit.jd
                            .authority
                            .map_or_else(|| "—".to_owned(), |a| a.short_name.clone()),
                        hit.jd.front.level.to_string(),
                        super::list::pay_cell(&hit.jd),
                        snippet_cell(&hit.snippet, ctx.color_out),
                        hit.path.clone(),
                    ]
                })
                .collect();
            let header = [
                "#",
                "Title",
                "Council",
                "Level",
                "Annual FTE",
                "Why it matched",
                "Path",
            ];
            let rendered = table::render(&header, rows, ctx.width, ctx.unicode);
            let rendered = if ctx.color_out {
                highlight(&rendered)
            } else {
                rendered
            };
            write!(ctx.out, "{rendered}")?;
        }
        SearchFormat::Table => {}
    }

    for (word, near) in &answer.suggestions {
        match near {
            Some(near) => writeln!(ctx.err, "jdlib: no JD has `{word}`; did you mean `{near}`?")?,
            None => writeln!(ctx.err, "jdlib: no JD has `{word}`")?,
        }
    }
    if answer.freshness.skipped > 0 {
        let n = answer.freshness.skipped;
        writeln!(
            ctx.err,
            "jdlib: skipped {n} invalid JD file{} (run `jdlib validate` for details)",
            super::plural(n)
        )?;
    }
    // Said every time, not only on a terminal: stderr is for people, and a script's author
    // should learn why the next search is faster.
    match answer.background {
        Some(Background::Started) => writeln!(
            ctx.err,
            "jdlib: searched the files directly; building the search index in the background"
        )?,
        Some(Background::Running) => writeln!(
            ctx.err,
            "jdlib: searched the files directly; the search index is still being built"
        )?,
        Some(Background::Failed) | None => {}
    }
    let shown = answer.hits.len();
    writeln!(
        ctx.err,
        "{shown} of {} matching JD{}",
        answer.total,
        super::plural(answer.total)
    )?;
    Ok(if answer.total == 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// Runs the hidden `build-search-index`: builds or updates the work tree's index, quietly.
pub fn build_index(library: Option<&Path>, ctx: &Context<'_>) -> anyhow::Result<Outcome> {
    search::build_index(library, &ctx.cwd, upkeep(ctx).watch)
        .context("building the search index")?;
    Ok(Outcome::Success)
}

/// A query error naming the column, with the query and a caret under the character.
fn bad_query(text: &str, e: &SyntaxError) -> anyhow::Error {
    anyhow::anyhow!(
        "bad query at column {}: {}\n{}",
        e.column,
        e.message,
        e.pointer(text)
    )
}

/// A progress bar on stderr while many files are indexed, when stderr is a terminal.
#[derive(Default)]
struct Bar {
    on_terminal: bool,
    bar: OnceLock<ProgressBar>,
}

impl Progress for Bar {
    fn start(&self, files: u64) {
        if files < BAR_FROM_FILES || !self.on_terminal {
            return;
        }
        let bar = ProgressBar::new(files).with_message("indexing JDs");
        if let Ok(style) = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta} left)")
        {
            bar.set_style(style);
        }
        let _ = self.bar.set(bar);
    }

    fn advance(&self) {
        if let Some(bar) = self.bar.get() {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// How the index is kept, from the environment's settings.
fn upkeep(ctx: &Context<'_>) -> Upkeep {
    Upkeep::new(ctx.env.search_watch.as_deref(), ctx.env.search_scan_from)
}
