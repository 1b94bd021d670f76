//! An item as shown to the candidate: options in displayed order. Sessions and attempts hold
//! these snapshots, so an old attempt stays reviewable after the bank changes.

use std::collections::BTreeSet;

use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::bank::{Choice, Kind, Lang, Question};

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
    #[serde(default, skip_serializing_if = "Lang::is_python")]
    pub lang: Lang,
    #[serde(default)]
    pub kind: Kind,
    /// Options in the order they were shown, each with its key and `why`.
    pub options: Vec<Choice>,
    pub explanation: String,
}

/// A candidate's answer. One variant per item kind, so new kinds slot in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Indices into the item's displayed options.
    Choice(BTreeSet<usize>),
}

impl Item {
    /// Snapshot a question, shuffling its options unless the author said not to.
    pub fn from_question(q: &Question, rng: &mut impl Rng) -> Item {
        let mut options = q.choices.clone();
        if q.shuffle {
            options.shuffle(rng);
        }
        Item {
            id: q.id.clone(),
            section: q.topic.clone(),
            objective: q.objective.clone(),
            prompt: q.prompt.clone(),
            code: q.code.clone(),
            lang: q.lang,
            kind: q.kind,
            options,
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

    /// Per-response credit, 0..=1: each keyed option chosen earns 1/N of a "Select N" item;
    /// choosing more than N options earns nothing, so choosing everything cannot pay.
    pub fn credit(&self, answer: Option<&Answer>) -> f64 {
        let Some(answer) = answer else {
            return 0.0;
        };
        let keyed = self.keyed();
        let chosen = answer.chosen();
        if keyed.is_empty() || chosen.len() > keyed.len() {
            return 0.0;
        }
        chosen.intersection(&keyed).count() as f64 / keyed.len() as f64
    }

    /// Right only when exactly the keyed set is chosen, as on the real exams.
    pub fn is_correct(&self, answer: Option<&Answer>) -> bool {
        match answer {
            Some(Answer::Choice(chosen)) => *chosen == self.keyed(),
            None => false,
        }
    }

    /// Whether picking `option` would select more options than the item asks for: "Select 3"
    /// takes at most 3, as on the real exam (one must be unselected first).
    pub fn is_full(&self, current: Option<&Answer>, option: usize) -> bool {
        let chosen = current.map_or(0, |a| a.chosen().len());
        self.is_multiple()
            && option < self.options.len()
            && chosen >= self.select_count()
            && !current.is_some_and(|a| a.chosen().contains(&option))
    }

    /// The answer after the candidate picks `option`: single select replaces (picking the chosen
    /// option again keeps it), multiple toggles up to the select count.
    pub fn choose(&self, current: Option<&Answer>, option: usize) -> Option<Answer> {
        if option >= self.options.len() || self.is_full(current, option) {
            return current.cloned();
        }
        let mut chosen = match current {
            Some(Answer::Choice(c)) => c.clone(),
            None => BTreeSet::new(),
        };
        if self.is_multiple() {
            if !chosen.remove(&option) {
                chosen.insert(option);
            }
        } else {
            chosen = BTreeSet::from([option]);
        }
        (!chosen.is_empty()).then_some(Answer::Choice(chosen))
    }
}

impl Answer {
    pub fn chosen(&self) -> &BTreeSet<usize> {
        match self {
            Answer::Choice(c) => c,
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
            lang: Lang::Python,
            kind: Kind::Choice,
            options: (0..n)
                .map(|i| Choice {
                    text: format!("option {i}"),
                    correct: keyed.contains(&i),
                    why: None,
                })
                .collect(),
            explanation: "because".into(),
        }
    }

    fn set(v: &[usize]) -> Option<Answer> {
        Some(Answer::Choice(v.iter().copied().collect()))
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
    fn multiple_select_scores_only_the_exact_set() {
        let it = item("a", "s", &[0, 2], 4);
        assert!(!it.is_correct(set(&[0]).as_ref()));
        assert!(!it.is_correct(set(&[0, 1, 2]).as_ref()));
        assert!(it.is_correct(set(&[0, 2]).as_ref()));
        assert!(!it.is_correct(None));
    }
}
