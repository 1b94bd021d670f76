//! State transitions fed as messages with a fake clock: no terminal, no filesystem.

mod common;

use common::*;
use pyexam::session::Mode;
use pyexam::store::Stored;
use pyexam::tui::app::{App, Effect, Filter, Msg, Overlay, Screen};

fn exam(app: &App) -> &pyexam::tui::app::ExamScreen {
    match &app.screen {
        Screen::Exam(e) => e,
        other => panic!("expected the exam screen, got {other:?}"),
    }
}

fn is_journal(effects: &[Effect]) -> bool {
    matches!(effects, [Effect::SaveJournal(_)])
}

#[test]
fn every_answer_flag_and_move_is_journaled() {
    let mut app = demo_exam();
    for msg in [Msg::Choose(0), Msg::Flag, Msg::Next, Msg::Toggle, Msg::Previous] {
        let effects = app.update(msg, at(5));
        assert!(is_journal(&effects), "{msg:?} gave {effects:?}");
    }
    let Some(Effect::SaveJournal(saved)) = app.update(Msg::Choose(1), at(9)).pop() else {
        panic!()
    };
    assert_eq!(saved.used_secs, 9, "the journal carries the time used");
    assert!(saved.flags[0]);
    // Moving the cursor alone changes nothing worth saving.
    assert!(app.update(Msg::Down, at(10)).is_empty());
}

#[test]
fn answering_everything_and_submitting_shows_results_and_saves() {
    let mut app = demo_exam();
    let n = exam(&app).session.items.len();
    for i in 0..n {
        let keyed: Vec<usize> = exam(&app).session.item().keyed().into_iter().collect();
        for k in keyed {
            app.update(Msg::Choose(k), at(10 * i as i64));
        }
        app.update(Msg::Next, at(10 * i as i64 + 5));
    }
    app.update(Msg::Submit, at(60));
    assert_eq!(exam(&app).overlay, Some(Overlay::ConfirmSubmit));
    let effects = app.update(Msg::Confirm, at(61));
    let Screen::Results(attempt) = &app.screen else {
        panic!("results expected")
    };
    assert_eq!((attempt.report.correct, attempt.report.total), (4, 4));
    assert_eq!(attempt.report.percent, 100.0);
    assert!(attempt.report.passed && !attempt.timed_out);
    assert_eq!(attempt.used_secs, 61);
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveAttempt(_), Effect::ClearJournal(_)]
    ));
}

#[test]
fn submit_can_be_cancelled() {
    let mut app = demo_exam();
    send(&mut app, &[Msg::Submit, Msg::Cancel], at(1));
    assert_eq!(exam(&app).overlay, None);
}

#[test]
fn time_running_out_submits_with_the_answers_given() {
    let mut app = demo_exam();
    app.update(Msg::Choose(0), at(30));
    assert!(matches!(app.screen, Screen::Exam(_)));
    let effects = app.update(Msg::Tick, at(12 * 60));
    let Screen::Results(attempt) = &app.screen else {
        panic!("auto-submitted")
    };
    assert!(attempt.timed_out);
    assert_eq!(attempt.used_secs, 12 * 60);
    assert!(attempt.answers[0].is_some());
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveAttempt(_), Effect::ClearJournal(_)]
    ));
}

#[test]
fn navigator_jumps_to_the_chosen_item() {
    let mut app = demo_exam();
    send(&mut app, &[Msg::Navigator, Msg::Next, Msg::Next], at(1));
    assert_eq!(exam(&app).overlay, Some(Overlay::Navigator { selected: 2 }));
    let effects = app.update(Msg::Confirm, at(2));
    assert!(is_journal(&effects));
    assert_eq!((exam(&app).session.current, exam(&app).overlay), (2, None));
    // Keys that choose options do nothing while the grid is open.
    send(&mut app, &[Msg::Navigator, Msg::Choose(0), Msg::Cancel], at(3));
    assert!(exam(&app).session.answers.iter().all(|a| a.is_none()));
}

