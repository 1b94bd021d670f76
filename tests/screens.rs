//! Every screen drawn on ratatui's TestBackend and kept as a text snapshot (80x24 and a small
//! size). Colours are asserted on cells, since snapshots hold text only.

mod common;

use common::*;
use insta::assert_snapshot;
use pyexam::store::Stored;
use pyexam::tui::app::{App, HistoryScreen, Msg, Screen};
use pyexam::tui::theme::Theme;
use ratatui::style::Color;

fn submitted() -> App {
    let mut app = demo_exam();
    send(
        &mut app,
        &[Msg::Choose(0), Msg::Flag, Msg::Next, Msg::Choose(1), Msg::Next],
        at(30),
    );
    send(&mut app, &[Msg::Submit, Msg::Confirm], at(95));
    app
}

#[test]
fn start_screen_says_how_many_items_are_new_and_fresh_mocks_left() {
    let app = demo_start();
    assert_snapshot!("start_80x24", screen(&app, 80, 24));
    assert_snapshot!("start_60x18", screen(&app, 60, 18));
    assert!(screen(&app, 80, 24).contains("All 4 items are new to you."));
}

#[test]
fn exam_screen() {
    let mut app = demo_exam();
    send(&mut app, &[Msg::Choose(1), Msg::Flag], at(65));
    app.now = at(65);
    assert_snapshot!("exam_80x24", screen(&app, 80, 24));
    assert_snapshot!("exam_50x14", screen(&app, 50, 14));
}

#[test]
fn multiple_select_item() {
    let mut app = demo_exam();
    send(
        &mut app,
        &[Msg::Next, Msg::Next, Msg::Next, Msg::Choose(0)],
        at(10),
    );
    app.now = at(10);
    assert_snapshot!("exam_multiple_80x24", screen(&app, 80, 24));
}

#[test]
fn overlays() {
    let mut app = demo_exam();
    send(
        &mut app,
        &[Msg::Choose(0), Msg::Flag, Msg::Navigator, Msg::Next],
        at(5),
    );
    app.now = at(5);
    assert_snapshot!("navigator_80x24", screen(&app, 80, 24));
    send(&mut app, &[Msg::Cancel, Msg::Submit], at(6));
    assert_snapshot!("submit_80x24", screen(&app, 80, 24));
    send(&mut app, &[Msg::Cancel, Msg::Quit], at(6));
    assert_snapshot!("quit_80x24", screen(&app, 80, 24));
    send(&mut app, &[Msg::Cancel, Msg::Help], at(6));
    assert_snapshot!("help_80x24", screen(&app, 80, 24));
}

/// The screen with the submission time (shown in local time) replaced, so snapshots hold in
/// any time zone.
fn screen_at_any_zone(app: &App, width: u16, height: u16) -> String {
    let when = at(95)
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    screen(app, width, height).replace(&when, "[finished]")
}

#[test]
fn results_and_review() {
    let mut app = submitted();
    assert_snapshot!("results_80x24", screen(&app, 80, 24));
    app.update(Msg::OpenReview, at(100));
    assert_snapshot!("review_80x24", screen_at_any_zone(&app, 80, 24));
    assert_snapshot!("review_50x14", screen_at_any_zone(&app, 50, 14));
    app.update(Msg::Next, at(101));
    assert_snapshot!("review_second_80x24", screen_at_any_zone(&app, 80, 24));
    // ? lists the review's own keys (no flag or submit here); any key closes it.
    app.update(Msg::Help, at(102));
    let help = screen_at_any_zone(&app, 80, 24);
    assert!(help.contains("show missed, flagged or all items"), "{help}");
    assert!(!help.contains("submit"), "{help}");
    app.update(Msg::Next, at(103));
    assert!(!screen_at_any_zone(&app, 80, 24).contains("any key closes"));
}

