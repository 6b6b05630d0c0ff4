//! The full-text index, and the only module that uses tantivy ([`bm25`] lends its scoring to
//! the scan).
//!
//! tantivy was chosen over a hand-written BM25 because the warm-search target needs an index
//! that is opened lazily (memory-mapped) rather than loaded whole, and this crate forbids the
//! `unsafe` a hand-written mmap would need. Only paths are stored: titles, pay and snippets are
//! read from the JD files of the hits themselves, which keeps the index small and fast to build.
//!
//! Fields: `title` and `body` keep positions (phrases), `meta` (the front matter as written and
//! the council's names) keeps frequencies only; `role`, `level`, `source`, `org` and `region`
//! are exact keywords and `advertised`, `pay_min`, `pay_max` numbers, all for filters.

pub mod bm25;

use std::ops::Bound;
use std::path::Path;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{DocAddress, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Name of the analyser registered with every index.
const ANALYSER: &str = "jd";
/// Tokens longer than this are dropped (hashes, URLs run together), as most engines do.
pub(crate) const LONGEST_TOKEN: usize = 40;
/// Title matches count this much more than body matches.
pub(crate) const TITLE_BOOST: f32 = 3.0;
/// Front-matter and council-name matches count this much.
pub(crate) const META_BOOST: f32 = 0.5;
/// The score a JD gets for being a role whose title or alias has the word.
pub(crate) const ROLE_SCORE: f32 = 2.0;

/// The index could not be opened, written or searched.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// tantivy failed.
    #[error("search index in {dir}: {action}")]
    Engine {
        /// Where the index is (or `memory`).
        dir: String,
        /// What we were doing.
        action: &'static str,
        /// tantivy's reason.
        #[source]
        source: tantivy::TantivyError,
    },
}

/// What one JD contributes to the index; built without tantivy types.
#[derive(Clone, Debug, Default)]
pub struct IndexDoc {
    /// Path from the library root.
    pub path: String,
    /// The JD's title.
    pub title: String,
    /// The Markdown body.
    pub body: String,
    /// Other searchable text: the front matter as written and the council's names.
    pub meta: String,
    /// Role id.
    pub role: String,
    /// Level.
    pub level: String,
    /// `model` or `advertised`.
    pub source: String,
    /// GSS code.
    pub organisation: Option<String>,
    /// The council's region.
    pub region: Option<String>,
    /// Advert date as `yyyymmdd`.
    pub advertised: Option<u64>,
    /// Annual FTE pay range in pence.
    pub pay: Option<(u64, u64)>,
}

/// A keyword field a filter can test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyword {
    /// Role id.
    Role,
    /// Level.
    Level,
    /// Source.
    Source,
    /// GSS code.
    Organisation,
    /// Region.
    Region,
}

/// A numeric field a filter can test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    /// Advert date, `yyyymmdd`.
    Advertised,
    /// Lowest annual FTE pay, in pence.
    PayMin,
    /// Highest annual FTE pay, in pence.
    PayMax,
}

/// A filter every hit must pass.
#[derive(Clone, Debug, PartialEq)]
pub enum Restriction {
    /// The field has one of these values.
    AnyOf(Keyword, Vec<String>),
    /// The field lies within these bounds.
    Within(Number, Bound<u64>, Bound<u64>),
}

/// What a text clause looks for, already analysed into index tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// One token.
    Token(String),
    /// Tokens in a row.
    Phrase(Vec<String>),
    /// Tokens starting with this.
    Prefix(String),
}

/// A text clause with the roles whose title or aliases it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// What to look for in the JDs' text.
    pub lookup: Lookup,
    /// Role ids the clause names.
    pub roles: Vec<String>,
}

/// A whole query in index terms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Every one must match.
    pub must: Vec<Match>,
    /// None may match.
    pub must_not: Vec<Match>,
    /// Every one must pass.
    pub restrictions: Vec<Restriction>,
}

/// A hit: the JD's path and its score.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Path from the library root.
    pub path: String,
    /// BM25 score (higher is better).
    pub score: f32,
}