#[test]
fn quit_asks_then_saves_and_exits() {
    let mut app = demo_exam();
    app.update(Msg::Choose(1), at(20));
    assert!(app.update(Msg::Quit, at(21)).is_empty());
    assert_eq!(exam(&app).overlay, Some(Overlay::ConfirmQuit));
    let effects = app.update(Msg::Confirm, at(22));
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveJournal(_), Effect::Exit]
    ));
}

#[test]
fn interrupt_saves_immediately() {
    let mut app = demo_exam();
    let effects = app.update(Msg::Interrupt, at(3));
    assert!(matches!(
        effects.as_slice(),
        [Effect::SaveJournal(_), Effect::Exit]
    ));
}

#[test]
fn resume_restores_position_and_the_time_that_was_left() {
    let mut app = demo_exam();
    send(
        &mut app,
        &[Msg::Choose(0), Msg::Flag, Msg::Next, Msg::Next],
        at(100),
    );
    let Some(Effect::SaveJournal(saved)) = app.update(Msg::Flag, at(101)).pop() else {
        panic!()
    };
    // Away for a day: the clock does not run while the exam is saved.
    let mut back = App::new(
        fixture_banks(),
        Vec::new(),
        Some((*saved).clone()),
        mono(),
        2,
        at(86_400),
    );
    back.resume(*saved, at(86_400));
    let s = &exam(&back).session;
    assert_eq!(
        (s.current, s.flags[0], s.flags[2], s.answers[0].is_some()),
        (2, true, true, true)
    );
    assert_eq!(s.remaining(at(86_400)), 12 * 60 - 101);
}

#[test]
fn resume_with_no_time_left_submits_at_once() {
    let mut app = demo_exam();
    app.update(Msg::Choose(0), at(5));
    let Screen::Exam(e) = &app.screen else { panic!() };
    let mut session = e.session.clone();
    session.used_secs = session.limit_secs;
    let mut back = App::new(
        fixture_banks(),
        Vec::new(),
        Some(session.clone()),
        mono(),
        2,
        at(9_000),
    );
    let effects = back.resume(session, at(9_000));
    assert!(matches!(back.screen, Screen::Results(ref a) if a.timed_out && a.answers[0].is_some()));
    assert!(matches!(
        effects.as_slice(),
        [
            Effect::ClaimJournal(_),
            Effect::SaveAttempt(_),
            Effect::ClearJournal(_)
        ]
    ));
}

fn drill_app(history: Vec<Stored>) -> App {
    App::new(fixture_banks(), history, None, mono(), 3, t0())
}

#[test]
fn drill_gives_feedback_and_brings_misses_back() {
    let mut app = drill_app(Vec::new());
    app.start_drill("demo", Some("basics"), None, false, 5, t0())
        .unwrap();
    let drill = |app: &App| match &app.screen {
        Screen::Drill(d) => d.drill.clone(),
        _ => panic!("drill expected"),
    };
    let first = drill(&app).current().unwrap();
    let item = drill(&app).items[first].clone();
    let wrong = (0..item.options.len())
        .find(|i| !item.options[*i].correct)
        .unwrap();
    // A multiple-select item is not checked until enough options are chosen.
    app.update(Msg::Choose(wrong), at(1));
    app.update(Msg::Confirm, at(2));
    if item.is_multiple() {
        assert!(app.notice.as_deref().unwrap().starts_with("Select 2 options"));
        let other = (0..item.options.len()).find(|i| *i != wrong).unwrap();
        app.update(Msg::Choose(other), at(2));
        app.update(Msg::Confirm, at(2));
    }
    assert_eq!(drill(&app).feedback, Some(false));
    app.update(Msg::Confirm, at(3));
    assert_ne!(
        drill(&app).current(),
        Some(first),
        "the missed item comes back later, not at once"
    );
    // Answer everything right from here on.
    for _ in 0..10 {
        let Screen::Drill(_) = &app.screen else { break };
        let d = drill(&app);
        let i = d.current().unwrap();
        for k in d.items[i].keyed() {
            app.update(Msg::Choose(k), at(4));
        }
        app.update(Msg::Confirm, at(5));
        app.update(Msg::Confirm, at(6));
    }
    let Screen::DrillSummary(a) = &app.screen else {
        panic!("summary expected, got {:?}", app.screen)
    };
    assert_eq!(a.mode, Mode::Drill);
    assert_eq!(a.tries.iter().filter(|t| **t == 2).count(), 1);
    assert_eq!(a.report.correct, a.items.len() - 1);
}

