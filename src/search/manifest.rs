//! What the work-tree search index holds: for each JD file, the size, modification time and
//! inode it had when read, and a hash of its content. Saved beside the index in `.git/jdlib/`.
//!
//! A file whose size, time and inode are unchanged is not read again (as git's own index
//! does); any other is read and hashed, and re-indexed only when its content changed. A file
//! changed within [`RACY_NANOS`] of being recorded is recorded without a time, so a second edit
//! in the same clock tick is still seen. The manifest names the index commit (opstamp) it
//! describes; if they disagree (a run stopped between the two writes) the index is rebuilt.
//!
//! Every save gets a new random id, which the search watcher (`watch/`) uses to know which
//! manifest its record of changes is relative to. The header alone (id, opstamp and counts) is
//! enough for a search the watcher has vouched for, so it is read without the records.
//!
//! Layout: `MAGIC` (8 bytes), opstamp (u64 LE), id (u64 LE), count (u32 LE), unusable files
//! (u32 LE), then per file: path length (u16 LE), path (UTF-8), size (u64), seconds (i64),
//! nanoseconds (u32), inode (u64), content hash (u64), flags (u8: 1 when the file is in the
//! index, 0 when it could not be used).

use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::Path;

/// File identification and format version; bump when the index's content changes meaning.
pub const MAGIC: &[u8; 8] = b"JDLSRC02";
/// Bytes before the first record.
const HEADER_LEN: usize = 32;
/// Modifications closer than this to the moment of reading are not trusted (see module docs).
pub const RACY_NANOS: i128 = 2_000_000_000;

/// A file's identity as `stat` sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the epoch.
    pub seconds: i64,
    /// Nanoseconds within the second.
    pub nanos: u32,
    /// Inode (0 where there is none).
    pub inode: u64,
}

impl Stamp {
    /// Nanoseconds since the epoch.
    pub fn time(&self) -> i128 {
        i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos)
    }

    /// The stamp to record for a file read at `now`: without a time when the file changed too
    /// recently to be sure a later change would move its time.
    #[must_use]
    pub fn settled(self, now: i128) -> Stamp {
        if now - self.time() < RACY_NANOS {
            Stamp {
                seconds: 0,
                nanos: 0,
                ..self
            }
        } else {
            self
        }
    }
}

/// One file's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Path from the library root.
    pub path: String,
    /// Its stamp when read.
    pub stamp: Stamp,
    /// Hash of its bytes.
    pub hash: u64,
    /// Whether it is in the index (false: not a usable JD).
    pub indexed: bool,
}

/// The records, sorted by path, and the index commit they describe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The index commit these records describe.
    pub opstamp: u64,
    /// Chosen afresh at every save; 0 for a manifest never saved.
    pub id: u64,
    /// Sorted by path.
    pub records: Vec<Record>,
}

/// A manifest's header: what a search needs when no file has changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The index commit the records describe.
    pub opstamp: u64,
    /// The manifest's id.
    pub id: u64,
    /// JD files recorded.
    pub files: usize,
    /// Of those, files that are not usable JDs.
    pub unusable: usize,
}

impl Manifest {
    /// Reads a manifest; a missing, damaged or foreign file reads as `None`.
    pub fn load(path: &Path) -> Option<Manifest> {
        decode(&fs::read(path).ok()?)
    }

    /// Reads only the header of the manifest at `path` (whether the rest is whole is checked
    /// when it is loaded).
    pub fn header(path: &Path) -> Option<Header> {
        let mut bytes = [0; HEADER_LEN];
        fs::File::open(path).ok()?.read_exact(&mut bytes).ok()?;
        decode_header(&mut Cursor {
            bytes: &bytes,
            at: 0,
        })
    }

