//! Grouping JDs for `jdlib salaries --by KEY[,KEY]`: by role, family, level, council, region or
//! advert year, with each group's spread of annual FTE pay.

use std::collections::BTreeMap;
use std::fmt;

use crate::library::JobDescription;
use crate::library::front_matter::{Basis, Level};
use crate::library::roles::RoleRegistry;
use crate::salary::stats::{self, Spread};

/// What to group by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupKey {
    /// Role id.
    Role,
    /// Role family.
    Family,
    /// Level.
    Level,
    /// Advertising council.
    Organisation,
    /// The council's region.
    Region,
    /// Year of the advert date.
    Year,
}

impl GroupKey {
    /// Every key, in the order `--help` lists them.
    pub const ALL: [GroupKey; 6] = [
        GroupKey::Role,
        GroupKey::Family,
        GroupKey::Level,
        GroupKey::Organisation,
        GroupKey::Region,
        GroupKey::Year,
    ];

    /// The key's name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            GroupKey::Role => "role",
            GroupKey::Family => "family",
            GroupKey::Level => "level",
            GroupKey::Organisation => "organisation",
            GroupKey::Region => "region",
            GroupKey::Year => "year",
        }
    }

    /// Parses `role` or `role,level`: known names, each at most once.
    pub fn parse_list(text: &str) -> Result<Vec<GroupKey>, String> {
        let mut keys = Vec::new();
        for part in text.split(',').map(str::trim) {
            let key = GroupKey::ALL
                .into_iter()
                .find(|k| k.name() == part)
                .ok_or_else(|| {
                    let names: Vec<&str> = GroupKey::ALL.iter().map(|k| k.name()).collect();
                    format!(
                        "unknown key `{part}`{}: use one or more of {} separated by commas",
                        crate::suggest::hint(part, names.iter().copied()),
                        names.join(", ")
                    )
                })?;
            if keys.contains(&key) {
                return Err(format!("`{part}` is given twice"));
            }
            keys.push(key);
        }
        Ok(keys)
    }
}

/// One part of a group's key. Levels sort by seniority, everything else alphabetically.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyValue {
    /// A role id, family, region or council.
    Text {
        /// What tables show and groups sort by.
        label: String,
        /// What JSON carries (the GSS code for a council; the label otherwise).
        id: String,
    },
    /// A level.
    Level(Level),
    /// An advert year.
    Year(i32),
}

impl KeyValue {
    fn text(s: &str) -> KeyValue {
        KeyValue::Text {
            label: s.to_owned(),
            id: s.to_owned(),
        }
    }

    /// The machine-readable value (GSS code for a council).
    pub fn id(&self) -> String {
        match self {
            KeyValue::Text { id, .. } => id.clone(),
            KeyValue::Level(level) => level.to_string(),
            KeyValue::Year(year) => year.to_string(),
        }
    }
}

impl fmt::Display for KeyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyValue::Text { label, .. } => f.write_str(label),
            KeyValue::Level(level) => write!(f, "{level}"),
            KeyValue::Year(year) => write!(f, "{year}"),
        }
    }
}

/// A group of JDs with pay, and its summary.
#[derive(Debug)]
pub struct Group<'a> {
    /// One value per `--by` key, in the order given.
    pub key: Vec<KeyValue>,
    /// The JDs behind the figures, in path order.
    pub jds: Vec<&'a JobDescription>,
    /// How many carry advertised figures.
    pub n_advertised: usize,
    /// How many carry indicative figures.
    pub n_indicative: usize,
    /// The spread of their annual FTE pay.
    pub spread: Spread,
}

/// Every group, plus what could not be counted and why.
#[derive(Debug, Default)]
pub struct Grouping<'a> {
    /// Groups sorted by key.
    pub groups: Vec<Group<'a>>,
    /// JDs with no salary at all.
    pub without_salary: usize,
    /// JDs with pay but without a value for a `--by` key (model JDs have no council, region
    /// or advert year), per key.
    pub left_out: BTreeMap<&'static str, usize>,
}

/// The value of `key` for a JD, if it has one.
fn value(jd: &JobDescription, key: GroupKey, registry: &RoleRegistry) -> Option<KeyValue> {
    match key {
        GroupKey::Role => Some(KeyValue::text(&jd.front.role)),
        GroupKey::Family => registry
            .get(&jd.front.role)
            .map(|r| KeyValue::text(r.family.as_str())),
        GroupKey::Level => Some(KeyValue::Level(jd.front.level)),
        GroupKey::Organisation => jd.authority.map(|a| KeyValue::Text {
            label: a.short_name.clone(),
            id: a.gss_code.clone().unwrap_or_else(|| a.code.clone()),
        }),
        GroupKey::Region => jd.authority.map(|a| KeyValue::text(&a.region)),
        GroupKey::Year => jd.advertised.map(|d| KeyValue::Year(d.year)),
    }
}

/// Groups JDs (already filtered) by `keys`.
pub fn group<'a>(
    jds: impl IntoIterator<Item = &'a JobDescription>,
    keys: &[GroupKey],
    registry: &RoleRegistry,
) -> Grouping<'a> {
    let mut out = Grouping::default();
    let mut groups: BTreeMap<Vec<KeyValue>, Vec<&'a JobDescription>> = BTreeMap::new();
    for jd in jds {
        if jd.annual.is_none() {
            out.without_salary += 1;
            continue;
        }
        let mut key = Vec::with_capacity(keys.len());
        let mut missing = None;
        for k in keys {
            if let Some(v) = value(jd, *k, registry) {
                key.push(v);
            } else {
                missing = Some(k.name());
                break;
            }
        }
        match missing {
            Some(name) => *out.left_out.entry(name).or_default() += 1,
            None => groups.entry(key).or_default().push(jd),
        }
    }
    out.groups = groups
        .into_iter()
        .filter_map(|(key, jds)| {
            let ranges: Vec<(f64, f64)> = jds.iter().filter_map(|jd| jd.annual).collect();
            let n_advertised = jds
                .iter()
                .filter(|jd| {
                    jd.front
                        .salary
                        .as_ref()
                        .is_some_and(|s| s.basis == Basis::Advertised)
                })
                .count();
            Some(Group {
                spread: stats::spread(&ranges)?,
                n_indicative: jds.len() - n_advertised,
                n_advertised,
                key,
                jds,
            })
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_lists() {
        assert_eq!(GroupKey::parse_list("role").unwrap(), [GroupKey::Role]);
        assert_eq!(
            GroupKey::parse_list("role, region").unwrap(),
            [GroupKey::Role, GroupKey::Region]
        );
        assert!(
            GroupKey::parse_list("role,role")
                .unwrap_err()
                .contains("twice")
        );
        assert!(
            GroupKey::parse_list("levle")
                .unwrap_err()
                .contains("did you mean `level`")
        );
    }

    #[test]
    fn levels_sort_by_seniority_not_alphabet() {
        let mut values = [
            KeyValue::Level(Level::Senior),
            KeyValue::Level(Level::Apprentice),
            KeyValue::Level(Level::Director),
            KeyValue::Level(Level::Junior),
        ];
        values.sort();
        let names: Vec<String> = values.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["apprentice", "junior", "senior", "director"]);
    }
}
