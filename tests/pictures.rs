//! The README's pictures (docs/img/*.svg) are the real screens: the App rendered on ratatui's
//! TestBackend with the colour theme, from fixed data (built-in banks, seed, clock), turned into
//! SVG. This test fails when a screen no longer renders as its picture shows.
//!
//! Refresh them all with one command, then look at the pictures before committing:
//!
//!     PYEXAM_REFRESH_PICTURES=1 cargo test --test pictures

mod common;
#[path = "pictures/svg.rs"]
mod svg;

use std::path::Path;

use common::{at, render, t0};
use pyexam::bank::{self, BankSource, Kind};
use pyexam::session::Answer;
use pyexam::store::Stored;
use pyexam::tui::app::{App, HistoryScreen, Msg, Screen};
use pyexam::tui::theme::Theme;

const WIDTH: u16 = 100;
const HEIGHT: u16 = 30;

fn exam_app() -> App {
    let banks = bank::load(&BankSource::Embedded).banks;
    let mut app = App::new(banks, Vec::new(), None, Theme { color: true }, 1, t0());
    app.start_mock("pcep", 2026, None, t0()).unwrap();
    // Past the start screen: the clock starts at t0.
    app.update(Msg::Confirm, t0());
    app
}

fn exam(app: &App) -> &pyexam::tui::app::ExamScreen {
    match &app.screen {
        Screen::Exam(e) => e,
        _ => panic!("on the exam screen"),
    }
}

/// Answer every item from the first: right, except every fourth one.
fn answer_all(app: &mut App) {
    let count = exam(app).session.items.len();
    for i in 0..count {
        let item = exam(app).session.item().clone();
        let now = at(40 * i as i64 + 20);
        if item.kind != Kind::Choice {
            // An interactive item: the key, or (every fourth) the arrangement first shown.
            let answer = match item.kind {
                Kind::Gap => Answer::Gap(item.gaps.iter().map(|g| g.accept[0].clone()).collect()),
                Kind::Slots => Answer::Slots(
                    item.slots
                        .iter()
                        .map(|key| item.pool.iter().position(|e| &e.text == key))
                        .collect(),
                ),
                Kind::Tokens if i % 4 == 1 => Answer::Tokens(item.start.clone()),
                Kind::Tokens => Answer::Tokens((0..item.tiles.len() + item.decoys.len()).collect()),
                Kind::Match if i % 4 == 1 => Answer::Match(item.cards.iter().map(|_| None).collect()),
                Kind::Match => Answer::Match(
                    item.cards
                        .iter()
                        .map(|c| item.bins.iter().position(|b| *b == c.bin))
                        .collect(),
                ),
                _ if i % 4 == 1 => Answer::Order(item.start.clone()),
                _ => Answer::Order((0..item.lines.len()).collect()),
            };
            let Screen::Exam(e) = &mut app.screen else {
                panic!("on the exam screen")
            };
            let current = e.session.current;
            e.session.answers[current] = Some(answer);
            app.update(Msg::Next, now);
            continue;
        }
        let keys = item.keyed();
        let picks: Vec<usize> = if i % 4 == 1 {
            let wrong = (0..item.options.len()).find(|o| !keys.contains(o)).unwrap();
            vec![wrong]
        } else {
            keys.into_iter().collect()
        };
        for p in picks {
            app.update(Msg::Choose(p), now);
        }
        if i == 4 || i == 11 {
            app.update(Msg::Flag, now);
        }
        app.update(Msg::Next, now);
    }
}

fn history_of(app: &App) -> Vec<Stored> {
    let Screen::Results(attempt) = &app.screen else {
        panic!("on the results screen")
    };
    [58.2, 63.9, 61.4, 70.6, 74.1, 81.3]
        .iter()
        .enumerate()
        .map(|(n, percent)| {
            let mut a = (**attempt).clone();
            let shift = chrono::Duration::days(3 * n as i64 - 15);
            a.started_at += shift;
            a.finished_at += shift;
            a.report.percent = *percent;
            a.report.passed = *percent >= 70.0;
            Stored::of(&format!("attempt-{n}"), n + 1, &a)
        })
        .collect()
}

fn picture(name: &str, app: &App, title: &str) -> Option<String> {
    let svg = svg::render(&render(app, WIDTH, HEIGHT), title);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/img").join(name);
    if std::env::var_os("PYEXAM_REFRESH_PICTURES").is_some() {
        std::fs::write(&path, &svg).unwrap();
        return None;
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    (stored != svg).then(|| format!("docs/img/{name}"))
}

#[test]
fn the_readme_pictures_match_the_screens() {
    // Times on the screens are shown in local time: pin the zone before anything reads it.
    // SAFETY: this is the only test of this binary, and it sets the variable before any thread
    // of its own starts.
    unsafe { std::env::set_var("TZ", "UTC") };
    let mut stale = Vec::new();

    let mut app = exam_app();
    // The first choice item with six lines of code or more, one option chosen, 6 minutes in.
    let count = exam(&app).session.items.len();
    for _ in 0..count {
        let item = exam(&app).session.item();
        let lines = item.code.as_ref().map(|c| c.lines().count());
        if item.kind == Kind::Choice && lines.is_some_and(|n| n >= 6) {
            break;
        }
        app.update(Msg::Next, at(1));
    }
    assert!(
        exam(&app)
            .session
            .item()
            .code
            .as_ref()
            .is_some_and(|c| c.lines().count() >= 6),
        "the seed draws an item with six lines of code"
    );
    app.update(Msg::Choose(1), at(360));
    app.update(Msg::Tick, at(376));
    app.now = at(376);
    stale.extend(picture("exam.svg", &app, "pyexam: a PCEP mock exam item"));

    let mut app = exam_app();
    answer_all(&mut app);
    app.update(Msg::Submit, at(1900));
    app.update(Msg::Confirm, at(1900));
    stale.extend(picture("results.svg", &app, "pyexam: results by section"));
    let history = history_of(&app);

    app.update(Msg::OpenReview, at(1910));
    stale.extend(picture("review.svg", &app, "pyexam: review with explanations"));

    let banks = bank::load(&BankSource::Embedded).banks;
    let mut app = App::new(banks, history, None, Theme { color: true }, 1, at(2000));
    app.open(Screen::History(HistoryScreen::new(Some("pcep".into()))));
    stale.extend(picture("history.svg", &app, "pyexam: history and score trend"));

    assert!(
        stale.is_empty(),
        "{} no longer match(es) what the screens render: run `PYEXAM_REFRESH_PICTURES=1 cargo test --test pictures` and look at the pictures",
        stale.join(", ")
    );
}
