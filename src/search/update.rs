//! Keeping the index in step with the library, so a search never sees stale text.
//!
//! The work tree's index lives in `.git/jdlib/search/worktree/` with its manifest
//! (`manifest.rs`); each run stats every JD file, reads only those whose stamp changed, and
//! re-indexes only those whose content changed. A revision's index (`--rev`) is keyed by the
//! id of its `library/` tree, which names its exact content, so it is built once and never
//! updated; only the latest revision's is kept.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::git::{EntryKind, Repo};
use crate::library::check;
use crate::library::source::{self, Entry};
use crate::search::SearchError;
use crate::search::document::index_doc;
use crate::search::index::{SearchIndex, Writer};
use crate::search::listing::jd_files;
use crate::search::manifest::{Manifest, Record, Stamp};
use crate::search::watch::{self, Changes};

/// Indexing threads; more than the machine's cores only adds contention.
const MAX_THREADS: usize = 4;
/// Memory for a whole-library build, shared by the indexing threads; keeps a 100,000-JD build
/// under the 400 MB target (160 MB peaked at 381 MB; see BENCHMARKS.md).
const BUILD_BUDGET: usize = 120_000_000;
/// Memory for an update of a few files.
const UPDATE_BUDGET: usize = 30_000_000;

/// Told how indexing goes, so the command can show a progress bar.
pub trait Progress: Sync {
    /// `files` JD files are about to be read and indexed.
    fn start(&self, files: u64);
    /// One more file is done.
    fn advance(&self);
    /// Indexing is over.
    fn finish(&self);
}

/// Shows nothing.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// What bringing the index up to date did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Freshness {
    /// JD files searched.
    pub files: usize,
    /// Files that are not usable JDs, left out of the index.
    pub skipped: usize,
    /// Files read because they were new or their stamp changed.
    pub read: usize,
    /// Files (re-)indexed or removed from the index.
    pub changed: usize,
    /// Whether the index was built from nothing.
    pub built: bool,
}

/// A JD file on disk.
struct Found {
    path: String,
    stamp: Stamp,
    /// The watcher saw it change: read it even if its stamp is as recorded (an edit within the
    /// same clock tick, or one that put the old time back).
    changed: bool,
}

/// Brings the work tree's index, kept in the `.git` folder `git`, up to date and opens it.
/// (Searches without a kept index scan the files instead: `scan/`.)
///
/// A kept index is checked against the files either by `stat`ing every one, or, when a
/// watcher (`watch.rs`) has been running since the index was last updated, by asking it which
/// files changed. A large library's first search starts a watcher for the next.
pub fn work_tree(
    root: &Path,
    git: &Path,
    ctx: &check::Context<'_>,
    mode: watch::Mode,
    progress: &dyn Progress,
) -> Result<(SearchIndex, Freshness), SearchError> {
    let store = git.join("jdlib").join("search");
    let _lock = lock(&store)?;
    let manifest_path = store.join("worktree.manifest");
    let header = Manifest::header(&manifest_path);
    let mut watcher = (mode != watch::Mode::Never)
        .then(|| watch::Client::connect(&store))
        .flatten();
    let asked = watcher
        .as_mut()
        .and_then(|w| w.changes(header.map_or(0, |h| h.id)).ok());

    // The watcher vouches that no file changed since the manifest was saved: nothing to read.
    if let (Some(Changes::Files { token, paths }), Some(header)) = (&asked, header)
        && paths.is_empty()
        && let Some(index) = SearchIndex::open(&store.join("worktree"))
        && index.opstamp().ok() == Some(header.opstamp)
    {
        confirm(watcher.as_mut(), *token, header.id);
        let freshness = Freshness {
            files: header.files,
            skipped: header.unusable,
            ..Freshness::default()
        };
        return Ok((index, freshness));
    }

    let (index, manifest) = open_or_reset(&store)?;
    let files = match &asked {
        Some(Changes::Files { paths, .. })
            if manifest.id != 0 && header.is_some_and(|h| h.id == manifest.id) =>
        {
            patched(root, &manifest, paths)
        }
        _ => list(root)?,
    };
    let (index, freshness, records) = refresh(root, index, &manifest, &files, ctx, progress)?;
    let id = match records {
        // The cache only saves time: a failure to write it costs a rebuild next run, and the
        // watcher is not told, so it keeps its record of changes.
        Some(records) => records.save(&manifest_path).ok(),
        None => Some(manifest.id),
    };
    match (&asked, id) {
        (Some(Changes::Files { token, .. } | Changes::Everything { token }), Some(id)) => {
            confirm(watcher.as_mut(), *token, id);
        }
        _ if watcher.is_none() && mode.wants(files.len()) => watch::start(root),
        _ => {}
    }
    Ok((index, freshness))
}

