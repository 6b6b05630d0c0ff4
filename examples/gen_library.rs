//! Writes a synthetic job-description library that follows the v1 file contract
//! (`docs/contract.md`), for benchmarks and load tests:
//!
//! ```text
//! cargo run --release --example gen_library -- --n 100000 --out DIR [--seed S]
//! ```
//!
//! The result is `DIR/library/roles.yaml` (the real registry) plus `N` files
//! `DIR/library/<role-id>/<slug>.md`. Every file is meant to pass `jdlib validate`
//! with no errors and no warnings, so that a benchmark measures the loader rather than
//! the diagnostics path.
//!
//! Only the standard library is used: the generator must not add dependencies to the
//! crate, and a hand-written PRNG keeps the output byte-identical for a given seed on
//! every platform and Rust version, which makes benchmark runs comparable.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use std::{env, fs, thread};

/// The real role registry, so generated files name roles that `jdlib` knows.
const ROLES_YAML: &str = include_str!("../library/roles.yaml");
/// The council register `jdlib` embeds; organisations and dates must agree with it.
const REGISTER_CSV: &str = include_str!("../data/uk_local_authorities.csv");

/// Advert dates are drawn from this window (inclusive). The upper end must not be in
/// the future when the library is validated, or every late advert becomes an error.
const FIRST_ADVERT: (i64, i64, i64) = (2015, 1, 1);
const LAST_ADVERT: (i64, i64, i64) = (2026, 10, 31);

const MAX_SLUG: usize = 80;
const MAX_TITLE_CHARS: usize = 120;
/// Body length bounds in whitespace-separated words, Markdown markers included, so
/// that any reasonable word counter sees 300 to 1,200 words.
const MIN_WORDS: usize = 300;
const MAX_WORDS: usize = 1200;

const USAGE: &str = "usage: gen_library --n N --out DIR [--seed S]

Writes DIR/library/roles.yaml and N job descriptions under DIR/library/<role-id>/.
DIR/library must not exist yet. The same seed always gives the same library.";

fn main() -> ExitCode {
    let args = match Args::parse(env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("gen_library: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_library: {message}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    n: usize,
    out: PathBuf,
    seed: u64,
}

impl Args {
    /// Accepts `--flag value` and `--flag=value`; `Ok(None)` means help was asked for.
    fn parse(mut raw: impl Iterator<Item = String>) -> Result<Option<Self>, String> {
        let (mut n, mut out, mut seed) = (None, None, 1_u64);
        while let Some(arg) = raw.next() {
            if arg == "-h" || arg == "--help" {
                return Ok(None);
            }
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => {
                    (flag.to_owned(), Some(value.to_owned()))
                }
                _ => (arg.clone(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| raw.next())
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "--n" => {
                    let text = value()?;
                    n = Some(
                        text.replace('_', "")
                            .parse::<usize>()
                            .map_err(|e| format!("--n {text}: {e}"))?,
                    );
                }
                "--out" => out = Some(PathBuf::from(value()?)),
                "--seed" => {
                    let text = value()?;
                    seed = text.parse().map_err(|e| format!("--seed {text}: {e}"))?;
                }
                _ => return Err(format!("unknown argument `{arg}`")),
            }
        }
        Ok(Some(Self {
            n: n.ok_or("--n is required")?,
            out: out.ok_or("--out is required")?,
            seed,
        }))
    }
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let library = args.out.join("library");
    // Refuse to write over an old library: leftover files from a larger or differently
    // seeded run would break the uniqueness rules this generator guarantees.
    if library.exists() {
        return Err(format!(
            "{} already exists; remove it first",
            library.display()
        ));
    }
    let roles = parse_roles(ROLES_YAML)?;
    let councils = parse_councils(REGISTER_CSV)?;
    let plan = plan_documents(args.n, args.seed, &roles, &councils);

    fs::create_dir_all(&library).map_err(|e| format!("creating {}: {e}", library.display()))?;
    write_file(&library.join("roles.yaml"), ROLES_YAML.as_bytes())?;
    let used_roles: BTreeSet<usize> = plan.iter().map(|doc| doc.role).collect();
    for &role in &used_roles {
        let dir = library.join(&roles[role].id);
        fs::create_dir(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }

    // Bodies are rendered and written in parallel. Each document has its own RNG
    // seeded from (seed, number), so the output does not depend on the thread count.
    let threads = thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = plan.len().div_ceil(threads).max(1);
    let world = World {
        roles: &roles,
        councils: &councils,
        seed: args.seed,
    };
    let results: Vec<Result<(usize, u64), String>> = thread::scope(|scope| {
        let workers: Vec<_> = plan
            .chunks(chunk)
            .map(|docs| scope.spawn(|| write_documents(&world, &library, docs)))
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|_| Err("a writer thread panicked".to_owned()))
            })
            .collect()
    });
    let (mut files, mut bytes) = (0_usize, 0_u64);
    for result in results {
        let (f, b) = result?;
        files += f;
        bytes += b;
    }
    eprintln!(
        "gen_library: wrote {files} files, {bytes} bytes ({}) under {} in {:.2?}",
        human_bytes(bytes),
        library.display(),
        started.elapsed()
    );
    Ok(())
}

struct World<'a> {
    roles: &'a [Role],
    councils: &'a [Council],
    seed: u64,
}

fn write_documents(
    world: &World<'_>,
    library: &Path,
    docs: &[Doc],
) -> Result<(usize, u64), String> {
    // One reused buffer and one write per file: the cost of 100,000 files is dominated
    // by file creation, so keep everything else out of the way.
    let mut text = String::with_capacity(16 * 1024);
    let mut bytes = 0_u64;
    for doc in docs {
        text.clear();
        let mut rng = Rng::for_document(world.seed, doc.number);
        let slug = render_document(world, doc, &mut rng, &mut text);
        let path = library
            .join(&world.roles[doc.role].id)
            .join(format!("{slug}.md"));
        write_file(&path, text.as_bytes())?;
        bytes += text.len() as u64;
    }
    Ok((docs.len(), bytes))
}

