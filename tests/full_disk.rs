//! A save that fails at submit (a full disk) loses nothing: the journal stays until the attempt
//! is durably saved, the results say so, a retry (on its own every few seconds, or `s`) saves
//! it once space returns, and quitting before that keeps the journal and says so.

mod common;

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use common::mono;
use pyexam::bank::{self, BankSource, Kind};
use pyexam::store::Store;
use pyexam::tui::app::{App, Msg, RETRY_SAVE_SECS, Screen};
use pyexam::tui::apply;

fn t0() -> DateTime<Utc> {
    Utc::now()
}

/// `msgs` at `now`, their effects carried out by the real shell on `store`.
fn drive(app: &mut App, store: &Store, msgs: &[Msg], now: DateTime<Utc>) -> bool {
    let mut exit = false;
    for m in msgs {
        let effects = app.update(*m, now);
        exit |= apply(app, store, effects);
    }
    exit
}

/// A PCEP mock started and its first item answered, journaled in `home`.
fn exam_in(home: &Path) -> (App, Store) {
    let store = Store::open(Some(home.to_path_buf())).unwrap();
    let banks = bank::load(&BankSource::Embedded).banks;
    let mut app = App::new(banks, Vec::new(), None, mono(), 1, t0());
    // As `pyexam exam pcep` opens it: q on the results leaves the program.
    app.has_menu = false;
    // Seed 14 draws choice items first, so Choose answers both.
    let effects = app.start_mock("pcep", 14, None, t0()).unwrap();
    assert!(!apply(&mut app, &store, effects));
    drive(&mut app, &store, &[Msg::Confirm], t0());
    // Two choice items answered (the draw may open with an order, slots or gap item).
    let mut answered = 0;
    loop {
        let choice = matches!(&app.screen, Screen::Exam(e) if e.session.item().kind == Kind::Choice);
        if choice {
            drive(&mut app, &store, &[Msg::Choose(answered)], t0());
            answered += 1;
            if answered == 2 {
                break;
            }
        }
        drive(&mut app, &store, &[Msg::Next], t0());
    }
    assert!(store.load_journal("pcep").unwrap().is_some());
    (app, store)
}

#[test]
fn a_failed_save_keeps_the_journal_and_a_retry_saves_it_once_space_returns() {
    let home = tempfile::tempdir().unwrap();
    let (mut app, store) = exam_in(home.path());
    // The attempts folder cannot be made: every save fails, as on a full disk.
    let blocker = home.path().join("attempts");
    std::fs::write(&blocker, "in the way").unwrap();
    drive(&mut app, &store, &[Msg::Submit, Msg::Confirm], t0());
    assert!(matches!(app.screen, Screen::Results(_)));
    assert!(app.unsaved.is_some());
    let notice = app.notice.clone().unwrap();
    assert!(notice.starts_with("Could not save the attempt: "), "{notice}");
    assert!(notice.contains("Nothing is lost"), "{notice}");
    // The whole notice is on screen, even at 60x18: it wraps rather than losing its end.
    for size in [(80, 24), (60, 18)] {
        let shown = common::screen(&app, size.0, size.1);
        let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("tries again every 5 s (s: now)."), "{shown}");
    }
    let kept = store
        .load_journal("pcep")
        .unwrap()
        .expect("the journal stays after a failed save");
    assert_eq!(kept.answers.iter().filter(|a| a.is_some()).count(), 2);

    // Before the retry is due nothing is tried; when due, it is tried (and fails again).
    let soon = t0() + Duration::seconds(1);
    assert!(app.update(Msg::Tick, soon).is_empty());
    let due = t0() + Duration::seconds(RETRY_SAVE_SECS);
    drive(&mut app, &store, &[Msg::Tick], due);
    assert!(app.unsaved.is_some() && store.load_journal("pcep").unwrap().is_some());
    // A new exam would replace the journal that holds it: refused until it is saved.
    let refused = app.start_mock("pcep", 4, None, due).unwrap_err();
    assert!(refused.contains("not saved yet"), "{refused}");

    // Space returns: the next tick saves it, then (only then) the journal goes.
    std::fs::remove_file(&blocker).unwrap();
    drive(
        &mut app,
        &store,
        &[Msg::Tick],
        due + Duration::seconds(RETRY_SAVE_SECS),
    );
    assert!(app.unsaved.is_none());
    assert_eq!(app.notice.as_deref(), Some("Saved: the attempt is in history."));
    assert_eq!(store.load_history().0.len(), 1);
    assert!(store.load_journal("pcep").unwrap().is_none());
    assert!(app.farewell.is_empty(), "{:?}", app.farewell);
}

