//! Exam dates (`<home>/exam-dates.json`): the day each exam is booked for, set with
//! `pyexam plan EXAM --date`. Written atomically; a damaged file reads as no dates (and is
//! replaced by the next `plan --date`).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::safety::{self, read_in_home};
use super::{Store, StoreError, create_private_dir, io, write_atomic};

impl Store {
    fn dates_path(&self) -> std::path::PathBuf {
        self.home().join("exam-dates.json")
    }

    /// The exam date of every exam that has one.
    pub fn exam_dates(&self) -> BTreeMap<String, NaiveDate> {
        read_in_home(&self.dates_path(), safety::MAX_ATTEMPT)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Set (or with `None` clear) the date of `exam`.
    pub fn set_exam_date(&self, exam: &str, date: Option<NaiveDate>) -> Result<(), StoreError> {
        let mut dates = self.exam_dates();
        match date {
            Some(d) => dates.insert(exam.to_string(), d),
            None => dates.remove(exam),
        };
        create_private_dir(self.home()).map_err(io(self.home()))?;
        let json = serde_json::to_vec_pretty(&dates).expect("dates serialize");
        write_atomic(&self.dates_path(), &json)
    }
}
