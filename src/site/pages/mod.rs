//! Every file of the site, one module per page type. Paths from the site root:
//! `index.html`, `roles/index.html`, `roles/<role>/index.html`, `roles/<role>/compare/index.html`,
//! `roles/<role>/<slug>/index.html` (with `<slug>.md` and `<slug>.docx` beside it),
//! `salaries/index.html`,
//! `search/index.html`, `contribute/index.html`, `404.html`, `data/*`, `sitemap.xml`,
//! `feed.xml`, `assets/*`.

mod compare;
mod contribute;
mod home;
mod jd;
mod not_found;
mod role;
mod roles;
mod salaries;
mod search;

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::model::Site;
use super::tree::Staging;
use super::{SiteError, data, feeds, search_index};

/// JDs read and indexed at a time.
const BATCH: usize = 4096;

const STYLE: &str = include_str!("../assets/style.css");
const SEARCH_SCRIPT: &str = include_str!("../assets/search.js");

/// Writes the whole site; returns how many files were written.
pub fn write_all(
    site: &Site<'_>,
    staging: &Staging,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<usize, SiteError> {
    let count = AtomicUsize::new(1);
    let put = |path: &str, bytes: &[u8]| {
        count.fetch_add(1, Ordering::Relaxed);
        staging.write(path, bytes)
    };
    put("assets/style.css", STYLE.as_bytes())?;
    put("assets/search.js", SEARCH_SCRIPT.as_bytes())?;
    put("index.html", home::page(site).as_bytes())?;
    put("roles/index.html", roles::page(site).as_bytes())?;
    put("salaries/index.html", salaries::page(site).as_bytes())?;
    put("search/index.html", search::page(site).as_bytes())?;
    put("contribute/index.html", contribute::page(site).as_bytes())?;
    put("404.html", not_found::page(site).as_bytes())?;
    for (path, bytes) in data::files(site) {
        put(&path, &bytes)?;
    }
    for (path, bytes) in feeds::files(site) {
        put(&path, &bytes)?;
    }
    site.roles.par_iter().try_for_each_init(
        || site.open_repo(),
        |repo, (role, members)| -> Result<(), SiteError> {
            put(
                &format!("roles/{}/index.html", role.id),
                role::page(site, role, members).as_bytes(),
            )?;
            let compare = compare::page(site, repo.as_ref(), role, members)?;
            put(
                &format!("roles/{}/compare/index.html", role.id),
                compare.as_bytes(),
            )
        },
    )?;
    let done = AtomicUsize::new(0);
    let total = site.jds.len();
    let mut index = search_index::Builder::default();
    // In batches, so the words of only one batch of JDs are held at a time.
    for (batch_no, batch) in site.jds.chunks(BATCH).enumerate() {
        let terms = batch
            .par_iter()
            .map_init(
                || site.open_repo(),
                |repo, entry| -> Result<search_index::DocTerms, SiteError> {
                    let text = site.read(repo.as_ref(), &entry.jd.path)?;
                    let body =
                        crate::library::document::split(&text).map_or(text.as_str(), |d| d.body);
                    put(&entry.page, jd::page(site, entry, body).as_bytes())?;
                    put(
                        &format!("{}{}.md", entry.folder(), entry.slug),
                        text.as_bytes(),
                    )?;
                    let role_title = site
                        .role_of(entry)
                        .map_or(entry.jd.front.role.as_str(), |r| r.title.as_str());
                    let word = crate::export::docx::write(&crate::export::Export {
                        jd: entry.jd,
                        body,
                        role_title,
                    })?;
                    put(&format!("{}{}.docx", entry.folder(), entry.slug), &word)?;
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                    Ok(search_index::DocTerms::new(site, entry, body))
                },
            )
            .collect::<Result<Vec<_>, _>>()?;
        for (i, doc) in terms.into_iter().enumerate() {
            index.add(batch_no * BATCH + i, doc);
        }
    }
    for (path, bytes) in index.files(site) {
        put(&path, &bytes)?;
    }
    Ok(count.load(Ordering::Relaxed))
}
