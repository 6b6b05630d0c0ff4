//! The UK local-authority register (contract §4), embedded from `data/uk_local_authorities.csv`
//! (mySociety, CC BY 4.0; see `data/README.md`).
//!
//! In a JD file `organisation` is always a GSS code. People typing a council (command-line
//! flags, the contribution form) may use any of its names or codes; [`Register::resolve`]
//! accepts them all.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::date::Date;

const CSV: &str = include_str!("../../data/uk_local_authorities.csv");

/// One authority, past or present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// Stable 3–4 letter code for the council as a legal body (e.g. `GRE`).
    pub code: String,
    /// Official name, e.g. "Royal Borough of Greenwich".
    pub official_name: String,
    /// Short name, e.g. "Greenwich". Not unique across the register.
    pub short_name: String,
    /// ONS GSS code (e.g. `E09000011`); absent for the Northern Irish councils abolished in 2015.
    pub gss_code: Option<String>,
    /// First day of the authority, when it was created by a reorganisation the register records.
    pub created: Option<Date>,
    /// Last day of the authority, when it has been abolished.
    pub ended: Option<Date>,
    /// Codes of the authorities that replaced it.
    pub replaced_by: Vec<String>,
    /// England, Scotland, Wales or Northern Ireland.
    pub nation: String,
    /// English region, or the nation elsewhere; successor's region when the register has none.
    pub region: String,
    /// Other spellings people use.
    pub alt_names: Vec<String>,
    /// Whether the authority exists today.
    pub current: bool,
}

impl Authority {
    /// Whether the 36-hour London full-time week applies (contract §2).
    pub fn is_london(&self) -> bool {
        self.region == "London"
    }

    /// Whether the authority existed on `date`. End dates count as inside: the register writes
    /// abolitions both as 31 March and as 1 April.
    pub fn existed_on(&self, date: Date) -> bool {
        self.created.is_none_or(|c| date >= c) && self.ended.is_none_or(|e| date <= e)
    }
}

#[derive(Deserialize)]
struct Row {
    #[serde(rename = "local-authority-code")]
    code: String,
    #[serde(rename = "official-name")]
    official_name: String,
    #[serde(rename = "nice-name")]
    nice_name: String,
    #[serde(rename = "gss-code")]
    gss_code: String,
    #[serde(rename = "start-date")]
    start_date: String,
    #[serde(rename = "end-date")]
    end_date: String,
    #[serde(rename = "replaced-by")]
    replaced_by: String,
    nation: String,
    region: String,
    #[serde(rename = "alt-names")]
    alt_names: String,
    #[serde(rename = "current-authority")]
    current: String,
}

/// Why a council name given on input did not resolve to one authority.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing in the register matches.
    #[error("no UK local authority is called `{input}`{hint}")]
    Unknown {
        /// What was typed.
        input: String,
        /// A "did you mean" suffix, possibly empty.
        hint: String,
    },
    /// Several authorities match and none is the obvious one.
    #[error("`{input}` could be any of: {}; give the GSS code", candidates.join(", "))]
    Ambiguous {
        /// What was typed.
        input: String,
        /// "Name (GSS code)" for each match.
        candidates: Vec<String>,
    },
}

/// All authorities, with lookups by GSS code and by any name.
#[derive(Debug)]
pub struct Register {
    authorities: Vec<Authority>,
    by_gss: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Register {
    /// The embedded register, parsed once per process.
    pub fn get() -> &'static Register {
        static REGISTER: OnceLock<Register> = OnceLock::new();
        REGISTER.get_or_init(|| {
            // The CSV is part of the binary and a unit test parses it, so a failure here is a
            // build defect rather than bad input.
            Register::parse(CSV).expect("embedded register parses")
        })
    }

