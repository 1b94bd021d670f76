//! Each item kind in one place: its answer, how the candidate builds it, how it scores.
//! An item is worth 1 credit split evenly over its responses (DESIGN.md, "Score"): the options
//! of a "Select N" item, the gaps, the slots, the positions of an order item.

pub mod choice;
pub mod gap;
pub mod matching;
pub mod order;
pub mod slots;
pub mod tokens;

use super::item::{Answer, Item};
use crate::bank::Kind;

/// One change the candidate makes to an answer, at the highlighted target (option, gap, slot
/// or line: the session's cursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Option N of a choice item; pool entry N into the highlighted slot.
    Choose(usize),
    /// Move the highlighted line of an order item up (-1) or down (+1).
    Move(isize),
    /// Pick and place: take the order line at `from` out and put it in at `to`; the lines in
    /// between move up or down by one, as the exam's drag and drop does.
    Place { from: usize, to: usize },
    /// Type a character into the highlighted gap.
    Type(char),
    /// Delete the last character of the highlighted gap.
    Backspace,
    /// Empty the highlighted gap or slot.
    Clear,
}

/// How far an answer goes: responses right, responses given, responses in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub earned: usize,
    pub given: usize,
    pub responses: usize,
}

impl Progress {
    /// This item's credit, 0..=1.
    pub fn credit(self) -> f64 {
        if self.responses == 0 {
            0.0
        } else {
            self.earned as f64 / self.responses as f64
        }
    }
}

impl Item {
    pub fn progress(&self, answer: Option<&Answer>) -> Progress {
        let (earned, given) = match answer {
            None => (0, 0),
            Some(a) => match self.kind {
                Kind::Choice => choice::progress(self, a),
                Kind::Gap => gap::progress(self, a),
                Kind::Slots => slots::progress(self, a),
                Kind::Order => order::progress(self, a),
                Kind::Tokens => tokens::progress(self, a),
                Kind::Match => matching::progress(self, a),
            },
        };
        Progress {
            earned,
            given,
            responses: self.responses(),
        }
    }

    /// How many responses the item asks for.
    pub fn responses(&self) -> usize {
        match self.kind {
            Kind::Choice => self.select_count().max(1),
            Kind::Gap => self.gaps.len(),
            Kind::Slots => self.slots.len(),
            Kind::Order => self.lines.len(),
            Kind::Tokens => self.tiles.len(),
            Kind::Match => self.cards.len(),
        }
    }

    /// The targets the cursor moves over: options, gaps, slots, lines, tiles or cards.
    pub fn targets(&self) -> usize {
        match self.kind {
            Kind::Choice => self.options.len(),
            Kind::Gap => self.gaps.len(),
            Kind::Slots => self.slots.len(),
            Kind::Order => self.lines.len(),
            Kind::Tokens => tokens::count(self),
            Kind::Match => self.cards.len(),
        }
    }

    /// Apply `edit` at `cursor`: the new answer (`None` when nothing is left of it) and where
    /// the cursor goes.
    pub fn edit(&self, current: Option<&Answer>, cursor: usize, edit: Edit) -> (Option<Answer>, usize) {
        match self.kind {
            Kind::Choice => match edit {
                Edit::Choose(i) => (
                    choice::choose(self, current, i),
                    if i < self.options.len() { i } else { cursor },
                ),
                _ => (current.cloned(), cursor),
            },
            Kind::Gap => (gap::edit(self, current, cursor, edit), cursor),
            Kind::Slots => slots::edit(self, current, cursor, edit),
            Kind::Order => order::edit(self, current, cursor, edit),
            Kind::Tokens => tokens::edit(self, current, cursor, edit),
            Kind::Match => matching::edit(self, current, cursor, edit),
        }
    }

    /// Right in every response.
    pub fn is_correct(&self, answer: Option<&Answer>) -> bool {
        let p = self.progress(answer);
        p.responses > 0 && p.earned == p.responses
    }

    /// Every response given ("partly answered" items are not).
    pub fn is_complete(&self, answer: Option<&Answer>) -> bool {
        let p = self.progress(answer);
        p.responses > 0 && p.given == p.responses
    }

    /// Whether `answer` is of this item's kind and within its options, gaps, slots or lines
    /// (an answer read from a file is checked before it is scored).
    pub fn fits(&self, answer: &Answer) -> bool {
        match (self.kind, answer) {
            (Kind::Choice, Answer::Choice(c)) => c.iter().all(|&i| i < self.options.len()),
            (Kind::Gap, Answer::Gap(t)) => t.len() == self.gaps.len(),
            (Kind::Slots, Answer::Slots(f)) => {
                f.len() == self.slots.len() && f.iter().flatten().all(|&e| e < self.pool.len())
            }
            (Kind::Order, Answer::Order(a)) => {
                let mut sorted = a.clone();
                sorted.sort_unstable();
                sorted == (0..self.lines.len()).collect::<Vec<_>>()
            }
            (Kind::Tokens, Answer::Tokens(a)) => {
                let mut sorted = a.clone();
                sorted.sort_unstable();
                sorted == (0..tokens::count(self)).collect::<Vec<_>>()
            }
            (Kind::Match, Answer::Match(p)) => {
                p.len() == self.cards.len() && p.iter().flatten().all(|&b| b < self.bins.len())
            }
            _ => false,
        }
    }

    pub fn credit(&self, answer: Option<&Answer>) -> f64 {
        self.progress(answer).credit()
    }
}

#[cfg(test)]
pub(crate) mod tests;
