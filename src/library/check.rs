//! Every rule that can be decided by looking at one JD file on its own (contract §2–§4):
//! encoding, front matter syntax and schema, registry, folder, register, dates, salary, body.
//! Rules that compare files (duplicates) live in `validate.rs`.

use std::hash::{DefaultHasher, Hasher};

use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, LineIndex};
use crate::library::document::{self, Document};
use crate::library::front_matter::{FrontMatter, Source};
use crate::library::register::{Authority, Register, ResolveError};
use crate::library::roles::RoleRegistry;
use crate::library::schema::{self, Schema};
use crate::library::yaml::{self, Node, Pos};
use crate::library::{annual, body};
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
    /// Hash of the body, line endings normalised.
    pub body_hash: u64,
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

/// A front-matter value a cross-check can point at.
#[derive(Clone, Copy, Debug)]
enum Field {
    Role,
    Organisation,
    Advertised,
    SalaryMin,
}

impl Field {
    fn pointer(self) -> &'static str {
        match self {
            Field::Role => "/role",
            Field::Organisation => "/organisation",
            Field::Advertised => "/advertised",
            Field::SalaryMin => "/salary/min",
        }
    }
}

/// A cross-check failure, placed by field; positions are only worked out when there is one.
struct Finding {
    field: Field,
    code: Code,
    message: String,
}

/// The front-matter values the cross-checks read, from whichever parse produced them.
#[derive(Default)]
struct Fields<'a> {
    role: Option<&'a str>,
    organisation: Option<&'a str>,
    advertised: Option<&'a str>,
    salary: Option<(f64, f64)>,
}

impl<'a> Fields<'a> {
    fn from_front(front: &'a FrontMatter) -> Self {
        Fields {
            role: Some(&front.role),
            organisation: front.organisation.as_deref(),
            advertised: front.advertised.as_deref(),
            salary: front.salary.as_ref().map(|s| (s.min, s.max)),
        }
    }

    fn from_node(node: &'a Node) -> Self {
        let text = |key: &str| node.get(key).and_then(Node::as_str);
        let num = |pointer: &str| node.at_pointer(pointer).and_then(|(n, _)| number(n));
        Fields {
            role: text("role"),
            organisation: text("organisation"),
            advertised: text("advertised"),
            salary: num("/salary/min").zip(num("/salary/max")),
        }
    }
}

/// Checks one JD file's bytes.
///
/// Valid files take a fast path: YAML straight to JSON, the schema's yes/no test, typed
/// fields. Only a file with a problem pays for the positioned YAML tree that places each
/// finding on its line and column.
pub fn check_file(path: &str, bytes: &[u8], ctx: &Context<'_>) -> Checked {
    let mut out = Checked {
        path: path.to_owned(),
        diagnostics: Vec::new(),
        jd: None,
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            out.diagnostics
                .push(not_utf8(path, bytes, err.valid_up_to()));
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
    let front = conforming_front(doc.yaml);
    let mut tree: Option<Node> = None;
    if front.is_none() {
        match yaml::parse(doc.yaml) {
            Ok(node) => {
                for issue in schema::check(Schema::JobDescription, &node) {
                    let (line, column) = issue.pos.map_or((1, 1), shift);
                    out.diagnostics.push(Diagnostic::error(
                        path,
                        line,
                        column,
                        issue.code,
                        issue.message,
                    ));
                }
                tree = Some(node);
            }
            Err(err) => {
                let (line, column) = err.pos.map_or((1, 1), shift);
                out.diagnostics.push(Diagnostic::error(
                    path,
                    line,
                    column,
                    err.kind.code(),
                    err.message,
                ));
                check_body(path, &doc, &mut out.diagnostics);
                return out;
            }
        }
    }
    let fields = match (&front, &tree) {
        (Some(front), _) => Fields::from_front(front),
        (None, Some(node)) => Fields::from_node(node),
        (None, None) => Fields::default(),
    };
    let mut findings = Vec::new();
    let authority = cross_check(path, &fields, ctx, &mut findings);
    let advertised = fields.advertised.and_then(Date::parse);
    if !findings.is_empty() {
        // The fast parse succeeded, so this one will too; if not, fall back to the top.
        let node = tree.get_or_insert_with(|| {
            yaml::parse(doc.yaml).unwrap_or(Node {
                pos: Pos { line: 1, column: 1 },
                value: yaml::Value::Null,
            })
        });
        for finding in findings {
            let (line, column) = node
                .at_pointer(finding.field.pointer())
                .map_or((1, 1), |(n, _)| shift(n.pos));
            out.diagnostics.push(Diagnostic::error(
                path,
                line,
                column,
                finding.code,
                finding.message,
            ));
        }
    }
    check_body(path, &doc, &mut out.diagnostics);

    if let Some(front) = front {
        let annual = annual_pay(&front, authority);
        let advertised_pos = Pos {
            line: key_line(doc.yaml, "advertised").map_or(1, |l| l + doc.yaml_line - 1),
            column: 1,
        };
        let front_matter_lines = doc.text[..doc.body_offset]
            .bytes()
            .filter(|&b| b == b'\n')
            .count();
        out.jd = Some(JobDescription {
            path: path.to_owned(),
            front,
            authority,
            advertised,
            annual,
            advertised_pos,
            body_line: u32::try_from(front_matter_lines + 1).unwrap_or(u32::MAX),
            body_hash: body_hash(doc.body),
        });
    }
    out
}

/// What search needs of a JD file in which [`check_file`] finds nothing wrong.
#[derive(Debug)]
pub struct Usable<'t> {
    /// The file's text, split.
    pub doc: Document<'t>,
    /// The front matter.
    pub front: FrontMatter,
    /// The advertising authority, when `organisation` is a known GSS code.
    pub authority: Option<&'static Authority>,
    /// The advert date, when it is a real date.
    pub advertised: Option<Date>,
    /// Annual full-time-equivalent (min, max), when there is a salary.
    pub annual: Option<(f64, f64)>,
}

