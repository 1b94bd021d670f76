//! Back-test of the readiness prediction on simulated candidates: each takes a few mocks; the
//! last is held out and predicted from everything before it. For each scenario it measures how
//! often the held-out score falls inside the 80% interval (target 78-82%) and, for the chance of
//! passing, the Brier score and a reliability table. docs/readiness.md must state the measured
//! figures, and docs/img/reliability.svg is the reliability plot this test draws.
//!
//! Refresh the page's figures and the plot after changing the model, then read them:
//!
//!     PYEXAM_REFRESH_PICTURES=1 cargo test --test readiness_backtest

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, TimeZone, Utc};
use pyexam::exam::{ExamSpec, Section};
use pyexam::insight::{AnswerEvent, Mastery, Readiness, mark_repeats};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const CANDIDATES: usize = 2000;
/// Items per section in the simulated bank (each with its own difficulty).
const BANK: usize = 40;
/// Seen before, a candidate answers right with p + (1 - p) × MEMORY: they remember the item.
const MEMORY: f64 = 0.5;

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
        mix: None,
        shape: None,
    }
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// How the earlier mocks draw their items.
#[derive(Clone, Copy, PartialEq)]
enum Draw {
    /// As pyexam draws: never shown first, then shown longest ago.
    Fresh,
    /// Uniformly at random, as pyexam drew before fresh-first: mocks repeat items.
    Random,
}

#[derive(Clone, Copy)]
struct Scenario {
    name: &'static str,
    /// The simulation's seed: scenarios compared with each other share it (same candidates).
    seed: u64,
    /// Most a candidate's level rises per mock on the logit scale (0 = stable ability).
    max_gain: f64,
    draw: Draw,
    /// Least share of an earlier mock's items shown (time-outs and early submits below 1).
    min_shown: f64,
    /// A drill of 10 items from the weakest section before each mock.
    drills: bool,
    /// Earlier mocks (before the held-out one).
    earlier: (usize, usize),
    /// Count answers to repeated items in full (the model before repeats were discounted).
    repeats_in_full: bool,
}

const BASE: Scenario = Scenario {
    name: "",
    seed: 1,
    max_gain: 0.0,
    draw: Draw::Fresh,
    min_shown: 1.0,
    drills: false,
    earlier: (2, 5),
    repeats_in_full: false,
};

fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "stable ability",
            ..BASE
        },
        Scenario {
            name: "improving between mocks",
            seed: 2,
            max_gain: 0.25,
            ..BASE
        },
        Scenario {
            name: "repeated items",
            seed: 3,
            draw: Draw::Random,
            ..BASE
        },
        Scenario {
            name: "repeated items, counted in full",
            seed: 3,
            draw: Draw::Random,
            repeats_in_full: true,
            ..BASE
        },
        Scenario {
            name: "time-outs and early submits",
            seed: 4,
            min_shown: 0.5,
            ..BASE
        },
        Scenario {
            name: "drills the weakest topic",
            seed: 5,
            drills: true,
            ..BASE
        },
        Scenario {
            name: "one mock only (no verdict shown)",
            seed: 6,
            earlier: (1, 1),
            ..BASE
        },
    ]
}

struct Outcome {
    covered: usize,
    /// (predicted chance of passing, passed) per candidate.
    chances: Vec<(f64, bool)>,
}

impl Outcome {
    fn coverage(&self) -> f64 {
        self.covered as f64 / self.chances.len() as f64
    }

    fn brier(&self) -> f64 {
        let sum: f64 = self
            .chances
            .iter()
            .map(|(p, passed)| (p - if *passed { 1.0 } else { 0.0 }).powi(2))
            .sum();
        sum / self.chances.len() as f64
    }
}

/// One simulated candidate's bank, levels and memory.
struct Candidate {
    levels: Vec<f64>,
    gain: f64,
    difficulty: Vec<Vec<f64>>,
    last_seen: HashMap<(usize, usize), u32>,
}

