//! Step-by-step runs of bank items, recorded once by `scripts/trace.py` and embedded like the
//! banks (docs/authoring.md, "Traces"). The app never runs bank code: it replays these.
//!
//! A trace belongs to an item id *and* the code it was made from (a hash of it), so a review of
//! an old attempt whose code has since changed shows no trace rather than a wrong one.

mod export;
mod replay;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use export::{TraceInput, export, traced_code};

use crate::bank::ItemFile;
pub use replay::{Frame, Kind, State, Trace, Var};

// `TRACES`: (exam, text) for every question-banks/traces/<exam>.json, embedded by build.rs.
include!(concat!(env!("OUT_DIR"), "/embedded_traces.rs"));

/// FNV-1a over the code's bytes, as 16 hex digits: the file's `"h"` for an item.
pub fn code_hash(code: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in code.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The hash a trace is filed under: of the code alone, or, for an item with `files`, of the code
/// and every file's name and text (so a change to a file makes the trace stale too).
pub fn run_hash(code: &str, files: &[ItemFile]) -> String {
    if files.is_empty() {
        return code_hash(code);
    }
    let mut all = code.to_string();
    for f in files {
        all.push_str(&format!("\0{}\0{}", f.name, f.code));
    }
    code_hash(&all)
}

/// One item's entry in a trace file: its code hash and its JSON text, not yet parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub hash: &'a str,
    pub json: &'a str,
    /// False for an item the tracer could not record (the entry says why instead).
    pub traced: bool,
}

/// The entries of one trace file, found line by line without parsing the JSON: the writer puts
/// each item on its own line as `"<id>":{"h":"<hash>",...}`.
pub fn entries(text: &str) -> impl Iterator<Item = Entry<'_>> {
    text.lines().filter_map(|line| {
        let rest = line.strip_prefix('"')?;
        let (id, json) = rest.split_once("\":")?;
        let json = json.strip_suffix(',').unwrap_or(json);
        let after = json.strip_prefix("{\"h\":\"")?;
        let hash = after.split('"').next()?;
        let traced = !after[hash.len() + 1..].starts_with(",\"why\":");
        Some(Entry {
            id,
            hash,
            json,
            traced,
        })
    })
}

/// The Python that made a trace file (its `"python"` field), e.g. "3.11.7".
pub fn python_of(text: &str) -> Option<&str> {
    text.split_once("\"python\":\"")?.1.split('"').next()
}

fn index() -> &'static HashMap<&'static str, Entry<'static>> {
    static INDEX: OnceLock<HashMap<&'static str, Entry<'static>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        TRACES
            .iter()
            .flat_map(|(_, text)| entries(text))
            .filter(|e| e.traced)
            .map(|e| (e.id, e))
            .collect()
    })
}

/// Whether the embedded traces hold a run of this item's `code` beside its `files` (cheap: no
/// JSON is parsed).
pub fn has_trace(id: &str, code: &str, files: &[ItemFile]) -> bool {
    index().get(id).is_some_and(|e| e.hash == run_hash(code, files))
}

/// The recorded run of this item's `code` beside its `files`, parsed now (the step view opens
/// it).
pub fn find(id: &str, code: &str, files: &[ItemFile]) -> Option<Trace> {
    let entry = index().get(id).filter(|e| e.hash == run_hash(code, files))?;
    Trace::parse(entry.json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fnv1a_64() {
        assert_eq!(code_hash(""), "cbf29ce484222325");
        assert_eq!(code_hash("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn files_change_the_hash_and_none_keep_the_codes() {
        let file = |name: &str, code: &str| ItemFile {
            name: name.into(),
            code: code.into(),
        };
        assert_eq!(run_hash("a", &[]), code_hash("a"));
        let one = run_hash("a", &[file("m.py", "x = 1")]);
        assert_ne!(one, code_hash("a"));
        assert_ne!(one, run_hash("a", &[file("m.py", "x = 2")]));
        assert_ne!(one, run_hash("a", &[file("n.py", "x = 1")]));
    }

    #[test]
    fn entries_are_found_per_line() {
        let text = "{\"python\":\"3.11.7\",\"format\":1,\"items\":{\n\"a-1\":{\"h\":\"00ff\",\"n\":1,\"s\":[]},\n\"b-2\":{\"h\":\"0aaa\",\"n\":1,\"s\":[]},\n\"c-3\":{\"h\":\"0bbb\",\"why\":\"timed out\"}\n}}\n";
        let found: Vec<_> = entries(text).collect();
        assert_eq!(found.len(), 3);
        assert!(found[0].traced && found[1].traced && !found[2].traced);
        assert_eq!(found[0].id, "a-1");
        assert_eq!(found[0].hash, "00ff");
        assert_eq!(found[0].json, "{\"h\":\"00ff\",\"n\":1,\"s\":[]}");
        assert_eq!(found[1].json, "{\"h\":\"0aaa\",\"n\":1,\"s\":[]}");
        assert_eq!(python_of(text), Some("3.11.7"));
    }

    #[test]
    fn every_embedded_trace_parses() {
        for (exam, text) in TRACES {
            for e in entries(text).filter(|e| e.traced) {
                let trace = Trace::parse(e.json).unwrap_or_else(|err| panic!("{exam} {}: {err}", e.id));
                assert!(!trace.states.is_empty(), "{}", e.id);
            }
        }
    }
}