/// The JD in a file when [`check_file`] would report no error about it, and `None` exactly
/// when it would report one (or could not read the front matter). The same checks in the same
/// order, but nothing is kept for messages or for the duplicate rules (positions, the body's
/// hash), which is most of the cost of a valid file; search reads every JD this way. The test
/// `tests/check_usable.rs` holds it to [`check_file`].
pub fn usable<'t>(path: &str, bytes: &'t [u8], ctx: &Context<'_>) -> Option<Usable<'t>> {
    let text = document::strip_bom(std::str::from_utf8(bytes).ok()?);
    let doc = document::split(text).ok()?;
    // Without conforming front matter `check_file` reports a YAML or schema error.
    let front = conforming_front(doc.yaml)?;
    let mut findings = Vec::new();
    let authority = cross_check(path, &Fields::from_front(&front), ctx, &mut findings);
    if !findings.is_empty() || !body::check_sections(doc.body).is_empty() {
        return None;
    }
    let advertised = front.advertised.as_deref().and_then(Date::parse);
    let annual = annual_pay(&front, authority);
    Some(Usable {
        doc,
        front,
        authority,
        advertised,
        annual,
    })
}

/// The front matter when it conforms to the schema. Valid files take a fast path: YAML
/// straight to JSON, the schema's yes/no test, typed fields.
fn conforming_front(yaml: &str) -> Option<FrontMatter> {
    yaml::to_json(yaml)
        .filter(|json| schema::is_valid(Schema::JobDescription, json))
        .and_then(|json| serde_json::from_value(json).ok())
}

/// Annual full-time-equivalent pay (min, max), when there is a salary.
fn annual_pay(front: &FrontMatter, authority: Option<&Authority>) -> Option<(f64, f64)> {
    let default_hours = annual::default_hours(
        front.source == Source::Model || authority.is_some_and(Authority::is_london),
    );
    front
        .salary
        .as_ref()
        .map(|s| annual::annualise(s, default_hours))
}

/// The finding for bytes that are not UTF-8, at the first bad byte.
pub(crate) fn not_utf8(path: &str, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    // The prefix is valid UTF-8 by definition of `valid_up_to`.
    let prefix = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let (line, column) = LineIndex::new(prefix).position(prefix.len());
    Diagnostic::error(
        path,
        line,
        column,
        Code::NotUtf8,
        format!(
            "the file is not valid UTF-8 (bad byte 0x{:02x}): save it as UTF-8 in your editor",
            bytes[valid_up_to]
        ),
    )
}