fn write_file(path: &Path, contents: &[u8]) -> Result<(), String> {
    fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn human_bytes(bytes: u64) -> String {
    let tenths = bytes * 10 / 1_000_000;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

// ---------------------------------------------------------------------------------
// Random numbers

/// `SplitMix64`: tiny, fast and statistically fine for test data.
struct Rng(u64);

impl Rng {
    /// Document streams are derived by hashing, not by offsetting the seed: `SplitMix64`
    /// streams started one increment apart would overlap and repeat each other.
    fn for_document(seed: u64, number: usize) -> Self {
        let mut mixer = Rng(seed ^ (number as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        Rng(mixer.next_u64())
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; the modulo bias is negligible for the small `n` used here.
    fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "empty range");
        self.next_u64() % n
    }

    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    fn between_days(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).expect("day range is non-empty");
        lo + i64::try_from(self.below(span)).expect("day offset fits in i64")
    }

    fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64))
            .expect("an index below a usize length fits in usize")
    }

    fn percent(&mut self, chance: u64) -> bool {
        self.below(100) < chance
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.index(items.len())]
    }

    /// Fisher-Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.index(i + 1));
        }
    }

    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut ticket = self.below(weights.iter().sum());
        for (i, &weight) in weights.iter().enumerate() {
            if ticket < weight {
                return i;
            }
            ticket -= weight;
        }
        unreachable!("ticket is below the total weight")
    }
}

// ---------------------------------------------------------------------------------
// Inputs: the role registry and the council register

struct Role {
    id: String,
    title: String,
    family: Family,
    aliases: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Data,
    Digital,
    Technology,
    Cyber,
    Innovation,
    Leadership,
}

impl Family {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "data" => Self::Data,
            "digital" => Self::Digital,
            "technology" => Self::Technology,
            "cyber" => Self::Cyber,
            "innovation" => Self::Innovation,
            "leadership" => Self::Leadership,
            _ => return None,
        })
    }
}

/// Reads just enough of `roles.yaml` for generation. The file is ours and written in a
/// fixed block style, so a line scanner is enough; the generator must not depend on a
/// YAML crate.
fn parse_roles(yaml: &str) -> Result<Vec<Role>, String> {
    let mut roles: Vec<Role> = Vec::new();
    for line in yaml.lines() {
        let line = line.trim();
        if let Some(id) = line.strip_prefix("- id:") {
            roles.push(Role {
                id: id.trim().to_owned(),
                title: String::new(),
                family: Family::Data,
                aliases: Vec::new(),
            });
            continue;
        }
        let Some(role) = roles.last_mut() else {
            continue;
        };
        if let Some(title) = line.strip_prefix("title:") {
            title.trim().clone_into(&mut role.title);
        } else if let Some(family) = line.strip_prefix("family:") {
            role.family = Family::parse(family.trim())
                .ok_or_else(|| format!("roles.yaml: unknown family in `{line}`"))?;
        } else if let Some(aliases) = line.strip_prefix("aliases:") {
            let inner = aliases.trim().trim_start_matches('[').trim_end_matches(']');
            role.aliases = inner
                .split(',')
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect();
        }
    }
    if roles.is_empty() || roles.iter().any(|r| r.title.is_empty()) {
        return Err(
            "roles.yaml: could not read the roles (every role needs an id and a title)".to_owned(),
        );
    }
    Ok(roles)
}

struct Council {
    gss: String,
    name: String,
    slug: String,
    london: bool,
    /// The days on which this council may have advertised: its existence intersected
    /// with the advert window, both ends inclusive.
    first_day: i64,
    last_day: i64,
}

fn parse_councils(csv: &str) -> Result<Vec<Council>, String> {
    let mut rows = parse_csv(csv).into_iter();
    let header = rows.next().ok_or("register: empty file")?;
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("register: no `{name}` column"))
    };
    let (gss, name, start, end, region) = (
        column("gss-code")?,
        column("nice-name")?,
        column("start-date")?,
        column("end-date")?,
        column("region")?,
    );
    let window = (days_from_civil(FIRST_ADVERT), days_from_civil(LAST_ADVERT));
    let mut councils = Vec::new();
    for row in rows {
        let field = |i: usize| row.get(i).map_or("", |s| s.trim());
        if field(gss).is_empty() {
            continue; // abolished before GSS codes: no file can name it
        }
        let date = |i: usize| match field(i) {
            "" => Ok(None),
            text => parse_date(text)
                .map(Some)
                .ok_or_else(|| format!("register: bad date `{text}`")),
        };
        let first_day = date(start)?.map_or(window.0, |d| d.max(window.0));
        // The end date is the first day the council no longer existed.
        let last_day = date(end)?.map_or(window.1, |d| (d - 1).min(window.1));
        if first_day > last_day {
            continue;
        }
        councils.push(Council {
            gss: field(gss).to_owned(),
            name: field(name).to_owned(),
            slug: slugify(field(name)),
            london: field(region) == "London",
            first_day,
            last_day,
        });
    }
    if councils.is_empty() {
        return Err("register: no council existed inside the advert window".to_owned());
    }
    Ok(councils)
}

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (_, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

// ---------------------------------------------------------------------------------
// Dates, as days since 1970-01-01 (Howard Hinnant's civil-calendar algorithms)

fn days_from_civil((year, month, day): (i64, i64, i64)) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.splitn(3, '-').map(str::parse::<i64>);
    let (year, month, day) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| days_from_civil((year, month, day)))
}

