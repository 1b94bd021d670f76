//! Evidence is what was shown, and mocks draw fresh items: the checks of the readiness issue,
//! on the built-in PCEP bank, through the App (as a candidate drives it) and the command line
//! (as `progress` and `study --list` report it).

mod common;

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use common::{mono, send};
use pyexam::bank::{self, BankSet, BankSource, Kind};
use pyexam::session::{Answer, Attempt, Summary};
use pyexam::store::{Store, Stored};
use pyexam::tui::app::{App, Effect, ExamScreen, Msg, Screen};

fn banks() -> BankSet {
    bank::load(&BankSource::Embedded).banks
}

fn exam(app: &App) -> &ExamScreen {
    match &app.screen {
        Screen::Exam(e) => e,
        _ => panic!("on the exam screen"),
    }
}

fn submit(app: &mut App, now: DateTime<Utc>) -> Attempt {
    send(app, &[Msg::Submit, Msg::Confirm], now)
        .into_iter()
        .find_map(|e| match e {
            Effect::SaveAttempt(a) => Some(*a),
            _ => None,
        })
        .expect("submitting saves the attempt")
}

/// Answer the item on screen with its first option (or its first pool entry, line order...).
fn answer_here(app: &mut App, now: DateTime<Utc>) {
    let item = exam(app).session.item().clone();
    let answer = match item.kind {
        Kind::Choice => Answer::Choice([0].into_iter().collect()),
        Kind::Gap => Answer::Gap(item.gaps.iter().map(|_| "x".to_string()).collect()),
        Kind::Slots => Answer::Slots(item.slots.iter().map(|_| Some(0)).collect()),
        Kind::Order => Answer::Order(item.start.clone()),
        Kind::Tokens => Answer::Tokens(item.start.clone()),
        Kind::Match => Answer::Match(item.cards.iter().map(|_| Some(0)).collect()),
    };
    let Screen::Exam(e) = &mut app.screen else {
        unreachable!()
    };
    let i = e.session.current;
    e.session.answers[i] = Some(answer);
    app.update(Msg::Tick, now);
}

fn pyexam(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    common::pyexam_json(home, None, args)
}

fn t0() -> DateTime<Utc> {
    Utc::now() - Duration::hours(3)
}

#[test]
fn a_mock_submitted_after_one_item_is_evidence_for_that_item_only() {
    let mut app = App::new(banks(), Vec::new(), None, mono(), 1, t0());
    app.start_mock("pcep", 11, None, t0()).unwrap();
    send(&mut app, &[Msg::Confirm], t0());
    answer_here(&mut app, t0() + Duration::seconds(20));
    let attempt = submit(&mut app, t0() + Duration::seconds(30));
    assert_eq!(attempt.items.len(), 30);
    assert_eq!(attempt.shown.iter().filter(|s| **s).count(), 1);
    assert!(attempt.was_shown(0));
    // Unshown items still score 0 in the mock.
    assert!(attempt.report.percent < 10.0);

    let home = tempfile::tempdir().unwrap();
    Store::open(Some(home.path().into()))
        .unwrap()
        .save_attempt(&attempt)
        .unwrap();
    let v = pyexam(home.path(), &["progress", "pcep", "--json"]);
    let seen: u64 = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["seen"].as_u64().unwrap())
        .sum();
    assert_eq!(seen, 1, "only the item shown is evidence: {v}");
    assert_eq!(v["answers"], 1);
    assert!(v["readiness"].get("pass_chance").is_none(), "{v}");
    // The study queue: the one item shown may be due; none of the 29 never shown is.
    let q = pyexam(
        home.path(),
        &["study", "pcep", "--list", "--json", "--limit", "500"],
    );
    let due: Vec<&str> = q["queue"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["why"] == "due")
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(
        due.len() <= 1 && due.iter().all(|id| *id == attempt.items[0].id),
        "{due:?}"
    );
}

#[test]
fn shown_and_unanswered_is_a_miss() {
    let mut app = App::new(banks(), Vec::new(), None, mono(), 1, t0());
    app.start_mock("pcep", 12, None, t0()).unwrap();
    // Items 1 and 2 shown, item 3 reached through the navigator; none answered.
    send(
        &mut app,
        &[Msg::Confirm, Msg::Next, Msg::Navigator, Msg::Next, Msg::Confirm],
        t0(),
    );
    assert_eq!(exam(&app).session.current, 2);
    let attempt = submit(&mut app, t0() + Duration::seconds(30));
    assert_eq!(attempt.shown.iter().filter(|s| **s).count(), 3);
    let events = pyexam::insight::attempt_events(&attempt, &banks());
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|e| e.credit == 0.0));
}

