//! The search query language: words, `"quoted phrases"`, `-excluded` words,
//! `prefix*`, and field filters (`role:data-engineer`, `salary>=45000`).
//!
//! Parsing knows nothing about the index; it records each part's column so a bad query can be
//! reported at the offending character.

use std::fmt;

/// One part of a query that looks for text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// A word as typed (may analyse to several tokens, e.g. `power-bi`, then it is a phrase).
    Word(String),
    /// The words between double quotes, in order.
    Phrase(String),
    /// A word ending in `*`, without the star.
    Prefix(String),
}

/// A text part and whether it must match or must not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// What to look for.
    pub text: Text,
    /// `-word`: JDs containing it are left out.
    pub excluded: bool,
    /// 1-based column of the part in the query.
    pub column: usize,
}

/// A field filter's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `role:` a role id.
    Role,
    /// `family:`.
    Family,
    /// `level:`.
    Level,
    /// `org:` or `organisation:`, any name or code of a council.
    Organisation,
    /// `region:`.
    Region,
    /// `source:` model or advertised.
    Source,
    /// `since:` a date.
    Since,
    /// `until:` a date.
    Until,
}

impl Field {
    const NAMES: &[(&str, Field)] = &[
        ("role", Field::Role),
        ("family", Field::Family),
        ("level", Field::Level),
        ("org", Field::Organisation),
        ("organisation", Field::Organisation),
        ("organization", Field::Organisation),
        ("region", Field::Region),
        ("source", Field::Source),
        ("since", Field::Since),
        ("until", Field::Until),
    ];

    fn named(name: &str) -> Option<Field> {
        Self::NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, f)| *f)
    }

    /// The name as written in queries.
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }
}

/// How a `salary` filter compares the annual full-time-equivalent range with its figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// `salary>=N`: the range reaches N (its top is at least N).
    AtLeast,
    /// `salary>N`.
    Above,
    /// `salary<=N`: the range starts at or below N.
    AtMost,
    /// `salary<N`.
    Below,
    /// `salary:N` or `salary=N`: N is inside the range.
    Includes,
}

/// A field filter.
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// `field:value`.
    Field {
        /// Which field.
        field: Field,
        /// The value, unquoted.
        value: String,
        /// 1-based column of the value.
        column: usize,
    },
    /// `salary>=45000` and friends, in pounds a year.
    Salary {
        /// How to compare.
        comparison: Comparison,
        /// The figure.
        pounds: f64,
    },
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Text to match, in query order.
    pub clauses: Vec<Clause>,
    /// Field filters, in query order.
    pub filters: Vec<Filter>,
}

/// A query that cannot be parsed, with the 1-based column of the offending character.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong and what would be right.
    pub message: String,
}

impl SyntaxError {
    /// A syntax error at `column`.
    pub fn at(column: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            column,
            message: message.into(),
        }
    }

    /// The query with a caret under the offending character, for people.
    pub fn pointer(&self, query: &str) -> String {
        format!(
            "  {query}\n  {}^",
            " ".repeat(self.column.saturating_sub(1))
        )
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Word(w) => f.write_str(w),
            Text::Phrase(p) => write!(f, "\"{p}\""),
            Text::Prefix(p) => write!(f, "{p}*"),
        }
    }
}

/// Shortest prefix allowed before `*`: one letter would match most of the vocabulary.
pub const MIN_PREFIX: usize = 2;

