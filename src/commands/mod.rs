//! One file per verb. Each reads its arguments, calls the library, and hands rows to `output`.

mod completions;
mod contribute;
mod drafts;
mod export;
mod forms;
mod import;
mod lint;
mod list;
mod propose;
mod roles;
mod salaries;
mod search;
mod search_watch;
mod show;
mod site;
mod submit;
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
        Command::Site(args) => site::run(&args, library, ctx),
        Command::Salaries(args) => salaries::run(&args, library, ctx),
        Command::Contribute(args) => contribute::run(&args, library.as_deref(), !cli.no_cache, ctx),
        Command::Import(args) => import::run(&args, library.as_deref(), ctx),
        Command::Export(args) => export::run(&args, library, ctx),
        Command::Forms(args) => forms::run(&args, library.as_deref(), ctx),
        Command::Propose(args) => propose::run(&args, library.as_deref(), !cli.no_cache, ctx),
        Command::Search(args) => search::run(&args, library.as_deref(), !cli.no_cache, ctx),
        Command::BuildSearchIndex => search::build_index(library.as_deref(), ctx),
        Command::Completions(args) => Ok(completions::completions(&args, ctx)),
        Command::Man => completions::man(ctx),
        Command::SearchWatch => search_watch::run(library.as_deref(), ctx),
    }
}

/// Where to find the library and which version to read.
fn load_options(
    library: Option<std::path::PathBuf>,
    rev: &RevArgs,
    ctx: &Context<'_>,
) -> LoadOptions {
    LoadOptions {
        library,
        cwd: ctx.cwd.clone(),
        origin: rev.rev.clone().map_or(Origin::WorkTree, Origin::Revision),
    }
}

/// Loads the library for a command.
fn load(
    library: Option<std::path::PathBuf>,
    rev: &RevArgs,
    ctx: &Context<'_>,
) -> anyhow::Result<Library> {
    Library::load(&load_options(library, rev, ctx)).context("loading the library")
}

/// Prints findings in the chosen format (`validate` and `lint` alike).
fn print_findings(
    format: crate::cli::DiagnosticFormat,
    found: &[crate::diagnostic::Diagnostic],
    ctx: &mut Context<'_>,
) -> anyhow::Result<()> {
    use crate::cli::DiagnosticFormat;
    use crate::output::diagnostics;
    match format {
        DiagnosticFormat::Human => diagnostics::write_human(ctx.out, found, ctx.color_out),
        DiagnosticFormat::Json => diagnostics::write_json_array(ctx.out, found),
        DiagnosticFormat::Github => diagnostics::write_github(ctx.out, found),
    }
}

/// The files a `validate` or `lint` run is about: its PATHs (each must exist, unless read
/// from `--rev`) and, when `changed_since` is given, the files changed since then.
fn scope(
    options: &LoadOptions,
    check: &crate::cli::CheckArgs,
    changed_since: Option<&str>,
    ctx: &Context<'_>,
) -> anyhow::Result<crate::library::scope::Scope> {
    let root = crate::library::locate(options.library.as_deref(), &options.cwd)
        .context("loading the library")?;
    let mut scope = crate::library::scope::Scope::default();
    for path in &check.paths {
        if options.origin == Origin::WorkTree && !ctx.cwd.join(path).exists() {
            anyhow::bail!(
                "{} does not exist: give a file or folder inside library/",
                path.display()
            );
        }
        scope
            .prefixes
            .push(validate::relative_to_root(path, &ctx.cwd, &root)?);
    }
    if let Some(since) = changed_since {
        let (_, changed) = crate::library::changed::changed_paths(&root, &options.origin, since)?;
        scope.paths = Some(changed);
    }
    Ok(scope)
}

/// Writes a file for the user all at once, never over an existing file unless `force`.
fn write_file(
    path: &std::path::Path,
    bytes: &[u8],
    force: bool,
    durability: crate::atomic::Durability,
) -> anyhow::Result<()> {
    let written = if force {
        crate::atomic::replace_with(path, bytes, durability)
    } else {
        crate::atomic::create_new_with(path, bytes, durability)
    };
    written.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} already exists: choose another --out, or add --force to replace it",
                path.display()
            )
        } else {
            anyhow::anyhow!("writing {}: {e}", path.display())
        }
    })
}

/// `s` for counts other than one.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
            plural(skipped)
        )?;
    }
    Ok(())
}
