//! Every rule that can be decided by looking at one JD file on its own (contract §2–§4):
//! encoding, front matter syntax and schema, registry, folder, register, dates, salary, body.
//! Rules that compare files (duplicates) live in `validate.rs`.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, LineIndex};
use crate::library::body;
use crate::library::document::{self, Document};
use crate::library::front_matter::{FrontMatter, Source};
use crate::library::register::{Authority, Register, ResolveError};
use crate::library::roles::RoleRegistry;
use crate::library::schema::{self, Schema};
use crate::library::yaml::{self, Node, Pos, YamlErrorKind};
use crate::salary;
use crate::suggest;

/// No advert in the library predates this (contract §2).
const EARLIEST_ADVERT: Date = Date {
    year: 2000,
    month: 1,
    day: 1,
};

/// What the per-file rules need to know about the rest of the world.
pub struct Context<'a> {
    /// The role registry (possibly empty when `roles.yaml` is broken).
    pub registry: &'a RoleRegistry,
    /// Whether the registry loaded; role checks are skipped when it did not, since the
    /// registry's own error says what to fix.
    pub registry_loaded: bool,
    /// The council register.
    pub register: &'static Register,
    /// Today, for "not in the future".
    pub today: Date,
}

/// A JD whose front matter matched the schema, with what jdlib derives from it.
#[derive(Clone, Debug)]
pub struct JobDescription {
    /// Path from the library root (`library/<role>/<slug>.md`).
    pub path: String,
    /// The front matter.
    pub front: FrontMatter,
    /// The advertising authority, when `organisation` is a known GSS code.
    pub authority: Option<&'static Authority>,
    /// The advert date, when it is a real date.
    pub advertised: Option<Date>,
    /// Annual full-time-equivalent (min, max), when there is a salary.
    pub annual: Option<(f64, f64)>,
    /// Where the `advertised` key is (or line 1), for duplicate-advert findings.
    pub advertised_pos: Pos,
    /// First line of the body, for duplicate-body findings.
    pub body_line: u32,
    /// Hash of the body with line endings and trailing space normalised.
    pub body_hash: u64,
    /// Number of words in the body.
    pub word_count: usize,
}

/// The outcome of checking one file.
#[derive(Debug)]
pub struct Checked {
    /// Path from the library root.
    pub path: String,
    /// Everything wrong with it.
    pub diagnostics: Vec<Diagnostic>,
    /// The JD, when its front matter was well-formed enough to use.
    pub jd: Option<JobDescription>,
}

/// Checks one JD file's bytes.
pub fn check_file(path: &str, bytes: &[u8], ctx: &Context<'_>) -> Checked {
    let mut out = Checked {
        path: path.to_owned(),
        diagnostics: Vec::new(),
        jd: None,
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            // The prefix is valid UTF-8 by definition of `valid_up_to`.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = LineIndex::new(prefix).position(prefix.len());
            out.diagnostics.push(Diagnostic::error(
                path,
                line,
                column,
                Code::NotUtf8,
                format!(
                    "the file is not valid UTF-8 (bad byte 0x{:02x}): save it as UTF-8 in your editor",
                    bytes[err.valid_up_to()]
                ),
            ));
            return out;
        }
    };
    let text = document::strip_bom(text);
    let doc = match document::split(text) {
        Ok(doc) => doc,
        Err(err) => {
            out.diagnostics
                .push(Diagnostic::error(path, 1, 1, err.code, err.message));
            return out;
        }
    };
    let shift = |pos: Pos| (pos.line + doc.yaml_line - 1, pos.column);
    let node = match yaml::parse(doc.yaml) {
        Ok(node) => node,
        Err(err) => {
            let (line, column) = err.pos.map_or((1, 1), shift);
            let code = match err.kind {
                YamlErrorKind::Syntax => Code::YamlSyntax,
                YamlErrorKind::DuplicateKey => Code::DuplicateKey,
                YamlErrorKind::Budget => Code::YamlTooComplex,
            };
            out.diagnostics
                .push(Diagnostic::error(path, line, column, code, err.message));
            check_body(path, &doc, &mut out.diagnostics);
            return out;
        }
    };
    let issues = schema::check(Schema::JobDescription, &node);
    let schema_ok = issues.is_empty();
    for issue in issues {
        let (line, column) = issue.pos.map_or((1, 1), shift);
        out.diagnostics.push(Diagnostic::error(
            path,
            line,
            column,
            issue.code,
            issue.message,
        ));
    }
    let mut report = |pos: Pos, code: Code, message: String| {
        let (line, column) = shift(pos);
        out.diagnostics
            .push(Diagnostic::error(path, line, column, code, message));
    };
    check_role(path, &node, ctx, &mut report);
    let authority = check_organisation(&node, ctx, &mut report);
    let advertised = check_advertised(&node, authority, ctx, &mut report);
    if let (Some(min), Some(max)) = (
        node.at_pointer("/salary/min").map(|(n, _)| n),
        node.at_pointer("/salary/max").map(|(n, _)| n),
    ) && let (Some(lo), Some(hi)) = (number(min), number(max))
        && lo > hi
    {
        report(
            min.pos,
            Code::SalaryRange,
            format!("`salary.min` ({lo}) is greater than `salary.max` ({hi}): swap them"),
        );
    }
    check_body(path, &doc, &mut out.diagnostics);

    let front = if schema_ok {
        FrontMatter::from_node(&node)
    } else {
        None
    };
    if let Some(front) = front {
        let default_hours = salary::default_hours(
            front.source == Source::Model || authority.is_some_and(Authority::is_london),
        );
        let annual = front
            .salary
            .as_ref()
            .map(|s| salary::annualise(s, default_hours));
        let advertised_pos = node
            .key("advertised")
            .map_or(Pos { line: 1, column: 1 }, |k| {
                let (line, column) = shift(k.pos);
                Pos { line, column }
            });
        let body_line = LineIndex::new(doc.text).line(doc.body_offset);
        out.jd = Some(JobDescription {
            path: path.to_owned(),
            front,
            authority,
            advertised,
            annual,
            advertised_pos,
            body_line,
            body_hash: body_hash(doc.body),
            word_count: doc.body.split_whitespace().count(),
        });
    }
    out
}

