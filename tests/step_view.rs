//! The step view on real bank items and their embedded traces: snapshots at 80x24 and 60x18
//! (a loop, a call with its return, a caught and an uncaught exception), and `t` from review
//! and drill feedback going there and back.

mod common;

use common::*;
use insta::assert_snapshot;
use pyexam::bank::{self, BankSet, BankSource};
use pyexam::session::{Drill, Item};
use pyexam::trace::Kind;
use pyexam::tui::app::{App, DrillScreen, Msg, Screen, StepScreen};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn shipped() -> BankSet {
    let loaded = bank::load(&BankSource::Embedded);
    assert!(loaded.problems.is_empty());
    loaded.banks
}

fn item(banks: &BankSet, id: &str) -> Item {
    let q = banks.question(id).unwrap_or_else(|| panic!("no item {id}"));
    Item::from_question(q, &mut ChaCha8Rng::seed_from_u64(1))
}

/// An app showing the step view of `id`, moved on to the first step that `at` accepts.
fn stepping(id: &str, at: impl Fn(&StepScreen) -> bool) -> App {
    let banks = shipped();
    let it = item(&banks, id);
    let mut app = App::new(banks, Vec::new(), None, mono(), 1, t0());
    app.open_step(&it);
    for _ in 0..500 {
        let Screen::Step(s) = &app.screen else {
            panic!("{id}: no step view ({:?})", app.notice)
        };
        if at(s) {
            return app;
        }
        assert!(s.pos + 1 < s.trace.len(), "{id}: no such step");
        app.update(Msg::Next, t0());
    }
    unreachable!()
}

fn both_sizes(name: &str, app: &App) {
    assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    assert_snapshot!(format!("{name}_60x18"), screen(app, 60, 18));
}

#[test]
fn a_loop_mid_way_with_output() {
    // for n in range(1, 8): continue on 3, break on 5, print the rest.
    let app = stepping("pcep-control-flow-031", |s| {
        s.state().line == 2 && s.trace.output[..s.state().output_end].contains('4')
    });
    both_sizes("step_loop", &app);
}

#[test]
fn a_call_returning() {
    let app = stepping("pcep-functions-exceptions-002", |s| {
        s.state().kind == Kind::Return
    });
    both_sizes("step_return", &app);
}

#[test]
fn an_exception_caught_by_except() {
    let app = stepping("pcep-functions-exceptions-028", |s| s.state().kind == Kind::Raise);
    let Screen::Step(s) = &app.screen else {
        unreachable!()
    };
    assert!(s.state().caught);
    both_sizes("step_caught", &app);
}

#[test]
fn an_uncaught_exception_ends_the_run() {
    let app = stepping("pcep-functions-exceptions-021", |s| s.state().kind == Kind::End);
    let Screen::Step(s) = &app.screen else {
        unreachable!()
    };
    assert_eq!(
        s.state().exception.as_deref(),
        Some("NameError: name 'level' is not defined")
    );
    both_sizes("step_uncaught", &app);
}

#[test]
fn keys_step_jump_and_go_back() {
    let mut app = stepping("pcep-functions-exceptions-002", |_| true);
    let pos = |app: &App| match &app.screen {
        Screen::Step(s) => (s.pos, s.trace.len()),
        _ => panic!("left the step view"),
    };
    let (_, n) = pos(&app);
    send(&mut app, &[Msg::Previous], t0());
    assert_eq!(pos(&app).0, 0, "no step before the first");
    send(&mut app, &[Msg::Last], t0());
    assert_eq!(pos(&app).0, n - 1);
    send(&mut app, &[Msg::Next], t0());
    assert_eq!(pos(&app).0, n - 1, "no step after the last");
    send(&mut app, &[Msg::First, Msg::Next, Msg::Next], t0());
    assert_eq!(pos(&app).0, 2);
    send(&mut app, &[Msg::Help], t0());
    assert!(screen(&app, 80, 24).contains("a variable changed at this step"));
    send(&mut app, &[Msg::Next], t0());
    assert_eq!(pos(&app).0, 2, "a key closes the help first");
}

