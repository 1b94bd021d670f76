//! The study queue is derived by replaying every answer in history through FSRS. How much does
//! that cost at 1,000 and 10,000 answers (about 33 and 333 PCEP mocks)? `replay`: reviews from
//! the summaries and the FSRS replay; `queue`: that plus mastery and today's queue, as the menu's
//! "Study (N due)" and `pyexam study` compute it.
//!
//! `cargo bench --bench study`

use chrono::{Duration, TimeZone, Utc};
use divan::Bencher;
use pyexam::bank::{self, BankSource};
use pyexam::insight::{Mastery, history_events};
use pyexam::session::{Blueprint, Session, Summary};
use pyexam::study::{Queue, Schedule, reviews};

fn main() {
    divan::main();
}

const ANSWERS: &[usize] = &[1_000, 10_000];

/// PCEP mocks a day apart, `n` answers in all, every third answer wrong.
fn history(n: usize) -> Vec<Summary> {
    let banks = bank::load(&BankSource::Embedded).banks;
    let spec = banks.exam("pcep").unwrap().clone();
    let t0 = Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0).unwrap();
    let mut out = Vec::new();
    let mut answers = 0;
    let mut seed = 0;
    while answers < n {
        let items = Blueprint::draw(&banks, &spec, &Default::default(), seed)
            .unwrap()
            .items;
        let start = t0 + Duration::days(seed as i64);
        let mut s = Session::new(&spec, items, seed, None, start);
        for k in 0..s.items.len() {
            s.go_to(k);
            s.choose(k % 3);
        }
        answers += s.items.len();
        out.push(Summary::of(&s.finish(
            &spec,
            start + Duration::minutes(35),
            false,
        )));
        seed += 1;
    }
    out
}

#[divan::bench(args = ANSWERS, sample_count = 20)]
fn replay(bencher: Bencher, n: usize) {
    let h = history(n);
    bencher.bench(|| Schedule::replay(&reviews(&h, "pcep")));
}

#[divan::bench(args = ANSWERS, sample_count = 20)]
fn queue(bencher: Bencher, n: usize) {
    let h = history(n);
    let banks = bank::load(&BankSource::Embedded).banks;
    let spec = banks.exam("pcep").unwrap().clone();
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    bencher.bench(|| {
        let schedule = Schedule::replay(&reviews(&h, "pcep"));
        let events = history_events(h.iter(), &banks);
        let mastery = Mastery::new(&spec, &events, now);
        Queue::build(&banks, &schedule, &mastery, now, 20)
    });
}
