//! The site's search index, built by `jdlib site` itself and split so a browser fetches only
//! what a query needs (`assets/search.js` reads it):
//!
//! - `search/meta.json`: the number of JDs, the shard size, the values of each filter, and each
//!   role's words (its title and aliases): a JD of a role matches the role's words through
//!   `fields/role/<id>.json`, so they are not repeated in every JD's lists;
//! - `search/terms/<xy>.json`: every word starting with `xy`, with the JDs that have it in the
//!   own title and those that have it only in the body (encoded as
//!   `postings.rs` says); a common word's entry is `0`, and its lists are in
//!   `search/terms/<xy>/<hex of the word>.json`;
//! - `search/fields/<field>/<value>.json`: the JDs with that level, family, role, region,
//!   council or source;
//! - `search/docs/<n>.json`: what a result row shows, for JDs `n × DOC_SHARD` onwards;
//! - `search/orgs.json`: the councils in the library with their names, for `org:`.
//!
//! Words are split and folded here and in the script by the same rules ([`words`], [`stem`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::json;

use super::model::{Entry, Site};
use super::{pay, postings, ranges};
use crate::markdown::html as render;

/// JDs per `docs/` file: a page of results usually needs one or two, since JDs of a role sit
/// together.
pub const DOC_SHARD: usize = 100;

/// Folds a word the way the search script does: plurals to their singular, so `analysts`
/// finds `analyst`.
pub fn stem(word: &str) -> String {
    let n = word.chars().count();
    if n > 4 && word.ends_with("ies") {
        format!("{}y", &word[..word.len() - 3])
    } else if n > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// Runs of letters and digits two or more characters long.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
}

fn normalise(word: &str) -> String {
    if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        stem(&word.to_lowercase())
    } else {
        stem(word)
    }
}

