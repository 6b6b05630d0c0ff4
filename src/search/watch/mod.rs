//! A file watcher that spares a warm search from `stat`ing every JD file.
//!
//! Proving the index is not stale costs one `stat` per file: about 400 ms at 100,000 JDs on a
//! small VM, ten times the query itself. Git (`core.fsmonitor`) and Watchman answer the same
//! problem the same way: a background process is told by the kernel (inotify) about every
//! change, and a search asks it which files changed instead of looking at all of them.
//!
//! The watcher (`jdlib search-watch`, started by a search on a large library and gone after
//! [`IDLE`] without a question) only records changes; searches still do all the indexing,
//! under the index lock, so there is one writer. The exchange, over a Unix socket in the index
//! folder, is two lines: a search sends `sync ID` (ID: the manifest it holds), the watcher
//! answers `everything TOKEN` or `files TOKEN N` and N paths; after saving the updated manifest
//! the search sends `done TOKEN ID`. Before answering, the watcher creates a "cookie" file and
//! waits for its own event: inotify queues events in order, so every write that finished
//! before the question is then known (Watchman's method). Whenever the watcher is missing,
//! slow, or unsure (a folder renamed, the kernel queue overflowed), the search falls back to
//! `stat`ing every file, as it does without a watcher.

#[cfg(target_os = "linux")]
mod daemon;
pub mod state;

use std::path::Path;
use std::time::Duration;

pub use state::Changes;

/// The watcher's socket, in the index folder (`.git/jdlib/search/`).
pub const SOCKET: &str = "watch.sock";
/// Held by the running watcher, so only one watches a library.
pub const LOCK: &str = "watch.lock";
/// Below this many JD files `stat`ing them all takes a few milliseconds: no watcher needed.
pub const WATCH_FROM_FILES: usize = 5_000;
/// The watcher stops after this long without a search.
pub const IDLE: Duration = Duration::from_secs(30 * 60);
/// How long a search waits for the watcher before checking every file itself.
const PATIENCE: Duration = Duration::from_secs(5);

/// When searches use a watcher (`JDLIB_SEARCH_WATCH`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// On libraries of at least [`WATCH_FROM_FILES`] JD files (the default).
    Auto,
    /// On every library (`always`; used by the tests).
    Always,
    /// Never (`never`): every search checks every file.
    Never,
}

impl Mode {
    /// Reads the setting (`JDLIB_SEARCH_WATCH`); anything unrecognised means the default.
    pub fn parse(setting: Option<&str>) -> Mode {
        match setting {
            Some("always" | "1") => Mode::Always,
            Some("never" | "0") => Mode::Never,
            _ => Mode::Auto,
        }
    }

    /// Whether a library of `files` JD files should have a watcher.
    pub fn wants(self, files: usize) -> bool {
        match self {
            Mode::Auto => cfg!(target_os = "linux") && files >= WATCH_FROM_FILES,
            Mode::Always => cfg!(target_os = "linux"),
            Mode::Never => false,
        }
    }
}

/// Why the watcher could not run.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// A file or the kernel refused.
    #[error("{what}")]
    Io {
        /// What was being done.
        what: String,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// This system has no inotify.
    #[error("watching files is only supported on Linux")]
    Unsupported,
}

/// Watches the library at `root` for the index kept in `store`, until the library goes away or
/// no search has asked for [`IDLE`]. Returns at once if another watcher has the library.
pub fn serve(root: &Path, store: &Path) -> Result<(), WatchError> {
    #[cfg(target_os = "linux")]
    return daemon::serve(root, store);
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (root, store);
        Err(WatchError::Unsupported)
    }
}

/// Starts a watcher for the library at `root` in the background, detached from this process
/// (its own process group, no terminal, no inherited output), as `git gc --auto` detaches.
/// Best effort: without a watcher, searches check every file.
pub fn start(root: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        use std::process::{Command, Stdio};
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let _ = Command::new(exe)
            .arg("--library")
            .arg(root)
            .arg("search-watch")
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
    }
    #[cfg(not(unix))]
    let _ = root;
}

/// A search's connection to the watcher.
#[cfg(unix)]
pub struct Client {
    reader: std::io::BufReader<std::os::unix::net::UnixStream>,
    writer: std::os::unix::net::UnixStream,
}

