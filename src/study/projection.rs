//! Where the plan leads: FSRS's forecast of how much of what you have studied you still recall
//! on exam day if you follow the plan. A Monte Carlo run replays the days to the exam: each
//! review falls when the deadline-capped schedule says (`due_by`), is right with the card's
//! retrievability at that moment, and each day's planned new items arrive with your first-try
//! accuracy. A day holds what the daily budget holds: the most forgotten due items first, then
//! the new ones; what does not fit waits for the next day. The figure is the mean retrievability on exam day of every item studied by then;
//! the range is the 10th to 90th percentile over the runs. It forecasts memory, not a pass
//! chance: readiness.md explains why no pass chance is projected. `tests/plan_simulation.rs`
//! checks the same machinery on simulated candidates.

use chrono::{DateTime, Duration, Utc};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rs_fsrs::{Card, Rating};
use serde::Serialize;

use super::{Scheduled, due_by, schedule::scheduler};

/// Runs of the Monte Carlo forecast.
pub const RUNS: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// Mean recall on exam day of the items studied by then (0-1), and its 80% range.
    pub recall: f64,
    pub low: f64,
    pub high: f64,
    /// Items studied by exam day, and still never seen then.
    pub studied: usize,
    pub unseen: usize,
}

/// What the forecast starts from.
pub struct Start<'a> {
    /// The exam's items already studied, in their current state.
    pub cards: Vec<&'a Scheduled>,
    /// When the forecast starts, each study day after it (one a day), and the exam.
    pub now: DateTime<Utc>,
    pub exam: DateTime<Utc>,
    /// The deadline reviews are capped at (the day before the exam).
    pub deadline: Option<DateTime<Utc>>,
    /// New items planned for each study day from today.
    pub new_per_day: Vec<usize>,
    /// Items never seen now.
    pub unseen: usize,
    /// Share of first answers that are right (history's, else 2/3).
    pub first_right: f64,
    /// Items (reviews and new) the daily budget holds.
    pub per_day: usize,
}

