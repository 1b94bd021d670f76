//! Study: a drill over today's spaced-repetition queue (`pyexam study`, "Study (N due)").
//! The queue is derived from history each time (see `crate::study`); the session itself is a
//! `Drill` in `Mode::Study`, on the drill screen, saved to history like a drill.

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{App, DrillScreen, MenuScreen, Screen, unknown_exam};
use crate::insight::Mastery;
use crate::session::{Attempt, Drill, Item, Mode, Summary};
use crate::study::{Queue, Schedule, reviews};

/// How many items a study session holds unless `--limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 20;

impl App {
    /// Today's queue for `exam` as of the last update, from history plus `extra` (a
    /// just-finished attempt the shell may not have added yet). `None` for an unknown exam.
    pub fn study_queue(&self, exam: &str, extra: Option<&Attempt>, limit: usize) -> Option<Queue> {
        let spec = self.banks.exam(exam)?;
        let extra = extra.filter(|a| {
            !self
                .history
                .iter()
                .any(|s| s.summary.finished_at == a.finished_at && s.summary.started_at == a.started_at)
        });
        let extra_summary = extra.map(Summary::of);
        let summaries = self
            .history
            .iter()
            .map(|s| &s.summary)
            .chain(extra_summary.as_ref());
        let schedule = Schedule::replay(&reviews(summaries, exam));
        let mastery = Mastery::new(spec, &self.answer_events(exam, extra), self.now);
        // With an exam date, no review falls after it and new items come at the plan's pace.
        let deadline = self.review_deadline(exam);
        let new_today = deadline.and_then(|_| {
            let plan = self.plan(exam, crate::study::plan::DEFAULT_MINUTES_PER_DAY)?;
            plan.days.first().map(|d| d.new)
        });
        Some(Queue::build_before(
            &self.banks,
            &schedule,
            &mastery,
            self.now,
            limit,
            deadline,
            new_today,
        ))
    }

    /// Start a study session over today's queue. `Err` for an unknown exam or an empty queue.
    pub fn start_study(
        &mut self,
        exam: &str,
        limit: usize,
        seed: u64,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        self.now = now;
        let spec = self.spec(exam).ok_or_else(|| unknown_exam(&self.banks, exam))?;
        let queue = self.study_queue(exam, None, limit).expect("the exam exists");
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let items: Vec<Item> = queue
            .entries
            .iter()
            .filter_map(|e| self.banks.question(&e.id))
            .map(|q| Item::from_question(q, &mut rng))
            .collect();
        if items.is_empty() {
            return Err(format!(
                "nothing to study for {exam}: every item is answered and none is due"
            ));
        }
        let mut drill = Drill::new(&spec.id, &spec.code, None, items, now);
        drill.mode = Mode::Study;
        self.open_drill(
            DrillScreen {
                drill,
                label: "today's queue".into(),
                spec,
                scroll: crate::tui::scroll::Scroll::default(),
                help: false,
                editing: false,
                picked: None,
            },
            now,
        );
        Ok(())
    }

    /// Count the items due for the exam the menu shows (its "Study (N due)"). Counted again
    /// only when history grows or a minute passes, so the menu does not replay history on
    /// every key.
    pub(super) fn count_study_due(&mut self) {
        let Screen::Menu(MenuScreen { exam: Some(exam), .. }) = &self.screen else {
            return;
        };
        let key = (exam.clone(), self.history.len(), self.now.timestamp() / 60);
        if self.study_due.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let counts = self.study_queue(exam, None, DEFAULT_LIMIT).map_or((0, 0), |q| {
            let new = q
                .entries
                .iter()
                .filter(|e| e.why == crate::study::Why::New)
                .count();
            (q.due_total, new)
        });
        self.study_due = Some((key, counts));
    }

    /// The counts `count_study_due` made for `exam`, if any: items due, and new items a
    /// session would add.
    pub fn study_due_for(&self, exam: &str) -> Option<(usize, usize)> {
        self.study_due
            .as_ref()
            .filter(|((e, _, _), _)| e == exam)
            .map(|(_, n)| *n)
    }
}
