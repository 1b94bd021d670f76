//! Drill: untimed, immediate feedback, and every wrong item comes back until answered right.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attempt::{Attempt, Mode};
use super::item::{Answer, Item};
use super::kinds::Edit;
use super::score::Report;
use crate::exam::Section;

/// A drill or study session in progress as its journal keeps it: the drill and what the
/// header calls it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedDrill {
    #[serde(flatten)]
    pub drill: Drill,
    pub label: String,
}

/// A missed item comes back after this many others (or at the end of a shorter queue), so the
/// answer is not still on screen in the candidate's memory.
pub const REQUEUE_GAP: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drill {
    pub exam: String,
    pub code: String,
    pub topic: Option<String>,
    pub items: Vec<Item>,
    queue: VecDeque<usize>,
    /// The answer being built for the item on screen.
    pub pending: Option<Answer>,
    pub cursor: usize,
    /// Set once the current item is checked: whether it was right.
    pub feedback: Option<bool>,
    pub tries: Vec<u32>,
    pub last: Vec<Option<Answer>>,
    /// Marked unsure (`u`) before checking: a right answer then counts as Hard in the study queue.
    pub unsure: Vec<bool>,
    pub started_at: DateTime<Utc>,
    /// `Mode::Drill`, or `Mode::Study` for a session over the study queue.
    pub mode: Mode,
}

impl Drill {
    pub fn new(exam: &str, code: &str, topic: Option<String>, items: Vec<Item>, now: DateTime<Utc>) -> Drill {
        let n = items.len();
        Drill {
            exam: exam.into(),
            code: code.into(),
            topic,
            items,
            queue: (0..n).collect(),
            pending: None,
            cursor: 0,
            feedback: None,
            tries: vec![0; n],
            last: vec![None; n],
            unsure: vec![false; n],
            started_at: now,
            mode: Mode::Drill,
        }
    }

    /// Whether the parts agree (a journal read back from disk is checked with this).
    pub fn is_consistent(&self) -> bool {
        let n = self.items.len();
        n > 0
            && self.tries.len() == n
            && self.last.len() == n
            && self.unsure.len() == n
            && self.queue.iter().all(|&i| i < n)
            && self.items.iter().all(|item| item.targets() > 0)
            && self.current().is_none_or(|i| {
                self.cursor < self.items[i].targets()
                    && self.pending.as_ref().is_none_or(|a| self.items[i].fits(a))
            })
    }

    /// Mark (or unmark) the item on screen as answered unsure; only before checking.
    pub fn toggle_unsure(&mut self) {
        if self.feedback.is_some() {
            return;
        }
        if let Some(i) = self.current() {
            self.unsure[i] = !self.unsure[i];
        }
    }

    pub fn is_unsure(&self) -> bool {
        self.current().is_some_and(|i| self.unsure[i])
    }

    /// The index of the item on screen, `None` when the drill is done.
    pub fn current(&self) -> Option<usize> {
        self.queue.front().copied()
    }

    pub fn is_done(&self) -> bool {
        self.queue.is_empty()
    }

    pub fn remaining(&self) -> usize {
        self.queue.len()
    }

    pub fn choose(&mut self, option: usize) {
        self.edit(Edit::Choose(option));
    }

    /// Change the pending answer at the highlighted target; nothing changes after the check.
    pub fn edit(&mut self, edit: Edit) {
        if self.feedback.is_some() {
            return;
        }
        if let Some(i) = self.current() {
            (self.pending, self.cursor) = self.items[i].edit(self.pending.as_ref(), self.cursor, edit);
        }
    }

    pub fn move_cursor(&mut self, delta: isize) {
        if let Some(i) = self.current() {
            let last = self.items[i].targets().saturating_sub(1) as isize;
            self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
        }
    }

    /// Check the pending answer; nothing happens without one.
    pub fn check(&mut self) -> Option<bool> {
        let i = self.current()?;
        if self.feedback.is_some() || self.pending.is_none() {
            return None;
        }
        let right = self.items[i].is_correct(self.pending.as_ref());
        self.tries[i] += 1;
        self.last[i] = self.pending.clone();
        self.feedback = Some(right);
        Some(right)
    }

    /// After feedback: drop the item if it was right, re-queue it a few places later if not.
    pub fn advance(&mut self) {
        let Some(right) = self.feedback.take() else {
            return;
        };
        if let Some(i) = self.queue.pop_front() {
            if !right {
                let at = REQUEUE_GAP.min(self.queue.len());
                self.queue.insert(at, i);
            }
        }
        self.pending = None;
        self.cursor = 0;
    }

    pub fn first_try_right(&self) -> usize {
        self.tries
            .iter()
            .enumerate()
            .filter(|(i, t)| **t == 1 && self.items[*i].is_correct(self.last[*i].as_ref()))
            .count()
    }

    /// Items that needed more than one answer.
    pub fn retried(&self) -> Vec<usize> {
        (0..self.items.len()).filter(|i| self.tries[*i] > 1).collect()
    }

