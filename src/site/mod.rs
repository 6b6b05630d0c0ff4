//! `jdlib site`: the library as a static web site, for readers who never open a terminal.
//!
//! Every page is built from the loaded [`Library`] into a fresh folder that then replaces the
//! old site in one rename, so a reader (or `--serve`) never sees half a site. Pages link to
//! each other relatively and name `index.html` in full, so the site works under any sub-path
//! and from the file system; only search needs a web server. The same library always gives the
//! same bytes: dates come from git, never from the clock. Paths are part of the contract
//! (see `docs/site.md`).

mod charts;
mod data;
mod feeds;
mod forge_links;
pub(crate) mod html;
mod model;
mod pages;
mod pay;
mod postings;
mod ranges;
mod search_index;
pub mod serve;
mod tree;

use std::path::{Path, PathBuf};

use crate::library::Library;
pub use forge_links::ForgeLinks;
use model::Site;

/// What to build and where.
#[derive(Clone, Debug)]
pub struct SiteOptions {
    /// The folder to write (replaced whole).
    pub out: PathBuf,
    /// The site's absolute address with a final `/`, for the sitemap, feed and canonical links.
    pub base_url: Option<String>,
    /// Where "suggest a change" and "comment" links point, when the forge is known.
    pub forge: Option<ForgeLinks>,
    /// Git revision whose history dates the pages (`HEAD` for the work tree).
    pub history_rev: String,
}

/// What a build made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Built {
    /// JD pages written.
    pub jd_pages: usize,
    /// Role pages written.
    pub role_pages: usize,
    /// JD files left out because they have errors.
    pub skipped: usize,
    /// Files written in all.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
}

/// Why a site could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The output folder holds something jdlib did not build; it is never replaced.
    #[error(
        "{} already exists and is not a site jdlib built (it has no `{}` file): choose another --out folder, or remove it first",
        path.display(),
        tree::MARKER
    )]
    NotASite {
        /// The folder.
        path: PathBuf,
    },
    /// The output folder is inside `library/`, where it would become part of the library.
    #[error("{} is inside the library: choose an --out folder outside library/", path.display())]
    InsideLibrary {
        /// The folder.
        path: PathBuf,
    },
    /// Writing failed.
    #[error("writing {}", path.display())]
    Write {
        /// What was being written.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// A JD's Word document could not be assembled.
    #[error("assembling a JD's Word document")]
    Word(#[from] crate::export::docx::DocxWriteError),
    /// Reading a JD failed.
    #[error("reading {path}")]
    Read {
        /// The JD.
        path: String,
        /// Why.
        #[source]
        source: anyhow::Error,
    },
}

/// Builds the site for `library` into `options.out`. `progress` is told how many JD pages are
/// done, out of how many.
pub fn build(
    library: &Library,
    options: &SiteOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Built, SiteError> {
    let out = absolute(&options.out, &library.root);
    if out.starts_with(library.root.join("library")) {
        return Err(SiteError::InsideLibrary { path: out });
    }
    tree::check_replaceable(&out)?;
    let site = Site::new(library, options);
    let staging = tree::Staging::create(&out)?;
    let written = pages::write_all(&site, &staging, progress)?;
    let bytes = staging.size();
    staging.commit(&out)?;
    Ok(Built {
        jd_pages: site.jds.len(),
        role_pages: site.roles.len(),
        skipped: library.file_count() - site.jds.len(),
        files: written,
        bytes,
    })
}

fn absolute(path: &Path, root: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_owned()
    } else {
        root.join(path)
    }
}
