//! Answering a search straight from the JD files, without an index:
//! `--no-cache`, a search outside a git repository, and the first search of a large library
//! while its index is built in the background.
//!
//! One parallel pass reads every JD file and scores the JDs that match with BM25 exactly as
//! [`SearchIndex::search`](crate::search::index::SearchIndex::search) does: the same usable
//! JDs and fields (`document::index_doc`), the same analyser, boosts and query shape, corpus
//! statistics (JD count, tokens per field, each term's document frequency) gathered in the
//! same pass, and the index's own BM25 weights and field-norm rounding ([`bm25`]). Every word is counted
//! (field lengths) but only words whose first letter could start a query term are stemmed
//! (see [`Words::may_match`]), and only what the matching JDs' scores need is kept.

mod words;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::RangeBounds;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::git::EntryKind;
use crate::library::check;
use crate::library::source::{self, Entry};
use crate::search::SearchError;
use crate::search::document::index_doc;
use crate::search::index::bm25::{self, FieldStats, Weight};
use crate::search::index::{
    Analyser, Fnv, Hit, IndexDoc, Keyword, LONGEST_TOKEN, Lookup, META_BOOST, Number, Plan,
    ROLE_SCORE, Restriction, TITLE_BOOST,
};
use crate::search::listing::jd_files;
use words::{FieldScan, Words, for_each_word};

/// The scored text fields, in the order the index's queries list them.
const TITLE: usize = 0;
const BODY: usize = 1;
const META: usize = 2;
const BOOSTS: [f32; 3] = [TITLE_BOOST, 1.0, META_BOOST];

/// A JD file of the work tree.
#[derive(Clone, Debug)]
pub struct JdFile {
    /// Path from the library root (`library/<role>/<name>.md`).
    pub path: String,
    /// Where it is on disk.
    pub location: PathBuf,
}

/// What a scan found.
#[derive(Clone, Debug, Default)]
pub struct Scanned {
    /// The best hits, best first (ties by path).
    pub hits: Vec<Hit>,
    /// How many JDs match.
    pub total: usize,
    /// Usable JDs (the index's document count).
    pub usable: usize,
    /// Each distinct query token, with whether any usable JD has it in its title, body or
    /// front matter (for "did you mean").
    pub seen: Vec<(String, bool)>,
}

/// Every `library/<role>/<name>.md` regular file, sorted by path: the files the work tree's
/// index holds. Unlike the index's freshness check this needs no `stat` of each file.
pub fn list(root: &Path) -> Result<Vec<JdFile>, SearchError> {
    jd_files(
        root,
        |path, item| {
            Some(JdFile {
                path,
                location: item.path(),
            })
        },
        |file| &file.path,
    )
}

/// The usable JD in a file, as the index would hold it.
fn read_doc(file: &JdFile, ctx: &check::Context<'_>) -> Option<IndexDoc> {
    let entry = Entry::on_disk(file.path.clone(), EntryKind::File, file.location.clone());
    // An unreadable or oversized file is not a usable JD, as when indexing.
    let bytes = source::read(&entry, None).ok()?;
    index_doc(&file.path, &bytes, ctx)
}

/// A plan's text clauses in terms of numbered query tokens.
enum Clause {
    Token(usize),
    Phrase(Vec<usize>),
    Prefix(usize),
}

/// The query tokens of a plan and how to find them in text.
struct Query<'p> {
    plan: &'p Plan,
    /// Distinct tokens of word and phrase clauses.
    tokens: Vec<String>,
    prefixes: Vec<String>,
    must: Vec<Clause>,
    must_not: Vec<Clause>,
    has_phrase: bool,
}

