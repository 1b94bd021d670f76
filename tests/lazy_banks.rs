//! A command about one exam parses only that exam's built-in banks (start-up memory); every
//! screen that may span exams gets the others first, so nothing else changes for the user.

mod common;

use common::*;
use pyexam::bank;
use pyexam::tui::app::{App, Msg, Screen};

fn pcep_only() -> App {
    let banks = bank::load_embedded_exam("pcep").banks;
    assert_eq!(banks.pending, ["pcap", "pcpp1", "pcpp2"]);
    App::new(banks, Vec::new(), None, mono(), 1, t0())
}

#[test]
fn the_exam_screen_keeps_only_its_exam_and_the_menu_gets_every_exam() {
    let mut app = pcep_only();
    app.start_mock("pcep", 3, None, t0()).unwrap();
    app.load_banks_for_screen();
    app.update(Msg::Confirm, t0());
    assert!(matches!(app.screen, Screen::Exam(_)));
    assert_eq!(app.banks.pending.len(), 3, "the mock needs no other exam");
    app.screen = Screen::Menu(pyexam::tui::app::MenuScreen::top());
    app.update(Msg::Tick, t0());
    assert!(app.banks.pending.is_empty());
    let full = bank::load(&bank::BankSource::Embedded).banks;
    assert_eq!(app.banks.questions, full.questions);
}