pub fn project(start: &Start, seed: u64) -> Option<Projection> {
    let planned: usize = start.new_per_day.iter().sum::<usize>().min(start.unseen);
    if start.cards.len() + planned == 0 || start.exam <= start.now {
        return None;
    }
    let fsrs = scheduler();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut figures = Vec::with_capacity(RUNS);
    // Items studied by exam day (the same in every run: the budget does not depend on chance).
    let mut studied = 0;
    for _ in 0..RUNS {
        let mut cards: Vec<Scheduled> = start.cards.iter().map(|s| (*s).clone()).collect();
        let mut left = start.unseen;
        for (day, &new) in start.new_per_day.iter().enumerate() {
            let at = start.now + Duration::days(day as i64);
            if at >= start.exam {
                break;
            }
            // The day's budget: the most forgotten due items first.
            let mut due: Vec<(f64, usize)> = cards
                .iter()
                .enumerate()
                .filter(|(_, s)| due_by(s, start.deadline) <= at)
                .map(|(i, s)| (s.card.get_retrievability(at).clamp(0.0, 1.0), i))
                .collect();
            due.sort_by(|a, b| a.0.total_cmp(&b.0));
            due.truncate(start.per_day);
            let room = start.per_day - due.len();
            for (p, i) in due {
                let s = &mut cards[i];
                let rating = if rng.random_bool(p) {
                    Rating::Good
                } else {
                    Rating::Again
                };
                s.card = fsrs.next(s.card.clone(), at, rating).card;
                (s.last, s.last_in_mock) = (rating, false);
            }
            for _ in 0..new.min(left).min(room) {
                let first = Card {
                    due: at,
                    last_review: at,
                    ..Card::default()
                };
                let rating = if rng.random_bool(start.first_right.clamp(0.0, 1.0)) {
                    Rating::Good
                } else {
                    Rating::Again
                };
                cards.push(Scheduled {
                    card: fsrs.next(first, at, rating).card,
                    last: rating,
                    last_in_mock: false,
                });
                left -= 1;
            }
        }
        studied = cards.len();
        let total: f64 = cards.iter().map(|s| s.card.get_retrievability(start.exam)).sum();
        figures.push(total / cards.len().max(1) as f64);
    }
    figures.sort_by(f64::total_cmp);
    let at = |q: f64| figures[((figures.len() - 1) as f64 * q).round() as usize];
    Some(Projection {
        recall: figures.iter().sum::<f64>() / figures.len() as f64,
        low: at(0.1),
        high: at(0.9),
        studied,
        unseen: start.unseen + start.cards.len() - studied,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn learned(at: DateTime<Utc>, n: usize) -> Vec<Scheduled> {
        let fsrs = scheduler();
        (0..n)
            .map(|_| {
                let card = Card {
                    due: at,
                    last_review: at,
                    ..Card::default()
                };
                Scheduled {
                    card: fsrs.next(card, at, Rating::Good).card,
                    last: Rating::Good,
                    last_in_mock: false,
                }
            })
            .collect()
    }

    #[test]
    fn reviewing_to_the_date_forecasts_more_recall_than_not_reviewing() {
        let now = Utc.with_ymd_and_hms(2026, 12, 6, 18, 0, 0).unwrap();
        let exam = now + Duration::days(30);
        let cards = learned(now - Duration::days(2), 40);
        let start = |deadline, days: usize| Start {
            cards: cards.iter().collect(),
            now,
            exam,
            deadline,
            new_per_day: vec![0; days],
            unseen: 0,
            first_right: 0.7,
            per_day: 100,
        };
        // Studying every day to the exam, reviews capped before it, against studying no more.
        let planned = project(&start(Some(exam - Duration::days(1)), 30), 1).unwrap();
        let idle = project(&start(None, 0), 1).unwrap();
        assert!(planned.recall > idle.recall + 0.05, "{planned:?} {idle:?}");
        assert!(planned.low <= planned.recall && planned.recall <= planned.high);
        assert_eq!((planned.studied, planned.unseen), (40, 0));
        // Idle: every run is the same (no review, no chance), so the range closes.
        assert!((idle.high - idle.low).abs() < 1e-9);
    }

    #[test]
    fn planned_new_items_count_as_studied_and_the_rest_as_unseen() {
        let now = Utc.with_ymd_and_hms(2026, 12, 6, 18, 0, 0).unwrap();
        let p = project(
            &Start {
                cards: Vec::new(),
                now,
                exam: now + Duration::days(5),
                deadline: None,
                new_per_day: vec![10, 10, 10, 0, 0],
                unseen: 50,
                first_right: 0.7,
                per_day: 30,
            },
            3,
        )
        .unwrap();
        assert_eq!((p.studied, p.unseen), (30, 20));
        assert!(p.recall > 0.5 && p.recall < 1.0, "{p:?}");
    }

    #[test]
    fn a_day_holds_only_what_the_budget_holds() {
        let now = Utc.with_ymd_and_hms(2026, 12, 6, 18, 0, 0).unwrap();
        let exam = now + Duration::days(20);
        let cards = learned(now - Duration::days(30), 100);
        let start = |per_day| Start {
            cards: cards.iter().collect(),
            now,
            exam,
            deadline: Some(exam - Duration::days(1)),
            new_per_day: vec![5; 20],
            unseen: 100,
            first_right: 0.7,
            per_day,
        };
        let roomy = project(&start(200), 2).unwrap();
        let tight = project(&start(5), 2).unwrap();
        assert!(roomy.recall > tight.recall, "{roomy:?} {tight:?}");
        // Five a day, all taken by the 100 due reviews first: no room for new items.
        assert_eq!((tight.studied, tight.unseen), (100, 100));
        assert_eq!((roomy.studied, roomy.unseen), (200, 0));
    }
}
