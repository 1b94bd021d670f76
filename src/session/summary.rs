//! What history lists and computes from, without the item snapshots: a few hundred bytes per
//! attempt instead of tens of kilobytes. The menu, the history list and chart, `--missed`
//! drills and `history --json` read only these (from the store's index); review loads the
//! full attempt file when one is opened.

use super::sym::Sym;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attempt::{Attempt, Mode};
use super::score::Report;
use super::tally::Answered;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub mode: Mode,
    pub exam: String,
    pub code: String,
    pub topic: Option<String>,
    pub seed: Option<u64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub used_secs: u64,
    pub limit_secs: Option<u64>,
    pub standard_time: bool,
    pub timed_out: bool,
    pub report: Report,
    /// One per item, in the attempt's order.
    pub results: Vec<ItemResult>,
}

/// How one item went: enough to find missed items and to weigh mastery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: Sym,
    pub section: Sym,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Sym>,
    /// Whether the candidate gave any response (a mock's unanswered item counts as wrong).
    pub answered: bool,
    /// Some responses given, not all (`Answered::Partly`); then `answered` is true too.
    #[serde(default, skip_serializing_if = "is_false")]
    pub partly: bool,
    pub correct: bool,
    pub flagged: bool,
    /// Per-response credit of the (last) answer, 0..=1 (`Item::credit`).
    pub credit: f64,
    /// Drill only: answers needed (1 = right first time, 0 = never reached).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tries: u32,
    /// Drill and study: the answer was marked unsure before checking.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unsure: bool,
    /// Mock: seconds on screen (0 in attempts saved before it was recorded).
    #[serde(default, skip_serializing_if = "is_zero_secs")]
    pub secs: u64,
    /// Whether the item was ever on screen (older records: yes). An item never shown scores
    /// 0 in its mock but is no evidence for mastery, readiness or the study queue.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub shown: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero_secs(n: &u64) -> bool {
    *n == 0
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Summary {
    pub fn of(a: &Attempt) -> Summary {
        let state = |i: usize| a.items[i].answered(a.answers.get(i).and_then(Option::as_ref));
        let results = a
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| ItemResult {
                id: Sym::new(&item.id),
                section: Sym::new(&item.section),
                objective: item.objective.as_deref().map(Sym::new),
                answered: state(i) != Answered::Not,
                partly: state(i) == Answered::Partly,
                correct: a.is_correct(i),
                flagged: a.is_flagged(i),
                credit: item.credit(a.answers.get(i).and_then(|x| x.as_ref())),
                tries: a.tries.get(i).copied().unwrap_or(0),
                unsure: a.is_unsure(i),
                secs: a.item_secs.get(i).copied().unwrap_or(0),
                shown: a.was_shown(i),
            })
            .collect();
        Summary {
            mode: a.mode,
            exam: a.exam.clone(),
            code: a.code.clone(),
            topic: a.topic.clone(),
            seed: a.seed,
            started_at: a.started_at,
            finished_at: a.finished_at,
            used_secs: a.used_secs,
            limit_secs: a.limit_secs,
            standard_time: a.standard_time,
            timed_out: a.timed_out,
            report: a.report.clone(),
            results,
        }
    }

    /// Whether item `i` counts as missed in review: a mock's wrong answer, a drill's retry.
    pub fn is_missed(&self, i: usize) -> bool {
        let r = &self.results[i];
        match self.mode {
            Mode::Mock => !r.correct,
            Mode::Drill | Mode::Study => r.tries != 1,
        }
    }
}