impl<'p> Query<'p> {
    fn new(plan: &'p Plan) -> Query<'p> {
        let mut q = Query {
            plan,
            tokens: Vec::new(),
            prefixes: Vec::new(),
            must: Vec::new(),
            must_not: Vec::new(),
            has_phrase: false,
        };
        for (from, excluded) in [(&plan.must, false), (&plan.must_not, true)] {
            for m in from {
                let clause = q.clause(&m.lookup);
                if excluded {
                    q.must_not.push(clause);
                } else {
                    q.must.push(clause);
                }
            }
        }
        q
    }

    fn clause(&mut self, lookup: &Lookup) -> Clause {
        fn number(list: &mut Vec<String>, t: &str) -> usize {
            list.iter().position(|x| x == t).unwrap_or_else(|| {
                list.push(t.to_owned());
                list.len() - 1
            })
        }
        match lookup {
            Lookup::Token(t) => Clause::Token(number(&mut self.tokens, t)),
            Lookup::Phrase(ts) => {
                self.has_phrase = true;
                Clause::Phrase(ts.iter().map(|t| number(&mut self.tokens, t)).collect())
            }
            Lookup::Prefix(p) => Clause::Prefix(number(&mut self.prefixes, p)),
        }
    }
}

/// How often a phrase occurs (overlaps count), as tantivy's phrase scorer counts.
fn phrase_count(positions: &[(u32, usize)], phrase: &[usize]) -> u32 {
    let has = |at: u32, t: usize| positions.binary_search(&(at, t)).is_ok();
    let mut n = 0;
    for &(at, t) in positions {
        if t == phrase[0] && phrase.iter().zip(at..).skip(1).all(|(&t, at)| has(at, t)) {
            n += 1;
        }
    }
    n
}

/// A matching JD: its file and, per must clause and field, (frequency, field-norm id), then
/// whether its role is one the clause names.
struct Candidate {
    file: usize,
    parts: Vec<(u32, u8)>,
    roles: Vec<bool>,
}

/// What one slice of the files adds up to.
#[derive(Default)]
struct Tally {
    usable: u64,
    tokens: [u64; 3],
    /// Documents holding each query token, per field.
    doc_freqs: [Vec<u64>; 3],
    candidates: Vec<Candidate>,
}

impl Tally {
    fn add(mut self, other: Tally) -> Tally {
        self.usable += other.usable;
        for f in 0..3 {
            self.tokens[f] += other.tokens[f];
            if self.doc_freqs[f].is_empty() {
                self.doc_freqs[f].clone_from(&other.doc_freqs[f]);
            } else {
                for (a, b) in self.doc_freqs[f].iter_mut().zip(&other.doc_freqs[f]) {
                    *a += b;
                }
            }
        }
        self.candidates.extend(other.candidates);
        self
    }
}

fn passes(doc: &IndexDoc, restriction: &Restriction) -> bool {
    match restriction {
        Restriction::AnyOf(keyword, values) => {
            let value = match keyword {
                Keyword::Role => Some(doc.role.as_str()),
                Keyword::Level => Some(doc.level.as_str()),
                Keyword::Source => Some(doc.source.as_str()),
                Keyword::Organisation => doc.organisation.as_deref(),
                Keyword::Region => doc.region.as_deref(),
            };
            value.is_some_and(|v| values.iter().any(|x| x == v))
        }
        Restriction::Within(number, lo, hi) => {
            let value = match number {
                Number::Advertised => doc.advertised,
                Number::PayMin => doc.pay.map(|p| p.0),
                Number::PayMax => doc.pay.map(|p| p.1),
            };
            value.is_some_and(|v| (*lo, *hi).contains(&v))
        }
    }
}

/// Whether a clause matches, given the fields' scans: any field, or the JD's role.
fn matches(clause: &Clause, fields: &[FieldScan; 3], role_named: bool) -> bool {
    role_named
        || match clause {
            Clause::Token(t) => fields.iter().any(|f| f.freqs[*t] > 0),
            Clause::Phrase(p) => fields[..=BODY]
                .iter()
                .any(|f| phrase_count(&f.positions, p) > 0),
            Clause::Prefix(p) => fields.iter().any(|f| f.prefixes[*p]),
        }
}

/// Reads, checks and scores one slice of the files.
fn tally<T>(
    items: &[T],
    first: usize,
    query: &Query<'_>,
    read: &(dyn Fn(&T) -> Option<IndexDoc> + Sync),
) -> Tally {
    let plan = query.plan;
    let mut words = Words::new(&query.tokens, &query.prefixes);
    let mut fields: [FieldScan; 3] = Default::default();
    let mut tally = Tally {
        doc_freqs: std::array::from_fn(|_| vec![0; query.tokens.len()]),
        ..Tally::default()
    };
    for (i, item) in items.iter().enumerate() {
        let Some(doc) = read(item) else {
            continue;
        };
        tally.usable += 1;
        let texts = [&doc.title, &doc.body, &doc.meta];
        // Filters alone need no words (every JD scores the same), so no field is read.
        let wanted = !query.tokens.is_empty() || !query.prefixes.is_empty();
        for f in [TITLE, BODY, META].into_iter().filter(|_| wanted) {
            // `meta` keeps no positions in the index, so phrases are not looked for there.
            words.scan(texts[f], &mut fields[f], query.has_phrase && f != META);
            tally.tokens[f] += u64::from(fields[f].len);
            for (n, &freq) in tally.doc_freqs[f].iter_mut().zip(&fields[f].freqs) {
                *n += u64::from(freq > 0);
            }
        }
        let named = |m: &crate::search::index::Match| m.roles.contains(&doc.role);
        if !plan.restrictions.iter().all(|r| passes(&doc, r))
            || !query
                .must
                .iter()
                .zip(&plan.must)
                .all(|(c, m)| matches(c, &fields, named(m)))
            || query
                .must_not
                .iter()
                .zip(&plan.must_not)
                .any(|(c, m)| matches(c, &fields, named(m)))
        {
            continue;
        }
        let mut parts = Vec::with_capacity(query.must.len() * 3);
        for clause in &query.must {
            for (f, field) in fields.iter().enumerate() {
                let count = match clause {
                    Clause::Token(t) => field.freqs[*t],
                    Clause::Phrase(p) if f != META => phrase_count(&field.positions, p),
                    Clause::Phrase(_) => 0,
                    Clause::Prefix(p) => u32::from(field.prefixes[*p]),
                };
                parts.push((count, bm25::norm(field.len)));
            }
        }
        tally.candidates.push(Candidate {
            file: first + i,
            parts,
            roles: plan.must.iter().map(named).collect(),
        });
    }
    tally
}

/// How each must clause scores in each field: BM25 for words and phrases, a constant for
/// prefixes (the index's regex query scores its boost).
enum FieldScore {
    Bm25(Weight),
    Constant(f32),
    Never,
}

fn field_scores(query: &Query<'_>, tally: &Tally) -> Vec<FieldScore> {
    let doc_freq = |f: usize| {
        move |text: &str| {
            query
                .tokens
                .iter()
                .position(|t| t == text)
                .map_or(0, |i| tally.doc_freqs[f][i])
        }
    };
    let freqs = [doc_freq(TITLE), doc_freq(BODY), doc_freq(META)];
    let stats: Vec<FieldStats<'_>> = (0..3)
        .map(|f| FieldStats {
            docs: tally.usable,
            tokens: tally.tokens[f],
            doc_freq: &freqs[f],
        })
        .collect();
    let bm25 = |f: usize, tokens: &[usize]| {
        let terms: Vec<&str> = tokens.iter().map(|&t| query.tokens[t].as_str()).collect();
        Weight::new(&terms, &stats[f], BOOSTS[f]).map_or(FieldScore::Never, FieldScore::Bm25)
    };
    let mut out = Vec::with_capacity(query.must.len() * 3);
    for clause in &query.must {
        for f in [TITLE, BODY, META] {
            out.push(match clause {
                Clause::Token(t) => bm25(f, &[*t]),
                Clause::Phrase(_) if f == META => FieldScore::Never,
                Clause::Phrase(p) => bm25(f, p),
                Clause::Prefix(_) => FieldScore::Constant(BOOSTS[f]),
            });
        }
    }
    out
}

/// Answers `plan` from the files: the best `limit` hits (at least one), best first with ties
/// by path, and how many JDs match.
pub fn scan(files: &[JdFile], plan: &Plan, ctx: &check::Context<'_>, limit: usize) -> Scanned {
    rank(files, plan, limit, &|f| read_doc(f, ctx), &|f| &f.path)
}

/// [`scan`] over any list of items that `read` turns into JDs and `path` names.
fn rank<T: Sync>(
    files: &[T],
    plan: &Plan,
    limit: usize,
    read: &(dyn Fn(&T) -> Option<IndexDoc> + Sync),
    path: &(dyn for<'a> Fn(&'a T) -> &'a str + Sync),
) -> Scanned {
    let query = Query::new(plan);
    let threads = rayon::current_num_threads().max(1);
    // A few slices per thread balance the load; each slice learns its own words' stems.
    let size = files.len().div_ceil(threads * 8).max(64);
    let tally = files
        .par_chunks(size)
        .enumerate()
        .map(|(n, slice)| tally(slice, n * size, &query, read))
        .reduce(Tally::default, Tally::add);
    let weights = field_scores(&query, &tally);
    let mut scored: Vec<(f32, usize)> = tally
        .candidates
        .iter()
        .map(|c| {
            if query.must.is_empty() {
                // Only exclusions and filters: every JD is equally good (the index's AllQuery).
                return (1.0, c.file);
            }
            let mut score = 0.0f32;
            for (m, role) in c.roles.iter().enumerate() {
                // Summed in the order the index's clause lists its parts.
                let mut clause = 0.0f32;
                for f in 0..3 {
                    let (count, norm) = c.parts[m * 3 + f];
                    clause += match (&weights[m * 3 + f], count) {
                        (_, 0) | (FieldScore::Never, _) => 0.0,
                        (FieldScore::Bm25(w), n) => w.score(norm, n),
                        (FieldScore::Constant(s), _) => *s,
                    };
                }
                if *role {
                    clause += ROLE_SCORE;
                }
                score += clause;
            }
            (score, c.file)
        })
        .collect();
    let total = scored.len();
    let order = |a: &(f32, usize), b: &(f32, usize)| {
        b.0.total_cmp(&a.0)
            .then_with(|| path(&files[a.1]).cmp(path(&files[b.1])))
    };
    let keep = limit.max(1);
    if scored.len() > keep {
        scored.select_nth_unstable_by(keep - 1, order);
        scored.truncate(keep);
    }
    scored.sort_unstable_by(order);
    let seen = query
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), tally.doc_freqs.iter().any(|d| d[i] > 0)))
        .collect();
    Scanned {
        hits: scored
            .into_iter()
            .map(|(score, file)| Hit {
                path: path(&files[file]).to_owned(),
                score,
            })
            .collect(),
        total,
        usable: usize::try_from(tally.usable).unwrap_or(usize::MAX),
        seen,
    }
}

