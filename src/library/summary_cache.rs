//! What the library-wide rules need to know about each committed JD, cached by git blob id
//! under `.git/jdlib/` so `validate --changed-since` need not re-read unchanged files.
//!
//! A blob id names exact content, so an entry can never be stale: a changed file has a new id.
//! The file format is versioned; a jdlib that computes summaries differently must bump
//! [`MAGIC`], and an unreadable or foreign file is ignored and rebuilt.
//!
//! Layout: `MAGIC` (8 bytes), record count (u32 LE), then fixed 48-byte records sorted by id:
//! id (20) | body hash (u64 LE) | flags (1) | level (1) | year (u16 LE) | month (1) | day (1) |
//! organisation (9, ASCII) | advertised line (u16 LE) | body line (u16 LE) | padding (1).

use std::fs;
use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::library::JobDescription;
use crate::library::front_matter::{Level, Source};

/// File identification and format version.
pub const MAGIC: &[u8; 8] = b"JDLSUM01";
const RECORD: usize = 48;
const HEADER: usize = 12;
/// Flags value of a record for a file that is not a usable JD (its front matter is broken), so
/// it takes no part in the library-wide rules and need not be re-read either.
const NOT_A_JD: u8 = 2;

/// The duplicate-advert key of an advertised JD: organisation, level and advert date (the role
/// is the JD's folder).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AdvertKey {
    /// GSS code.
    pub organisation: [u8; 9],
    /// Level.
    pub level: Level,
    /// Advert date.
    pub date: Date,
}

/// One JD as the library-wide rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Hash of the body (see `check.rs`).
    pub body_hash: u64,
    /// Present for advertised JDs with an organisation and a real date.
    pub advert: Option<AdvertKey>,
    /// Line of the `advertised` key.
    pub advertised_line: u16,
    /// First line of the body.
    pub body_line: u16,
}

impl Summary {
    /// The summary of a checked JD.
    pub fn of(jd: &JobDescription) -> Summary {
        let organisation = jd
            .front
            .organisation
            .as_deref()
            .and_then(|o| <[u8; 9]>::try_from(o.as_bytes()).ok());
        let advert = match (jd.front.source, organisation, jd.advertised) {
            (Source::Advertised, Some(organisation), Some(date)) => Some(AdvertKey {
                organisation,
                level: jd.front.level,
                date,
            }),
            _ => None,
        };
        Summary {
            body_hash: jd.body_hash,
            advert,
            advertised_line: u16::try_from(jd.advertised_pos.line).unwrap_or(u16::MAX),
            body_line: u16::try_from(jd.body_line).unwrap_or(u16::MAX),
        }
    }

    fn encode(&self, oid: &[u8; 20], out: &mut Vec<u8>) {
        out.extend_from_slice(oid);
        out.extend_from_slice(&self.body_hash.to_le_bytes());
        match &self.advert {
            Some(key) => {
                out.push(1);
                let level = Level::ALL.iter().position(|l| *l == key.level).unwrap_or(0);
                out.push(u8::try_from(level).unwrap_or(0));
                out.extend_from_slice(&u16::try_from(key.date.year).unwrap_or(0).to_le_bytes());
                out.push(key.date.month);
                out.push(key.date.day);
                out.extend_from_slice(&key.organisation);
            }
            None => out.extend_from_slice(&[0; 15]),
        }
        out.extend_from_slice(&self.advertised_line.to_le_bytes());
        out.extend_from_slice(&self.body_line.to_le_bytes());
        out.push(0);
    }

    fn decode(record: &[u8]) -> Option<Summary> {
        if record[28] == NOT_A_JD {
            return None;
        }
        let body_hash = u64::from_le_bytes(record.get(20..28)?.try_into().ok()?);
        let advert = if record[28] == 1 {
            Some(AdvertKey {
                level: *Level::ALL.get(usize::from(record[29]))?,
                date: Date {
                    year: i32::from(u16::from_le_bytes(record.get(30..32)?.try_into().ok()?)),
                    month: record[32],
                    day: record[33],
                },
                organisation: record.get(34..43)?.try_into().ok()?,
            })
        } else {
            None
        };
        Some(Summary {
            body_hash,
            advert,
            advertised_line: u16::from_le_bytes(record.get(43..45)?.try_into().ok()?),
            body_line: u16::from_le_bytes(record.get(45..47)?.try_into().ok()?),
        })
    }
}

/// The cache file's contents plus entries added this run.
pub struct SummaryCache {
    path: Option<PathBuf>,
    bytes: Vec<u8>,
    added: Vec<([u8; 20], Option<Summary>)>,
}

