//! Library-wide rules (contract §6): the same advert twice, and identical bodies. Each finding
//! is reported on the later file in path order and names the earlier one, so the file a
//! contributor just added is the one flagged.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::diagnostic::{Code, Diagnostic};
use crate::library::check::Checked;
use crate::library::summary_cache::{AdvertKey, Summary};

/// One JD as these rules see it: its path, role and summary.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    /// Path from the library root.
    pub path: &'a str,
    /// Role id.
    pub role: &'a str,
    /// Duplicate key, body hash and the lines to point at.
    pub summary: Summary,
}

/// Items for every usable JD among checked files, in path order.
pub fn items(files: &[Checked]) -> Vec<Item<'_>> {
    files
        .iter()
        .filter_map(|f| f.jd.as_ref())
        .map(|jd| Item {
            path: &jd.path,
            role: &jd.front.role,
            summary: Summary::of(jd),
        })
        .collect()
}

/// Findings that involve more than one file, each reported on the later item; `items` come in
/// path order (the contract), or with the files to blame last (a contribution).
pub fn cross_check(items: &[Item<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut adverts: HashMap<(&str, AdvertKey), &str> = HashMap::new();
    let mut bodies: HashMap<u64, &str, BuildHasherDefault<Prehashed>> = HashMap::default();
    for item in items {
        let summary = &item.summary;
        if let Some(key) = summary.advert {
            if let Some(earlier) = adverts.get(&(item.role, key)) {
                let org = String::from_utf8_lossy(&key.organisation);
                out.push(
                    Diagnostic::error(
                        item.path,
                        u32::from(summary.advertised_line),
                        1,
                        Code::DuplicateAdvert,
                        format!(
                            "{earlier} already records a {} {} advert by {org} on {}; \
                             if this is a different post, check the date, level or role",
                            key.level, item.role, key.date
                        ),
                    )
                    .with_related(earlier),
                );
            } else {
                adverts.insert((item.role, key), item.path);
            }
        }
        if let Some(earlier) = bodies.get(&summary.body_hash) {
            out.push(
                Diagnostic::warning(
                    item.path,
                    u32::from(summary.body_line),
                    1,
                    Code::DuplicateBody,
                    format!("the body is identical to {earlier}'s; a new version should say something different"),
                )
                .with_related(earlier),
            );
        } else {
            bodies.insert(summary.body_hash, item.path);
        }
    }
    out
}

/// Body hashes are already well mixed, so hashing them again for the map is wasted work on a
/// 100,000-file library.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used for `u64` keys; fold anything else in, to stay correct.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
