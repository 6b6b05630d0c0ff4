//! `jdlib completions SHELL` and `jdlib man`, so the CLI feels native in a shell.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::{Context, Outcome};

/// Prints a completion script for the shell.
pub fn completions(args: &CompletionsArgs, ctx: &mut Context<'_>) -> Outcome {
    clap_complete::generate(args.shell, &mut Cli::command(), "jdlib", ctx.out);
    Outcome::Success
}

/// Prints the man page in roff.
pub fn man(ctx: &mut Context<'_>) -> anyhow::Result<Outcome> {
    clap_mangen::Man::new(Cli::command()).render(ctx.out)?;
    Ok(Outcome::Success)
}