#[derive(Clone, Copy)]
struct Fields {
    path: Field,
    title: Field,
    body: Field,
    meta: Field,
    role: Field,
    level: Field,
    source: Field,
    org: Field,
    region: Field,
    advertised: Field,
    pay_min: Field,
    pay_max: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |record| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYSER)
                .set_index_option(record),
        )
    };
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED),
        title: b.add_text_field("title", text(IndexRecordOption::WithFreqsAndPositions)),
        body: b.add_text_field("body", text(IndexRecordOption::WithFreqsAndPositions)),
        meta: b.add_text_field("meta", text(IndexRecordOption::WithFreqs)),
        role: b.add_text_field("role", STRING),
        level: b.add_text_field("level", STRING),
        source: b.add_text_field("source", STRING),
        org: b.add_text_field("org", STRING),
        region: b.add_text_field("region", STRING),
        advertised: b.add_u64_field("advertised", INDEXED),
        pay_min: b.add_u64_field("pay_min", INDEXED),
        pay_max: b.add_u64_field("pay_max", INDEXED),
    };
    (b.build(), fields)
}

/// The analyser: words split at anything not a letter or digit, lower-cased and stemmed
/// (English Snowball), so `Analysts` finds `analyst`.
fn analyser() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .filter(RememberedStems)
        .build()
}

/// FNV-1a: the remembered stems are looked up once per word indexed, and `SipHash` showed as 7%
/// of a build's time; words come from the library, not from an attacker.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Stems = std::collections::HashMap<String, String, std::hash::BuildHasherDefault<Fnv>>;

/// Most distinct words whose stems one analyser remembers; JDs use a few tens of thousands.
const STEMS_REMEMBERED: usize = 200_000;

/// English Snowball stemming with each word's stem remembered: profiling a 10,000-JD build
/// showed stemming was over a third of indexing time, and a library repeats its words.
#[derive(Clone)]
struct RememberedStems;

impl TokenFilter for RememberedStems {
    type Tokenizer<T: Tokenizer> = RememberedStemsFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> RememberedStemsFilter<T> {
        RememberedStemsFilter {
            inner,
            stems: Stems::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

#[derive(Clone)]
struct RememberedStemsFilter<T> {
    inner: T,
    stems: Stems,
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for RememberedStemsFilter<T> {
    type TokenStream<'a> = RememberedStemsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RememberedStemsStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: &mut self.stemmer,
        }
    }
}

struct RememberedStemsStream<'a, T> {
    tail: T,
    stems: &'a mut Stems,
    stemmer: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for RememberedStemsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let mut stream = self.stemmer.token_stream(&token.text);
        let stem = if stream.advance() {
            stream.token().text.clone()
        } else {
            token.text.clone()
        };
        drop(stream);
        if self.stems.len() < STEMS_REMEMBERED {
            self.stems.insert(token.text.clone(), stem.clone());
        }
        token.text = stem;
        true
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.tail.token_mut()
    }
}

/// A token of some text: its byte range and its index form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the start.
    pub from: usize,
    /// Byte offset after the end.
    pub to: usize,
    /// Lower-cased and stemmed.
    pub text: String,
}

/// Splits text the way the index does.
pub fn analyse(text: &str) -> Vec<Token> {
    Analyser::new().analyse(text)
}

/// The index's analyser kept for many texts: building one costs far more than analysing a
/// word, and it remembers the stems it has worked out.
pub struct Analyser(TextAnalyzer);

impl Default for Analyser {
    fn default() -> Analyser {
        Analyser::new()
    }
}

impl Analyser {
    /// A new analyser.
    pub fn new() -> Analyser {
        Analyser(analyser())
    }

    /// Splits text the way the index does.
    pub fn analyse(&mut self, text: &str) -> Vec<Token> {
        let mut stream = self.0.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(Token {
                from: token.offset_from,
                to: token.offset_to,
                text: token.text.clone(),
            });
        }
        out
    }
}

/// An open index.
pub struct SearchIndex {
    index: tantivy::Index,
    fields: Fields,
    dir: String,
}

impl SearchIndex {
    fn wrap<T>(&self, action: &'static str, r: tantivy::Result<T>) -> Result<T, IndexError> {
        r.map_err(|source| IndexError::Engine {
            dir: self.dir.clone(),
            action,
            source,
        })
    }

    fn with(index: tantivy::Index, dir: String) -> SearchIndex {
        index.tokenizers().register(ANALYSER, analyser());
        let (_, fields) = schema();
        SearchIndex { index, fields, dir }
    }

