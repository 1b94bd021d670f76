//! Gap, slots and order items through `App::update` with a fake clock: answered, changed,
//! flagged, journaled and resumed, submitted with partial credit, reviewed.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pyexam::bank::Kind;
use pyexam::session::{Answer, Session};
use pyexam::tui::app::{App, Effect, ExamScreen, Msg, Screen};
use pyexam::tui::keymap;

fn exam(app: &App) -> &ExamScreen {
    match &app.screen {
        Screen::Exam(e) => e,
        other => panic!("expected the exam screen, got {other:?}"),
    }
}

/// A seed whose mini mock has every kind (a section draws 1-3 interactive items).
fn seed_with_every_kind() -> u64 {
    (0..100)
        .find(|&seed| {
            let app = kinds_exam(seed);
            let s = &exam(&app).session;
            [Kind::Gap, Kind::Slots, Kind::Order]
                .iter()
                .all(|k| s.items.iter().any(|i| i.kind == *k))
        })
        .expect("some seed draws every kind")
}

/// Go to the first item of `kind` with the keys a candidate would use (the navigator).
fn go_to(app: &mut App, kind: Kind) -> usize {
    let index = exam(app)
        .session
        .items
        .iter()
        .position(|i| i.kind == kind)
        .unwrap();
    let mut msgs = vec![Msg::Navigator];
    msgs.extend(std::iter::repeat_n(Msg::Previous, 10));
    msgs.extend(std::iter::repeat_n(Msg::Next, index));
    msgs.push(Msg::Confirm);
    send(app, &msgs, at(1));
    assert_eq!(exam(app).session.current, index);
    index
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn answer(app: &App, index: usize) -> Option<Answer> {
    exam(app).session.answers[index].clone()
}

#[test]
fn the_draw_mixes_kinds_and_never_shows_order_lines_in_key_order() {
    for seed in 0..30 {
        let app = kinds_exam(seed);
        let s = &exam(&app).session;
        assert_eq!(s.items.len(), 6);
        for section in ["basics", "loops"] {
            let interactive = s
                .items
                .iter()
                .filter(|i| i.section == section && i.kind != Kind::Choice)
                .count();
            assert!(
                (1..=3).contains(&interactive),
                "seed {seed} {section}: {interactive}"
            );
        }
        for item in s.items.iter().filter(|i| i.kind == Kind::Order) {
            let shown: Vec<&String> = item.start.iter().map(|&l| &item.lines[l]).collect();
            let key: Vec<&String> = item.lines.iter().collect();
            assert_ne!(shown, key, "seed {seed}: {}", item.id);
        }
    }
}

#[test]
fn typing_into_a_gap_never_triggers_exam_keys() {
    let mut app = kinds_exam(seed_with_every_kind());
    let i = go_to(&mut app, Kind::Gap);
    // Enter starts typing; then f, g, s, q and digits are text, not flag/grid/submit/quit.
    app.update(Msg::Confirm, at(2));
    assert!(exam(&app).editing);
    for c in "fgsq?1".chars() {
        let msg = keymap::map(&app.screen, key(KeyCode::Char(c))).unwrap();
        assert_eq!(msg, Msg::Type(c));
        // Each keystroke is journaled with the text so far: a kill -9 loses at most the key
        // in flight.
        let effects = app.update(msg, at(3));
        let [Effect::SaveJournal(saved)] = effects.as_slice() else {
            panic!("typing {c:?} gave {effects:?}");
        };
        let Some(Answer::Gap(texts)) = &saved.answers[i] else {
            panic!("no gap text journaled")
        };
        assert!(texts[0].ends_with(c), "{texts:?}");
    }
    assert!(!exam(&app).session.flags[i]);
    assert_eq!(exam(&app).overlay, None);
    let Some(Answer::Gap(texts)) = answer(&app, i) else {
        panic!()
    };
    assert_eq!(texts[0], "fgsq?1");
    // Backspace deletes (journaled too); Esc leaves typing (and is saved); then f flags again.
    let effects = app.update(keymap::map(&app.screen, key(KeyCode::Backspace)).unwrap(), at(4));
    assert!(matches!(effects.as_slice(), [Effect::SaveJournal(_)]));
    let effects = app.update(keymap::map(&app.screen, key(KeyCode::Esc)).unwrap(), at(5));
    assert!(matches!(effects.as_slice(), [Effect::SaveJournal(_)]));
    assert!(!exam(&app).editing);
    assert_eq!(keymap::map(&app.screen, key(KeyCode::Char('f'))), Some(Msg::Flag));
    assert_eq!(keymap::map(&app.screen, key(KeyCode::Char('i'))), Some(Msg::Edit));
}

#[test]
fn order_lines_move_with_shift_arrows_and_j_k() {
    let mut app = kinds_exam(seed_with_every_kind());
    let i = go_to(&mut app, Kind::Order);
    let shift_down = KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT);
    assert_eq!(keymap::map(&app.screen, shift_down), Some(Msg::MoveDown));
    assert_eq!(
        keymap::map(&app.screen, key(KeyCode::Char('K'))),
        Some(Msg::MoveUp)
    );
    assert_eq!(answer(&app, i), None);
    let start = exam(&app).session.item().start.clone();
    let effects = app.update(Msg::MoveDown, at(2));
    assert!(matches!(effects.as_slice(), [Effect::SaveJournal(_)]));
    let Some(Answer::Order(now)) = answer(&app, i) else {
        panic!()
    };
    assert_eq!((now[0], now[1]), (start[1], start[0]));
    assert_eq!(exam(&app).session.cursor, 1, "the highlight follows the line");
    assert!(exam(&app).session.is_answered(i));
}

