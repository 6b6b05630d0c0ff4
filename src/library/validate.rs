//! Library-wide rules (contract §6): the same advert twice, and identical bodies. Each finding
//! is reported on the later file in path order and names the earlier one, so the file a
//! contributor just added is the one flagged.

use std::collections::HashMap;

use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic};
use crate::library::check::Checked;
use crate::library::front_matter::{Level, Source};

/// Findings that involve more than one file. `files` must be sorted by path.
pub fn cross_check(files: &[Checked]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut adverts: HashMap<(&str, &str, Level, Date), &str> = HashMap::new();
    let mut bodies: HashMap<u64, &str> = HashMap::new();
    for jd in files.iter().filter_map(|f| f.jd.as_ref()) {
        if let (Source::Advertised, Some(org), Some(date)) = (
            jd.front.source,
            jd.front.organisation.as_deref(),
            jd.advertised,
        ) {
            let key = (org, jd.front.role.as_str(), jd.front.level, date);
            if let Some(earlier) = adverts.get(&key) {
                out.push(
                    Diagnostic::error(
                        &jd.path,
                        jd.advertised_pos.line,
                        jd.advertised_pos.column,
                        Code::DuplicateAdvert,
                        format!(
                            "{earlier} already records a {} {} advert by {org} on {date}; \
                             if this is a different post, check the date, level or role",
                            jd.front.level, jd.front.role
                        ),
                    )
                    .with_related(earlier),
                );
            } else {
                adverts.insert(key, &jd.path);
            }
        }
        if let Some(earlier) = bodies.get(&jd.body_hash) {
            out.push(
                Diagnostic::warning(
                    &jd.path,
                    jd.body_line,
                    1,
                    Code::DuplicateBody,
                    format!("the body is identical to {earlier}'s; a new version should say something different"),
                )
                .with_related(earlier),
            );
        } else {
            bodies.insert(jd.body_hash, &jd.path);
        }
    }
    out
}
