//! Mastery per section and objective: a Beta posterior over "the share of credit you earn
//! here", fed by answers weighted by age, so recent answers count more and an estimate built on
//! three answers says how unsure it is.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::events::AnswerEvent;
use crate::exam::ExamSpec;

/// An answer this many days old counts half as much as one given today.
pub const HALF_LIFE_DAYS: f64 = 30.0;

/// An answer to an item already shown before counts this much of a first exposure: it
/// measures memory of that item as well as skill, and the next mock's items are new (mocks
/// draw fresh items first). Chosen by the back-test (tests/readiness_backtest.rs).
pub const REPEAT_WEIGHT: f64 = 0.1;

/// Solid: at least this many distinct items answered, and the low end of the 80% range at or
/// above the pass mark.
pub const SOLID_ITEMS: usize = 3;

/// The prior is worth this many answers, centred on the level above (overall → section →
/// objective), so a section seen twice is pulled towards how the candidate does elsewhere.
pub const PRIOR_ANSWERS: f64 = 2.0;

/// z for an 80% two-sided interval.
pub const Z80: f64 = 1.281_551_6;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Distinct items answered.
    pub seen: usize,
    pub answers: usize,
    /// Plain share of credit earned, no decay; `None` before the first answer.
    pub accuracy: Option<f64>,
    /// Beta(alpha, beta): prior plus age-weighted credit earned and missed.
    pub alpha: f64,
    pub beta: f64,
}

impl Estimate {
    /// The expected share of credit on the next answer here.
    pub fn mean(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    pub fn variance(&self) -> f64 {
        let n = self.alpha + self.beta;
        self.alpha * self.beta / (n * n * (n + 1.0))
    }

    /// An 80% credible interval (normal approximation, clipped to 0..1).
    pub fn interval(&self) -> (f64, f64) {
        let (m, sd) = (self.mean(), self.variance().sqrt());
        ((m - Z80 * sd).max(0.0), (m + Z80 * sd).min(1.0))
    }

    /// What ranks weakest first: the low end of the interval, so "little evidence" ranks below
    /// "known to be fairly good".
    pub fn rank(&self) -> f64 {
        self.interval().0
    }

    /// Solid: enough distinct items answered and even the low end of the range at `pass`
    /// (0..1). One lucky answer never makes an objective solid.
    pub fn is_solid(&self, pass: f64) -> bool {
        self.seen >= SOLID_ITEMS && self.interval().0 >= pass
    }

    /// Weakest first: by `rank`, then (the low end is often clipped at 0) by the mean.
    pub fn weaker(&self, other: &Estimate) -> std::cmp::Ordering {
        self.rank()
            .total_cmp(&other.rank())
            .then(self.mean().total_cmp(&other.mean()))
    }
}

/// Answers collected for one section or objective.
#[derive(Default)]
struct Tally<'a> {
    items: HashSet<&'a str>,
    answers: usize,
    credit: f64,
    weighted_credit: f64,
    weight: f64,
}

impl<'a> Tally<'a> {
    fn add(&mut self, e: &'a AnswerEvent, now: DateTime<Utc>) {
        let age_days = (now - e.at).num_seconds().max(0) as f64 / 86_400.0;
        let repeat = if e.repeat { REPEAT_WEIGHT } else { 1.0 };
        let w = repeat * 0.5_f64.powf(age_days / HALF_LIFE_DAYS);
        self.items.insert(&e.item_id);
        self.answers += 1;
        self.credit += e.credit;
        self.weighted_credit += w * e.credit;
        self.weight += w;
    }