// ---------------------------------------------------------------------------------
// Planning: the choices that must be unique across the whole library

const LEVELS: [&str; 8] = [
    "apprentice",
    "junior",
    "mid",
    "senior",
    "lead",
    "principal",
    "head",
    "director",
];
/// Councils advertise far more mid and senior posts than apprenticeships or directorships.
const LEVEL_WEIGHTS: [u64; 8] = [4, 12, 30, 25, 12, 8, 6, 3];
const APPRENTICE: usize = 0;
const HEAD: usize = 6;
const DIRECTOR: usize = 7;

struct Doc {
    /// 1-based; appears in the slug and the body, which makes both unique.
    number: usize,
    role: usize,
    level: usize,
    /// `None` for a model JD.
    advert: Option<Advert>,
}

#[derive(Clone, Copy)]
struct Advert {
    council: usize,
    day: i64,
}

/// Decides role, level, source, council and date sequentially, because the contract
/// forbids two adverts with the same organisation, role, level and date; everything
/// else about a document is decided later from its own RNG.
fn plan_documents(n: usize, seed: u64, roles: &[Role], councils: &[Council]) -> Vec<Doc> {
    let mut rng = Rng(seed);
    let mut taken: HashSet<(usize, usize, usize, i64)> = HashSet::with_capacity(n);
    (1..=n)
        .map(|number| {
            let role = rng.index(roles.len());
            let level = level_for(&roles[role], &mut rng);
            let advert = (!rng.percent(10)).then(|| {
                loop {
                    let council = rng.index(councils.len());
                    let day =
                        rng.between_days(councils[council].first_day, councils[council].last_day);
                    // Retrying terminates quickly: each role and level has millions
                    // of (council, day) pairs, so collisions stay rare even at 10^7 files.
                    if taken.insert((council, role, level, day)) {
                        break Advert { council, day };
                    }
                }
            });
            Doc {
                number,
                role,
                level,
                advert,
            }
        })
        .collect()
}

/// Some roles only make sense at one level ("Senior Digital Apprentice" is not a job).
fn level_for(role: &Role, rng: &mut Rng) -> usize {
    match role.id.as_str() {
        "digital-apprentice" => APPRENTICE,
        "head-of-digital" => HEAD,
        "chief-digital-officer" => DIRECTOR,
        _ => rng.weighted(&LEVEL_WEIGHTS),
    }
}

// ---------------------------------------------------------------------------------
// Rendering one document

/// Appends the whole file to `out` and returns its slug.
fn render_document(world: &World<'_>, doc: &Doc, rng: &mut Rng, out: &mut String) -> String {
    let role = &world.roles[doc.role];
    let advert = doc.advert.map(|a| (a, &world.councils[a.council]));
    let level = LEVELS[doc.level];

    let slug = if let Some((advert, council)) = advert {
        let (year, month, _) = civil_from_days(advert.day);
        advert_slug(
            &council.slug,
            &format!("-{year:04}-{month:02}-{level}-{}", doc.number),
        )
    } else {
        format!("model-{level}-{}", doc.number)
    };

    out.push_str("---\n");
    push_field(
        out,
        "title",
        &job_title(role, doc.level, advert.map(|(_, c)| c), rng),
    );
    push_field(out, "role", &role.id);
    push_field(out, "level", level);
    if let Some((advert, council)) = advert {
        push_field(out, "source", "advertised");
        push_field(out, "organisation", &council.gss);
        let (year, month, day) = civil_from_days(advert.day);
        push_raw(out, "advertised", &format!("{year:04}-{month:02}-{day:02}"));
        let pay = advertised_salary(doc.level, council.london, rng);
        pay.render(out);
        let licence = ["OGL-UK-3.0", "CC-BY-4.0", "CC0-1.0"][rng.weighted(&[60, 25, 15])];
        push_field(out, "licence", licence);
        if rng.percent(50) {
            push_field(
                out,
                "url",
                &format!("https://example.org/jobs/{}", doc.number),
            );
        }
        if rng.percent(60) {
            push_field(out, "contract", contract_for(doc.level, pay.period, rng));
        }
        if rng.percent(50) {
            push_field(out, "location", &location(&council.name, rng));
        }
    } else {
        push_field(out, "source", "model");
        // Model JDs may omit salary; a few do, so `list` sees `salary: null` too.
        if rng.percent(90) {
            model_salary(doc.level, rng).render(out);
        }
        push_field(out, "licence", "OGL-UK-3.0");
        if rng.percent(50) {
            push_field(
                out,
                "contract",
                if doc.level == APPRENTICE {
                    "apprenticeship"
                } else {
                    "permanent"
                },
            );
        }
    }
    out.push_str("---\n\n");

    let ctx = BodyContext {
        role: &role.title,
        family: role.family,
        council: advert.map_or("the council", |(_, c)| c.name.as_str()),
        number: doc.number,
        mentions_data_engineer: role.id == "data-engineer" || rng.percent(2),
    };
    render_body(&ctx, rng, out);
    slug
}

/// Shortens the council part, never the unique suffix, and never leaves a hyphen at
/// the join or the end.
fn advert_slug(council: &str, suffix: &str) -> String {
    let room = MAX_SLUG.saturating_sub(suffix.len());
    let prefix = council[..council.len().min(room)].trim_end_matches('-');
    if prefix.is_empty() {
        suffix.trim_start_matches('-').to_owned()
    } else {
        format!("{prefix}{suffix}")
    }
}

fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.replace('&', " and ").chars() {
        match c {
            'a'..='z' | '0'..='9' => slug.push(c),
            'A'..='Z' => slug.push(c.to_ascii_lowercase()),
            '\'' | '\u{2019}' => {} // "King's Lynn" -> "kings-lynn"
            _ if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            _ => {}
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// For numbers, dates and booleans, which must keep their YAML type.
fn push_raw(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    out.push_str(value);
    out.push('\n');
}

/// For text, quoted only when a plain scalar could be misread.
fn push_field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    push_scalar(out, value);
    out.push('\n');
}

/// Writes a string as a plain YAML scalar when that is unambiguous, else double-quoted.
fn push_scalar(out: &mut String, value: &str) {
    let plain_safe = value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " ,.()/'&-\u{2013}".contains(c))
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain_safe {
        out.push_str(value);
    } else {
        out.push('"');
        for c in value.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
}

fn job_title(role: &Role, level: usize, council: Option<&Council>, rng: &mut Rng) -> String {
    let base = if !role.aliases.is_empty() && rng.percent(30) {
        role.aliases[rng.index(role.aliases.len())].as_str()
    } else {
        role.title.as_str()
    };
    let area = match role.family {
        Family::Data => "Data and Insight",
        Family::Digital => "Digital Services",
        Family::Technology => "Technology",
        Family::Cyber => "Cyber Security",
        Family::Innovation => "Transformation",
        Family::Leadership => "Digital",
    };
    let mut title = if role.family == Family::Leadership || role.id == "digital-apprentice" {
        // These titles already carry their seniority.
        base.to_owned()
    } else {
        match LEVELS[level] {
            "apprentice" => format!("{base} Apprentice"),
            "junior" => format!("{} {base}", rng.pick(&["Junior", "Assistant", "Trainee"])),
            "mid" => base.to_owned(),
            "senior" => format!("Senior {base}"),
            "lead" => format!("Lead {base}"),
            "principal" => format!("Principal {base}"),
            "head" if rng.percent(50) => format!("Head of {area}"),
            "head" => format!("{base} (Head of Profession)"),
            _ if rng.percent(50) => format!("Director of {area}"),
            _ => format!("Assistant Director, {area}"),
        }
    };
    if let Some(council) = council {
        match rng.below(10) {
            0 => write!(title, " \u{2013} {}", council.name)
                .expect("writing to a String cannot fail"),
            1 => title.push_str(" (Fixed Term)"),
            2 => title.push_str(" (Maternity Cover)"),
            3 => title.push_str(" - Hybrid"),
            _ => {}
        }
    }
    if let Some((cut, _)) = title.char_indices().nth(MAX_TITLE_CHARS) {
        title.truncate(cut);
        title.truncate(title.trim_end().len());
    }
    title
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Period {
    Year,
    Day,
    Hour,
}

struct Salary {
    period: Period,
    /// Pounds for year and day rates, pence for hourly rates (printed with 2 decimals).
    min: u64,
    max: u64,
    hours_per_week: Option<u64>,
    /// Hundredths of full time.
    fte: Option<u64>,
    grade: Option<String>,
    london_weighting: bool,
    basis: &'static str,
}

/// Full-time annual pay ranges by level, roughly what English councils advertise.
const YEARLY: [(u64, u64); 8] = [
    (20_000, 24_000),
    (23_000, 30_000),
    (29_000, 42_000),
    (38_000, 55_000),
    (48_000, 66_000),
    (54_000, 75_000),
    (65_000, 95_000),
    (85_000, 112_000),
];
/// Hourly rates in pence (agency and casual posts).
const HOURLY: [(u64, u64); 8] = [
    (1200, 1400),
    (1300, 1700),
    (1600, 2400),
    (2100, 3000),
    (2600, 3600),
    (3000, 4200),
    (3600, 5000),
    (4500, 5600),
];
/// Day rates in pounds (interim and contract posts).
const DAILY: [(u64, u64); 8] = [
    (150, 200),
    (170, 260),
    (250, 400),
    (350, 550),
    (450, 650),
    (500, 750),
    (600, 850),
    (700, 850),
];

fn advertised_salary(level: usize, london: bool, rng: &mut Rng) -> Salary {
    let period = [Period::Year, Period::Hour, Period::Day][rng.weighted(&[80, 12, 8])];
    let (table, spread, ceiling) = match period {
        Period::Year => (&YEARLY, 12, 120_000),
        Period::Hour => (&HOURLY, 25, 6000),
        Period::Day => (&DAILY, 15, 900),
    };
    let (lo, hi) = table[level];
    let min = rng.between(lo, hi);
    // About one advert in ten gives a single figure rather than a range.
    let max = if rng.percent(10) {
        min
    } else {
        (min + rng.between(0, min * spread / 100)).min(ceiling)
    };
    Salary {
        period,
        min,
        max,
        hours_per_week: rng.percent(30).then(|| {
            if london {
                36
            } else {
                [37, 37, 36, 35][rng.index(4)]
            }
        }),
        fte: rng.percent(15).then(|| rng.between(50, 100)),
        grade: rng.percent(45).then(|| grade(level, rng)),
        london_weighting: london && period == Period::Year && rng.percent(40),
        basis: "advertised",
    }
}

fn model_salary(level: usize, rng: &mut Rng) -> Salary {
    let (lo, hi) = YEARLY[level];
    let min = rng.between(lo, hi) / 1000 * 1000;
    Salary {
        period: Period::Year,
        min,
        max: min + rng.between(2, 9) * 1000,
        hours_per_week: None,
        fte: None,
        grade: rng.percent(50).then(|| {
            format!(
                "Indicative {} band (model JD, not a council grade)",
                LEVELS[level]
            )
        }),
        london_weighting: false,
        basis: "indicative",
    }
}

/// Grade labels in the styles councils actually use: NJC spinal column points, the
/// old PO/SO scales, and local band or grade numbers.
fn grade(level: usize, rng: &mut Rng) -> String {
    let step = level as u64;
    match rng.below(5) {
        0 => {
            let first = 6 + step * 5 + rng.between(0, 3);
            format!("SCP {first}-{}", first + rng.between(2, 4))
        }
        1 if level <= 2 => format!("SO{}", rng.between(1, 2)),
        1 => format!("PO{}", (step - 2) * 2 + rng.between(1, 2)),
        2 => format!("Grade {}", step + rng.between(4, 6)),
        3 => format!("Band {}", step + rng.between(2, 3)),
        _ => format!("Hay Grade {}", step * 2 + rng.between(8, 9)),
    }
}

impl Salary {
    fn render(&self, out: &mut String) {
        let figure = |value: u64| match self.period {
            Period::Hour => format!("{}.{:02}", value / 100, value % 100),
            Period::Year | Period::Day => value.to_string(),
        };
        out.push_str("salary:\n");
        push_raw(out, "  min", &figure(self.min));
        push_raw(out, "  max", &figure(self.max));
        let period = match self.period {
            Period::Year => "year",
            Period::Day => "day",
            Period::Hour => "hour",
        };
        push_field(out, "  period", period);
        if let Some(hours) = self.hours_per_week {
            push_raw(out, "  hours_per_week", &hours.to_string());
        }
        if let Some(fte) = self.fte {
            let text = if fte >= 100 {
                "1.0".to_owned()
            } else {
                format!("0.{fte:02}")
            };
            push_raw(out, "  fte", &text);
        }
        if let Some(grade) = &self.grade {
            push_field(out, "  grade", grade);
        }
        if self.london_weighting {
            push_raw(out, "  includes_london_weighting", "true");
        }
        push_field(out, "  basis", self.basis);
    }
}

fn contract_for(level: usize, period: Period, rng: &mut Rng) -> &'static str {
    if level == APPRENTICE {
        "apprenticeship"
    } else if period == Period::Day {
        "interim"
    } else if rng.percent(25) {
        "fixed-term"
    } else {
        "permanent"
    }
}

fn location(council: &str, rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("{council} Civic Centre"),
        1 => format!("Hybrid, {council}"),
        2 => format!("Home-based with occasional travel to {council}"),
        _ => format!("{council} Town Hall"),
    }
}

