//! The history index: `<home>/index.jsonl`, one line per attempt file holding its `Summary`.
//! A cache, never a source of truth: attempt files are written once and never changed, so an
//! entry stays valid while its file exists; a file the index lacks is read in full and added,
//! an entry whose file is gone is dropped, and a missing or damaged index is rebuilt. Start-up
//! reads one small file instead of parsing every attempt's item snapshots.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
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

/// The entries of a readable index by file name, with the stamp of the file each was made
/// from; empty when there is none or it is another version. Damaged or edited lines are
/// skipped (their files are simply read again).
pub fn read(path: &Path) -> HashMap<String, (Stamp, Summary)> {
    // Line by line through a buffer: the whole file (5 KB an attempt) is never in memory at
    // once beside what it parses into, which keeps start-up's peak memory flat with history.
    let Ok(file) = super::safety::open_in_home(path, fs::OpenOptions::new().read(true)) else {
        return HashMap::new();
    };
    let mut lines = BufReader::with_capacity(64 * 1024, file).lines();
    let current = lines
        .next()
        .and_then(Result::ok)
        .and_then(|l| serde_json::from_str::<Header>(&l).ok())
        .is_some_and(|h| h.index_version == VERSION);
    if !current {
        return HashMap::new();
    }
    lines
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<Entry>(&l).ok())
        .filter(|e| e.sum == checksum(&e.name, &e.stamp, &e.summary))
        .map(|e| (e.name, (e.stamp, e.summary)))
        .collect()
}

/// The whole index as text, entries in the order given.
pub fn render<'a>(entries: impl Iterator<Item = (&'a str, Stamp, &'a Summary)>) -> Vec<u8> {
    let mut out = serde_json::to_vec(&Header {
        index_version: VERSION,
    })
    .expect("json serializes");
    out.push(b'\n');
    for (name, stamp, summary) in entries {
        let sum = checksum(name, &stamp, summary);
        let entry = EntryRef {
            name,
            stamp,
            summary,
            sum,
        };
        serde_json::to_writer(&mut out, &entry).expect("json serializes");
        out.push(b'\n');
    }
    out
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
