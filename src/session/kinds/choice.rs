//! Single and multiple select. A "Select N" item is N responses: each keyed option chosen earns
//! 1/N, and choosing more than N earns nothing, so choosing everything cannot pay.

use std::collections::BTreeSet;

use crate::session::item::{Answer, Item};

pub fn progress(item: &Item, answer: &Answer) -> (usize, usize) {
    let Answer::Choice(chosen) = answer else {
        return (0, 0);
    };
    let n = item.select_count().max(1);
    let keyed = chosen
        .iter()
        .filter(|&&i| item.options.get(i).is_some_and(|o| o.correct))
        .count();
    let earned = if chosen.len() > n { 0 } else { keyed };
    (earned, chosen.len().min(n))
}

/// Whether picking `option` would select more options than the item asks for: "Select 3"
/// takes at most 3, as on the real exam (one must be unselected first).
pub fn is_full(item: &Item, current: Option<&Answer>, option: usize) -> bool {
    let chosen = match current {
        Some(Answer::Choice(c)) => c,
        _ => return false,
    };
    item.is_multiple()
        && option < item.options.len()
        && chosen.len() >= item.select_count()
        && !chosen.contains(&option)
}

/// The answer after the candidate picks `option`: single select replaces (picking the chosen
/// option again keeps it: one extra press never clears an answer), multiple toggles up to the
/// select count.
pub fn choose(item: &Item, current: Option<&Answer>, option: usize) -> Option<Answer> {
    if option >= item.options.len() || is_full(item, current, option) {
        return current.cloned();
    }
    let mut chosen = match current {
        Some(Answer::Choice(c)) => c.clone(),
        _ => BTreeSet::new(),
    };
    if item.is_multiple() {
        if !chosen.remove(&option) {
            chosen.insert(option);
        }
    } else {
        chosen = BTreeSet::from([option]);
    }
    (!chosen.is_empty()).then_some(Answer::Choice(chosen))
}
