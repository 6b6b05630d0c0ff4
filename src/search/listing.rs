//! The JD files a search reads: every `library/<role>/<name>.md` regular file. Shared by the
//! index's freshness check (which `stat`s each) and the scan (which only needs their paths).

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::search::SearchError;

/// Every JD file as `make` turns it (given its path from the library root and its folder
/// entry; `None` leaves it out), sorted by `path_of`. Folders are read in parallel: on a large
/// library, the `stat` of each file is most of a freshness check.
pub fn jd_files<T: Send>(
    root: &Path,
    make: impl Fn(String, &fs::DirEntry) -> Option<T> + Sync,
    path_of: impl Fn(&T) -> &str,
) -> Result<Vec<T>, SearchError> {
    let library = root.join("library");
    let read_dir = |dir: &Path| {
        fs::read_dir(dir).map_err(|source| SearchError::Read {
            path: dir.to_owned(),
            source,
        })
    };
    let mut folders = Vec::new();
    for item in read_dir(&library)? {
        let item = item.map_err(|source| SearchError::Read {
            path: library.clone(),
            source,
        })?;
        if item.file_type().is_ok_and(|t| t.is_dir()) {
            folders.push(item.file_name().to_string_lossy().into_owned());
        }
    }
    let lists: Vec<Vec<T>> = folders
        .par_iter()
        .map(|folder| {
            let mut out = Vec::new();
            for item in read_dir(&library.join(folder))? {
                let Ok(item) = item else { continue };
                let name = item.file_name().to_string_lossy().into_owned();
                // `DirEntry::file_type` does not follow links: a linked JD is refused (§2).
                if name.strip_suffix(".md").is_some()
                    && item.file_type().is_ok_and(|t| t.is_file())
                    && let Some(file) = make(format!("library/{folder}/{name}"), &item)
                {
                    out.push(file);
                }
            }
            Ok(out)
        })
        .collect::<Result<_, SearchError>>()?;
    let mut files: Vec<T> = lists.into_iter().flatten().collect();
    files.sort_unstable_by(|a, b| path_of(a).cmp(path_of(b)));
    Ok(files)
}
