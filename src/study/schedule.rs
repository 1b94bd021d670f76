//! History replayed through FSRS (the `rs-fsrs` crate, its long-term scheduler: intervals in
//! whole days, as suits exam items seen every few days rather than flashcards drilled by the
//! minute).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating};

use crate::session::{ItemResult, Mode, Summary};

/// One answer as FSRS sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub item_id: String,
    pub at: DateTime<Utc>,
    pub rating: Rating,
    /// A mock shows no key: its misses and lucky guesses are due at once (see `Scheduled::due`).
    pub in_mock: bool,
}

/// The rating of one answer: wrong → Again; right but flagged (mock) or marked unsure (drill,
/// study) → Hard; right → Good. A drill item needing retries counts as its first answer, wrong.
/// `None`: a drill item never reached, or a mock item never on screen (no evidence either way).
pub fn rating(mode: Mode, r: &ItemResult) -> Option<Rating> {
    if !r.shown {
        return None;
    }
    let right = match mode {
        Mode::Mock => r.correct,
        Mode::Drill | Mode::Study => match r.tries {
            0 => return None,
            1 => r.correct,
            _ => false,
        },
    };
    Some(match (right, r.flagged || r.unsure) {
        (false, _) => Rating::Again,
        (true, true) => Rating::Hard,
        (true, false) => Rating::Good,
    })
}

/// Every answer to `exam` in history, oldest first (answers carry their attempt's finish time).
pub fn reviews<'a>(summaries: impl IntoIterator<Item = &'a Summary>, exam: &str) -> Vec<Review> {
    let mut out: Vec<Review> = summaries
        .into_iter()
        .filter(|s| s.exam == exam)
        .flat_map(|s| {
            s.results.iter().filter_map(move |r| {
                Some(Review {
                    item_id: r.id.to_string(),
                    at: s.finished_at,
                    rating: rating(s.mode, r)?,
                    in_mock: s.mode == Mode::Mock,
                })
            })
        })
        .collect();
    // Stable: two attempts finished in the same second keep history's order.
    out.sort_by_key(|r| r.at);
    out
}

/// One item's state after its last review.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    pub card: Card,
    pub last: Rating,
    pub last_in_mock: bool,
}

impl Scheduled {
    /// When the item should be seen again. FSRS's own due date, except after a mock's miss or
    /// lucky guess: the mock never showed the key, so the item is due the moment it was
    /// answered (like a learning step of zero), and FSRS's interval applies from the next
    /// answer given with feedback.
    pub fn due(&self) -> DateTime<Utc> {
        if self.last_in_mock && self.last != Rating::Good {
            self.card.last_review
        } else {
            self.card.due
        }
    }
}

/// Every reviewed item's state, by item id.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    pub items: HashMap<String, Scheduled>,
}

/// pyexam's FSRS: the crate's default weights and 90% retention, long-term (day) intervals,
/// no fuzz (the same history always gives the same dates).
pub fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

impl Schedule {
    pub fn replay(reviews: &[Review]) -> Schedule {
        Schedule::replay_with(&scheduler(), reviews)
    }

    /// Replay `reviews` (oldest first) through `fsrs`.
    pub fn replay_with(fsrs: &FSRS, reviews: &[Review]) -> Schedule {
        let mut items: HashMap<String, Scheduled> = HashMap::new();
        for r in reviews {
            let card = match items.get(&r.item_id) {
                Some(s) => s.card.clone(),
                None => Card {
                    due: r.at,
                    last_review: r.at,
                    ..Card::default()
                },
            };
            let next = fsrs.next(card, r.at, r.rating).card;
            items.insert(
                r.item_id.clone(),
                Scheduled {
                    card: next,
                    last: r.rating,
                    last_in_mock: r.in_mock,
                },
            );
        }
        Schedule { items }
    }