/// Full mocks one after the other in one home, each answered; returns the attempts.
fn mocks_in_a_row(n: usize) -> (Vec<Attempt>, App) {
    let mut history: Vec<Stored> = Vec::new();
    let mut attempts = Vec::new();
    for k in 0..n {
        let start = t0() + Duration::minutes(50 * k as i64);
        let mut app = App::new(banks(), history.clone(), None, mono(), 1, start);
        app.start_mock("pcep", 100 + k as u64, None, start).unwrap();
        send(&mut app, &[Msg::Confirm], start);
        for i in 0..30 {
            answer_here(&mut app, start + Duration::seconds(i));
            send(&mut app, &[Msg::Next], start + Duration::seconds(i));
        }
        let attempt = submit(&mut app, start + Duration::minutes(30));
        assert!(attempt.shown.iter().all(|s| *s));
        history.push(Stored::of(&format!("a{k}"), k + 1, &attempt));
        attempts.push(attempt);
    }
    (
        attempts,
        App::new(banks(), history, None, mono(), 1, t0() + Duration::hours(3)),
    )
}

fn ids(a: &Attempt) -> HashSet<&str> {
    a.items.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn mocks_in_a_row_share_no_item_and_the_seed_retakes_exactly() {
    let (attempts, mut app) = mocks_in_a_row(2);
    let (first, second) = (&attempts[0], &attempts[1]);
    assert!(
        ids(first).is_disjoint(&ids(second)),
        "the second mock repeats items of the first"
    );
    // The start screen of a third says how many are new and how many fresh mocks are left.
    let now = t0() + Duration::hours(3);
    app.start_mock("pcep", 555, None, now).unwrap();
    let intro = exam(&app).intro.clone().unwrap();
    assert!(intro.starts_with("All 30 items are new to you."), "{intro}");
    assert!(intro.contains("fresh PCEP-30-02 mock"), "{intro}");
    // The seed results print for the second mock draws exactly its items again.
    let retake_line = pyexam::tui::screens::results::retake(
        &Summary::of(second),
        second.seed.unwrap(),
        &Default::default(),
    );
    assert_eq!(
        retake_line,
        format!("pyexam exam pcep --seed {}", second.seed.unwrap())
    );
    app.start_mock("pcep", second.seed.unwrap(), None, now).unwrap();
    let again = &exam(&app).session.items;
    assert_eq!(again, &second.items, "same items, order and option order");
    assert!(
        exam(&app)
            .intro
            .as_deref()
            .unwrap()
            .starts_with("A retake of your mock of")
    );
}

#[test]
fn when_fresh_items_run_out_the_least_recently_shown_come_back_first() {
    // Mocks in a row until some section is short of fresh items: how many that takes follows
    // from the size of the PCEP bank (six once did), so the test takes as many as it needs.
    // The next mock repeats items, and only items of the oldest mocks.
    for n in 6..=20 {
        let (attempts, mut app) = mocks_in_a_row(n);
        let now = t0() + Duration::minutes(50 * n as i64 + 60);
        app.start_mock("pcep", 777, None, now).unwrap();
        let intro = exam(&app).intro.clone().unwrap();
        if !intro.contains("No fresh PCEP-30-02 mock left") {
            continue;
        }
        let drawn: HashSet<&str> = exam(&app).session.items.iter().map(|i| i.id.as_str()).collect();
        let newest = ids(&attempts[n - 1]);
        assert!(
            drawn.is_disjoint(&newest),
            "the last mock's items are the last to come back"
        );
        return;
    }
    panic!("20 PCEP mocks in a row still leave a fresh mock");
}

#[test]
fn a_journal_from_before_shown_was_recorded_counts_what_was_touched() {
    let mut app = App::new(banks(), Vec::new(), None, mono(), 1, t0());
    app.start_mock("pcep", 13, None, t0()).unwrap();
    send(&mut app, &[Msg::Confirm], t0());
    answer_here(&mut app, t0());
    send(&mut app, &[Msg::Next, Msg::Next, Msg::Flag], t0());
    let mut old = exam(&app).session.clone();
    old.shown.clear();
    old.item_secs = vec![0; 30];
    let mut back = App::new(banks(), Vec::new(), Some(old.clone()), mono(), 1, t0());
    back.resume(old, t0());
    let shown: Vec<usize> = (0..30).filter(|&i| exam(&back).session.shown[i]).collect();
    // Item 1 answered, item 3 flagged and on screen; item 2 was passed through but left no trace.
    assert_eq!(shown, [0, 2]);
}