// ---------------------------------------------------------------------------------
// Bodies: sentences assembled from a council, digital and data vocabulary, so that
// search and lint benchmarks see text with realistic word frequencies.

struct BodyContext<'a> {
    role: &'a str,
    family: Family,
    council: &'a str,
    number: usize,
    /// The phrase "data engineer" appears only in these bodies (data engineer roles
    /// plus about 2% of the rest), giving search benchmarks a known, rare hit set.
    mentions_data_engineer: bool,
}

/// (base, -ing, third person)
const VERBS: &[(&str, &str, &str)] = &[
    ("design", "designing", "designs"),
    ("build", "building", "builds"),
    ("maintain", "maintaining", "maintains"),
    ("improve", "improving", "improves"),
    ("review", "reviewing", "reviews"),
    ("document", "documenting", "documents"),
    ("test", "testing", "tests"),
    ("automate", "automating", "automates"),
    ("monitor", "monitoring", "monitors"),
    ("prioritise", "prioritising", "prioritises"),
    ("publish", "publishing", "publishes"),
    ("migrate", "migrating", "migrates"),
    ("simplify", "simplifying", "simplifies"),
    ("measure", "measuring", "measures"),
    ("support", "supporting", "supports"),
    ("plan", "planning", "plans"),
    ("deliver", "delivering", "delivers"),
    ("assure", "assuring", "assures"),
    ("retire", "retiring", "retires"),
    ("redesign", "redesigning", "redesigns"),
];

const COMMON_OBJECTS: &[&str] = &[
    "case management systems",
    "online forms",
    "the customer relationship management system",
    "performance indicators",
    "data protection impact assessments",
    "the team backlog",
    "supplier contracts",
    "the address gazetteer",
    "shared drives full of spreadsheets",
    "the intranet",
];

fn family_objects(family: Family) -> &'static [&'static str] {
    match family {
        Family::Data => &[
            "the data warehouse",
            "reporting datasets",
            "Power BI dashboards",
            "the performance framework",
            "statutory data returns",
            "data quality rules",
            "open data releases",
            "data sharing agreements",
            "the master person index",
            "ward profiles",
        ],
        Family::Digital => &[
            "the council website",
            "user journeys",
            "service blueprints",
            "the design system",
            "the product roadmap",
            "prototypes",
            "accessibility audits",
            "the resident portal",
            "content guidelines",
            "the research repository",
        ],
        Family::Technology => &[
            "the cloud platform",
            "deployment pipelines",
            "application programming interfaces",
            "the integration layer",
            "patching schedules",
            "the service desk",
            "backup and recovery plans",
            "the network estate",
            "end-user devices",
            "infrastructure as code",
        ],
        Family::Cyber => &[
            "security controls",
            "the incident response plan",
            "vulnerability scans",
            "access reviews",
            "the Public Services Network submission",
            "phishing simulations",
            "security monitoring alerts",
            "the information risk register",
            "penetration test findings",
            "Cyber Essentials Plus evidence",
        ],
        Family::Innovation => &[
            "pilot projects",
            "the transformation portfolio",
            "business cases",
            "benefits realisation plans",
            "partnership bids",
            "smart place sensors",
            "discovery sprints",
            "the change roadmap",
            "proofs of concept",
            "funding applications",
        ],
        Family::Leadership => &[
            "the digital strategy",
            "the technology budget",
            "the corporate plan",
            "the target operating model",
            "the workforce plan",
            "the data strategy",
            "the capital programme",
            "the governance framework",
            "reports to cabinet",
            "the medium-term financial plan",
        ],
    }
}

