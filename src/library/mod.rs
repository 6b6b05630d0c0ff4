//! The library: finding it, reading every file (in parallel, from disk or a git revision),
//! and checking each against the contract. Every command starts from [`Library::load`].

pub mod annual;
pub mod body;
pub mod changed;
pub mod check;
pub mod document;
pub mod front_matter;
pub mod layout;
pub mod money;
pub mod register;
pub mod replacement;
pub mod roles;
pub mod schema;
pub mod scope;
pub mod sections;
pub mod source;
pub mod summary_cache;
pub mod validate;
pub mod yaml;

/// The fast YAML reader under the name `lint` knows it by.
pub use yaml::fast as fast_yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::git::{GitError, Repo};
pub use check::{Checked, JobDescription};
pub(crate) use layout::layout;
pub use layout::{is_slug, slugify};
use register::Register;
use roles::RoleRegistry;
pub use source::Origin;
use source::{Entry, ReadFailure};

/// The registry's path from the library root.
pub const ROLES_PATH: &str = "library/roles.yaml";

/// The library could not be loaded at all (as opposed to having broken files).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// No `library/` in the current folder or any parent.
    #[error(
        "no job description library found in {start} or any folder above it: run jdlib inside a \
         repository that has a `library/` folder, or pass `--library DIR`"
    )]
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
    /// `--library` names a folder without `library/`.
    #[error(
        "{dir} has no `library/` folder: pass the folder that contains `library/` (or `library/` itself)"
    )]
    NoLibraryAt {
        /// What was given.
        dir: PathBuf,
    },
    /// Listing the files failed.
    #[error(transparent)]
    List(#[from] source::ListError),
    /// Git failed.
    #[error(transparent)]
    Git(#[from] GitError),
}

/// Where to find the library and which version to read.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// `--library DIR`, if given.
    pub library: Option<PathBuf>,
    /// The folder to search upward from when `library` is not given.
    pub cwd: PathBuf,
    /// Work tree or revision.
    pub origin: Origin,
}

/// A loaded library: every JD checked, plus the findings about the library as a whole.
pub struct Library {
    /// The folder that holds `library/` (the repository root).
    pub root: PathBuf,
    /// The git repository whose work tree is `root`, if any.
    pub repo: Option<Repo>,
    /// Work tree or revision.
    pub origin: Origin,
    /// The role registry.
    pub registry: RoleRegistry,
    /// One entry per JD file, sorted by path.
    pub files: Vec<Checked>,
    /// Every finding (layout, registry, files, library-wide), sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds the library root: `--library DIR` (the folder holding `library/`, or `library/`
/// itself), else the nearest folder at or above `cwd` that holds `library/roles.yaml`, or that
/// is a git work tree with a `library/` folder.
pub fn locate(library: Option<&Path>, cwd: &Path) -> Result<PathBuf, LoadError> {
    if let Some(dir) = library {
        let dir = if dir.is_absolute() {
            dir.to_owned()
        } else {
            cwd.join(dir)
        };
        if dir.join("library").is_dir() {
            return Ok(dir);
        }
        if dir.file_name().is_some_and(|n| n == "library")
            && dir.is_dir()
            && let Some(parent) = dir.parent()
        {
            return Ok(parent.to_owned());
        }
        return Err(LoadError::NoLibraryAt { dir });
    }
    for dir in cwd.ancestors() {
        let has_library = dir.join("library").is_dir();
        if has_library && (dir.join(ROLES_PATH).is_file() || dir.join(".git").exists()) {
            return Ok(dir.to_owned());
        }
    }
    Err(LoadError::NotFound {
        start: cwd.to_owned(),
    })
}

impl Library {
    /// Finds, reads and checks the whole library.
    pub fn load(options: &LoadOptions) -> Result<Library, LoadError> {
        let root = locate(options.library.as_deref(), &options.cwd)?;
        let repo = Repo::open_at(&root);
        if let (Origin::Revision(_), None) = (&options.origin, &repo) {
            return Err(GitError::NotInRepository {
                root: root.clone(),
                flag: "--rev",
            }
            .into());
        }
        let entries = source::list(&root, &options.origin, repo.as_ref())?.unwrap_or_default();
        let mut diagnostics = Vec::new();
        let (jd_entries, roles_entry) = layout(&entries, &mut diagnostics);

        let (registry, registry_loaded) =
            load_registry(roles_entry, repo.as_ref(), &mut diagnostics);

        let ctx = check::Context {
            registry: &registry,
            registry_loaded,
            register: Register::get(),
            today: Date::today(),
        };
        let mut files = check_entries(&jd_entries, &root, &options.origin, &ctx);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        for file in &mut files {
            diagnostics.append(&mut file.diagnostics);
        }
        diagnostics.extend(validate::cross_check(&validate::items(&files)));
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Ok(Library {
            root,
            repo,
            origin: options.origin.clone(),
            registry,
            files,
            diagnostics,
        })
    }

