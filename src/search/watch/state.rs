//! What the watcher knows: which JD files changed since the index was last brought up to date.
//!
//! Pure bookkeeping, kept apart from inotify and sockets so it can be tested on its own. Every
//! event gets the next sequence number. A search asks for the changes ([`State::changes`]),
//! updates the index, then confirms with the sequence number it was given ([`State::done`]);
//! only changes up to that number are forgotten, so a file written while the search was reading
//! it stays changed for the next one.

use std::collections::BTreeMap;

/// The answer to a search's "what changed?".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changes {
    /// The watcher cannot vouch for the index: every file must be checked.
    Everything {
        /// Confirm with this.
        token: u64,
    },
    /// Only these JD files (paths from the library root, sorted) may differ from the index.
    Files {
        /// Confirm with this.
        token: u64,
        /// The changed files.
        paths: Vec<String>,
    },
}

/// The watcher's record of changes since the last confirmed update.
#[derive(Debug, Default)]
pub struct State {
    /// Sequence number of the latest event.
    seq: u64,
    /// Changed JD files, each with the sequence number of its latest event.
    dirty: BTreeMap<String, u64>,
    /// Sequence number of the latest event that names no single file (a folder created,
    /// removed or renamed, or the kernel's event queue overflowed): everything must be checked.
    everything_at: Option<u64>,
    /// The manifest the recorded changes are relative to. Until a search confirms an update,
    /// and whenever a search brings a different manifest, the watcher knows nothing.
    synced: Option<u64>,
}

impl State {
    /// A file event: `path` (from the library root) may have changed.
    pub fn file_changed(&mut self, path: String) {
        self.seq += 1;
        self.dirty.insert(path, self.seq);
    }

    /// An event that names no single JD file: every file must be checked.
    pub fn everything_changed(&mut self) {
        self.seq += 1;
        self.everything_at = Some(self.seq);
    }

    /// What may differ from the index described by the manifest with id `manifest`.
    pub fn changes(&self, manifest: u64) -> Changes {
        let token = self.seq;
        if self.synced != Some(manifest) || self.everything_at.is_some() {
            return Changes::Everything { token };
        }
        Changes::Files {
            token,
            paths: self.dirty.keys().cloned().collect(),
        }
    }

    /// A search brought the index up to date with every event up to `token` and saved the
    /// manifest with id `manifest`.
    pub fn done(&mut self, token: u64, manifest: u64) {
        self.dirty.retain(|_, seq| *seq > token);
        if self.everything_at.is_some_and(|seq| seq <= token) {
            self.everything_at = None;
        }
        // Changes after `token` are still recorded, so the manifest is a valid base for them.
        self.synced = Some(manifest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(state: &State, manifest: u64) -> Vec<String> {
        match state.changes(manifest) {
            Changes::Files { paths, .. } => paths,
            Changes::Everything { .. } => panic!("expected a list of files"),
        }
    }

    fn token(changes: &Changes) -> u64 {
        match changes {
            Changes::Everything { token } | Changes::Files { token, .. } => *token,
        }
    }

    #[test]
    fn knows_nothing_until_a_search_confirms_a_manifest() {
        let mut state = State::default();
        state.file_changed("library/a/x.md".into());
        let first = state.changes(7);
        assert_eq!(first, Changes::Everything { token: 1 });
        state.done(token(&first), 7);
        assert_eq!(files(&state, 7), Vec::<String>::new());
        // Another manifest (written by a search that did not ask the watcher): start over.
        assert!(matches!(state.changes(8), Changes::Everything { .. }));
    }

    #[test]
    fn a_file_written_during_an_update_stays_changed() {
        let mut state = State::default();
        state.done(0, 1);
        state.file_changed("library/a/x.md".into());
        state.file_changed("library/a/y.md".into());
        let asked = state.changes(1);
        assert_eq!(files(&state, 1), ["library/a/x.md", "library/a/y.md"]);
        // While the search reads them, x.md is written again.
        state.file_changed("library/a/x.md".into());
        state.done(token(&asked), 2);
        assert_eq!(files(&state, 2), ["library/a/x.md"]);
    }

    #[test]
    fn folder_events_and_overflows_mean_everything_until_confirmed() {
        let mut state = State::default();
        state.done(0, 1);
        state.everything_changed();
        let asked = state.changes(1);
        assert!(matches!(asked, Changes::Everything { .. }));
        state.done(token(&asked), 2);
        assert_eq!(
            files(&state, 2),
            Vec::<String>::new(),
            "answered by a full check"
        );
        let asked = state.changes(2);
        state.everything_changed(); // while that search was updating
        state.done(token(&asked), 3);
        assert!(
            matches!(state.changes(3), Changes::Everything { .. }),
            "an overflow after the answer is not forgotten"
        );
    }
}
