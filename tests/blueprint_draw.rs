//! `Blueprint::draw` over random exams, banks and histories (issue 25, item 10): it never
//! panics, and it either draws exactly the exam's count — each section its own count, no item
//! twice — or says why it cannot: the short sections, or an exam whose count is not what its
//! sections draw.

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;

use pyexam::bank::{BankSet, Choice, Gap, Kind, Lang, Origin, PoolEntry, Question};
use pyexam::exam::{ExamSpec, Section};
use pyexam::session::blueprint::{DrawError, MAX_INTERACTIVE};
use pyexam::session::{Blueprint, Freshness};

fn question(section: &str, n: usize, kind: Kind) -> Question {
    let text = |t: &str, correct| Choice {
        text: t.into(),
        correct,
        why: None,
    };
    let marked = (kind == Kind::Gap || kind == Kind::Slots).then(|| "x = ___1___\nprint(x)\n".to_string());
    Question {
        id: format!("p-{section}-{n:03}"),
        exam: "p".into(),
        topic: section.into(),
        prompt: "What happens?".into(),
        code: marked.or_else(|| (kind == Kind::Choice).then(|| "print(1)\n".into())),
        files: Vec::new(),
        lang: Lang::Python,
        kind,
        choices: if kind == Kind::Choice {
            vec![text("1", true), text("2", false), text("3", false)]
        } else {
            Vec::new()
        },
        lines: if kind == Kind::Order {
            ["a = 1", "b = a + 1", "print(b)"].map(String::from).to_vec()
        } else {
            Vec::new()
        },
        pool: if kind == Kind::Slots {
            ["1", "2"]
                .map(|t| PoolEntry {
                    text: t.into(),
                    why: None,
                })
                .to_vec()
        } else {
            Vec::new()
        },
        slots: if kind == Kind::Slots {
            vec!["1".into()]
        } else {
            Vec::new()
        },
        gaps: if kind == Kind::Gap {
            vec![Gap {
                accept: vec!["1".into()],
                why: None,
            }]
        } else {
            Vec::new()
        },
        tiles: Vec::new(),
        decoys: Vec::new(),
        bins: Vec::new(),
        cards: Vec::new(),
        rule: None,
        stretch: false,
        expect: (kind != Kind::Choice).then(|| "1".into()),
        explanation: "Because.".into(),
        verify: None,
        stdin: None,
        probe: None,
        setup: None,
        checks: Vec::new(),
        lint: None,
        requires: Vec::new(),
        shuffle: true,
        objective: None,
        origin: Origin {
            path: format!("p/{section}.yaml"),
            line: 1,
            col: 1,
        },
    }
}

/// One section: what a mock draws from it, and its bank (choice items, then interactive kinds).
#[derive(Debug, Clone)]
struct Plan {
    items: usize,
    choice: usize,
    interactive: Vec<Kind>,
}

fn plan() -> impl Strategy<Value = Plan> {
    let kind = prop_oneof![Just(Kind::Gap), Just(Kind::Slots), Just(Kind::Order)];
    (0..=5usize, 0..=7usize, prop::collection::vec(kind, 0..=5)).prop_map(|(items, choice, interactive)| {
        Plan {
            items,
            choice,
            interactive,
        }
    })
}

