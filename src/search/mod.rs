//! `jdlib search`: ranked full-text search over the library with field filters and snippets.
//!
//! [`query`] parses the query language, [`plan`] turns it into index terms and filters,
//! [`update`] brings the index (kept in `.git/jdlib/search/`) up to date with the files before
//! every search, [`index`] runs it (tantivy, BM25), and each hit's title, pay and
//! [`snippet`] are read from the hit's own file. Without an index to keep (`--no-cache`, no git
//! repository) and on a large library's first search, [`scan`] answers from the files instead,
//! with the same hits and scores, and [`background`] builds the index for the next search.

pub mod background;
pub mod document;
pub mod index;
mod listing;
pub mod manifest;
pub mod plan;
pub mod query;
pub mod scan;
pub mod snippet;
pub mod update;
pub mod watch;

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::filter::FilterInput;
use crate::git::{EntryKind, GitError, Repo};
use crate::library::check::{self, JobDescription};
use crate::library::register::Register;
use crate::library::source::Entry;
use crate::library::{LoadError, ROLES_PATH, document as jd_document, load_registry, locate};
pub use background::Background;
use index::{Hit as IndexHit, Lookup, Match, Plan, SearchIndex};
pub use plan::PlanError;
pub use query::{Query, SyntaxError};
use snippet::Snippet;
pub use update::{Freshness, Progress, Quiet};

/// A cold search (no index yet) of at least this many JD files is answered by a scan while the
/// index is built in the background; below it, building first takes about a second and the
/// search then uses the index (see BENCHMARKS.md). `JDLIB_SEARCH_SCAN_FROM` overrides it (tests).
const SCAN_FROM_FILES: usize = 5_000;