    /// The drill as a history record, holding the items that were reached; its score is
    /// first-try accuracy.
    pub fn finish(&self, sections: &[Section], pass_percent: u32, now: DateTime<Utc>) -> Attempt {
        let seen: Vec<usize> = (0..self.items.len()).filter(|&i| self.tries[i] > 0).collect();
        let items: Vec<Item> = seen.iter().map(|&i| self.items[i].clone()).collect();
        // Score what was answered first time: right only where one try sufficed.
        let first: Vec<Option<Answer>> = seen
            .iter()
            .map(|&i| {
                if self.tries[i] == 1 {
                    self.last[i].clone()
                } else {
                    None
                }
            })
            .collect();
        let sections: Vec<Section> = sections
            .iter()
            .map(|s| Section {
                weight: 0,
                ..s.clone()
            })
            .collect();
        Attempt {
            version: Attempt::VERSION,
            mode: self.mode,
            exam: self.exam.clone(),
            code: self.code.clone(),
            topic: self.topic.clone(),
            seed: None,
            started_at: self.started_at,
            finished_at: now,
            used_secs: (now - self.started_at).num_seconds().max(0) as u64,
            limit_secs: None,
            standard_time: false,
            timed_out: false,
            answers: seen.iter().map(|&i| self.last[i].clone()).collect(),
            flags: vec![false; items.len()],
            tries: seen.iter().map(|&i| self.tries[i]).collect(),
            unsure: seen.iter().map(|&i| self.unsure[i]).collect(),
            item_secs: Vec::new(),
            shown: Vec::new(),
            notes: String::new(),
            report: Report::new(&sections, pass_percent, &items, &first),
            items,
        }
    }

    /// Whether the pending answer gives every response the item asks for.
    pub fn pending_is_complete(&self) -> bool {
        self.current()
            .is_some_and(|i| self.items[i].is_complete(self.pending.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::item::tests::item;
    use chrono::TimeZone;

    fn drill(n: usize) -> Drill {
        let items = (0..n).map(|i| item(&format!("q{i}"), "t", &[0], 3)).collect();
        Drill::new(
            "x",
            "X",
            Some("t".into()),
            items,
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        )
    }

    /// Answer the current item right (option 0) or wrong (option 1) and move on.
    fn answer(d: &mut Drill, right: bool) -> usize {
        let i = d.current().unwrap();
        d.choose(if right { 0 } else { 1 });
        d.check();
        d.advance();
        i
    }

    // (items, sequence of right/wrong answers, expected order of items shown)
    #[test]
    fn wrong_items_come_back_until_right() {
        let cases: &[(usize, &[bool], &[usize])] = &[
            (3, &[true, true, true], &[0, 1, 2]),
            (5, &[false, true, true, true, true, true], &[0, 1, 2, 3, 0, 4]),
            (2, &[false, true, true], &[0, 1, 0]),
            (1, &[false, false, true], &[0, 0, 0]),
            (4, &[false, false, true, true, true, true], &[0, 1, 2, 3, 0, 1]),
        ];
        for (n, answers, order) in cases {
            let mut d = drill(*n);
            let shown: Vec<usize> = answers.iter().map(|r| answer(&mut d, *r)).collect();
            assert_eq!(shown, *order, "n={n} answers={answers:?}");
            assert!(d.is_done(), "n={n}");
        }
    }

    #[test]
    fn summary_counts_first_tries_and_retries() {
        let mut d = drill(3);
        for r in [false, true, true, true] {
            answer(&mut d, r);
        }
        assert_eq!(d.first_try_right(), 2);
        assert_eq!(d.retried(), [0]);
        let a = d.finish(&[], 70, d.started_at);
        assert_eq!(a.report.correct, 2);
        assert_eq!(a.items.len(), 3);
        assert_eq!(a.tries, [2, 1, 1]);
        assert!(a.is_correct(0), "the last answer to a retried item is right");
        assert!(a.is_missed(0));
    }

    #[test]
    fn a_drill_left_early_keeps_only_the_items_reached() {
        let mut d = drill(5);
        answer(&mut d, true);
        answer(&mut d, false);
        let a = d.finish(&[], 70, d.started_at);
        assert_eq!(
            a.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            ["q0", "q1"]
        );
        assert_eq!((a.report.correct, a.report.total), (1, 2));
    }

    #[test]
    fn unsure_marks_only_before_checking_and_is_kept() {
        let mut d = drill(2);
        d.toggle_unsure();
        assert!(d.is_unsure());
        d.choose(0);
        d.check();
        d.toggle_unsure();
        assert!(d.is_unsure(), "after the check the mark stays as it was");
        d.advance();
        answer(&mut d, true);
        let a = d.finish(&[], 70, d.started_at);
        assert_eq!(a.unsure, [true, false]);
    }

    #[test]
    fn no_check_without_an_answer() {
        let mut d = drill(1);
        assert_eq!(d.check(), None);
        d.advance();
        assert_eq!(d.current(), Some(0));
    }
}
