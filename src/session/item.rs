//! An item as shown to the candidate: options in displayed order. Sessions and attempts hold
//! these snapshots, so an old attempt stays reviewable after the bank changes.

use std::collections::BTreeSet;

use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::kinds::{order, tokens};
use crate::bank::{Card, Choice, Gap, ItemFile, Kind, Lang, PoolEntry, Question};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    /// The section (or drill topic) the item was drawn from.
    pub section: String,
    /// The syllabus objective. Attempts saved before objectives existed lack it: their items
    /// are mapped by id through the current bank (`insight::events`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Files beside the program, listed above it under their names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<ItemFile>,
    #[serde(default, skip_serializing_if = "Lang::is_python")]
    pub lang: Lang,
    #[serde(default)]
    pub kind: Kind,
    /// Options in the order they were shown, each with its key and `why`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// `order`: the lines in key order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    /// `order`: the arrangement first shown (indices into `lines`), never the key's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub start: Vec<usize>,
    /// `slots`: the pool in the order shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pool: Vec<PoolEntry>,
    /// `slots`: the key text of each slot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slots: Vec<String>,
    /// `gap`: the accepted answers of each gap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<Gap>,
    /// `tokens`: the line's tiles in key order (`start` then holds the first arrangement of
    /// tiles and decoys: index `i < tiles.len()` is tile `i`, the rest decoy `i - tiles.len()`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiles: Vec<String>,
    /// `tokens`: the decoy tiles, each with its why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decoys: Vec<PoolEntry>,
    /// `match`: the bins, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bins: Vec<String>,
    /// `match`: the cards in the order shown, each with its bin.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<Card>,
    pub explanation: String,
}

/// A candidate's answer. One variant per item kind; serialized with the kind's name as its
/// tag (`{"choice": [1]}`, `{"slots": [0, null]}`), so journals and attempts describe themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Indices into the item's displayed options.
    Choice(BTreeSet<usize>),
    /// The text typed in each gap.
    Gap(Vec<String>),
    /// The pool entry (displayed index) in each slot.
    Slots(Vec<Option<usize>>),
    /// The lines as arranged: indices into the item's `lines` (key order).
    Order(Vec<usize>),
    /// The tiles as arranged, decoys included: the first `tiles.len()` make the line.
    Tokens(Vec<usize>),
    /// The bin (index into `bins`) each card (displayed index) was put in.
    Match(Vec<Option<usize>>),
}

impl Item {
    /// Snapshot a question, shuffling its options unless the author said not to.
    pub fn from_question(q: &Question, rng: &mut impl Rng) -> Item {
        let mut options = q.choices.clone();
        let mut pool = q.pool.clone();
        let mut cards = q.cards.clone();
        if q.shuffle {
            options.shuffle(rng);
            pool.shuffle(rng);
            cards.shuffle(rng);
        }
        let start = match q.kind {
            Kind::Order => order::shuffled(&q.lines, rng),
            Kind::Tokens => tokens::shuffled(&q.tiles, &q.decoys, rng),
            _ => Vec::new(),
        };
        Item {
            id: q.id.clone(),
            section: q.topic.clone(),
            objective: q.objective.clone(),
            prompt: q.prompt.clone(),
            code: q.code.clone(),
            files: q.files.clone(),
            lang: q.lang,
            kind: q.kind,
            options,
            lines: q.lines.clone(),
            start,
            pool,
            slots: q.slots.clone(),
            gaps: q.gaps.clone(),
            tiles: q.tiles.clone(),
            decoys: q.decoys.clone(),
            bins: q.bins.clone(),
            cards,
            explanation: q.explanation.clone(),
        }
    }

    pub fn keyed(&self) -> BTreeSet<usize> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| i)
            .collect()
    }

    /// How many options the candidate must select.
    pub fn select_count(&self) -> usize {
        self.options.iter().filter(|o| o.correct).count()
    }

    pub fn is_multiple(&self) -> bool {
        self.select_count() > 1
    }

    /// Whether picking `option` would select more options than the item asks for: "Select 3"
    /// takes at most 3, as on the real exam (one must be unselected first).
    pub fn is_full(&self, current: Option<&Answer>, option: usize) -> bool {
        super::kinds::choice::is_full(self, current, option)
    }

    /// The answer after the candidate picks `option` (see `kinds::choice::choose`).
    pub fn choose(&self, current: Option<&Answer>, option: usize) -> Option<Answer> {
        super::kinds::choice::choose(self, current, option)
    }
}