#[test]
fn slots_fill_from_the_pool_and_partly_answered_is_not_answered() {
    let mut app = kinds_exam(seed_with_every_kind());
    let i = go_to(&mut app, Kind::Slots);
    let item = exam(&app).session.item().clone();
    let entry = |text: &str| item.pool.iter().position(|e| e.text == text).unwrap();
    app.update(Msg::Choose(entry(&item.slots[0])), at(2));
    if item.slots.len() > 1 {
        assert!(exam(&app).session.is_partly_answered(i));
        assert!(!exam(&app).session.is_answered(i));
        for k in &item.slots[1..] {
            app.update(Msg::Choose(entry(k)), at(3));
        }
    }
    assert!(exam(&app).session.is_answered(i));
    assert!(item.is_correct(answer(&app, i).as_ref()));
    // x empties the highlighted slot.
    send(&mut app, &[Msg::Up, Msg::Up, Msg::Up, Msg::Clear], at(4));
    assert!(!exam(&app).session.is_answered(i));
}

/// Answer every item: choice items right, interactive ones half right where possible.
fn answer_all(app: &mut App) {
    let n = exam(app).session.items.len();
    for idx in 0..n {
        let item = exam(app).session.items[idx].clone();
        match item.kind {
            Kind::Choice => {
                for k in item.keyed() {
                    app.update(Msg::Choose(k), at(10));
                }
            }
            Kind::Gap => {
                app.update(Msg::Edit, at(10));
                for c in item.gaps[0].accept[0].chars() {
                    app.update(Msg::Type(c), at(10));
                }
                for _ in 1..item.gaps.len() {
                    app.update(Msg::Down, at(10));
                    app.update(Msg::Type('?'), at(10));
                }
                app.update(Msg::Cancel, at(10));
            }
            Kind::Slots => {
                for k in &item.slots {
                    let e = item.pool.iter().position(|p| p.text == *k).unwrap();
                    app.update(Msg::Choose(e), at(10));
                }
            }
            Kind::Order | Kind::Tokens => {
                app.update(Msg::MoveDown, at(10));
            }
            Kind::Match => {
                app.update(Msg::Choose(0), at(10));
            }
        }
        app.update(Msg::Next, at(11));
    }
}

#[test]
fn submitting_scores_partial_credit_and_review_shows_it() {
    let mut app = kinds_exam(seed_with_every_kind());
    answer_all(&mut app);
    let items = exam(&app).session.items.clone();
    let answers = exam(&app).session.answers.clone();
    assert_eq!(
        exam(&app).session.tally().answered,
        exam(&app).session.items.len()
    );
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(60));
    let Screen::Results(attempt) = &app.screen else {
        panic!("results")
    };
    let credit: f64 = items
        .iter()
        .zip(&answers)
        .map(|(i, a)| i.credit(a.as_ref()))
        .sum();
    let right = items
        .iter()
        .zip(&answers)
        .filter(|(i, a)| i.is_correct(a.as_ref()))
        .count();
    assert_eq!(attempt.report.correct, right);
    assert!((attempt.report.credit() - credit).abs() < 1e-3);
    assert!(
        attempt.report.credit() > attempt.report.correct as f64,
        "some partial credit"
    );
    let text = screen(&app, 80, 24);
    assert!(
        text.contains(&format!("{right} of 6 items fully right")),
        "{text}"
    );
}