#[test]
fn drill_feedback_and_summary() {
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 3, t0());
    app.start_drill("demo", Some("loops"), None, false, 11, t0())
        .unwrap();
    assert_snapshot!("drill_80x24", screen(&app, 80, 24));
    // The drill's own help wraps its lines at 60 columns instead of cutting them.
    app.update(Msg::Help, at(1));
    let help = screen(&app, 60, 18);
    assert_snapshot!("drill_help_60x18", help);
    assert!(help.contains("Keys · any key closes"), "{help}");
    assert!(help.contains("end the drill and see the summary"), "{help}");
    app.update(Msg::Help, at(1));
    let Screen::Drill(d) = &app.screen else { panic!() };
    let item = d.drill.items[d.drill.current().unwrap()].clone();
    let wrong = (0..item.options.len())
        .find(|i| !item.options[*i].correct)
        .unwrap();
    let right: Vec<usize> = item.keyed().into_iter().collect();
    let mut picks = vec![wrong];
    picks.extend(
        right
            .iter()
            .copied()
            .filter(|k| *k != wrong)
            .take(item.select_count() - 1),
    );
    for p in picks {
        app.update(Msg::Choose(p), at(3));
    }
    app.update(Msg::Confirm, at(4));
    assert_snapshot!("drill_feedback_80x24", screen(&app, 80, 24));
    app.update(Msg::Quit, at(20));
    assert_snapshot!("drill_summary_80x24", screen(&app, 80, 24));
}

#[test]
fn history_and_menu() {
    let done = submitted();
    let Screen::Results(a) = &done.screen else {
        panic!()
    };
    let mut second = (**a).clone();
    second.finished_at = at(3600);
    second.report.percent = 80.0;
    second.report.passed = true;
    let history = vec![Stored::of("one", 1, a), Stored::of("two", 2, &second)];
    let mut app = App::new(fixture_banks(), history, None, mono(), 1, t0());
    assert_snapshot!("menu_80x24", screen(&app, 80, 24));
    app.update(Msg::Confirm, at(1));
    assert_snapshot!("menu_exam_80x24", screen(&app, 80, 24));
    app.open(Screen::History(HistoryScreen::new(None)));
    // History shows local times; replace them so the snapshot holds in any time zone.
    let local = |secs| {
        at(secs)
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let text = screen(&app, 80, 24)
        .replace(&local(95), "[1st  finish]")
        .replace(&local(3600), "[2nd  finish]");
    assert!(
        text.contains("score per mock"),
        "the trend chart is drawn:\n{text}"
    );
    assert_snapshot!("history_80x24", text);

    // At the smallest supported size the score and the result still show.
    let small = screen(&app, 44, 12);
    assert!(
        small.contains("80.0%  pass") && small.contains("score  result"),
        "{small}"
    );
}

#[test]
fn too_small_terminal_asks_to_enlarge() {
    let app = demo_exam();
    assert_snapshot!("too_small_30x8", screen(&app, 30, 8));
}

fn clock_fg(app: &App) -> Color {
    let buf = render(app, 80, 24);
    let row: String = (0..80).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    let x = row.chars().position(|c| c == '⏱').expect("clock shown") as u16;
    buf[(x + 2, 0)].fg
}

#[test]
fn countdown_turns_yellow_at_ten_minutes_and_red_at_five() {
    let mut app = demo_exam();
    app.theme = Theme { color: true };
    app.update(Msg::Tick, at(60));
    assert_eq!(clock_fg(&app), Color::Reset, "11:00 left");
    app.update(Msg::Tick, at(2 * 60 + 1));
    assert_eq!(clock_fg(&app), Color::Yellow, "09:59 left");
    app.update(Msg::Tick, at(7 * 60 + 1));
    assert_eq!(clock_fg(&app), Color::Red, "04:59 left");
}

#[test]
fn no_color_uses_no_colours_but_keeps_every_state() {
    let mut app = demo_exam();
    send(&mut app, &[Msg::Choose(0), Msg::Flag], at(7 * 60 + 1));
    let buf = render(&app, 80, 24);
    for cell in buf.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "no colour with NO_COLOR"
        );
    }
    let text = text(&buf);
    assert!(text.contains("⚑ flagged") && text.contains("(•)") && text.contains("04:59"));
}