const SERVICES: &[&str] = &[
    "adult social care",
    "children's services",
    "housing repairs",
    "council tax",
    "waste and recycling",
    "planning and building control",
    "libraries",
    "highways maintenance",
    "parking enforcement",
    "licensing",
    "revenues and benefits",
    "public health",
    "leisure centres",
    "homelessness prevention",
    "special educational needs",
    "registration services",
    "environmental health",
    "trading standards",
    "electoral services",
    "the contact centre",
];

const PARTNERS: &[&str] = &[
    "residents",
    "ward councillors",
    "heads of service",
    "the integrated care board",
    "neighbouring authorities",
    "suppliers",
    "voluntary sector partners",
    "the information governance team",
    "frontline caseworkers",
    "the corporate leadership team",
    "scrutiny committees",
    "local schools",
    "the police and fire services",
    "housing associations",
    "finance business partners",
];

const OUTCOMES: &[&str] = &[
    "residents get help sooner",
    "decisions rest on sound evidence",
    "services cost less to run",
    "staff spend less time keying the same details twice",
    "the council meets its statutory duties",
    "nobody is left behind by digital change",
    "problems are caught before they reach residents",
    "councillors can see what is working and what is not",
    "public money is spent where it makes most difference",
    "people can do what they need online the first time",
    "information is kept safe and used lawfully",
    "frontline teams have the tools they need",
];

const QUALIFIERS: &[&str] = &[
    "in line with the Service Standard",
    "within the agreed budget",
    "to WCAG 2.2 AA",
    "using agile ways of working",
    "with clear documentation",
    "following the Technology Code of Practice",
    "in the open wherever possible",
    "with residents involved from the start",
    "without adding to the burden on frontline staff",
    "in a way that others can maintain after you",
];

const SKILLS: &[&str] = &[
    "SQL",
    "Python",
    "R",
    "Power BI",
    "Tableau",
    "Microsoft Azure",
    "Amazon Web Services",
    "Terraform",
    "the GOV.UK Design System",
    "Git",
    "PostgreSQL",
    "QGIS",
    "ArcGIS",
    "Microsoft 365",
    "Dynamics 365",
    "Salesforce",
    "ServiceNow",
    "Jira and Confluence",
    "dbt",
    "Kubernetes",
    "Linux administration",
    "ITIL service management",
    "ISO 27001",
    "UK GDPR and the Data Protection Act 2018",
    "the Freedom of Information Act 2000",
];

const CONTEXTS: &[&str] = &[
    "a local authority",
    "the public sector",
    "a regulated environment",
    "a multidisciplinary team",
    "several council departments at once",
    "a live service used by the public",
    "a large system migration",
    "an organisation going through change",
];

const FRAMEWORKS: &[&str] = &[
    "the GDS Service Standard",
    "the Technology Code of Practice",
    "the Local Digital Declaration",
    "ITIL 4",
    "PRINCE2",
    "Scrum and Kanban",
    "the NCSC Cyber Assessment Framework",
    "the Code of Practice for Statistics",
    "the Aqua Book",
    "TOGAF",
    "Managing Successful Programmes",
];

const SECTORS: &[&str] = &[
    "local government",
    "the NHS",
    "a housing association",
    "central government",
    "the voluntary and community sector",
    "a regulated utility",
    "higher education",
];

const QUALIFICATIONS: &[&str] = &[
    "a degree in a numerate subject",
    "a level 4 apprenticeship",
    "BCS membership",
    "a CISMP or CISSP certificate",
    "an ITIL Foundation certificate",
    "a PRINCE2 Practitioner certificate",
    "a recognised project management qualification",
    "a Google or Microsoft cloud certification",
];

const PROBLEMS: &[&str] = &[
    "demand is rising faster than budgets",
    "paper forms still cause long delays",
    "information sits in systems that do not talk to each other",
    "residents often have to tell their story more than once",
    "decisions are too often made without timely evidence",
    "old contracts lock us into expensive technology",
    "staff work around systems rather than with them",
];

const AUDIENCES: &[&str] = &[
    "councillors",
    "frontline staff",
    "residents",
    "the senior leadership team",
    "internal auditors",
    "new starters",
    "partner organisations",
];

const TOPICS: &[&str] = &[
    "how a figure was produced",
    "what a change means for residents",
    "the risks and trade-offs",
    "why a decision was taken",
    "how to use a new service",
    "what the evidence does and does not show",
];

/// Word budget shares of the body: purpose, team, responsibilities, essential, desirable.
const SHARES: [usize; 5] = [14, 10, 36, 25, 15];

fn render_body(ctx: &BodyContext<'_>, rng: &mut Rng, out: &mut String) {
    let with_team = rng.percent(60);
    // Each section may overshoot its budget by one sentence (at most ~30 words) and
    // headings add ~15 words, so this target keeps every body inside the bounds.
    let target = usize::try_from(rng.between(270, 1020)).expect("small number fits in usize");
    let share_total: usize = SHARES.iter().sum::<usize>() - if with_team { 0 } else { SHARES[1] };
    let budget = |i: usize| target * SHARES[i] / share_total;

    let mut purpose = fill(ctx, rng, budget(0), 2, PURPOSE);
    let team = if with_team {
        fill(ctx, rng, budget(1), 2, TEAM)
    } else {
        Vec::new()
    };
    let mut duties = fill(ctx, rng, budget(2), 4, DUTY);
    let essential = fill(ctx, rng, budget(3), 3, ESSENTIAL);
    let desirable = fill(ctx, rng, budget(4), 2, DESIRABLE);

    // The reference makes every body unique, as the contract's duplicate check wants.
    purpose.push(format!("Reference JDL-{:06}.", ctx.number));
    if ctx.mentions_data_engineer {
        duties.push(format!(
            "Work closely with the data engineer who looks after {}, agreeing how data should flow between systems.",
            rng.pick(&["the data warehouse", "the integration layer", "our reporting pipelines", "the cloud platform"])
        ));
    }

    // Guard the bounds exactly, whatever the budgets did.
    let words = |items: &[String], marker: usize| {
        items
            .iter()
            .map(|s| s.split_whitespace().count() + marker)
            .sum::<usize>()
    };
    let headings = 2 + 2 + 3 + 2 + 2 + if with_team { 4 } else { 0 };
    let total = |duties: &[String]| {
        headings
            + words(&purpose, 0)
            + words(&team, 0)
            + words(duties, 1)
            + words(&essential, 1)
            + words(&desirable, 1)
    };
    while total(&duties) < MIN_WORDS {
        let variant = rng.below(DUTY.0);
        duties.push(duty(ctx, rng, variant));
    }
    while total(&duties) > MAX_WORDS && duties.len() > 3 {
        duties.remove(0);
    }

    out.push_str("## Purpose\n\n");
    push_paragraphs(out, &purpose);
    if with_team {
        out.push_str("## About the team\n\n");
        push_paragraphs(out, &team);
    }
    out.push_str("## Responsibilities\n\n");
    push_list(out, &duties);
    out.push_str("## Person specification\n\n### Essential\n\n");
    push_list(out, &essential);
    out.push_str("### Desirable\n\n");
    push_list(out, &desirable);
}

