//! Answers as events: one per item answered in a mock or a drill, with the credit it earned.

use std::collections::HashSet;

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
    /// The item had been shown before, in any mode: the answer measures memory of that item
    /// as well as skill, so mastery and readiness weigh it less (`REPEAT_WEIGHT`).
    #[serde(default)]
    pub repeat: bool,
}

/// Per-response credit: each keyed option chosen earns 1/N of a "Select N" item; choosing more
/// than N options earns nothing, so choosing everything cannot pay.
pub fn credit(item: &Item, answer: Option<&Answer>) -> f64 {
    item.credit(answer)
}

/// The events of one attempt: evidence is what was shown. A mock counts every item that was on
/// screen (shown and unanswered earns 0); an item never shown is no evidence and makes no
/// event, though it scored 0 in the mock. A drill counts only the first answer to each item:
/// right first time earns its credit, a retried item 0 (later answers come after the feedback
/// showed the key). All events carry the finish time; none is marked `repeat` (see
/// `mark_repeats`). Items saved before objectives existed get theirs from the bank, by id.
pub fn attempt_events(attempt: &Attempt, banks: &BankSet) -> Vec<AnswerEvent> {
    summary_events(&Summary::of(attempt), banks)
}

/// The same events from a history summary (what start-up loads: no item snapshots needed).
pub fn summary_events(summary: &Summary, banks: &BankSet) -> Vec<AnswerEvent> {
    summary
        .results
        .iter()
        .filter(|r| r.shown)
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
                repeat: false,
            })
        })
        .collect()
}

/// The events of every attempt given, oldest first, each marked `repeat` when its item had been
/// shown in an earlier attempt. The one way mastery, readiness and their tests get events.
pub fn history_events<'a>(
    summaries: impl IntoIterator<Item = &'a Summary>,
    banks: &BankSet,
) -> Vec<AnswerEvent> {
    let mut summaries: Vec<&Summary> = summaries.into_iter().collect();
    // Stable: two attempts finished in the same second keep history's order.
    summaries.sort_by_key(|s| s.finished_at);
    let mut events: Vec<AnswerEvent> = summaries
        .into_iter()
        .flat_map(|s| summary_events(s, banks))
        .collect();
    mark_repeats(&mut events);
    events
}

/// Mark every event (oldest first) whose item already has an earlier event as a repeat.
pub fn mark_repeats(events: &mut [AnswerEvent]) {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for e in events.iter_mut() {
        // Ids are unique within an exam; the exam is part of the key for banks of one's own.
        e.repeat = !seen.insert((e.exam.clone(), e.item_id.clone()));
    }
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
