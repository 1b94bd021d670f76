//! The plan to exam day as the app computes it from history, the banks and the exam date
//! (`pyexam plan`, the menu's "exam in N days", the study queue's deadline).

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};

use super::App;
use crate::insight::MockEvidence;
use crate::session::Freshness;
use crate::study::plan::{self, DEFAULT_SECS_PER_ITEM, Plan, PlanInput};
use crate::study::{Queue, Schedule, reviews};

impl App {
    /// The exam date set for `exam`, if any.
    pub fn exam_date(&self, exam: &str) -> Option<NaiveDate> {
        self.exam_dates.get(exam).copied()
    }

    /// The last moment a review may be due: the start of the day before the exam (local time).
    pub fn review_deadline(&self, exam: &str) -> Option<DateTime<Utc>> {
        let day = self.exam_date(exam)? - Duration::days(1);
        let start = day.and_hms_opt(0, 0, 0)?;
        Local
            .from_local_datetime(&start)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The plan from today to the exam date of `exam`; `None` without a date (or an unknown
    /// exam).
    pub fn plan(&self, exam: &str, minutes_per_day: u32) -> Option<Plan> {
        let spec = self.banks.exam(exam)?;
        let exam_day = self.exam_date(exam)?;
        let today = self.now.with_timezone(&Local).date_naive();
        let summaries: Vec<_> = self
            .history
            .iter()
            .map(|s| &s.summary)
            .filter(|s| s.exam == exam)
            .collect();
        let schedule = Schedule::replay(&reviews(summaries.iter().copied(), exam));
        let deadline = self.review_deadline(exam);
        let mut reviews_by_day = std::collections::BTreeMap::new();
        for e in Queue::all_scheduled(&self.banks, &schedule, exam, deadline) {
            let day = e
                .due
                .map_or(today, |d| d.with_timezone(&Local).date_naive())
                .max(today);
            *reviews_by_day.entry(day).or_insert(0) += 1;
        }
        let unseen = self
            .banks
            .questions
            .iter()
            .filter(|q| q.exam == exam && schedule.get(&q.id).is_none())
            .count();
        let mut secs: Vec<u64> = summaries
            .iter()
            .flat_map(|s| s.results.iter().map(|r| r.secs))
            .filter(|s| *s > 0)
            .collect();
        secs.sort_unstable();
        let secs_per_item = secs.get(secs.len() / 2).copied().unwrap_or(DEFAULT_SECS_PER_ITEM);
        let evidence = MockEvidence::of(summaries.iter().copied(), exam, self.now);
        let fresh = Freshness::of(self.history.iter().map(|s| &s.summary));
        Some(plan::plan(&PlanInput {
            today,
            exam_day,
            unseen,
            reviews_by_day,
            secs_per_item,
            minutes_per_day,
            mocks_taken: evidence.mocks,
            fresh_mocks_left: fresh.fresh_mocks_left(&self.banks, spec, &[]),
            mock_minutes: spec.minutes,
        }))
    }
}
