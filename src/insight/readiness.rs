//! Readiness: the predicted score of the next mock, an 80% interval and the chance of passing.
//!
//! Each section's score share in a mock is the mean credit of the items drawn from it. With the
//! section's true level `p` unknown (its Beta posterior, mean m, variance v) and `n` items drawn,
//! that share has mean m and variance v + (m(1-m) - v)/n (a Beta-binomial). The exam score is
//! the weighted sum over sections; the sections are taken as independent and the sum as normal
//! (analytic, so no random numbers are needed and the result is the same every time).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::mastery::{Mastery, Z80};
use crate::exam::ExamSpec;
use crate::session::{Mode, Summary};

/// The back-test found the interval a little narrow (sections are not quite independent and
/// scores are discrete): the standard deviation is widened by this factor, which brings the
/// held-out coverage of the 80% interval to 80% (docs/readiness.md).
pub const SD_INFLATION: f64 = 1.07;

/// Full mocks at standard time needed before any predicted score or chance of passing...
pub const MOCKS_FOR_VERDICT: usize = 2;
/// ...the last of them at most this many days old.
pub const RECENT_DAYS: i64 = 30;
/// A mock counts as a full mock once at least this share of its items was on screen.
pub const FULL_MOCK_SHOWN: f64 = 0.5;

/// The mocks behind a verdict: how many full standard-time mocks of the exam there are and
/// when the last was taken. Drills, study sessions and `--minutes` mocks are evidence for
/// mastery, never mock scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MockEvidence {
    pub mocks: usize,
    pub last: Option<DateTime<Utc>>,
    /// Whole days from the last full mock to now.
    pub days_since_last: Option<i64>,
}

impl MockEvidence {
    /// Whether an attempt counts towards a verdict: a mock at the official time (timed out or
    /// not) that showed at least half its items.
    pub fn counts(s: &Summary) -> bool {
        let shown = s.results.iter().filter(|r| r.shown).count();
        s.mode == Mode::Mock
            && s.standard_time
            && !s.results.is_empty()
            && shown as f64 >= FULL_MOCK_SHOWN * s.results.len() as f64
    }

    pub fn of<'a>(
        summaries: impl IntoIterator<Item = &'a Summary>,
        exam: &str,
        now: DateTime<Utc>,
    ) -> MockEvidence {
        let (mut mocks, mut last) = (0, None::<DateTime<Utc>>);
        for s in summaries
            .into_iter()
            .filter(|s| s.exam == exam && MockEvidence::counts(s))
        {
            mocks += 1;
            last = Some(last.map_or(s.finished_at, |l| l.max(s.finished_at)));
        }
        MockEvidence {
            mocks,
            last,
            days_since_last: last.map(|l| (now - l).num_days().max(0)),
        }
    }

    /// Enough for a verdict: `MOCKS_FOR_VERDICT` mocks, the last within `RECENT_DAYS`.
    pub fn is_enough(&self) -> bool {
        self.mocks >= MOCKS_FOR_VERDICT && self.days_since_last.is_some_and(|d| d <= RECENT_DAYS)
    }
}

/// At least this chance of passing reads "ready"; at least `CLOSE` reads "borderline".
pub const READY: f64 = 0.8;
pub const CLOSE: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Ready,
    Borderline,
    NotReady,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ready => "ready",
            Verdict::Borderline => "borderline",
            Verdict::NotReady => "not ready yet",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// Predicted score in percent, with an 80% interval.
    pub score: f64,
    pub low: f64,
    pub high: f64,
    /// The chance that the next mock scores at least the pass mark.
    pub pass_chance: f64,
    pub pass_percent: u32,
    pub verdict: Verdict,
    /// Sections with no answers yet: their estimate is the prior only.
    pub unseen: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Readiness {
    /// No answers to any section of the exam: nothing to predict from.
    NoData,
    /// Answers, but too few recent full mocks for a verdict: no score, no chance of passing.
    NeedMocks {
        mocks: usize,
        need: usize,
        days_since_last: Option<i64>,
    },
    Estimate(Prediction),
}

impl Readiness {
    /// The readiness a candidate is shown: a prediction only with enough mock evidence.
    pub fn new(spec: &ExamSpec, mastery: &Mastery, evidence: &MockEvidence) -> Readiness {
        if !mastery.sections().any(|s| s.estimate.answers > 0) {
            return Readiness::NoData;
        }
        if !evidence.is_enough() {
            return Readiness::NeedMocks {
                mocks: evidence.mocks,
                need: MOCKS_FOR_VERDICT,
                days_since_last: evidence.days_since_last,
            };
        }
        Readiness::predict(spec, mastery)
    }

