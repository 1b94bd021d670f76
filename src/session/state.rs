//! A mock exam in progress: answers, flags, position and the clock.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::attempt::{Attempt, Mode};
use super::item::{Answer, Item};
use super::kinds::Edit;
use super::score::Report;
use crate::exam::ExamSpec;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub exam: String,
    pub code: String,
    pub seed: u64,
    pub items: Vec<Item>,
    pub answers: Vec<Option<Answer>>,
    pub flags: Vec<bool>,
    /// The item on screen.
    pub current: usize,
    /// The highlighted option of the item on screen.
    pub cursor: usize,
    pub limit_secs: u64,
    pub standard_time: bool,
    pub started_at: DateTime<Utc>,
    /// Seconds used before `running_since`. The clock stops while the exam is saved and away.
    pub used_secs: u64,
    pub running_since: DateTime<Utc>,
    /// Seconds each item was on screen, summed over visits (journals from before it: empty).
    #[serde(default)]
    pub item_secs: Vec<u64>,
    /// Whether each item has been on screen (journals from before it: empty, see
    /// `restore_shown`).
    #[serde(default)]
    pub shown: Vec<bool>,
    /// The scratch pad (`w`), as the real exam offers a notepad: journaled with the exam.
    #[serde(default)]
    pub notes: String,
}

/// The scratch pad holds at most this many characters.
pub const MAX_NOTES: usize = 4000;

impl Session {
    /// A new exam over drawn items. `minutes` overrides the official time (not standard then).
    pub fn new(
        spec: &ExamSpec,
        items: Vec<Item>,
        seed: u64,
        minutes: Option<u32>,
        now: DateTime<Utc>,
    ) -> Session {
        let n = items.len();
        let minutes_used = minutes.unwrap_or(spec.minutes);
        Session {
            exam: spec.id.clone(),
            code: spec.code.clone(),
            seed,
            items,
            answers: vec![None; n],
            flags: vec![false; n],
            current: 0,
            cursor: 0,
            limit_secs: u64::from(minutes_used) * 60,
            standard_time: minutes.is_none() || minutes == Some(spec.minutes),
            started_at: now,
            used_secs: 0,
            running_since: now,
            item_secs: vec![0; n],
            shown: vec![false; n],
            notes: String::new(),
        }
    }

    /// Type into the scratch pad (`\n` starts a line); at most `MAX_NOTES` characters.
    pub fn write_note(&mut self, c: char) {
        if (c == '\n' || !c.is_control()) && self.notes.chars().count() < MAX_NOTES {
            self.notes.push(c);
        }
    }

    /// Record that the item on screen has been displayed: from now on it is evidence.
    pub fn mark_shown(&mut self) {
        self.shown.resize(self.items.len(), false);
        self.shown[self.current] = true;
    }

    /// A journal written before `shown` was recorded: an item counts as shown when it was
    /// answered, flagged, on screen for a second or more, or is the one on screen now.
    pub fn restore_shown(&mut self) {
        if self.shown.len() == self.items.len() {
            return;
        }
        self.shown = (0..self.items.len())
            .map(|i| {
                i == self.current
                    || self.answers[i].is_some()
                    || self.flags[i]
                    || self.item_secs.get(i).is_some_and(|s| *s > 0)
            })
            .collect();
    }

    /// How many items have been on screen.
    pub fn shown_count(&self) -> usize {
        self.shown.iter().filter(|s| **s).count()
    }

    /// Whether items, answers, flags, position and clock agree (a journal read back from disk
    /// is checked with this before it is resumed).
    pub fn is_consistent(&self) -> bool {
        !self.items.is_empty()
            && self.answers.len() == self.items.len()
            && self.flags.len() == self.items.len()
            && self.current < self.items.len()
            && self.cursor < self.items[self.current].targets()
            && self.items.iter().all(|item| item.targets() > 0)
            && self
                .items
                .iter()
                .zip(&self.answers)
                .all(|(item, answer)| answer.as_ref().is_none_or(|a| item.fits(a)))
            && self.used_secs <= self.limit_secs
    }

    pub fn used(&self, now: DateTime<Utc>) -> u64 {
        let running = (now - self.running_since).num_seconds().max(0) as u64;
        self.used_secs.saturating_add(running)
    }

