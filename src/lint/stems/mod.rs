//! The gender-coded word stems as one byte trie.
//!
//! Gaucher, Friesen & Kay's tool counts a word once for every stem it starts with. Walking a
//! word down the trie passes exactly those stems, so a word costs one table step per byte it
//! shares with some stem (usually one or two) instead of a comparison with every stem.

/// Masculine and feminine stems, lower case, in one trie.
pub struct StemTrie {
    /// For each byte, its column in `next`, or 0 for a byte no stem has.
    column: [u16; 256],
    /// Columns per node: one per distinct stem byte, plus the unused column 0.
    width: usize,
    /// Node `n`'s child for column `c` is `next[n * width + c]`; 0 means none (the root is
    /// nobody's child).
    next: Vec<u32>,
    /// Masculine and feminine stems ending at each node (a list may repeat a stem; each
    /// counts).
    ends: Vec<(usize, usize)>,
    /// A bit for each pair of first two bytes some stem can match: set when the trie has
    /// that path, or for every second byte when a one-byte stem is the first byte. Most
    /// words start with a pair no stem has.
    pairs: Vec<u64>,
    /// The same for the first three bytes, indexed by their columns, set when the trie has
    /// that path or a stem of one or two bytes ends on the way: about half of all words
    /// start with a pair some stem has ("co", "re", "in"), far fewer with a triple. Empty
    /// when there are too many columns for a small table.
    triples: Vec<u64>,
    /// For the words that pass [`StemTrie::triples`]: the stems each set triple could
    /// start, compared with the word sixteen bytes at a once instead of walking the trie,
    /// whose rows (one cache line or more each, 60 KB in all) a walk of three or four steps
    /// otherwise reads from all over. `rank[w]` counts the set triples in words before `w`
    /// of `triples`; the `k`th set triple's stems are `stems[groups[k]..groups[k + 1]]`.
    /// Empty when some stem is too long to compare this way.
    rank: Vec<u32>,
    groups: Vec<u32>,
    stems: Vec<Stem>,
}

/// A stem of at most 16 bytes as a little-endian number, for [`StemTrie::groups`].
struct Stem {
    prefix: u128,
    mask: u128,
    len: usize,
    masculine: bool,
}

/// The first 16 bytes of a word as a little-endian number, zero beyond its end.
fn prefix_value(bytes: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let n = bytes.len().min(16);
    buf[..n].copy_from_slice(&bytes[..n]);
    u128::from_le_bytes(buf)
}

/// Columns up to which [`StemTrie::triples`] is kept (64³ bits, 32 KiB); the study's stems
/// have 26.
const TRIPLE_WIDTH: usize = 64;