/// A sentence template family: how many variants it has, and the function that renders
/// variant `0..count`.
type Sentences = (u64, fn(&BodyContext<'_>, &mut Rng, u64) -> String);

const PURPOSE: Sentences = (6, purpose_sentence);
const TEAM: Sentences = (5, team_sentence);
const DUTY: Sentences = (6, duty);
const ESSENTIAL: Sentences = (5, essential);
const DESIRABLE: Sentences = (4, desirable);

/// Adds sentences until the word budget is met, with at least `min_items`. Variants are
/// dealt in shuffled rounds and exact repeats are skipped, because independent draws
/// make the same sentence shape come up three times in a row, which no writer does.
fn fill(
    ctx: &BodyContext<'_>,
    rng: &mut Rng,
    budget: usize,
    min_items: usize,
    (variants, sentence): Sentences,
) -> Vec<String> {
    let (mut items, mut words, mut repeats) = (Vec::<String>::new(), 0, 0);
    let mut deck: Vec<u64> = Vec::new();
    while words < budget || items.len() < min_items {
        if deck.is_empty() {
            deck.extend(0..variants);
            rng.shuffle(&mut deck);
        }
        let variant = deck.pop().expect("the deck was just refilled");
        let next = sentence(ctx, rng, variant);
        // Bounded, so a tiny vocabulary could never loop forever.
        if items.contains(&next) && repeats < 50 {
            repeats += 1;
            continue;
        }
        words += next.split_whitespace().count();
        items.push(next);
    }
    items
}

/// Splits prose into paragraphs of three or four sentences, as a person would.
fn push_paragraphs(out: &mut String, sentences: &[String]) {
    for paragraph in sentences.chunks(4) {
        out.push_str(&paragraph.join(" "));
        out.push_str("\n\n");
    }
}

fn push_list(out: &mut String, items: &[String]) {
    for item in items {
        out.push_str("- ");
        out.push_str(item);
        out.push('\n');
    }
    out.push('\n');
}

fn object(ctx: &BodyContext<'_>, rng: &mut Rng) -> &'static str {
    if rng.percent(65) {
        rng.pick(family_objects(ctx.family))
    } else {
        rng.pick(COMMON_OBJECTS)
    }
}

fn verb(rng: &mut Rng) -> (&'static str, &'static str, &'static str) {
    VERBS[rng.index(VERBS.len())]
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn purpose_sentence(ctx: &BodyContext<'_>, rng: &mut Rng, variant: u64) -> String {
    let (base, _, third) = verb(rng);
    match variant {
        0 => format!(
            "You will {base} {} for {}, so that {}.",
            object(ctx, rng),
            rng.pick(SERVICES),
            rng.pick(OUTCOMES)
        ),
        1 => format!(
            "As our {}, you will help {} {base} {} and make sure {}.",
            ctx.role,
            rng.pick(PARTNERS),
            object(ctx, rng),
            rng.pick(OUTCOMES)
        ),
        2 => format!(
            "This role exists because our work on {} depends on {} that people can trust.",
            rng.pick(SERVICES),
            object(ctx, rng)
        ),
        3 => format!(
            "You will spend much of your time on {}, where {}.",
            rng.pick(SERVICES),
            rng.pick(PROBLEMS)
        ),
        4 => format!(
            "Your work will shape how {} {third} {} over the next {} years.",
            ctx.council,
            object(ctx, rng),
            rng.pick(&["two", "three", "five"])
        ),
        _ => format!(
            "We want someone who can {base} {} {} and explain the results to {}.",
            object(ctx, rng),
            rng.pick(QUALIFIERS),
            rng.pick(AUDIENCES)
        ),
    }
}

fn team_sentence(ctx: &BodyContext<'_>, rng: &mut Rng, variant: u64) -> String {
    match variant {
        0 => format!(
            "You will join a team of {} in the {}, reporting to the {}.",
            rng.pick(&["four", "five", "six", "eight", "ten", "twelve"]),
            rng.pick(&[
                "digital services team",
                "insight and intelligence team",
                "ICT service",
                "transformation office",
                "customer experience team",
                "information governance team",
                "data and analytics hub",
            ]),
            rng.pick(&[
                "head of digital",
                "chief information officer",
                "insight manager",
                "director of resources",
                "assistant director for transformation",
                "service manager",
            ])
        ),
        1 => format!(
            "The team works {}, with {} every {}.",
            rng.pick(&[
                "in two-week sprints",
                "in small multidisciplinary squads",
                "to a shared quarterly plan",
                "in the open, publishing weeknotes",
            ]),
            rng.pick(&[
                "a short stand-up",
                "a show and tell",
                "a retrospective",
                "a planning session"
            ]),
            rng.pick(&["day", "week", "fortnight", "month"])
        ),
        2 => format!(
            "Between us we look after {} for {} and {}.",
            object(ctx, rng),
            rng.pick(SERVICES),
            rng.pick(SERVICES)
        ),
        3 => format!(
            "Most of us work {}, coming together at {} when it helps.",
            rng.pick(&[
                "in a hybrid way",
                "from home on most days",
                "flexibly around caring responsibilities"
            ]),
            rng.pick(&[
                "the civic centre",
                "the town hall",
                "our community hubs",
                "partner offices"
            ])
        ),
        _ => format!(
            "{} is proud of what the team has achieved with {}, and there is plenty still to do.",
            capitalise(ctx.council),
            object(ctx, rng)
        ),
    }
}

fn duty(ctx: &BodyContext<'_>, rng: &mut Rng, variant: u64) -> String {
    let (base, _, _) = verb(rng);
    match variant {
        0 => format!(
            "{} {} for {} {}.",
            capitalise(base),
            object(ctx, rng),
            rng.pick(SERVICES),
            rng.pick(QUALIFIERS)
        ),
        1 => format!(
            "Work with {} to {base} {}, so that {}.",
            rng.pick(PARTNERS),
            object(ctx, rng),
            rng.pick(OUTCOMES)
        ),
        2 => format!(
            "Keep {} {}, and revisit the approach whenever {}.",
            object(ctx, rng),
            rng.pick(&[
                "accurate and up to date",
                "secure and patched",
                "documented and tested",
                "simple to use"
            ]),
            rng.pick(&[
                "legislation changes",
                "residents report problems",
                "a supplier releases an update",
                "a new service goes live",
                "an audit finds a gap",
            ])
        ),
        3 => format!(
            "Write clear {} for {} explaining {}.",
            rng.pick(&[
                "runbooks",
                "briefing notes",
                "data dictionaries",
                "decision records",
                "user guides"
            ]),
            rng.pick(AUDIENCES),
            rng.pick(TOPICS)
        ),
        4 => format!(
            "Lead {} with {} and agree {}.",
            rng.pick(&[
                "regular show and tells",
                "supplier review meetings",
                "design critiques",
                "incident reviews"
            ]),
            rng.pick(PARTNERS),
            rng.pick(&[
                "clear priorities",
                "the scope of each release",
                "service levels",
                "realistic timescales"
            ])
        ),
        _ => format!(
            "Spot {} early and raise them with {}.",
            rng.pick(&[
                "data protection risks",
                "slipping deadlines",
                "accessibility problems",
                "security weaknesses",
                "budget pressures",
            ]),
            rng.pick(&[
                "the project board",
                "your line manager",
                "the senior information risk owner",
                "the design authority",
            ])
        ),
    }
}

fn essential(ctx: &BodyContext<'_>, rng: &mut Rng, variant: u64) -> String {
    let (_, gerund, _) = verb(rng);
    // Two different skills: "Git, as well as Git" would read as a bug.
    let first = rng.index(SKILLS.len());
    let second = (first + 1 + rng.index(SKILLS.len() - 1)) % SKILLS.len();
    match variant {
        0 => format!(
            "Experience of {gerund} {} in {}.",
            object(ctx, rng),
            rng.pick(CONTEXTS)
        ),
        1 => format!(
            "Working knowledge of {}, as well as {}.",
            SKILLS[first], SKILLS[second]
        ),
        2 => format!(
            "The ability to explain {} to {} in plain English.",
            rng.pick(TOPICS),
            rng.pick(AUDIENCES)
        ),
        3 => format!(
            "A track record of {gerund} {} {}.",
            object(ctx, rng),
            rng.pick(QUALIFIERS)
        ),
        _ => format!(
            "Confidence using {} on {}.",
            rng.pick(SKILLS),
            rng.pick(&[
                "large and untidy datasets",
                "live services used by thousands of residents",
                "a mixed estate of old and new systems",
            ])
        ),
    }
}

fn desirable(ctx: &BodyContext<'_>, rng: &mut Rng, variant: u64) -> String {
    match variant {
        0 => format!("Familiarity with {}.", rng.pick(FRAMEWORKS)),
        1 => format!(
            "Experience in {}, ideally on {}.",
            rng.pick(SECTORS),
            rng.pick(SERVICES)
        ),
        2 => format!(
            "A relevant qualification such as {}, or equivalent experience.",
            rng.pick(QUALIFICATIONS)
        ),
        _ => format!(
            "Knowledge of {} and how {} affects {}.",
            rng.pick(SERVICES),
            rng.pick(SKILLS),
            object(ctx, rng)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for days in -1000..30_000 {
            assert_eq!(days_from_civil(civil_from_days(days)), days);
        }
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(
            civil_from_days(days_from_civil((2024, 2, 29))),
            (2024, 2, 29)
        );
    }

    #[test]
    fn csv_handles_quotes() {
        let rows = parse_csv("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
        assert_eq!(rows, vec![vec!["a", "b"], vec!["x, y", "say \"hi\""]]);
    }

    #[test]
    fn slugs_never_end_with_a_hyphen() {
        assert_eq!(slugify("Newry, Mourne and Down "), "newry-mourne-and-down");
        assert_eq!(
            slugify("King's Lynn & West Norfolk"),
            "kings-lynn-and-west-norfolk"
        );
        let long = "a-".repeat(60);
        let slug = advert_slug(&long, "-2020-01-senior-12345");
        assert!(slug.len() <= MAX_SLUG && !slug.contains("--"));
    }
}
