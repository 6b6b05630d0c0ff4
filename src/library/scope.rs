//! Which files a check reports on: the PATH arguments (files or folders) and, for
//! `--changed-since`, the changed paths.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;

/// The files a command was asked about. Empty means the whole library.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    /// Only these paths (from the library root), when given.
    pub paths: Option<BTreeSet<String>>,
    /// Files or folders named on the command line, from the library root.
    pub prefixes: Vec<String>,
}

impl Scope {
    /// Whether a file is in scope.
    pub fn includes(&self, path: &str) -> bool {
        self.paths.as_ref().is_none_or(|p| p.contains(path))
            && (self.prefixes.is_empty()
                || self.prefixes.iter().any(|p| {
                    let p = p.trim_end_matches('/');
                    p.is_empty()
                        || path == p
                        || path
                            .strip_prefix(p)
                            .is_some_and(|rest| rest.starts_with('/'))
                }))
    }

    /// Whether a finding is about a file in scope, or names one (a duplicate's earlier file).
    pub fn involves(&self, d: &Diagnostic) -> bool {
        self.includes(&d.path) || d.related.iter().any(|r| self.includes(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_match_files_and_whole_folders_only() {
        let scope = Scope {
            paths: None,
            prefixes: vec!["library/data-analyst".into()],
        };
        assert!(scope.includes("library/data-analyst/a.md"));
        assert!(!scope.includes("library/data-analyst-lead/a.md"));
        assert!(Scope::default().includes("anything"));
    }
}