/// Parses a query.
pub fn parse(query: &str) -> Result<Query, SyntaxError> {
    let chars: Vec<char> = query.chars().collect();
    let mut parsed = Query::default();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let excluded = chars[i] == '-';
        if excluded {
            i += 1;
            if i >= chars.len() || chars[i].is_whitespace() {
                return Err(SyntaxError::at(
                    start + 1,
                    "`-` must be followed by the word or \"phrase\" to leave out, e.g. `-python`",
                ));
            }
        }
        if chars[i] == '"' {
            let (phrase, next) = quoted(&chars, i)?;
            if phrase.trim().is_empty() {
                return Err(SyntaxError::at(i + 1, "the quotes hold no words"));
            }
            parsed.clauses.push(Clause {
                text: Text::Phrase(phrase),
                excluded,
                column: start + 1,
            });
            i = next;
            continue;
        }
        let word_start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != ':' && chars[i] != '"' {
            if chars[i] == '>' || chars[i] == '<' || chars[i] == '=' {
                break;
            }
            i += 1;
        }
        let head: String = chars[word_start..i].iter().collect();
        let operator = chars.get(i).copied();
        match operator {
            // Only a name of letters can be a filter, so `10:30` stays text.
            Some(':' | '>' | '<' | '=')
                if !head.is_empty() && head.chars().all(|c| c.is_ascii_alphabetic()) =>
            {
                if excluded {
                    return Err(SyntaxError::at(
                        start + 1,
                        "filters cannot be negated: drop the `-`, or pick the values you want",
                    ));
                }
                let (filter, next) = filter(&chars, &head, word_start, i)?;
                parsed.filters.push(filter);
                i = next;
            }
            Some('"') => {
                return Err(SyntaxError::at(
                    i + 1,
                    "a quote inside a word: put a space before the quoted phrase",
                ));
            }
            _ => {
                // A word runs to the next space; `:` or comparison signs at its start are text.
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                let word: String = chars[word_start..i].iter().collect();
                parsed.clauses.push(Clause {
                    text: word_or_prefix(&word, word_start)?,
                    excluded,
                    column: start + 1,
                });
            }
        }
    }
    if parsed.clauses.is_empty() && parsed.filters.is_empty() {
        return Err(SyntaxError::at(
            1,
            "the query is empty: give words to look for, e.g. `jdlib search \"data engineer\"`",
        ));
    }
    Ok(parsed)
}

/// The text of a quoted run starting at `open` (a `"`), and the index after the closing quote.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), SyntaxError> {
    let close = chars[open + 1..]
        .iter()
        .position(|&c| c == '"')
        .map(|p| open + 1 + p)
        .ok_or_else(|| {
            SyntaxError::at(
                open + 1,
                "this quote is never closed: end the phrase with another `\"`",
            )
        })?;
    Ok((chars[open + 1..close].iter().collect(), close + 1))
}

fn word_or_prefix(word: &str, start: usize) -> Result<Text, SyntaxError> {
    let Some(stem) = word.strip_suffix('*') else {
        if let Some(p) = word.find('*') {
            let column = start + word[..p].chars().count() + 1;
            return Err(SyntaxError::at(
                column,
                "`*` may only end a word, as in `data*`",
            ));
        }
        return Ok(Text::Word(word.to_owned()));
    };
    if let Some(p) = stem.find('*') {
        let column = start + stem[..p].chars().count() + 1;
        return Err(SyntaxError::at(
            column,
            "`*` may only end a word, as in `data*`",
        ));
    }
    let letters = stem.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < MIN_PREFIX {
        return Err(SyntaxError::at(
            start + 1,
            format!("a prefix needs at least {MIN_PREFIX} letters before `*`, e.g. `da*`"),
        ));
    }
    Ok(Text::Prefix(stem.to_owned()))
}

/// Parses `name:value` or `salary>=N` whose name is `chars[name_start..op]`.
fn filter(
    chars: &[char],
    name: &str,
    name_start: usize,
    op: usize,
) -> Result<(Filter, usize), SyntaxError> {
    let mut i = op;
    let mut operator = String::new();
    while i < chars.len() && matches!(chars[i], ':' | '>' | '<' | '=') && operator.len() < 2 {
        operator.push(chars[i]);
        i += 1;
    }
    let value_start = i;
    let (value, next) = if chars.get(i) == Some(&'"') {
        let (v, next) = quoted(chars, i)?;
        (v, next)
    } else {
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        (chars[value_start..i].iter().collect::<String>(), i)
    };
    if value.trim().is_empty() {
        return Err(SyntaxError::at(
            value_start + 1,
            format!("`{name}{operator}` needs a value after it, with no space between"),
        ));
    }
    if name.eq_ignore_ascii_case("salary") {
        let comparison = match operator.as_str() {
            ">=" | ":>=" => Comparison::AtLeast,
            ">" | ":>" => Comparison::Above,
            "<=" | ":<=" => Comparison::AtMost,
            "<" | ":<" => Comparison::Below,
            ":" | "=" | ":=" => Comparison::Includes,
            _ => {
                return Err(SyntaxError::at(
                    op + 1,
                    format!("`salary{operator}` is not a comparison: use >=, >, <=, < or :"),
                ));
            }
        };
        let pounds = pounds(&value).ok_or_else(|| {
            SyntaxError::at(
                value_start + 1,
                format!(
                    "`{value}` is not an amount of pounds: write it like 45000, 45,000, £45000 or 45k"
                ),
            )
        })?;
        return Ok((Filter::Salary { comparison, pounds }, next));
    }
    let Some(field) = Field::named(name) else {
        let mut known: Vec<&str> = Field::NAMES.iter().map(|(n, _)| *n).collect();
        known.push("salary");
        return Err(SyntaxError::at(
            name_start + 1,
            format!(
                "unknown filter `{name}`{}; filters are role:, family:, level:, org:, region:, \
                 source:, since:, until: and salary>= (to look for the text, put it in quotes)",
                crate::suggest::hint(name, known)
            ),
        ));
    };
    if operator != ":" {
        return Err(SyntaxError::at(
            op + 1,
            format!("write `{name}:VALUE`; only salary takes >=, >, <= or <"),
        ));
    }
    Ok((
        Filter::Field {
            field,
            value,
            column: value_start + 1,
        },
        next,
    ))
}

