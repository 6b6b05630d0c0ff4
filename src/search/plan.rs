//! From a parsed query (and `list`'s filter flags) to what the index runs: words analysed the
//! way the index analyses text, the roles whose title or aliases a clause names, and filters
//! resolved with the same code `list` uses (`filter.rs`), so `org:greenwich` means what
//! `--organisation greenwich` means.

use std::ops::Bound;

use crate::date::Date;
use crate::filter::{FilterError, FilterInput, Selection};
use crate::library::front_matter::{Family, Level, Source};
use crate::library::roles::RoleRegistry;
use crate::search::document::{date_number, pence};
use crate::search::index::{Keyword, Lookup, Match, Number, Plan, Restriction, analyse};
use crate::search::query::{Comparison, Field, Filter, Query, SyntaxError, Text};
use crate::suggest;

/// A plan, and what else the search needs to know about the query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Planned {
    /// What the index runs.
    pub plan: Plan,
    /// Single words as typed, with their index token, to suggest spellings for when nothing
    /// matches.
    pub words: Vec<(String, String)>,
}

/// Why a query could not be planned.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// Something in the query itself, at a column.
    #[error(transparent)]
    Query(#[from] SyntaxError),
    /// A filter flag (`--role` and friends).
    #[error(transparent)]
    Flag(#[from] FilterError),
}

/// Plans `query` with the filter flags `flags`.
pub fn plan(
    query: &Query,
    flags: &FilterInput<'_>,
    registry: &RoleRegistry,
) -> Result<Planned, PlanError> {
    let roles = RoleTokens::new(registry);
    let mut planned = Planned::default();
    for clause in &query.clauses {
        let Some(lookup) = lookup(&clause.text, clause.column)? else {
            continue;
        };
        if let (Text::Word(word), Lookup::Token(token), false) =
            (&clause.text, &lookup, clause.excluded)
        {
            planned.words.push((word.clone(), token.clone()));
        }
        let m = Match {
            roles: roles.matching(&lookup),
            lookup,
        };
        if clause.excluded {
            planned.plan.must_not.push(m);
        } else {
            planned.plan.must.push(m);
        }
    }
    if planned.plan.must.is_empty() && planned.plan.must_not.is_empty() && query.filters.is_empty()
    {
        return Err(SyntaxError::at(
            1,
            "the query has no letters or digits to look for: give a word, e.g. `analyst`",
        )
        .into());
    }
    let selection = Selection::resolve(flags, registry)?;
    restrict(
        &selection.resolved(),
        registry,
        &mut planned.plan.restrictions,
    );
    for filter in &query.filters {
        in_query_filter(filter, registry, &mut planned.plan.restrictions)?;
    }
    Ok(planned)
}

/// A clause's tokens, or `None` when it has none (punctuation only).
fn lookup(text: &Text, column: usize) -> Result<Option<Lookup>, SyntaxError> {
    let raw = match text {
        Text::Word(t) | Text::Phrase(t) | Text::Prefix(t) => t,
    };
    let mut tokens: Vec<String> = analyse(raw).into_iter().map(|t| t.text).collect();
    Ok(match (text, tokens.len()) {
        (_, 0) => None,
        (Text::Prefix(raw), 1) => {
            // Stems are indexed: `engineering*` must look for `engin…`, `analys*` for `analys…`.
            let lower = raw.to_lowercase();
            let stem = tokens.remove(0);
            Some(Lookup::Prefix(if lower.starts_with(&stem) {
                stem
            } else {
                lower
            }))
        }
        (Text::Prefix(_), _) => {
            return Err(SyntaxError::at(
                column,
                "a prefix must be a single word, e.g. `data*`; quote the words before it as a phrase",
            ));
        }
        (_, 1) => Some(Lookup::Token(tokens.remove(0))),
        _ => Some(Lookup::Phrase(tokens)),
    })
}

/// Each role's title and aliases as index tokens.
struct RoleTokens {
    roles: Vec<(String, Vec<Vec<String>>)>,
}

impl RoleTokens {
    fn new(registry: &RoleRegistry) -> RoleTokens {
        let tokens = |s: &str| analyse(s).into_iter().map(|t| t.text).collect::<Vec<_>>();
        RoleTokens {
            roles: registry
                .roles()
                .iter()
                .map(|r| {
                    let names = std::iter::once(&r.title)
                        .chain(&r.aliases)
                        .map(|n| tokens(n))
                        .collect();
                    (r.id.clone(), names)
                })
                .collect(),
        }
    }

    fn matching(&self, lookup: &Lookup) -> Vec<String> {
        let hit = |name: &[String]| match lookup {
            Lookup::Token(t) => name.contains(t),
            Lookup::Phrase(ts) => name.windows(ts.len()).any(|w| w == ts.as_slice()),
            Lookup::Prefix(p) => name.iter().any(|t| t.starts_with(p.as_str())),
        };
        self.roles
            .iter()
            .filter(|(_, names)| names.iter().any(|n| hit(n)))
            .map(|(id, _)| id.clone())
            .collect()
    }
}

/// The index filters for resolved filter values.
fn restrict(input: &FilterInput<'_>, registry: &RoleRegistry, out: &mut Vec<Restriction>) {
    let one = |k, v: &str| Restriction::AnyOf(k, vec![v.to_owned()]);
    if let Some(role) = input.role {
        out.push(one(Keyword::Role, role));
    }
    if let Some(family) = input.family {
        let ids = registry
            .roles()
            .iter()
            .filter(|r| r.family == family)
            .map(|r| r.id.clone())
            .collect();
        out.push(Restriction::AnyOf(Keyword::Role, ids));
    }
    if let Some(level) = input.level {
        out.push(one(Keyword::Level, level.as_str()));
    }
    if let Some(source) = input.source {
        out.push(one(Keyword::Source, source.as_str()));
    }
    if let Some(org) = input.organisation {
        out.push(one(Keyword::Organisation, org));
    }
    if let Some(region) = input.region {
        out.push(one(Keyword::Region, region));
    }
    let day = |d: Date| date_number(d.year, d.month, d.day);
    if let Some(since) = input.since {
        out.push(Restriction::Within(
            Number::Advertised,
            Bound::Included(day(since)),
            Bound::Unbounded,
        ));
    }
    if let Some(until) = input.until {
        out.push(Restriction::Within(
            Number::Advertised,
            Bound::Unbounded,
            Bound::Included(day(until)),
        ));
    }
}

fn in_query_filter(
    filter: &Filter,
    registry: &RoleRegistry,
    out: &mut Vec<Restriction>,
) -> Result<(), SyntaxError> {
    let (field, value, column) = match filter {
        Filter::Salary { comparison, pounds } => {
            let p = pence(*pounds);
            let (min, max) = (Number::PayMin, Number::PayMax);
            let within = |n, lo, hi| Restriction::Within(n, lo, hi);
            match comparison {
                Comparison::AtLeast => out.push(within(max, Bound::Included(p), Bound::Unbounded)),
                Comparison::Above => out.push(within(max, Bound::Excluded(p), Bound::Unbounded)),
                Comparison::AtMost => out.push(within(min, Bound::Unbounded, Bound::Included(p))),
                Comparison::Below => out.push(within(min, Bound::Unbounded, Bound::Excluded(p))),
                Comparison::Includes => {
                    out.push(within(max, Bound::Included(p), Bound::Unbounded));
                    out.push(within(min, Bound::Unbounded, Bound::Included(p)));
                }
            }
            return Ok(());
        }
        Filter::Field {
            field,
            value,
            column,
        } => (*field, value.trim(), *column),
    };
    let mut input = FilterInput::default();
    let bad = |message: String| SyntaxError::at(column, message);
    let name = field.name();
    let lower = value.to_lowercase();
    match field {
        Field::Role => input.role = Some(value),
        Field::Organisation => input.organisation = Some(value),
        Field::Region => input.region = Some(value),
        Field::Family => {
            input.family =
                Some(Family::parse(&lower).ok_or_else(|| {
                    bad(one_of(name, value, Family::ALL.iter().map(|f| f.as_str())))
                })?);
        }
        Field::Level => {
            input.level =
                Some(Level::parse(&lower).ok_or_else(|| {
                    bad(one_of(name, value, Level::ALL.iter().map(|l| l.as_str())))
                })?);
        }
        Field::Source => {
            input.source =
                Some(Source::parse(&lower).ok_or_else(|| {
                    bad(one_of(name, value, Source::ALL.iter().map(|s| s.as_str())))
                })?);
        }
        Field::Since | Field::Until => {
            let date = Date::parse(value).ok_or_else(|| {
                bad(format!(
                    "`{name}:` needs a date written YYYY-MM-DD, found `{value}`"
                ))
            })?;
            if field == Field::Since {
                input.since = Some(date);
            } else {
                input.until = Some(date);
            }
        }
    }
    let selection = Selection::resolve(&input, registry).map_err(|e| {
        bad(match e {
            FilterError::UnknownRole { role, hint } => {
                format!("no role `{role}` in library/roles.yaml{hint} (see `jdlib roles`)")
            }
            FilterError::Organisation(e) => e.to_string(),
            FilterError::UnknownRegion { region, hint, all } => {
                format!("no region `{region}`{hint}; regions are {all}")
            }
        })
    })?;
    restrict(&selection.resolved(), registry, out);
    Ok(())
}

fn one_of<'a>(name: &str, value: &str, all: impl Iterator<Item = &'a str> + Clone) -> String {
    format!(
        "`{name}:` must be one of {}, found `{value}`{}",
        all.clone().collect::<Vec<_>>().join(", "),
        suggest::hint(value, all)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn registry() -> RoleRegistry {
        let yaml = "roles:\n  - id: data-analyst\n    title: Data Analyst\n    family: data\n    \
                    aliases: [Insight Analyst]\n    summary: Turns data into insight.\n  - id: \
                    service-designer\n    title: Service Designer\n    family: digital\n    \
                    summary: Designs services.\n";
        let (registry, found) = RoleRegistry::parse("roles.yaml", yaml);
        assert!(found.is_empty(), "{found:?}");
        registry
    }

    fn planned(q: &str) -> Result<Planned, PlanError> {
        plan(&parse(q).unwrap(), &FilterInput::default(), &registry())
    }

    #[test]
    fn words_are_analysed_and_matched_to_role_titles_and_aliases() {
        let p = planned(r#"Analysts "insight analyst" -designer engineering*"#).unwrap();
        let must = &p.plan.must;
        assert_eq!(must[0].lookup, Lookup::Token("analyst".into()));
        assert_eq!(must[0].roles, ["data-analyst"]);
        assert_eq!(
            must[1].lookup,
            Lookup::Phrase(vec!["insight".into(), "analyst".into()])
        );
        assert_eq!(must[1].roles, ["data-analyst"]);
        assert_eq!(must[2].lookup, Lookup::Prefix("engin".into()));
        assert!(must[2].roles.is_empty());
        assert_eq!(p.plan.must_not[0].roles, ["service-designer"]);
        assert_eq!(p.words, [("Analysts".to_owned(), "analyst".to_owned())]);
    }

    #[test]
    fn filters_resolve_like_list_flags() {
        let p = planned("family:DATA level:senior org:greenwich salary>=45000").unwrap();
        assert_eq!(
            p.plan.restrictions,
            vec![
                Restriction::AnyOf(Keyword::Role, vec!["data-analyst".into()]),
                Restriction::AnyOf(Keyword::Level, vec!["senior".into()]),
                Restriction::AnyOf(Keyword::Organisation, vec!["E09000011".into()]),
                Restriction::Within(Number::PayMax, Bound::Included(4_500_000), Bound::Unbounded),
            ]
        );
    }

    #[test]
    fn bad_filter_values_point_at_the_value() {
        for (q, column, fragment) in [
            ("x role:data-analist", 8, "did you mean `data-analyst`"),
            ("x level:seniour", 9, "did you mean `senior`"),
            ("x org:greenwhich", 7, "no UK local authority"),
            ("x region:narnia", 10, "no region"),
            ("x since:2024-13-01", 9, "YYYY-MM-DD"),
            ("&&", 1, "no letters"),
        ] {
            let Err(PlanError::Query(e)) = planned(q) else {
                panic!("{q} should fail");
            };
            assert_eq!(e.column, column, "{q}: {e}");
            assert!(e.message.contains(fragment), "{q}: {e}");
        }
    }
}