/// The search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The library could not be found.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The query or a filter flag is wrong.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// Git failed (`--rev`).
    #[error(transparent)]
    Git(#[from] GitError),
    /// The index failed.
    #[error(transparent)]
    Index(#[from] index::IndexError),
    /// A folder of the library could not be read.
    #[error("reading {path}")]
    Read {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The index folder could not be prepared.
    #[error("preparing the search index in {dir}")]
    Cache {
        /// The folder.
        dir: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// What to search and how.
pub struct Request<'a> {
    /// `--library DIR`, if given.
    pub library: Option<&'a Path>,
    /// The folder to search upward from.
    pub cwd: &'a Path,
    /// `--rev`: search this revision instead of the work tree.
    pub rev: Option<&'a str>,
    /// Keep the index in `.git/jdlib/` (false: `--no-cache`, build it in memory).
    pub use_cache: bool,
    /// The parsed query.
    pub query: &'a Query,
    /// `list`'s filter flags, as typed.
    pub flags: FilterInput<'a>,
    /// Most hits to return.
    pub limit: usize,
    /// How the index is kept up to date.
    pub upkeep: Upkeep,
}

/// How a kept index is brought up to date: settings that tests and large libraries tune.
#[derive(Clone, Copy, Debug)]
pub struct Upkeep {
    /// Whether a watcher reports changed files.
    pub watch: watch::Mode,
    /// From this many files, a search with no index yet scans and builds one in the background.
    pub scan_from: usize,
}

impl Upkeep {
    /// From the settings' text (`JDLIB_SEARCH_WATCH`, `JDLIB_SEARCH_SCAN_FROM`), with defaults.
    pub fn new(watch: Option<&str>, scan_from: Option<usize>) -> Upkeep {
        Upkeep {
            watch: watch::Mode::parse(watch),
            scan_from: scan_from.unwrap_or(SCAN_FROM_FILES),
        }
    }
}

/// One hit, ready to show.
pub struct Found {
    /// Path from the library root.
    pub path: String,
    /// BM25 score.
    pub score: f32,
    /// The JD as checked now.
    pub jd: JobDescription,
    /// Why it matched.
    pub snippet: Snippet,
}

/// The answer to a search.
pub struct Answer {
    /// The best hits, best first.
    pub hits: Vec<Found>,
    /// How many JDs match in all.
    pub total: usize,
    /// For words that match nothing: (word as typed, a close word that does occur).
    pub suggestions: Vec<(String, Option<String>)>,
    /// What updating the index did (for a scan: files read and skipped).
    pub freshness: Freshness,
    /// Whether the index is being built in the background (the search scanned the files).
    pub background: Option<Background>,
}

/// How a search is answered.
enum Engine {
    /// By the (updated) index.
    Index(SearchIndex),
    /// By reading every file.
    Scan {
        files: Vec<scan::JdFile>,
        scanned: scan::Scanned,
    },
}

/// Runs a search: brings the index up to date, then queries it; or, with no index to keep or
/// none built yet on a large library, scans the files (and starts building the index).
pub fn search(request: &Request<'_>, progress: &dyn Progress) -> Result<Answer, SearchError> {
    let root = locate(request.library, request.cwd)?;
    let repo = Repo::open_at(&root);
    if request.rev.is_some() && repo.is_none() {
        return Err(GitError::NotInRepository {
            root: root.clone(),
            flag: "--rev",
        }
        .into());
    }
    let source = match (request.rev, repo.as_ref()) {
        (Some(rev), Some(repo)) => Files::Revision { repo, rev },
        _ => Files::WorkTree { root: &root },
    };
    let registry = source.registry()?;
    let planned = plan::plan(request.query, &request.flags, &registry)?;
    let ctx = context(&registry);
    let cache = if request.use_cache {
        repo.as_ref().map(Repo::git_dir)
    } else {
        None
    };
    let store = cache.map(|git| git.join("jdlib").join("search"));
    let mut background = None;
    let (engine, freshness) = match (request.rev, repo.as_ref(), &store) {
        (Some(rev), Some(repo), _) => {
            let (index, freshness) = update::revision(&root, repo, rev, cache, &ctx, progress)?;
            (Engine::Index(index), freshness)
        }
        (_, Some(repo), Some(store)) if update::has_work_tree_index(store) => {
            let git = repo.git_dir();
            let (index, freshness) =
                update::work_tree(&root, git, &ctx, request.upkeep.watch, progress)?;
            (Engine::Index(index), freshness)
        }
        (_, _, store) => {
            let files = scan::list(&root)?;
            let busy = store.as_deref().is_some_and(update::is_busy);
            if let (Some(git), false, true) = (cache, busy, files.len() < request.upkeep.scan_from)
            {
                // Small and cold: building first is quick, and the next search is warm.
                let (index, freshness) =
                    update::work_tree(&root, git, &ctx, request.upkeep.watch, progress)?;
                (Engine::Index(index), freshness)
            } else {
                let scanned = scan::scan(&files, &planned.plan, &ctx, request.limit);
                let freshness = Freshness {
                    files: files.len(),
                    skipped: files.len() - scanned.usable,
                    read: files.len(),
                    ..Freshness::default()
                };
                if store.is_some() {
                    // Started after the scan, so it does not slow this search down.
                    background = Some(if busy {
                        Background::Running
                    } else {
                        background::start(&root)
                    });
                }
                (Engine::Scan { files, scanned }, freshness)
            }
        }
    };
    let (hits, total) = match &engine {
        Engine::Index(index) => index.search(&planned.plan, request.limit)?,
        Engine::Scan { scanned, .. } => (scanned.hits.clone(), scanned.total),
    };
    let lookups: Vec<Lookup> = planned.plan.must.iter().map(|m| m.lookup.clone()).collect();
    let mut found = Vec::with_capacity(hits.len());
    for IndexHit { path, score } in hits {
        // The index matched this content, so only a file changed since this run began fails.
        let Some(bytes) = source.read(&path) else {
            continue;
        };
        let Some(jd) = document::usable_jd(&path, &bytes, &ctx) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let body = jd_document::split(jd_document::strip_bom(&text)).map_or("", |d| d.body);
        found.push(Found {
            snippet: snippet::snippet(body, &lookups),
            path,
            score,
            jd,
        });
    }
    let suggestions = if total == 0 {
        suggest(&engine, &planned, &source, &ctx)?
    } else {
        Vec::new()
    };
    Ok(Answer {
        hits: found,
        total,
        suggestions,
        freshness,
        background,
    })
}

/// Builds or updates the work tree's index and returns what that did: the hidden command a
/// cold search starts in the background. Outside a git repository there is nothing to keep.
pub fn build_index(
    library: Option<&Path>,
    cwd: &Path,
    watch: watch::Mode,
) -> Result<Freshness, SearchError> {
    let root = locate(library, cwd)?;
    let Some(repo) = Repo::open_at(&root) else {
        return Ok(Freshness::default());
    };
    let registry = Files::WorkTree { root: &root }.registry()?;
    let ctx = context(&registry);
    let (_, freshness) = update::work_tree(&root, repo.git_dir(), &ctx, watch, &Quiet)?;
    Ok(freshness)
}

fn context(registry: &crate::library::roles::RoleRegistry) -> check::Context<'_> {
    check::Context {
        registry,
        registry_loaded: !registry.roles().is_empty(),
        register: Register::get(),
        today: Date::today(),
    }
}

/// "Did you mean": for each single word that alone matches nothing, the closest word in the
/// JD that has the nearest term (within two edits).
fn suggest(
    engine: &Engine,
    planned: &plan::Planned,
    source: &Files<'_>,
    ctx: &check::Context<'_>,
) -> Result<Vec<(String, Option<String>)>, SearchError> {
    let mut out = Vec::new();
    for (word, token) in &planned.words {
        let nearest = match engine {
            Engine::Index(index) => {
                let alone = Plan {
                    must: vec![Match {
                        lookup: Lookup::Token(token.clone()),
                        roles: Vec::new(),
                    }],
                    ..Plan::default()
                };
                if index.search(&alone, 1)?.1 > 0 {
                    continue;
                }
                index.nearest(token)?
            }
            Engine::Scan { files, scanned } => {
                if scanned.seen.iter().any(|(t, seen)| t == token && *seen) {
                    continue;
                }
                scan::nearest(files, token, ctx)
            }
        };
        let near = nearest
            .and_then(|path| source.read(&path))
            .and_then(|bytes| {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let words: Vec<&str> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                crate::suggest::did_you_mean(word, words).map(str::to_lowercase)
            });
        out.push((word.clone(), near));
    }
    Ok(out)
}

/// Where files are read from: the work tree or a revision.
enum Files<'a> {
    WorkTree { root: &'a Path },
    Revision { repo: &'a Repo, rev: &'a str },
}

impl Files<'_> {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        match self {
            Files::WorkTree { root } => std::fs::read(root.join(path)).ok(),
            Files::Revision { repo, rev } => repo.read_path(rev, path).ok().flatten(),
        }
    }

    fn registry(&self) -> Result<crate::library::roles::RoleRegistry, SearchError> {
        let entry = match self {
            Files::WorkTree { root } => {
                let location = root.join(ROLES_PATH);
                location
                    .is_file()
                    .then(|| Entry::on_disk(ROLES_PATH.to_owned(), EntryKind::File, location))
            }
            Files::Revision { repo, rev } => repo
                .entry_at(rev, ROLES_PATH)?
                .map(|(kind, oid)| Entry::in_git(ROLES_PATH.to_owned(), kind, oid)),
        };
        let repo = match self {
            Files::Revision { repo, .. } => Some(*repo),
            Files::WorkTree { .. } => None,
        };
        // A broken registry is validate's to report; search still runs, without role titles.
        let mut ignored = Vec::new();
        Ok(load_registry(entry.as_ref(), repo, &mut ignored).0)
    }
}