/// For "did you mean": the path of a JD whose title or body has a token within two edits of
/// `token` (one for tokens of up to four characters), preferring the fewest edits, then such a
/// token in both fields, then the first by path. The index asks tantivy's fuzzy query for a JD
/// with such a token (in both fields first) and takes its first, in its own document order; so
/// when several JDs qualify the two can offer different words, and the scan's is the closer.
pub fn nearest(files: &[JdFile], token: &str, ctx: &check::Context<'_>) -> Option<String> {
    let chars = token.chars().count();
    let distance = if chars <= 4 { 1 } else { 2 };
    // A stem is never longer than its word, so a word this short cannot be near.
    let shortest = chars.saturating_sub(distance);
    let threads = rayon::current_num_threads().max(1);
    let size = files.len().div_ceil(threads * 8).max(64);
    let best = files
        .par_chunks(size)
        .filter_map(|slice| {
            let mut near: HashMap<String, Option<usize>, BuildHasherDefault<Fnv>> =
                HashMap::default();
            let mut analyser = Analyser::new();
            // (edits, fields without a near token, path): the least is the best.
            let mut best: Option<(usize, u8, &str)> = None;
            for file in slice {
                let Some(doc) = read_doc(file, ctx) else {
                    continue;
                };
                let mut edits = |text: &str| {
                    let mut least: Option<usize> = None;
                    for_each_word(text, |w| {
                        if w.len() < shortest || w.len() >= LONGEST_TOKEN {
                            return;
                        }
                        let d = if let Some(&d) = near.get(w) {
                            d
                        } else {
                            let d = analyser
                                .analyse(w)
                                .first()
                                .map(|t| crate::suggest::edits(&t.text, token))
                                .filter(|&d| d <= distance);
                            near.insert(w.to_owned(), d);
                            d
                        };
                        least = fewer(least, d);
                    });
                    least
                };
                let (title, body) = (edits(&doc.title), edits(&doc.body));
                let Some(least) = fewer(title, body) else {
                    continue;
                };
                let candidate = (
                    least,
                    u8::from(title.is_none()) + u8::from(body.is_none()),
                    file.path.as_str(),
                );
                if best.is_none_or(|b| candidate < b) {
                    best = Some(candidate);
                }
            }
            best
        })
        .min();
    best.map(|(_, _, path)| path.to_owned())
}

