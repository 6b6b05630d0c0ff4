//! The output folder: built beside the old site under a temporary name, then swapped in with
//! renames, so the old site stays whole until the new one is complete. Only a folder that holds
//! jdlib's marker file (or nothing) is ever replaced.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::SiteError;

/// The file that marks a folder as a site jdlib built.
pub const MARKER: &str = ".jdlib-site";

/// Refuses to replace a folder that is not a jdlib site.
pub fn check_replaceable(out: &Path) -> Result<(), SiteError> {
    match fs::read_dir(out) {
        Err(_) => Ok(()),
        Ok(mut entries) => {
            if entries.next().is_none() || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(SiteError::NotASite {
                    path: out.to_owned(),
                })
            }
        }
    }
}

/// A site being written.
pub struct Staging {
    dir: PathBuf,
    bytes: AtomicU64,
}

impl Staging {
    /// A fresh temporary folder beside `out`.
    pub fn create(out: &Path) -> Result<Staging, SiteError> {
        let dir = sibling(out, "new");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|source| SiteError::Write {
            path: dir.clone(),
            source,
        })?;
        let staging = Staging {
            dir,
            bytes: AtomicU64::new(0),
        };
        staging.write(
            MARKER,
            b"This folder was built by `jdlib site` and is replaced whole by the next build.\n",
        )?;
        Ok(staging)
    }

    /// Writes one file (path from the site root, `/`-separated).
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let full = self.dir.join(path);
        let fail = |source| SiteError::Write {
            path: full.clone(),
            source,
        };
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).map_err(fail)?;
        }
        fs::write(&full, bytes).map_err(fail)?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Bytes written so far.
    pub fn size(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Puts the new site in place of `out`.
    pub fn commit(self, out: &Path) -> Result<(), SiteError> {
        let old = sibling(out, "old");
        let _ = fs::remove_dir_all(&old);
        let fail = |path: &Path| {
            let path = path.to_owned();
            move |source| SiteError::Write { path, source }
        };
        if out.exists() {
            fs::rename(out, &old).map_err(fail(out))?;
        }
        fs::rename(&self.dir, out).map_err(fail(out))?;
        let _ = fs::remove_dir_all(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // After a commit the folder has moved and this finds nothing; after a failure it
        // removes the half-built site.
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// `site` -> `.site.new` beside it.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_its_own_sites() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let staging = Staging::create(&out).unwrap();
        staging.write("a/index.html", b"one").unwrap();
        staging.commit(&out).unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        check_replaceable(&out).unwrap();

        let staging = Staging::create(&out).unwrap();
        staging.write("b.html", b"two").unwrap();
        staging.commit(&out).unwrap();
        assert!(!out.join("a").exists(), "the old site is replaced whole");
        assert!(!dir.path().join(".site.old").exists());
        assert!(!dir.path().join(".site.new").exists());

        let mine = dir.path().join("documents");
        fs::create_dir(&mine).unwrap();
        fs::write(mine.join("cv.docx"), b"x").unwrap();
        assert!(matches!(
            check_replaceable(&mine),
            Err(SiteError::NotASite { .. })
        ));
    }

    #[test]
    fn a_failed_build_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let staging = Staging::create(&out).unwrap();
        staging.write("index.html", b"old").unwrap();
        staging.commit(&out).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.write("index.html", b"new").unwrap();
        drop(staging);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"old");
        assert!(!dir.path().join(".site.new").exists());
    }
}
