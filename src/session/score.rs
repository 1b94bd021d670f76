//! Scoring as the real exams do it: each section contributes its weight times the share of its
//! credit earned; pass at the exam's mark. An item is one credit split over its responses, so a
//! half-right "Select 2" or a slots item with one slot of two right earns 0.5.

use serde::{Deserialize, Serialize};

use super::item::{Answer, Item};
use crate::exam::Section;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionScore {
    pub id: String,
    pub title: String,
    pub weight: u32,
    /// Items fully right.
    pub correct: usize,
    pub total: usize,
    /// Credit earned (partial credit included). Attempts saved before partial credit have
    /// none: their items scored all-or-nothing, so `correct` is their credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earned: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub sections: Vec<SectionScore>,
    /// The weighted score, 0-100.
    pub percent: f64,
    /// Items fully right.
    pub correct: usize,
    pub total: usize,
    pub pass_percent: u32,
    pub passed: bool,
    /// Credit earned over all items (see `SectionScore::earned`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earned: Option<f64>,
}

impl SectionScore {
    pub fn credit(&self) -> f64 {
        self.earned.unwrap_or(self.correct as f64)
    }

    pub fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.credit() / self.total as f64
        }
    }
}

impl Report {
    pub fn credit(&self) -> f64 {
        self.earned.unwrap_or(self.correct as f64)
    }
}

impl Report {
    /// Score answers to `items` against the sections' weights. Sections with no items (a drill
    /// of one topic) drop out and the remaining weights are scaled to 100.
    pub fn new(
        sections: &[Section],
        pass_percent: u32,
        items: &[Item],
        answers: &[Option<Answer>],
    ) -> Report {
        let mut scores: Vec<SectionScore> = sections
            .iter()
            .map(|s| SectionScore {
                id: s.id.clone(),
                title: s.title.clone(),
                weight: s.weight,
                correct: 0,
                total: 0,
                earned: Some(0.0),
            })
            .collect();
        for (i, item) in items.iter().enumerate() {
            let pos = match scores.iter().position(|s| s.id == item.section) {
                Some(p) => p,
                None => {
                    scores.push(SectionScore {
                        id: item.section.clone(),
                        title: item.section.clone(),
                        weight: 0,
                        correct: 0,
                        total: 0,
                        earned: Some(0.0),
                    });
                    scores.len() - 1
                }
            };
            let progress = item.progress(answers.get(i).and_then(|a| a.as_ref()));
            let section = &mut scores[pos];
            section.total += 1;
            section.earned = Some(section.credit() + progress.credit());
            if progress.responses > 0 && progress.earned == progress.responses {
                section.correct += 1;
            }
        }
        scores.retain(|s| s.total > 0);
        let weight: u32 = scores.iter().map(|s| s.weight).sum();
        let correct: usize = scores.iter().map(|s| s.correct).sum();
        let earned: f64 = scores.iter().map(|s| s.credit()).sum();
        let total = items.len();
        let percent = if weight > 0 {
            scores.iter().map(|s| s.weight as f64 * s.share()).sum::<f64>() * 100.0 / weight as f64
        } else if total > 0 {
            earned * 100.0 / total as f64
        } else {
            0.0
        };
        // Round to 0.01 first so 69.999... from float sums never fails a 70% pass.
        let percent = (percent * 100.0).round() / 100.0;
        // Credit is kept to 4 decimals: thirds and sevenths otherwise come back from JSON one
        // bit off, and a saved attempt would not equal the one scored.
        for s in &mut scores {
            s.earned = s.earned.map(round4);
        }
        Report {
            sections: scores,
            percent,
            correct,
            total,
            pass_percent,
            passed: percent >= pass_percent as f64,
            earned: Some(round4(earned)),
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::item::tests::item;
    use std::collections::BTreeSet;

    fn sections() -> Vec<Section> {
        vec![
            Section {
                id: "a".into(),
                title: "A".into(),
                items: 2,
                weight: 30,
                objectives: vec![],
            },
            Section {
                id: "b".into(),
                title: "B".into(),
                items: 1,
                weight: 70,
                objectives: vec![],
            },
        ]
    }

    fn items() -> Vec<Item> {
        vec![
            item("a1", "a", &[0], 4),
            item("a2", "a", &[1, 2], 4),
            item("b1", "b", &[3], 4),
        ]
    }

    fn ans(v: &[usize]) -> Option<Answer> {
        Some(Answer::Choice(v.iter().copied().collect::<BTreeSet<_>>()))
    }

    #[test]
    fn weighted_by_section() {
        // a: 1 of 2 right (15 of 30), b: 1 of 1 (70 of 70) -> 85%
        let r = Report::new(&sections(), 70, &items(), &[ans(&[0]), ans(&[0, 3]), ans(&[3])]);
        assert_eq!(r.percent, 85.0);
        assert_eq!((r.correct, r.total, r.passed), (2, 3, true));
        assert_eq!(r.sections[0].correct, 1);
    }

    #[test]
    fn partial_credit_counts_per_response() {
        // a: 1 + 0.5 of 2 (22.5 of 30), b: 0 of 1 -> 22.5%; one item fully right.
        let r = Report::new(&sections(), 70, &items(), &[ans(&[0]), ans(&[1]), ans(&[0])]);
        assert_eq!(r.percent, 22.5);
        assert_eq!(r.correct, 1);
        assert_eq!(r.earned, Some(1.5));
        assert_eq!(r.sections[0].share(), 0.75);
    }

    #[test]
    fn reports_saved_before_partial_credit_read_their_item_counts() {
        let old = r#"{"id":"a","title":"A","weight":30,"correct":1,"total":2}"#;
        let s: SectionScore = serde_json::from_str(old).unwrap();
        assert_eq!((s.earned, s.share()), (None, 0.5));
    }

    #[test]
    fn heavy_section_missed_fails_even_with_most_items_right() {
        let r = Report::new(&sections(), 70, &items(), &[ans(&[0]), ans(&[1, 2]), None]);
        assert_eq!(r.percent, 30.0);
        assert!(!r.passed);
    }

    #[test]
    fn exactly_the_pass_mark_passes() {
        let secs = vec![Section {
            id: "a".into(),
            title: "A".into(),
            items: 10,
            weight: 100,
            objectives: vec![],
        }];
        let its: Vec<_> = (0..10).map(|i| item(&format!("q{i}"), "a", &[0], 2)).collect();
        let answers: Vec<_> = (0..10)
            .map(|i| if i < 7 { ans(&[0]) } else { ans(&[1]) })
            .collect();
        let r = Report::new(&secs, 70, &its, &answers);
        assert_eq!(r.percent, 70.0);
        assert!(r.passed);
    }

    #[test]
    fn empty_sections_drop_out() {
        let r = Report::new(&sections(), 70, &items()[2..], &[ans(&[3])]);
        assert_eq!(r.percent, 100.0);
        assert_eq!(r.sections.len(), 1);
    }
}