impl StemTrie {
    /// Indexes the two lists; each stem is lowered first, and empty ones are left out (they
    /// would match every word).
    pub fn new<'a>(
        masculine: impl Iterator<Item = &'a String>,
        feminine: impl Iterator<Item = &'a String>,
    ) -> Self {
        let stems: Vec<(String, bool)> = masculine
            .map(|s| (s.to_lowercase(), true))
            .chain(feminine.map(|s| (s.to_lowercase(), false)))
            .filter(|(s, _)| !s.is_empty())
            .collect();
        // Columns only for bytes some stem has (about 27: letters and the hyphen), so the
        // table stays small enough to sit in cache.
        let mut column = [0u16; 256];
        let mut width: u16 = 1;
        for (stem, _) in &stems {
            for &b in stem.as_bytes() {
                if column[usize::from(b)] == 0 {
                    column[usize::from(b)] = width;
                    width += 1;
                }
            }
        }
        let width = usize::from(width);
        let mut trie = StemTrie {
            column,
            width,
            next: vec![0; width],
            ends: vec![(0, 0)],
            pairs: Vec::new(),
            triples: Vec::new(),
            rank: Vec::new(),
            groups: Vec::new(),
            stems: Vec::new(),
        };
        for (stem, is_masculine) in &stems {
            let mut node = 0;
            for &b in stem.as_bytes() {
                let slot = node * trie.width + usize::from(trie.column[usize::from(b)]);
                node = if trie.next[slot] == 0 {
                    let child = trie.ends.len();
                    trie.ends.push((0, 0));
                    trie.next.extend(std::iter::repeat_n(0, trie.width));
                    trie.next[slot] = u32::try_from(child).unwrap_or(u32::MAX);
                    child
                } else {
                    trie.next[slot] as usize
                };
            }
            if *is_masculine {
                trie.ends[node].0 += 1;
            } else {
                trie.ends[node].1 += 1;
            }
        }
        let mut trie = trie.breadth_first();
        trie.group(&stems);
        trie
    }

    /// Fills [`StemTrie::groups`]: for each set triple, the stems a word starting with it
    /// can start with. Stems with a hyphen are left out, as a word without one cannot start
    /// with them.
    fn group(&mut self, stems: &[(String, bool)]) {
        let stems: Vec<&(String, bool)> = stems.iter().filter(|(s, _)| !s.contains('-')).collect();
        if self.triples.is_empty() || stems.iter().any(|(s, _)| s.len() > 16) {
            return;
        }
        let width = self.width;
        let mut byte_of = vec![0u8; width];
        for byte in 0..=u8::MAX {
            byte_of[usize::from(self.column[usize::from(byte)])] = byte;
        }
        let mut seen = 0u32;
        for (w, &bits) in self.triples.iter().enumerate() {
            self.rank.push(seen);
            seen += bits.count_ones();
            let mut rest = bits;
            while rest != 0 {
                let triple = w * 64 + rest.trailing_zeros() as usize;
                rest &= rest - 1;
                let (ab, c) = (triple / width, triple % width);
                let start = [byte_of[ab / width], byte_of[ab % width], byte_of[c]];
                self.groups
                    .push(u32::try_from(self.stems.len()).unwrap_or(u32::MAX));
                for (stem, masculine) in &stems {
                    let bytes = stem.as_bytes();
                    let shared = bytes.len().min(3);
                    if bytes[..shared] == start[..shared] {
                        self.stems.push(Stem {
                            prefix: prefix_value(bytes),
                            mask: u128::MAX >> (128 - 8 * bytes.len()),
                            len: bytes.len(),
                            masculine: *masculine,
                        });
                    }
                }
            }
        }
        self.groups
            .push(u32::try_from(self.stems.len()).unwrap_or(u32::MAX));
    }

    /// The stems of the `k`th set triple that `bytes` starts with, as
    /// [`StemTrie::tally_unhyphenated`] counts them.
    fn compare(&self, bytes: &[u8], k: usize) -> (usize, usize) {
        let group = self.groups[k] as usize..self.groups[k + 1] as usize;
        let word = prefix_value(bytes);
        let (mut masculine, mut feminine) = (0, 0);
        for stem in &self.stems[group] {
            if stem.len <= bytes.len() && word & stem.mask == stem.prefix {
                if stem.masculine {
                    masculine += 1;
                } else {
                    feminine += 1;
                }
            }
        }
        (usize::from(masculine > 0), feminine)
    }

    /// The same trie with its nodes numbered level by level. Nearly every word leaves the
    /// trie within two bytes, so the root and its children and grandchildren do nearly all
    /// the work; numbered first, their rows sit together in a few cache lines instead of
    /// scattered through the whole table (60 KB for the study's list).
    fn breadth_first(self) -> Self {
        let width = self.width;
        let mut order = vec![0usize];
        let mut renumbered = vec![0u32; self.ends.len()];
        let mut i = 0;
        while i < order.len() {
            let node = order[i];
            for column in 1..width {
                let child = self.next[node * width + column] as usize;
                if child != 0 {
                    renumbered[child] = u32::try_from(order.len()).unwrap_or(u32::MAX);
                    order.push(child);
                }
            }
            i += 1;
        }
        let mut next = vec![0; self.next.len()];
        for (new, &old) in order.iter().enumerate() {
            for column in 1..width {
                let child = self.next[old * width + column] as usize;
                next[new * width + column] = renumbered[child];
            }
        }
        let mut trie = StemTrie {
            column: self.column,
            width,
            next,
            ends: order.iter().map(|&old| self.ends[old]).collect(),
            pairs: vec![0; 256 * 256 / 64],
            triples: Vec::new(),
            rank: Vec::new(),
            groups: Vec::new(),
            stems: Vec::new(),
        };
        for first in 0..256 {
            let child = trie.child(0, first);
            if child == 0 {
                continue;
            }
            for second in 0..256 {
                if trie.ends[child] != (0, 0) || trie.child(child, second) != 0 {
                    let pair = first * 256 + second;
                    trie.pairs[pair / 64] |= 1 << (pair % 64);
                }
            }
        }
        if width <= TRIPLE_WIDTH {
            trie.triples = vec![0; (width * width * width).div_ceil(64)];
            for (a, b, c) in (1..width)
                .flat_map(|a| (1..width).flat_map(move |b| (1..width).map(move |c| (a, b, c))))
            {
                let first = trie.next[a] as usize;
                let second = trie.next[first * width + b] as usize;
                let third = trie.next[second * width + c] as usize;
                let short_stem = trie.ends[first] != (0, 0) || trie.ends[second] != (0, 0);
                if first != 0 && (short_stem || (second != 0 && third != 0)) {
                    let triple = (a * width + b) * width + c;
                    trie.triples[triple / 64] |= 1 << (triple % 64);
                }
            }
        }
        trie
    }

    /// The child of `node` for a byte, or 0 for none.
    fn child(&self, node: usize, byte: usize) -> usize {
        let column = usize::from(self.column[byte]);
        if column == 0 {
            0
        } else {
            self.next[node * self.width + column] as usize
        }
    }

    /// How many masculine and feminine stems `word` (lower case) starts with: the plain
    /// walk, which the tests hold [`StemTrie::tally`] to.
    #[cfg(test)]
    fn matches(&self, word: &str) -> (usize, usize) {
        let (mut m, mut f) = (0, 0);
        let mut node = 0;
        for &b in word.as_bytes() {
            let column = usize::from(self.column[usize::from(b)]);
            if column == 0 {
                break;
            }
            node = self.next[node * self.width + column] as usize;
            if node == 0 {
                break;
            }
            m += self.ends[node].0;
            f += self.ends[node].1;
        }
        (m, f)
    }
}