/// A drill of one traced item, answered wrong and checked: feedback on screen.
fn drill_feedback(id: &str) -> App {
    let banks = shipped();
    let it = item(&banks, id);
    let wrong = it.options.iter().position(|o| !o.correct).unwrap();
    let spec = banks.exam("pcep").unwrap().clone();
    let mut app = App::new(banks, Vec::new(), None, mono(), 1, t0());
    app.open(Screen::Drill(Box::new(DrillScreen {
        drill: Drill::new("pcep", &spec.code, None, vec![it], t0()),
        label: "one traced item".into(),
        spec,
        scroll: Default::default(),
        help: false,
        editing: false,
        picked: None,
    })));
    send(&mut app, &[Msg::Choose(wrong), Msg::Confirm], at(5));
    app
}

#[test]
fn t_in_drill_feedback_opens_the_step_view_and_esc_comes_back() {
    let mut app = drill_feedback("pcep-control-flow-031");
    assert!(screen(&app, 80, 24).contains("t: step through the code"));
    send(&mut app, &[Msg::StepThrough], at(6));
    assert!(matches!(app.screen, Screen::Step(_)));
    send(&mut app, &[Msg::Next, Msg::Cancel], at(7));
    let Screen::Drill(d) = &app.screen else {
        panic!("Esc goes back to the drill")
    };
    assert_eq!(d.drill.feedback, Some(false), "the feedback is still there");
}

#[test]
fn t_in_review_opens_the_step_view_and_q_comes_back() {
    let mut app = drill_feedback("pcep-functions-exceptions-028");
    send(&mut app, &[Msg::Quit, Msg::OpenReview], at(8));
    assert!(matches!(app.screen, Screen::Review(_)));
    assert!(screen(&app, 80, 24).contains("t: step through the code"));
    send(&mut app, &[Msg::StepThrough], at(9));
    assert!(screen(&app, 80, 24).contains("Step through │ pcep-functions-exceptions-028"));
    send(&mut app, &[Msg::Quit], at(10));
    assert!(matches!(app.screen, Screen::Review(_)), "q goes back one level");
}

#[test]
fn items_without_a_trace_show_no_hint_and_t_does_nothing() {
    // The fixture bank's items are not in the shipped traces.
    let mut app = demo_exam();
    send(
        &mut app,
        &[Msg::Choose(0), Msg::Submit, Msg::Confirm, Msg::OpenReview],
        at(30),
    );
    assert!(matches!(app.screen, Screen::Review(_)));
    assert!(!screen(&app, 80, 24).contains("step through"));
    send(&mut app, &[Msg::StepThrough], at(31));
    assert!(matches!(app.screen, Screen::Review(_)));
}

#[test]
fn an_interrupt_in_the_step_view_saves_the_drill_underneath() {
    let mut app = drill_feedback("pcep-control-flow-031");
    send(&mut app, &[Msg::StepThrough], at(6));
    let effects = send(&mut app, &[Msg::Interrupt], at(7));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, pyexam::tui::app::Effect::SaveAttempt(_))),
        "{effects:?}"
    );
}

#[test]
fn an_item_with_files_lists_them_above_main_py_and_steps_through_main_only() {
    // app/__init__.py and app/core.py print on import; main.py's line 2 runs next.
    let app = stepping("pcap-modules-packages-026", |s| s.state().line == 2);
    let Screen::Step(s) = &app.screen else { panic!() };
    assert_eq!(s.files.len(), 2);
    assert_eq!(&s.trace.output[..s.state().output_end], "init app\ninit core\n");
    let text = screen(&app, 80, 24);
    for header in ["── app/__init__.py", "── app/core.py", "── main.py"] {
        assert!(text.contains(header), "{header}:\n{text}");
    }
    // The marked line is main.py's line 2, not a file's.
    assert!(text.contains("▶2 import app"), "{text}");
    both_sizes("step_files", &app);
}

#[test]
fn an_empty_file_is_said_to_be_empty_not_numbered() {
    let app = stepping("pcap-modules-packages-040", |_| true);
    let text = screen(&app, 100, 30);
    let rows: Vec<&str> = text.lines().collect();
    let at = rows
        .iter()
        .position(|l| l.contains("── geometry/__init__.py"))
        .expect(&text);
    assert!(rows[at + 1].contains("(empty file)"), "{text}");
    assert!(
        rows[at + 2].trim().is_empty(),
        "nothing numbered under it:\n{text}"
    );
}
