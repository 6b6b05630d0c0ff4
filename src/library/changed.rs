//! `validate --changed-since`: check only the files that changed, while the library-wide rules
//! still see every other JD through its cached summary (contract §6).
//!
//! The files unchanged since the base revision are exactly that revision's blobs, so their
//! duplicate keys and body hashes come from the summary cache by blob id, and only cache misses
//! are read (once; later runs find them). The changed files get the full per-file check.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::git::{EntryKind, GitError, Oid, Repo};
use crate::library::check;
use crate::library::register::Register;
use crate::library::source::{self, Entry};
use crate::library::summary_cache::{Summary, SummaryCache};
use crate::library::validate::{self, Item};
use crate::library::{LoadError, LoadOptions, Origin, ROLES_PATH, layout, load_registry, locate};

/// What an incremental check found.
pub struct ChangedReport {
    /// Findings that involve a changed file, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// How many changed JD files were checked.
    pub checked: usize,
    /// The changed JDs that could be read, in path order.
    pub jds: Vec<check::JobDescription>,
}

/// Checks the files changed since `since`. `None` when `roles.yaml` changed: every JD depends
/// on it, so the caller must check the whole library.
pub fn check_changed(
    options: &LoadOptions,
    since: &str,
    use_cache: bool,
) -> Result<Option<ChangedReport>, LoadError> {
    let root = locate(options.library.as_deref(), &options.cwd)?;
    let (repo, changed) = changed_paths(&root, &options.origin, since)?;
    let against = match &options.origin {
        Origin::Revision(rev) => Some(rev.as_str()),
        Origin::WorkTree => None,
    };
    if changed.contains(ROLES_PATH) {
        return Ok(None);
    }

    let roles = current_entry(&repo, &root, against, ROLES_PATH)?;
    let mut ignored = Vec::new();
    let (registry, registry_loaded) = load_registry(roles.as_ref(), Some(&repo), &mut ignored);
    let ctx = check::Context {
        registry: &registry,
        registry_loaded,
        register: Register::get(),
        today: Date::today(),
    };

    let mut entries = Vec::new();
    for path in &changed {
        if let Some(entry) = current_entry(&repo, &root, against, path)? {
            entries.push(entry);
        }
    }
    let base = Base {
        repo: &repo,
        root: &root,
        rev: against.unwrap_or(since),
        use_cache,
        blame_checked: false,
    };
    Ok(Some(check_over_base(
        &base,
        &entries,
        &changed,
        &options.origin,
        &ctx,
    )?))
}

/// The revision whose JDs the checked files are compared with, and how to read it.
pub struct Base<'a> {
    /// The library's repository.
    pub repo: &'a Repo,
    /// The library root (its work tree).
    pub root: &'a Path,
    /// The revision.
    pub rev: &'a str,
    /// Whether the summary cache may be read and written.
    pub use_cache: bool,
    /// Report library-wide findings on the checked files rather than on the later path: for
    /// a contribution, whose new files are the ones to fix whatever their names.
    pub blame_checked: bool,
}

/// Checks `entries` in full, and the library-wide rules over them plus every JD of `base.rev`
/// whose path is not in `changed` (those come from the summary cache). Only findings that
/// involve a changed path are kept. `origin` says how to read `entries` (in-memory and on-disk
/// entries need no repository).
pub fn check_over_base(
    base: &Base<'_>,
    entries: &[Entry],
    changed: &BTreeSet<String>,
    origin: &Origin,
    ctx: &check::Context<'_>,
) -> Result<ChangedReport, GitError> {
    let mut diagnostics = Vec::new();
    let (jd_entries, _) = layout(entries, &mut diagnostics);
    let mut files = super::check_entries(&jd_entries, base.root, origin, ctx);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let checked = files.len();
    let jds = files.iter().filter_map(|f| f.jd.clone()).collect();
    for file in &mut files {
        diagnostics.append(&mut file.diagnostics);
    }

    // Everything else, as the base revision has it.
    let mut unchanged = source::jd_blobs(base.repo, base.rev)?;
    unchanged.retain(|(path, _)| !changed.contains(path));
    let mut cache = SummaryCache::open(base.use_cache.then(|| base.repo.git_dir()));
    let summaries = summarise(&unchanged, &mut cache, base.root, ctx);
    if cache.has_additions() {
        let keep: HashSet<[u8; 20]> = unchanged
            .iter()
            .filter_map(|(_, oid)| oid_bytes(*oid))
            .collect();
        cache.save(&keep);
    }

    let mut items: Vec<Item<'_>> = validate::items(&files);
    for ((path, _), summary) in unchanged.iter().zip(&summaries) {
        if let Some(summary) = summary {
            // An unchanged JD's role is its folder: the base passed validation, where they agree.
            let role = path.split('/').nth(1).unwrap_or_default();
            items.push(Item {
                path,
                role,
                summary: *summary,
            });
        }
    }
    let is_changed = |p: &str| changed.contains(p);
    // `cross_check` reports on the later item, so the checked files go last when they are
    // the ones to blame.
    items.sort_by(|a, b| {
        let last = |p: &str| base.blame_checked && is_changed(p);
        (last(a.path), a.path).cmp(&(last(b.path), b.path))
    });
    diagnostics.extend(
        validate::cross_check(&items)
            .into_iter()
            .filter(|d| is_changed(&d.path) || d.related.iter().any(|r| is_changed(r))),
    );
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(ChangedReport {
        diagnostics,
        checked,
        jds,
    })
}