    fn estimate(&self, prior_mean: f64) -> Estimate {
        Estimate {
            seen: self.items.len(),
            answers: self.answers,
            accuracy: (self.answers > 0).then(|| self.credit / self.answers as f64),
            alpha: PRIOR_ANSWERS * prior_mean + self.weighted_credit,
            beta: PRIOR_ANSWERS * (1.0 - prior_mean) + self.weight - self.weighted_credit,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveMastery {
    pub id: String,
    pub title: String,
    pub estimate: Estimate,
}

/// A section (with its weight) or a drill-only topic (no weight).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicMastery {
    pub id: String,
    pub title: String,
    pub weight: Option<u32>,
    /// Items a mock draws from it (0 for a drill topic).
    pub items: usize,
    pub estimate: Estimate,
    /// Weakest first.
    pub objectives: Vec<ObjectiveMastery>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mastery {
    pub exam: String,
    pub overall: Estimate,
    /// Sections, then drill topics; each group weakest first.
    pub topics: Vec<TopicMastery>,
}

impl Mastery {
    /// Mastery of `spec` from `events` (others exams' events are skipped) as of `now`.
    pub fn new<'a>(
        spec: &ExamSpec,
        events: impl IntoIterator<Item = &'a AnswerEvent>,
        now: DateTime<Utc>,
    ) -> Mastery {
        let events: Vec<&AnswerEvent> = events
            .into_iter()
            .filter(|e| e.exam == spec.id && spec.topic_ids().any(|t| t == e.section))
            .collect();
        let mut overall = Tally::default();
        for e in &events {
            overall.add(e, now);
        }
        // Laplace's rule for the top level: no answers at all reads as 50%.
        let overall_mean = (overall.weighted_credit + 1.0) / (overall.weight + 2.0);
        let overall = overall.estimate(overall_mean);
        let topic = |id: &str, title: &str, weight: Option<u32>, items: usize| {
            let mut tally = Tally::default();
            for e in events.iter().filter(|e| e.section == id) {
                tally.add(e, now);
            }
            let estimate = tally.estimate(overall.mean());
            let mut objectives: Vec<ObjectiveMastery> = spec
                .topic_objectives(id)
                .iter()
                .map(|o| {
                    let mut tally = Tally::default();
                    for e in events
                        .iter()
                        .filter(|e| e.section == id && e.objective.as_deref() == Some(o.id.as_str()))
                    {
                        tally.add(e, now);
                    }
                    ObjectiveMastery {
                        id: o.id.clone(),
                        title: o.title.clone(),
                        estimate: tally.estimate(estimate.mean()),
                    }
                })
                .collect();
            objectives.sort_by(|a, b| a.estimate.weaker(&b.estimate));
            TopicMastery {
                id: id.to_string(),
                title: title.to_string(),
                weight,
                items,
                estimate,
                objectives,
            }
        };
        let mut sections: Vec<TopicMastery> = spec
            .sections
            .iter()
            .map(|s| topic(&s.id, &s.title, Some(s.weight), s.items))
            .collect();
        let mut drills: Vec<TopicMastery> = spec
            .drill_topics
            .iter()
            .map(|t| topic(&t.id, &t.title, None, 0))
            .collect();
        for group in [&mut sections, &mut drills] {
            group.sort_by(|a, b| a.estimate.weaker(&b.estimate));
        }
        sections.append(&mut drills);
        Mastery {
            exam: spec.id.clone(),
            overall,
            topics: sections,
        }
    }

    /// Whether any answer counted.
    pub fn has_data(&self) -> bool {
        self.overall.answers > 0
    }

    /// The sections drawn in a mock (not the drill-only topics).
    pub fn sections(&self) -> impl Iterator<Item = &TopicMastery> {
        self.topics.iter().filter(|t| t.weight.is_some())
    }

    /// The `n` weakest objectives of the whole exam, weakest first, with their topic.
    pub fn weakest(&self, n: usize) -> Vec<(&TopicMastery, &ObjectiveMastery)> {
        let mut all: Vec<_> = self
            .topics
            .iter()
            .flat_map(|t| t.objectives.iter().map(move |o| (t, o)))
            .collect();
        all.sort_by(|a, b| a.1.estimate.weaker(&b.1.estimate));
        all.truncate(n);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::readiness::tests::{events, spec};
    use chrono::Duration;

    #[test]
    fn recent_answers_weigh_more_than_old_ones() {
        let now = crate::insight::readiness::tests::now();
        let old_right = events("a", "a.1", 1.0, 10, now - Duration::days(90));
        let new_wrong = events("a", "a.1", 0.0, 10, now);
        let all: Vec<_> = old_right.iter().chain(&new_wrong).collect();
        let m = Mastery::new(&spec(), all, now);
        let a = m.topics.iter().find(|t| t.id == "a").unwrap();
        assert_eq!(a.estimate.accuracy, Some(0.5));
        assert!(a.estimate.mean() < 0.25, "{}", a.estimate.mean());
    }

    #[test]
    fn little_evidence_is_a_wide_interval_and_ranks_weak() {
        let now = crate::insight::readiness::tests::now();
        let mut evs = events("a", "a.1", 1.0, 1, now);
        evs.extend(events("a", "a.2", 0.9, 40, now));
        let m = Mastery::new(&spec(), &evs, now);
        let a = m.topics.iter().find(|t| t.id == "a").unwrap();
        let (few, many) = (&a.objectives[0], &a.objectives[1]);
        assert_eq!(
            (few.id.as_str(), many.id.as_str()),
            ("a.1", "a.2"),
            "few answers rank weaker"
        );
        let width = |e: &Estimate| e.interval().1 - e.interval().0;
        assert!(width(&few.estimate) > 1.5 * width(&many.estimate));
        // Never answered ranks weakest of all: b.1, then the one-answer a.1.
        let weakest: Vec<_> = m.weakest(2).iter().map(|(_, o)| o.id.as_str()).collect();
        assert_eq!(weakest, ["b.1", "a.1"]);
    }

    #[test]
    fn other_exams_and_unknown_sections_are_ignored() {
        let now = crate::insight::readiness::tests::now();
        let mut evs = events("a", "a.1", 1.0, 5, now);
        evs[0].exam = "other".into();
        evs[1].section = "gone".into();
        let m = Mastery::new(&spec(), &evs, now);
        assert_eq!(m.overall.answers, 3);
    }
}
