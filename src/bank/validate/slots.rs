//! Rules for slots items (drag & drop, code insertion): one pool, numbered slots.

use super::MAX_CHOICES;
use crate::bank::model::PoolEntry;
use crate::bank::schema::RawPoolEntry;

pub fn check(
    raw_pool: Vec<RawPoolEntry>,
    slots: Vec<String>,
    code: Option<&str>,
    imported: bool,
    id: &str,
    problem: &mut impl FnMut(String),
) -> (Vec<PoolEntry>, Vec<String>) {
    let pool: Vec<PoolEntry> = raw_pool.into_iter().map(PoolEntry::from).collect();
    if slots.is_empty() {
        problem(format!(
            "question '{id}' (kind: slots) has no `slots` (the pool entry for each slot)"
        ));
    }
    // A matching question of another tool may have no distractor: such an import is still a
    // fair item (the last pair is found by elimination, as in Moodle).
    if pool.len() < slots.len() || (pool.len() == slots.len() && !imported) {
        problem(format!(
            "question '{id}' has {} pool entries for {} slot(s); the pool needs at least one distractor",
            pool.len(),
            slots.len()
        ));
    }
    if pool.len() > MAX_CHOICES {
        problem(format!(
            "question '{id}' has {} pool entries; at most {MAX_CHOICES} fit the keys 1-9",
            pool.len()
        ));
    }
    for (i, entry) in pool.iter().enumerate() {
        if entry.text.trim().is_empty() {
            problem(format!("question '{id}' pool entry {} is empty", i + 1));
        } else if pool[..i].iter().any(|e| e.text == entry.text) {
            problem(format!(
                "question '{id}' has the pool entry '{}' twice",
                entry.text
            ));
        }
    }
    for (i, key) in slots.iter().enumerate() {
        if !pool.iter().any(|e| e.text == *key) {
            problem(format!(
                "question '{id}' slot {} expects '{key}', which is not in the pool",
                i + 1
            ));
        } else if let Some(first) = slots[..i].iter().position(|k| k == key) {
            problem(format!(
                "question '{id}' slots {} and {} both expect '{key}'; each pool entry fills one slot",
                first + 1,
                i + 1
            ));
        }
    }
    super::markers::check(code, slots.len(), "slot", id, problem);
    (pool, slots)
}
