//! How a mock's time was spent: per section against its share of the limit, the slowest items,
//! and whether the candidate was on pace at half time. From the seconds each item was on
//! screen (summed over visits), so it needs no timeline.

use serde::Serialize;

use super::score::SectionScore;
use super::summary::{ItemResult, Summary};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionTime {
    pub section: String,
    pub title: String,
    pub secs: u64,
    /// The section's share of the limit by its number of items.
    pub share_secs: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlowItem {
    /// 1-based position in the mock.
    pub number: usize,
    pub id: String,
    pub secs: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pace {
    Ahead,
    OnPace,
    Behind,
}

impl Pace {
    pub fn name(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::OnPace => "on pace",
            Pace::Behind => "behind",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pacing {
    pub sections: Vec<SectionTime>,
    /// The five slowest items, slowest first.
    pub slowest: Vec<SlowItem>,
    /// The item on screen when half the limit was used (items in order); `None` when the
    /// mock was submitted before half time.
    pub at_half_time: Option<usize>,
    pub items: usize,
    /// Answered, partly answered and unanswered items, as the exam counted them.
    pub tally: super::Tally,
    pub pace: Pace,
}

/// Within this share of the expected item the candidate is "on pace".
const SLACK: f64 = 0.15;

impl Pacing {
    /// `None` for attempts without recorded item times (drills, older mocks).
    pub fn of_summary(s: &Summary) -> Option<Pacing> {
        Pacing::of(&s.results, &s.report.sections, s.limit_secs?)
    }

    pub fn of(results: &[ItemResult], sections: &[SectionScore], limit_secs: u64) -> Option<Pacing> {
        if limit_secs == 0 || results.iter().all(|r| r.secs == 0) {
            return None;
        }
        let n = results.len();
        let sections = sections
            .iter()
            .map(|s| {
                let count = results.iter().filter(|r| r.section == s.id).count();
                SectionTime {
                    section: s.id.clone(),
                    title: s.title.clone(),
                    secs: results.iter().filter(|r| r.section == s.id).map(|r| r.secs).sum(),
                    share_secs: limit_secs * count as u64 / n.max(1) as u64,
                }
            })
            .collect();
        let mut slowest: Vec<SlowItem> = results
            .iter()
            .enumerate()
            .filter(|(_, r)| r.secs > 0)
            .map(|(i, r)| SlowItem {
                number: i + 1,
                id: r.id.to_string(),
                secs: r.secs,
            })
            .collect();
        slowest.sort_by(|a, b| b.secs.cmp(&a.secs).then(a.number.cmp(&b.number)));
        slowest.truncate(5);
        // Items taken in order: the one where the running total passes half the limit.
        let half = limit_secs / 2;
        let mut total = 0;
        let at_half_time = results.iter().position(|r| {
            total += r.secs;
            total > half
        });
        let pace = match at_half_time {
            None => Pace::Ahead,
            Some(i) => {
                // Items finished before half time, against half of them.
                let reached = i as f64;
                let expected = n as f64 / 2.0;
                if reached < expected * (1.0 - SLACK) {
                    Pace::Behind
                } else if reached > expected * (1.0 + SLACK) {
                    Pace::Ahead
                } else {
                    Pace::OnPace
                }
            }
        };
        Some(Pacing {
            sections,
            slowest,
            at_half_time: at_half_time.map(|i| i + 1),
            items: n,
            tally: super::Tally::of(results.iter().map(|r| match (r.answered, r.partly) {
                (false, _) => super::Answered::Not,
                (true, true) => super::Answered::Partly,
                (true, false) => super::Answered::Fully,
            })),
            pace,
        })
    }

    /// "item 12 of 30 at half time: behind".
    pub fn summary(&self) -> String {
        match self.at_half_time {
            Some(at) => format!("item {at} of {} at half time: {}", self.items, self.pace.name()),
            None => format!("submitted before half time, {}", self.tally.brief()),
        }
    }
}

/// The quiet notice a mock shows when the time left passes half, a quarter or five minutes of
/// the limit (the smallest mark passed, if several were at once, e.g. on resume).
pub fn time_mark(limit: u64, left_before: u64, left_now: u64) -> Option<String> {
    let marks = [
        (limit / 2, "Half the time is left"),
        (limit / 4, "A quarter of the time is left"),
        (300, "5 minutes left"),
    ];
    marks
        .iter()
        .filter(|(at, _)| *at < limit && left_before > *at && left_now <= *at)
        .min_by_key(|(at, _)| *at)
        .map(|(at, text)| format!("{text} ({}:{:02}).", at / 60, at % 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(secs: &[u64]) -> Vec<ItemResult> {
        secs.iter()
            .enumerate()
            .map(|(i, &s)| ItemResult {
                id: format!("q{i}").into(),
                section: if i < 2 { "a" } else { "b" }.into(),
                objective: None,
                answered: true,
                partly: false,
                correct: true,
                flagged: false,
                credit: 1.0,
                tries: 0,
                unsure: false,
                secs: s,
                shown: true,
            })
            .collect()
    }

    fn sections() -> Vec<SectionScore> {
        ["a", "b"]
            .iter()
            .map(|id| SectionScore {
                id: id.to_string(),
                title: id.to_uppercase(),
                weight: 50,
                correct: 0,
                total: 2,
                earned: None,
            })
            .collect()
    }

    #[test]
    fn pace_is_read_at_half_time() {
        // 4 items, 400 s: half time is 200 s.
        let cases: &[(&[u64], Option<usize>, Pace)] = &[
            (&[100, 100, 100, 100], Some(3), Pace::OnPace),
            (&[50, 50, 50, 250], Some(4), Pace::Ahead),
            (&[150, 40, 100, 100], Some(3), Pace::OnPace),
            (&[150, 60, 100, 100], Some(2), Pace::Behind),
            (&[250, 50, 50, 50], Some(1), Pace::Behind),
            (&[20, 20, 20, 20], None, Pace::Ahead),
        ];
        for (secs, at, pace) in cases {
            let p = Pacing::of(&results(secs), &sections(), 400).unwrap();
            assert_eq!((p.at_half_time, p.pace), (*at, *pace), "{secs:?}");
        }
    }

    #[test]
    fn time_marks_fire_once_when_passed() {
        // A 40-minute mock: marks at 20:00, 10:00 and 5:00 left.
        let limit = 2400;
        assert_eq!(
            time_mark(limit, 1201, 1200).as_deref(),
            Some("Half the time is left (20:00).")
        );
        assert_eq!(time_mark(limit, 1200, 1199), None);
        assert_eq!(
            time_mark(limit, 601, 590).as_deref(),
            Some("A quarter of the time is left (10:00).")
        );
        assert_eq!(
            time_mark(limit, 301, 300).as_deref(),
            Some("5 minutes left (5:00).")
        );
        assert_eq!(
            time_mark(limit, 2400, 250).as_deref(),
            Some("5 minutes left (5:00).")
        );
        // A 4-minute mock has no 5-minute mark.
        assert_eq!(time_mark(240, 241, 200), None);
        assert_eq!(
            time_mark(240, 121, 119).as_deref(),
            Some("Half the time is left (2:00).")
        );
    }

    #[test]
    fn sections_and_slowest_items() {
        let p = Pacing::of(&results(&[10, 70, 30, 60, 0, 0, 5]), &sections(), 700).unwrap();
        assert_eq!(p.sections[0].secs, 80);
        assert_eq!(p.sections[0].share_secs, 200);
        assert_eq!(p.sections[1].secs, 95);
        let slow: Vec<(usize, u64)> = p.slowest.iter().map(|s| (s.number, s.secs)).collect();
        assert_eq!(slow, [(2, 70), (4, 60), (3, 30), (1, 10), (7, 5)]);
        assert_eq!(p.summary(), "submitted before half time, 7/7 answered");
        assert_eq!(Pacing::of(&results(&[0, 0]), &sections(), 700), None);
    }
}
