//! `long-sentence`, `long-list` and `hard-to-read`: sentence and list lengths and the JD's
//! Flesch reading ease, counted word by word as the pass reads every word.

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Rule, Word, Words};
use crate::lint::settings::{LintConfig, Readability as Limits};
use crate::lint::text::{Block, BlockKind, Prose};
#[cfg(test)]
use crate::lint::words::{sentences_into, syllables_in};

/// The readability thresholds of `jdlib.toml`.
pub struct Readability {
    limits: Limits,
}

impl Rule for Readability {
    const CODES: &'static [(Code, Severity)] = &[
        (Code::LongSentence, Severity::Warning),
        (Code::LongList, Severity::Warning),
        (Code::HardToRead, Severity::Warning),
    ];
    const WORDS: Words = Words::Every;
    type Jd<'a> = Reading<'a>;

    fn new(config: &LintConfig) -> Self {
        Readability {
            limits: config.readability.clone(),
        }
    }

    fn start<'a>(&'a self, prose: &Prose<'a>, _hits: &mut Vec<Hit>) -> Reading<'a> {
        Reading::new(&self.limits, prose.text)
    }

    #[inline]
    fn block<'a>(&'a self, reading: &mut Reading<'a>, block: &Block<'a>, _hits: &mut Vec<Hit>) {
        reading.start(block);
    }

    #[inline]
    fn word<'a>(
        &'a self,
        reading: &mut Reading<'a>,
        block: &Block<'a>,
        word: Word,
        _facts: &Facts,
        hits: &mut Vec<Hit>,
    ) {
        reading.word(block, word.at, word.syllables, hits);
    }

    #[inline]
    fn block_end<'a>(&'a self, reading: &mut Reading<'a>, block: &Block<'a>, hits: &mut Vec<Hit>) {
        reading.end(block, hits);
    }

    fn finish<'a>(
        &'a self,
        reading: Reading<'a>,
        prose: &Prose<'a>,
        _facts: &Facts,
        hits: &mut Vec<Hit>,
    ) -> Option<(f64, f64)> {
        reading.finish(prose, hits)
    }
}

/// One sentence's tally: where its first word is, how many words and syllables it has.
#[derive(Default)]
struct Tally {
    first: usize,
    words: usize,
    syllables: usize,
}

/// Long lists, and the JD's Flesch reading ease and mean words per sentence from its word,
/// sentence and syllable counts.
fn scores(
    ex: &Prose<'_>,
    limits: &Limits,
    (n_words, n_sentences, n_syllables): (usize, usize, usize),
    hits: &mut Vec<Hit>,
) -> Option<(f64, f64)> {
    for list in ex.lists {
        if list.items > limits.max_list_items
            && !list.allowed.iter().any(|c| c == Code::LongList.as_str())
        {
            hits.push(Hit {
                offset: list.offset,
                code: Code::LongList,
                message: format!(
                    "list of {} items: keep lists to {} or fewer, grouping or cutting the rest",
                    list.items, limits.max_list_items
                ),
            });
        }
    }
    if n_words == 0 {
        return None;
    }
    let per_sentence = n_words as f64 / n_sentences as f64;
    let flesch = 206.835 - 1.015 * per_sentence - 84.6 * (n_syllables as f64 / n_words as f64);
    if let Some(first) = ex.blocks.first()
        && flesch < limits.min_flesch
        && !first.allows(Code::HardToRead.as_str())
    {
        hits.push(Hit {
            offset: first.source_offset(0),
            code: Code::HardToRead,
            message: format!(
                "Flesch reading ease {flesch:.0} is below {:.0} ({per_sentence:.0} words a sentence): use shorter sentences and plainer words",
                limits.min_flesch
            ),
        });
    }
    Some((flesch, per_sentence))
}

/// Sentence lengths and the JD's word, sentence and syllable counts, gathered word by word
/// as the rules' single pass reaches each block's words.
pub struct Reading<'c> {
    limits: &'c Limits,
    /// Where each sentence ends in [`Prose::text`], found in one scan of the whole: just
    /// after a `.`, `!` or `?` that whitespace follows. (A block's last byte is followed by
    /// the newline after it, as the end of its own text would end a sentence.)
    ends: Vec<usize>,
    /// The first of `ends` not yet reached.
    next_end: usize,
    /// The current block's sentences.
    bounds: Vec<(usize, usize)>,
    /// The sentence the next word may be in.
    k: usize,
    tally: Tally,
    heading: bool,
    check_length: bool,
    words: usize,
    sentences: usize,
    syllables: usize,
}