/// Tells the watcher the index is up to date; if that fails it will say "everything" next time.
fn confirm(watcher: Option<&mut watch::Client>, token: u64, manifest: u64) {
    if let Some(watcher) = watcher {
        let _ = watcher.done(token, manifest);
    }
}

/// The files of the library, as the manifest records them, except `changed`, which are looked
/// at afresh: the list `list` would make when only those files changed.
fn patched(root: &Path, manifest: &Manifest, changed: &[String]) -> Vec<Found> {
    let mut files: Vec<Found> = manifest
        .records
        .iter()
        .filter(|r| changed.binary_search(&r.path).is_err())
        .map(|r| Found {
            path: r.path.clone(),
            stamp: r.stamp,
            changed: false,
        })
        .collect();
    for path in changed {
        // `symlink_metadata`, as listing does not follow links: a linked JD is refused (§2).
        if let Ok(meta) = fs::symlink_metadata(root.join(path))
            && meta.is_file()
        {
            files.push(Found {
                path: path.clone(),
                stamp: stamp(&meta),
                changed: true,
            });
        }
    }
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Brings `index`, described by `manifest`, in step with `files`. Returns the new records when
/// they differ from the manifest's.
fn refresh(
    root: &Path,
    index: SearchIndex,
    manifest: &Manifest,
    files: &[Found],
    ctx: &check::Context<'_>,
    progress: &dyn Progress,
) -> Result<(SearchIndex, Freshness, Option<Manifest>), SearchError> {
    let now = now_nanos();

    // Walk both sorted lists together: unchanged stamps keep their record.
    let mut records: Vec<Option<Record>> = Vec::with_capacity(files.len());
    let mut to_read: Vec<(usize, Option<&Record>)> = Vec::new();
    let mut removed: Vec<&str> = Vec::new();
    let mut old = manifest.records.iter().peekable();
    for (i, file) in files.iter().enumerate() {
        while let Some(r) = old.next_if(|r| r.path < file.path) {
            removed.push(&r.path);
        }
        match old.next_if(|r| r.path == file.path) {
            Some(r) if r.stamp == file.stamp && r.stamp.seconds != 0 && !file.changed => {
                records.push(Some(r.clone()));
            }
            previous => {
                records.push(None);
                to_read.push((i, previous));
            }
        }
    }
    removed.extend(old.map(|r| r.path.as_str()));

    let mut freshness = Freshness {
        files: files.len(),
        read: to_read.len(),
        built: manifest.records.is_empty() && !files.is_empty(),
        ..Freshness::default()
    };
    let mut new_manifest = None;
    if !to_read.is_empty() || !removed.is_empty() {
        let writer = open_writer(&index, freshness.built)?;
        for path in &removed {
            writer.delete(path);
        }
        progress.start(to_read.len() as u64);
        let changed = AtomicUsize::new(removed.len());
        let read: Vec<(usize, Record)> = to_read
            .par_iter()
            .map(|&(i, previous)| {
                let file = &files[i];
                let record = read_one(root, file, previous, now, ctx, &writer, &changed);
                progress.advance();
                record.map(|r| (i, r))
            })
            .collect::<Result<_, _>>()?;
        progress.finish();
        for (i, record) in read {
            records[i] = Some(record);
        }
        freshness.changed = changed.into_inner();
        let opstamp = if freshness.changed > 0 {
            writer.commit()?
        } else {
            manifest.opstamp
        };
        new_manifest = Some(Manifest {
            opstamp,
            id: 0,
            records: records.iter().flatten().cloned().collect(),
        });
    }
    freshness.skipped = records.iter().flatten().filter(|r| !r.indexed).count();
    Ok((index, freshness, new_manifest))
}

/// Reads a new or touched file; re-indexes it when its content changed.
fn read_one(
    root: &Path,
    file: &Found,
    previous: Option<&Record>,
    now: i128,
    ctx: &check::Context<'_>,
    writer: &Writer<'_>,
    changed: &AtomicUsize,
) -> Result<Record, SearchError> {
    let entry = Entry::on_disk(file.path.clone(), EntryKind::File, root.join(&file.path));
    // An unreadable or oversized file is not a usable JD; validate says why.
    let bytes = source::read(&entry, None).unwrap_or_default();
    let hash = content_hash(&bytes);
    let stamp = file.stamp.settled(now);
    if let Some(previous) = previous.filter(|p| p.hash == hash) {
        return Ok(Record {
            stamp,
            ..previous.clone()
        });
    }
    if previous.is_some_and(|p| p.indexed) {
        writer.delete(&file.path);
    }
    let doc = index_doc(&file.path, &bytes, ctx);
    if let Some(doc) = &doc {
        writer.add(doc)?;
    }
    if doc.is_some() || previous.is_some_and(|p| p.indexed) {
        changed.fetch_add(1, Ordering::Relaxed);
    }
    Ok(Record {
        path: file.path.clone(),
        stamp,
        hash,
        indexed: doc.is_some(),
    })
}

/// Opens the kept index and its manifest, or starts both afresh when either is missing,
/// damaged, from another jdlib version, or they describe different commits.
/// Takes the kept index for this process: another search that is updating it finishes first.
/// The operating system's file lock is released when the process ends, so a crash leaves no
/// stale lock behind.
fn lock(store: &Path) -> Result<fs::File, SearchError> {
    let cache_error = |source| SearchError::Cache {
        dir: store.to_owned(),
        source,
    };
    fs::create_dir_all(store).map_err(cache_error)?;
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(store.join("lock"))
        .map_err(cache_error)?;
    file.lock().map_err(cache_error)?;
    Ok(file)
}

fn open_or_reset(store: &Path) -> Result<(SearchIndex, Manifest), SearchError> {
    let dir = store.join("worktree");
    if let (Some(index), Some(manifest)) = (
        SearchIndex::open(&dir),
        Manifest::load(&store.join("worktree.manifest")),
    ) && index.opstamp().ok() == Some(manifest.opstamp)
    {
        return Ok((index, manifest));
    }
    let cache_error = |source| SearchError::Cache {
        dir: dir.clone(),
        source,
    };
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(cache_error)?;
    }
    fs::create_dir_all(&dir).map_err(cache_error)?;
    Ok((SearchIndex::create(&dir)?, Manifest::default()))
}