/// A bank with one very long, wide-character item: nothing may be cut off silently.
fn long_item_app() -> App {
    use pyexam::bank::{self, SourceFile};
    let exams = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/valid/exams.yaml"),
    )
    .unwrap();
    let code: String = (1..=40)
        .map(|i| format!("      print('行 {i} 🐍', {i})\n"))
        .collect();
    let prompt = "Which option describes what this very long program does? ".repeat(8) + "🐍 終わり";
    let mut bank = format!(
        "exam: demo\ntopic: basics\nquestions:\n  - id: demo-basics-001\n    prompt: \"{prompt}\"\n    code: |\n{code}    choices:\n"
    );
    for (i, t) in ["全部で四十行を表示する 🐍 and then stops", "nothing", "an error"]
        .iter()
        .enumerate()
    {
        bank.push_str(&format!(
            "      - text: \"{}{}\"\n",
            t,
            " with a long tail".repeat(6)
        ));
        if i == 0 {
            bank.push_str("        correct: true\n");
        }
    }
    bank.push_str("    explanation: It prints forty lines.\n");
    let loops = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/valid/demo/loops.yaml"),
    )
    .unwrap();
    let mut second = bank.replace("demo-basics-001", "demo-basics-002");
    second = second.split_once("questions:\n").unwrap().1.to_string();
    let files = [
        SourceFile::new("exams.yaml", "exams.yaml", &exams),
        SourceFile::new("demo/basics.yaml", "demo/basics.yaml", &(bank + &second)),
        SourceFile::new("demo/loops.yaml", "demo/loops.yaml", &loops),
    ];
    let loaded = bank::parse(&files);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = App::new(loaded.banks, Vec::new(), None, mono(), 1, t0());
    app.start_mock("demo", 1, None, t0()).unwrap();
    app.update(Msg::Confirm, t0());
    app
}

#[test]
fn long_prompts_wide_text_and_long_code_scroll_and_keep_the_options() {
    let mut app = long_item_app();
    for (w, h) in [(80, 24), (250, 80)] {
        let text = screen(&app, w, h);
        for letter in ["A ", "B ", "C "] {
            let shown = text.lines().any(|l| l.contains(&format!("( ) {letter}")));
            assert!(shown, "{w}x{h}: option {letter}missing:\n{text}");
        }
        if h < 80 {
            assert!(
                text.contains("▼ more text"),
                "{w}x{h}: the cut is marked:\n{text}"
            );
        }
    }
    let tiny = screen(&app, 44, 12);
    assert!(
        tiny.contains("more options: ↓"),
        "options that do not fit are announced:\n{tiny}"
    );
    for _ in 0..2 {
        app.update(Msg::Down, at(1));
    }
    let tiny = screen(&app, 44, 12);
    assert!(
        tiny.contains("›( ) C"),
        "moving down brings the last option into view:\n{tiny}"
    );
    assert_snapshot!("long_item_80x24", screen(&app, 80, 24));
    for _ in 0..30 {
        app.update(Msg::ScrollDown, at(1));
    }
    let text = screen(&app, 80, 24);
    // (A wide character's second cell reads as a blank in the buffer text.)
    assert!(
        text.contains("40 │ print('行  40 🐍 ', 40)"),
        "the last code line is reachable:\n{text}"
    );
    assert!(!text.contains("▼ more"), "nothing more below:\n{text}");
}

/// A bank written the way authors write YAML: prose broken at ~90 columns, a long SQL line,
/// long titles, and a long "Select 2" item.
fn newcomer_app() -> App {
    use pyexam::bank::{self, SourceFile};
    let exams = "exams:
  - id: demo
    code: DEMO-01
    title: Certified Entry-Level Python Programmer Demonstration Exam, Level 1
    items: 2
    minutes: 12
    pass_percent: 70
    sections:
      - { id: basics, title: Data Collections - Tuples Dictionaries Lists and Strings, items: 1, weight: 40 }
      - { id: loops, title: Loops, items: 1, weight: 60 }
";
    let basics = "exam: demo
topic: basics
questions:
  - id: demo-basics-001
    prompt: |
      The table below is created in a fresh database, and then the program tries to store
      two rows. What is stored?
    lang: sql
    code: |
      CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER);
      INSERT INTO accounts VALUES (1, 'ann', 10);
    choices:
      - text: One row, because the owner of the second row would be NULL and the column forbids it
        correct: true
      - text: \"Two rows\"
        why: The + and - between two
          strings are not defined, so each raises TypeError.
      - text: Nothing at all
    explanation: |
      NOT NULL refuses a row without an owner, so only the first
      INSERT succeeds.

      A second paragraph starts after a blank line,
      and reads as one line too.
    shuffle: false
