//! `jdlib lint`: clear, inclusive, safe-to-publish JDs, checked line by line.
//!
//! Rules (`rules/`, one file each, behind the `Rule` trait of `rule.rs`) read the prose of
//! each JD (`text.rs`) in one pass (`pass.rs`) and report findings by body offset; findings
//! are placed at exact lines and columns here, with severities from `jdlib.toml`
//! (`config.rs`). Lint never changes a file.

pub mod config;
mod extract;
mod facts;
mod filter;
mod pass;
mod plain;
mod positions;
mod rule;
pub mod rules;
mod settings;
mod stems;
pub mod text;
pub mod words;

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::git::Repo;
use crate::library::roles::RoleRegistry;
pub use crate::library::scope::Scope;
use crate::library::source::{self, Entry};
use crate::library::{
    LoadError, LoadOptions, Origin, document, layout, load_registry, locate, yaml,
};
pub use config::LintConfig;
use facts::{Facts, TitleWords};
use positions::Positions;
use rule::Hit;

/// The lint findings of one JD and its readability figures.
#[derive(Debug, Default)]
pub struct FileReport {
    /// Path from the library root.
    pub path: String,
    /// Findings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Flesch reading ease of the body.
    pub flesch: Option<f64>,
    /// Mean words per sentence.
    pub words_per_sentence: Option<f64>,
}