fn open_writer(index: &SearchIndex, whole: bool) -> Result<Writer<'_>, SearchError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(MAX_THREADS);
    let budget = if whole { BUILD_BUDGET } else { UPDATE_BUDGET };
    let writer = index.writer(threads, budget.max(threads * 16_000_000))?;
    if whole {
        writer.without_merging();
    }
    Ok(writer)
}

/// Every JD file with its stamp, sorted by path.
fn list(root: &Path) -> Result<Vec<Found>, SearchError> {
    jd_files(
        root,
        |path, item| {
            let meta = item.metadata().ok()?;
            Some(Found {
                path,
                stamp: stamp(&meta),
                changed: false,
            })
        },
        |file| &file.path,
    )
}

#[cfg(unix)]
fn stamp(meta: &fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    Stamp {
        size: meta.len(),
        seconds: meta.mtime(),
        nanos: u32::try_from(meta.mtime_nsec()).unwrap_or(0),
        inode: meta.ino(),
    }
}

#[cfg(not(unix))]
fn stamp(meta: &fs::Metadata) -> Stamp {
    let since = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    Stamp {
        size: meta.len(),
        seconds: i64::try_from(since.as_secs()).unwrap_or(0),
        nanos: since.subsec_nanos(),
        inode: 0,
    }
}

