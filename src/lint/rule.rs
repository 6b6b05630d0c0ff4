//! What a lint rule is: the codes it reports and the hooks the single pass over a JD's prose
//! calls (once per JD, per block and per word). `rules/mod.rs` lists the rules; `pass.rs`
//! walks each JD once and calls every rule's hooks from the same loop.

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::settings::LintConfig;
use crate::lint::text::{Block, Prose};

/// A finding before it is placed: where in the body, which rule, what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset in the body.
    pub offset: usize,
    /// The rule.
    pub code: Code,
    /// What was found and what to do.
    pub message: String,
}

/// One word of a block as the pass hands it to the rules.
#[derive(Clone, Copy, Debug)]
pub struct Word {
    /// Its index in [`Block::words`].
    pub k: usize,
    /// Its byte range in the block's text.
    pub at: usize,
    /// End of that range.
    pub end: usize,
    /// Its syllables.
    pub syllables: usize,
    /// Whether it has a hyphen.
    pub hyphenated: bool,
}

/// Which words a rule's word hook sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    /// None: the rule has no word hook.
    None,
    /// Those whose first two bytes [`Rule::may_start`] accepts.
    FirstBytes,
    /// Those, and every hyphenated word (a later part may be what the rule looks for).
    FirstBytesOrHyphenated,
    /// Every word.
    Every,
}

/// A lint rule. The pass reads each JD once: it calls [`Rule::start`], then for each block
/// [`Rule::block`], [`Rule::word`] for the block's words, and [`Rule::block_end`], and last
/// [`Rule::finish`]. Every hook but `start` does nothing unless the rule provides it.
///
/// The per-word hook is where the time goes (a JD has about 730 words), so most words never
/// reach it: the pass looks each word's first two bytes up in one table built from every
/// rule's [`Rule::may_start`], and calls a rule's word hook only when its bit is set.
pub trait Rule: Sized + Sync {
    /// The codes the rule reports, each with its default severity (`jdlib.toml` may change
    /// it). Each code belongs to one rule.
    const CODES: &'static [(Code, Severity)];

    /// Which words reach [`Rule::word`].
    const WORDS: Words = Words::None;

    /// The code whose inline allow comment keeps a block's words from [`Rule::word`]; `None`
    /// when the hook checks the comment itself.
    const WORD_ALLOW: Option<Code> = None;

    /// What the rule keeps while it reads one JD.
    type Jd<'a>
    where
        Self: 'a;

    /// The rule with its word lists and settings, built once per run.
    fn new(config: &LintConfig) -> Self;

    /// Whether a word starting with these two bytes, as written, may interest
    /// [`Rule::word`]. A one-byte word comes with the byte after it (never a word byte), or
    /// 0 at the end of the text. It may say yes too often, but never no to a word that
    /// [`Rule::looks_at`] accepts.
    fn may_start(&self, _first: u8, _second: u8) -> bool {
        false
    }

    /// The word hook's own first test on a whole word (`written` as in the text, `lower`
    /// with ASCII letters lowered). The hook reports nothing on a word this refuses; tests
    /// hold [`Rule::may_start`] to it.
    fn looks_at(&self, _written: &[u8], _lower: &[u8]) -> bool {
        false
    }

    /// Starts a JD; findings about the JD as a whole may be reported here.
    fn start<'a>(&'a self, prose: &Prose<'a>, hits: &mut Vec<Hit>) -> Self::Jd<'a>;

    /// A block, before its words.
    #[inline]
    fn block<'a>(&'a self, _jd: &mut Self::Jd<'a>, _block: &Block<'a>, _hits: &mut Vec<Hit>) {}

    /// A word, as [`Rule::WORDS`] chooses them.
    #[inline]
    fn word<'a>(
        &'a self,
        _jd: &mut Self::Jd<'a>,
        _block: &Block<'a>,
        _word: Word,
        _facts: &Facts,
        _hits: &mut Vec<Hit>,
    ) {
    }

    /// A block, after its words.
    #[inline]
    fn block_end<'a>(&'a self, _jd: &mut Self::Jd<'a>, _block: &Block<'a>, _hits: &mut Vec<Hit>) {}

    /// Ends the JD. A rule that measures the JD's readability returns its Flesch reading
    /// ease and mean words per sentence.
    fn finish<'a>(
        &'a self,
        _jd: Self::Jd<'a>,
        _prose: &Prose<'a>,
        _facts: &Facts,
        _hits: &mut Vec<Hit>,
    ) -> Option<(f64, f64)> {
        None
    }
}

/// Whether a block holds one of some positions in [`Prose::text`], given in order; those
/// before the block are passed over for good, as blocks come in order too. Rules that look
/// for a rare byte find it once in the whole JD and ask this of each block.
pub fn holds(
    positions: &mut std::iter::Peekable<impl Iterator<Item = usize>>,
    block: &Block<'_>,
) -> bool {
    while positions.next_if(|&p| p < block.start).is_some() {}
    positions
        .peek()
        .is_some_and(|&p| p < block.start + block.text.len())
}
