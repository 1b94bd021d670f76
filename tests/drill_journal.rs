//! Drills and study sessions are journaled like exams: a kill -9 loses at most the key in
//! flight, `pyexam resume` and the menu continue the interrupted drill, and starting another
//! drill files the interrupted one in history.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::mono;
use pyexam::bank::{self, BankSet, BankSource, Kind};
use pyexam::session::Answer;
use pyexam::store::Store;
use pyexam::tui::app::{App, Effect, MenuEntry, Msg, Screen};
use pyexam::tui::apply;

fn banks() -> BankSet {
    bank::load(&BankSource::Embedded).banks
}

fn t0() -> DateTime<Utc> {
    Utc::now()
}

fn drive(app: &mut App, store: &Store, msgs: &[Msg], now: DateTime<Utc>) -> Vec<Effect> {
    let mut all = Vec::new();
    for m in msgs {
        let effects = app.update(*m, now);
        all.extend(effects.clone());
        apply(app, store, effects);
    }
    all
}

/// Answer the drill item on screen with its key, check it, and move on.
fn answer_right(app: &mut App, store: &Store, now: DateTime<Utc>) {
    let Screen::Drill(d) = &mut app.screen else {
        panic!("drilling")
    };
    let item = d.drill.items[d.drill.current().unwrap()].clone();
    d.drill.pending = Some(match item.kind {
        Kind::Choice => Answer::Choice(item.keyed()),
        Kind::Gap => Answer::Gap(item.gaps.iter().map(|g| g.accept[0].clone()).collect()),
        Kind::Slots => Answer::Slots(
            item.slots
                .iter()
                .map(|key| item.pool.iter().position(|e| &e.text == key))
                .collect(),
        ),
        Kind::Order => Answer::Order((0..item.lines.len()).collect()),
        Kind::Tokens => Answer::Tokens((0..item.tiles.len() + item.decoys.len()).collect()),
        Kind::Match => Answer::Match(
            item.cards
                .iter()
                .map(|c| item.bins.iter().position(|b| *b == c.bin))
                .collect(),
        ),
    });
    drive(app, store, &[Msg::Confirm, Msg::Confirm], now);
}

/// A fresh process on the same home: a new Store and App with what the home holds.
fn restart(home: &std::path::Path) -> (App, Store) {
    let store = Store::open(Some(home.to_path_buf())).unwrap();
    let (history, _) = store.load_history();
    let mut app = App::new(
        banks(),
        history,
        store.load_journal("pcep").unwrap(),
        mono(),
        2,
        t0(),
    );
    app.saved_drill = store.load_drill().unwrap().map(|(d, _)| d);
    (app, store)
}

/// A drill of the PCEP collections section, 5 items, two answered, then the process dies.
fn killed_drill(home: &std::path::Path) -> Vec<String> {
    let store = Store::open(Some(home.to_path_buf())).unwrap();
    let mut app = App::new(banks(), Vec::new(), None, mono(), 1, t0());
    app.start_drill("pcep", Some("collections"), Some(5), false, 9, t0())
        .unwrap();
    let queued = app.take_queued();
    assert!(
        queued.iter().any(|e| matches!(e, Effect::SaveDrill(_))),
        "{queued:?}"
    );
    apply(&mut app, &store, queued);
    let mut answered = Vec::new();
    for _ in 0..2 {
        let Screen::Drill(d) = &app.screen else { panic!() };
        answered.push(d.drill.items[d.drill.current().unwrap()].id.clone());
        answer_right(&mut app, &store, t0());
    }
    assert!(store.drill_path().exists());
    // kill -9: nothing more runs (no quit, no summary); the kernel drops the lock.
    drop(app);
    drop(store);
    answered
}

#[test]
fn a_killed_drill_resumes_where_it_stopped_and_then_reaches_history() {
    let home = tempfile::tempdir().unwrap();
    let answered = killed_drill(home.path());
    let (mut app, store) = restart(home.path());
    let saved = app.saved_drill.clone().expect("the drill journal is read back");
    assert_eq!(saved.drill.tries.iter().filter(|t| **t > 0).count(), 2);
    assert!(saved.label.starts_with("Data Collections"), "{}", saved.label);
    // The menu offers it first.
    assert_eq!(app.menu_entries()[0], MenuEntry::ResumeDrill);
    drive(&mut app, &store, &[Msg::Confirm], t0());
    let Screen::Drill(d) = &app.screen else {
        panic!("the drill is back on screen")
    };
    assert_eq!(d.drill.remaining(), 3);
    for _ in 0..3 {
        answer_right(&mut app, &store, t0() + Duration::seconds(30));
    }
    assert!(matches!(app.screen, Screen::DrillSummary(_)));
    let (history, _) = store.load_history();
    assert_eq!(history.len(), 1);
    let ids: Vec<String> = history[0]
        .summary
        .results
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(ids.len(), 5);
    assert!(answered.iter().all(|a| ids.contains(a)));
    assert!(
        !store.drill_path().exists(),
        "the journal goes once the drill is in history"
    );
}

#[test]
fn starting_another_drill_files_the_interrupted_one_in_history() {
    let home = tempfile::tempdir().unwrap();
    let answered = killed_drill(home.path());
    let (mut app, store) = restart(home.path());
    app.start_drill("pcep", Some("control-flow"), Some(3), false, 4, t0())
        .unwrap();
    let queued = app.take_queued();
    apply(&mut app, &store, queued);
    let (history, _) = store.load_history();
    assert_eq!(history.len(), 1, "the interrupted drill is in history");
    let ids: Vec<String> = history[0]
        .summary
        .results
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(ids, answered);
    // The journal now holds the new drill.
    let (saved, _) = store.load_drill().unwrap().unwrap();
    assert_eq!(saved.drill.topic.as_deref(), Some("control-flow"));
}

#[test]
fn every_answer_in_a_drill_is_journaled_before_it_is_shown() {
    let home = tempfile::tempdir().unwrap();
    let store = Store::open(Some(home.path().to_path_buf())).unwrap();
    let mut app = App::new(banks(), Vec::new(), None, mono(), 1, t0());
    app.start_study("pcep", 5, 3, t0()).unwrap();
    let queued = app.take_queued();
    apply(&mut app, &store, queued);
    let effects = drive(&mut app, &store, &[Msg::Choose(0)], t0());
    assert!(
        matches!(effects.as_slice(), [Effect::SaveDrill(_)]),
        "{effects:?}"
    );
    let (saved, _) = store.load_drill().unwrap().unwrap();
    assert!(saved.drill.pending.is_some(), "the choice is in the journal");
    assert_eq!(saved.drill.mode, pyexam::session::Mode::Study);
}
