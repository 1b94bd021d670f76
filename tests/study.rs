//! The study queue end to end: mocks with misses and flags become `study --list`, study
//! sessions move due dates out or bring items back as Again, `u` marks an answer unsure; and
//! snapshots of the study screen, its summary, and a mock's calibration and pacing lines.

mod common;

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use common::histories::*;
use common::*;
use insta::assert_snapshot;
use pyexam::bank::BankSet;
use pyexam::session::{Attempt, Mode, Summary};
use pyexam::study::{Schedule, reviews};
use pyexam::tui::app::{App, Effect, MenuEntry, Msg, Screen};

/// A `mini` mock finished at `finished`: item k answered wrong when `wrong(k)`, flagged when
/// `flag(k)`, one minute on screen each.
fn mock_with(
    banks: &BankSet,
    wrong: impl Fn(usize) -> bool,
    flag: impl Fn(usize) -> bool,
    finished: DateTime<Utc>,
) -> Attempt {
    let start = finished - Duration::minutes(6);
    let mut app = App::new(banks.clone(), Vec::new(), None, mono(), 1, start);
    app.start_mock("mini", 5, None, start).unwrap();
    // Past the start screen: the clock starts now.
    app.update(Msg::Confirm, start);
    let Screen::Exam(exam) = &app.screen else { panic!() };
    let items = exam.session.items.clone();
    for (k, item) in items.iter().enumerate() {
        let now = start + Duration::minutes(k as i64 + 1);
        let keyed = item.options.iter().position(|o| o.correct).unwrap();
        let other = item.options.iter().position(|o| !o.correct).unwrap();
        app.update(Msg::Choose(if wrong(k) { other } else { keyed }), now);
        if flag(k) {
            app.update(Msg::Flag, now);
        }
        app.update(Msg::Next, now);
    }
    app.update(Msg::Submit, finished);
    saved(app.update(Msg::Confirm, finished))
}

fn saved(effects: Vec<Effect>) -> Attempt {
    effects
        .into_iter()
        .find_map(|e| match e {
            Effect::SaveAttempt(a) => Some(*a),
            _ => None,
        })
        .expect("an attempt is saved")
}

/// Answer every item of the study session on screen right (or wrong when `wrong` says so),
/// then return the saved session.
fn study_all(app: &mut App, wrong: impl Fn(&str) -> bool, now: DateTime<Utc>) -> Attempt {
    let mut effects = Vec::new();
    while let Screen::Drill(d) = &app.screen {
        let item = &d.drill.items[d.drill.current().unwrap()];
        let already = d.drill.tries[d.drill.current().unwrap()] > 0;
        let keyed = item.options.iter().position(|o| o.correct).unwrap();
        let other = item.options.iter().position(|o| !o.correct).unwrap();
        // A miss is answered right when it comes back, so the session ends.
        let pick = if wrong(&item.id) && !already { other } else { keyed };
        app.update(Msg::Choose(pick), now);
        app.update(Msg::Confirm, now);
        effects.extend(app.update(Msg::Confirm, now));
    }
    saved(effects)
}

fn ids(a: &Attempt, pick: impl Fn(usize) -> bool) -> BTreeSet<String> {
    (0..a.items.len())
        .filter(|&k| pick(k))
        .map(|k| a.items[k].id.clone())
        .collect()
}

fn due_ids(app: &App) -> BTreeSet<String> {
    let q = app.study_queue("mini", None, 50).unwrap();
    q.due().map(|e| e.id.clone()).collect()
}

fn due_of(app: &App, id: &str) -> DateTime<Utc> {
    let summaries: Vec<Summary> = app.history.iter().map(|s| s.summary.clone()).collect();
    Schedule::replay(&reviews(&summaries, "mini"))
        .get(id)
        .unwrap()
        .due()
}

#[test]
fn study_list_after_a_mock_holds_exactly_the_missed_and_the_lucky() {
    let banks = objective_banks();
    let finished = Utc::now() - Duration::hours(1);
    // Items 0 and 3 wrong (3 flagged: a doubt, still a miss), 1 right but flagged (lucky).
    let mock = mock_with(&banks, |k| k == 0 || k == 3, |k| k == 1 || k == 3, finished);
    let expected = ids(&mock, |k| k == 0 || k == 1 || k == 3);
    let home = home_with(&[mock]);
    let v = pyexam_json(
        home.path(),
        Some(&objectives_dir()),
        &["study", "mini", "--list", "--json"],
    );
    let entries = v["queue"]["entries"].as_array().unwrap();
    let due: BTreeSet<String> = entries
        .iter()
        .filter(|e| e["why"] == "due")
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(due, expected);
    // The rest are new items: never answered, none of the mock's.
    let new: Vec<&str> = entries
        .iter()
        .filter(|e| e["why"] == "new")
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(entries.len(), 3 + new.len());
    assert_eq!(
        new.len(),
        15 - 6,
        "every unanswered item of the bank, within the limit"
    );
    // The text list names the same items with their last rating.
    let (_, text, _) = run_pyexam(
        home.path(),
        Some(&objectives_dir()),
        &["study", "mini", "--list", "--limit", "3"],
    );
    assert!(
        text.starts_with("MINI-01 study queue: 3 due, 0 new (limit 3)"),
        "{text}"
    );
    for id in &expected {
        assert!(text.contains(id.as_str()), "{text}");
    }
    assert_eq!(text.matches(" again ").count(), 2, "{text}");
    assert_eq!(text.matches(" hard ").count(), 1, "{text}");
}

