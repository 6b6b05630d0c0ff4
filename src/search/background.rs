//! Building the work tree's index in a detached process, so the first search of a large
//! library is answered by a scan ([`scan`](crate::search::scan)) in about the time `rg` takes,
//! and later ones find the index ready. Like `git gc --auto`, the current binary is
//! run again with a hidden command, in its own process group, with no terminal streams, and
//! not waited for. It takes the index's lock as every search does, so searches meanwhile
//! either scan (no index yet) or wait for it (an index to update).

use std::path::Path;
use std::process::{Command, Stdio};

/// The hidden command that builds (or updates) the work tree's index and exits.
pub const COMMAND: &str = "build-search-index";

/// What happened about building the index behind a search answered by a scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    /// A build was started for this search.
    Started,
    /// Another process is already building it.
    Running,
    /// It could not be started (no executable path, or spawning failed); the next search
    /// tries again.
    Failed,
}

/// Starts `jdlib --library ROOT build-search-index` detached from this process.
pub fn start(root: &Path) -> Background {
    let Ok(exe) = std::env::current_exe() else {
        return Background::Failed;
    };
    let mut command = Command::new(exe);
    command
        .arg("--library")
        .arg(root)
        .arg(COMMAND)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own group: a Ctrl-C meant for the next command in this terminal must not kill it.
        command.process_group(0);
    }
    // Not waited for: the build outlives this search. The child is reaped by init once this
    // process has exited.
    match command.spawn() {
        Ok(_) => Background::Started,
        Err(_) => Background::Failed,
    }
}