    fn parse(csv_text: &str) -> Result<Register, csv::Error> {
        let rows: Vec<Row> = csv::Reader::from_reader(csv_text.as_bytes())
            .deserialize()
            .collect::<Result<_, _>>()?;
        // A start date is only a creation date for authorities that a recorded reorganisation
        // produced; for the rest it is when the register's record began (many say 2005-06-18,
        // though the councils are far older), so it must not reject genuine adverts.
        let successors: HashSet<&str> = rows
            .iter()
            .flat_map(|r| r.replaced_by.split(','))
            .map(str::trim)
            .collect();
        let mut authorities: Vec<Authority> = rows
            .iter()
            .map(|r| Authority {
                code: r.code.clone(),
                official_name: r.official_name.clone(),
                short_name: r.nice_name.clone(),
                gss_code: Some(r.gss_code.clone()).filter(|g| !g.is_empty()),
                created: successors
                    .contains(r.code.as_str())
                    .then(|| Date::parse(&r.start_date))
                    .flatten(),
                ended: Date::parse(&r.end_date),
                replaced_by: split_list(&r.replaced_by),
                nation: r.nation.clone(),
                region: r.region.clone(),
                alt_names: split_list(&r.alt_names),
                current: r.current == "True",
            })
            .collect();
        let index: HashMap<String, usize> = authorities
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), i))
            .collect();
        // Abolished authorities without a region take their successor's, so their JDs group by region.
        for i in 0..authorities.len() {
            if authorities[i].region.is_empty() {
                let region = authorities[i]
                    .replaced_by
                    .iter()
                    .filter_map(|c| index.get(c))
                    .map(|&j| authorities[j].region.clone())
                    .find(|r| !r.is_empty())
                    .unwrap_or_else(|| authorities[i].nation.clone());
                authorities[i].region = region;
            }
        }
        let mut by_gss = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in authorities.iter().enumerate() {
            if let Some(gss) = &a.gss_code {
                by_gss.insert(gss.clone(), i);
            }
            let names = [&a.code, &a.official_name, &a.short_name]
                .into_iter()
                .chain(a.gss_code.iter())
                .chain(a.alt_names.iter());
            for name in names {
                let list = by_name.entry(name.to_lowercase()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        Ok(Register {
            authorities,
            by_gss,
            by_name,
        })
    }

    /// Every authority, in register order.
    pub fn authorities(&self) -> &[Authority] {
        &self.authorities
    }

    /// The authority with this exact GSS code.
    pub fn by_gss(&self, gss: &str) -> Option<&Authority> {
        self.by_gss.get(gss).map(|&i| &self.authorities[i])
    }

    /// The authority a person means by `input`: a GSS code, official or short name, 3–4 letter
    /// code or alternative name, in any case. When a name is shared (the old county and the new
    /// unitary "North Yorkshire"), the current authority wins.
    pub fn resolve(&self, input: &str) -> Result<&Authority, ResolveError> {
        let key = input.trim().to_lowercase();
        let matches = self
            .by_name
            .get(&key)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let current: Vec<usize> = matches
            .iter()
            .copied()
            .filter(|&i| self.authorities[i].current)
            .collect();
        match (matches, current.as_slice()) {
            ([only], _) | (_, [only]) => Ok(&self.authorities[*only]),
            ([], _) => Err(ResolveError::Unknown {
                input: input.to_owned(),
                hint: crate::suggest::hint(
                    input,
                    self.authorities
                        .iter()
                        .filter(|a| a.current)
                        .flat_map(|a| [a.short_name.as_str(), a.official_name.as_str()]),
                ),
            }),
            (many, _) => Err(ResolveError::Ambiguous {
                input: input.to_owned(),
                candidates: many
                    .iter()
                    .map(|&i| {
                        let a = &self.authorities[i];
                        format!(
                            "{} ({})",
                            a.official_name,
                            a.gss_code.as_deref().unwrap_or(&a.code)
                        )
                    })
                    .collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_register_has_every_row() {
        let register = Register::get();
        assert_eq!(register.authorities().len(), 470);
        let london = register
            .authorities()
            .iter()
            .filter(|a| a.gss_code.as_deref().is_some_and(|g| g.starts_with("E09")));
        assert_eq!(london.count(), 33);
    }

    #[test]
    fn resolves_any_name_in_any_case() {
        let register = Register::get();
        for input in [
            "E09000011",
            "GRE",
            "greenwich",
            "Royal Borough of Greenwich",
        ] {
            let a = register.resolve(input).unwrap();
            assert_eq!(a.gss_code.as_deref(), Some("E09000011"), "{input}");
            assert!(a.is_london());
        }
        assert!(
            matches!(register.resolve("Greenwhich"), Err(ResolveError::Unknown { hint, .. }) if hint.contains("Greenwich"))
        );
    }

    #[test]
    fn shared_names_prefer_the_current_authority() {
        let a = Register::get().resolve("North Yorkshire").unwrap();
        assert!(a.current);
    }

    #[test]
    fn abolished_authorities_take_their_successors_region() {
        let register = Register::get();
        let poole = register.resolve("Poole").unwrap();
        assert!(!poole.current);
        assert_eq!(poole.region, "South West");
        assert!(poole.existed_on(Date::parse("2019-03-31").unwrap()));
        assert!(!poole.existed_on(Date::parse("2019-04-02").unwrap()));
    }
}
