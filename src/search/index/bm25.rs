//! BM25 as the index scores it, for answering a search without an index: the scan gathers the
//! corpus statistics itself and asks here for the weights, so its scores equal the index's to
//! the last bit (tantivy's own `Bm25Weight` and field-norm rounding).

use tantivy::Term;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::Field;

/// One field's corpus statistics.
pub struct FieldStats<'a> {
    /// Usable JDs.
    pub docs: u64,
    /// Tokens in this field across them.
    pub tokens: u64,
    /// How many JDs have a token in this field.
    pub doc_freq: &'a dyn Fn(&str) -> u64,
}

/// The BM25 weight of a term (or of a phrase's terms together) in one field, boosted.
#[derive(Clone)]
pub struct Weight(Bm25Weight);

impl Weight {
    /// The weight of `terms` in a field with `stats`, times `boost`; `None` when BM25 has
    /// none (no terms).
    pub fn new(terms: &[&str], stats: &FieldStats<'_>, boost: f32) -> Option<Weight> {
        // One field at a time, so any field id will do.
        let field = Field::from_field_id(0);
        let terms: Vec<Term> = terms
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect();
        Bm25Weight::for_terms(stats, &terms)
            .ok()
            .map(|w| Weight(w.boost_by(boost)))
    }

    /// The score of `term_freq` occurrences in a field whose length has the norm `norm` (see
    /// [`norm`]).
    pub fn score(&self, norm: u8, term_freq: u32) -> f32 {
        self.0.score(norm, term_freq)
    }
}

/// A field length as the index keeps it: rounded to one byte.
pub fn norm(len: u32) -> u8 {
    FieldNormReader::fieldnorm_to_id(len)
}

impl Bm25StatisticsProvider for FieldStats<'_> {
    fn total_num_tokens(&self, _: Field) -> tantivy::Result<u64> {
        Ok(self.tokens)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let value = term.value();
        Ok((self.doc_freq)(value.as_str().unwrap_or_default()))
    }
}
