//! Answers as events: one per item answered in a mock or a drill, with the credit it earned.

use crate::session::sym::Sym;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::bank::BankSet;
use crate::session::{Answer, Attempt, Item, Mode, Summary};

/// One answer to one item. `credit` is 0..=1: the share of the item's responses that were
/// right (a "Select 2" item with one of its two keys chosen earns 0.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerEvent {
    pub item_id: String,
    pub exam: String,
    /// The section or drill topic the item belongs to.
    pub section: String,
    /// `None` for items of topics that list no objectives (a user's own banks).
    pub objective: Option<String>,
    pub credit: f64,
    pub at: DateTime<Utc>,
}

/// Per-response credit: each keyed option chosen earns 1/N of a "Select N" item; choosing more
/// than N options earns nothing, so choosing everything cannot pay.
pub fn credit(item: &Item, answer: Option<&Answer>) -> f64 {
    item.credit(answer)
}

/// The events of one attempt. A mock counts every item (unanswered earns 0). A drill counts only
/// the first answer to each item: right first time earns its credit, a retried item 0 (later
/// answers come after the feedback showed the key). All events carry the finish time. Items
/// saved before objectives existed get theirs from the current bank, by id.
pub fn attempt_events(attempt: &Attempt, banks: &BankSet) -> Vec<AnswerEvent> {
    let mut events = Vec::with_capacity(attempt.items.len());
    for (i, item) in attempt.items.iter().enumerate() {
        let answer = attempt.answers.get(i).and_then(|a| a.as_ref());
        let credit = match attempt.mode {
            Mode::Mock => credit(item, answer),
            Mode::Drill | Mode::Study => match attempt.tries.get(i).copied().unwrap_or(0) {
                0 => continue,
                1 => credit(item, answer),
                _ => 0.0,
            },
        };
        let objective = item
            .objective
            .clone()
            .or_else(|| banks.question(&item.id).and_then(|q| q.objective.clone()));
        events.push(AnswerEvent {
            item_id: item.id.clone(),
            exam: attempt.exam.clone(),
            section: item.section.clone(),
            objective,
            credit,
            at: attempt.finished_at,
        });
    }
    events
}

/// The same events from a history summary (what start-up loads: no item snapshots needed).
pub fn summary_events(summary: &Summary, banks: &BankSet) -> Vec<AnswerEvent> {
    summary
        .results
        .iter()
        .filter_map(|r| {
            let credit = match summary.mode {
                Mode::Mock => r.credit,
                Mode::Drill | Mode::Study => match r.tries {
                    0 => return None,
                    1 => r.credit,
                    _ => 0.0,
                },
            };
            let objective = r.objective.clone().or_else(|| {
                banks
                    .question(&r.id)
                    .and_then(|q| q.objective.as_deref().map(Sym::new))
            });
            Some(AnswerEvent {
                item_id: r.id.to_string(),
                exam: summary.exam.clone(),
                section: r.section.to_string(),
                objective: objective.map(String::from),
                credit,
                at: summary.finished_at,
            })
        })
        .collect()
}

/// The events of every attempt, in the order given.
pub fn history_events<'a>(
    attempts: impl IntoIterator<Item = &'a Attempt>,
    banks: &BankSet,
) -> Vec<AnswerEvent> {
    attempts
        .into_iter()
        .flat_map(|a| attempt_events(a, banks))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::item::tests::item;
    use std::collections::BTreeSet;

    fn ans(v: &[usize]) -> Option<Answer> {
        Some(Answer::Choice(v.iter().copied().collect::<BTreeSet<_>>()))
    }

    #[test]
    fn credit_is_per_response_and_over_choosing_pays_nothing() {
        let multi = item("a", "s", &[0, 2], 4);
        assert_eq!(credit(&multi, ans(&[0, 2]).as_ref()), 1.0);
        assert_eq!(credit(&multi, ans(&[0, 1]).as_ref()), 0.5);
        assert_eq!(credit(&multi, ans(&[0, 1, 2]).as_ref()), 0.0);
        assert_eq!(credit(&multi, None), 0.0);
        let single = item("b", "s", &[1], 3);
        assert_eq!(credit(&single, ans(&[1]).as_ref()), 1.0);
        assert_eq!(credit(&single, ans(&[0]).as_ref()), 0.0);
    }
}