#[cfg(unix)]
impl Client {
    /// Connects to the watcher of the index in `store`, if one is running.
    pub fn connect(store: &Path) -> Option<Client> {
        let stream = std::os::unix::net::UnixStream::connect(store.join(SOCKET)).ok()?;
        stream.set_read_timeout(Some(PATIENCE)).ok()?;
        stream.set_write_timeout(Some(PATIENCE)).ok()?;
        Some(Client {
            reader: std::io::BufReader::new(stream.try_clone().ok()?),
            writer: stream,
        })
    }

    /// Asks what may have changed since the manifest with id `manifest` was saved.
    pub fn changes(&mut self, manifest: u64) -> std::io::Result<Changes> {
        use std::io::{BufRead, Write};
        writeln!(self.writer, "sync {manifest}")?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        match parse_reply(&line) {
            Some(Reply::Everything(token)) => Ok(Changes::Everything { token }),
            Some(Reply::Files(token, n)) => {
                let mut paths = Vec::with_capacity(n.min(100_000));
                for _ in 0..n {
                    let mut path = String::new();
                    self.reader.read_line(&mut path)?;
                    let path = path.strip_suffix('\n').ok_or_else(broken)?;
                    paths.push(path.to_owned());
                }
                Ok(Changes::Files { token, paths })
            }
            None => Err(broken()),
        }
    }

    /// Tells the watcher the index now reflects every change up to `token`, in the manifest
    /// saved with id `manifest`.
    pub fn done(&mut self, token: u64, manifest: u64) -> std::io::Result<()> {
        use std::io::{BufRead, Write};
        writeln!(self.writer, "done {token} {manifest}")?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        if line == "ok\n" {
            Ok(())
        } else {
            Err(broken())
        }
    }
}

/// Without Unix sockets there is no watcher to talk to.
#[cfg(not(unix))]
pub struct Client;

#[cfg(not(unix))]
impl Client {
    /// There is never a watcher.
    pub fn connect(_: &Path) -> Option<Client> {
        None
    }

    /// Unreachable: no client is ever made.
    pub fn changes(&mut self, _: u64) -> std::io::Result<Changes> {
        Err(broken())
    }

    /// Unreachable: no client is ever made.
    pub fn done(&mut self, _: u64, _: u64) -> std::io::Result<()> {
        Err(broken())
    }
}

fn broken() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        "the search watcher answered out of turn",
    )
}

/// A watcher's first line of answer.
#[derive(Debug, PartialEq, Eq)]
enum Reply {
    Everything(u64),
    Files(u64, usize),
}

fn parse_reply(line: &str) -> Option<Reply> {
    let mut words = line.strip_suffix('\n')?.split(' ');
    let reply = match (words.next()?, words.next()?.parse().ok()?) {
        ("everything", token) => Reply::Everything(token),
        ("files", token) => Reply::Files(token, words.next()?.parse().ok()?),
        _ => return None,
    };
    words.next().is_none().then_some(reply)
}

/// A search's question, as the watcher reads it.
#[derive(Debug, PartialEq, Eq)]
enum Question {
    Sync(u64),
    Done(u64, u64),
}

#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn parse_question(line: &str) -> Option<Question> {
    let mut words = line.strip_suffix('\n')?.split(' ');
    let question = match words.next()? {
        "sync" => Question::Sync(words.next()?.parse().ok()?),
        "done" => Question::Done(words.next()?.parse().ok()?, words.next()?.parse().ok()?),
        _ => return None,
    };
    words.next().is_none().then_some(question)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_the_exchange_parse_strictly() {
        assert_eq!(parse_question("sync 42\n"), Some(Question::Sync(42)));
        assert_eq!(parse_question("done 3 42\n"), Some(Question::Done(3, 42)));
        for bad in [
            "sync 42",
            "sync\n",
            "sync x\n",
            "done 3\n",
            "sync 1 2\n",
            "hello\n",
        ] {
            assert_eq!(parse_question(bad), None, "{bad:?}");
        }
        assert_eq!(parse_reply("everything 7\n"), Some(Reply::Everything(7)));
        assert_eq!(parse_reply("files 7 2\n"), Some(Reply::Files(7, 2)));
        for bad in ["files 7\n", "everything\n", "ok\n", "files 7 2 1\n"] {
            assert_eq!(parse_reply(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_mode_decides_by_size() {
        assert!(!Mode::Never.wants(1_000_000));
        assert!(!Mode::Auto.wants(10));
        assert_eq!(
            Mode::Auto.wants(WATCH_FROM_FILES),
            cfg!(target_os = "linux")
        );
        assert_eq!(Mode::Always.wants(0), cfg!(target_os = "linux"));
    }
}