/// The library's repository and the paths under `library/` added, changed or deleted since
/// `since`, in the work tree or in the `--rev` revision.
pub fn changed_paths(
    root: &Path,
    origin: &Origin,
    since: &str,
) -> Result<(Repo, std::collections::BTreeSet<String>), LoadError> {
    let repo = Repo::open_at(root).ok_or_else(|| GitError::NotInRepository {
        root: root.to_owned(),
        flag: "--changed-since",
    })?;
    let against = match origin {
        Origin::Revision(rev) => Some(rev.as_str()),
        Origin::WorkTree => None,
    };
    let changed = repo.changed_since(since, against, "library")?;
    Ok((repo, changed))
}

/// The entry for `path` as the checked version has it: the work tree, or revision `against`.
fn current_entry(
    repo: &Repo,
    root: &Path,
    against: Option<&str>,
    path: &str,
) -> Result<Option<Entry>, GitError> {
    if let Some(rev) = against {
        return Ok(repo
            .entry_at(rev, path)?
            .map(|(kind, oid)| Entry::in_git(path.to_owned(), kind, oid)));
    }
    let location = root.join(path);
    let Ok(meta) = std::fs::symlink_metadata(&location) else {
        return Ok(None);
    };
    let kind = if meta.file_type().is_symlink() {
        EntryKind::Symlink
    } else if meta.is_dir() {
        EntryKind::Folder
    } else if meta.is_file() {
        EntryKind::File
    } else {
        EntryKind::Other
    };
    Ok(Some(Entry::on_disk(path.to_owned(), kind, location)))
}

/// Summaries for blobs, from the cache or by reading and checking the blob (in parallel).
fn summarise(
    blobs: &[(String, Oid)],
    cache: &mut SummaryCache,
    root: &Path,
    ctx: &check::Context<'_>,
) -> Vec<Option<Summary>> {
    let cached: Vec<Option<Option<Summary>>> = blobs
        .iter()
        .map(|(_, oid)| oid_bytes(*oid).and_then(|id| cache.get(&id)))
        .collect();
    let computed: Vec<(usize, Option<Summary>)> = cached
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_none())
        .map(|(i, _)| i)
        .collect::<Vec<_>>()
        .par_iter()
        .map_init(
            || Repo::open_at(root),
            |repo, &i| {
                let (path, oid) = &blobs[i];
                let entry = Entry::in_git(path.clone(), EntryKind::File, *oid);
                let summary = source::read(&entry, repo.as_ref())
                    .ok()
                    .and_then(|bytes| check::check_file(path, &bytes, ctx).jd)
                    .map(|jd| Summary::of(&jd));
                (i, summary)
            },
        )
        .collect();
    let mut out: Vec<Option<Summary>> = cached.into_iter().map(Option::flatten).collect();
    for (i, summary) in computed {
        if let Some(id) = oid_bytes(blobs[i].1) {
            cache.insert(id, summary);
        }
        out[i] = summary;
    }
    out
}

fn oid_bytes(oid: Oid) -> Option<[u8; 20]> {
    oid.as_bytes().try_into().ok()
}