#[test]
fn right_answers_move_due_dates_out_and_a_miss_comes_back_as_again() {
    let banks = objective_banks();
    let t = t0();
    let mut history = vec![mock_with(&banks, |k| k < 2, |_| false, t)];
    let missed: Vec<String> = ids(&history[0], |k| k < 2).into_iter().collect();
    let mut app = App::new(banks, stored(history.clone()), None, mono(), 1, t);
    let mut now = t + Duration::hours(1);
    app.now = now;
    assert_eq!(due_ids(&app), missed.iter().cloned().collect());

    // Day 0: study them right. They leave today's queue; FSRS wants them in a day or more.
    app.start_study("mini", 2, 9, now).unwrap();
    let session = study_all(&mut app, |_| false, now);
    assert_eq!(session.mode, Mode::Study);
    assert_eq!(ids(&session, |_| true), missed.iter().cloned().collect());
    history.push(session);
    app.history = stored(history.clone());
    assert!(due_ids(&app).is_empty());
    let mut gap = Duration::zero();
    let mut due = now;
    // Each time they fall due and are answered right, the next interval is longer.
    for round in 0..3 {
        let next = due_of(&app, &missed[0]);
        assert!(next - due > gap, "round {round}: {next} after {due}");
        gap = next - due;
        due = next;
        now = next;
        app.now = now;
        assert!(due_ids(&app).contains(&missed[0]), "round {round}");
        app.start_study("mini", 50, 9, now).unwrap();
        history.push(study_all(&mut app, |_| false, now));
        app.history = stored(history.clone());
    }

    // A miss brings it back as Again: far sooner than the interval it had earned, one more lapse.
    now = due_of(&app, &missed[0]);
    app.now = now;
    let before = app.study_queue("mini", None, 50).unwrap();
    let lapses = before.due().find(|e| e.id == missed[0]).unwrap().lapses;
    app.start_study("mini", 50, 9, now).unwrap();
    history.push(study_all(&mut app, |id| id == missed[0], now));
    app.history = stored(history.clone());
    let again = due_of(&app, &missed[0]);
    assert!(
        again - now < gap / 2,
        "due {again} after a miss at {now}; the last gap was {gap}"
    );
    app.now = again;
    let q = app.study_queue("mini", None, 50).unwrap();
    let back = q.due().find(|e| e.id == missed[0]).expect("due again");
    assert_eq!(back.last, Some("again"));
    assert_eq!(back.lapses, lapses + 1);
}

#[test]
fn u_marks_a_drill_answer_unsure_and_it_is_kept_as_hard() {
    let banks = objective_banks();
    let mut app = App::new(banks, Vec::new(), None, mono(), 1, t0());
    app.start_drill("mini", Some("syntax"), Some(1), false, 3, t0())
        .unwrap();
    let Screen::Drill(d) = &app.screen else { panic!() };
    let item = d.drill.items[0].clone();
    let keyed = item.options.iter().position(|o| o.correct).unwrap();
    app.update(Msg::Unsure, t0());
    app.update(Msg::Choose(keyed), t0());
    assert!(screen(&app, 80, 24).contains("? unsure: if right"));
    app.update(Msg::Confirm, t0());
    assert!(screen(&app, 80, 24).contains("Right, though unsure"));
    let a = saved(app.update(Msg::Confirm, t0()));
    assert_eq!(a.unsure, [true]);
    let s = Summary::of(&a);
    assert_eq!(
        pyexam::study::rating(Mode::Drill, &s.results[0]),
        Some(rs_fsrs::Rating::Hard)
    );
    assert_eq!(pyexam::session::Calibration::of(&s.results).lucky, [item.id]);
}

