//! jdlib: an open library of UK council job descriptions, kept as Markdown with YAML front
//! matter in git. The binary is a thin shell over [`run`]; integration tests and benches use
//! the same modules.

pub mod atomic;
pub mod bytemask;
pub mod cli;
pub mod commands;
pub mod contribute;
pub mod date;
pub mod diagnostic;
pub mod env;
pub mod export;
pub mod filter;
pub mod forge;
pub mod forms;
pub mod git;
pub mod import;
pub mod library;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod salary;
pub mod search;
pub mod site;
pub mod suggest;
pub mod web;

use std::io::Write;
use std::path::PathBuf;

pub use commands::run;

/// What a command needs from the outside world, passed in rather than taken from globals so a
/// test can run a command into buffers.
pub struct Context<'a> {
    /// The folder to search for the library from.
    pub cwd: PathBuf,
    /// Where data goes.
    pub out: &'a mut dyn Write,
    /// Where messages go.
    pub err: &'a mut dyn Write,
    /// Whether to colour `out`.
    pub color_out: bool,
    /// Whether to colour `err`.
    pub color_err: bool,
    /// Width of the terminal `out` writes to, when it is one.
    pub width: Option<u16>,
    /// Whether box-drawing characters may be used (not under `NO_COLOR`, `TERM=dumb` or a
    /// non-UTF-8 locale).
    pub unicode: bool,
    /// Settings from the environment, and which streams are terminals.
    pub env: env::Env,
}

/// How a command that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong: exit 0.
    Success,
    /// The run completed and found problems (validate errors, no search hits): exit 1.
    Problems,
}
