//! Where the library's files come from: the work tree (the default) or a git revision
//! (`--rev`), read straight from the object database with no checkout and no temp files.
//! Both give the same list of entries so layout rules are checked once, in `layout.rs`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

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
    walk(&library, "library").map(Some)
}

/// Everything under `dir`, in path order. Folders are listed in parallel: a large library is
/// a hundred or so role folders of a thousand files each, and listing 100,000 files one
/// folder at a time takes a fifth of a second before any JD is read. Each folder's own
/// entries are sorted by name as part of a path (a folder's name followed by `/`), so the
/// whole list comes out in path order and the layout's sort finds it sorted.
fn walk(dir: &Path, rel: &str) -> Result<Vec<Entry>, ListError> {
    let failed = |source| ListError::ReadDir {
        path: dir.to_owned(),
        source,
    };
    let mut items = Vec::new();
    for item in fs::read_dir(dir).map_err(failed)? {
        let item = item.map_err(failed)?;
        // `DirEntry::file_type` does not follow links, so a link is seen as a link (§2).
        let kind = match item.file_type() {
            Ok(t) if t.is_symlink() => EntryKind::Symlink,
            Ok(t) if t.is_dir() => EntryKind::Folder,
            Ok(t) if t.is_file() => EntryKind::File,
            _ => EntryKind::Other,
        };
        let name = item.file_name().to_string_lossy().into_owned();
        items.push(Entry {
            path: format!("{rel}/{name}"),
            kind,
            handle: Handle::Disk(item.path()),
        });
    }
    items.sort_unstable_by(path_order);
    let nested = items
        .par_iter()
        .map(|e| match &e.handle {
            Handle::Disk(location) if e.kind == EntryKind::Folder => walk(location, &e.path),
            _ => Ok(Vec::new()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(items.len() + nested.iter().map(Vec::len).sum::<usize>());
    for (item, inside) in items.into_iter().zip(nested) {
        out.push(item);
        out.extend(inside);
    }
    Ok(out)
}

/// How entries sort as paths among everything under them: a folder's path as if followed
/// by `/`, so listing each folder sorted this way lists the whole tree in path order.
fn path_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    let shared = a.path.len().min(b.path.len());
    let after = |entry: &Entry| {
        entry
            .path
            .as_bytes()
            .get(shared)
            .copied()
            .or((entry.kind == EntryKind::Folder).then_some(b'/'))
    };
    a.path.as_bytes()[..shared]
        .cmp(&b.path.as_bytes()[..shared])
        .then_with(|| after(a).cmp(&after(b)))
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

/// [`read`] into a buffer the caller reuses, for a pass that reads every JD and needs only
/// its bytes: no `fstat` first (one system call of four per file) and no allocation per file.
/// A file over [`MAX_FILE_BYTES`] is refused after reading one byte more than the limit, so
/// its [`ReadFailure::TooLarge`] gives that, not the file's size.
pub fn read_into(
    entry: &Entry,
    repo: Option<&Repo>,
    buffer: &mut Vec<u8>,
) -> Result<(), ReadFailure> {
    buffer.clear();
    let Handle::Disk(path) = &entry.handle else {
        *buffer = read(entry, repo)?;
        return Ok(());
    };
    fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(buffer))
        .map_err(|e| ReadFailure::Io(e.to_string()))?;
    if buffer.len() > MAX_FILE_BYTES {
        return Err(ReadFailure::TooLarge(buffer.len() as u64));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_into_a_buffer_reads_what_read_does() {
        let dir = tempfile::tempdir().expect("temp dir");
        let small = dir.path().join("small.md");
        let large = dir.path().join("large.md");
        fs::write(&small, "---\ntitle: x\n---\n").expect("file");
        fs::write(&large, vec![b'a'; MAX_FILE_BYTES + 10]).expect("file");
        let on_disk =
            |path: &Path| Entry::on_disk("library/x/y.md".into(), EntryKind::File, path.into());
        let mut buffer = b"left over from the last file".to_vec();
        read_into(&on_disk(&small), None, &mut buffer).expect("read");
        assert_eq!(buffer, read(&on_disk(&small), None).expect("read"));
        assert!(matches!(
            read_into(&on_disk(&large), None, &mut buffer),
            Err(ReadFailure::TooLarge(n)) if n == MAX_FILE_BYTES as u64 + 1
        ));
        let missing = on_disk(&dir.path().join("gone.md"));
        assert!(matches!(
            read_into(&missing, None, &mut buffer),
            Err(ReadFailure::Io(_))
        ));
        let memory = Entry::in_memory("library/x/z.md".into(), Arc::from(&b"in memory"[..]));
        read_into(&memory, None, &mut buffer).expect("read");
        assert_eq!(buffer, b"in memory");
    }

    #[test]
    fn a_work_tree_is_listed_in_path_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let library = dir.path().join("library");
        // Names where sorting by name and sorting by path disagree: `a-b/x` sorts before
        // `a/x` as a path ('-' < '/'), though `a` sorts before `a-b` as a name.
        for folder in ["a", "a-b", "a.b", "ab", "b"] {
            fs::create_dir_all(library.join(folder)).expect("folder");
            for file in ["z.md", "a.md", "a-b.md", "m.md"] {
                fs::write(library.join(folder).join(file), "x").expect("file");
            }
        }
        fs::write(library.join("README.md"), "x").expect("file");
        fs::write(library.join("a.md"), "x").expect("file");
        let entries = list_disk(dir.path()).expect("listed").expect("a library");
        let files: Vec<&str> = entries
            .iter()
            .filter(|e| e.kind == EntryKind::File)
            .map(|e| e.path.as_str())
            .collect();
        let mut sorted = files.clone();
        sorted.sort_unstable();
        assert_eq!(files, sorted);
        assert_eq!(files.len(), 5 * 4 + 2);
        // Each folder comes before what is in it.
        for (i, entry) in entries.iter().enumerate() {
            if let Some((parent, _)) = entry.path.rsplit_once('/')
                && parent != "library"
            {
                let at = entries.iter().position(|e| e.path == parent);
                assert!(at.is_some_and(|at| at < i), "{}", entry.path);
            }
        }
    }
}
