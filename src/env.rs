//! Everything jdlib takes from its surroundings rather than its arguments: which streams are
//! terminals, colour and box-drawing choices, and settings in environment variables. Read once
//! at start-up into the [`Context`]; no other module reads the environment or probes a
//! terminal, so a test can run any command with settings of its own.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::Context;
use crate::cli::ColorChoice;
use crate::forge::github::{GithubEnv, Token};

/// Settings from the environment, and whether the standard streams are terminals.
#[derive(Clone, Debug, Default)]
pub struct Env {
    /// Whether stdin is a terminal: forms may ask, and git may prompt for a password.
    pub stdin_tty: bool,
    /// Whether stderr is a terminal: a progress bar may be drawn.
    pub stderr_tty: bool,
    /// The editor (`VISUAL`, then `EDITOR`).
    pub editor: Option<String>,
    /// `JDLIB_SEARCH_WATCH`: `always`/`1` or `never`/`0` keep a watcher for searches or not.
    pub search_watch: Option<String>,
    /// `JDLIB_SEARCH_SCAN_FROM`: from this many files a cold search scans instead of indexing.
    pub search_scan_from: Option<usize>,
    /// `JDLIB_GITHUB_API`, `GH_TOKEN` and `GITHUB_TOKEN`.
    pub github: GithubEnv,
}

impl Env {
    /// Reads the process's environment and streams.
    pub fn read() -> Env {
        Env {
            stdin_tty: std::io::stdin().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            editor: ["VISUAL", "EDITOR"]
                .iter()
                .find_map(|v| var(v).filter(|s| !s.trim().is_empty())),
            search_watch: var("JDLIB_SEARCH_WATCH"),
            search_scan_from: var("JDLIB_SEARCH_SCAN_FROM").and_then(|v| v.parse().ok()),
            github: GithubEnv {
                api: var("JDLIB_GITHUB_API").filter(|v| !v.is_empty()),
                gh_token: set("GH_TOKEN").map(Token::new),
                github_token: set("GITHUB_TOKEN").map(Token::new),
            },
        }
    }
}

/// A variable's value, when it is set and is Unicode.
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// A variable's value, trimmed, when it holds more than blanks.
fn set(name: &str) -> Option<String> {
    var(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

impl<'a> Context<'a> {
    /// The context of a run of the binary: the current folder, stdout and stderr as given,
    /// colour as `color` and the terminal allow, and the environment's settings.
    pub fn from_process(
        color: ColorChoice,
        out: &'a mut dyn Write,
        err: &'a mut dyn Write,
    ) -> Context<'a> {
        let env = Env::read();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let want = |is_tty: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_tty && !no_color,
        };
        let stdout_tty = std::io::stdout().is_terminal();
        let width = stdout_tty
            .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
            .flatten();
        let unicode =
            !no_color && std::env::var("TERM").map_or(true, |t| t != "dumb") && utf8_locale();
        Context {
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            out,
            err,
            color_out: want(stdout_tty),
            color_err: want(env.stderr_tty),
            width,
            unicode,
            env,
        }
    }
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
