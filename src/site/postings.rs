//! How the search index writes a list of JD numbers: as gaps between ascending numbers
//! (`[3,1,6]`) when few JDs have it, or as a bitmap in base64 (bit `i` of byte `i / 8`, lowest
//! bit first) when that is shorter, so a word most JDs share costs an eighth of a byte per JD
//! rather than two or three. `assets/search.js` reads both.

use serde_json::Value;

/// The shorter encoding of ascending `ids` out of `docs` JDs.
pub fn encode(ids: &[u32], docs: usize) -> Value {
    let gaps = gaps(ids);
    let gaps_len: usize = gaps.iter().map(|g| digits(*g) + 1).sum();
    let bitmap_len = docs.div_ceil(8).div_ceil(3) * 4 + 2;
    if bitmap_len < gaps_len {
        let mut bits = vec![0u8; docs.div_ceil(8)];
        for &id in ids {
            bits[id as usize / 8] |= 1 << (id % 8);
        }
        Value::String(base64(&bits))
    } else {
        Value::from(gaps)
    }
}

/// Ascending numbers as gaps from the one before.
fn gaps(ids: &[u32]) -> Vec<u32> {
    let mut last = 0;
    ids.iter()
        .map(|&id| {
            let gap = id - last;
            last = id;
            gap
        })
        .collect()
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Standard base64 with padding, as the browser's `atob` reads it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A word as a file name: its UTF-8 bytes in hex, safe on every file system and host.
pub fn file_name(term: &str) -> String {
    use std::fmt::Write as _;
    term.bytes().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_ids_are_gaps() {
        assert_eq!(encode(&[3, 4, 10], 1000), serde_json::json!([3, 1, 6]));
    }

    #[test]
    fn many_ids_are_a_bitmap() {
        let ids: Vec<u32> = (0..100).filter(|i| i % 3 != 0).collect();
        let Value::String(b64) = encode(&ids, 100) else {
            panic!("expected a bitmap");
        };
        // Decode by hand, as the script does.
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bytes = Vec::new();
        for chunk in b64.as_bytes().chunks(4) {
            let vals: Vec<u32> = chunk
                .iter()
                .filter(|&&c| c != b'=')
                .map(|&c| u32::try_from(alphabet.find(char::from(c)).unwrap()).unwrap())
                .collect();
            let n = vals
                .iter()
                .enumerate()
                .fold(0, |n, (i, v)| n | (v << (18 - 6 * i)));
            for i in 0..vals.len() - 1 {
                bytes.push(u8::try_from((n >> (16 - 8 * i)) & 0xff).unwrap());
            }
        }
        let decoded: Vec<u32> = (0..100u32)
            .filter(|&i| bytes[i as usize / 8] & (1 << (i % 8)) != 0)
            .collect();
        assert_eq!(decoded, ids);
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }

    #[test]
    fn file_names_are_hex() {
        assert_eq!(file_name("data"), "64617461");
        assert_eq!(file_name("é"), "c3a9");
    }
}