fn now_nanos() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Opens the index of revision `rev`, building it first if this revision's `library/` tree
/// has none yet.
pub fn revision(
    root: &Path,
    repo: &Repo,
    rev: &str,
    cache: Option<&Path>,
    ctx: &check::Context<'_>,
    progress: &dyn Progress,
) -> Result<(SearchIndex, Freshness), SearchError> {
    let tree = match repo.entry_at(rev, "library")? {
        Some((EntryKind::Folder, oid)) => oid.to_string(),
        _ => return Ok((SearchIndex::in_memory(), Freshness::default())),
    };
    let store = cache.map(|git| git.join("jdlib").join("search"));
    let _lock = store.as_deref().map(lock).transpose()?;
    let done = store.as_ref().map(|s| s.join(format!("rev-{tree}")));
    if let Some(index) = done.as_deref().and_then(SearchIndex::open)
        && let Ok(Some(freshness)) = index.payload().map(|p| p.as_deref().and_then(decode))
    {
        return Ok((index, freshness));
    }
    let mut entries = source::jd_blobs(repo, rev)?;
    entries.retain(|(path, _)| !path.ends_with("/README.md"));
    let building = match (&store, &done) {
        (Some(store), Some(_)) => {
            // One revision's index at a time: they are as large as the work tree's.
            if let Ok(items) = fs::read_dir(store) {
                for item in items.flatten() {
                    if item.file_name().to_string_lossy().starts_with("rev-") {
                        let _ = fs::remove_dir_all(item.path());
                    }
                }
            }
            let dir = store.join(format!("rev-{tree}.{}.tmp", std::process::id()));
            fs::create_dir_all(&dir).map_err(|source| SearchError::Cache {
                dir: dir.clone(),
                source,
            })?;
            Some(dir)
        }
        _ => None,
    };
    let index = match &building {
        Some(dir) => SearchIndex::create(dir)?,
        None => SearchIndex::in_memory(),
    };
    let writer = open_writer(&index, true)?;
    progress.start(entries.len() as u64);
    let indexed = entries
        .par_iter()
        .map_init(
            || Repo::open_at(root),
            |repo, (path, oid)| {
                let entry = Entry::in_git(path.clone(), EntryKind::File, *oid);
                let bytes = source::read(&entry, repo.as_ref()).unwrap_or_default();
                let doc = index_doc(path, &bytes, ctx);
                progress.advance();
                match doc {
                    Some(doc) => writer.add(&doc).map(|()| 1),
                    None => Ok(0),
                }
            },
        )
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    progress.finish();
    let freshness = Freshness {
        files: entries.len(),
        skipped: entries.len() - indexed,
        read: entries.len(),
        changed: indexed,
        built: true,
    };
    writer.commit_with_payload(&encode(&freshness))?;
    if let (Some(dir), Some(done)) = (&building, &done)
        && fs::rename(dir, done).is_ok()
        && let Some(index) = SearchIndex::open(done)
    {
        return Ok((index, freshness));
    }
    Ok((index, freshness))
}

fn encode(f: &Freshness) -> String {
    format!("{} {}", f.files, f.skipped)
}

fn decode(payload: &str) -> Option<Freshness> {
    let (files, skipped) = payload.split_once(' ')?;
    Some(Freshness {
        files: files.parse().ok()?,
        skipped: skipped.parse().ok()?,
        ..Freshness::default()
    })
}

/// Whether the work tree's index has been built in `store` (`.git/jdlib/search`): a cold
/// search may answer by scanning instead of building it first. A damaged or outdated index
/// still counts; updating it finds that out and rebuilds it.
pub fn has_work_tree_index(store: &Path) -> bool {
    store.join("worktree.manifest").is_file() && store.join("worktree").join("meta.json").is_file()
}

/// Whether another process holds the index's lock (building or updating it), without waiting.
pub fn is_busy(store: &Path) -> bool {
    let Ok(file) = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(store.join("lock"))
    else {
        return false;
    };
    matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
}
