//! Text read 64 bytes at a time as bit masks, one bit per byte: the shared part of lint's word
//! splitter and search's token count, which each classify bytes their own way.
//!
//! A caller sets a flag byte per input byte in a branch-free loop (which the compiler turns
//! into vector instructions), [`gather`]s each flag bit into a `u64`, and finds runs with
//! `trailing_zeros` and `count_ones`. Non-ASCII characters are decoded only in chunks that
//! have them ([`mark_chars`]).

/// Bytes per chunk: one bit each in a `u64`.
pub const CHUNK: usize = 64;

/// The text's 64-byte chunks with their offsets; the last, short one padded with zero bytes,
/// which every classifier takes for a gap. The real bytes come too, for [`mark_chars`].
pub fn chunks(bytes: &[u8]) -> impl Iterator<Item = (usize, [u8; CHUNK], &[u8])> {
    // Whole chunks are copied as arrays of known size (a few vector moves, where padding
    // each one called `memcpy`); only the short last one is padded.
    let whole = bytes.chunks_exact(CHUNK);
    let rest = whole.remainder();
    let last = (!rest.is_empty()).then(|| {
        let mut padded = [0u8; CHUNK];
        padded[..rest.len()].copy_from_slice(rest);
        (bytes.len() - rest.len(), padded, rest)
    });
    whole
        .enumerate()
        .map(|(n, piece)| {
            let block = <[u8; CHUNK]>::try_from(piece).unwrap_or([0; CHUNK]);
            (n * CHUNK, block, piece)
        })
        .chain(last)
}

/// A flag byte for each of 64 bytes, `flag(b)`, and whether any byte is not ASCII. The
/// loop has no branches when `flag` has none (`|` rather than `||` between its tests), and the
/// compiler turns it into vector instructions; [`gather`] then takes each flag bit as a mask.
#[inline(always)]
#[allow(clippy::inline_always)]
pub fn flags(bytes: &[u8; CHUNK], flag: impl Fn(u8) -> u8) -> ([u8; CHUNK], bool) {
    let mut flags = [0u8; CHUNK];
    let mut all = 0u8;
    for (out, &b) in flags.iter_mut().zip(bytes) {
        all |= b;
        *out = flag(b);
    }
    (flags, !all.is_ascii())
}

/// `1` in each byte of a `u64`.
const ONES: u64 = u64::from_ne_bytes([1; 8]);

/// Bit `bit` of each of 64 flag bytes, as bit `k` for byte `k`. Eight bytes at a time: byte
/// `k`'s bit, moved to `8k`, times a multiplier whose bits are `7j` for `j` in 1..=8 gives
/// partial products `8k + 7j` that are all different bits (nothing carries), and the ones in
/// bits 56..64 are exactly `j = 8 - k`, putting byte `k`'s bit at `56 + k`.
pub fn gather(flags: &[u8; CHUNK], bit: u32) -> u64 {
    let mut mask = 0;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(eight.try_into().unwrap_or_default()) >> bit;
        mask |= ((x & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    mask
}

/// The non-ASCII characters starting in `piece` (the chunk at `base` in `text`) for which
/// `keep` is true: `(bits, carry, firsts)`, where `bits` marks all their bytes in this chunk,
/// `carry` those that run on into the next chunk, and `firsts` their first bytes.
pub fn mark_chars(
    text: &str,
    base: usize,
    piece: &[u8],
    keep: impl Fn(char) -> bool,
) -> (u64, u64, u64) {
    let (mut bits, mut carry, mut firsts) = (0u64, 0u64, 0u64);
    for (i, &b) in piece.iter().enumerate() {
        // First bytes only: continuation bytes belong to the character before them.
        if b >= 0xC0
            && let Some(c) = text[base + i..].chars().next()
            && keep(c)
        {
            let span = ((1u128 << c.len_utf8()) - 1) << i;
            // The low and high halves: this chunk's bits and the next one's.
            #[allow(clippy::cast_possible_truncation)]
            {
                bits |= span as u64;
                carry |= (span >> 64) as u64;
            }
            firsts |= 1 << i;
        }
    }
    (bits, carry, firsts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gather_takes_one_bit_of_every_byte() {
        let mut flags = [0u8; CHUNK];
        for (k, flag) in flags.iter_mut().enumerate() {
            *flag = u8::try_from(k % 8).unwrap_or(0);
        }
        for bit in 0..3 {
            let want = (0..CHUNK)
                .filter(|k| (k % 8) >> bit & 1 == 1)
                .fold(0u64, |m, k| m | 1 << k);
            assert_eq!(gather(&flags, bit), want, "bit {bit}");
        }
    }

    #[test]
    fn chunks_are_padded_and_characters_marked_across_them() {
        let text = format!("{}é–x", "a".repeat(63));
        let got: Vec<(usize, usize)> = chunks(text.as_bytes())
            .map(|(base, padded, piece)| {
                assert!(padded[piece.len()..].iter().all(|&b| b == 0));
                (base, piece.len())
            })
            .collect();
        assert_eq!(got, [(0, 64), (64, 5)]);
        // `é` starts at byte 63 and runs on; `–` (not a letter) is left out.
        let (bits, carry, firsts) =
            mark_chars(&text, 0, &text.as_bytes()[..64], char::is_alphanumeric);
        assert_eq!((bits, carry, firsts), (1 << 63, 1, 1 << 63));
        let (bits, carry, firsts) =
            mark_chars(&text, 64, &text.as_bytes()[64..], char::is_alphanumeric);
        assert_eq!((bits, carry, firsts), (0, 0, 0));
    }
}