";
    let code: String = (1..=14)
        .map(|i| format!("      total = total + {i}  # step {i}\n"))
        .collect();
    let loops = format!(
        "exam: demo
topic: loops
questions:
  - id: demo-loops-001
    prompt: Which statements about the program below are true?
    code: |
      total = 0
{code}      print(total)
    choices:
      - text: It prints 105.
        correct: true
      - text: total is an int at the end.
        correct: true
      - text: It prints 0.
      - text: It raises NameError.
    explanation: It adds 1 to 14.
    shuffle: false
"
    );
    let files = [
        SourceFile::new("exams.yaml", "exams.yaml", exams),
        SourceFile::new("demo/basics.yaml", "demo/basics.yaml", basics),
        SourceFile::new("demo/loops.yaml", "demo/loops.yaml", &loops),
    ];
    let loaded = bank::parse(&files);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = App::new(loaded.banks, Vec::new(), None, mono(), 1, t0());
    app.start_mock("demo", 1, None, t0()).unwrap();
    app.update(Msg::Confirm, t0());
    app
}

/// The item of `app`'s mock with this id on screen.
fn go_to(app: &mut App, id: &str) {
    let Screen::Exam(e) = &mut app.screen else {
        panic!()
    };
    let i = e.session.items.iter().position(|it| it.id == id).unwrap();
    e.session.go_to(i);
}

#[test]
fn prose_reflows_code_wraps_at_words_and_titles_end_in_an_ellipsis() {
    let mut app = newcomer_app();
    go_to(&mut app, "demo-basics-001");
    app.now = at(5);
    assert_snapshot!("newcomer_exam_80x24", screen(&app, 80, 24));
    assert_snapshot!("newcomer_exam_60x18", screen(&app, 60, 18));
    send(&mut app, &[Msg::Choose(1), Msg::Submit, Msg::Confirm], at(9));
    assert_snapshot!("newcomer_results_80x24", screen(&app, 80, 24));
    let small = screen(&app, 60, 18);
    assert!(small.contains("Readiness"), "{small}");
    assert!(
        !small.contains("Pace:"),
        "the pacing line is below the fold:\n{small}"
    );
    assert!(
        small.contains("▼ PgDn"),
        "the footer says there is more:\n{small}"
    );
    assert_snapshot!("newcomer_results_60x18", small);
    // PgDn (by the page the last frame measured) brings the rest into view.
    app.page = 8;
    send(&mut app, &[Msg::ScrollDown], at(10));
    let scrolled = screen(&app, 60, 18);
    assert!(scrolled.contains("Pace:"), "{scrolled}");
    // Scrolling on past the end keeps the end in view, and ↑ moves at once from there.
    send(
        &mut app,
        &[Msg::ScrollDown, Msg::ScrollDown, Msg::ScrollDown],
        at(11),
    );
    let end = screen(&app, 60, 18);
    assert_eq!(end, scrolled, "already at the end");
    send(&mut app, &[Msg::Up], at(12));
    assert_ne!(screen(&app, 60, 18), end, "one ↑ moves the text");
    assert!(!scrolled.contains("▼ PgDn"), "{scrolled}");
    app.update(Msg::OpenReview, at(10));
    let Screen::Review(r) = &mut app.screen else {
        panic!()
    };
    r.filter = pyexam::tui::app::Filter::All;
    let pos = r
        .attempt
        .items
        .iter()
        .position(|it| it.id == "demo-basics-001")
        .unwrap();
    r.pos = pos;
    let finished = |text: String| {
        let when = at(9)
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        text.replace(&when, "[finished]")
    };
    for (w, h) in [(80, 30), (60, 30)] {
        let text = finished(screen(&app, w, h));
        assert!(!text.contains("PRIMARY KE\n"), "words stay whole:\n{text}");
        assert_snapshot!(format!("newcomer_review_{w}x{h}"), text);
    }
    let menu = App::new(app.banks.clone(), Vec::new(), None, mono(), 1, t0());
    assert_snapshot!("newcomer_menu_60x18", screen(&menu, 60, 18));
}

