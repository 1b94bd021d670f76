//! The mastery map and the readiness lines on a mock's results: snapshots at 80x24 and 60x18
//! from an empty history, one mock and many; Enter drills the objective under the cursor.

mod common;

use common::histories::*;
use common::*;
use insta::assert_snapshot;
use pyexam::tui::app::{App, MenuEntry, Msg, Screen};
use pyexam::tui::theme::Theme;
use ratatui::style::Color;

fn app_with(history: Vec<pyexam::session::Attempt>, theme: Theme) -> App {
    App::new(objective_banks(), stored(history), None, theme, 1, t0())
}

/// The exam's menu of `mini`, then the mastery map entry.
fn open_from_menu(app: &mut App) {
    send(app, &[Msg::Choose(0)], t0());
    let entries = app.menu_entries();
    let at = entries.iter().position(|e| *e == MenuEntry::Mastery).unwrap();
    send(app, &[Msg::Choose(at)], t0());
    assert!(matches!(app.screen, Screen::Mastery(_)));
}

#[test]
fn mastery_map_from_an_empty_history() {
    let mut app = app_with(Vec::new(), mono());
    open_from_menu(&mut app);
    assert_snapshot!("mastery_empty_80x24", screen(&app, 80, 24));
    assert_snapshot!("mastery_empty_60x18", screen(&app, 60, 18));
}

#[test]
fn mastery_map_after_one_mock() {
    let banks = objective_banks();
    let mut app = app_with(vec![mock(&banks, 3, |i| i.id.ends_with('1'), t0())], mono());
    open_from_menu(&mut app);
    assert_snapshot!("mastery_one_mock_80x24", screen(&app, 80, 24));
}

#[test]
fn mastery_map_after_many_mocks_weakest_first() {
    let banks = objective_banks();
    let mut app = app_with(syntax_strong_loops_weak(&banks, 8, t0()), mono());
    open_from_menu(&mut app);
    send(&mut app, &[Msg::Down], t0());
    assert_snapshot!("mastery_many_80x24", screen(&app, 80, 24));
    assert_snapshot!("mastery_many_60x18", screen(&app, 60, 18));
    // Far down the list the selection stays in view below the fixed readiness line.
    send(&mut app, &[Msg::Down; 6], t0());
    let small = screen(&app, 60, 18);
    assert!(small.lines().nth(2).unwrap().starts_with(" Readiness"), "{small}");
    assert!(small.contains("›"), "{small}");
}

#[test]
fn marks_carry_the_meaning_and_colour_only_repeats_it() {
    let banks = objective_banks();
    let mut app = app_with(syntax_strong_loops_weak(&banks, 8, t0()), Theme { color: true });
    open_from_menu(&mut app);
    let buf = render(&app, 80, 24);
    let text = text(&buf);
    let row = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u16;
    let weak = row("L.1 Iterate");
    let solid = row("S.1 Read");
    let mark_at = |y: u16| {
        (0..80)
            .find(|&x| ["✗", "✓", "~", "?"].contains(&buf[(x, y)].symbol()))
            .unwrap()
    };
    let (wx, sx) = (mark_at(weak), mark_at(solid));
    assert_eq!((buf[(wx, weak)].symbol(), buf[(sx, solid)].symbol()), ("✗", "✓"));
    assert_eq!(buf[(wx, weak)].fg, Color::Red);
    assert_eq!(buf[(sx, solid)].fg, Color::Green);
}

#[test]
fn enter_on_an_objective_drills_exactly_its_items() {
    let banks = objective_banks();
    let mut app = app_with(syntax_strong_loops_weak(&banks, 8, t0()), mono());
    open_from_menu(&mut app);
    let Screen::Mastery(m) = &app.screen else {
        unreachable!()
    };
    let (first_topic, first_objective) = (
        m.mastery.topics[0].id.clone(),
        m.mastery.topics[0].objectives[0].id.clone(),
    );
    send(&mut app, &[Msg::Down, Msg::Confirm], t0());
    let Screen::Drill(d) = &app.screen else {
        panic!("a drill starts");
    };
    assert_eq!(d.drill.topic.as_deref(), Some(first_topic.as_str()));
    assert_eq!(d.drill.items.len(), 3);
    assert!(
        d.drill
            .items
            .iter()
            .all(|i| i.objective.as_deref() == Some(first_objective.as_str()))
    );
}

#[test]
fn results_of_a_mock_add_readiness_and_the_weakest_objectives() {
    let banks = objective_banks();
    let history = syntax_strong_loops_weak(&banks, 7, t0());
    let mut app = app_with(history, mono());
    app.start_mock("mini", 11, None, t0()).unwrap();
    send(&mut app, &[Msg::Confirm], t0());
    for _ in 0..6 {
        send(&mut app, &[Msg::Choose(0), Msg::Next], t0());
    }
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(60));
    assert!(matches!(app.screen, Screen::Results(_)));
    assert_snapshot!("results_with_readiness_80x24", screen(&app, 80, 24));
    assert_snapshot!("results_with_readiness_60x18", screen(&app, 60, 18));
    // m opens the map; q comes back to the results.
    send(&mut app, &[Msg::OpenMastery], at(61));
    assert!(matches!(app.screen, Screen::Mastery(_)));
    send(&mut app, &[Msg::Quit], at(62));
    assert!(matches!(app.screen, Screen::Results(_)));
}

#[test]
fn results_scrolled_at_60x18_then_resized_show_the_verdict_and_home_goes_back_up() {
    let banks = objective_banks();
    let history = syntax_strong_loops_weak(&banks, 7, t0());
    let mut app = app_with(history, mono());
    app.start_mock("mini", 11, None, t0()).unwrap();
    send(&mut app, &[Msg::Confirm], t0());
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(60));
    app.page = 10;
    let small = screen(&app, 60, 18);
    assert!(small.contains("NOT PASSED"), "{small}");
    // ↓ PgDn End at 60x18: the verdict scrolls away, and the view says there is more above.
    send(&mut app, &[Msg::Down, Msg::ScrollDown, Msg::Last], at(61));
    let scrolled = screen(&app, 60, 18);
    assert!(!scrolled.contains("NOT PASSED"), "{scrolled}");
    assert!(scrolled.contains("▲ more above"), "{scrolled}");
    // Home goes back to the top.
    send(&mut app, &[Msg::First], at(62));
    assert!(screen(&app, 60, 18).contains("NOT PASSED"));
    // Scrolled to the end again, then a taller terminal: the view clamps, ↑ moves at once.
    send(&mut app, &[Msg::Last], at(63));
    let _ = screen(&app, 60, 18);
    let tall = screen(&app, 100, 60);
    assert!(tall.contains("NOT PASSED"), "everything fits at 100x60:\n{tall}");
    assert!(!tall.contains("▲ more above"), "{tall}");
    send(&mut app, &[Msg::Up], at(64));
    assert!(screen(&app, 100, 60).contains("NOT PASSED"));
}