    /// Seconds left, never negative.
    pub fn remaining(&self, now: DateTime<Utc>) -> u64 {
        self.limit_secs.saturating_sub(self.used(now))
    }

    pub fn is_time_up(&self, now: DateTime<Utc>) -> bool {
        self.remaining(now) == 0
    }

    /// Fold the running time into `used_secs`: call before saving.
    pub fn checkpoint(&mut self, now: DateTime<Utc>) {
        // Carry over whole seconds only: the part-second since the last one keeps counting.
        // (Moving `running_since` to `now` would give the candidate that fraction back at
        // every answer, and stop the clock for someone answering faster than once a second.)
        let running = (now - self.running_since).num_seconds().max(0);
        let before = self.used_secs;
        self.used_secs = self.used_secs.saturating_add(running as u64).min(self.limit_secs);
        self.running_since += chrono::Duration::seconds(running);
        // The seconds just counted were spent on the item on screen.
        let counted = self.used_secs - before;
        self.item_secs.resize(self.items.len(), 0);
        self.item_secs[self.current] += counted;
    }

    /// Start the clock again after the exam was away (resume): the time away does not count.
    pub fn resume_clock(&mut self, now: DateTime<Utc>) {
        self.running_since = now;
    }

    pub fn item(&self) -> &Item {
        &self.items[self.current]
    }

    pub fn answer(&self) -> Option<&Answer> {
        self.answers[self.current].as_ref()
    }

    pub fn choose(&mut self, option: usize) {
        self.edit(Edit::Choose(option));
    }

    /// Take back the answer to the item on screen.
    pub fn clear_answer(&mut self) {
        self.answers[self.current] = None;
    }

    pub fn choose_at_cursor(&mut self) {
        self.choose(self.cursor);
    }

    /// Change the answer of the item on screen at the highlighted target.
    pub fn edit(&mut self, edit: Edit) {
        let (next, cursor) = self.item().edit(self.answer(), self.cursor, edit);
        self.answers[self.current] = next;
        self.cursor = cursor;
    }

    pub fn move_cursor(&mut self, delta: isize) {
        let last = self.item().targets().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
    }

    /// Seconds per item including the running part on the item on screen.
    pub fn item_secs(&self, now: DateTime<Utc>) -> Vec<u64> {
        let mut secs = self.item_secs.clone();
        secs.resize(self.items.len(), 0);
        let running = self.used(now).min(self.limit_secs).saturating_sub(self.used_secs);
        secs[self.current] += running;
        secs
    }

    /// Move to `index`, first giving the time so far to the item being left.
    pub fn go_to_at(&mut self, index: usize, now: DateTime<Utc>) {
        self.checkpoint(now);
        self.go_to(index);
    }

    pub fn go_to(&mut self, index: usize) {
        if index < self.items.len() && index != self.current {
            self.current = index;
            self.cursor = 0;
            self.mark_shown();
        }
    }

    pub fn next(&mut self) {
        self.go_to(self.current + 1);
    }

    pub fn previous(&mut self) {
        if self.current > 0 {
            self.go_to(self.current - 1);
        }
    }

    pub fn toggle_flag(&mut self) {
        self.flags[self.current] = !self.flags[self.current];
    }

    /// How far item `index` is answered (`Tally`'s one definition).
    pub fn answered_state(&self, index: usize) -> super::Answered {
        self.items[index].answered(self.answers[index].as_ref())
    }

    /// Answered means every response given: a partly answered item is not.
    pub fn is_answered(&self, index: usize) -> bool {
        self.answered_state(index) == super::Answered::Fully
    }

    /// Some responses given, not all.
    pub fn is_partly_answered(&self, index: usize) -> bool {
        self.answered_state(index) == super::Answered::Partly
    }

    /// Answered, partly answered and unanswered items.
    pub fn tally(&self) -> super::Tally {
        super::Tally::of_answers(&self.items, &self.answers)
    }

    pub fn flagged(&self) -> usize {
        self.flags.iter().filter(|f| **f).count()
    }