#[test]
fn a_long_item_keeps_its_select_count_in_view_and_pgdn_moves_a_page() {
    let mut app = newcomer_app();
    go_to(&mut app, "demo-loops-001");
    app.now = at(5);
    for (w, h) in [(80u16, 24u16), (60, 18)] {
        let text = screen(&app, w, h);
        assert!(text.lines().next().unwrap().contains("Select 2"), "{text}");
        assert_snapshot!(format!("newcomer_long_{w}x{h}"), text);
    }
    let area = ratatui::layout::Rect::new(0, 0, 60, 18);
    app.page = pyexam::tui::screens::page_rows(&app, area);
    let before = screen(&app, 60, 18);
    app.update(Msg::ScrollDown, at(6));
    let after = screen(&app, 60, 18);
    // The line now on top is the one that was `page` lines below the top.
    // (Its right end now carries the "▲ more above" mark: compare the rest.)
    let left = |l: &str| l.chars().take(40).collect::<String>().trim_end().to_string();
    let top = |s: &str| left(s.lines().nth(2).unwrap());
    let was = left(before.lines().nth(2 + app.page as usize).unwrap());
    assert_eq!(top(&after), was, "before:\n{before}\nafter:\n{after}");
    assert!(after.lines().nth(2).unwrap().contains("▲ more above"), "{after}");
    // PgUp goes back to the top, and the mark goes.
    app.update(Msg::ScrollUp, at(5));
    app.now = at(5);
    assert_eq!(screen(&app, 60, 18), before);
    assert!(app.page >= 4, "a page, not three lines: {}", app.page);
}

/// A mini mock (every kind) with the first item of `kind` on screen.
fn kinds_app_at(kind: pyexam::bank::Kind) -> (App, usize) {
    let seed = (0..100)
        .find(|&s| {
            let app = kinds_exam(s);
            let Screen::Exam(e) = &app.screen else { panic!() };
            e.session
                .items
                .iter()
                .filter(|i| i.kind != pyexam::bank::Kind::Choice)
                .count()
                >= 5
        })
        .unwrap();
    let mut app = kinds_exam(seed);
    let Screen::Exam(e) = &mut app.screen else {
        panic!()
    };
    let index = e.session.items.iter().position(|i| i.kind == kind).unwrap();
    e.session.go_to(index);
    (app, index)
}

#[test]
fn gap_item_answered_typing_and_reviewed() {
    let (mut app, index) = kinds_app_at(pyexam::bank::Kind::Gap);
    send(&mut app, &[Msg::Edit, Msg::Type('*'), Msg::Type('*')], at(5));
    app.now = at(5);
    assert_snapshot!("gap_typing_80x24", screen(&app, 80, 24));
    send(&mut app, &[Msg::Cancel, Msg::Flag], at(6));
    app.now = at(6);
    assert_snapshot!("gap_answered_80x24", screen(&app, 80, 24));
    assert_snapshot!("gap_answered_60x18", screen(&app, 60, 18));
    send(
        &mut app,
        &[
            Msg::Submit,
            Msg::Confirm,
            Msg::OpenReview,
            Msg::CycleFilter,
            Msg::CycleFilter,
        ],
        at(7),
    );
    for _ in 0..index {
        app.update(Msg::Next, at(7));
    }
    let review = screen_at_any_zone_secs(&app, 80, 24, 7);
    assert_snapshot!("gap_reviewed_80x24", review);
    assert_snapshot!("gap_reviewed_60x18", screen_at_any_zone_secs(&app, 60, 18, 7));
}