#[test]
fn missed_drill_takes_the_latest_answer_of_every_item() {
    // A mock where every answer is wrong, then a drill where one of those items was right.
    let mut app = demo_exam();
    let n = exam(&app).session.items.len();
    for _ in 0..n {
        let item = exam(&app).session.item().clone();
        let wrong = (0..item.options.len())
            .find(|i| !item.options[*i].correct)
            .unwrap();
        send(&mut app, &[Msg::Choose(wrong), Msg::Next], at(1));
    }
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(2));
    let Screen::Results(mock) = &app.screen else {
        panic!()
    };
    let mock = (**mock).clone();
    let mut fixed = mock.clone();
    fixed.mode = Mode::Drill;
    fixed.finished_at = at(100);
    fixed.items.truncate(1);
    fixed.answers = vec![Some(pyexam::session::Answer::Choice(fixed.items[0].keyed()))];
    fixed.tries = vec![1];
    let history = vec![Stored::of("a", 1, &mock), Stored::of("b", 2, &fixed)];
    let mut app = drill_app(history);
    app.start_drill("demo", None, None, true, 1, at(200)).unwrap();
    let Screen::Drill(d) = &app.screen else { panic!() };
    let mut ids: Vec<_> = d.drill.items.iter().map(|i| i.id.clone()).collect();
    ids.sort();
    let mut expected: Vec<_> = mock.items.iter().skip(1).map(|i| i.id.clone()).collect();
    expected.sort();
    assert_eq!(ids, expected);
    assert!(d.drill.topic.is_none());
}

#[test]
fn missed_drill_with_nothing_missed_says_so() {
    let mut app = drill_app(Vec::new());
    assert_eq!(
        app.start_drill("demo", None, None, true, 1, t0()),
        Err(pyexam::tui::app::DrillError::Nothing(
            "Nothing to drill: no DEMO-01 item is currently missed. Take a mock with `pyexam exam demo` or drill a topic."
                .to_string()
        ))
    );
}

#[test]
fn review_filters_cycle_missed_flagged_all() {
    let mut app = demo_exam();
    send(
        &mut app,
        &[Msg::Flag, Msg::Submit, Msg::Confirm, Msg::OpenReview],
        at(5),
    );
    let filter = |app: &App| match &app.screen {
        Screen::Review(r) => (r.filter, r.visible().len()),
        _ => panic!(),
    };
    assert_eq!(filter(&app), (Filter::Missed, 4));
    app.update(Msg::CycleFilter, at(6));
    assert_eq!(filter(&app), (Filter::Flagged, 1));
    app.update(Msg::CycleFilter, at(6));
    assert_eq!(filter(&app), (Filter::All, 4));
}

#[test]
fn menu_offers_resume_first_when_a_journal_exists() {
    let mut app = demo_exam();
    let Screen::Exam(e) = &app.screen else { panic!() };
    let session = e.session.clone();
    app = App::new(fixture_banks(), Vec::new(), Some(session), mono(), 1, t0());
    assert_eq!(
        app.menu_entries()[0],
        pyexam::tui::app::MenuEntry::Resume("demo".into())
    );
    app.update(Msg::Confirm, at(1));
    assert!(matches!(app.screen, Screen::Exam(_)));
}

#[test]
fn a_failed_save_is_shown_and_quitting_waits_for_a_save_that_works() {
    use pyexam::store::Store;
    // A home inside a plain file: every write fails (even as root).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "not a folder").unwrap();
    let home = dir.path().join("file").join("home");
    let store = Store::open(Some(home.clone())).unwrap();
    let mut app = demo_exam();
    let effects = app.update(Msg::Choose(0), at(1));
    assert!(!pyexam::tui::apply(&mut app, &store, effects));
    assert!(
        app.notice.as_deref().unwrap().starts_with("Could not save:"),
        "{:?}",
        app.notice
    );
    send(&mut app, &[Msg::Quit], at(2));
    let effects = app.update(Msg::Confirm, at(3));
    assert!(
        !pyexam::tui::apply(&mut app, &store, effects),
        "q must not leave with unsaved work"
    );
    assert_eq!(
        exam(&app).overlay,
        Some(Overlay::ConfirmQuit),
        "the dialog stays to try again"
    );
    // Once the disk works again, confirming again saves and leaves.
    std::fs::remove_file(dir.path().join("file")).unwrap();
    let effects = app.update(Msg::Confirm, at(5));
    assert!(pyexam::tui::apply(&mut app, &store, effects));
    assert!(home.join("exam-demo.jsonl").exists());
}

