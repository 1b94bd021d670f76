//! Tokens, match and concept-sort items through `App::update`: keys and the mouse (read off the
//! rendered frame, as the terminal loop does) build the answers, a journaled session resumes
//! them, and the submitted mock scores them per response.

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use pyexam::bank::{self, BankSet, BankSource, Kind};
use pyexam::session::{Answer, Session};
use pyexam::tui::app::{App, Effect, ExamScreen, Msg, Screen};
use pyexam::tui::{keymap, mouse};

fn formats_banks() -> BankSet {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/formats");
    let loaded = bank::load(&BankSource::Dir(dir));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.banks
}

fn formats_exam() -> App {
    let mut app = App::new(formats_banks(), Vec::new(), None, mono(), 1, t0());
    app.start_mock("fmt", 3, None, t0()).unwrap();
    app.update(Msg::Confirm, t0());
    app
}

fn exam(app: &App) -> &ExamScreen {
    match &app.screen {
        Screen::Exam(e) => e,
        other => panic!("expected the exam screen, got {other:?}"),
    }
}

fn go_to(app: &mut App, kind: Kind) -> usize {
    let index = exam(app)
        .session
        .items
        .iter()
        .position(|i| i.kind == kind)
        .unwrap();
    app.update(Msg::Jump(index), at(1));
    index
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let msg = keymap::map(&app.screen, KeyEvent::new(code, KeyModifiers::NONE)).expect("a mapped key");
    app.update(msg, at(2))
}

/// The (column, row) where `needle` starts on the rendered frame.
fn find(buf: &ratatui::buffer::Buffer, needle: &str) -> (u16, u16) {
    let text = text(buf);
    text.lines()
        .enumerate()
        .find_map(|(y, l)| l.find(needle).map(|b| (l[..b].chars().count() as u16, y as u16)))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{text}"))
}

fn mouse_event(kind: MouseEventKind, (column, row): (u16, u16)) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

/// Press at `from`, release at `to`, on the frame as drawn at `width`x`height`.
fn drag(app: &mut App, from: (u16, u16), to: (u16, u16), width: u16, height: u16) {
    let frame = render(app, width, height);
    let mut state = mouse::Drag::default();
    let down = mouse::msg(
        &app.screen,
        &frame,
        mouse_event(MouseEventKind::Down(MouseButton::Left), from),
        &mut state,
    );
    assert_eq!(down, None, "a press only starts a drag");
    let up = mouse::msg(
        &app.screen,
        &frame,
        mouse_event(MouseEventKind::Up(MouseButton::Left), to),
        &mut state,
    )
    .expect("a drop does something");
    app.update(up, at(3));
}

#[test]
fn match_cards_go_into_bins_by_key_and_by_drag() {
    for (w, h) in [(100, 30), (80, 24), (60, 18)] {
        let mut app = formats_exam();
        let i = go_to(&mut app, Kind::Match);
        let item = exam(&app).session.items[i].clone();
        // Keys: 1 and b put the first two cards in bins A and B, the cursor moving on.
        press(&mut app, KeyCode::Char('1'));
        press(&mut app, KeyCode::Char('b'));
        assert_eq!(
            exam(&app).session.answers[i],
            Some(Answer::Match(vec![Some(0), Some(1), None, None]))
        );
        assert_eq!(exam(&app).session.cursor, 2);
        // x takes the highlighted card (3, empty) out: nothing changes; ↑ then x empties card 2.
        press(&mut app, KeyCode::Up);
        press(&mut app, KeyCode::Char('x'));
        assert_eq!(
            exam(&app).session.answers[i],
            Some(Answer::Match(vec![Some(0), None, None, None]))
        );
        // The mouse: drag card 4 onto bin C, then bin B onto card 3.
        let frame = render(&app, w, h);
        let card4 = find(&frame, "card 4");
        let bin_c = find(&frame, "  C ");
        drag(&mut app, card4, (bin_c.0 + 2, bin_c.1), w, h);
        let frame = render(&app, w, h);
        let bin_b = find(&frame, "  B ");
        let card3 = find(&frame, "card 3");
        drag(&mut app, (bin_b.0 + 2, bin_b.1), card3, w, h);
        let Some(Answer::Match(placed)) = exam(&app).session.answers[i].clone() else {
            panic!("a match answer")
        };
        assert_eq!(placed, vec![Some(0), None, Some(1), Some(2)], "{w}x{h}");
        let p = item.progress(exam(&app).session.answers[i].as_ref());
        assert_eq!((p.given, p.responses), (3, 4));
    }
}

