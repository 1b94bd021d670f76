//! A newcomer's first hour (issue 13), each rough edge held by a test: the start screen, choosing,
//! "Select N", the submit dialog, the drill's keys and words, and q going one level up.

mod common;

use common::*;
use pyexam::tui::app::{App, Effect, MenuEntry, Msg, Overlay, Screen};

fn exam(app: &App) -> &pyexam::tui::app::ExamScreen {
    match &app.screen {
        Screen::Exam(e) => e,
        other => panic!("expected the exam screen, got {other:?}"),
    }
}

/// Move to the first item asking for more than one option.
fn to_multiple(app: &mut App) {
    for _ in 0..4 {
        if exam(app).session.item().is_multiple() {
            return;
        }
        app.update(Msg::Next, at(1));
    }
    panic!("the demo mock has a multiple-select item");
}

#[test]
fn the_clock_waits_for_enter_on_the_start_screen() {
    let mut app = demo_start();
    assert!(!exam(&app).started);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Press Enter to start the clock.") && text.contains("4 items · 12 minutes"),
        "{text}"
    );
    assert!(
        !text.contains("Item 1/4"),
        "no item before the clock runs:\n{text}"
    );
    // Ten minutes on the start screen: keys that answer do nothing, and no time is used.
    assert!(app.update(Msg::Tick, at(600)).is_empty());
    assert!(app.update(Msg::Choose(0), at(600)).is_empty());
    let effects = app.update(Msg::Confirm, at(600));
    assert!(matches!(effects.as_slice(), [Effect::SaveJournal(_)]));
    let s = &exam(&app).session;
    assert!(exam(&app).started && s.answers.iter().all(|a| a.is_none()));
    assert_eq!(s.remaining(at(600)), 12 * 60, "the clock starts at Enter");
    assert_eq!(s.remaining(at(660)), 11 * 60);
}

#[test]
fn leaving_the_start_screen_keeps_nothing_and_goes_up_a_level() {
    let mut app = demo_start();
    let effects = app.update(Msg::Quit, at(5));
    assert_eq!(effects, vec![Effect::ClearJournal("demo".into())]);
    assert!(app.journals.is_empty());
    assert!(matches!(&app.screen, Screen::Menu(m) if m.exam.as_deref() == Some("demo")));
}

#[test]
fn choosing_the_chosen_option_again_keeps_it_and_x_clears() {
    let mut app = demo_exam();
    while exam(&app).session.item().is_multiple() {
        app.update(Msg::Next, at(1));
    }
    send(&mut app, &[Msg::Choose(1), Msg::Choose(1), Msg::Confirm], at(2));
    assert_eq!(
        exam(&app).session.answer().map(|a| a.chosen().len()),
        Some(1),
        "an extra Enter or key press does not unanswer the item"
    );
    let effects = app.update(Msg::Clear, at(3));
    assert!(matches!(effects.as_slice(), [Effect::SaveJournal(s)] if s.answers[s.current].is_none()));
}

#[test]
fn select_n_refuses_one_more_with_a_notice() {
    let mut app = demo_exam();
    to_multiple(&mut app);
    let n = exam(&app).session.item().select_count();
    let options = exam(&app).session.item().options.len();
    for i in 0..options {
        app.update(Msg::Choose(i), at(2));
    }
    assert_eq!(exam(&app).session.answer().unwrap().chosen().len(), n);
    assert_eq!(
        app.notice.as_deref(),
        Some(format!("Select {n}: unselect one first (press its key again).").as_str())
    );
    // The count is in the header, so it shows however long the item is.
    assert!(
        screen(&app, 60, 18)
            .lines()
            .next()
            .unwrap()
            .contains(&format!("Select {n}"))
    );
}

#[test]
fn the_submit_dialog_names_the_unanswered_and_flagged_items() {
    let mut app = demo_exam();
    send(
        &mut app,
        &[Msg::Flag, Msg::Next, Msg::Choose(0), Msg::Submit],
        at(3),
    );
    assert_eq!(exam(&app).overlay, Some(Overlay::ConfirmSubmit));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Unanswered: 1, 3, 4") && text.contains("Flagged: 1"),
        "{text}"
    );
}

#[test]
fn results_show_the_seed_the_retake_command_and_how_the_score_is_made() {
    let mut app = demo_exam();
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(30));
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("Seed 7. The same exam again:\n   pyexam exam demo --seed 7"),
        "{text}"
    );
    assert!(text.contains("weights each section"), "{text}");
    assert!(
        text.contains("└ pass mark 70%"),
        "the marker in the bars is labelled:\n{text}"
    );
}

fn drill_app(topic: Option<&str>) -> App {
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 3, t0());
    app.start_drill("demo", topic, None, false, 11, t0()).unwrap();
    app
}

#[test]
fn drill_help_lists_the_drill_keys_only() {
    let mut app = drill_app(Some("loops"));
    app.update(Msg::Help, at(1));
    app.update(Msg::Tick, at(2));
    let text = screen(&app, 80, 24);
    assert!(text.contains("end the drill"), "{text}");
    for exam_only in ["navigator", "flag", "submit", "resume"] {
        assert!(!text.contains(exam_only), "{exam_only} is no drill key:\n{text}");
    }
    // Esc closes the help; only the next one ends the drill.
    app.update(Msg::Cancel, at(3));
    assert!(matches!(app.screen, Screen::Drill(_)));
}