#[test]
fn review_opened_from_history_goes_back_to_it() {
    let mut done = demo_exam();
    send(&mut done, &[Msg::Submit, Msg::Confirm], at(5));
    let Screen::Results(a) = &done.screen else {
        panic!()
    };
    let attempt = (**a).clone();
    let mut app = App::new(
        fixture_banks(),
        vec![Stored::of("one", 1, &attempt), Stored::of("two", 2, &attempt)],
        None,
        mono(),
        1,
        t0(),
    );
    app.open(Screen::History(pyexam::tui::app::HistoryScreen::new(None)));
    app.update(Msg::Down, at(1));
    // The list asks the shell for the newest-first second row's file; the shell reads it.
    let effects = app.update(Msg::Confirm, at(1));
    let [Effect::OpenAttempt(name)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(name, "one");
    app.open_review(attempt.clone());
    assert!(matches!(app.screen, Screen::Review(_)));
    let effects = app.update(Msg::Quit, at(2));
    assert!(effects.is_empty(), "q returns to the list instead of leaving");
    assert!(matches!(app.screen, Screen::History(ref h) if h.selected == 1));
    assert_eq!(app.update(Msg::Quit, at(3)), vec![Effect::Exit]);
}

#[test]
fn the_menu_discards_a_saved_exam_and_offers_set_aside_ones_back() {
    use pyexam::tui::app::{MenuEntry, SetAside};
    let mut done = demo_exam();
    let Screen::Exam(e) = &done.screen else { panic!() };
    let session = e.session.clone();
    done.update(Msg::Quit, at(1));
    let mut app = App::new(fixture_banks(), Vec::new(), Some(session), mono(), 1, t0());
    assert_eq!(
        app.menu_entries()[..2],
        [
            MenuEntry::Resume("demo".into()),
            MenuEntry::DiscardSaved("demo".into())
        ]
    );
    let effects = app.update(Msg::Choose(1), at(2));
    assert_eq!(effects, vec![Effect::SetJournalAside("demo".into())]);
    assert!(app.journals.is_empty());
    // With nothing saved, each set-aside exam is offered back.
    app.set_aside = vec![SetAside {
        file: "journal-20260101-090000.set-aside.jsonl".into(),
        exam: "demo".into(),
        code: "DEMO-01".into(),
        tally: pyexam::session::Tally {
            answered: 1,
            partly: 0,
            unanswered: 3,
        },
        left_secs: 500,
        when: "2026-01-01 09:00 UTC".into(),
    }];
    assert_eq!(app.menu_entries()[0], MenuEntry::RestoreSetAside(0));
    let effects = app.update(Msg::Choose(0), at(3));
    assert_eq!(
        effects,
        vec![Effect::RestoreJournal(
            "journal-20260101-090000.set-aside.jsonl".into()
        )]
    );
}

#[test]
fn discard_sets_the_saved_exam_aside_only_when_the_new_clock_starts() {
    // A saved exam, then `pyexam exam demo --discard`: the start screen writes nothing.
    let saved = exam(&demo_exam()).session.clone();
    let mut app = App::new(fixture_banks(), Vec::new(), Some(saved.clone()), mono(), 1, t0());
    app.forget_saved("demo");
    app.start_mock("demo", 8, None, t0()).unwrap();
    app.replace_saved_at_start(saved.clone());
    // q on the start screen: the saved exam is still the saved one, nothing set aside.
    let effects = app.update(Msg::Quit, at(1));
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::SetJournalAside(_) | Effect::ClearJournal(_) | Effect::SaveJournal(_)
        )),
        "{effects:?}"
    );
    assert_eq!(app.saved("demo"), Some(&saved));
    // Enter instead: set aside first, then the new exam is journaled.
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 1, t0());
    app.start_mock("demo", 8, None, t0()).unwrap();
    app.replace_saved_at_start(saved);
    let effects = app.update(Msg::Confirm, at(1));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::SetJournalAside(_), Effect::SaveJournal(_)]
        ),
        "{effects:?}"
    );
}