impl Candidate {
    fn p_right(&self, s: usize, i: usize, k: usize) -> f64 {
        let p = sigmoid(self.levels[s] + self.gain * k as f64 - self.difficulty[s][i]);
        if self.last_seen.contains_key(&(s, i)) {
            p + (1.0 - p) * MEMORY
        } else {
            p
        }
    }

    /// `n` items of section `s`, fresh first or at random.
    fn draw(&self, s: usize, n: usize, draw: Draw, rng: &mut ChaCha8Rng) -> Vec<usize> {
        let mut order: Vec<usize> = rand::seq::index::sample(rng, BANK, BANK).into_vec();
        if draw == Draw::Fresh {
            order.sort_by_key(|i| self.last_seen.get(&(s, *i)).map_or(0, |t| t + 1));
        }
        order.truncate(n);
        order
    }
}

fn event(section: &str, s: usize, i: usize, credit: f64, at: DateTime<Utc>) -> AnswerEvent {
    AnswerEvent {
        item_id: format!("{s}-{i}"),
        exam: "pcep".into(),
        section: section.into(),
        objective: None,
        credit,
        at,
        repeat: false,
    }
}

fn simulate(seed: u64, sc: Scenario) -> Outcome {
    let spec = pcep();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    let mut out = Outcome {
        covered: 0,
        chances: Vec::with_capacity(CANDIDATES),
    };
    for _ in 0..CANDIDATES {
        let ability = logit(rng.random_range(0.35..0.95));
        let mut c = Candidate {
            levels: spec
                .sections
                .iter()
                .map(|_| ability + rng.random_range(-0.6..0.6))
                .collect(),
            gain: rng.random_range(0.0..=sc.max_gain),
            difficulty: spec
                .sections
                .iter()
                .map(|_| (0..BANK).map(|_| rng.random_range(-1.0..1.0)).collect())
                .collect(),
            last_seen: HashMap::new(),
        };
        let earlier = rng.random_range(sc.earlier.0..=sc.earlier.1);
        let mut at = start;
        let mut events = Vec::new();
        let mut clock = 0_u32;
        let mut last_score = 0.0;
        for k in 0..=earlier {
            let held_out = k == earlier;
            at += Duration::days(rng.random_range(1..=10));
            if sc.drills && !held_out {
                let weakest = (0..c.levels.len())
                    .min_by(|a, b| c.levels[*a].total_cmp(&c.levels[*b]))
                    .unwrap();
                clock += 1;
                for i in c.draw(weakest, 10, Draw::Fresh, &mut rng) {
                    let right = rng.random_bool(c.p_right(weakest, i, k));
                    let credit = if right { 1.0 } else { 0.0 };
                    events.push(event(&spec.sections[weakest].id, weakest, i, credit, at));
                    c.last_seen.insert((weakest, i), clock);
                }
                at += Duration::hours(1);
            }
            // The held-out mock stands for the real exam: items the candidate has never seen,
            // of the bank's difficulty (new items appended to the bank).
            if held_out {
                for (s, sec) in spec.sections.iter().enumerate() {
                    for _ in 0..sec.items {
                        c.difficulty[s].push(rng.random_range(-1.0..1.0));
                    }
                }
            }
            // The mock: sections in order; a time-out or early submit shows only a prefix.
            let drawn: Vec<Vec<usize>> = spec
                .sections
                .iter()
                .enumerate()
                .map(|(s, sec)| {
                    if held_out {
                        (BANK..BANK + sec.items).collect()
                    } else {
                        c.draw(s, sec.items, sc.draw, &mut rng)
                    }
                })
                .collect();
            let shown = if held_out || sc.min_shown >= 1.0 {
                spec.items
            } else {
                let least = (sc.min_shown * spec.items as f64).ceil() as usize;
                rng.random_range(least..=spec.items)
            };
            clock += 1;
            let mut score = 0.0;
            let mut position = 0;
            let mut seen_now = Vec::new();
            for (s, section) in spec.sections.iter().enumerate() {
                let mut right = 0.0;
                for &i in &drawn[s] {
                    position += 1;
                    if position > shown {
                        continue;
                    }
                    let credit = if rng.random_bool(c.p_right(s, i, k)) {
                        1.0
                    } else {
                        0.0
                    };
                    right += credit;
                    seen_now.push((s, i));
                    if !held_out {
                        events.push(event(&section.id, s, i, credit, at));
                    }
                }
                score += f64::from(section.weight) * right / section.items as f64;
            }
            for key in seen_now {
                c.last_seen.insert(key, clock);
            }
            last_score = (score * 100.0).round() / 100.0;
            if !held_out {
                at += Duration::minutes(40);
            }
        }
        mark_repeats(&mut events);
        if sc.repeats_in_full {
            events.iter_mut().for_each(|e| e.repeat = false);
        }
        let mastery = Mastery::new(&spec, &events, at);
        let Readiness::Estimate(p) = Readiness::predict(&spec, &mastery) else {
            panic!("earlier mocks give data");
        };
        if (p.low..=p.high).contains(&last_score) {
            out.covered += 1;
        }
        out.chances.push((p.pass_chance, last_score >= 70.0));
    }
    out
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Predicted chance of passing in ten bins against the observed pass rate in each.
fn reliability(chances: &[(f64, bool)]) -> Vec<(usize, f64, f64)> {
    let mut bins = vec![(0_usize, 0.0_f64, 0_usize); 10];
    for (p, passed) in chances {
        let b = ((p * 10.0) as usize).min(9);
        bins[b].0 += 1;
        bins[b].1 += p;
        bins[b].2 += usize::from(*passed);
    }
    bins.into_iter()
        .map(|(n, sum, passed)| {
            if n == 0 {
                (0, 0.0, 0.0)
            } else {
                (n, sum / n as f64, passed as f64 / n as f64)
            }
        })
        .collect()
}

/// The reliability plot: predicted chance against observed pass rate, one dot per bin (its
/// area by count), the diagonal for perfect calibration.
fn svg(bins: &[(usize, f64, f64)]) -> String {
    let (size, pad) = (360.0, 40.0);
    let x = |v: f64| pad + v * (size - 2.0 * pad);
    let y = |v: f64| size - pad - v * (size - 2.0 * pad);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" \
         font-family=\"sans-serif\" font-size=\"11\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    for t in 0..=10 {
        let v = f64::from(t) / 10.0;
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#eee\"/>\
             <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#eee\"/>",
            x(v),
            y(0.0),
            x(v),
            y(1.0),
            x(0.0),
            y(v),
            x(1.0),
            y(v)
        );
        if t % 2 == 0 {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                x(v),
                y(0.0) + 14.0,
                t * 10,
                x(0.0) - 4.0,
                y(v) + 4.0,
                t * 10
            );
        }
    }
    let _ = writeln!(
        out,
        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>",
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0)
    );
    let total: usize = bins.iter().map(|b| b.0).sum();
    let mut path = String::new();
    for (n, predicted, observed) in bins.iter().filter(|b| b.0 > 0) {
        let r = 2.5 + 12.0 * (*n as f64 / total as f64).sqrt();
        let _ = writeln!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"#3572A5\" fill-opacity=\"0.6\"/>",
            x(*predicted),
            y(*observed)
        );
        let _ = write!(
            path,
            "{}{:.1},{:.1}",
            if path.is_empty() { "M" } else { " L" },
            x(*predicted),
            y(*observed)
        );
    }
    let _ = writeln!(out, "<path d=\"{path}\" fill=\"none\" stroke=\"#3572A5\"/>");
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">predicted chance of passing (%)</text>",
        size / 2.0,
        size - 8.0
    );
    let _ = writeln!(
        out,
        "<text transform=\"translate(12 {:.1}) rotate(-90)\" text-anchor=\"middle\">passed the held-out mock (%)</text>",
        size / 2.0
    );
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"20\" text-anchor=\"middle\">Reliability of the chance of passing (all scenarios with a verdict)</text>",
        size / 2.0
    );
    out.push_str("</svg>\n");
    out
}