    /// Opens the index in `dir`, or `None` when there is none or it is not one of ours (an
    /// older layout), so the caller rebuilds it.
    pub fn open(dir: &Path) -> Option<SearchIndex> {
        let index = tantivy::Index::open_in_dir(dir).ok()?;
        let (expected, _) = schema();
        if index.schema() != expected {
            return None;
        }
        Some(SearchIndex::with(index, dir.display().to_string()))
    }

    /// Creates an empty index in `dir` (which must exist and be empty).
    pub fn create(dir: &Path) -> Result<SearchIndex, IndexError> {
        let (schema, _) = schema();
        let name = dir.display().to_string();
        let index =
            tantivy::Index::create_in_dir(dir, schema).map_err(|source| IndexError::Engine {
                dir: name.clone(),
                action: "creating the index",
                source,
            })?;
        Ok(SearchIndex::with(index, name))
    }

    /// Creates an empty index in memory (no git repository, or `--no-cache`).
    pub fn in_memory() -> SearchIndex {
        let (schema, _) = schema();
        SearchIndex::with(tantivy::Index::create_in_ram(schema), "memory".to_owned())
    }

    /// The number of the last commit, which the manifest records to prove it matches.
    pub fn opstamp(&self) -> Result<u64, IndexError> {
        let metas = self.index.load_metas();
        Ok(self.wrap("reading its state", metas)?.opstamp)
    }

    /// The text saved with the last commit (a revision's index keeps its counts there).
    pub fn payload(&self) -> Result<Option<String>, IndexError> {
        let metas = self.index.load_metas();
        Ok(self.wrap("reading its state", metas)?.payload)
    }

    /// A writer using `threads` indexing threads and about `budget` bytes of memory in all.
    pub fn writer(&self, threads: usize, budget: usize) -> Result<Writer<'_>, IndexError> {
        let writer = self.index.writer_with_num_threads(threads, budget);
        let writer = self.wrap("opening it for writing", writer)?;
        Ok(Writer {
            index: self,
            writer,
        })
    }

    fn reader(&self) -> Result<IndexReader, IndexError> {
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into();
        self.wrap("opening it for reading", reader)
    }

    /// The best `limit` hits for a plan, best first (ties by path), and how many JDs match.
    pub fn search(&self, plan: &Plan, limit: usize) -> Result<(Vec<Hit>, usize), IndexError> {
        let reader = self.reader()?;
        let searcher = reader.searcher();
        let query = self.query(plan);
        let limit = limit.max(1);
        let found = searcher.search(
            &query,
            &(TopDocs::with_limit(limit).order_by_score(), Count),
        );
        let (top, count) = self.wrap("searching", found)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            hits.push(Hit {
                path: self.path_of(&searcher, address)?,
                score,
            });
        }
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.path.cmp(&b.path))
        });
        Ok((hits, count))
    }

    /// The path of a JD whose title or body has a term within two edits of `token`, the best
    /// such JD first; for "did you mean".
    pub fn nearest(&self, token: &str) -> Result<Option<String>, IndexError> {
        let reader = self.reader()?;
        let searcher = reader.searcher();
        let distance = if token.chars().count() <= 4 { 1 } else { 2 };
        let fuzzy = |field| -> (Occur, Box<dyn Query>) {
            let term = Term::from_field_text(field, token);
            (
                Occur::Should,
                Box::new(FuzzyTermQuery::new(term, distance, true)),
            )
        };
        let query = BooleanQuery::new(vec![fuzzy(self.fields.title), fuzzy(self.fields.body)]);
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score());
        let top = self.wrap("looking for near words", found)?;
        match top.first() {
            Some((_, address)) => Ok(Some(self.path_of(&searcher, *address)?)),
            None => Ok(None),
        }
    }

    fn path_of(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
    ) -> Result<String, IndexError> {
        let doc: TantivyDocument = self.wrap("reading a hit", searcher.doc(address))?;
        Ok(doc
            .get_first(self.fields.path)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned())
    }

    fn query(&self, plan: &Plan) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for m in &plan.must {
            clauses.push((Occur::Must, self.text_query(m)));
        }
        for m in &plan.must_not {
            clauses.push((Occur::MustNot, self.text_query(m)));
        }
        for r in &plan.restrictions {
            // Filters decide membership, not rank.
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(self.restriction(r), 0.0)),
            ));
        }
        if plan.must.is_empty() {
            // Only exclusions and filters: start from every JD, all equally good.
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), 1.0)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn text_query(&self, m: &Match) -> Box<dyn Query> {
        let f = self.fields;
        let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut add = |q: Box<dyn Query>, boost: f32| {
            either.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
        };
        match &m.lookup {
            Lookup::Token(token) => {
                for (field, boost) in [(f.title, TITLE_BOOST), (f.body, 1.0), (f.meta, META_BOOST)]
                {
                    add(term_query(field, token), boost);
                }
            }
            Lookup::Phrase(tokens) => {
                // `meta` has no positions; phrases are looked for in the title and body.
                for (field, boost) in [(f.title, TITLE_BOOST), (f.body, 1.0)] {
                    let terms = tokens
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect();
                    add(Box::new(PhraseQuery::new(terms)), boost);
                }
            }
            Lookup::Prefix(prefix) => {
                let pattern = format!("{}.*", regex_escape(prefix));
                for (field, boost) in [(f.title, TITLE_BOOST), (f.body, 1.0), (f.meta, META_BOOST)]
                {
                    if let Ok(q) = RegexQuery::from_pattern(&pattern, field) {
                        add(Box::new(q), boost);
                    }
                }
            }
        }
        if !m.roles.is_empty() {
            let terms = m.roles.iter().map(|r| Term::from_field_text(f.role, r));
            either.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermSetQuery::new(terms)),
                    ROLE_SCORE,
                )),
            ));
        }
        Box::new(BooleanQuery::new(either))
    }

    fn restriction(&self, r: &Restriction) -> Box<dyn Query> {
        let f = self.fields;
        match r {
            Restriction::AnyOf(keyword, values) => {
                let field = match keyword {
                    Keyword::Role => f.role,
                    Keyword::Level => f.level,
                    Keyword::Source => f.source,
                    Keyword::Organisation => f.org,
                    Keyword::Region => f.region,
                };
                Box::new(TermSetQuery::new(
                    values.iter().map(|v| Term::from_field_text(field, v)),
                ))
            }
            Restriction::Within(number, lo, hi) => {
                let field = match number {
                    Number::Advertised => f.advertised,
                    Number::PayMin => f.pay_min,
                    Number::PayMax => f.pay_max,
                };
                let term = |v: &u64| Term::from_field_u64(field, *v);
                Box::new(RangeQuery::new(
                    lo.as_ref().map(term),
                    hi.as_ref().map(term),
                ))
            }
        }
    }
}

