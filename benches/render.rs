//! Drawing screens on ratatui's `TestBackend` (render + diff + backend write, without a real
//! terminal), and a key press carried through `keymap::map` -> `App::update` -> redraw.
//! Budgets: one exam frame < 0.5 ms at 80x24 and < 2 ms at 250x80; key press to redrawn
//! screen < 5 ms (the end-to-end figure, with the journal write, is in scripts/bench-cli.sh).
//!
//! `cargo bench --bench render`

use chrono::{DateTime, Duration, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use pyexam::bank::{self, BankSource};
use pyexam::tui::app::{App, Msg, Screen};
use pyexam::tui::keymap;
use pyexam::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const SIZES: &[&str] = &["80x24", "250x80"];
const EXAM: &str = "pcpp1";
const SEED: u64 = 42;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
}

fn terminal(size: &str) -> Terminal<TestBackend> {
    let (w, h) = size.split_once('x').unwrap();
    Terminal::new(TestBackend::new(w.parse().unwrap(), h.parse().unwrap())).unwrap()
}

/// A PCPP1 mock just started, on its first item.
fn exam_app() -> App {
    let banks = bank::load(&BankSource::Embedded).banks;
    let mut app = App::new(banks, Vec::new(), None, Theme { color: true }, SEED, t0());
    app.start_mock(EXAM, SEED, None, t0()).unwrap();
    app.update(Msg::Confirm, t0());
    app
}

fn exam_mut(app: &mut App) -> &mut pyexam::tui::app::ExamScreen {
    match &mut app.screen {
        Screen::Exam(e) => e,
        _ => panic!("not on the exam screen"),
    }
}

/// Move to the item with the most to draw (longest prompt + code + options).
fn go_to_heaviest(app: &mut App) {
    let exam = exam_mut(app);
    let weight = |i: usize| {
        let it = &exam.session.items[i];
        it.prompt.len()
            + it.code.as_ref().map_or(0, |c| c.len())
            + it.options.iter().map(|o| o.text.len()).sum::<usize>()
    };
    let heaviest = (0..exam.session.items.len()).max_by_key(|&i| weight(i)).unwrap();
    exam.session.go_to(heaviest);
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
}

/// The exam screen as the countdown ticks: each frame is one second later, as when idle.
fn bench_exam(bencher: Bencher, size: &str, mut app: App) {
    let mut terminal = terminal(size);
    draw(&mut terminal, &app);
    bencher.bench_local(|| {
        app.now += Duration::seconds(1);
        draw(&mut terminal, &app);
    });
}

#[divan::bench(args = SIZES)]
fn exam_first_item(bencher: Bencher, size: &str) {
    bench_exam(bencher, size, exam_app());
}

#[divan::bench(args = SIZES)]
fn exam_heaviest_item(bencher: Bencher, size: &str) {
    let mut app = exam_app();
    go_to_heaviest(&mut app);
    bench_exam(bencher, size, app);
}

/// The very first frame into an empty terminal: every cell is written (highlighting cached).
#[divan::bench(args = SIZES)]
fn exam_full_repaint(bencher: Bencher, size: &str) {
    let app = exam_app();
    bencher
        .with_inputs(|| terminal(size))
        .bench_local_refs(|terminal| draw(terminal, &app));
}

#[divan::bench(args = SIZES)]
fn navigator(bencher: Bencher, size: &str) {
    let mut app = exam_app();
    for i in 0..20 {
        app.update(Msg::Choose(i % 2), t0());
        if i % 7 == 0 {
            app.update(Msg::Flag, t0());
        }
        app.update(Msg::Next, t0());
    }
    app.update(Msg::Navigator, t0());
    bench_exam(bencher, size, app);
}

/// Results after submitting: every item answered, some wrong.
fn results_app() -> App {
    let mut app = exam_app();
    let n = exam_mut(&mut app).session.items.len();
    for i in 0..n {
        app.update(Msg::Choose(i % 3), t0());
        app.update(Msg::Next, t0());
    }
    app.update(Msg::Submit, t0());
    app.update(Msg::Confirm, t0() + Duration::minutes(50));
    assert!(matches!(app.screen, Screen::Results(_)));
    app
}

#[divan::bench(args = SIZES)]
fn results(bencher: Bencher, size: &str) {
    let app = results_app();
    let mut terminal = terminal(size);
    bencher.bench_local(|| draw(&mut terminal, &app));
}

#[divan::bench(args = SIZES)]
fn review(bencher: Bencher, size: &str) {
    let mut app = results_app();
    app.update(Msg::OpenReview, t0());
    let mut terminal = terminal(size);
    bencher.bench_local(|| draw(&mut terminal, &app));
}

/// Keys whose handling differs: a cursor move, choosing (journals), the next/previous item
/// (journals, new body), opening/closing the navigator.
const KEYS: &[&str] = &["down/up", "1", "right/left", "g"];