    /// The prediction from `mastery` whatever the evidence (the back-test measures it).
    pub fn predict(spec: &ExamSpec, mastery: &Mastery) -> Readiness {
        if !mastery.sections().any(|s| s.estimate.answers > 0) {
            return Readiness::NoData;
        }
        let total: f64 = mastery.sections().filter_map(|s| s.weight).map(f64::from).sum();
        let (mut mean, mut var) = (0.0, 0.0);
        for s in mastery.sections() {
            let w = f64::from(s.weight.unwrap_or(0)) / total.max(1.0);
            let (m, v) = (s.estimate.mean(), s.estimate.variance());
            let n = s.items.max(1) as f64;
            mean += w * m;
            var += w * w * (v + (m * (1.0 - m) - v) / n);
        }
        let sd = var.sqrt() * SD_INFLATION;
        let pass = f64::from(spec.pass_percent) / 100.0;
        // Scores are rounded to 0.01% and "at the mark" passes, hence the half-step.
        let pass_chance = if sd > 0.0 {
            1.0 - normal_cdf((pass - 0.00005 - mean) / sd)
        } else if mean >= pass {
            1.0
        } else {
            0.0
        };
        let verdict = if pass_chance >= READY {
            Verdict::Ready
        } else if pass_chance >= CLOSE {
            Verdict::Borderline
        } else {
            Verdict::NotReady
        };
        Readiness::Estimate(Prediction {
            score: mean * 100.0,
            low: ((mean - Z80 * sd) * 100.0).max(0.0),
            high: ((mean + Z80 * sd) * 100.0).min(100.0),
            pass_chance,
            pass_percent: spec.pass_percent,
            verdict,
            unseen: mastery
                .sections()
                .filter(|s| s.estimate.answers == 0)
                .map(|s| s.id.clone())
                .collect(),
        })
    }

    /// The prediction, when there is one.
    pub fn prediction(&self) -> Option<&Prediction> {
        match self {
            Readiness::Estimate(p) => Some(p),
            _ => None,
        }
    }

    /// The readiness line every view shows; `mock` is the command that takes a mock of its
    /// exam (`pyexam exam pcep`).
    pub fn line(&self, mock: &str) -> String {
        match self {
            Readiness::NoData => {
                format!("Readiness: no answers yet, take a mock first ({mock})")
            }
            Readiness::NeedMocks {
                mocks,
                need,
                days_since_last,
            } => match days_since_last {
                Some(days) if mocks >= need => format!(
                    "Readiness: no verdict, your last full mock was {days} days ago: \
                     take a fresh one ({mock}) for a prediction"
                ),
                _ => {
                    let more = need.saturating_sub(*mocks);
                    format!(
                        "Readiness: no verdict yet: take {more} more full mock{} at standard \
                         time ({mock}); a prediction needs {need}, the last within \
                         {RECENT_DAYS} days",
                        if more == 1 { "" } else { "s" }
                    )
                }
            },
            Readiness::Estimate(p) => {
                let mut line = format!(
                    "Readiness: {} · predicted {:.0}% (80%: {:.0}–{:.0}%) · chance of ≥{}%: {:.0}%",
                    p.verdict.label(),
                    p.score,
                    p.low,
                    p.high,
                    p.pass_percent,
                    p.pass_chance * 100.0
                );
                if !p.unseen.is_empty() {
                    line += &format!(" · no answers yet in {}", p.unseen.join(", "));
                }
                line
            }
        }
    }
}