/// An exam of `plans` (its count off by `off` from what they add up to) and its bank.
fn exam(plans: &[Plan], off: i64) -> (ExamSpec, BankSet) {
    let sum: usize = plans.iter().map(|p| p.items).sum();
    let sections: Vec<Section> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| Section {
            id: format!("s{i}"),
            title: format!("Section {i}"),
            items: p.items,
            weight: 0,
            objectives: Vec::new(),
        })
        .collect();
    let spec = ExamSpec {
        id: "p".into(),
        code: "P-01".into(),
        title: "Property".into(),
        items: (sum as i64 + off).max(0) as usize,
        minutes: 10,
        pass_percent: 70,
        sections,
        drill_topics: Vec::new(),
        mix: None,
        shape: None,
    };
    let mut questions = Vec::new();
    for (i, p) in plans.iter().enumerate() {
        let kinds = std::iter::repeat_n(Kind::Choice, p.choice).chain(p.interactive.iter().copied());
        for (n, kind) in kinds.enumerate() {
            questions.push(question(&format!("s{i}"), n, kind));
        }
    }
    let banks = BankSet {
        exams: vec![spec.clone()],
        questions,
        ..Default::default()
    };
    (spec, banks)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_draw_gives_the_exams_count_or_says_why_not(
        plans in prop::collection::vec(plan(), 1..=4),
        off in prop_oneof![4 => Just(0i64), 1 => -3..=3i64],
        shown in prop::collection::vec((0..40usize, 0..1000i64), 0..12),
        seed in any::<u64>(),
    ) {
        let (spec, banks) = exam(&plans, off);
        let start: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().unwrap();
        let fresh: Freshness = shown
            .iter()
            .filter_map(|(i, mins)| banks.questions.get(*i).map(|q| (q.id.clone(), start + Duration::minutes(*mins))))
            .collect();
        let sum: usize = spec.sections.iter().map(|s| s.items).sum();
        let short = banks.shortfalls(&spec);
        match Blueprint::draw(&banks, &spec, &fresh, seed) {
            Ok(bp) => {
                prop_assert_eq!(sum, spec.items);
                prop_assert!(short.is_empty());
                prop_assert_eq!(bp.items.len(), spec.items);
                let mut ids: Vec<&str> = bp.items.iter().map(|i| i.id.as_str()).collect();
                ids.sort_unstable();
                ids.dedup();
                prop_assert_eq!(ids.len(), spec.items, "an item drawn twice");
                for (section, p) in spec.sections.iter().zip(&plans) {
                    let drawn: Vec<_> = bp.items.iter().filter(|i| i.section == section.id).collect();
                    prop_assert_eq!(drawn.len(), section.items, "section {}", &section.id);
                    let interactive = drawn.iter().filter(|i| i.kind != Kind::Choice).count();
                    // 1 to 3 interactive items where the bank has them (typed gaps, left out
                    // of a standard mock, do not count), more only to fill up.
                    let drawable = p.interactive.iter().filter(|k| **k != Kind::Gap).count();
                    let least = section.items.min(drawable).min(1);
                    let most = MAX_INTERACTIVE.max(section.items.saturating_sub(p.choice));
                    let gaps = drawn.iter().filter(|i| i.kind == Kind::Gap).count();
                    prop_assert!(
                        gaps == 0 || section.items > p.choice + drawable,
                        "section {}: a typed gap drawn where other items could fill it", &section.id
                    );
                    prop_assert!((least..=most).contains(&interactive), "section {}: {} interactive", &section.id, interactive);
                }
            }
            Err(DrawError::Miscounted { items, sections }) => {
                prop_assert_eq!((items, sections), (spec.items, sum));
                prop_assert_ne!(items, sections);
            }
            Err(DrawError::Short(named)) => {
                prop_assert_eq!(sum, spec.items);
                prop_assert!(!named.is_empty());
                prop_assert_eq!(named, short);
            }
        }
    }
}

/// The crash of issue 25: a section that draws nothing while its bank holds interactive items
/// drew one anyway (and once wrapped `items - wanted` below zero).
#[test]
fn a_section_of_no_items_draws_none_even_with_interactive_items() {
    let plans = [
        Plan {
            items: 2,
            choice: 3,
            interactive: vec![Kind::Gap],
        },
        Plan {
            items: 0,
            choice: 2,
            interactive: vec![Kind::Order, Kind::Slots],
        },
    ];
    let (spec, banks) = exam(&plans, 0);
    for seed in 0..50 {
        let bp = Blueprint::draw(&banks, &spec, &Freshness::default(), seed).unwrap();
        assert_eq!(bp.items.len(), 2, "seed {seed}");
        assert!(bp.items.iter().all(|i| i.section == "s0"), "seed {seed}");
    }
}