    pub fn get(&self, id: &str) -> Option<&Scheduled> {
        self.items.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    /// The long-term scheduler's reference test in rs-fsrs 1.2.1 (src/tests.rs,
    /// `test_long_term_scheduler`): its weights, its ratings, each review on the due date.
    const WEIGHTS: [f64; 19] = [
        0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178, 2.0225,
        0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468,
    ];
    const EXPECTED_INTERVALS: [i64; 13] = [3, 13, 48, 155, 445, 1158, 17, 3, 9, 27, 74, 190, 457];
    const EXPECTED_STABILITY: [f64; 13] = [
        3.0412, 13.0913, 48.1585, 154.9373, 445.0556, 1158.0778, 16.6306, 2.9888, 9.4633, 26.9474, 73.9723,
        189.7037, 457.4379,
    ];

    fn result(id: &str, correct: bool) -> ItemResult {
        ItemResult {
            id: id.into(),
            section: "s".into(),
            objective: None,
            answered: true,
            partly: false,
            correct,
            flagged: false,
            credit: if correct { 1.0 } else { 0.0 },
            tries: 1,
            unsure: false,
            secs: 0,
            shown: true,
        }
    }

    fn summary(at: DateTime<Utc>, results: Vec<ItemResult>) -> Summary {
        Summary {
            mode: Mode::Study,
            exam: "x".into(),
            code: "X".into(),
            topic: None,
            seed: None,
            started_at: at,
            finished_at: at,
            used_secs: 0,
            limit_secs: None,
            standard_time: false,
            timed_out: false,
            report: crate::session::Report::new(&[], 70, &[], &[]),
            results,
        }
    }

    #[test]
    fn replay_matches_the_crates_reference_intervals() {
        let fsrs = FSRS::new(Parameters {
            w: WEIGHTS,
            enable_short_term: false,
            ..Parameters::default()
        });
        // Good ×6, Again ×2, Good ×5 as study answers: right, right, ..., wrong, wrong, right...
        let right = [
            true, true, true, true, true, true, false, false, true, true, true, true, true,
        ];
        let mut now = Utc.with_ymd_and_hms(2022, 11, 29, 12, 30, 0).unwrap();
        let mut history = Vec::new();
        for (step, &r) in right.iter().enumerate() {
            history.push(summary(now, vec![result("q", r)]));
            let s = Schedule::replay_with(&fsrs, &reviews(&history, "x"));
            let card = &s.get("q").unwrap().card;
            assert_eq!(card.scheduled_days, EXPECTED_INTERVALS[step], "step {step}");
            let stability = (card.stability * 10_000.0).round() / 10_000.0;
            assert_eq!(stability, EXPECTED_STABILITY[step], "step {step}");
            now = card.due;
        }
    }

    #[test]
    fn ratings_follow_right_flag_and_retries() {
        let mut r = result("q", true);
        assert_eq!(rating(Mode::Study, &r), Some(Rating::Good));
        r.unsure = true;
        assert_eq!(rating(Mode::Study, &r), Some(Rating::Hard));
        r.tries = 2;
        assert_eq!(rating(Mode::Drill, &r), Some(Rating::Again));
        r.tries = 0;
        assert_eq!(rating(Mode::Drill, &r), None);
        let mut m = result("q", true);
        m.tries = 0;
        m.flagged = true;
        assert_eq!(rating(Mode::Mock, &m), Some(Rating::Hard));
        m.correct = false;
        m.answered = false;
        assert_eq!(rating(Mode::Mock, &m), Some(Rating::Again));
    }

    #[test]
    fn a_mock_miss_is_due_at_once_and_a_study_miss_tomorrow() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut mock = summary(t, vec![result("miss", false), result("hit", true)]);
        mock.mode = Mode::Mock;
        let s = Schedule::replay(&reviews(&[mock.clone()], "x"));
        assert_eq!(s.get("miss").unwrap().due(), t);
        assert!(s.get("hit").unwrap().due() >= t + Duration::days(3));
        let later = t + Duration::hours(1);
        let study = summary(later, vec![result("miss", false)]);
        let s = Schedule::replay(&reviews(&[mock, study], "x"));
        assert_eq!(s.get("miss").unwrap().due(), later + Duration::days(1));
    }
}
