//! Writing files all at once: the bytes go to a temporary file beside the target, are synced,
//! and are then renamed (or linked) into place, so a reader or a crash sees the old file or the
//! new one, never half of one. Used for jdlib's caches and for files written for the user.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Whether the bytes reach the disk before the file is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Synced first: after a crash the file is whole or absent.
    Synced,
    /// Not synced: readers still never see half a file, but a crash soon after may leave it
    /// empty. For many files that can be written again (an export of a whole library), where
    /// a sync per file would cost more than everything else together.
    Unsynced,
}

/// Replaces `path` with `bytes` (creating its folder if needed).
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_with(path, bytes, Durability::Synced)
}

/// Writes `bytes` to `path` only if nothing is there: the file is linked into place, which
/// fails with `AlreadyExists` rather than replace a file that appeared meanwhile.
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    create_new_with(path, bytes, Durability::Synced)
}

/// [`replace`] with a choice of durability.
pub fn replace_with(path: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    write_via_temp(path, bytes, durability, |tmp, path| fs::rename(tmp, path))
}

/// [`create_new`] with a choice of durability.
pub fn create_new_with(path: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    write_via_temp(path, bytes, durability, |tmp, path| {
        fs::hard_link(tmp, path)
    })
}

fn write_via_temp(
    path: &Path,
    bytes: &[u8],
    durability: Durability,
    place: impl FnOnce(&Path, &Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        if durability == Durability::Synced {
            file.sync_all()?;
        }
        place(&tmp, path)
    })();
    // After a rename the temporary name is gone already; after a link, or a failure, it is not.
    let _ = fs::remove_file(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_or_refuses_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a.txt");
        replace(&path, b"one").unwrap();
        replace(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let err = create_new(&path, b"three").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"two");
        create_new(&dir.path().join("sub/b.txt"), b"new").unwrap();
        let names: Vec<String> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn unsynced_writes_are_placed_the_same_way() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.docx");
        create_new_with(&path, b"one", Durability::Unsynced).unwrap();
        let err = create_new_with(&path, b"two", Durability::Unsynced).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        replace_with(&path, b"three", Durability::Unsynced).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
}