/// Φ(x), from erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7).
pub fn normal_cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::exam::{Objective, Section};
    use crate::insight::events::AnswerEvent;
    use chrono::{DateTime, Duration, TimeZone, Utc};

    pub fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
    }

    pub fn spec() -> ExamSpec {
        let objective = |id: &str| Objective {
            id: id.into(),
            title: format!("Objective {id}"),
        };
        let section = |id: &str, items, weight, objectives: &[&str]| Section {
            id: id.into(),
            title: id.to_uppercase(),
            items,
            weight,
            objectives: objectives.iter().map(|o| objective(o)).collect(),
        };
        ExamSpec {
            id: "x".into(),
            code: "X-01".into(),
            title: "X".into(),
            items: 25,
            minutes: 30,
            pass_percent: 70,
            sections: vec![
                section("a", 10, 40, &["a.1", "a.2"]),
                section("b", 15, 60, &["b.1"]),
            ],
            drill_topics: vec![],
            mix: None,
            shape: None,
        }
    }

    /// `n` answers in `section`/`objective`, each earning `credit`, on distinct items.
    pub fn events(
        section: &str,
        objective: &str,
        credit: f64,
        n: usize,
        at: DateTime<Utc>,
    ) -> Vec<AnswerEvent> {
        (0..n)
            .map(|i| AnswerEvent {
                item_id: format!("{section}-{objective}-{i}-{}", at.timestamp()),
                exam: "x".into(),
                section: section.into(),
                objective: Some(objective.into()),
                credit,
                at,
                repeat: false,
            })
            .collect()
    }

    /// `mocks` mocks a week apart, each right on `share` of every objective's items.
    fn history(share: f64, mocks: i64) -> Vec<AnswerEvent> {
        let mut out = Vec::new();
        for k in 0..mocks {
            let at = now() - Duration::days(7 * k);
            for (section, objective) in [("a", "a.1"), ("a", "a.2"), ("b", "b.1")] {
                let n = 10;
                let right = (share * n as f64).round() as usize;
                out.extend(events(section, objective, 1.0, right, at));
                out.extend(events(section, objective, 0.0, n - right, at));
            }
        }
        out
    }

    fn readiness(events: &[AnswerEvent]) -> Readiness {
        let spec = spec();
        Readiness::predict(&spec, &Mastery::new(&spec, events, now()))
    }

    fn evidence(mocks: usize, days_since_last: i64) -> MockEvidence {
        MockEvidence {
            mocks,
            last: (mocks > 0).then(|| now() - Duration::days(days_since_last)),
            days_since_last: (mocks > 0).then_some(days_since_last),
        }
    }

    fn gated(events: &[AnswerEvent], evidence: &MockEvidence) -> Readiness {
        let spec = spec();
        Readiness::new(&spec, &Mastery::new(&spec, events, now()), evidence)
    }

    #[test]
    fn no_verdict_before_two_recent_full_mocks() {
        let evs = history(0.9, 1);
        for (mocks, days, want) in [
            (0, 0, false),
            (1, 0, false),
            (2, 31, false),
            (2, 30, true),
            (5, 1, true),
        ] {
            let r = gated(&evs, &evidence(mocks, days));
            assert_eq!(
                r.prediction().is_some(),
                want,
                "{mocks} mocks, {days} days: {r:?}"
            );
        }
        let one = gated(&evs, &evidence(1, 0));
        let line = one.line("pyexam exam x");
        assert!(line.contains("take 1 more full mock"), "{line}");
        assert!(!line.contains('%'), "no number before the evidence: {line}");
        let json = serde_json::to_value(&one).unwrap();
        assert_eq!(json["status"], "need-mocks");
        assert!(json.get("pass_chance").is_none());
        let stale = gated(&evs, &evidence(3, 45)).line("pyexam exam x");
        assert!(stale.contains("45 days ago"), "{stale}");
        assert_eq!(gated(&[], &evidence(0, 0)), Readiness::NoData);
    }

    #[test]
    fn ninety_percent_everywhere_reads_ready() {
        let Readiness::Estimate(p) = readiness(&history(0.9, 3)) else {
            panic!("expected an estimate");
        };
        assert_eq!(p.verdict, Verdict::Ready, "{p:?}");
        assert!(p.low > 70.0 && p.score > 80.0 && p.high <= 100.0, "{p:?}");
        assert!(p.unseen.is_empty());
    }

    #[test]
    fn fifty_percent_everywhere_does_not() {
        let Readiness::Estimate(p) = readiness(&history(0.5, 3)) else {
            panic!("expected an estimate");
        };
        assert_eq!(p.verdict, Verdict::NotReady, "{p:?}");
        assert!(p.pass_chance < 0.08 && p.high < 70.0, "{p:?}");
    }

    #[test]
    fn no_data_says_take_a_mock_first_not_a_number() {
        let r = readiness(&[]);
        assert_eq!(r, Readiness::NoData);
        let line = r.line("pyexam exam x");
        assert_eq!(
            line,
            "Readiness: no answers yet, take a mock first (pyexam exam x)"
        );
        assert!(!line.contains('%'));
    }

    #[test]
    fn one_mock_is_less_sure_than_many() {
        let width = |r: Readiness| match r {
            Readiness::Estimate(p) => p.high - p.low,
            _ => panic!("no prediction"),
        };
        assert!(width(readiness(&history(0.75, 1))) > width(readiness(&history(0.75, 6))));
    }

    #[test]
    fn an_unseen_section_is_named_and_widens_the_interval() {
        let seen_a: Vec<_> = history(0.8, 2).into_iter().filter(|e| e.section == "a").collect();
        let Readiness::Estimate(p) = readiness(&seen_a) else {
            panic!("expected an estimate");
        };
        assert_eq!(p.unseen, ["b"]);
        assert!(
            readiness(&seen_a)
                .line("pyexam exam x")
                .ends_with(" · no answers yet in b")
        );
        assert!(p.high - p.low > 20.0, "{p:?}");
    }

    #[test]
    fn normal_cdf_matches_known_values() {
        for (x, want) in [
            (0.0, 0.5),
            (1.0, 0.841_344_7),
            (-1.281_551_6, 0.1),
            (2.0, 0.977_249_9),
        ] {
            assert!((normal_cdf(x) - want).abs() < 1e-6, "{x}");
        }
    }
}