impl<'c> Reading<'c> {
    /// Nothing read yet of a JD's prose, whose text is `text` ([`Prose::text`]).
    fn new(limits: &'c Limits, text: &str) -> Self {
        let bytes = text.as_bytes();
        // Sized once: prose has a sentence end every 80 bytes or so, and growing the list
        // step by step costs several allocations a JD.
        let mut ends = Vec::with_capacity(bytes.len() / 64 + 1);
        ends.extend(
            memchr::memchr3_iter(b'.', b'!', b'?', bytes)
                .filter(|&i| bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace))
                .map(|i| i + 1),
        );
        Reading {
            limits,
            ends,
            next_end: 0,
            bounds: Vec::new(),
            k: 0,
            tally: Tally::default(),
            heading: false,
            check_length: false,
            words: 0,
            sentences: 0,
            syllables: 0,
        }
    }

    /// Starts a block: finds its sentences, as [`crate::lint::words::sentences`] would in its text alone. Blocks
    /// come in order, so the sentence ends in this one are the next few not yet reached.
    fn start(&mut self, block: &Block<'_>) {
        self.bounds.clear();
        let block_end = block.start + block.text.len();
        let mut from = 0;
        while let Some(&end) = self.ends.get(self.next_end)
            && end <= block_end
        {
            self.next_end += 1;
            // An end before this block would belong to a block the pass skipped (there are
            // none in a whole extract).
            if let Some(end) = end.checked_sub(block.start) {
                self.bounds.push((from, end));
                from = end;
            }
        }
        if block.text[from..].trim().len() > 1 {
            self.bounds.push((from, block.text.len()));
        }
        self.k = 0;
        self.tally = Tally::default();
        self.heading = matches!(block.kind, BlockKind::Heading(_));
        self.check_length = !block.allows(Code::LongSentence.as_str());
    }

    /// The block's next word, at `at` in its text, with its syllables. Words are in order,
    /// and so are sentences: walk both together. Words after the last sentence (a trailing
    /// fragment of one character) belong to none.
    #[inline]
    fn word(&mut self, block: &Block<'_>, at: usize, syllables: usize, hits: &mut Vec<Hit>) {
        while self.k < self.bounds.len() && at >= self.bounds[self.k].1 {
            self.sentence_end(block, hits);
            self.tally = Tally::default();
            self.k += 1;
        }
        if self.k == self.bounds.len() {
            return;
        }
        if self.tally.words == 0 {
            self.tally.first = at;
        }
        self.tally.words += 1;
        self.tally.syllables += syllables;
    }

    /// Ends a block: its last sentence ends too.
    fn end(&mut self, block: &Block<'_>, hits: &mut Vec<Hit>) {
        if self.k < self.bounds.len() {
            self.sentence_end(block, hits);
        }
    }

    fn sentence_end(&mut self, block: &Block<'_>, hits: &mut Vec<Hit>) {
        let tally = &self.tally;
        if tally.words == 0 {
            return;
        }
        if self.check_length && tally.words > self.limits.max_sentence_words {
            hits.push(Hit {
                offset: block.source_offset(tally.first),
                code: Code::LongSentence,
                message: format!(
                    "sentence of {} words: split it (at most {} reads easily)",
                    tally.words, self.limits.max_sentence_words
                ),
            });
        }
        // Headings are labels, not sentences: they would flatter the score.
        if !self.heading {
            self.sentences += 1;
            self.words += tally.words;
            self.syllables += tally.syllables;
        }
    }

    /// Long lists and a hard-to-read JD, once every block is read. Returns the JD's Flesch
    /// reading ease and mean words per sentence.
    fn finish(self, ex: &Prose<'_>, hits: &mut Vec<Hit>) -> Option<(f64, f64)> {
        scores(
            ex,
            self.limits,
            (self.words, self.sentences, self.syllables),
            hits,
        )
    }
}

/// Long sentences, long lists, and a hard-to-read JD, found sentence by sentence in each
/// block alone: what [`Reading`] must find word by word. Returns the JD's Flesch reading ease and mean words per sentence.
#[cfg(test)]
fn sentence_by_sentence(
    ex: &Prose<'_>,
    limits: &Limits,
    hits: &mut Vec<Hit>,
) -> Option<(f64, f64)> {
    let (mut n_words, mut n_sentences, mut n_syllables) = (0usize, 0usize, 0usize);
    let mut bounds = Vec::new();
    for block in &ex.blocks {
        let heading = matches!(block.kind, BlockKind::Heading(_));
        let check_length = !block.allows(Code::LongSentence.as_str());
        let mut finish = |tally: &Tally, hits: &mut Vec<Hit>| {
            if tally.words == 0 {
                return;
            }
            if check_length && tally.words > limits.max_sentence_words {
                hits.push(Hit {
                    offset: block.source_offset(tally.first),
                    code: Code::LongSentence,
                    message: format!(
                        "sentence of {} words: split it (at most {} reads easily)",
                        tally.words, limits.max_sentence_words
                    ),
                });
            }
            // Headings are labels, not sentences: they would flatter the score.
            if !heading {
                n_sentences += 1;
                n_words += tally.words;
                n_syllables += tally.syllables;
            }
        };
        sentences_into(block.text, &mut bounds);
        // Words are in order, and so are sentences: walk both together. Words after the last
        // sentence (a trailing fragment of one character) belong to none.
        let mut k = 0;
        let mut tally = Tally::default();
        let text = block.text.as_bytes();
        for &(at, end) in block.words {
            while k < bounds.len() && at >= bounds[k].1 {
                finish(&tally, hits);
                tally = Tally::default();
                k += 1;
            }
            if k == bounds.len() {
                break;
            }
            if tally.words == 0 {
                tally.first = at;
            }
            tally.words += 1;
            tally.syllables += syllables_in(&text[at..end]);
        }
        if k < bounds.len() {
            finish(&tally, hits);
        }
    }
    scores(ex, limits, (n_words, n_sentences, n_syllables), hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::extract;
    use crate::lint::pass;
    use crate::lint::rules::Prepared;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn counting_word_by_word_finds_what_counting_sentence_by_sentence_does(
            body in pass::tests::busy_soup(),
            config in pass::tests::config(),
        ) {
            let prepared = Prepared::new(&config);
            let extract = extract::extract(&body);
            let prose = extract.prose();
            let mut got = Vec::new();
            let got_scores = pass::check(&prose, &Facts::default(), &prepared, &mut got);
            got.retain(|h| Readability::CODES.iter().any(|(c, _)| *c == h.code));
            let mut want = Vec::new();
            let want_scores = sentence_by_sentence(&prose, &config.readability, &mut want);
            got.sort_by_key(|h| h.code);
            want.sort_by_key(|h| h.code);
            proptest::prop_assert_eq!(got, want, "{:?}", body);
            proptest::prop_assert_eq!(got_scores, want_scores);
        }
    }
}
