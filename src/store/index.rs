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

/// 2: item results carry `unsure` and `secs` (older indexes rebuild from the attempt files).
pub const VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Header {
    index_version: u32,
}

#[derive(Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    pub summary: Summary,
}

/// The entries of a readable index by file name; empty when there is none or it is another
/// version. Damaged lines are skipped (their files are simply read again).
pub fn read(path: &Path) -> HashMap<String, Summary> {
    // Line by line through a buffer: the whole file (5 KB an attempt) is never in memory at
    // once beside what it parses into, which keeps start-up's peak memory flat with history.
    let Ok(file) = fs::File::open(path) else {
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
        .map(|e| (e.name, e.summary))
        .collect()
}

/// The whole index as text, entries in the order given.
pub fn render<'a>(entries: impl Iterator<Item = (&'a str, &'a Summary)>) -> Vec<u8> {
    let mut out = serde_json::to_vec(&Header {
        index_version: VERSION,
    })
    .expect("json serializes");
    out.push(b'\n');
    for (name, summary) in entries {
        let entry = EntryRef { name, summary };
        serde_json::to_writer(&mut out, &entry).expect("json serializes");
        out.push(b'\n');
    }
    out
}

#[derive(Serialize)]
struct EntryRef<'a> {
    name: &'a str,
    summary: &'a Summary,
}

/// Add one entry at the end of an existing index (a cache: no fsync, and nothing happens
/// when there is no index yet, since the next start builds it from the files).
pub fn append(path: &Path, name: &str, summary: &Summary) {
    let Ok(mut file) = fs::OpenOptions::new().append(true).open(path) else {
        return;
    };
    let mut line = serde_json::to_vec(&EntryRef { name, summary }).expect("json serializes");
    line.push(b'\n');
    let _ = file.write_all(&line);
}
