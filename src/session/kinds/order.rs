//! Order (sort, code ordering): the candidate arranges the lines; each position holding the
//! key's line (by text, so duplicate lines are interchangeable) earns 1/R.

use rand::Rng;
use rand::seq::SliceRandom;

use super::Edit;
use crate::session::item::{Answer, Item};

pub fn progress(item: &Item, answer: &Answer) -> (usize, usize) {
    let Answer::Order(arrangement) = answer else {
        return (0, 0);
    };
    let earned = arrangement
        .iter()
        .enumerate()
        .filter(|(pos, line)| {
            item.lines
                .get(**line)
                .is_some_and(|l| Some(l) == item.lines.get(*pos))
        })
        .count();
    (earned, item.lines.len())
}

/// The lines as they stand: the candidate's arrangement, else the shuffled one first shown.
pub fn arrangement(item: &Item, answer: Option<&Answer>) -> Vec<usize> {
    match answer {
        Some(Answer::Order(a)) if a.len() == item.lines.len() => a.clone(),
        _ if item.start.len() == item.lines.len() => item.start.clone(),
        _ => (0..item.lines.len()).collect(),
    }
}

/// Moving the highlighted line swaps it with its neighbour; the cursor follows the line.
pub fn edit(item: &Item, current: Option<&Answer>, cursor: usize, edit: Edit) -> (Option<Answer>, usize) {
    if let Edit::Place { from, to } = edit {
        let lines = arrangement(item, current);
        if from >= lines.len() || to >= lines.len() {
            return (current.cloned(), cursor);
        }
        return (Some(Answer::Order(placed(&lines, from, to))), to);
    }
    let Edit::Move(delta) = edit else {
        return (current.cloned(), cursor);
    };
    let mut lines = arrangement(item, current);
    let target = cursor as isize + delta;
    if cursor >= lines.len() || target < 0 || target as usize >= lines.len() {
        return (current.cloned(), cursor);
    }
    lines.swap(cursor, target as usize);
    (Some(Answer::Order(lines)), target as usize)
}

/// `lines` with the one at `from` taken out and put back in at `to`.
pub fn placed(lines: &[usize], from: usize, to: usize) -> Vec<usize> {
    let mut out = lines.to_vec();
    let line = out.remove(from);
    out.insert(to.min(out.len()), line);
    out
}

/// A shuffled arrangement that never reads as the key (validation ensures the lines are not
/// all the same, so one exists).
pub fn shuffled(lines: &[String], rng: &mut impl Rng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    let reads_as_key = |o: &[usize]| o.iter().enumerate().all(|(pos, &l)| lines[l] == lines[pos]);
    for _ in 0..8 {
        order.shuffle(rng);
        if !reads_as_key(&order) {
            return order;
        }
    }
    // Rotating by one reads differently unless every line is the same.
    order = (0..lines.len()).collect();
    order.rotate_left(1);
    order
}