/// `45000`, `45,000`, `£45000`, `45k`, `45.5k`.
fn pounds(text: &str) -> Option<f64> {
    let text = text.trim_start_matches('£').replace(',', "");
    let (digits, scale) = match text.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1000.0),
        None => (text.as_str(), 1.0),
    };
    let value: f64 = digits.parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some(value * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str, column: usize) -> Clause {
        Clause {
            text: Text::Word(w.to_owned()),
            excluded: false,
            column,
        }
    }

    #[test]
    fn words_phrases_exclusions_and_prefixes() {
        let q = parse(r#"data  "power bi" -python analy* -"team leader""#).unwrap();
        assert_eq!(
            q.clauses,
            vec![
                word("data", 1),
                Clause {
                    text: Text::Phrase("power bi".into()),
                    excluded: false,
                    column: 7
                },
                Clause {
                    text: Text::Word("python".into()),
                    excluded: true,
                    column: 18
                },
                Clause {
                    text: Text::Prefix("analy".into()),
                    excluded: false,
                    column: 26
                },
                Clause {
                    text: Text::Phrase("team leader".into()),
                    excluded: true,
                    column: 33
                },
            ]
        );
        assert!(q.filters.is_empty());
    }

    #[test]
    fn filters_with_values_and_salary_comparisons() {
        let q = parse(
            r#"engineer role:data-engineer region:"north west" salary>=45k since:2023-01-01"#,
        )
        .unwrap();
        assert_eq!(q.clauses, vec![word("engineer", 1)]);
        assert_eq!(
            q.filters,
            vec![
                Filter::Field {
                    field: Field::Role,
                    value: "data-engineer".into(),
                    column: 15
                },
                Filter::Field {
                    field: Field::Region,
                    value: "north west".into(),
                    column: 36
                },
                Filter::Salary {
                    comparison: Comparison::AtLeast,
                    pounds: 45_000.0
                },
                Filter::Field {
                    field: Field::Since,
                    value: "2023-01-01".into(),
                    column: 67
                },
            ]
        );
        for (text, comparison, pounds) in [
            ("salary>50,000", Comparison::Above, 50_000.0),
            ("salary<=£30000", Comparison::AtMost, 30_000.0),
            ("salary<30000", Comparison::Below, 30_000.0),
            ("salary:40000", Comparison::Includes, 40_000.0),
            ("SALARY>=45.5k", Comparison::AtLeast, 45_500.0),
        ] {
            assert_eq!(
                parse(text).unwrap().filters,
                vec![Filter::Salary { comparison, pounds }],
                "{text}"
            );
        }
    }

    #[test]
    fn errors_point_at_the_offending_character() {
        for (text, column, fragment) in [
            (r#"data "power bi"#, 6, "never closed"),
            ("data -", 6, "must be followed"),
            ("data*base", 5, "may only end"),
            ("a*", 1, "at least 2"),
            ("rolee:data-analyst", 1, "did you mean `role`"),
            ("role:", 6, "needs a value"),
            ("salary>=lots", 9, "not an amount"),
            ("level>=senior", 6, "only salary"),
            ("-role:x", 1, "cannot be negated"),
            ("   ", 1, "empty"),
            ("\"\"", 1, "no words"),
            ("x salary=>3", 9, "not a comparison"),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!(err.column, column, "{text}: {err}");
            assert!(err.message.contains(fragment), "{text}: {err}");
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let err = parse("£ré \"open").unwrap_err();
        assert_eq!(err.column, 5);
        assert_eq!(err.pointer("£ré \"open"), "  £ré \"open\n      ^");
    }

    #[test]
    fn colons_and_signs_inside_words_are_text() {
        let q = parse("10:30 <b> :x =y").unwrap();
        assert_eq!(
            q.clauses,
            vec![
                word("10:30", 1),
                word("<b>", 7),
                word(":x", 11),
                word("=y", 14)
            ]
        );
        assert!(q.filters.is_empty());
    }
}
