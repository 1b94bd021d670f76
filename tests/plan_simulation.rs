//! Does a date help? Simulated candidates learn a bank over the first days, then review what
//! pyexam's study queue says is due each day until the exam, once with the exam date set (no
//! review falls after it) and once without. Each answer is right with FSRS's own
//! retrievability at that moment. The figure is the mean retrievability of every item on exam
//! day: what the candidate would still recall. docs/study.md states the measured figures.
//!
//! The date costs more reviews, so a third run gives the undated candidate the same workload:
//! FSRS's own knob for reviewing more, a higher desired retention, raised until the reviews
//! match the dated run's. The date must still win at equal work.

use chrono::{DateTime, Duration, TimeZone, Utc};
use pyexam::study::{Scheduled, due_by};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rs_fsrs::{Card, FSRS, Parameters, Rating};

const CANDIDATES: usize = 300;
const ITEMS: usize = 60;
/// First answers come over these first days; the exam is on `EXAM_DAY`.
const LEARNING_DAYS: i64 = 10;
const EXAM_DAY: i64 = 24;

struct Outcome {
    retention: f64,
    reviews: usize,
}

/// pyexam's scheduler (`study::schedule::scheduler`) at another desired retention.
fn scheduler_at(retention: f64) -> FSRS {
    FSRS::new(Parameters {
        request_retention: retention,
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

/// pyexam's default desired retention.
const RETENTION: f64 = 0.9;

fn simulate(with_date: bool, retention: f64, seed: u64) -> Outcome {
    let fsrs = scheduler_at(retention);
    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 1, 1, 18, 0, 0).unwrap();
    let exam = start + Duration::days(EXAM_DAY);
    let deadline = with_date.then(|| exam - Duration::days(1) - Duration::hours(18));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut retention, mut reviews) = (0.0, 0);
    for _ in 0..CANDIDATES {
        let mut items: Vec<Option<Scheduled>> = vec![None; ITEMS];
        for day in 0..EXAM_DAY {
            let now = start + Duration::days(day);
            // Due reviews first (as the queue orders them), then the day's new items.
            for slot in items.iter_mut().flatten() {
                if due_by(slot, deadline) <= now {
                    let right = rng.random_bool(slot.card.get_retrievability(now).clamp(0.0, 1.0));
                    let rating = if right { Rating::Good } else { Rating::Again };
                    slot.card = fsrs.next(slot.card.clone(), now, rating).card;
                    slot.last = rating;
                    reviews += 1;
                }
            }
            if day < LEARNING_DAYS {
                let per_day = ITEMS / LEARNING_DAYS as usize;
                for slot in items.iter_mut().skip(day as usize * per_day).take(per_day) {
                    let first = Card {
                        due: now,
                        last_review: now,
                        ..Card::default()
                    };
                    // A first answer: right two times in three.
                    let rating = if rng.random_bool(2.0 / 3.0) {
                        Rating::Good
                    } else {
                        Rating::Again
                    };
                    *slot = Some(Scheduled {
                        card: fsrs.next(first, now, rating).card,
                        last: rating,
                        last_in_mock: false,
                    });
                }
            }
        }
        let r: f64 = items
            .iter()
            .flatten()
            .map(|s| s.card.get_retrievability(exam))
            .sum::<f64>()
            / ITEMS as f64;
        retention += r;
    }
    Outcome {
        retention: retention / CANDIDATES as f64,
        reviews,
    }
}

/// The undated run at the desired retention whose reviews come closest to `reviews` (FSRS
/// reviews more as the retention asked for rises): bisection over [0.9, 0.99].
fn undated_with_the_same_work(reviews: usize, seed: u64) -> (f64, Outcome) {
    let (mut low, mut high) = (RETENTION, 0.99);
    let mut best = (RETENTION, simulate(false, RETENTION, seed));
    for _ in 0..14 {
        let mid = (low + high) / 2.0;
        let run = simulate(false, mid, seed);
        if run.reviews < reviews {
            low = mid;
        } else {
            high = mid;
        }
        if run.reviews.abs_diff(reviews) < best.1.reviews.abs_diff(reviews) {
            best = (mid, run);
        }
    }
    best
}

#[test]
fn reviewing_to_a_date_leaves_more_remembered_on_exam_day() {
    let dated = simulate(true, RETENTION, 1);
    let undated = simulate(false, RETENTION, 1);
    let (retention, same_work) = undated_with_the_same_work(dated.reviews, 1);
    let per = |o: &Outcome| o.reviews as f64 / CANDIDATES as f64;
    let figures = [
        format!(
            "with an exam date: {:.1}% recalled on exam day, {:.0} reviews",
            dated.retention * 100.0,
            per(&dated)
        ),
        format!(
            "without a date: {:.1}% recalled on exam day, {:.0} reviews",
            undated.retention * 100.0,
            per(&undated)
        ),
        format!(
            "without a date, same workload (desired retention {:.3}): {:.1}% recalled on exam day, {:.0} reviews",
            retention,
            same_work.retention * 100.0,
            per(&same_work)
        ),
    ];
    println!("{figures:#?}");
    assert!(dated.retention > undated.retention + 0.01, "{figures:?}");
    // Equal work within 2%, and the date still ahead.
    assert!(
        same_work.reviews.abs_diff(dated.reviews) * 50 <= dated.reviews,
        "{figures:?}"
    );
    assert!(dated.retention > same_work.retention, "{figures:?}");
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/study.md")).unwrap();
    for f in &figures {
        assert!(doc.contains(f.as_str()), "docs/study.md must state: {f}");
    }
}
