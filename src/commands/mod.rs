//! One file per verb. Each reads its arguments, calls the library, and hands rows to `output`.

mod completions;
mod lint;
mod list;
mod roles;
mod salaries;
mod show;
mod validate;

use anyhow::Context as _;

use crate::cli::{Cli, Command, Filters, RevArgs};
use crate::filter::{FilterInput, Selection};
use crate::library::{Library, LoadOptions, Origin};
use crate::{Context, Outcome};

/// Runs the parsed command line.
pub fn run(cli: Cli, ctx: &mut Context<'_>) -> anyhow::Result<Outcome> {
    let library = cli.library.clone();
    match cli.command {
        Command::Validate(args) => validate::run(&args, library, !cli.no_cache, ctx),
        Command::List(args) => list::run(&args, library, ctx),
        Command::Lint(args) => lint::run(&args, library, ctx),
        Command::Roles(args) => roles::run(&args, library, ctx),
        Command::Show(args) => show::run(&args, library, ctx),
        Command::Salaries(args) => salaries::run(&args, library, ctx),
        Command::Completions(args) => Ok(completions::completions(&args, ctx)),
        Command::Man => completions::man(ctx),
    }
}

/// Loads the library for a command.
fn load(
    library: Option<std::path::PathBuf>,
    rev: &RevArgs,
    ctx: &Context<'_>,
) -> anyhow::Result<Library> {
    let origin = rev.rev.clone().map_or(Origin::WorkTree, Origin::Revision);
    let options = LoadOptions {
        library,
        cwd: ctx.cwd.clone(),
        origin,
    };
    Library::load(&options).context("loading the library")
}

/// Resolves `--role`, `--organisation` and friends against the loaded library.
fn selection(filters: &Filters, library: &Library) -> anyhow::Result<Selection> {
    let input = FilterInput {
        role: filters.role.as_deref(),
        family: filters.family.map(Into::into),
        level: filters.level.map(Into::into),
        organisation: filters.organisation.as_deref(),
        region: filters.region.as_deref(),
        source: filters.source.map(Into::into),
        since: filters.since,
        until: filters.until,
    };
    Ok(Selection::resolve(&input, &library.registry)?)
}

/// Says on stderr how many JDs were left out because they are invalid.
fn note_skipped(library: &Library, ctx: &mut Context<'_>) -> anyhow::Result<()> {
    let valid = library.valid_jds().count();
    let skipped = library.file_count() - valid;
    if skipped > 0 {
        writeln!(
            ctx.err,
            "jdlib: skipped {skipped} invalid JD file{} (run `jdlib validate` for details)",
            if skipped == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}