#[test]
fn a_journaled_session_with_every_kind_resumes_exactly() {
    let mut app = kinds_exam(seed_with_every_kind());
    answer_all(&mut app);
    app.update(Msg::Flag, at(20));
    let Some(Effect::SaveJournal(saved)) = app.update(Msg::Previous, at(21)).pop() else {
        panic!()
    };
    // The journal is the session as JSON: it must come back whole.
    let json = serde_json::to_string(&*saved).unwrap();
    let restored: Session = serde_json::from_str(&json).unwrap();
    assert_eq!(restored, *saved);
    let mut back = App::new(
        kinds_banks(),
        Vec::new(),
        Some(restored.clone()),
        mono(),
        1,
        at(500),
    );
    back.resume(restored, at(500));
    assert_eq!(exam(&back).session.answers, saved.answers);
    assert_eq!(exam(&back).session.current, saved.current);
}

#[test]
fn the_journal_file_of_every_kind_resumes_through_the_store() {
    let home = tempfile::tempdir().unwrap();
    let store = pyexam::store::Store::open(Some(home.path().to_path_buf())).unwrap();
    let mut app = kinds_exam(seed_with_every_kind());
    answer_all(&mut app);
    let session = exam(&app).session.clone();
    store.save_journal(&session).unwrap();
    assert_eq!(store.load_journal(&session.exam).unwrap(), Some(session.clone()));
}

#[test]
fn an_attempt_saved_before_partial_credit_keeps_the_score_it_was_given() {
    // A Select-2 item half right scored 0 under all-or-nothing; the file says 0 of 1 and 0%.
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 1, t0());
    app.start_mock("demo", 7, None, t0()).unwrap();
    let multi = exam(&app)
        .session
        .items
        .iter()
        .position(|i| i.is_multiple())
        .unwrap();
    let keyed: Vec<usize> = exam(&app).session.items[multi].keyed().into_iter().collect();
    // Past the start screen first (Enter starts the clock), then to the Select-2 item.
    let mut msgs = vec![Msg::Confirm, Msg::Navigator];
    msgs.extend(std::iter::repeat_n(Msg::Next, multi));
    msgs.extend([Msg::Confirm, Msg::Choose(keyed[0])]);
    send(&mut app, &msgs, at(5));
    assert_eq!(exam(&app).session.current, multi, "on the Select-2 item");
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(9));
    let Screen::Results(attempt) = &app.screen else {
        panic!()
    };
    let mut json: serde_json::Value = serde_json::to_value(&**attempt).unwrap();
    // What an older pyexam wrote: no credit fields, the all-or-nothing score.
    json["report"].as_object_mut().unwrap().remove("earned");
    for s in json["report"]["sections"].as_array_mut().unwrap() {
        s.as_object_mut().unwrap().remove("earned");
    }
    json["report"]["percent"] = serde_json::json!(0.0);
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("attempts")).unwrap();
    std::fs::write(home.path().join("attempts/old.json"), json.to_string()).unwrap();
    let store = pyexam::store::Store::open(Some(home.path().to_path_buf())).unwrap();
    let (loaded, problems) = store.load_history();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(loaded[0].summary.report.percent, 0.0);
    let old = store.load_attempt(&loaded[0].name).unwrap();
    assert_eq!(old.report.percent, 0.0);
    assert!(old.report.sections.iter().all(|s| s.share() == 0.0));
    let mut view = App::new(fixture_banks(), loaded, None, mono(), 1, t0());
    view.open(Screen::Results(Box::new(old)));
    assert!(screen(&view, 80, 24).contains("score 0.0%"));
}

#[test]
fn an_order_item_is_solved_with_two_keys_per_line_moved_by_pick_and_place() {
    use pyexam::bank::{BankSource, load};
    use rand::SeedableRng;
    let banks = load(&BankSource::Embedded).banks;
    let q = banks
        .questions
        .iter()
        .filter(|q| q.exam == "pcep" && q.kind == Kind::Order)
        .max_by_key(|q| q.lines.len())
        .unwrap();
    assert!(q.lines.len() >= 6, "{}", q.lines.len());
    let spec = banks.exam("pcep").unwrap().clone();
    let item = pyexam::session::Item::from_question(q, &mut rand_chacha::ChaCha8Rng::seed_from_u64(3));
    let session = pyexam::session::Session::new(&spec, vec![item.clone()], 3, None, t0());
    let mut app = App::new(banks.clone(), Vec::new(), None, mono(), 1, t0());
    app.resume(session, t0());
    let (mut picks, mut moved) = (0, 0);
    for pos in 0..item.lines.len() {
        let now = pyexam::session::kinds::order::arrangement(&item, answer(&app, 0).as_ref());
        let from = (pos..now.len())
            .find(|&k| item.lines[now[k]] == item.lines[pos])
            .unwrap();
        if from == pos {
            continue;
        }
        moved += 1;
        // Navigation: the highlight to the line, then (carrying it) up to its place.
        while exam(&app).session.cursor < from {
            app.update(Msg::Down, at(1));
        }
        while exam(&app).session.cursor > from {
            app.update(Msg::Up, at(1));
        }
        assert!(
            app.update(Msg::Toggle, at(1)).is_empty(),
            "picking up writes nothing"
        );
        assert_eq!(exam(&app).picked, Some(from));
        for _ in pos..from {
            app.update(Msg::Up, at(1));
        }
        let effects = app.update(Msg::Toggle, at(1));
        assert!(
            matches!(effects.as_slice(), [Effect::SaveJournal(_)]),
            "putting down is journaled"
        );
        picks += 2;
    }
    assert!(moved > 0);
    assert!(picks <= 2 * moved);
    let done = answer(&app, 0);
    assert!(exam(&app).session.items[0].is_correct(done.as_ref()), "{done:?}");
    // Esc while carrying puts the line back: nothing changes.
    let before = answer(&app, 0);
    app.update(Msg::Toggle, at(2));
    app.update(Msg::Down, at(2));
    app.update(Msg::Cancel, at(2));
    assert_eq!(answer(&app, 0), before);
    assert_eq!(exam(&app).picked, None);
}

