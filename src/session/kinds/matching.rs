//! Match (classify cards into named bins): each card dropped in its key's bin earns 1/R, R the
//! cards. Choosing a bin puts the highlighted card in it and moves on to the next card;
//! choosing the bin a card is in takes it out again.

use super::Edit;
use crate::session::item::{Answer, Item};

pub fn progress(item: &Item, answer: &Answer) -> (usize, usize) {
    let Answer::Match(placed) = answer else {
        return (0, 0);
    };
    let mut earned = 0;
    let mut given = 0;
    for (card, bin) in item.cards.iter().zip(placed) {
        if let Some(bin) = bin.and_then(|b| item.bins.get(b)) {
            given += 1;
            if *bin == card.bin {
                earned += 1;
            }
        }
    }
    (earned, given)
}

/// The bin each card is in, `None` while it is not placed.
pub fn placed(item: &Item, answer: Option<&Answer>) -> Vec<Option<usize>> {
    match answer {
        Some(Answer::Match(p)) => {
            let mut p = p.clone();
            p.resize(item.cards.len(), None);
            p
        }
        _ => vec![None; item.cards.len()],
    }
}

/// The key's bin of card `card`.
pub fn key_bin(item: &Item, card: usize) -> Option<usize> {
    let bin = &item.cards.get(card)?.bin;
    item.bins.iter().position(|b| b == bin)
}

pub fn edit(item: &Item, current: Option<&Answer>, cursor: usize, edit: Edit) -> (Option<Answer>, usize) {
    let mut placed = placed(item, current);
    if cursor >= placed.len() {
        return (current.cloned(), cursor);
    }
    let mut next = cursor;
    match edit {
        Edit::Choose(bin) if bin < item.bins.len() => {
            if placed[cursor] == Some(bin) {
                placed[cursor] = None;
            } else {
                placed[cursor] = Some(bin);
                next = (cursor + 1).min(placed.len() - 1);
            }
        }
        Edit::Clear | Edit::Backspace => placed[cursor] = None,
        _ => return (current.cloned(), cursor),
    }
    let answer = placed
        .iter()
        .any(Option::is_some)
        .then_some(Answer::Match(placed));
    (answer, next)
}