#[test]
fn the_scratch_pad_takes_every_key_as_text_is_journaled_and_kept_with_the_attempt() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use pyexam::tui::keymap;
    let mut app = demo_exam();
    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    assert_eq!(
        keymap::map(&app.screen, key(KeyCode::Char('w'))),
        Some(Msg::Notes)
    );
    app.update(Msg::Notes, at(1));
    // f, q and s are text here, Enter starts a line; each key is journaled.
    for c in "fq s".chars() {
        let msg = keymap::map(&app.screen, key(KeyCode::Char(c))).unwrap();
        assert_eq!(msg, Msg::Type(c));
        let effects = app.update(msg, at(2));
        assert!(
            matches!(effects.as_slice(), [Effect::SaveJournal(_)]),
            "{effects:?}"
        );
    }
    let enter = keymap::map(&app.screen, key(KeyCode::Enter)).unwrap();
    app.update(enter, at(2));
    app.update(Msg::Type('x'), at(2));
    assert!(screen(&app, 80, 24).contains("fq s"));
    let esc = keymap::map(&app.screen, key(KeyCode::Esc)).unwrap();
    app.update(esc, at(3));
    assert_eq!(exam(&app).overlay, None);
    assert_eq!(exam(&app).session.notes, "fq s\nx");
    assert!(!exam(&app).session.flags[0], "f was text, not a flag");
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(9));
    let Screen::Results(a) = &app.screen else { panic!() };
    assert_eq!(a.notes, "fq s\nx");
    app.page = 40;
    let shown = screen(&app, 80, 40);
    assert!(shown.contains("Your scratch pad:"), "{shown}");
}

#[test]
fn each_exam_has_its_own_saved_attempt_on_the_menu() {
    use pyexam::bank::{BankSource, load};
    use pyexam::session::{Blueprint, Session};
    use pyexam::tui::app::MenuEntry;
    let banks = load(&BankSource::Embedded).banks;
    let saved = |exam: &str| {
        let spec = banks.exam(exam).unwrap();
        let items = Blueprint::draw(&banks, spec, &Default::default(), 1)
            .unwrap()
            .items;
        Session::new(spec, items, 1, None, t0())
    };
    let (pcep, pcap) = (saved("pcep"), saved("pcap"));
    let mut app = App::new(banks.clone(), Vec::new(), vec![pcep, pcap], mono(), 1, t0());
    // The first menu resumes either; with two saved, Discard is in each exam's own menu.
    let entries = app.menu_entries();
    assert_eq!(
        entries[..3],
        [
            MenuEntry::Resume("pcap".into()),
            MenuEntry::Resume("pcep".into()),
            MenuEntry::Exam("pcep".into())
        ]
    );
    let at = |app: &App, e: MenuEntry| app.menu_entries().iter().position(|x| *x == e).unwrap();
    app.update(Msg::Choose(at(&app, MenuEntry::Exam("pcap".into()))), t0());
    assert_eq!(
        app.menu_entries()[..3],
        [
            MenuEntry::Resume("pcap".into()),
            MenuEntry::DiscardSaved("pcap".into()),
            MenuEntry::Mock
        ]
    );
    // A new PCAP mock waits for the saved one; a PCPP1 mock does not.
    let effects = app.update(Msg::Choose(2), t0());
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .starts_with("A PCAP-31-03 exam is saved")
    );
    app.update(Msg::Cancel, t0());
    app.update(Msg::Choose(at(&app, MenuEntry::Exam("pcpp1".into()))), t0());
    let effects = app.update(Msg::Choose(0), t0());
    assert!(matches!(effects.as_slice(), [Effect::SaveJournal(s)] if s.exam == "pcpp1"));
    assert_eq!(app.journals.len(), 3);
}