    /// Score and close the exam. `timed_out` records an automatic submission.
    pub fn finish(&self, spec: &ExamSpec, now: DateTime<Utc>, timed_out: bool) -> Attempt {
        let report = Report::new(&spec.sections, spec.pass_percent, &self.items, &self.answers);
        Attempt {
            version: Attempt::VERSION,
            mode: Mode::Mock,
            exam: self.exam.clone(),
            code: self.code.clone(),
            topic: None,
            seed: Some(self.seed),
            started_at: self.started_at,
            finished_at: now,
            used_secs: self.used(now).min(self.limit_secs),
            limit_secs: Some(self.limit_secs),
            standard_time: self.standard_time,
            timed_out,
            items: self.items.clone(),
            answers: self.answers.clone(),
            flags: self.flags.clone(),
            tries: Vec::new(),
            unsure: Vec::new(),
            item_secs: self.item_secs(now),
            notes: self.notes.clone(),
            shown: {
                let mut shown = self.shown.clone();
                shown.resize(self.items.len(), true);
                shown
            },
            report,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::Section;
    use crate::session::item::tests::item;
    use chrono::{Duration, TimeZone};

    fn spec() -> ExamSpec {
        ExamSpec {
            id: "x".into(),
            code: "X-1".into(),
            title: "X".into(),
            items: 3,
            minutes: 10,
            pass_percent: 70,
            sections: vec![Section {
                id: "s".into(),
                title: "S".into(),
                items: 3,
                weight: 100,
                objectives: vec![],
            }],
            drill_topics: vec![],
            mix: None,
            shape: None,
        }
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
    }

    fn session() -> Session {
        let items = vec![
            item("a", "s", &[0], 4),
            item("b", "s", &[1, 2], 4),
            item("c", "s", &[3], 4),
        ];
        Session::new(&spec(), items, 1, None, t0())
    }

    #[test]
    fn clock_counts_down_and_stops_at_zero() {
        let s = session();
        assert_eq!(s.remaining(t0()), 600);
        assert_eq!(s.remaining(t0() + Duration::seconds(61)), 539);
        assert!(!s.is_time_up(t0() + Duration::seconds(599)));
        assert!(s.is_time_up(t0() + Duration::seconds(600)));
        assert_eq!(s.remaining(t0() + Duration::hours(2)), 0);
    }

    #[test]
    fn time_away_after_a_checkpoint_does_not_count() {
        let mut s = session();
        s.checkpoint(t0() + Duration::seconds(100));
        let back = t0() + Duration::hours(5);
        s.resume_clock(back);
        assert_eq!(s.remaining(back), 500);
        assert_eq!(s.remaining(back + Duration::seconds(10)), 490);
    }

    #[test]
    fn checkpoints_never_lose_part_seconds() {
        let mut s = session();
        // Ten answers 0.6 s apart: six seconds pass, and six are counted.
        for i in 1..=10 {
            s.checkpoint(t0() + Duration::milliseconds(600 * i));
        }
        assert_eq!(s.used(t0() + Duration::milliseconds(6000)), 6);
        assert_eq!(s.remaining(t0() + Duration::milliseconds(6000)), 594);
    }

    #[test]
    fn navigation_stays_in_bounds_and_resets_the_cursor() {
        let mut s = session();
        s.previous();
        assert_eq!(s.current, 0);
        s.move_cursor(2);
        s.next();
        assert_eq!((s.current, s.cursor), (1, 0));
        s.go_to(99);
        assert_eq!(s.current, 1);
        s.next();
        s.next();
        assert_eq!(s.current, 2);
        s.move_cursor(-5);
        assert_eq!(s.cursor, 0);
        s.move_cursor(50);
        assert_eq!(s.cursor, 3);
    }

    #[test]
    fn answers_flags_and_counts() {
        let mut s = session();
        s.choose(0);
        s.toggle_flag();
        s.next();
        s.choose(1);
        s.choose(2);
        assert_eq!((s.tally().unanswered, s.flagged()), (1, 1));
        let attempt = s.finish(&spec(), t0() + Duration::seconds(30), false);
        assert_eq!(attempt.report.correct, 2);
        assert_eq!(attempt.used_secs, 30);
        assert!(attempt.standard_time);
        assert!(!attempt.report.passed);
    }

    #[test]
    fn minutes_override_is_not_standard_time() {
        let s = Session::new(&spec(), vec![item("a", "s", &[0], 2)], 1, Some(5), t0());
        assert_eq!(s.limit_secs, 300);
        assert!(!s.standard_time);
    }
}