fn number(node: &Node) -> Option<f64> {
    match node.value {
        yaml::Value::Int(i) => Some(i as f64),
        yaml::Value::Float(f) => Some(f),
        _ => None,
    }
}

fn check_role(
    path: &str,
    node: &Node,
    ctx: &Context<'_>,
    report: &mut impl FnMut(Pos, Code, String),
) {
    let Some(role_node) = node.get("role") else {
        return;
    };
    let Some(role) = role_node.as_str() else {
        return;
    };
    if ctx.registry_loaded && ctx.registry.get(role).is_none() {
        report(
            role_node.pos,
            Code::UnknownRole,
            format!(
                "role `{role}` is not in library/roles.yaml{}",
                suggest::hint(role, ctx.registry.ids())
            ),
        );
    }
    let folder = path.split('/').nth(1).unwrap_or_default();
    // An unknown role has its own finding; saying the folder is wrong too would be noise.
    let known = !ctx.registry_loaded || ctx.registry.get(role).is_some();
    if known && folder != role {
        report(
            role_node.pos,
            Code::RoleFolderMismatch,
            format!(
                "`role` is `{role}` but the file is in library/{folder}/: move it to library/{role}/ or change `role`"
            ),
        );
    }
}

fn check_organisation(
    node: &Node,
    ctx: &Context<'_>,
    report: &mut impl FnMut(Pos, Code, String),
) -> Option<&'static Authority> {
    let org_node = node.get("organisation")?;
    let org = org_node.as_str()?;
    if let Some(authority) = ctx.register.by_gss(org) {
        return Some(authority);
    }
    let message = match ctx.register.resolve(org) {
        Ok(a) => match &a.gss_code {
            Some(gss) => format!(
                "`organisation` must be a GSS code: `{org}` is {}, so write `organisation: {gss}`",
                a.official_name
            ),
            None => format!(
                "{} has no GSS code in the register, so it cannot be named in a JD",
                a.official_name
            ),
        },
        Err(ResolveError::Ambiguous { candidates, .. }) => format!(
            "`organisation` must be a GSS code; `{org}` could be {}",
            candidates.join(" or ")
        ),
        Err(ResolveError::Unknown { hint, .. }) => format!(
            "`organisation` `{org}` is not the GSS code of a UK local authority in the register{hint}"
        ),
    };
    report(org_node.pos, Code::UnknownOrganisation, message);
    None
}

fn check_advertised(
    node: &Node,
    authority: Option<&Authority>,
    ctx: &Context<'_>,
    report: &mut impl FnMut(Pos, Code, String),
) -> Option<Date> {
    let date_node = node.get("advertised")?;
    let text = date_node.as_str()?;
    let looks_like_date =
        text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    let Some(date) = Date::parse(text) else {
        if looks_like_date {
            report(
                date_node.pos,
                Code::InvalidDate,
                format!("`advertised` `{text}` is not a real calendar date"),
            );
        }
        return None;
    };
    if date > ctx.today {
        report(
            date_node.pos,
            Code::DateOutOfRange,
            format!("`advertised` {date} is in the future: give the date the post was advertised"),
        );
    } else if date < EARLIEST_ADVERT {
        report(
            date_node.pos,
            Code::DateOutOfRange,
            format!(
                "`advertised` {date} is before {EARLIEST_ADVERT}, the earliest the library accepts"
            ),
        );
    }
    if let Some(a) = authority
        && !a.existed_on(date)
    {
        let when = match (a.created, a.ended) {
            (Some(c), _) if date < c => format!("was created on {c}"),
            (_, Some(e)) => format!("was abolished on {e}"),
            _ => "did not exist then".to_owned(),
        };
        report(
            date_node.pos,
            Code::OutsideAuthorityLifetime,
            format!(
                "{} {when}, so it cannot have advertised on {date}",
                a.official_name
            ),
        );
    }
    Some(date)
}

fn check_body(path: &str, doc: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let issues = body::check_sections(doc.body);
    if issues.is_empty() {
        return;
    }
    let index = LineIndex::new(doc.text);
    for issue in issues {
        let (line, column) = index.position(doc.body_offset + issue.offset);
        diagnostics.push(Diagnostic::error(
            path,
            line,
            column,
            issue.code,
            issue.message,
        ));
    }
}

/// Identical bodies differ only in line endings and trailing blank space.
fn body_hash(body: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    for line in body.trim_end().lines() {
        line.trim_end().hash(&mut hasher);
    }
    hasher.finish()
}