/// One key press: map, update, redraw (`key` alternates its two keys so the state stays put).
/// The journal the update asks for is not written here; see `session::journal_save`.
fn key_to_frame(bencher: Bencher, size: &str, key: &str) {
    let code = |k: &str| match k {
        "down" => KeyCode::Down,
        "up" => KeyCode::Up,
        "right" => KeyCode::Right,
        "left" => KeyCode::Left,
        other => KeyCode::Char(other.chars().next().unwrap()),
    };
    let (a, b) = key.split_once('/').unwrap_or((key, key));
    let keys = [code(a), code(b)].map(|c| KeyEvent::new(c, KeyModifiers::NONE));
    let mut app = exam_app();
    go_to_heaviest(&mut app);
    let mut terminal = terminal(size);
    draw(&mut terminal, &app);
    let mut n = 0usize;
    bencher.bench_local(|| {
        n += 1;
        if let Some(msg) = keymap::map(&app.screen, keys[n % 2]) {
            divan::black_box(app.update(msg, t0() + Duration::seconds(1)));
        }
        draw(&mut terminal, &app);
    });
}

#[divan::bench(args = KEYS)]
fn key_to_frame_80x24(bencher: Bencher, key: &str) {
    key_to_frame(bencher, "80x24", key);
}

#[divan::bench(args = KEYS)]
fn key_to_frame_250x80(bencher: Bencher, key: &str) {
    key_to_frame(bencher, "250x80", key);
}

/// The interactive kinds, from the kinds fixture bank (tests/fixtures/banks/kinds).
const KINDS: &[&str] = &["gap", "slots", "order"];

/// A mini mock (every kind) on the first item of `kind`, with a response given.
fn kind_app(kind: &str) -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/kinds");
    let banks = bank::load(&BankSource::Dir(dir)).banks;
    let has_all = |app: &mut App| {
        let s = &exam_mut(app).session;
        KINDS.iter().all(|k| s.items.iter().any(|i| i.kind.name() == *k))
    };
    let mut app = (0..100)
        .map(|seed| {
            let mut app = App::new(banks.clone(), Vec::new(), None, Theme { color: true }, seed, t0());
            app.start_mock("mini", seed, None, t0()).unwrap();
            app
        })
        .find_map(|mut app| has_all(&mut app).then_some(app))
        .expect("a seed draws every kind");
    let exam = exam_mut(&mut app);
    let index = exam
        .session
        .items
        .iter()
        .position(|i| i.kind.name() == kind)
        .unwrap();
    exam.session.go_to(index);
    let first = match kind {
        "gap" => Msg::Type('x'),
        "order" => Msg::MoveDown,
        _ => Msg::Choose(0),
    };
    if kind == "gap" {
        app.update(Msg::Edit, t0());
    }
    app.update(first, t0());
    app
}

#[divan::bench(args = KINDS)]
fn exam_kind_80x24(bencher: Bencher, kind: &str) {
    bench_exam(bencher, "80x24", kind_app(kind));
}

#[divan::bench(args = KINDS)]
fn exam_kind_250x80(bencher: Bencher, kind: &str) {
    bench_exam(bencher, "250x80", kind_app(kind));
}

#[divan::bench(args = KINDS)]
fn review_kind_80x24(bencher: Bencher, kind: &str) {
    let mut app = kind_app(kind);
    for msg in [
        Msg::Cancel,
        Msg::Submit,
        Msg::Confirm,
        Msg::OpenReview,
        Msg::CycleFilter,
        Msg::CycleFilter,
    ] {
        app.update(msg, t0());
    }
    let mut terminal = terminal("80x24");
    bencher.bench_local(|| draw(&mut terminal, &app));
}

/// A key on an interactive item carried to the redrawn frame: moving a line (J/K), filling a
/// slot (a/b), typing into a gap (a character, then Backspace).
#[divan::bench(args = KINDS)]
fn key_to_frame_kind_80x24(bencher: Bencher, kind: &str) {
    let keys = match kind {
        "order" => [KeyCode::Char('J'), KeyCode::Char('K')],
        "slots" => [KeyCode::Char('a'), KeyCode::Char('b')],
        _ => [KeyCode::Char('y'), KeyCode::Backspace],
    }
    .map(|c| KeyEvent::new(c, KeyModifiers::NONE));
    let mut app = kind_app(kind);
    let mut terminal = terminal("80x24");
    draw(&mut terminal, &app);
    let mut n = 0usize;
    bencher.bench_local(|| {
        n += 1;
        if let Some(msg) = keymap::map(&app.screen, keys[n % 2]) {
            divan::black_box(app.update(msg, t0() + Duration::seconds(1)));
        }
        draw(&mut terminal, &app);
    });
}