    /// Writes the manifest beside `path` and renames it into place, under a new id, which it
    /// returns.
    pub fn save(&self, path: &Path) -> std::io::Result<u64> {
        let id = fresh_id();
        let mut out = Vec::with_capacity(HEADER_LEN + self.records.len() * 80);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.opstamp.to_le_bytes());
        out.extend_from_slice(&id.to_le_bytes());
        let count = u32::try_from(self.records.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&count.to_le_bytes());
        let unusable = self.records.iter().filter(|r| !r.indexed).count();
        out.extend_from_slice(&u32::try_from(unusable).unwrap_or(u32::MAX).to_le_bytes());
        for r in self.records.iter().take(count as usize) {
            let len = u16::try_from(r.path.len()).unwrap_or(0);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&r.path.as_bytes()[..usize::from(len)]);
            out.extend_from_slice(&r.stamp.size.to_le_bytes());
            out.extend_from_slice(&r.stamp.seconds.to_le_bytes());
            out.extend_from_slice(&r.stamp.nanos.to_le_bytes());
            out.extend_from_slice(&r.stamp.inode.to_le_bytes());
            out.extend_from_slice(&r.hash.to_le_bytes());
            out.push(u8::from(r.indexed));
        }
        crate::atomic::replace(path, &out)?;
        Ok(id)
    }
}

/// A random nonzero id (std's hasher keys are seeded from the operating system).
fn fresh_id() -> u64 {
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    hasher.finish().max(1)
}

fn decode_header(cursor: &mut Cursor<'_>) -> Option<Header> {
    if cursor.take(8)? != MAGIC {
        return None;
    }
    Some(Header {
        opstamp: cursor.u64()?,
        id: cursor.u64()?,
        files: cursor.u32()? as usize,
        unusable: cursor.u32()? as usize,
    })
}

fn decode(bytes: &[u8]) -> Option<Manifest> {
    let mut cursor = Cursor { bytes, at: 0 };
    let header = decode_header(&mut cursor)?;
    // Each record takes at least 39 bytes: a damaged count cannot ask for more memory than that.
    let mut records = Vec::with_capacity(header.files.min(bytes.len() / 39));
    for _ in 0..header.files {
        let len = u16::from_le_bytes(cursor.take(2)?.try_into().ok()?);
        let path = std::str::from_utf8(cursor.take(usize::from(len))?)
            .ok()?
            .to_owned();
        let size = cursor.u64()?;
        let seconds = i64::from_le_bytes(cursor.take(8)?.try_into().ok()?);
        let nanos = u32::from_le_bytes(cursor.take(4)?.try_into().ok()?);
        let inode = cursor.u64()?;
        let hash = cursor.u64()?;
        let indexed = cursor.take(1)?[0] == 1;
        records.push(Record {
            path,
            stamp: Stamp {
                size,
                seconds,
                nanos,
                inode,
            },
            hash,
            indexed,
        });
    }
    let sorted = records.windows(2).all(|w| w[0].path < w[1].path);
    let unusable = records.iter().filter(|r| !r.indexed).count();
    (cursor.at == bytes.len() && sorted && unusable == header.unusable).then_some(Manifest {
        opstamp: header.opstamp,
        id: header.id,
        records,
    })
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(path: &str, n: u64) -> Record {
        Record {
            path: path.to_owned(),
            stamp: Stamp {
                size: n,
                seconds: 1_700_000_000 + i64::try_from(n).unwrap(),
                nanos: 5,
                inode: n * 3,
            },
            hash: n * 7919,
            indexed: n.is_multiple_of(2),
        }
    }

    #[test]
    fn round_trips_and_rejects_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jdlib/search.manifest");
        let mut manifest = Manifest {
            opstamp: 42,
            id: 0,
            records: vec![record("library/a/x.md", 1), record("library/b/é.md", 2)],
        };
        manifest.id = manifest.save(&path).unwrap();
        assert_ne!(manifest.id, 0);
        assert_eq!(Manifest::load(&path), Some(manifest.clone()));
        let header = Manifest::header(&path).unwrap();
        assert_eq!(
            (header.opstamp, header.id, header.files, header.unusable),
            (42, manifest.id, 2, 1)
        );
        assert_ne!(
            manifest.save(&path).unwrap(),
            manifest.id,
            "a new id per save"
        );
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(Manifest::load(&path), None, "truncated");
        fs::write(&path, b"JDLSRC00").unwrap();
        assert_eq!(Manifest::load(&path), None, "foreign");
    }

    #[test]
    fn recent_changes_are_recorded_without_a_time() {
        let stamp = record("x", 1).stamp;
        let now = stamp.time();
        assert_eq!(stamp.settled(now + RACY_NANOS * 2), stamp);
        let racy = stamp.settled(now + 1);
        assert_eq!((racy.seconds, racy.nanos, racy.size), (0, 0, stamp.size));
    }
}