#[test]
fn s_on_the_results_retries_at_once() {
    let home = tempfile::tempdir().unwrap();
    let (mut app, store) = exam_in(home.path());
    let blocker = home.path().join("attempts");
    std::fs::write(&blocker, "").unwrap();
    drive(&mut app, &store, &[Msg::Submit, Msg::Confirm], t0());
    std::fs::remove_file(&blocker).unwrap();
    drive(&mut app, &store, &[Msg::Submit], t0());
    assert!(app.unsaved.is_none());
    assert_eq!(store.load_history().0.len(), 1);
}

#[test]
fn quitting_after_a_failed_save_keeps_the_journal_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let (mut app, store) = exam_in(home.path());
    std::fs::write(home.path().join("attempts"), "").unwrap();
    drive(&mut app, &store, &[Msg::Submit, Msg::Confirm], t0());
    assert!(drive(&mut app, &store, &[Msg::Quit], t0()), "q leaves");
    assert!(store.load_journal("pcep").unwrap().is_some());
    assert_eq!(app.farewell.len(), 1, "{:?}", app.farewell);
    assert!(app.farewell[0].starts_with("The last attempt could not be saved ("));
    assert!(app.farewell[0].contains("`pyexam resume pcep`"));
    assert!(!app.farewell[0].contains("Saved"));
}

/// A real full disk: a 256 KiB tmpfs as the home, filled after the exam started. Needs root
/// (to mount); skipped with the reason otherwise.
#[test]
fn a_real_full_disk_at_submit_keeps_the_exam() {
    let Some(disk) = common::tmpfs::Tmpfs::mount("256k") else {
        return;
    };
    let home = disk.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let (mut app, store) = exam_in(&home);
    let filler = disk.fill();
    drive(&mut app, &store, &[Msg::Submit, Msg::Confirm], t0());
    let notice = app.notice.clone().unwrap_or_default();
    assert!(app.unsaved.is_some(), "{notice}");
    assert!(notice.contains("No space left"), "{notice}");
    assert!(store.load_journal("pcep").unwrap().is_some(), "the exam is kept");
    std::fs::remove_file(&filler).unwrap();
    drive(
        &mut app,
        &store,
        &[Msg::Tick],
        t0() + Duration::seconds(RETRY_SAVE_SECS),
    );
    assert!(app.unsaved.is_none(), "{:?}", app.notice);
    assert_eq!(store.load_history().0.len(), 1);
    assert!(store.load_journal("pcep").unwrap().is_none());
}

#[test]
fn a_failed_set_aside_says_set_aside_not_save() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "").unwrap();
    let store = Store::open(Some(dir.path().join("file").join("home"))).unwrap();
    let banks = bank::load(&BankSource::Embedded).banks;
    let mut app = App::new(banks, Vec::new(), None, mono(), 1, t0());
    apply(
        &mut app,
        &store,
        vec![pyexam::tui::app::Effect::SetJournalAside("pcep".into())],
    );
    let notice = app.notice.unwrap_or_default();
    assert!(
        notice.starts_with("Could not set the saved exam aside: "),
        "{notice}"
    );
}