/// The 1-based line of a top-level block key in YAML text. Only used to place findings about
/// a file whose front matter already parsed, where keys are written `key:` at the margin.
fn key_line(yaml: &str, key: &str) -> Option<u32> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':'))
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn number(node: &Node) -> Option<f64> {
    match node.value {
        yaml::Value::Int(i) => Some(i as f64),
        yaml::Value::Float(f) => Some(f),
        _ => None,
    }
}

/// The rules a schema cannot express: registry, folder, register, dates, salary order.
fn cross_check(
    path: &str,
    fields: &Fields<'_>,
    ctx: &Context<'_>,
    findings: &mut Vec<Finding>,
) -> Option<&'static Authority> {
    let mut report = |field: Field, code: Code, message: String| {
        findings.push(Finding {
            field,
            code,
            message,
        });
    };
    if let Some(role) = fields.role {
        check_role(path, role, ctx, &mut report);
    }
    let authority = fields
        .organisation
        .and_then(|org| check_organisation(org, ctx, &mut report));
    if let Some(text) = fields.advertised {
        check_advertised(text, authority, ctx, &mut report);
    }
    if let Some((lo, hi)) = fields.salary
        && lo > hi
    {
        report(
            Field::SalaryMin,
            Code::SalaryRange,
            format!("`salary.min` ({lo}) is greater than `salary.max` ({hi}): swap them"),
        );
    }
    authority
}

fn check_role(
    path: &str,
    role: &str,
    ctx: &Context<'_>,
    report: &mut impl FnMut(Field, Code, String),
) {
    if ctx.registry_loaded && ctx.registry.get(role).is_none() {
        let message = match ctx.registry.named(role) {
            Some(r) => {
                let which = if r.title.eq_ignore_ascii_case(role.trim()) {
                    String::new()
                } else {
                    format!(", which is {}", r.title)
                };
                format!(
                    "`role` must be an id from library/roles.yaml, found `{role}`{which}; write `role: {}` instead",
                    r.id
                )
            }
            None => format!(
                "role `{role}` is not in library/roles.yaml{}",
                suggest::hint(role, ctx.registry.ids())
            ),
        };
        report(Field::Role, Code::UnknownRole, message);
    }
    let folder = path.split('/').nth(1).unwrap_or_default();
    // An unknown role has its own finding; saying the folder is wrong too would be noise.
    let known = !ctx.registry_loaded || ctx.registry.get(role).is_some();
    if known && folder != role {
        report(
            Field::Role,
            Code::RoleFolderMismatch,
            format!(
                "`role` is `{role}` but the file is in library/{folder}/: move it to library/{role}/ or change `role`"
            ),
        );
    }
}

fn check_organisation(
    org: &str,
    ctx: &Context<'_>,
    report: &mut impl FnMut(Field, Code, String),
) -> Option<&'static Authority> {
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
    report(Field::Organisation, Code::UnknownOrganisation, message);
    None
}

fn check_advertised(
    text: &str,
    authority: Option<&Authority>,
    ctx: &Context<'_>,
    report: &mut impl FnMut(Field, Code, String),
) {
    let Some(date) = Date::parse(text) else {
        // A value not shaped YYYY-MM-DD is already a schema finding.
        let bytes = text.as_bytes();
        if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
            report(
                Field::Advertised,
                Code::InvalidDate,
                format!("`advertised` `{text}` is not a real calendar date"),
            );
        }
        return;
    };
    if date > ctx.today {
        report(
            Field::Advertised,
            Code::DateOutOfRange,
            format!("`advertised` {date} is in the future: give the date the post was advertised"),
        );
    } else if date < EARLIEST_ADVERT {
        report(
            Field::Advertised,
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
            Field::Advertised,
            Code::OutsideAuthorityLifetime,
            format!(
                "{} {when}, so it cannot have advertised on {date}",
                a.official_name
            ),
        );
    }
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

/// Identical bodies may differ in line endings and in blank space at the end.
fn body_hash(body: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    let body = body.trim_end();
    if body.contains('\r') {
        for line in body.lines() {
            hasher.write(line.as_bytes());
            hasher.write_u8(b'\n');
        }
    } else {
        // The same bytes the loop feeds for LF text, in one call: this runs on every file.
        hasher.write(body.as_bytes());
        hasher.write_u8(b'\n');
    }
    hasher.finish()
}