    /// The JDs that have no error, sorted by path: what `list` and friends show.
    pub fn valid_jds(&self) -> impl Iterator<Item = &JobDescription> {
        let broken: std::collections::HashSet<&str> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.path.as_str())
            .collect();
        self.files
            .iter()
            .filter_map(|f| f.jd.as_ref())
            .filter(move |jd| !broken.contains(jd.path.as_str()))
    }

    /// The text of a library file (path from the root), from wherever the library was read.
    pub fn read_text(&self, path: &str) -> anyhow::Result<String> {
        read_text(&self.root, &self.origin, self.repo.as_ref(), path)
    }

    /// Number of JD files found (valid or not).
    pub fn file_count(&self) -> usize {
        self.files.len()
    }
}

/// The text of a library file (path from `root`) in the work tree or, given the repository, in a
/// revision. For threads that each open their own [`Repo`], since a handle cannot be shared.
pub fn read_text(
    root: &Path,
    origin: &Origin,
    repo: Option<&Repo>,
    path: &str,
) -> anyhow::Result<String> {
    let bytes = match (origin, repo) {
        (Origin::Revision(rev), Some(repo)) => repo
            .read_path(rev, path)?
            .ok_or_else(|| anyhow::anyhow!("{path} does not exist in {rev}"))?,
        _ => std::fs::read(root.join(path)).map_err(|e| anyhow::anyhow!("reading {path}: {e}"))?,
    };
    Ok(document::strip_bom(&String::from_utf8_lossy(&bytes)).to_owned())
}

/// Reads and checks JD files in parallel, from disk or from git.
pub(crate) fn check_entries(
    entries: &[&Entry],
    root: &Path,
    origin: &Origin,
    ctx: &check::Context<'_>,
) -> Vec<Checked> {
    match origin {
        Origin::WorkTree => entries
            .par_iter()
            .map(|entry| read_and_check(entry, None, ctx))
            .collect(),
        Origin::Revision(_) => entries
            .par_iter()
            // libgit2 handles are not shareable between threads: one per worker.
            .map_init(
                || Repo::open_at(root),
                |repo, entry| read_and_check(entry, repo.as_ref(), ctx),
            )
            .collect(),
    }
}

/// Reads and parses `roles.yaml`; the flag says whether role checks can rely on it.
pub(crate) fn load_registry(
    entry: Option<&Entry>,
    repo: Option<&Repo>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (RoleRegistry, bool) {
    let Some(entry) = entry else {
        diagnostics.push(Diagnostic::error(
            ROLES_PATH,
            1,
            1,
            Code::MissingRegistry,
            "library/roles.yaml is missing: the library needs its role registry (see docs/contract.md)",
        ));
        return (RoleRegistry::default(), false);
    };
    match source::read(entry, repo) {
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let (registry, found) = RoleRegistry::parse(ROLES_PATH, document::strip_bom(text));
                // Without a parsed registry every role would look unknown; the registry's own
                // finding says what to fix.
                let loaded = !registry.roles().is_empty();
                diagnostics.extend(found);
                (registry, loaded)
            }
            Err(err) => {
                diagnostics.push(check::not_utf8(ROLES_PATH, &bytes, err.valid_up_to()));
                (RoleRegistry::default(), false)
            }
        },
        Err(failure) => {
            diagnostics.push(read_failure(ROLES_PATH, &failure));
            (RoleRegistry::default(), false)
        }
    }
}

pub(crate) fn read_and_check(
    entry: &Entry,
    repo: Option<&Repo>,
    ctx: &check::Context<'_>,
) -> Checked {
    match source::read(entry, repo) {
        Ok(bytes) => check::check_file(&entry.path, &bytes, ctx),
        Err(failure) => Checked {
            path: entry.path.clone(),
            diagnostics: vec![read_failure(&entry.path, &failure)],
            jd: None,
        },
    }
}

fn read_failure(path: &str, failure: &ReadFailure) -> Diagnostic {
    match failure {
        ReadFailure::TooLarge(size) => Diagnostic::error(
            path,
            1,
            1,
            Code::FileTooLarge,
            format!(
                "the file is {size} bytes; JDs may be at most 1 MiB ({} bytes), so it was not read",
                source::MAX_FILE_BYTES
            ),
        ),
        ReadFailure::Io(reason) => Diagnostic::error(
            path,
            1,
            1,
            Code::Io,
            format!("could not read the file: {reason}"),
        ),
    }
}