impl Answer {
    /// The options chosen; empty for the other kinds.
    pub fn chosen(&self) -> &BTreeSet<usize> {
        static NONE: BTreeSet<usize> = BTreeSet::new();
        match self {
            Answer::Choice(c) => c,
            _ => &NONE,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn item(id: &str, section: &str, keyed: &[usize], n: usize) -> Item {
        Item {
            id: id.into(),
            section: section.into(),
            objective: None,
            prompt: format!("prompt of {id}"),
            code: None,
            files: Vec::new(),
            lang: Lang::Python,
            kind: Kind::Choice,
            options: (0..n)
                .map(|i| Choice {
                    text: format!("option {i}"),
                    correct: keyed.contains(&i),
                    why: None,
                })
                .collect(),
            lines: Vec::new(),
            start: Vec::new(),
            pool: Vec::new(),
            slots: Vec::new(),
            gaps: Vec::new(),
            tiles: Vec::new(),
            decoys: Vec::new(),
            bins: Vec::new(),
            cards: Vec::new(),
            explanation: "because".into(),
        }
    }

    fn set(v: &[usize]) -> Option<Answer> {
        Some(Answer::Choice(v.iter().copied().collect()))
    }

    #[test]
    fn files_are_kept_in_the_snapshot_and_old_snapshots_have_none() {
        let it = Item {
            files: vec![ItemFile {
                name: "pkg/__init__.py".into(),
                code: String::new(),
            }],
            ..item("a", "s", &[0], 2)
        };
        let json = serde_json::to_string(&it).unwrap();
        assert_eq!(serde_json::from_str::<Item>(&json).unwrap(), it);
        let old = serde_json::to_string(&item("a", "s", &[0], 2)).unwrap();
        assert!(!old.contains("files"), "an item without files writes none: {old}");
        assert!(serde_json::from_str::<Item>(&old).unwrap().files.is_empty());
    }

    #[test]
    fn single_select_replaces_and_choosing_again_keeps_it() {
        let it = item("a", "s", &[1], 4);
        assert_eq!(it.choose(None, 2), set(&[2]));
        assert_eq!(it.choose(set(&[2]).as_ref(), 1), set(&[1]));
        assert_eq!(it.choose(set(&[1]).as_ref(), 1), set(&[1]));
        assert_eq!(it.choose(None, 9), None);
    }

    #[test]
    fn select_n_takes_at_most_n() {
        let it = item("a", "s", &[0, 2], 4);
        let full = set(&[0, 1]);
        assert!(it.is_full(full.as_ref(), 3));
        assert_eq!(it.choose(full.as_ref(), 3), full, "a third choice is refused");
        assert!(!it.is_full(full.as_ref(), 1), "unselecting is always possible");
        assert_eq!(it.choose(full.as_ref(), 1), set(&[0]));
    }

    #[test]
    fn multiple_select_toggles() {
        let it = item("a", "s", &[0, 2], 4);
        let a = it.choose(None, 0);
        let b = it.choose(a.as_ref(), 2);
        assert_eq!(b, set(&[0, 2]));
        assert!(it.is_correct(b.as_ref()));
        assert_eq!(it.choose(b.as_ref(), 0), set(&[2]));
    }

    #[test]
    fn select_n_earns_one_nth_per_keyed_option_and_nothing_past_n() {
        let it = item("a", "s", &[0, 2], 4);
        let cases: &[(&[usize], f64, bool, bool)] = &[
            (&[0], 0.5, false, false),
            (&[0, 1], 0.5, false, true),
            (&[0, 2], 1.0, true, true),
            (&[1, 3], 0.0, false, true),
            (&[0, 1, 2], 0.0, false, true),
            (&[0, 1, 2, 3], 0.0, false, true),
        ];
        for (chosen, credit, right, complete) in cases {
            let a = set(chosen);
            assert_eq!(it.credit(a.as_ref()), *credit, "{chosen:?}");
            assert_eq!(it.is_correct(a.as_ref()), *right, "{chosen:?}");
            assert_eq!(it.is_complete(a.as_ref()), *complete, "{chosen:?}");
        }
        assert!(!it.is_correct(None));
        assert_eq!(it.credit(None), 0.0);
    }
}
