//! Issue 26, "A newcomer's second hour": the menu's keys shown and listed, the cursor kept
//! across screens, the exam footer at a small size, the history chart. `Msg`s fed to `App` with
//! a fake clock; screens as insta snapshots.

mod common;

use common::*;
use insta::assert_snapshot;
use pyexam::tui::app::{App, MenuEntry, Msg, Screen};
use pyexam::tui::keymap;

fn menu_selected(app: &App) -> MenuEntry {
    let Screen::Menu(m) = &app.screen else {
        panic!("the menu, got {:?}", app.screen)
    };
    app.menu_entries()[m.selected].clone()
}

#[test]
fn menu_digits_are_shown_beside_their_entries() {
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 1, t0());
    let top = screen(&app, 80, 24);
    // demo, History, Quit: each with the digit that opens it.
    assert!(top.contains(" › 1 DEMO-01"), "{top}");
    assert!(top.contains("   2 History"), "{top}");
    assert!(top.contains("   3 Quit"), "{top}");
    app.update(Msg::Confirm, at(1));
    let entries = app.menu_entries();
    let review = entries.iter().position(|e| *e == MenuEntry::ReviewLast).unwrap();
    assert!(review < 9, "{entries:?}");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains(&format!("{} Review the last attempt", review + 1)),
        "{shown}"
    );
    // Entries past the ninth have no digit (and none is shown).
    assert!(shown.contains("      History"), "{shown}");
    // The digit shown is the digit that opens it.
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(
        char::from_digit(review as u32 + 1, 10).unwrap(),
    ));
    let msg = keymap::map(&app.screen, key).unwrap();
    let effects = app.update(msg, at(2));
    assert_eq!(
        app.notice.as_deref(),
        Some("No attempts yet for this exam."),
        "{effects:?}"
    );
    assert_snapshot!("menu_exam_digits_60x18", screen(&app, 60, 18));
}

#[test]
fn question_mark_lists_the_menus_keys_and_any_key_closes_it() {
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 1, t0());
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('?'));
    let msg = keymap::map(&app.screen, key).unwrap();
    app.update(msg, at(1));
    let help = screen(&app, 80, 24);
    assert!(
        help.contains("1-9            open the entry with that number"),
        "{help}"
    );
    assert_snapshot!("menu_help_80x24", help);
    assert_snapshot!("menu_help_60x18", screen(&app, 60, 18));
    // Any key closes it and does nothing else: still on the first entry of the top menu.
    app.update(Msg::Down, at(2));
    let closed = screen(&app, 80, 24);
    assert!(!closed.contains("open the entry with that number"), "{closed}");
    assert_eq!(menu_selected(&app), MenuEntry::Exam("demo".into()));
}

#[test]
fn back_from_a_screen_the_cursor_is_on_the_entry_that_opened_it() {
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 1, t0());
    app.update(Msg::Confirm, at(1));
    let mastery = app
        .menu_entries()
        .iter()
        .position(|e| *e == MenuEntry::Mastery)
        .unwrap();
    app.update(Msg::Choose(mastery), at(2));
    assert!(matches!(app.screen, Screen::Mastery(_)), "{:?}", app.screen);
    app.update(Msg::Quit, at(3));
    assert_eq!(menu_selected(&app), MenuEntry::Mastery);
    let history = app
        .menu_entries()
        .iter()
        .position(|e| *e == MenuEntry::History)
        .unwrap();
    app.update(Msg::Choose(history), at(4));
    app.update(Msg::Quit, at(5));
    assert_eq!(menu_selected(&app), MenuEntry::History);
    // And one level up, on the exam that was open.
    app.update(Msg::Quit, at(6));
    assert_eq!(menu_selected(&app), MenuEntry::Exam("demo".into()));
}

