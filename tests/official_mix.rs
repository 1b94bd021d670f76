//! The official mix (issue 32): a standard PCEP mock draws the exam's shares of single select,
//! Select N and interactive items, no typed gap and at most one stretch item per section, mock
//! after mock on the same home (fresh items first); `--stretch` lifts those limits.

mod common;

use common::*;
use pyexam::bank::{self, BankSet, BankSource, Kind};
use pyexam::session::{Blueprint, Freshness};
use pyexam::store::Stored;
use pyexam::tui::app::{App, Effect, Msg, Screen};

fn banks() -> BankSet {
    bank::load(&BankSource::Embedded).banks
}

/// Five mocks in a row, each submitted and kept in history before the next is drawn.
#[test]
fn five_pcep_mocks_in_a_row_draw_no_typed_gap_and_a_quarter_to_a_third_interactive() {
    let mut app = App::new(banks(), Vec::new(), None, mono(), 1, t0());
    let mut seen = std::collections::HashSet::new();
    for (n, seed) in [11u64, 202, 3003, 40004, 500005].into_iter().enumerate() {
        let start = at(3600 * n as i64);
        app.start_mock("pcep", seed, None, start).unwrap();
        app.update(Msg::Confirm, start);
        let Screen::Exam(e) = &app.screen else {
            panic!("exam")
        };
        let items = e.session.items.clone();
        assert_eq!(items.len(), 30);
        assert!(
            items.iter().all(|i| i.kind != Kind::Gap),
            "mock {n}: a typed gap was drawn"
        );
        let interactive = items.iter().filter(|i| i.kind != Kind::Choice).count();
        let share = interactive as f64 / items.len() as f64;
        assert!(
            (0.25..=0.35).contains(&share),
            "mock {n}: {interactive} of 30 interactive"
        );
        let multiple = items.iter().filter(|i| i.is_multiple()).count();
        assert!((5..=7).contains(&multiple), "mock {n}: {multiple} Select N");
        let kinds: std::collections::BTreeSet<&str> = items
            .iter()
            .filter(|i| i.kind != Kind::Choice)
            .map(|i| i.kind.name())
            .collect();
        assert!(kinds.len() >= 3, "mock {n}: interactive kinds {kinds:?}");
        // Fresh first: the second mock repeats nothing of the first (later ones may repeat
        // interactive items, of which the bank has fewer than five mocks' worth).
        let fresh = items.iter().filter(|i| seen.insert(i.id.clone())).count();
        if n < 2 {
            assert_eq!(fresh, 30, "mock {n}: items seen in an earlier mock");
        }
        // Every item is shown (an item never reached stays fresh).
        for _ in 1..items.len() {
            app.update(Msg::Next, at(3600 * n as i64 + 30));
        }
        let effects = app.update(Msg::Submit, at(3600 * n as i64 + 60));
        assert!(effects.is_empty());
        let effects = app.update(Msg::Confirm, at(3600 * n as i64 + 60));
        let attempt = effects
            .into_iter()
            .find_map(|e| match e {
                Effect::SaveAttempt(a) => Some(*a),
                _ => None,
            })
            .expect("submitting saves the attempt");
        let stored = Stored::of(&format!("attempt-{n}"), n + 1, &attempt);
        app.history.push(stored);
        app.update(Msg::Quit, at(3600 * n as i64 + 61));
    }
}

#[test]
fn a_standard_mock_draws_at_most_one_stretch_item_per_section_and_stretch_lifts_the_limits() {
    let banks = banks();
    let mut stretch_gap = false;
    for exam in ["pcep", "pcap", "pcpp1"] {
        let spec = banks.exam(exam).unwrap().clone();
        for seed in 0..20 {
            let bp = Blueprint::draw(&banks, &spec, &Freshness::default(), seed).unwrap();
            for section in &spec.sections {
                let stretch = bp
                    .items
                    .iter()
                    .filter(|i| i.section == section.id)
                    .filter(|i| banks.question(&i.id).unwrap().stretch)
                    .count();
                assert!(stretch <= 1, "{exam} seed {seed} {}: {stretch}", section.id);
            }
            assert!(bp.items.iter().all(|i| i.kind != Kind::Gap), "{exam} seed {seed}");
            let wide = Blueprint::draw_with(&banks, &spec, &Freshness::default(), seed, true).unwrap();
            assert_eq!(wide.items.len(), spec.items);
            stretch_gap |= wide.items.iter().any(|i| i.kind == Kind::Gap);
        }
    }
    assert!(stretch_gap, "a --stretch mock can draw typed gaps");
}