#[test]
fn slots_item_answered_and_reviewed() {
    let (mut app, index) = kinds_app_at(pyexam::bank::Kind::Slots);
    let Screen::Exam(e) = &app.screen else { panic!() };
    let item = e.session.items[index].clone();
    // The first slot right, the second (if any) wrong: one entry that is not the key.
    let right = item.pool.iter().position(|p| p.text == item.slots[0]).unwrap();
    send(&mut app, &[Msg::Choose(right)], at(5));
    if item.slots.len() > 1 {
        let wrong = item
            .pool
            .iter()
            .position(|p| !item.slots.contains(&p.text))
            .unwrap();
        send(&mut app, &[Msg::Choose(wrong)], at(5));
    }
    app.now = at(5);
    assert_snapshot!("slots_answered_80x24", screen(&app, 80, 24));
    assert_snapshot!("slots_answered_60x18", screen(&app, 60, 18));
    send(
        &mut app,
        &[
            Msg::Submit,
            Msg::Confirm,
            Msg::OpenReview,
            Msg::CycleFilter,
            Msg::CycleFilter,
        ],
        at(7),
    );
    for _ in 0..index {
        app.update(Msg::Next, at(7));
    }
    assert_snapshot!("slots_reviewed_80x24", screen_at_any_zone_secs(&app, 80, 24, 7));
    assert_snapshot!("slots_reviewed_60x18", screen_at_any_zone_secs(&app, 60, 18, 7));
}

#[test]
fn order_item_answered_and_reviewed() {
    let (mut app, index) = kinds_app_at(pyexam::bank::Kind::Order);
    send(&mut app, &[Msg::MoveDown], at(5));
    app.now = at(5);
    assert_snapshot!("order_answered_80x24", screen(&app, 80, 24));
    assert_snapshot!("order_answered_60x18", screen(&app, 60, 18));
    send(&mut app, &[Msg::Submit], at(6));
    assert_snapshot!("kinds_submit_80x24", screen(&app, 80, 24));
    send(&mut app, &[Msg::Confirm], at(7));
    assert_snapshot!("kinds_results_80x24", screen(&app, 80, 24));
    send(
        &mut app,
        &[Msg::OpenReview, Msg::CycleFilter, Msg::CycleFilter],
        at(7),
    );
    for _ in 0..index {
        app.update(Msg::Next, at(7));
    }
    assert_snapshot!("order_reviewed_80x24", screen_at_any_zone_secs(&app, 80, 24, 7));
    assert_snapshot!("order_reviewed_60x18", screen_at_any_zone_secs(&app, 60, 18, 7));
}

#[test]
fn kinds_in_the_navigator_show_partly_answered() {
    // A mock holding the two-gap item: one gap typed is partly answered.
    let seed = (0..100)
        .find(|&s| {
            let Screen::Exam(e) = &kinds_exam(s).screen else {
                panic!()
            };
            e.session.items.iter().any(|i| i.id == "mini-loops-003")
        })
        .unwrap();
    let mut app = kinds_exam(seed);
    let Screen::Exam(e) = &mut app.screen else {
        panic!()
    };
    let index = e
        .session
        .items
        .iter()
        .position(|i| i.id == "mini-loops-003")
        .unwrap();
    e.session.go_to(index);
    send(
        &mut app,
        &[Msg::Edit, Msg::Type('x'), Msg::Cancel, Msg::Navigator],
        at(5),
    );
    app.now = at(5);
    let text = screen(&app, 80, 24);
    let Screen::Exam(e) = &app.screen else { panic!() };
    assert!(e.session.is_partly_answered(index));
    assert!(text.contains(&format!("{}◐", index + 1)), "{text}");
    assert!(text.contains("1 partly  5 unanswered"), "{text}");
    send(&mut app, &[Msg::Cancel, Msg::Submit], at(6));
    let dialog = screen(&app, 80, 24);
    assert!(
        dialog.contains("5 unanswered, 1 partly answered, 0 flagged"),
        "{dialog}"
    );
    assert!(
        dialog.contains(&format!("Partly answered: {}", index + 1)),
        "{dialog}"
    );
    assert_snapshot!("kinds_navigator_80x24", text);
}

