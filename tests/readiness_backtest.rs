//! Back-test of the readiness prediction on simulated candidates: each takes a few mocks; the
//! last is held out and predicted from the earlier ones. The share of held-out scores inside
//! the 80% interval must be close to 80%, and docs/readiness.md must state the measured figures.

use chrono::{DateTime, Duration, TimeZone, Utc};
use pyexam::exam::{ExamSpec, Section};
use pyexam::insight::{AnswerEvent, Mastery, Readiness};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const CANDIDATES: usize = 1000;
/// Items per section in the simulated bank (each with its own difficulty).
const BANK: usize = 40;

/// PCEP's shape: items drawn and weights per section.
fn pcep() -> ExamSpec {
    let section = |id: &str, items, weight| Section {
        id: id.into(),
        title: id.into(),
        items,
        weight,
        objectives: vec![],
    };
    ExamSpec {
        id: "pcep".into(),
        code: "PCEP-30-02".into(),
        title: "sim".into(),
        items: 30,
        minutes: 40,
        pass_percent: 70,
        sections: vec![
            section("fundamentals", 7, 18),
            section("control-flow", 8, 29),
            section("collections", 7, 25),
            section("functions-exceptions", 8, 28),
        ],
        drill_topics: vec![],
    }
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

struct Outcome {
    covered: usize,
    predicted_pass: f64,
    passed: usize,
}

/// `gain`: how much a candidate's level rises per mock on the logit scale (0 = stable ability).
fn simulate(seed: u64, max_gain: f64) -> Outcome {
    let spec = pcep();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    let mut out = Outcome {
        covered: 0,
        predicted_pass: 0.0,
        passed: 0,
    };
    for _ in 0..CANDIDATES {
        let ability = logit(rng.random_range(0.35..0.95));
        let gain = rng.random_range(0.0..=max_gain);
        let levels: Vec<f64> = spec
            .sections
            .iter()
            .map(|_| ability + rng.random_range(-0.6..0.6))
            .collect();
        let difficulty: Vec<Vec<f64>> = spec
            .sections
            .iter()
            .map(|_| (0..BANK).map(|_| rng.random_range(-1.0..1.0)).collect())
            .collect();
        let mocks = rng.random_range(2..=6);
        let mut at = start;
        let mut events = Vec::new();
        let mut last_score = 0.0;
        for k in 0..mocks {
            at += Duration::days(rng.random_range(1..=10));
            let mut score = 0.0;
            for (s, section) in spec.sections.iter().enumerate() {
                let drawn = rand::seq::index::sample(&mut rng, BANK, section.items);
                let mut right = 0.0;
                for i in drawn {
                    let p = sigmoid(levels[s] + gain * k as f64 - difficulty[s][i]);
                    let credit = if rng.random_bool(p) { 1.0 } else { 0.0 };
                    right += credit;
                    if k + 1 < mocks {
                        events.push(AnswerEvent {
                            item_id: format!("{}-{i}", section.id),
                            exam: "pcep".into(),
                            section: section.id.clone(),
                            objective: None,
                            credit,
                            at,
                        });
                    }
                }
                score += f64::from(section.weight) * right / section.items as f64;
            }
            last_score = (score * 100.0).round() / 100.0;
        }
        let mastery = Mastery::new(&spec, &events, at);
        let Readiness::Estimate(p) = Readiness::new(&spec, &mastery) else {
            panic!("earlier mocks give data");
        };
        if (p.low..=p.high).contains(&last_score) {
            out.covered += 1;
        }
        out.predicted_pass += p.pass_chance;
        if last_score >= 70.0 {
            out.passed += 1;
        }
    }
    out
}

fn pct(n: f64) -> String {
    format!("{:.1}%", n * 100.0 / CANDIDATES as f64)
}

#[test]
fn held_out_mocks_fall_in_the_80_percent_interval_at_about_that_rate() {
    let stable = simulate(1, 0.0);
    let learning = simulate(2, 0.25);
    let (stable_rate, learning_rate) = (
        stable.covered as f64 / CANDIDATES as f64,
        learning.covered as f64 / CANDIDATES as f64,
    );
    let figures = [
        format!("stable ability: {}", pct(stable.covered as f64)),
        format!("improving between mocks: {}", pct(learning.covered as f64)),
        format!(
            "mean predicted chance of passing {} against {} passing",
            pct(stable.predicted_pass),
            pct(stable.passed as f64)
        ),
    ];
    println!("{figures:#?}");
    assert!((0.75..=0.87).contains(&stable_rate), "{figures:?}");
    assert!(learning_rate >= 0.65, "{figures:?}");
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/readiness.md")).unwrap();
    for figure in &figures {
        assert!(
            doc.contains(figure.as_str()),
            "docs/readiness.md must state: {figure}"
        );
    }
}