/// The fewer of two edit counts, either of which may be missing.
fn fewer(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Bound;

    use super::*;
    use crate::search::index::{Match, SearchIndex, analyse};

    fn doc(n: usize) -> IndexDoc {
        let titles = [
            "Data Engineer",
            "Senior Data Analyst",
            "Service Designer",
            "Engineer",
        ];
        let lines = [
            "Build data pipelines and data data data models.",
            "Work with the data engineer and the engineering team.",
            "Power BI dashboards; power users; BI.",
            "Engineers engineer engineering engines — café naïve ÉCOLE.",
            "A very long token aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa then data engineer.",
            "",
        ];
        let body: Vec<&str> = (0..=(n % 7)).map(|i| lines[(n * 3 + i) % 6]).collect();
        IndexDoc {
            path: format!("library/r{}/{n:03}.md", n % 3),
            title: titles[n % 4].to_owned(),
            body: body.join("\n"),
            meta: format!("title: x\nrole: r{}\ncouncil name {}", n % 3, n % 5),
            role: ["data-engineer", "data-analyst", "service-designer"][n % 3].to_owned(),
            level: ["junior", "mid", "senior"][n % 3].to_owned(),
            source: "advertised".to_owned(),
            organisation: (!n.is_multiple_of(4)).then(|| format!("E0{}", n % 2)),
            region: Some("london".to_owned()),
            advertised: Some(20_200_101 + (n as u64 % 5) * 10_000),
            pay: (!n.is_multiple_of(5)).then_some((3_000_000 + n as u64 * 10_000, 4_000_000)),
        }
    }

    fn lookup(text: &str) -> Lookup {
        if let Some(prefix) = text.strip_suffix('*') {
            return Lookup::Prefix(prefix.to_owned());
        }
        let mut tokens: Vec<String> = analyse(text).into_iter().map(|t| t.text).collect();
        if tokens.len() == 1 {
            Lookup::Token(tokens.remove(0))
        } else {
            Lookup::Phrase(tokens)
        }
    }

    fn clause(text: &str, roles: &[&str]) -> Match {
        Match {
            lookup: lookup(text),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    #[test]
    fn answers_like_the_index() {
        let docs: Vec<IndexDoc> = (0..120).map(doc).collect();
        let index = SearchIndex::in_memory();
        let writer = index.writer(1, 15_000_000).unwrap();
        for d in &docs {
            writer.add(d).unwrap();
        }
        writer.commit().unwrap();
        let plan = |must: Vec<Match>, must_not: Vec<Match>, restrictions| Plan {
            must,
            must_not,
            restrictions,
        };
        let level = |l: &str| Restriction::AnyOf(Keyword::Level, vec![l.to_owned()]);
        let plans = vec![
            plan(vec![clause("data", &[])], vec![], vec![]),
            plan(
                vec![clause("data", &[]), clause("engineer", &[])],
                vec![],
                vec![],
            ),
            plan(
                vec![clause("data engineer", &["data-engineer"])],
                vec![],
                vec![],
            ),
            plan(vec![clause("data data", &[])], vec![], vec![]),
            plan(
                vec![clause("power bi", &[])],
                vec![clause("users", &[])],
                vec![],
            ),
            plan(
                vec![clause("engin*", &[]), clause("café", &[])],
                vec![],
                vec![],
            ),
            plan(vec![clause("council", &[])], vec![], vec![level("mid")]),
            plan(
                vec![clause("designer", &["service-designer"])],
                vec![],
                vec![],
            ),
            plan(
                vec![],
                vec![clause("pipelines", &[])],
                vec![level("senior")],
            ),
            plan(
                vec![clause("aaa*", &[])],
                vec![],
                vec![
                    Restriction::Within(
                        Number::PayMin,
                        Bound::Excluded(3_500_000),
                        Bound::Unbounded,
                    ),
                    Restriction::AnyOf(Keyword::Organisation, vec!["E01".into()]),
                ],
            ),
            plan(vec![clause("nothing", &[])], vec![], vec![]),
            plan(
                vec![],
                vec![],
                vec![Restriction::Within(
                    Number::Advertised,
                    Bound::Unbounded,
                    Bound::Included(20_220_101),
                )],
            ),
        ];
        for plan in &plans {
            let (expected, total) = index.search(plan, 1_000).unwrap();
            let got = rank(&docs, plan, 1_000, &|d| Some(d.clone()), &|d| &d.path);
            assert_eq!(got.total, total, "{plan:?}");
            assert_eq!(got.hits.len(), expected.len(), "{plan:?}");
            for (g, e) in got.hits.iter().zip(&expected) {
                assert_eq!(g.path, e.path, "{plan:?}");
                assert!(
                    (g.score - e.score).abs() <= e.score.abs() * 1e-6,
                    "{plan:?}: {g:?} {e:?}"
                );
            }
            assert_eq!(got.usable, docs.len());
        }
    }

    #[test]
    fn fewer_edits_ignore_missing_counts() {
        assert_eq!(fewer(Some(2), None), Some(2));
        assert_eq!(fewer(None, Some(1)), Some(1));
        assert_eq!(fewer(Some(2), Some(1)), Some(1));
        assert_eq!(fewer(None, None), None);
    }

    #[test]
    fn phrases_count_overlapping_runs() {
        let at = |v: &[(u32, usize)]| v.to_vec();
        assert_eq!(phrase_count(&at(&[(0, 0), (1, 0), (2, 0)]), &[0, 0]), 2);
        assert_eq!(phrase_count(&at(&[(0, 0), (2, 1)]), &[0, 1]), 0);
        assert_eq!(
            phrase_count(&at(&[(3, 0), (4, 1), (7, 0), (8, 1)]), &[0, 1]),
            2
        );
    }
}
