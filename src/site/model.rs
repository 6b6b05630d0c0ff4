//! What every page draws on: the valid JDs with their page paths and dates, grouped by role.

use std::collections::{BTreeMap, HashMap};

use crate::date::Date;
use std::path::Path;

use crate::git::Repo;
use crate::library::roles::{Role, RoleRegistry};
use crate::library::{JobDescription, Library, Origin};

use super::SiteOptions;

/// One JD as the site shows it.
pub struct Entry<'a> {
    /// The JD.
    pub jd: &'a JobDescription,
    /// Its file name without `.md`.
    pub slug: &'a str,
    /// Its page, from the site root.
    pub page: String,
    /// The day its file last changed in git, when committed.
    pub changed: Option<Date>,
}

impl Entry<'_> {
    /// The folder of its page, from the site root (`roles/<role>/<slug>/`).
    pub fn folder(&self) -> &str {
        self.page.strip_suffix("index.html").unwrap_or(&self.page)
    }

    /// The council's name, or "Model JD".
    pub fn council(&self) -> &str {
        self.jd
            .authority
            .map_or("Model JD", |a| a.official_name.as_str())
    }
}

/// The library as the site sees it. Shared by the threads that write pages, so it holds no git
/// handle: each thread opens its own to read a revision.
pub struct Site<'a> {
    /// The library root.
    pub root: &'a Path,
    /// Work tree or revision.
    pub origin: &'a Origin,
    /// The role registry.
    pub registry: &'a RoleRegistry,
    /// Build options.
    pub options: &'a SiteOptions,
    /// Valid JDs, sorted by path.
    pub jds: Vec<Entry<'a>>,
    /// Roles in registry order, each with its JDs (indices into `jds`) by level, then path.
    pub roles: Vec<(&'a Role, Vec<usize>)>,
}

impl<'a> Site<'a> {
    /// Gathers what the pages need.
    pub fn new(library: &'a Library, options: &'a SiteOptions) -> Site<'a> {
        let rev = match &library.origin {
            Origin::Revision(rev) => rev.as_str(),
            Origin::WorkTree => options.history_rev.as_str(),
        };
        let dates: HashMap<String, i64> = library
            .repo
            .as_ref()
            .and_then(|repo| repo.last_changed(rev, "library").ok())
            .unwrap_or_default();
        let mut jds: Vec<Entry<'a>> = library
            .valid_jds()
            .filter_map(|jd| {
                let slug = jd.path.rsplit('/').next()?.strip_suffix(".md")?;
                Some(Entry {
                    jd,
                    slug,
                    page: format!("roles/{}/{slug}/index.html", jd.front.role),
                    changed: dates
                        .get(&jd.path)
                        .map(|secs| Date::from_days(secs.div_euclid(86_400))),
                })
            })
            .collect();
        jds.sort_by(|a, b| a.jd.path.cmp(&b.jd.path));
        let mut by_role: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, entry) in jds.iter().enumerate() {
            by_role.entry(&entry.jd.front.role).or_default().push(i);
        }
        let roles = library
            .registry
            .roles()
            .iter()
            .map(|role| {
                let mut members = by_role.remove(role.id.as_str()).unwrap_or_default();
                members.sort_by(|&a, &b| {
                    let (a, b) = (&jds[a], &jds[b]);
                    a.jd.front
                        .level
                        .cmp(&b.jd.front.level)
                        .then_with(|| a.jd.path.cmp(&b.jd.path))
                });
                (role, members)
            })
            .collect();
        Site {
            root: &library.root,
            origin: &library.origin,
            registry: &library.registry,
            options,
            jds,
            roles,
        }
    }

    /// The base URL, when known.
    pub fn base_url(&self) -> Option<&str> {
        self.options.base_url.as_deref()
    }

    /// The role of a JD.
    pub fn role_of(&self, entry: &Entry<'_>) -> Option<&'a Role> {
        self.registry.get(&entry.jd.front.role)
    }

    /// A git handle for one thread, when the site is built from a revision.
    pub fn open_repo(&self) -> Option<Repo> {
        match self.origin {
            Origin::Revision(_) => Repo::open_at(self.root),
            Origin::WorkTree => None,
        }
    }

    /// The text of a JD file.
    pub fn read(&self, repo: Option<&Repo>, path: &str) -> Result<String, super::SiteError> {
        crate::library::read_text(self.root, self.origin, repo, path).map_err(|source| {
            super::SiteError::Read {
                path: path.to_owned(),
                source,
            }
        })
    }
}