#[test]
fn drill_feedback_for_each_kind() {
    use pyexam::bank::Kind;
    for kind in [Kind::Gap, Kind::Slots, Kind::Order] {
        let mut app = App::new(kinds_banks(), Vec::new(), None, mono(), 3, t0());
        app.start_drill("mini", Some("loops"), None, false, 4, t0())
            .unwrap();
        // Skip to the first item of `kind` by answering the others right.
        for _ in 0..10 {
            let Screen::Drill(d) = &app.screen else { panic!() };
            let item = d.drill.items[d.drill.current().unwrap()].clone();
            if item.kind == kind {
                break;
            }
            answer_right(&mut app, &item);
        }
        let Screen::Drill(d) = &app.screen else { panic!() };
        let item = d.drill.items[d.drill.current().unwrap()].clone();
        assert_eq!(item.kind, kind);
        match kind {
            Kind::Gap => send(
                &mut app,
                &[
                    Msg::Confirm,
                    Msg::Type('r'),
                    Msg::Type('n'),
                    Msg::Down,
                    Msg::Type('3'),
                    Msg::Confirm,
                ],
                at(3),
            ),
            Kind::Slots => send(
                &mut app,
                &[Msg::Choose(
                    item.pool.iter().position(|p| p.text != item.slots[0]).unwrap(),
                )],
                at(3),
            ),
            Kind::Order => send(&mut app, &[Msg::MoveDown], at(3)),
            Kind::Choice | Kind::Tokens | Kind::Match => unreachable!(),
        };
        app.update(Msg::Confirm, at(4));
        assert_snapshot!(
            format!("drill_{}_feedback_80x24", kind.name()),
            screen(&app, 80, 24)
        );
    }
}

fn answer_right(app: &mut App, item: &pyexam::session::Item) {
    use pyexam::bank::Kind;
    match item.kind {
        Kind::Choice => {
            for k in item.keyed() {
                app.update(Msg::Choose(k), at(2));
            }
        }
        Kind::Gap => {
            app.update(Msg::Edit, at(2));
            for (g, gap) in item.gaps.iter().enumerate() {
                if g > 0 {
                    app.update(Msg::Down, at(2));
                }
                for c in gap.accept[0].chars() {
                    app.update(Msg::Type(c), at(2));
                }
            }
            app.update(Msg::Cancel, at(2));
        }
        Kind::Slots => {
            for k in &item.slots {
                app.update(
                    Msg::Choose(item.pool.iter().position(|p| p.text == *k).unwrap()),
                    at(2),
                );
            }
        }
        Kind::Tokens | Kind::Match => unreachable!("the mini bank has none"),
        Kind::Order => {
            // Bubble the lines into key order with moves, as a candidate would.
            let Screen::Drill(d) = &app.screen else { panic!() };
            let mut now = item.start.clone();
            let _ = d;
            for target in 0..now.len() {
                let from = (target..now.len())
                    .find(|&p| item.lines[now[p]] == item.lines[target])
                    .unwrap();
                for _ in 0..10 {
                    app.update(Msg::Up, at(2));
                }
                for _ in 0..from {
                    app.update(Msg::Down, at(2));
                }
                for p in (target..from).rev() {
                    app.update(Msg::MoveUp, at(2));
                    now.swap(p, p + 1);
                }
            }
        }
    }
    app.update(Msg::Confirm, at(2));
    app.update(Msg::Confirm, at(2));
}

fn screen_at_any_zone_secs(app: &App, width: u16, height: u16, secs: i64) -> String {
    let when = at(secs)
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    screen(app, width, height).replace(&when, "[finished]")
}

/// An App with a mock of the `files` fixture (items that list files beside main.py), on the
/// package item `modfiles-imports-001`.
fn files_exam() -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/files");
    let loaded = pyexam::bank::load(&pyexam::bank::BankSource::Dir(dir));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut app = App::new(loaded.banks, Vec::new(), None, mono(), 1, t0());
    app.start_mock("modfiles", 1, None, t0()).unwrap();
    app.update(Msg::Confirm, t0());
    let Screen::Exam(e) = &mut app.screen else {
        panic!()
    };
    let index = e
        .session
        .items
        .iter()
        .position(|i| i.id == "modfiles-imports-001")
        .unwrap();
    e.session.go_to(index);
    app
}

