//! Selecting JDs by role, family, level, council, region, source and advert date: the filters
//! `list`, `salaries` and `search` share.

use crate::date::Date;
use crate::library::JobDescription;
use crate::library::front_matter::{Family, Level, Source};
use crate::library::register::{Register, ResolveError};
use crate::library::roles::RoleRegistry;
use crate::suggest;

/// A filter value that names nothing.
#[derive(Debug, thiserror::Error)]
pub enum FilterError {
    /// `--role` is not in the registry.
    #[error("--role: no role `{role}` in library/roles.yaml{hint} (see `jdlib roles`)")]
    UnknownRole {
        /// What was given.
        role: String,
        /// "Did you mean".
        hint: String,
    },
    /// `--organisation` did not resolve.
    #[error("--organisation")]
    Organisation(#[from] ResolveError),
    /// `--region` is not a region in the register.
    #[error("--region: no region `{region}`{hint}; regions are {all}")]
    UnknownRegion {
        /// What was given.
        region: String,
        /// "Did you mean".
        hint: String,
        /// Every region.
        all: String,
    },
}

/// The filters, resolved against the registry and register.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    role: Option<String>,
    family: Option<Family>,
    level: Option<Level>,
    organisation: Option<String>,
    region: Option<String>,
    source: Option<Source>,
    since: Option<Date>,
    until: Option<Date>,
}

/// The filters as typed, before resolution.
#[derive(Debug, Default, Clone)]
pub struct FilterInput<'a> {
    /// Role id.
    pub role: Option<&'a str>,
    /// Family.
    pub family: Option<Family>,
    /// Level.
    pub level: Option<Level>,
    /// Any name or code of a council.
    pub organisation: Option<&'a str>,
    /// Region name, any case.
    pub region: Option<&'a str>,
    /// Model or advertised.
    pub source: Option<Source>,
    /// Earliest advert date.
    pub since: Option<Date>,
    /// Latest advert date.
    pub until: Option<Date>,
}

impl Selection {
    /// Resolves typed filters, failing on names that match nothing.
    pub fn resolve(
        input: &FilterInput<'_>,
        registry: &RoleRegistry,
    ) -> Result<Selection, FilterError> {
        if let Some(role) = input.role
            && registry.get(role).is_none()
        {
            return Err(FilterError::UnknownRole {
                role: role.to_owned(),
                hint: suggest::hint(role, registry.ids()),
            });
        }
        let register = Register::get();
        let organisation = input
            .organisation
            .map(|o| {
                register
                    .resolve(o)
                    .map(|a| a.gss_code.clone().unwrap_or_default())
            })
            .transpose()?;
        let region = match input.region {
            None => None,
            Some(wanted) => {
                let mut regions: Vec<&str> = register
                    .authorities()
                    .iter()
                    .map(|a| a.region.as_str())
                    .collect();
                regions.sort_unstable();
                regions.dedup();
                match regions
                    .iter()
                    .find(|r| r.eq_ignore_ascii_case(wanted.trim()))
                {
                    Some(r) => Some((*r).to_owned()),
                    None => {
                        return Err(FilterError::UnknownRegion {
                            region: wanted.to_owned(),
                            hint: suggest::hint(wanted, regions.iter().copied()),
                            all: regions.join(", "),
                        });
                    }
                }
            }
        };
        Ok(Selection {
            role: input.role.map(str::to_owned),
            family: input.family,
            level: input.level,
            organisation,
            region,
            source: input.source,
            since: input.since,
            until: input.until,
        })
    }

    /// The resolved values (a role id, a GSS code, a region as the register spells it), for
    /// filtering where there is no [`JobDescription`] to hand, as in the search index.
    pub fn resolved(&self) -> FilterInput<'_> {
        FilterInput {
            role: self.role.as_deref(),
            family: self.family,
            level: self.level,
            organisation: self.organisation.as_deref(),
            region: self.region.as_deref(),
            source: self.source,
            since: self.since,
            until: self.until,
        }
    }

    /// Whether a JD passes every filter. Date and place filters exclude JDs without a date or
    /// council (model JDs), since they cannot be said to match.
    pub fn matches(&self, jd: &JobDescription, registry: &RoleRegistry) -> bool {
        let front = &jd.front;
        self.role.as_ref().is_none_or(|r| *r == front.role)
            && self
                .family
                .is_none_or(|f| registry.get(&front.role).is_some_and(|r| r.family == f))
            && self.level.is_none_or(|l| l == front.level)
            && self.source.is_none_or(|s| s == front.source)
            && self
                .organisation
                .as_ref()
                .is_none_or(|o| front.organisation.as_ref() == Some(o))
            && self
                .region
                .as_ref()
                .is_none_or(|r| jd.authority.is_some_and(|a| a.region == *r))
            && self
                .since
                .is_none_or(|d| jd.advertised.is_some_and(|a| a >= d))
            && self
                .until
                .is_none_or(|d| jd.advertised.is_some_and(|a| a <= d))
    }
}