/// The last line of a screen: its footer.
fn footer(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

#[test]
fn at_60x18_the_exam_footer_keeps_grid_and_submit() {
    let app = demo_exam();
    let small = screen(&app, 60, 18);
    for hint in ["g grid", "s submit", "? help", "q quit"] {
        assert!(footer(&small).contains(hint), "{hint} missing: {small}");
    }
    assert_snapshot!("exam_60x18", small);
    let wide = screen(&app, 100, 30);
    for hint in ["g grid", "s submit", "f flag", "←→ item", "1-9 choose", "↑↓ move"] {
        assert!(footer(&wide).contains(hint), "{hint} missing at 100x30: {wide}");
    }
    // Every kind's footer keeps them too.
    let mut kinds = std::collections::BTreeSet::new();
    for seed in 0..60 {
        let app = kinds_exam(seed);
        let Screen::Exam(e) = &app.screen else { panic!() };
        let kind = e.session.item().kind;
        kinds.insert(format!("{kind:?}"));
        let text = screen(&app, 60, 18);
        for hint in ["g grid", "s submit", "? help"] {
            assert!(footer(&text).contains(hint), "{kind:?}: {hint} missing: {text}");
        }
    }
    assert_eq!(kinds.len(), 4, "every kind came first in some mock: {kinds:?}");
}

/// A demo mock with option `option` chosen on every item, finished at `finished` seconds.
fn mock_attempt(seed: u64, option: usize, finished: i64) -> pyexam::session::Attempt {
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 1, t0());
    app.start_mock("demo", seed, None, at(finished - 100)).unwrap();
    app.update(Msg::Confirm, at(finished - 100));
    for _ in 0..4 {
        send(&mut app, &[Msg::Choose(option), Msg::Next], at(finished - 90));
    }
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(finished));
    let Screen::Results(a) = &app.screen else {
        panic!("results, got {:?}", app.screen)
    };
    (**a).clone()
}

/// Mocks #2 and #5 of the demo exam between a study session (#1, #4) and a drill (#3).
fn mixed_history() -> Vec<pyexam::store::Stored> {
    use pyexam::session::Mode;
    use pyexam::store::Stored;
    let mut study = mock_attempt(3, 0, 1000);
    study.mode = Mode::Study;
    study.standard_time = false;
    study.seed = None;
    let mut drill = study.clone();
    drill.mode = Mode::Drill;
    vec![
        Stored::of("a", 1, &study),
        Stored::of("b", 2, &mock_attempt(1, 0, 2000)),
        Stored::of("c", 3, &drill),
        Stored::of("d", 4, &study),
        Stored::of("e", 5, &mock_attempt(2, 1, 9000)),
    ]
}

#[test]
fn the_history_chart_numbers_mocks_by_attempt_and_leaves_study_out() {
    let mut app = App::new(fixture_banks(), mixed_history(), None, mono(), 1, t0());
    app.open(Screen::History(pyexam::tui::app::HistoryScreen::new(Some(
        "demo".into(),
    ))));
    let text = screen(&app, 100, 30);
    // The x axis is labelled with the mocks' own numbers.
    let axis = text
        .lines()
        .find(|l| l.contains("#2") && l.contains("#5") && !l.contains("seed"))
        .unwrap_or_else(|| panic!("an axis labelled #2 … #5: {text}"));
    assert!(!axis.contains("#1"), "{axis}");
    assert!(text.contains("score per mock by attempt #"), "{text}");
    // Study and drill rows carry no '*': they are untimed, not non-standard mocks.
    for line in text
        .lines()
        .filter(|l| l.contains(" study ") || l.contains(" drill "))
    {
        assert!(!line.contains("%*"), "{line}");
    }
    // The detail line names the selected row by the number the list shows.
    assert!(text.contains("#5 seed 2 · again:"), "{text}");
    app.update(Msg::Down, at(1));
    let text = screen(&app, 100, 30);
    assert!(text.contains("#4 DEMO-01 study"), "{text}");
    // Local times differ by time zone: the snapshot names them.
    let local = |secs| {
        at(secs)
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let text = text
        .replace(&local(1000), "[study/drill]   ")
        .replace(&local(2000), "[mock #2]       ")
        .replace(&local(9000), "[mock #5]       ");
    assert_snapshot!("history_mixed_100x30", text);
}
