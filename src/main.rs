//! The `jdlib` binary: parse arguments, decide on colour, run, map the outcome to an exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use jdlib::cli::{Cli, ColorChoice};
use jdlib::{Context, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let want = |is_tty: bool| match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_tty && !no_color,
    };
    let stdout = io::stdout();
    let stderr = io::stderr();
    let (color_out, color_err) = (want(stdout.is_terminal()), want(stderr.is_terminal()));
    let width = stdout
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
        .flatten();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let unicode = !no_color && std::env::var("TERM").map_or(true, |t| t != "dumb") && utf8_locale();
    let mut ctx = Context {
        cwd,
        out: &mut out,
        err: &mut err,
        color_out,
        color_err,
        width,
        unicode,
    };
    let result = jdlib::run(cli, &mut ctx);
    drop(ctx);
    let result = result.and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        // `jdlib list | head` closes the pipe early; that is not a failure (as in ripgrep).
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "jdlib: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Whether the locale says the terminal speaks UTF-8 (the first of `LC_ALL`, `LC_CTYPE`, LANG that
/// is set decides; unset means yes, as on most modern systems).
fn utf8_locale() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .is_none_or(|s| {
            let s = s.to_ascii_lowercase();
            s.contains("utf-8") || s.contains("utf8")
        })
}
