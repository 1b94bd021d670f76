//! The journal of the exam in progress, append-only: one line holding the whole session (the
//! snapshot), then one short line per change (an answer, a flag, a move, the clock). A change
//! costs one small `write` and one `fdatasync` instead of rewriting 25 KB and renaming it.
//!
//! A record is the difference between the session as last written and as it is now, taken
//! generically over its JSON (every field but `items`, which never change): a new field of
//! `Session` is journaled without touching this file. A `kill -9` in the middle of a write
//! leaves a torn last line, which replay ignores: at most the keystroke in flight is lost.
//! The snapshot is rewritten (atomically) when the log grows past `COMPACT_AFTER` records.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::session::{SavedDrill, Session};

/// What can be journaled: the exam in progress and the drill (or study session) in progress.
/// Its JSON is an object whose `items` never change; `identity` tells one run from another
/// (a new run starts a new file); `is_resumable` checks a replayed state before it is used.
pub trait Journaled: Serialize + DeserializeOwned {
    fn identity(&self) -> String;
    fn is_resumable(&self) -> bool;
}

impl Journaled for Session {
    fn identity(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.exam,
            self.seed,
            self.started_at.to_rfc3339(),
            self.items.len()
        )
    }

    fn is_resumable(&self) -> bool {
        self.is_consistent()
    }
}

impl Journaled for SavedDrill {
    fn identity(&self) -> String {
        let d = &self.drill;
        format!(
            "{}|{}|{}|{}",
            d.exam,
            d.mode.name(),
            d.started_at.to_rfc3339(),
            d.items.len()
        )
    }

    fn is_resumable(&self) -> bool {
        self.drill.is_consistent()
    }
}

pub const VERSION: u32 = 2;
/// Records after which the next save rewrites the snapshot instead of appending.
pub const COMPACT_AFTER: usize = 400;

#[derive(Serialize)]
struct HeaderOut<'a, T> {
    version: u32,
    session: &'a T,
}

#[derive(Deserialize)]
struct HeaderIn {
    version: u32,
    session: Value,
}

/// What was last written: the session's JSON without its items, and who it belongs to.
#[derive(Debug, Clone)]
pub struct Written {
    identity: String,
    state: Map<String, Value>,
    pub records: usize,
}

/// The session's fields as JSON, without `items`.
fn state_of<T: Journaled>(session: &T) -> Map<String, Value> {
    let mut map = match serde_json::to_value(session).expect("sessions serialize") {
        Value::Object(m) => m,
        _ => unreachable!("a session serializes to an object"),
    };
    map.remove("items");
    map
}

/// The first line of a fresh journal file, and what it records as written.
pub fn snapshot<T: Journaled>(session: &T) -> (Vec<u8>, Written) {
    let mut line = serde_json::to_vec(&HeaderOut {
        version: VERSION,
        session,
    })
    .expect("sessions serialize");
    line.push(b'\n');
    let written = Written {
        identity: session.identity(),
        state: state_of(session),
        records: 0,
    };
    (line, written)
}

/// The line to append so that replay gives `session`; `None` when nothing changed. `None` for
/// `written` too when the session is another exam than the one written (start a new file).
pub fn record<T: Journaled>(written: &mut Written, session: &T) -> Option<Option<Vec<u8>>> {
    if written.identity != session.identity() {
        return None;
    }
    let now = state_of(session);
    let mut delta = Map::new();
    for (key, value) in &now {
        let before = written.state.get(key);
        if before == Some(value) {
            continue;
        }
        // Arrays (answers, flags, ...) of the same length change element by element.
        match (before, value) {
            (Some(Value::Array(old)), Value::Array(new)) if old.len() == new.len() => {
                let changed: Map<String, Value> = old
                    .iter()
                    .zip(new)
                    .enumerate()
                    .filter(|(_, (o, n))| o != n)
                    .map(|(i, (_, n))| (i.to_string(), n.clone()))
                    .collect();
                delta.insert(key.clone(), Value::Object(changed_at(changed)));
            }
            _ => {
                delta.insert(key.clone(), Value::Object(set(value.clone())));
            }
        }
    }
    if delta.is_empty() {
        return Some(None);
    }
    written.state = now;
    written.records += 1;
    let mut line = serde_json::to_vec(&Value::Object(delta)).expect("json serializes");
    line.push(b'\n');
    Some(Some(line))
}

