//! The step view's costs: finding whether an item has a trace (the index is built on first use,
//! never at launch), parsing one trace when `t` opens the view, and drawing a step.
//!
//! `cargo bench --bench trace`

use divan::Bencher;
use pyexam::bank::{self, BankSource};
use pyexam::session::Item;
use pyexam::trace::{self, TRACES};
use pyexam::tui::app::{App, Screen, StepScreen};
use pyexam::tui::theme::Theme;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// The id and JSON of the longest shipped trace.
fn longest() -> (&'static str, &'static str) {
    TRACES
        .iter()
        .flat_map(|(_, text)| trace::entries(text))
        .filter(|e| e.traced)
        .max_by_key(|e| e.json.len())
        .map(|e| (e.id, e.json))
        .unwrap()
}

#[divan::bench]
fn index_every_file(bencher: Bencher) {
    bencher.bench(|| {
        TRACES
            .iter()
            .map(|(_, text)| trace::entries(divan::black_box(text)).count())
            .sum::<usize>()
    });
}

#[divan::bench]
fn parse_longest(bencher: Bencher) {
    let (_, json) = longest();
    bencher.bench(|| trace::Trace::parse(divan::black_box(json)).unwrap());
}

#[divan::bench(args = ["80x24", "250x80"])]
fn render_step(bencher: Bencher, size: &str) {
    let (id, _) = longest();
    let banks = bank::load(&BankSource::Embedded).banks;
    let item = Item::from_question(banks.question(id).unwrap(), &mut ChaCha8Rng::seed_from_u64(1));
    let mut app = App::new(
        banks,
        Vec::new(),
        None,
        Theme { color: true },
        1,
        chrono::Utc::now(),
    );
    app.screen = Screen::Step(Box::new(StepScreen::of(&item).unwrap()));
    let (w, h) = size.split_once('x').unwrap();
    let mut terminal = Terminal::new(TestBackend::new(w.parse().unwrap(), h.parse().unwrap())).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
    });
}