fn term_query(field: Field, token: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, token),
        IndexRecordOption::WithFreqs,
    ))
}

/// Escapes the characters tantivy's regular expressions treat specially.
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~\"".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Adds, replaces and deletes JDs, then commits.
pub struct Writer<'a> {
    index: &'a SearchIndex,
    writer: IndexWriter,
}

impl Writer<'_> {
    /// Queues a JD to be indexed.
    pub fn add(&self, doc: &IndexDoc) -> Result<(), IndexError> {
        let f = self.index.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.path, &doc.path);
        d.add_text(f.title, &doc.title);
        d.add_text(f.body, &doc.body);
        d.add_text(f.meta, &doc.meta);
        d.add_text(f.role, &doc.role);
        d.add_text(f.level, &doc.level);
        d.add_text(f.source, &doc.source);
        if let Some(org) = &doc.organisation {
            d.add_text(f.org, org);
        }
        if let Some(region) = &doc.region {
            d.add_text(f.region, region);
        }
        if let Some(date) = doc.advertised {
            d.add_u64(f.advertised, date);
        }
        if let Some((lo, hi)) = doc.pay {
            d.add_u64(f.pay_min, lo);
            d.add_u64(f.pay_max, hi);
        }
        let added = self.writer.add_document(d);
        self.index.wrap("adding a JD", added).map(|_| ())
    }

    /// Queues the removal of the JD at `path`.
    pub fn delete(&self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.path, path));
    }

    /// Leaves segments unmerged: a whole-library build makes a few large segments, and merging
    /// them would double the build's time for little gain in query speed.
    pub fn without_merging(&self) {
        self.writer
            .set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
    }

    /// Commits everything queued and waits for merges; returns the commit's opstamp.
    pub fn commit(self) -> Result<u64, IndexError> {
        self.commit_with_payload("")
    }

    /// As [`Writer::commit`], saving `payload` with the commit.
    pub fn commit_with_payload(mut self, payload: &str) -> Result<u64, IndexError> {
        let committed = self.writer.prepare_commit().and_then(|mut prepared| {
            if !payload.is_empty() {
                prepared.set_payload(payload);
            }
            prepared.commit()
        });
        let opstamp = self.index.wrap("saving changes", committed)?;
        let merged = self.writer.wait_merging_threads();
        self.index.wrap("merging segments", merged)?;
        Ok(opstamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, title: &str, body: &str, role: &str, level: &str) -> IndexDoc {
        IndexDoc {
            path: path.to_owned(),
            title: title.to_owned(),
            body: body.to_owned(),
            role: role.to_owned(),
            level: level.to_owned(),
            source: "model".to_owned(),
            ..IndexDoc::default()
        }
    }

    fn tokens(text: &str) -> Vec<String> {
        analyse(text).into_iter().map(|t| t.text).collect()
    }

    fn plan(must: Vec<Lookup>) -> Plan {
        Plan {
            must: must
                .into_iter()
                .map(|lookup| Match {
                    lookup,
                    roles: Vec::new(),
                })
                .collect(),
            ..Plan::default()
        }
    }

    fn paths(index: &SearchIndex, plan: &Plan) -> Vec<String> {
        index
            .search(plan, 10)
            .unwrap()
            .0
            .into_iter()
            .map(|h| h.path)
            .collect()
    }

    fn sample() -> SearchIndex {
        let index = SearchIndex::in_memory();
        let w = index.writer(1, 15_000_000).unwrap();
        let mut a = doc(
            "a.md",
            "Data Analyst",
            "Build dashboards in Power BI for the council.",
            "data-analyst",
            "senior",
        );
        a.pay = Some((4_000_000, 4_600_000));
        w.add(&a).unwrap();
        w.add(&doc(
            "b.md",
            "Service Designer",
            "Work with power users and the BI team; analysts help.",
            "service-designer",
            "mid",
        ))
        .unwrap();
        w.commit().unwrap();
        index
    }

    #[test]
    fn analyses_case_and_plurals_alike() {
        assert_eq!(tokens("Analysts analyst ANALYST"), ["analyst"; 3]);
        assert_eq!(tokens("power-bi"), ["power", "bi"]);
        // Remembered stems are the stemmer's own, the second time as the first.
        assert_eq!(tokens("running Running runs"), ["run"; 3]);
        let t = analyse("Data  analysts");
        assert_eq!((t[1].from, t[1].to), (6, 14));
    }

    #[test]
    fn phrases_need_the_words_in_a_row() {
        let index = sample();
        let phrase = plan(vec![Lookup::Phrase(tokens("power bi"))]);
        assert_eq!(paths(&index, &phrase), ["a.md"]);
        let words = plan(tokens("power bi").into_iter().map(Lookup::Token).collect());
        assert_eq!(paths(&index, &words).len(), 2);
    }

    #[test]
    fn title_matches_rank_first_and_exclusions_and_filters_apply() {
        let index = sample();
        let analyst = plan(vec![Lookup::Token("analyst".into())]);
        assert_eq!(paths(&index, &analyst), ["a.md", "b.md"]);
        let mut without = analyst.clone();
        without.must_not.push(Match {
            lookup: Lookup::Prefix("dash".into()),
            roles: Vec::new(),
        });
        assert_eq!(paths(&index, &without), ["b.md"]);
        let mut senior = analyst.clone();
        senior.restrictions = vec![
            Restriction::AnyOf(Keyword::Level, vec!["senior".into()]),
            Restriction::Within(Number::PayMax, Bound::Included(4_500_000), Bound::Unbounded),
        ];
        assert_eq!(paths(&index, &senior), ["a.md"]);
        senior.restrictions[1] =
            Restriction::Within(Number::PayMax, Bound::Included(5_000_000), Bound::Unbounded);
        assert!(paths(&index, &senior).is_empty());
    }

    #[test]
    fn replaces_and_deletes_by_path_and_suggests_near_words() {
        let index = sample();
        let w = index.writer(1, 15_000_000).unwrap();
        w.delete("a.md");
        w.delete("b.md");
        w.add(&doc("b.md", "Analyst", "Rewritten.", "data-analyst", "mid"))
            .unwrap();
        w.commit().unwrap();
        let all = Plan::default();
        assert_eq!(paths(&index, &all), ["b.md"]);
        assert_eq!(index.nearest("analyts").unwrap().as_deref(), Some("b.md"));
        assert_eq!(index.nearest("zzzzzz").unwrap(), None);
    }
}
