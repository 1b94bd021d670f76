//! Histories built by taking mocks in an `App` on the objectives fixture bank (exam `mini`).

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use pyexam::bank::{self, BankSet, BankSource};
use pyexam::session::{Attempt, Item};
use pyexam::store::{Store, Stored};
use pyexam::tui::app::{App, Effect, Msg, Screen};

use super::mono;

pub fn objectives_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/objectives")
}

pub fn objective_banks() -> BankSet {
    let loaded = bank::load(&BankSource::Dir(objectives_dir()));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.banks
}

/// A `mini` mock (10 minutes) started 5 minutes before `finished`, answering right exactly the items
/// `right` picks (the others with a wrong option).
pub fn mock(banks: &BankSet, seed: u64, right: impl Fn(&Item) -> bool, finished: DateTime<Utc>) -> Attempt {
    let start = finished - Duration::minutes(5);
    let mut app = App::new(banks.clone(), Vec::new(), None, mono(), 1, start);
    app.start_mock("mini", seed, None, start).unwrap();
    let Screen::Exam(exam) = &app.screen else {
        panic!("exam on screen");
    };
    let items = exam.session.items.clone();
    for item in &items {
        let keyed = item.options.iter().position(|o| o.correct).unwrap();
        let wrong = item.options.iter().position(|o| !o.correct).unwrap();
        app.update(Msg::Choose(if right(item) { keyed } else { wrong }), start);
        app.update(Msg::Next, start);
    }
    app.update(Msg::Submit, finished);
    app.update(Msg::Confirm, finished)
        .into_iter()
        .find_map(|e| match e {
            Effect::SaveAttempt(a) => Some(*a),
            _ => None,
        })
        .expect("submitting saves the attempt")
}

/// `n` mocks three days apart, the last three days before `now`: right on syntax,
/// wrong on loops.
pub fn syntax_strong_loops_weak(banks: &BankSet, n: usize, now: DateTime<Utc>) -> Vec<Attempt> {
    (0..n)
        .map(|k| {
            let finished = now - Duration::days(3 * (n - k) as i64);
            mock(banks, k as u64, |i| i.section == "syntax", finished)
        })
        .collect()
}

pub fn stored(attempts: Vec<Attempt>) -> Vec<Stored> {
    attempts
        .into_iter()
        .enumerate()
        .map(|(i, attempt)| Stored::of(&format!("attempt-{i}"), i + 1, &attempt))
        .collect()
}

/// A home folder holding `attempts`.
pub fn home_with(attempts: &[Attempt]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let store = Store::open(Some(home.path().to_path_buf())).unwrap();
    for a in attempts {
        store.save_attempt(a).unwrap();
    }
    home
}