const BEGIN: &str = "<!-- backtest:begin (tests/readiness_backtest.rs writes this block) -->";
const END: &str = "<!-- backtest:end -->";

#[test]
fn held_out_mocks_fall_in_the_80_percent_interval_at_about_that_rate() {
    let mut table = String::from(
        "| scenario | held-out score inside the 80% interval | Brier score of the chance of passing | mean predicted chance | passed |\n|---|---|---|---|---|\n",
    );
    let mut pooled = Vec::new();
    let mut coverage = HashMap::new();
    let mut brier = HashMap::new();
    for sc in scenarios() {
        let out = simulate(sc.seed, sc);
        let mean_chance = out.chances.iter().map(|c| c.0).sum::<f64>() / out.chances.len() as f64;
        let passed = out.chances.iter().filter(|c| c.1).count() as f64 / out.chances.len() as f64;
        let _ = writeln!(
            table,
            "| {} | {} | {:.3} | {} | {} |",
            sc.name,
            pct(out.coverage()),
            out.brier(),
            pct(mean_chance),
            pct(passed)
        );
        coverage.insert(sc.name, out.coverage());
        brier.insert(sc.name, out.brier());
        if sc.earlier.0 >= 2 && !sc.repeats_in_full {
            pooled.extend(out.chances);
        }
    }
    let bins = reliability(&pooled);
    table.push_str(
        "\nReliability, all scenarios with a verdict pooled (two or more earlier mocks, repeats discounted):\n\n\
         | predicted chance | candidates | mean predicted | passed |\n|---|---|---|---|\n",
    );
    for (b, (n, predicted, observed)) in bins.iter().enumerate() {
        if *n > 0 {
            let _ = writeln!(
                table,
                "| {}-{}% | {n} | {} | {} |",
                b * 10,
                b * 10 + 10,
                pct(*predicted),
                pct(*observed)
            );
        }
    }
    let pooled_brier = pooled
        .iter()
        .map(|(p, passed)| (p - if *passed { 1.0 } else { 0.0 }).powi(2))
        .sum::<f64>()
        / pooled.len() as f64;
    let _ = writeln!(table, "\nPooled Brier score: {pooled_brier:.3}.");
    println!("{table}");

    // What the model promises, scenario by scenario.
    for name in [
        "stable ability",
        "time-outs and early submits",
        "drills the weakest topic",
        "repeated items",
    ] {
        let c = coverage[name];
        assert!((0.78..=0.83).contains(&c), "{name}: coverage {}\n{table}", pct(c));
    }
    // The prediction lags a candidate who improves fast: the interval then holds less often.
    assert!(coverage["improving between mocks"] >= 0.72, "{table}");
    assert!(
        brier["repeated items"] < brier["repeated items, counted in full"],
        "discounting repeats must predict fresh mocks better\n{table}"
    );
    assert!(pooled_brier < 0.12, "{table}");
    for (n, predicted, observed) in &bins {
        if *n >= 100 {
            assert!(
                (predicted - observed).abs() < 0.1,
                "a bin is off by 10 points\n{table}"
            );
        }
    }

    let root = env!("CARGO_MANIFEST_DIR");
    let doc_path = format!("{root}/docs/readiness.md");
    let svg_path = format!("{root}/docs/img/reliability.svg");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/readiness.md needs the markers {BEGIN} and {END}");
    };
    let block = format!("{BEGIN}\n{table}{END}");
    let picture = svg(&bins);
    if std::env::var_os("PYEXAM_REFRESH_PICTURES").is_some() {
        let fresh = format!("{}{block}{}", &doc[..b], &doc[e + END.len()..]);
        std::fs::write(&doc_path, fresh).unwrap();
        std::fs::write(&svg_path, &picture).unwrap();
        return;
    }
    assert_eq!(
        &doc[b..e + END.len()],
        block,
        "docs/readiness.md no longer states the measured figures: \
         PYEXAM_REFRESH_PICTURES=1 cargo test --test readiness_backtest"
    );
    assert_eq!(
        std::fs::read_to_string(&svg_path).unwrap_or_default(),
        picture,
        "docs/img/reliability.svg is stale: PYEXAM_REFRESH_PICTURES=1 cargo test --test readiness_backtest"
    );
}