#[test]
fn files_are_listed_under_their_names_before_main_py() {
    let mut app = files_exam();
    for (w, h) in [(100, 30), (80, 24), (60, 18)] {
        let text = screen(&app, w, h);
        assert_snapshot!(format!("files_exam_{w}x{h}"), text);
    }
    let full = screen(&app, 100, 30);
    let row = |needle: &str| full.lines().position(|l| l.contains(needle));
    // Each file under its header with line numbers of its own, then main.py.
    let init = row("── pkg/__init__.py").expect("a header per file");
    let tools = row("── pkg/tools.py").unwrap();
    let main = row("── main.py").unwrap();
    assert!(init < tools && tools < main, "{full}");
    assert!(
        full.lines()
            .nth(init + 1)
            .unwrap()
            .trim_start()
            .starts_with("1 │ print(\"init pkg\")"),
        "{full}"
    );
    assert!(
        full.lines()
            .nth(tools + 1)
            .unwrap()
            .trim_start()
            .starts_with("1 │ def twice"),
        "{full}"
    );
    assert!(full.contains("(empty file)"), "an empty file says so: {full}");
    // At 60x18 the listing scrolls with PgDn until main.py is in view.
    let mut seen = screen(&app, 60, 18);
    for _ in 0..6 {
        if seen.contains("── main.py") {
            break;
        }
        app.update(Msg::ScrollDown, at(2));
        seen = screen(&app, 60, 18);
    }
    assert!(
        seen.contains("── main.py") && seen.contains("from pkg import tools"),
        "{seen}"
    );
    // Review shows the same listing.
    send(&mut app, &[Msg::Submit, Msg::Confirm, Msg::OpenReview], at(7));
    let Screen::Review(_) = &app.screen else {
        panic!("review")
    };
    for _ in 0..3 {
        if screen(&app, 80, 24).contains("pkg/__init__.py") {
            break;
        }
        app.update(Msg::Next, at(8));
    }
    let review = screen_at_any_zone_secs(&app, 80, 24, 7);
    assert!(
        review.contains("── pkg/__init__.py") && review.contains("── pkg/tools.py"),
        "{review}"
    );
    assert_snapshot!("files_reviewed_80x24", review);
}

/// The formats fixture's mock (tokens, match, concept sort), on the first item of `kind`.
fn formats_app_at(kind: pyexam::bank::Kind) -> (App, usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/formats");
    let banks = pyexam::bank::load(&pyexam::bank::BankSource::Dir(dir)).banks;
    let mut app = App::new(banks, Vec::new(), None, mono(), 1, t0());
    app.start_mock("fmt", 3, None, t0()).unwrap();
    app.update(Msg::Confirm, t0());
    let Screen::Exam(e) = &app.screen else { panic!() };
    let index = e.session.items.iter().position(|i| i.kind == kind).unwrap();
    app.update(Msg::Jump(index), at(1));
    (app, index)
}

#[test]
fn tokens_match_and_concept_items_answered_and_reviewed() {
    use pyexam::bank::Kind;
    for kind in [Kind::Tokens, Kind::Match, Kind::Order] {
        let (mut app, index) = formats_app_at(kind);
        let msgs: &[Msg] = match kind {
            Kind::Tokens => &[Msg::Toggle, Msg::Down, Msg::Down, Msg::Toggle],
            Kind::Match => &[Msg::Choose(0), Msg::Choose(1), Msg::Choose(2)],
            _ => &[Msg::MoveDown],
        };
        send(&mut app, msgs, at(5));
        app.now = at(5);
        let name = match kind {
            Kind::Order => "concepts",
            k => k.name(),
        };
        assert_snapshot!(format!("{name}_answered_100x30"), screen(&app, 100, 30));
        assert_snapshot!(format!("{name}_answered_80x24"), screen(&app, 80, 24));
        assert_snapshot!(format!("{name}_answered_60x18"), screen(&app, 60, 18));
        send(
            &mut app,
            &[
                Msg::Submit,
                Msg::Confirm,
                Msg::OpenReview,
                Msg::CycleFilter,
                Msg::CycleFilter,
            ],
            at(7),
        );
        for _ in 0..index {
            app.update(Msg::Next, at(7));
        }
        assert_snapshot!(
            format!("{name}_reviewed_80x24"),
            screen_at_any_zone_secs(&app, 80, 24, 7)
        );
        assert_snapshot!(
            format!("{name}_reviewed_60x18"),
            screen_at_any_zone_secs(&app, 60, 18, 7)
        );
    }
}
