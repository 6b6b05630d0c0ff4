//! Where the library's files come from: the work tree (the default) or a git revision
//! (`--rev`), read straight from the object database with no checkout and no temp files.
//! Both give the same list of entries so layout rules are checked once, in `layout.rs`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::git::{EntryKind, GitError, Oid, Repo};

/// Files larger than this are refused unread (contract §5).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Where to read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The files on disk.
    WorkTree,
    /// A git revision.
    Revision(String),
}

/// One thing found under `library/`.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Path from the library root, `/`-separated (`library/data-analyst/model-mid.md`).
    pub path: String,
    /// File, folder, link or other.
    pub kind: EntryKind,
    handle: Handle,
}

impl Entry {
    /// A file on disk.
    pub fn on_disk(path: String, kind: EntryKind, location: PathBuf) -> Entry {
        Entry {
            path,
            kind,
            handle: Handle::Disk(location),
        }
    }

    /// A blob in the object database.
    pub fn in_git(path: String, kind: EntryKind, oid: Oid) -> Entry {
        Entry {
            path,
            kind,
            handle: Handle::Blob(oid),
        }
    }

    /// A file that exists only in memory: a contribution being checked before it is committed.
    pub fn in_memory(path: String, bytes: Arc<[u8]>) -> Entry {
        Entry {
            path,
            kind: EntryKind::File,
            handle: Handle::Memory(bytes),
        }
    }
}

#[derive(Clone, Debug)]
enum Handle {
    Disk(PathBuf),
    Blob(Oid),
    Memory(Arc<[u8]>),
}

/// Why a file's bytes could not be had.
#[derive(Debug)]
pub enum ReadFailure {
    /// Over [`MAX_FILE_BYTES`]; the size found.
    TooLarge(u64),
    /// The operating system or git said no.
    Io(String),
}

/// Lists everything under `root/library/` for the origin. `None` when there is no `library/`.
pub fn list(
    root: &Path,
    origin: &Origin,
    repo: Option<&Repo>,
) -> Result<Option<Vec<Entry>>, ListError> {
    match origin {
        Origin::WorkTree => list_disk(root),
        Origin::Revision(rev) => {
            let repo = repo.ok_or_else(|| GitError::NotInRepository {
                root: root.to_owned(),
                flag: "--rev",
            })?;
            Ok(repo.list_tree(rev, "library")?.map(|entries| {
                entries
                    .into_iter()
                    .map(|e| Entry {
                        path: e.path,
                        kind: e.kind,
                        handle: Handle::Blob(e.oid),
                    })
                    .collect()
            }))
        }
    }
}

/// The JD files (`library/<role>/<name>.md` blobs) of revision `rev`, with their blob ids, in
/// tree order. What the layout rules say about anything else is `validate`'s business.
pub fn jd_blobs(repo: &Repo, rev: &str) -> Result<Vec<(String, Oid)>, GitError> {
    Ok(repo
        .list_tree(rev, "library")?
        .unwrap_or_default()
        .into_iter()
        .filter(|e| {
            e.kind == EntryKind::File
                && e.path.matches('/').count() == 2
                // Case matters: the contract refuses `draft.MD`.
                && e.path.strip_suffix(".md").is_some()
        })
        .map(|e| (e.path, e.oid))
        .collect())
}

/// Listing failed as a whole (not a single bad file).
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    /// A folder could not be read.
    #[error("reading folder {path}")]
    ReadDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Git failed.
    #[error(transparent)]
    Git(#[from] GitError),
}

fn list_disk(root: &Path) -> Result<Option<Vec<Entry>>, ListError> {
    let library = root.join("library");
    match fs::symlink_metadata(&library) {
        Ok(meta) if meta.is_dir() => {}
        _ => return Ok(None),
    }
    let mut out = Vec::new();
    walk(&library, "library", &mut out)?;
    Ok(Some(out))
}

fn walk(dir: &Path, rel: &str, out: &mut Vec<Entry>) -> Result<(), ListError> {
    let read = fs::read_dir(dir).map_err(|source| ListError::ReadDir {
        path: dir.to_owned(),
        source,
    })?;
    for item in read {
        let item = item.map_err(|source| ListError::ReadDir {
            path: dir.to_owned(),
            source,
        })?;
        // `DirEntry::file_type` does not follow links, so a link is seen as a link (§2).
        let kind = match item.file_type() {
            Ok(t) if t.is_symlink() => EntryKind::Symlink,
            Ok(t) if t.is_dir() => EntryKind::Folder,
            Ok(t) if t.is_file() => EntryKind::File,
            _ => EntryKind::Other,
        };
        let name = item.file_name().to_string_lossy().into_owned();
        let path = format!("{rel}/{name}");
        if kind == EntryKind::Folder {
            out.push(Entry {
                path: path.clone(),
                kind,
                handle: Handle::Disk(item.path()),
            });
            walk(&item.path(), &path, out)?;
        } else {
            out.push(Entry {
                path,
                kind,
                handle: Handle::Disk(item.path()),
            });
        }
    }
    Ok(())
}

/// Reads an entry's bytes: from disk, or from git with `repo` (one per thread: libgit2
/// repositories may not be shared between threads).
pub fn read(entry: &Entry, repo: Option<&Repo>) -> Result<Vec<u8>, ReadFailure> {
    match &entry.handle {
        Handle::Disk(path) => read_disk(path),
        Handle::Memory(bytes) if bytes.len() > MAX_FILE_BYTES => {
            Err(ReadFailure::TooLarge(bytes.len() as u64))
        }
        Handle::Memory(bytes) => Ok(bytes.to_vec()),
        Handle::Blob(oid) => {
            let repo = repo.ok_or_else(|| ReadFailure::Io("no git repository".to_owned()))?;
            match repo.read_blob(*oid, MAX_FILE_BYTES) {
                Ok(Ok(bytes)) => Ok(bytes),
                Ok(Err(size)) => Err(ReadFailure::TooLarge(size as u64)),
                Err(err) => Err(ReadFailure::Io(format!("{err:#}"))),
            }
        }
    }
}

fn read_disk(path: &Path) -> Result<Vec<u8>, ReadFailure> {
    let file = fs::File::open(path).map_err(|e| ReadFailure::Io(e.to_string()))?;
    let len = file
        .metadata()
        .map_err(|e| ReadFailure::Io(e.to_string()))?
        .len();
    if len > MAX_FILE_BYTES as u64 {
        return Err(ReadFailure::TooLarge(len));
    }
    // The file may grow between the size check and the read; `take` keeps the promise anyway.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadFailure::Io(e.to_string()))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadFailure::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}
