//! Today's study queue: items due for review (most overdue first), then items never answered
//! from the weakest objectives, up to a limit.

use chrono::{DateTime, Utc};
use rs_fsrs::Rating;
use serde::Serialize;

use super::schedule::Schedule;
use crate::bank::{BankSet, Question};
use crate::insight::Mastery;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Why {
    /// Reviewed before and due now.
    Due,
    /// Never answered; from one of the weakest objectives.
    New,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueEntry {
    pub id: String,
    pub objective: Option<String>,
    pub why: Why,
    /// `None` for a new item.
    pub due: Option<DateTime<Utc>>,
    /// The rating of the last answer: again, hard or good.
    pub last: Option<&'static str>,
    pub reviews: u32,
    pub lapses: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Queue {
    pub exam: String,
    pub entries: Vec<QueueEntry>,
    /// Every item due now, also those past the limit.
    pub due_total: usize,
    /// When the first item not due yet falls due.
    pub next_due: Option<DateTime<Utc>>,
}

impl QueueEntry {
    /// An item reviewed before, due `at`.
    fn scheduled(id: &str, q: &Question, s: &super::Scheduled, at: DateTime<Utc>) -> QueueEntry {
        QueueEntry {
            id: id.to_string(),
            objective: q.objective.clone(),
            why: Why::Due,
            due: Some(at),
            last: Some(rating_name(s.last)),
            reviews: s.card.reps.max(0) as u32,
            lapses: s.card.lapses.max(0) as u32,
        }
    }
}

/// When an item is due with an exam date: never after `deadline` (the day before the exam),
/// never before its last review; without one, when FSRS says.
pub fn due_by(s: &super::Scheduled, deadline: Option<DateTime<Utc>>) -> DateTime<Utc> {
    match deadline {
        Some(d) => s.due().min(d.max(s.card.last_review)),
        None => s.due(),
    }
}

pub fn rating_name(r: Rating) -> &'static str {
    match r {
        Rating::Again => "again",
        Rating::Hard => "hard",
        Rating::Good => "good",
        Rating::Easy => "easy",
    }
}

impl Queue {
    /// The queue for `mastery`'s exam as of `now`. Items no longer in the bank are left out
    /// (review still shows them from their attempt's snapshot).
    pub fn build(
        banks: &BankSet,
        schedule: &Schedule,
        mastery: &Mastery,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Queue {
        Queue::build_before(banks, schedule, mastery, now, limit, None, None)
    }

    /// `build` with an exam date: no review falls after `deadline` (an item FSRS would show
    /// later is due by then, so everything is fresh on exam day), and at most `new_today` new
    /// items (the plan's pace) join today's queue.
    pub fn build_before(
        banks: &BankSet,
        schedule: &Schedule,
        mastery: &Mastery,
        now: DateTime<Utc>,
        limit: usize,
        deadline: Option<DateTime<Utc>>,
        new_today: Option<usize>,
    ) -> Queue {
        let exam = mastery.exam.as_str();
        let mut due: Vec<QueueEntry> = Vec::new();
        let mut next_due: Option<DateTime<Utc>> = None;
        for (id, s) in &schedule.items {
            let Some(q) = banks.question(id).filter(|q| q.exam == exam) else {
                continue;
            };
            let at = due_by(s, deadline);
            if at > now {
                next_due = Some(next_due.map_or(at, |n| n.min(at)));
                continue;
            }
            due.push(QueueEntry::scheduled(id, q, s, at));
        }
        // Most overdue first; among items due at once (a mock's), misses before lucky guesses.
        let again_first = |e: &QueueEntry| e.last != Some("again");
        due.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| again_first(a).cmp(&again_first(b)))
                .then_with(|| a.id.cmp(&b.id))
        });
        let due_total = due.len();
        due.truncate(limit);
        let mut entries = due;
        let room = (limit - entries.len()).min(new_today.unwrap_or(usize::MAX));
        entries.extend(
            new_items(banks, schedule, mastery, room)
                .into_iter()
                .map(|q| QueueEntry {
                    id: q.id.clone(),
                    objective: q.objective.clone(),
                    why: Why::New,
                    due: None,
                    last: None,
                    reviews: 0,
                    lapses: 0,
                }),
        );
        Queue {
            exam: exam.to_string(),
            entries,
            due_total,
            next_due,
        }
    }

    /// Every scheduled item of `exam` with its due date (capped at `deadline`), soonest first:
    /// what `study --list --json --all` shows.
    pub fn all_scheduled(
        banks: &BankSet,
        schedule: &Schedule,
        exam: &str,
        deadline: Option<DateTime<Utc>>,
    ) -> Vec<QueueEntry> {
        let mut all: Vec<QueueEntry> = schedule
            .items
            .iter()
            .filter_map(|(id, s)| {
                let q = banks.question(id).filter(|q| q.exam == exam)?;
                Some(QueueEntry::scheduled(id, q, s, due_by(s, deadline)))
            })
            .collect();
        all.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
        all
    }

    pub fn due(&self) -> impl Iterator<Item = &QueueEntry> {
        self.entries.iter().filter(|e| e.why == Why::Due)
    }
}

/// Up to `n` never-answered items, objectives interleaved weakest first (one item of each in
/// turn, by id within one), then items of topics without objectives: a first session
/// touches many objectives instead of working through one file in order.
fn new_items<'a>(banks: &'a BankSet, schedule: &Schedule, mastery: &Mastery, n: usize) -> Vec<&'a Question> {
    let fresh = |q: &&Question| q.exam == mastery.exam && schedule.get(&q.id).is_none();
    let mut pool: Vec<&Question> = banks.questions.iter().filter(fresh).collect();
    pool.sort_by(|a, b| a.id.cmp(&b.id));
    let order: Vec<(&str, &str)> = mastery
        .weakest(usize::MAX)
        .into_iter()
        .map(|(t, o)| (t.id.as_str(), o.id.as_str()))
        .collect();
    let rank = |q: &Question| {
        order
            .iter()
            .position(|(t, o)| q.topic == *t && q.objective.as_deref() == Some(*o))
            .unwrap_or(order.len())
    };
    let mut by_rank: std::collections::BTreeMap<usize, std::collections::VecDeque<&Question>> =
        std::collections::BTreeMap::new();
    for q in pool {
        by_rank.entry(rank(q)).or_default().push_back(q);
    }
    // Items of no known objective come after every objective's.
    let unranked = by_rank.remove(&order.len()).unwrap_or_default();
    let mut out = Vec::with_capacity(n);
    while out.len() < n && by_rank.values().any(|v| !v.is_empty()) {
        for items in by_rank.values_mut() {
            if let Some(q) = items.pop_front()
                && out.len() < n
            {
                out.push(q);
            }
        }
    }
    out.extend(unranked.into_iter().take(n.saturating_sub(out.len())));
    out
}