impl StemTrie {
    /// For a word split at its hyphens, as the study's tool splits it: how many parts start
    /// with some masculine stem, and how many feminine stems the parts start with in all.
    pub fn tally(&self, bytes: &[u8]) -> (usize, usize) {
        let (mut masculine_parts, mut feminine) = (0, 0);
        let mut start = 0;
        while start < bytes.len() {
            let (part_masculine, part_feminine, i) = self.walk(bytes, start);
            masculine_parts += usize::from(part_masculine > 0);
            feminine += part_feminine;
            // The next part starts after the next hyphen, if there is one.
            match bytes[i..].iter().position(|&b| b == b'-') {
                Some(at) => start = i + at + 1,
                None => break,
            }
        }
        (masculine_parts, feminine)
    }

    /// Whether an unhyphenated word whose first byte is `first`, followed by `second` (its
    /// second byte, or whatever follows a one-byte word), can start any stem.
    pub fn may_start_pair(&self, first: u8, second: u8) -> bool {
        let pair = usize::from(first) * 256 + usize::from(second);
        self.pairs[pair / 64] & (1 << (pair % 64)) != 0
    }

    /// [`StemTrie::tally`] of a word the caller knows has no hyphen: one part, one walk.
    /// Inlined into the pass's word loop: most words leave in the first lines, and a call
    /// for each costs more than those lines, which the compiler does not see once the loop
    /// calls every rule's hooks.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn tally_unhyphenated(&self, bytes: &[u8]) -> (usize, usize) {
        // Most words start no stem at all: their first two or three bytes leave the trie.
        match *bytes {
            [] => return (0, 0),
            [a, b, c, ..] if !self.triples.is_empty() => {
                let column = |byte: u8| usize::from(self.column[usize::from(byte)]);
                let (a, b, c) = (column(a), column(b), column(c));
                // A byte no stem has (a digit, an apostrophe) stops the walk early anyway.
                if a == 0 {
                    return (0, 0);
                }
                if b != 0 && c != 0 {
                    let triple = (a * self.width + b) * self.width + c;
                    let bits = self.triples[triple / 64];
                    if bits & (1 << (triple % 64)) == 0 {
                        return (0, 0);
                    }
                    if !self.groups.is_empty() {
                        let before = bits & ((1 << (triple % 64)) - 1);
                        let k = self.rank[triple / 64] as usize + before.count_ones() as usize;
                        return self.compare(bytes, k);
                    }
                }
            }
            [first] => {
                if self.child(0, usize::from(first)) == 0 {
                    return (0, 0);
                }
            }
            [first, second, ..] => {
                let pair = usize::from(first) * 256 + usize::from(second);
                if self.pairs[pair / 64] & (1 << (pair % 64)) == 0 {
                    return (0, 0);
                }
            }
        }
        let (masculine, feminine, _) = self.walk(bytes, 0);
        (usize::from(masculine > 0), feminine)
    }

    /// Walks the part starting at `start` down the trie: the masculine and feminine stems it
    /// starts with, and where the walk stopped (a hyphen, the end, or off the trie).
    #[inline]
    fn walk(&self, bytes: &[u8], start: usize) -> (usize, usize, usize) {
        let (mut masculine, mut feminine, mut node) = (0, 0, 0);
        let mut i = start;
        while i < bytes.len() && bytes[i] != b'-' {
            let column = usize::from(self.column[usize::from(bytes[i])]);
            let child = if column == 0 {
                0
            } else {
                self.next[node * self.width + column] as usize
            };
            // Off the trie: no longer stem can match the rest of this part.
            if child == 0 {
                break;
            }
            masculine += self.ends[child].0;
            feminine += self.ends[child].1;
            node = child;
            i += 1;
        }
        (masculine, feminine, i)
    }
}

#[cfg(test)]
mod tests;
