//! Slots (drag & drop, code insertion): each slot takes one pool entry, each entry fills at most
//! one slot; a slot is right when its entry's text is the key's.

use super::Edit;
use crate::session::item::{Answer, Item};

pub fn progress(item: &Item, answer: &Answer) -> (usize, usize) {
    let Answer::Slots(filled) = answer else {
        return (0, 0);
    };
    let mut earned = 0;
    let mut given = 0;
    for (key, entry) in item.slots.iter().zip(filled) {
        if let Some(entry) = entry.and_then(|e| item.pool.get(e)) {
            given += 1;
            if entry.text == *key {
                earned += 1;
            }
        }
    }
    (earned, given)
}

/// The pool entry (displayed index) in each slot.
pub fn filled(item: &Item, answer: Option<&Answer>) -> Vec<Option<usize>> {
    match answer {
        Some(Answer::Slots(f)) => {
            let mut f = f.clone();
            f.resize(item.slots.len(), None);
            f
        }
        _ => vec![None; item.slots.len()],
    }
}

/// Choosing an entry fills the highlighted slot (taking it out of any other slot) and moves on
/// to the next slot; choosing the entry the slot already holds empties it.
pub fn edit(item: &Item, current: Option<&Answer>, cursor: usize, edit: Edit) -> (Option<Answer>, usize) {
    let mut filled = filled(item, current);
    if cursor >= filled.len() {
        return (current.cloned(), cursor);
    }
    let mut next = cursor;
    match edit {
        Edit::Choose(entry) if entry < item.pool.len() => {
            if filled[cursor] == Some(entry) {
                filled[cursor] = None;
            } else {
                for slot in filled.iter_mut() {
                    if *slot == Some(entry) {
                        *slot = None;
                    }
                }
                filled[cursor] = Some(entry);
                next = (cursor + 1).min(filled.len() - 1);
            }
        }
        Edit::Clear | Edit::Backspace => filled[cursor] = None,
        _ => return (current.cloned(), cursor),
    }
    let answer = filled
        .iter()
        .any(Option::is_some)
        .then_some(Answer::Slots(filled));
    (answer, next)
}