/// The distinct searchable words of some texts, sorted: runs of letters and digits, lower-cased,
/// two or more characters long, folded by [`stem`]. Each distinct spelling is lowered and
/// folded once, since a JD repeats most of its words.
fn distinct_words<'t>(texts: impl IntoIterator<Item = &'t str>) -> Vec<String> {
    let mut raw: Vec<&str> = texts.into_iter().flat_map(raw_words).collect();
    raw.sort_unstable();
    raw.dedup();
    let mut out: Vec<String> = raw.into_iter().map(normalise).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The file a word's postings live in.
pub fn shard_key(term: &str) -> String {
    term.chars()
        .take(2)
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// What one JD contributes to the index.
pub struct DocTerms {
    title: Vec<String>,
    body: Vec<String>,
    fields: Vec<(&'static str, String)>,
    row: serde_json::Value,
    /// Annual full-time-equivalent pay, whole pounds.
    pay: Option<(i64, i64)>,
    /// Advert date as `YYYYMMDD`.
    date: Option<i64>,
}

impl DocTerms {
    /// The words, filters and result row of one JD.
    pub fn new(site: &Site<'_>, entry: &Entry<'_>, body: &str) -> DocTerms {
        let jd = entry.jd;
        let role = site.role_of(entry);
        let title_texts = [jd.front.title.as_str()];
        let title = distinct_words(title_texts);
        let mut extra: Vec<&str> = vec![body];
        if let Some(a) = jd.authority {
            extra.extend([a.official_name.as_str(), &a.short_name, &a.region]);
        }
        extra.extend(jd.front.location.as_deref());
        extra.extend(jd.front.salary.as_ref().and_then(|s| s.grade.as_deref()));
        let mut body_words = distinct_words(extra);
        body_words.retain(|w| title.binary_search(w).is_err());
        let mut fields = vec![
            ("level", jd.front.level.as_str().to_owned()),
            ("role", jd.front.role.clone()),
            ("source", jd.front.source.as_str().to_owned()),
        ];
        if let Some(role) = role {
            fields.push(("family", role.family.as_str().to_owned()));
        }
        if let Some(a) = jd.authority {
            fields.push(("region", field_value(&a.region)));
            if let Some(gss) = &a.gss_code {
                fields.push(("org", gss.to_ascii_lowercase()));
            }
        }
        let purpose = render::sections(body)
            .into_iter()
            .find(|s| s.heading.eq_ignore_ascii_case("purpose"))
            .map(|s| render::first_sentence(s.markdown, 180))
            .unwrap_or_default();
        let row = json!([
            jd.front.title,
            entry.page,
            entry.council(),
            jd.front.level.as_str(),
            pay::annual_range(jd).unwrap_or_default(),
            purpose,
        ]);
        // Pay figures are far below i64's range; rounding to whole pounds is what tables show.
        #[allow(clippy::cast_possible_truncation)]
        let pay = jd
            .annual
            .map(|(lo, hi)| (lo.round() as i64, hi.round() as i64));
        let date = jd
            .advertised
            .map(|d| i64::from(d.year) * 10_000 + i64::from(d.month) * 100 + i64::from(d.day));
        DocTerms {
            pay,
            date,
            title,
            body: body_words,
            fields,
            row,
        }
    }
}

/// A filter value as a file name: lower case, runs of other characters as `-`.
pub fn field_value(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// A word's JDs: those with it in the title, and those with it only in the body.
type Postings = (Vec<u32>, Vec<u32>);

/// Words whose lists take more bytes than this go in a file of their own.
const OWN_FILE_FROM: usize = 2048;

/// The index being built, one JD at a time in JD order.
#[derive(Default)]
pub struct Builder {
    ids: HashMap<String, u32>,
    terms: Vec<String>,
    postings: Vec<Postings>,
    fields: BTreeMap<(&'static str, String), Vec<u32>>,
    /// Each JD's result row as JSON text. Written here, on the thread that keeps it, rather
    /// than kept as built on a worker: a worker's long-lived pieces would pin the memory of the
    /// big short-lived buffers between them (each JD's page and Word file), and the heap would
    /// grow with the library.
    rows: Vec<Box<str>>,
    pay_min: ranges::Column,
    pay_max: ranges::Column,
    dates: ranges::Column,
}

impl Builder {
    /// Adds JD number `doc` (JDs must come in order).
    pub fn add(&mut self, doc: usize, terms: DocTerms) {
        let doc = u32::try_from(doc).expect("fewer than 4 billion JDs");
        for (words, in_title) in [(terms.title, true), (terms.body, false)] {
            for word in words {
                let id = if let Some(&id) = self.ids.get(&word) {
                    id
                } else {
                    let id = u32::try_from(self.terms.len()).expect("fewer than 4 billion words");
                    self.ids.insert(word.clone(), id);
                    self.terms.push(word);
                    self.postings.push((Vec::new(), Vec::new()));
                    id
                };
                let lists = &mut self.postings[id as usize];
                if in_title {
                    lists.0.push(doc);
                } else {
                    lists.1.push(doc);
                }
            }
        }
        for field in terms.fields {
            self.fields.entry(field).or_default().push(doc);
        }
        if let Some((lo, hi)) = terms.pay {
            self.pay_min.push(doc, lo);
            self.pay_max.push(doc, hi);
        }
        if let Some(date) = terms.date {
            self.dates.push(doc, date);
        }
        self.rows.push(terms.row.to_string().into_boxed_str());
    }

    /// The index files, as (path from the site root, bytes).
    pub fn files(self, site: &Site<'_>) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let docs = self.rows.len();
        let mut shards: BTreeMap<String, BTreeMap<&str, serde_json::Value>> = BTreeMap::new();
        for (term, lists) in self.terms.iter().zip(self.postings) {
            let key = shard_key(term);
            let value = json!([
                postings::encode(&lists.0, docs),
                postings::encode(&lists.1, docs)
            ]);
            let value = if value.to_string().len() > OWN_FILE_FROM {
                // A common word gets a file of its own, so a query fetches only the big lists
                // of the words it asks for, not those of every word sharing their first letters.
                out.push((
                    format!("search/terms/{key}/{}.json", postings::file_name(term)),
                    to_bytes(&value),
                ));
                json!(0)
            } else {
                value
            };
            shards.entry(key).or_default().insert(term, value);
        }
        let shard_names: Vec<&String> = shards.keys().collect();
        let mut field_values: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (field, value) in self.fields.keys() {
            field_values.entry(field).or_default().push(value);
        }
        let regions: BTreeSet<&str> = site
            .jds
            .iter()
            .filter_map(|e| e.jd.authority.map(|a| a.region.as_str()))
            .collect();
        let mut range_meta = serde_json::Map::new();
        for (name, column, step_of) in [
            ("paymin", &self.pay_min, ranges::pay_step as fn(i64) -> i64),
            ("paymax", &self.pay_max, ranges::pay_step),
            ("date", &self.dates, ranges::month_step),
        ] {
            let (files, meta) = column.files(name, docs, step_of);
            out.extend(files);
            range_meta.insert(name.to_owned(), meta);
        }
        let meta = json!({
            "version": 1,
            "payStep": ranges::PAY_STEP,
            "ranges": range_meta,
            "docs": self.rows.len(),
            "docShard": DOC_SHARD,
            "shards": shard_names,
            "fields": field_values,
            "regions": regions.iter().map(|r| json!([field_value(r), r])).collect::<Vec<_>>(),
            "roles": site.roles.iter().map(|(role, _)| {
                let texts = std::iter::once(role.title.as_str())
                    .chain(role.aliases.iter().map(String::as_str));
                json!([role.id, distinct_words(texts)])
            }).collect::<Vec<_>>(),
        });
        out.push(("search/meta.json".to_owned(), to_bytes(&meta)));
        for (key, terms) in &shards {
            out.push((format!("search/terms/{key}.json"), to_bytes(terms)));
        }
        for ((field, value), ids) in &self.fields {
            out.push((
                format!("search/fields/{field}/{value}.json"),
                to_bytes(&postings::encode(ids, docs)),
            ));
        }
        for (n, chunk) in self.rows.chunks(DOC_SHARD).enumerate() {
            let rows: Vec<&str> = chunk.iter().map(AsRef::as_ref).collect();
            out.push((
                format!("search/docs/{n}.json"),
                format!("[{}]", rows.join(",")).into_bytes(),
            ));
        }
        let mut orgs: BTreeMap<&str, serde_json::Value> = BTreeMap::new();
        for e in &site.jds {
            if let Some(a) = e.jd.authority
                && let Some(gss) = &a.gss_code
            {
                orgs.entry(gss).or_insert_with(|| {
                    json!([
                        gss.to_ascii_lowercase(),
                        a.official_name,
                        a.short_name,
                        a.alt_names
                    ])
                });
            }
        }
        let orgs: Vec<&serde_json::Value> = orgs.values().collect();
        out.push(("search/orgs.json".to_owned(), to_bytes(&orgs)));
        out
    }
}

fn to_bytes<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("index values serialise to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_fold_to_their_singular() {
        for (word, folded) in [
            ("analysts", "analyst"),
            ("policies", "policy"),
            ("business", "business"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("gis", "gis"),
            ("data", "data"),
        ] {
            assert_eq!(stem(word), folded, "{word}");
        }
    }

    #[test]
    fn words_are_split_lowered_and_folded() {
        let found = distinct_words(["Senior Data-Engineers (GIS), a Café!", "data senior"]);
        assert_eq!(found, ["café", "data", "engineer", "gis", "senior"]);
    }

    #[test]
    fn field_values_are_file_names() {
        assert_eq!(
            field_value("Yorkshire and The Humber"),
            "yorkshire-and-the-humber"
        );
        assert_eq!(shard_key("é-x"), "__");
    }
}