/// Buffers a worker reuses from JD to JD: the extract, its event and block lists and the
/// findings. Allocating them afresh comes to about 80 KB and 80 allocations per JD.
#[derive(Default)]
pub struct Scratch {
    extract: text::Extract,
    events: Vec<(pulldown_cmark::Event<'static>, std::ops::Range<usize>)>,
    blocks: Vec<text::Block<'static>>,
    hits: Vec<Hit>,
    title_words: TitleWords,
}

/// Lints one JD's text. Files that cannot be split into front matter and body have nothing
/// to lint; `validate` reports them.
pub fn lint_text(
    path: &str,
    text: &str,
    config: &LintConfig,
    prepared: &rules::Prepared,
    registry: &RoleRegistry,
) -> FileReport {
    lint_text_in(
        &mut Scratch::default(),
        path,
        text,
        config,
        prepared,
        registry,
    )
}

/// [`lint_text`] with buffers the caller keeps for the next JD.
pub fn lint_text_in(
    scratch: &mut Scratch,
    path: &str,
    text: &str,
    config: &LintConfig,
    prepared: &rules::Prepared,
    registry: &RoleRegistry,
) -> FileReport {
    let mut report = FileReport {
        path: path.to_owned(),
        ..FileReport::default()
    };
    let text = document::strip_bom(text);
    let Ok(doc) = document::split(text) else {
        return report;
    };
    let parsed;
    let front = if let Some(front) = yaml::facts::read(doc.yaml) {
        front
    } else {
        parsed = yaml::to_json(doc.yaml)
            .or_else(|| yaml::parse_json(doc.yaml).ok())
            .unwrap_or_default();
        yaml::facts::Front::from_value(&parsed)
    };
    let mut title_words = std::mem::take(&mut scratch.title_words);
    title_words.clear();
    let role = front.role.and_then(|r| registry.get(r));
    for title in front
        .title
        .into_iter()
        .chain(role.map(|r| r.title.as_str()))
        .chain(
            role.into_iter()
                .flat_map(|r| r.aliases.iter().map(String::as_str)),
        )
    {
        title_words.add(title);
    }
    let facts = Facts {
        title_words,
        advertised: front.source == Some("advertised"),
        has_salary: front.has_salary,
    };
    let mut events = text::recycle(std::mem::take(&mut scratch.events));
    extract::extract_into(doc.body, &mut scratch.extract, &mut events);
    scratch.events = text::recycle(events);
    let prose = scratch
        .extract
        .prose_in(text::recycle(std::mem::take(&mut scratch.blocks)));
    let hits = &mut scratch.hits;
    hits.clear();
    let scores = pass::check(&prose, &facts, prepared, hits);
    scratch.blocks = text::recycle(prose.blocks);
    scratch.title_words = facts.title_words;
    if let Some((flesch, per_sentence)) = scores {
        report.flesch = Some(flesch);
        report.words_per_sentence = Some(per_sentence);
    }
    // In body order, so that placing them reads the text once (the rules report in their
    // own order, and each step back would make `Positions` count lines from the start
    // again). Stable, and positions grow with offsets, so findings of one code at one place
    // reach the final sort in the order the rule gave them.
    hits.sort_by_key(|h| h.offset);
    report.diagnostics.reserve_exact(hits.len());
    let mut index = Positions::new(text);
    for hit in hits.drain(..) {
        let Some(severity) = config.severity(hit.code) else {
            continue;
        };
        let (line, column) = index.position(doc.body_offset + hit.offset);
        let mut d = Diagnostic::warning(path, line, column, hit.code, hit.message);
        d.severity = severity;
        report.diagnostics.push(d);
    }
    report
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report
}

/// Lints the JDs of a library in parallel; reports come back in path order.
pub fn lint_library(
    options: &LoadOptions,
    scope: &Scope,
) -> Result<(Vec<FileReport>, PathBuf), LintError> {
    let mut reports = Vec::new();
    let root = lint_library_each(
        options,
        scope,
        |report| report,
        |report| {
            reports.push(report);
            true
        },
    )?;
    Ok((reports, root))
}

/// JDs linted between two hand-overs to the caller: enough that waiting for a batch's
/// slowest JD costs next to nothing, few enough that a batch's findings take a few MB.
const BATCH: usize = 4096;

/// [`lint_library`] for a caller that uses each JD's report as it comes: `finish` turns a
/// report into what the caller keeps (formatted findings, say), on the worker that linted
/// the JD, and `take` gets those in path order on the calling thread, a batch at a time,
/// and says whether to go on. A caller that prints the findings never holds 100,000
/// reports at once. Returns the library root.
pub fn lint_library_each<T: Send>(
    options: &LoadOptions,
    scope: &Scope,
    finish: impl Fn(FileReport) -> T + Sync,
    mut take: impl FnMut(T) -> bool,
) -> Result<PathBuf, LintError> {
    let root = locate(options.library.as_deref(), &options.cwd)?;
    let config = LintConfig::load(&root)?;
    let prepared = rules::Prepared::new(&config);
    let repo = Repo::open_at(&root);
    let entries = source::list(&root, &options.origin, repo.as_ref())
        .map_err(LoadError::from)?
        .unwrap_or_default();
    let mut ignored = Vec::new();
    let (jds, roles) = layout(&entries, &mut ignored);
    let (registry, _) = load_registry(roles, repo.as_ref(), &mut ignored);
    let mut targets: Vec<&Entry> = jds
        .into_iter()
        .filter(|e| scope.includes(&e.path))
        .collect();
    // The listing is in path order already; this only makes sure (and costs one pass).
    targets.sort_by(|a, b| a.path.cmp(&b.path));
    // Each worker thread keeps its buffers (the file's bytes among them) and, linting a
    // revision, its own handle on the repository, from JD to JD and batch to batch. Only
    // its own thread locks each.
    let workers: Vec<Mutex<Worker>> = (0..rayon::current_num_threads())
        .map(|_| Mutex::new(Worker::default()))
        .collect();
    let lint_one = |entry: &Entry| {
        let slot = rayon::current_thread_index().unwrap_or(0) % workers.len();
        let mut worker = workers[slot].lock().unwrap_or_else(PoisonError::into_inner);
        let Worker {
            scratch,
            file,
            repo,
            opened,
        } = &mut *worker;
        if matches!(options.origin, Origin::Revision(_)) && !*opened {
            *repo = Repo::open_at(&root);
            *opened = true;
        }
        source::read_into(entry, repo.as_ref(), file).ok()?;
        let text = std::str::from_utf8(file).ok()?;
        Some(finish(lint_text_in(
            scratch,
            &entry.path,
            text,
            &config,
            &prepared,
            &registry,
        )))
    };
    for batch in targets.chunks(BATCH) {
        // Rayon collects in the iterator's own order, so results stay in path order.
        let done: Vec<Option<T>> = batch.par_iter().map(|e| lint_one(e)).collect();
        for result in done.into_iter().flatten() {
            if !take(result) {
                return Ok(root);
            }
        }
    }
    Ok(root)
}

/// What one worker thread keeps from JD to JD.
#[derive(Default)]
struct Worker {
    scratch: Scratch,
    file: Vec<u8>,
    /// The repository, opened on first use when linting a revision.
    repo: Option<Repo>,
    opened: bool,
}

/// Lint could not run.
#[derive(Debug, thiserror::Error)]
pub enum LintError {
    /// The library could not be found or listed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// `jdlib.toml` is broken.
    #[error(transparent)]
    Config(#[from] config::ConfigError),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// JDs that exercise both event paths (plain lines and the Markdown parser), findings of
    /// several rules, an inline allow comment, and bodies far longer and shorter than the
    /// ones before them, followed by the seed library.
    fn assorted_jds() -> Vec<(String, String)> {
        let front = "---\ntitle: Lead Data Analyst\nrole: data-analyst\nsource: advertised\n---\n";
        let mut jds: Vec<(String, String)> = [
            "## Purpose\n\nWe want a competitive, dominant rockstar. Email jane.smith@example.org or call 020 7946 0000.\n\n- lead the team\n- native English speaker\n",
            "## About\n\nSee <https://example.org> and `SQL` in [the docs](mailto:jo@example.org).\n\n> quoted *assertive* text\n",
            "<!-- jdlib-lint: allow exclusionary-phrase -->\nMust be a digital native.\n",
            "",
        ]
        .iter()
        .enumerate()
        .map(|(i, body)| (format!("library/x/{i}.md"), format!("{front}{body}")))
        .collect();
        jds.push((
            "library/x/list.md".to_owned(),
            format!(
                "{front}## Duties\n\n{}",
                "- Maintain the data platform.\n".repeat(20)
            ),
        ));
        jds.push((
            "library/x/long.md".to_owned(),
            format!(
                "{front}{}",
                "An ambitious and decisive analyst leads data work. ".repeat(400)
            ),
        ));
        let library = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("library");
        let mut seeds: Vec<_> = std::fs::read_dir(&library)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|d| d.path().is_dir())
            .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
            .map(|f| f.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        seeds.sort();
        for path in seeds {
            let text = std::fs::read_to_string(&path).expect("seed JD");
            jds.push((path.display().to_string(), text));
        }
        jds
    }

    #[test]
    fn reused_buffers_give_the_same_reports_as_fresh_ones() {
        let config = LintConfig::default();
        let prepared = rules::Prepared::new(&config);
        let registry = RoleRegistry::default();
        let jds = assorted_jds();
        assert!(jds.len() > 40, "the seed library was not found");
        let fresh: Vec<FileReport> = jds
            .iter()
            .map(|(path, text)| lint_text(path, text, &config, &prepared, &registry))
            .collect();
        assert!(
            fresh[..3].iter().all(|r| !r.diagnostics.is_empty()),
            "the made-up JDs should have findings"
        );
        let mut scratch = Scratch::default();
        for order in [false, true] {
            let mut indices: Vec<usize> = (0..jds.len()).collect();
            if order {
                indices.reverse();
            }
            for i in indices {
                let (path, text) = &jds[i];
                let reused = lint_text_in(&mut scratch, path, text, &config, &prepared, &registry);
                assert_eq!(reused.diagnostics, fresh[i].diagnostics, "{path}");
                assert_eq!(reused.flesch, fresh[i].flesch, "{path}");
                assert_eq!(
                    reused.words_per_sentence, fresh[i].words_per_sentence,
                    "{path}"
                );
            }
        }
    }
}