/// Issue 26, item 4: one exam with an item answered, one partly answered (one slot of two
/// filled) and the rest unanswered says the same counts on the navigator, the submit dialog,
/// the menu's Resume and Restore, and the results.
#[test]
fn answered_partly_and_unanswered_are_counted_alike_everywhere() {
    let (seed, partly) = (0..200)
        .find_map(|seed| {
            let app = kinds_exam(seed);
            let s = &exam(&app).session;
            let i = s
                .items
                .iter()
                .position(|i| i.kind == Kind::Slots && i.slots.len() >= 2)?;
            Some((seed, i))
        })
        .expect("some seed draws the two-slot item");
    let mut app = kinds_exam(seed);
    let mut msgs = vec![Msg::Navigator];
    msgs.extend(std::iter::repeat_n(Msg::Previous, 10));
    msgs.extend(std::iter::repeat_n(Msg::Next, partly));
    msgs.push(Msg::Confirm);
    send(&mut app, &msgs, at(1));
    let item = exam(&app).session.item().clone();
    let entry = item.pool.iter().position(|e| e.text == item.slots[0]).unwrap();
    app.update(Msg::Choose(entry), at(2));
    // And one choice item fully answered.
    let choice = exam(&app)
        .session
        .items
        .iter()
        .position(|i| i.kind == Kind::Choice)
        .unwrap();
    let mut msgs = vec![Msg::Navigator];
    msgs.extend(std::iter::repeat_n(Msg::Previous, 10));
    msgs.extend(std::iter::repeat_n(Msg::Next, choice));
    msgs.push(Msg::Confirm);
    send(&mut app, &msgs, at(3));
    for k in exam(&app).session.item().keyed() {
        app.update(Msg::Choose(k), at(3));
    }
    let session = exam(&app).session.clone();
    let n = session.items.len();
    let brief = format!("1/{n} answered, 1 partly");
    assert_eq!(session.tally().brief(), brief);

    app.update(Msg::Navigator, at(4));
    let navigator = screen(&app, 100, 30);
    assert!(
        navigator.contains(&format!("1 answered  1 partly  {} unanswered", n - 2)),
        "{navigator}"
    );
    app.update(Msg::Cancel, at(4));
    app.update(Msg::Submit, at(4));
    let dialog = screen(&app, 100, 30);
    assert!(
        dialog.contains(&format!("{} unanswered, 1 partly answered,", n - 2)),
        "{dialog}"
    );

    let resumed = App::new(kinds_banks(), Vec::new(), Some(session.clone()), mono(), 1, at(5));
    let menu = screen(&resumed, 100, 30);
    assert!(
        menu.contains(&format!("Resume the MINI-01 exam ({brief},")),
        "{menu}"
    );

    let home = tempfile::tempdir().unwrap();
    let store = pyexam::store::Store::open(Some(home.path().to_path_buf())).unwrap();
    store.save_journal(&session).unwrap();
    store.set_journal_aside(&session.exam).unwrap();
    let mut restoring = App::new(kinds_banks(), Vec::new(), None, mono(), 1, at(5));
    restoring.set_aside = store.set_aside_journals();
    assert_eq!(restoring.set_aside[0].tally, session.tally());
    let menu = screen(&restoring, 100, 30);
    assert!(menu.contains(&format!("({brief},")), "{menu}");

    // Submitted well before half time: the results' pacing line counts the same.
    app.update(Msg::Confirm, at(6));
    let results = screen(&app, 120, 80);
    assert!(
        results.contains(&format!("submitted before half time, {brief}")),
        "{results}"
    );
}