fn changed_at(changed: Map<String, Value>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("at".into(), Value::Object(changed));
    m
}

fn set(value: Value) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("set".into(), value);
    m
}

#[derive(Debug, PartialEq)]
pub enum ReplayError {
    /// The first line's schema version is not one this build reads.
    Version(u32),
    Corrupt(String),
}

/// Rebuild the session from a journal file's bytes. Version 1 (the whole session, no records)
/// is the first line of version 2, so both load. A torn last line is a keystroke in flight.
/// A damaged record (a bad byte on disk, a record that does not apply) ends the replay: the
/// session is what the intact records before it give, and `Replayed::dropped` counts the
/// records from the damaged one on, so the user can be told what was lost.
pub fn replay<T: Journaled>(bytes: &[u8]) -> Result<Replayed<T>, ReplayError> {
    let mut lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    // Every record is written with its newline in one `write`: a last line without one was
    // cut short by a kill, and is dropped. (Version 1 files are one line with no newline.)
    if lines.len() > 1 {
        lines.pop();
    }
    let header: HeaderIn =
        serde_json::from_slice(lines[0]).map_err(|e| ReplayError::Corrupt(e.to_string()))?;
    if header.version != 1 && header.version != VERSION {
        return Err(ReplayError::Version(header.version));
    }
    let mut state = match header.session {
        Value::Object(m) => m,
        _ => return Err(ReplayError::Corrupt("the session is not an object".into())),
    };
    let items = state.remove("items").unwrap_or(Value::Null);
    let to_session = |state: &Map<String, Value>| -> Option<T> {
        let mut whole = state.clone();
        whole.insert("items".into(), items.clone());
        serde_json::from_value::<T>(Value::Object(whole))
            .ok()
            .filter(T::is_resumable)
    };
    // Apply records until one is damaged. Checking the session after every record would
    // deserialize it hundreds of times, so that is done only when the end result is unusable.
    let (mut records, mut dropped) = (0_usize, 0);
    let mut states = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(1) {
        let mut next = state.clone();
        let applied = match serde_json::from_slice(line) {
            Ok(Value::Object(delta)) => apply(&mut next, delta).is_ok(),
            _ => false,
        };
        if !applied {
            dropped = lines.len() - n;
            break;
        }
        states.push(std::mem::replace(&mut state, next));
        records += 1;
    }
    // A record that applied but left a session that cannot resume is damage too: step back
    // to the last state that resumes.
    while records > 0 && to_session(&state).is_none() {
        state = states.pop().expect("one state per record");
        records -= 1;
        dropped += 1;
    }
    state.insert("items".into(), items);
    let session: T =
        serde_json::from_value(Value::Object(state)).map_err(|e| ReplayError::Corrupt(e.to_string()))?;
    Ok(Replayed { session, dropped })
}

/// A journal read back: the session, and how many damaged records (and those after them)
/// were left out.
pub struct Replayed<T> {
    pub session: T,
    pub dropped: usize,
}

fn apply(state: &mut Map<String, Value>, delta: Map<String, Value>) -> Result<(), String> {
    for (key, change) in delta {
        let Value::Object(mut change) = change else {
            return Err(format!("field {key}: not a change"));
        };
        if let Some(value) = change.remove("set") {
            state.insert(key, value);
        } else if let Some(Value::Object(at)) = change.remove("at") {
            let Some(Value::Array(array)) = state.get_mut(&key) else {
                return Err(format!("field {key} is not a list"));
            };
            for (index, value) in at {
                let slot = index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| array.get_mut(i))
                    .ok_or_else(|| format!("{key}[{index}] is out of range"))?;
                *slot = value;
            }
        } else {
            return Err(format!("field {key}: not a change"));
        }
    }
    Ok(())
}