#[test]
fn a_drill_of_every_section_says_so() {
    let app = drill_app(None);
    let head = screen(&app, 80, 24).lines().next().unwrap().to_string();
    assert!(
        head.contains("all sections") && !head.contains("missed"),
        "{head}"
    );
}

#[test]
fn drill_says_what_enter_and_next_did_and_counts_open_misses() {
    let mut app = drill_app(Some("basics"));
    let Screen::Drill(d) = &app.screen else { panic!() };
    let first = d.drill.items[d.drill.current().unwrap()].clone();
    app.update(Msg::Next, at(1));
    let expected = if first.is_multiple() {
        "Select 2 options before checking (0 chosen).".to_string()
    } else {
        "Choose an option first (1-9, or ↑↓ and Space).".to_string()
    };
    assert_eq!(app.notice.as_deref(), Some(expected.as_str()));
    // Answer wrong, move on, and quit with the miss still queued.
    let wrong = (0..first.options.len())
        .find(|&i| !first.options[i].correct)
        .unwrap();
    app.update(Msg::Choose(wrong), at(2));
    if first.is_multiple() {
        let other = (0..first.options.len()).find(|&i| i != wrong).unwrap();
        app.update(Msg::Choose(other), at(2));
    }
    send(&mut app, &[Msg::Confirm, Msg::Confirm, Msg::Quit], at(3));
    let text = screen(&app, 80, 24);
    assert!(text.contains("0 needed retries · 1 still missed"), "{text}");
    assert!(text.contains(&format!("✗ {} (not yet right", first.id)), "{text}");
}

#[test]
fn q_goes_back_from_review_to_the_results_it_came_from() {
    let mut app = demo_exam();
    app.has_menu = false;
    send(&mut app, &[Msg::Submit, Msg::Confirm, Msg::OpenReview], at(30));
    assert!(matches!(app.screen, Screen::Review(_)));
    assert!(
        app.update(Msg::Quit, at(31)).is_empty(),
        "q does not exit from review"
    );
    assert!(matches!(app.screen, Screen::Results(_)));
    // History opened from the results goes back to them too.
    app.update(Msg::OpenHistory, at(32));
    assert!(app.update(Msg::Cancel, at(33)).is_empty());
    assert!(matches!(app.screen, Screen::Results(_)));
    assert_eq!(app.update(Msg::Quit, at(34)), vec![Effect::Exit]);
}

#[test]
fn from_the_menu_q_in_a_drill_or_history_returns_to_that_exams_menu() {
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 1, t0());
    let on_exam_menu =
        |app: &App| matches!(&app.screen, Screen::Menu(m) if m.exam.as_deref() == Some("demo"));
    app.update(Msg::Confirm, at(1));
    assert!(on_exam_menu(&app));
    let entries = app.menu_entries();
    let history = entries.iter().position(|e| *e == MenuEntry::History).unwrap();
    send(&mut app, &[Msg::Choose(history), Msg::Quit], at(2));
    assert!(on_exam_menu(&app), "history → q: {:?}", app.screen);
    let drill = entries
        .iter()
        .position(|e| matches!(e, MenuEntry::DrillTopic(t) if t == "loops"))
        .unwrap();
    send(&mut app, &[Msg::Choose(drill), Msg::Quit], at(3));
    assert!(
        on_exam_menu(&app),
        "drill left before any answer → q: {:?}",
        app.screen
    );
}

#[test]
fn history_marks_odd_attempts_and_leaves_them_out_of_the_trend() {
    let mut done = demo_exam();
    send(&mut done, &[Msg::Submit, Msg::Confirm], at(30));
    let Screen::Results(a) = &done.screen else {
        panic!()
    };
    let standard = (**a).clone();
    let mut short = standard.clone();
    short.standard_time = false;
    short.finished_at = at(4000);
    let history = vec![
        pyexam::store::Stored::of("one", 1, &standard),
        pyexam::store::Stored::of("two", 2, &short),
    ];
    let mut app = App::new(fixture_banks(), history, None, mono(), 1, t0());
    app.open(Screen::History(pyexam::tui::app::HistoryScreen::new(None)));
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("0.0%* fail"),
        "the non-standard attempt is marked:\n{text}"
    );
    assert!(text.contains("standard-time mocks"), "{text}");
    let blocks = |t: &str| {
        t.lines()
            .filter(|l| l.contains('│'))
            .map(|l| l.matches('█').count())
            .sum::<usize>()
    };
    assert_eq!(
        blocks(&text),
        1,
        "one comparable mock, one visible point:\n{text}"
    );
    app.update(Msg::CycleFilter, at(1));
    let all = screen(&app, 100, 30);
    assert!(all.contains("all mocks"), "{all}");
    assert_eq!(blocks(&all), 2, "{all}");
}