impl SummaryCache {
    /// Opens the cache in `git_dir/jdlib/`; `None` gives an empty cache that is never saved
    /// (`--no-cache`). A missing, truncated or foreign file reads as empty.
    pub fn open(git_dir: Option<&Path>) -> SummaryCache {
        let path = git_dir.map(|d| d.join("jdlib").join("summaries.bin"));
        let bytes = path
            .as_deref()
            .and_then(|p| fs::read(p).ok())
            .filter(|b| is_well_formed(b))
            .unwrap_or_default();
        SummaryCache {
            path,
            bytes,
            added: Vec::new(),
        }
    }

    fn records(&self) -> &[u8] {
        self.bytes.get(HEADER..).unwrap_or_default()
    }

    /// The cached entry for a blob: `Some(None)` when the blob is known not to be a usable JD.
    pub fn get(&self, oid: &[u8; 20]) -> Option<Option<Summary>> {
        let records = self.records();
        let count = records.len() / RECORD;
        let (mut lo, mut hi) = (0, count);
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            let record = &records[mid * RECORD..(mid + 1) * RECORD];
            match record[..20].cmp(oid) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(Summary::decode(record)),
            }
        }
        None
    }

    /// Whether this run computed anything the file does not have yet.
    pub fn has_additions(&self) -> bool {
        !self.added.is_empty()
    }

    /// Remembers what was computed this run.
    pub fn insert(&mut self, oid: [u8; 20], summary: Option<Summary>) {
        self.added.push((oid, summary));
    }

    /// Writes the cache back when anything was added, keeping only the ids in `keep` (the
    /// blobs of the tree just read), so the file tracks the library instead of growing forever.
    /// The new file replaces the old in one rename; a failure to write is not an error, since
    /// the cache only saves time.
    pub fn save(&self, keep: &std::collections::HashSet<[u8; 20]>) {
        let Some(path) = &self.path else { return };
        if self.added.is_empty() {
            return;
        }
        let mut entries: Vec<([u8; 20], Option<Summary>)> = self
            .records()
            .chunks_exact(RECORD)
            .filter_map(|r| Some((r[..20].try_into().ok()?, Summary::decode(r))))
            .chain(self.added.iter().copied())
            .filter(|(oid, _)| keep.contains(oid))
            .collect();
        entries.sort_by_key(|a| a.0);
        entries.dedup_by(|a, b| a.0 == b.0);
        let mut out = Vec::with_capacity(HEADER + entries.len() * RECORD);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&u32::try_from(entries.len()).unwrap_or(0).to_le_bytes());
        for (oid, summary) in &entries {
            if let Some(summary) = summary {
                summary.encode(oid, &mut out);
            } else {
                out.extend_from_slice(oid);
                out.extend_from_slice(&[0; 8]);
                out.push(NOT_A_JD);
                out.extend_from_slice(&[0; RECORD - 29]);
            }
        }
        let _ = crate::atomic::replace(path, &out);
    }
}

fn is_well_formed(bytes: &[u8]) -> bool {
    bytes.len() >= HEADER
        && &bytes[..8] == MAGIC
        && bytes[8..12]
            .try_into()
            .map(u32::from_le_bytes)
            .is_ok_and(|n| usize::try_from(n).is_ok_and(|n| bytes.len() == HEADER + n * RECORD))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: u8) -> ([u8; 20], Summary) {
        let oid = [n; 20];
        let summary = Summary {
            body_hash: u64::from(n) * 7919,
            advert: n.is_multiple_of(2).then_some(AdvertKey {
                organisation: *b"E09000011",
                level: Level::Senior,
                date: Date {
                    year: 2024,
                    month: 3,
                    day: u8::max(n % 28, 1),
                },
            }),
            advertised_line: u16::from(n),
            body_line: 20,
        };
        (oid, summary)
    }

    #[test]
    fn round_trips_and_prunes() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = SummaryCache::open(Some(dir.path()));
        for n in [5, 1, 9, 2] {
            let (oid, s) = sample(n);
            cache.insert(oid, Some(s));
        }
        cache.insert([7; 20], None);
        let keep = [1, 2, 7, 9].map(|n| [n; 20]).into_iter().collect();
        cache.save(&keep);
        let cache = SummaryCache::open(Some(dir.path()));
        for n in [1, 2, 9] {
            assert_eq!(cache.get(&[n; 20]), Some(Some(sample(n).1)), "{n}");
        }
        assert_eq!(cache.get(&[7; 20]), Some(None), "known not to be a JD");
        assert_eq!(cache.get(&[5; 20]), None, "pruned");
        assert_eq!(cache.get(&[3; 20]), None);
    }

    #[test]
    fn a_damaged_file_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jdlib/summaries.bin");
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, b"JDLSUM01\x05\0\0\0short").unwrap();
        let cache = SummaryCache::open(Some(dir.path()));
        assert_eq!(cache.get(&[0; 20]), None);
        let none = SummaryCache::open(None);
        none.save(&std::collections::HashSet::new());
    }
}