#[test]
fn tokens_tiles_move_by_pick_and_place_and_by_drag() {
    for (w, h) in [(100, 30), (80, 24), (60, 18)] {
        let mut app = formats_exam();
        let i = go_to(&mut app, Kind::Tokens);
        let start = exam(&app).session.items[i].start.clone();
        // Space picks tile 1 up, ↓↓ carries it, Space puts it down at place 3.
        press(&mut app, KeyCode::Char(' '));
        assert_eq!(
            exam(&app).session.answers[i],
            None,
            "nothing changes while carried"
        );
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Char(' '));
        let mut want = start.clone();
        let t = want.remove(0);
        want.insert(2, t);
        assert_eq!(exam(&app).session.answers[i], Some(Answer::Tokens(want.clone())));
        // The mouse: drag the tile at place 1 onto place 4.
        let frame = render(&app, w, h);
        let one = find(&frame, " 1 │ ");
        let four = find(&frame, " 4 │ ");
        // The code listing's own gutter is above the hint; the tiles are under it.
        assert!(one.1 > find(&frame, "Arrange the tiles").1, "{w}x{h}");
        drag(&mut app, (one.0 + 5, one.1), (four.0 + 5, four.1), w, h);
        let t = want.remove(0);
        want.insert(3, t);
        assert_eq!(
            exam(&app).session.answers[i],
            Some(Answer::Tokens(want)),
            "{w}x{h}"
        );
    }
}

#[test]
fn a_concept_sort_moves_like_an_order_item_and_shows_no_code_gutter() {
    let mut app = formats_exam();
    let i = go_to(&mut app, Kind::Order);
    let frame = render(&app, 80, 24);
    let shown = text(&frame);
    assert!(shown.contains("Arrange the items in order"), "{shown}");
    assert!(!shown.contains(" 1 │ "), "no line-number gutter:\n{shown}");
    let one = find(&frame, " 1. ");
    let three = find(&frame, " 3. ");
    let start = exam(&app).session.items[i].start.clone();
    drag(&mut app, (one.0 + 5, one.1), (three.0 + 5, three.1), 80, 24);
    let mut want = start;
    let l = want.remove(0);
    want.push(l);
    assert_eq!(exam(&app).session.answers[i], Some(Answer::Order(want)));
}

#[test]
fn answers_of_the_new_kinds_are_journaled_resumed_and_scored() {
    let mut app = formats_exam();
    let m = go_to(&mut app, Kind::Match);
    let item = exam(&app).session.items[m].clone();
    // Every card into its key's bin but the last.
    for (c, card) in item.cards.iter().enumerate() {
        let bin = item.bins.iter().position(|b| *b == card.bin).unwrap();
        let bin = if c + 1 == item.cards.len() {
            (bin + 1) % item.bins.len()
        } else {
            bin
        };
        app.update(Msg::Choose(bin), at(5));
    }
    let t = go_to(&mut app, Kind::Tokens);
    app.update(Msg::MoveDown, at(6));
    let Some(Effect::SaveJournal(saved)) = app.update(Msg::Flag, at(7)).pop() else {
        panic!("flagging journals")
    };
    let json = serde_json::to_string(&*saved).unwrap();
    let restored: Session = serde_json::from_str(&json).unwrap();
    assert_eq!(restored, *saved);
    let mut back = App::new(
        formats_banks(),
        Vec::new(),
        Some(restored.clone()),
        mono(),
        1,
        at(100),
    );
    back.resume(restored, at(100));
    assert_eq!(exam(&back).session.answers, saved.answers);
    assert!(exam(&back).session.answers[t].is_some());
    send(&mut back, &[Msg::Submit, Msg::Confirm], at(120));
    let Screen::Results(attempt) = &back.screen else {
        panic!("results")
    };
    let match_credit = item.credit(saved.answers[m].as_ref());
    assert_eq!(match_credit, 0.75);
    let expected: f64 = saved
        .items
        .iter()
        .zip(&saved.answers)
        .map(|(i, a)| i.credit(a.as_ref()))
        .sum();
    assert!((attempt.report.credit() - expected).abs() < 1e-9);
}

/// A match item with a long program above its cards: the highlighted card and every bin stay
/// in view together at 100x30 and 80x24 (a bin's key is what the candidate presses next). At
/// 60x18 five cards and four bins do not fit the options pane: the card comes first there.
#[test]
fn every_bin_stays_in_view_below_a_long_program() {
    use rand::SeedableRng;
    let banks = bank::load(&BankSource::Embedded).banks;
    let q = banks
        .question("pcap-oop-203")
        .expect("a match item with code and four bins");
    assert!(q.kind == Kind::Match && q.bins.len() == 4 && q.code.is_some());
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let item = pyexam::session::Item::from_question(q, &mut rng);
    let spec = banks.exam("pcap").unwrap().clone();
    let session = Session::new(&spec, vec![item], 1, None, t0());
    let mut app = App::new(banks.clone(), Vec::new(), None, mono(), 1, t0());
    app.resume(session, t0());
    for (w, h) in [(100, 30), (80, 24)] {
        let shown = screen(&app, w, h);
        for bin in &q.bins {
            assert!(shown.contains(bin.as_str()), "bin {bin} at {w}x{h}:\n{shown}");
        }
    }
    // Down the cards, the bins stay in view, down to 80x21 (below that, card and bins no longer
    // fit the options pane together, and the card comes first).
    for h in 21..=24 {
        for _ in 0..q.cards.len() {
            app.update(Msg::Down, at(1));
            let shown = screen(&app, 80, h);
            assert!(shown.contains(q.bins[3].as_str()), "80x{h}:\n{shown}");
        }
        for _ in 0..q.cards.len() {
            app.update(Msg::Up, at(1));
        }
    }
}