#[test]
fn the_menu_offers_study_with_its_due_count_and_starts_it() {
    let banks = objective_banks();
    let mock = mock_with(&banks, |k| k < 3, |_| false, t0());
    let mut app = App::new(banks, stored(vec![mock]), None, mono(), 1, t0());
    send(&mut app, &[Msg::Choose(0)], t0() + Duration::minutes(1));
    let at = app
        .menu_entries()
        .iter()
        .position(|e| *e == MenuEntry::Study)
        .unwrap();
    assert!(
        screen(&app, 80, 24).contains("Study (3 due, "),
        "{}",
        screen(&app, 80, 24)
    );
    send(&mut app, &[Msg::Choose(at)], t0() + Duration::minutes(1));
    let Screen::Drill(d) = &app.screen else {
        panic!("study on the drill screen")
    };
    assert_eq!(d.drill.mode, Mode::Study);
    assert_eq!(d.drill.items.len(), 15 - 6 + 3, "the 3 due, then every new item");
}

/// Snapshot text with local times replaced, so it holds in any time zone.
fn any_zone(app: &App, w: u16, h: u16, times: &[DateTime<Utc>]) -> String {
    let mut s = screen(app, w, h);
    for t in times {
        s = s.replace(&pyexam::tui::screens::study::local(*t), "[local time]");
    }
    s
}

#[test]
fn study_screens_and_a_mocks_calibration_and_pacing() {
    let banks = objective_banks();
    let t = t0();
    let mock = mock_with(&banks, |k| k == 0 || k == 4, |k| k == 2, t);
    let mut app = App::new(banks.clone(), Vec::new(), None, mono(), 1, t);
    app.screen = Screen::Results(Box::new(mock.clone()));
    assert_snapshot!("study_results_calibration_80x24", screen(&app, 80, 24));
    assert_snapshot!("study_results_calibration_60x18", screen(&app, 60, 18));

    let now = t + Duration::hours(2);
    let mut app = App::new(banks, stored(vec![mock]), None, mono(), 1, now);
    app.start_study("mini", 4, 2, now).unwrap();
    app.update(Msg::Unsure, now);
    assert_snapshot!("study_80x24", screen(&app, 80, 24));
    assert_snapshot!("study_60x18", screen(&app, 60, 18));
    let session = study_all(&mut app, |_| false, now);
    let next = {
        let mut summaries: Vec<Summary> = app.history.iter().map(|s| s.summary.clone()).collect();
        summaries.push(Summary::of(&session));
        let s = Schedule::replay(&reviews(&summaries, "mini"));
        s.items
            .values()
            .map(|c| c.due())
            .filter(|d| *d > now)
            .min()
            .unwrap()
    };
    assert_snapshot!("study_summary_80x24", any_zone(&app, 80, 24, &[next]));
    assert_snapshot!("study_summary_60x18", any_zone(&app, 60, 18, &[next]));
}

#[test]
fn a_mock_records_time_per_item_and_gives_quiet_time_notices() {
    let mut app = demo_exam();
    let Screen::Exam(e) = &app.screen else { panic!() };
    let limit = e.session.limit_secs as i64;
    app.update(Msg::Choose(0), at(30));
    app.update(Msg::Next, at(40));
    app.update(Msg::Choose(1), at(70));
    app.update(Msg::Previous, at(100));
    app.update(Msg::Tick, at(limit / 2 - 1));
    assert_eq!(app.notice, None);
    app.update(Msg::Tick, at(limit / 2));
    let half = format!("Half the time is left ({}:00).", limit / 2 / 60);
    assert_eq!(app.notice.as_deref(), Some(half.as_str()));
    assert!(screen(&app, 80, 24).contains(&half));
    // The next key answers as usual and the notice goes.
    app.update(Msg::Choose(2), at(limit / 2 + 1));
    assert_eq!(app.notice, None);
    let Screen::Exam(e) = &app.screen else {
        panic!("no dialog, still the exam")
    };
    assert!(e.session.answers[0].is_some());
    app.update(Msg::Tick, at(limit * 3 / 4));
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .starts_with("A quarter of the time is left")
    );
    app.update(Msg::Submit, at(limit * 3 / 4 + 5));
    let a = saved(app.update(Msg::Confirm, at(limit * 3 / 4 + 5)));
    // Item 1: 0-40 s, then from 100 s to the end; item 2: 40-100 s.
    assert_eq!(a.item_secs[1], 60);
    assert_eq!(a.item_secs[0], 40 + (limit * 3 / 4 + 5 - 100) as u64);
    assert_eq!(a.item_secs.iter().sum::<u64>(), a.used_secs);
}

#[test]
fn study_of_an_unknown_exam_names_the_valid_ones() {
    let home = home_with(&[]);
    for args in [&["study", "nope", "--list"][..], &["study", "nope"][..]] {
        let (code, _, err) = run_pyexam(home.path(), Some(&objectives_dir()), args);
        assert_eq!(code, 1, "{args:?}");
        assert!(
            // --banks adds its exams to the built-in ones.
            err.contains("unknown exam 'nope' (valid: mini, pcep, pcap, pcpp1, pcpp2)"),
            "{args:?}: {err}"
        );
    }
}
