//! The history index: `<home>/index.jsonl`, one line per attempt file holding its `Summary`.
//! A cache, never a source of truth: attempt files are written once and never changed, so an
//! entry stays valid while its file exists; a file the index lacks is read in full and added,
//! an entry whose file is gone is dropped, and a missing or damaged index is rebuilt. Start-up
//! reads one small file instead of parsing every attempt's item snapshots.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::session::Summary;

/// 2: item results carry `unsure` and `secs`. 3: each entry carries its file's size and
/// modification time and a checksum of itself (older indexes rebuild from the attempt files).
/// 4: `answered` means some response given and `partly` marks an item not fully answered.
pub const VERSION: u32 = 4;

#[derive(Serialize, Deserialize)]
struct Header {
    index_version: u32,
}

/// What identifies the attempt file an entry was made from: if the file is replaced or
/// changed, its size or modification time differs and the entry is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: i128,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: meta.len(),
            mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
        }
    }
}

#[derive(Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    pub stamp: Stamp,
    pub summary: Summary,
    /// FNV-1a of the entry's name, stamp and summary as JSON: an edited or damaged entry
    /// (say, its `percent` changed by hand) no longer matches and its file is read instead.
    pub sum: u64,
}

fn checksum(name: &str, stamp: &Stamp, summary: &Summary) -> u64 {
    let json = serde_json::to_vec(&(name, stamp, summary)).expect("json serializes");
    json.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Where each entry of a readable index is, by file name: its line's byte offset and the
/// stamp of the file it was made from (a later line for a name wins). Empty when there is no
/// index or it is another version. Only names and stamps are kept, not summaries, so this
/// stays small however long history is; `Index::summary` reads one entry when it is needed.
pub struct Index {
    reader: Option<BufReader<fs::File>>,
    /// Where `reader` is: entries are usually read in file order, and a seek would drop the
    /// buffer, so it seeks only to jump.
    at: u64,
    pub entries: HashMap<String, (u64, Stamp)>,
}

#[derive(Deserialize)]
struct Located {
    name: String,
    stamp: Stamp,
}

impl Index {
    pub fn open(path: &Path) -> Index {
        let mut index = Index {
            reader: None,
            at: 0,
            entries: HashMap::new(),
        };
        let Ok(file) = super::safety::open_in_home(path, fs::OpenOptions::new().read(true)) else {
            return index;
        };
        // Line by line through a buffer: the file (5 KB an attempt) is never in memory at once.
        let mut reader = BufReader::with_capacity(64 * 1024, file);
        let mut line = String::new();
        let mut offset = 0u64;
        let mut next = |reader: &mut BufReader<fs::File>, line: &mut String| {
            line.clear();
            let n = reader.read_line(line).ok().filter(|n| *n > 0)?;
            offset += n as u64;
            Some(offset - n as u64)
        };
        let current = next(&mut reader, &mut line)
            .and_then(|_| serde_json::from_str::<Header>(&line).ok())
            .is_some_and(|h| h.index_version == VERSION);
        if !current {
            return index;
        }
        while let Some(at) = next(&mut reader, &mut line) {
            // Damaged lines are skipped here; an edited one fails its checksum in `summary`.
            if let Ok(e) = serde_json::from_str::<Located>(&line) {
                index.entries.insert(e.name, (at, e.stamp));
            }
        }
        index.reader = Some(reader);
        index.at = offset;
        index
    }

    /// The summary `name`'s entry holds, if the entry was made from a file with this `stamp`
    /// and is intact (its checksum matches).
    pub fn summary(&mut self, name: &str, stamp: Option<Stamp>) -> Option<Summary> {
        let (at, was) = *self.entries.get(name)?;
        if Some(was) != stamp {
            return None;
        }
        let reader = self.reader.as_mut()?;
        if self.at != at {
            self.at = reader.seek(SeekFrom::Start(at)).ok()?;
        }
        let mut line = String::new();
        self.at += reader.read_line(&mut line).ok()? as u64;
        let e = serde_json::from_str::<Entry>(&line).ok()?;
        (e.name == name && e.sum == checksum(&e.name, &e.stamp, &e.summary)).then_some(e.summary)
    }
}

/// A new index, written entry by entry into a temporary file beside `path` and put in its
/// place by `finish` (fsync'd, renamed): never more than one entry in memory.
pub struct Writer {
    out: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl Writer {
    pub fn create(path: &Path) -> std::io::Result<Writer> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new().prefix(".saving-").tempfile_in(dir)?;
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, tmp);
        serde_json::to_writer(
            &mut out,
            &Header {
                index_version: VERSION,
            },
        )?;
        out.write_all(b"\n")?;
        Ok(Writer { out })
    }

    pub fn push(&mut self, name: &str, stamp: Stamp, summary: &Summary) -> std::io::Result<()> {
        let sum = checksum(name, &stamp, summary);
        let entry = EntryRef {
            name,
            stamp,
            summary,
            sum,
        };
        serde_json::to_writer(&mut self.out, &entry)?;
        self.out.write_all(b"\n")
    }

    pub fn finish(self, path: &Path) -> std::io::Result<()> {
        let tmp = self.out.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::File::open(dir).and_then(|d| d.sync_all())
    }
}

#[derive(Serialize)]
struct EntryRef<'a> {
    name: &'a str,
    stamp: Stamp,
    summary: &'a Summary,
    sum: u64,
}

/// Add one entry at the end of an existing index (a cache: no fsync, and nothing happens
/// when there is no index yet, since the next start builds it from the files).
pub fn append(path: &Path, name: &str, stamp: Stamp, summary: &Summary) {
    let Ok(mut file) = super::safety::open_in_home(path, fs::OpenOptions::new().append(true)) else {
        return;
    };
    let sum = checksum(name, &stamp, summary);
    let entry = EntryRef {
        name,
        stamp,
        summary,
        sum,
    };
    let mut line = serde_json::to_vec(&entry).expect("json serializes");
    line.push(b'\n');
    let _ = file.write_all(&line);
}
