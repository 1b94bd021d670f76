//! End to end, one home shared by several pyexam processes: a second terminal cannot take over
//! the exam another one is running (and loses nothing of it), a killed holder lets the next
//! `resume` in at once, two drills side by side both reach history, and a kill right after a
//! move keeps the move. The menu reads history once its first screen is drawn.

mod pty;

use std::path::Path;

use pty::*;

fn saved_answers(home: &Path) -> Vec<bool> {
    let store = pyexam::store::Store::open(Some(home.to_path_buf())).unwrap();
    let session = store.load_journal("pcep").unwrap().expect("journal saved");
    session.answers.iter().map(Option::is_some).collect()
}

fn history_rows(home: &Path) -> serde_json::Value {
    let out = assert_cmd::Command::cargo_bin("pyexam")
        .unwrap()
        .args(["history", "--json", "--home"])
        .arg(home)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Answer the item on screen with option 1 and move on to item `next`.
fn answer_and_move(p: &mut Pty, next: usize) {
    p.answer("1");
    p.keys(RIGHT);
    p.wait_for(&format!("Item {next}/30"));
}

#[test]
fn a_second_terminal_is_refused_and_the_first_keeps_every_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut first = Pty::spawn(&["exam", "pcep", "--seed", "3"], home.path(), 100, 30);
    first.start();
    first.wait_for("Item 1/30");
    answer_and_move(&mut first, 2);
    answer_and_move(&mut first, 3);

    // `resume` in a second terminal: refused at once, naming the process that has the exam.
    let mut second = Pty::spawn(&["resume"], home.path(), 100, 30);
    let refusal = second.wait_for("open in another pyexam");
    assert!(refusal.contains(&format!("pid {}", first.pid())), "{refusal}");
    assert_eq!(second.wait_exit(), 1);

    // The menu in a second terminal offers the saved exam, and refuses it when chosen.
    let mut menu = Pty::spawn(&[], home.path(), 100, 30);
    menu.wait_for("Resume");
    menu.keys(ENTER);
    menu.wait_for("another pyexam");
    menu.keys("q");
    assert_eq!(menu.wait_exit(), 0);

    // Readers keep working beside it.
    assert_eq!(history_rows(home.path()), serde_json::json!([]));

    answer_and_move(&mut first, 4);
    first.save_and_quit();
    assert_eq!(&saved_answers(home.path())[..4], [true, true, true, false]);
}

#[test]
fn a_killed_holder_lets_the_next_resume_in_at_once() {
    let home = tempfile::tempdir().unwrap();
    let mut first = Pty::spawn(&["exam", "pcep", "--seed", "4"], home.path(), 100, 30);
    first.start();
    first.wait_for("Item 1/30");
    answer_and_move(&mut first, 2);
    first.signal(SIGKILL);
    first.wait_exit();

    let mut next = Pty::spawn(&["resume"], home.path(), 100, 30);
    next.wait_for("Item 2/30");
    next.save_and_quit();
    assert!(saved_answers(home.path())[0]);
}

#[test]
fn a_kill_right_after_a_move_keeps_the_move() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(&["exam", "pcep", "--seed", "5"], home.path(), 100, 30);
    p.start();
    p.wait_for("Item 1/30");
    p.keys(RIGHT);
    p.wait_for("Item 2/30");
    p.keys(RIGHT);
    // Kill the moment the move is on screen: what the screen shows is already journaled.
    p.wait_for("Item 3/30");
    p.signal(SIGKILL);
    p.wait_exit();
    let mut again = Pty::spawn(&["resume"], home.path(), 100, 30);
    again.wait_for("Item 3/30");
    again.save_and_quit();
}

#[test]
fn two_drills_in_two_terminals_both_reach_history() {
    let home = tempfile::tempdir().unwrap();
    let drill = |seed: &str| {
        Pty::spawn(
            &[
                "drill",
                "pcep",
                "--topic",
                "collections",
                "--count",
                "1",
                "--seed",
                seed,
            ],
            home.path(),
            100,
            30,
        )
    };
    let (mut a, mut b) = (drill("1"), drill("2"));
    for p in [&mut a, &mut b] {
        p.wait_for("drill │ Data Collections");
    }
    for p in [&mut a, &mut b] {
        // Answer (a "Select 2" item needs a second option before Enter checks it).
        p.answer("1");
        for option in ["2", "3", "4", ""] {
            p.keys(ENTER);
            let screen = p.wait_until(
                |s| s.contains("Right.") || s.contains("Not quite") || s.contains("before checking"),
                "feedback or a request for more options",
            );
            if !screen.contains("before checking") {
                break;
            }
            p.keys(option);
        }
        p.keys("q");
        p.wait_for("drill: summary");
    }
    for p in [&mut a, &mut b] {
        p.keys("q");
        assert_eq!(p.wait_exit(), 0);
    }
    let rows = history_rows(home.path());
    let files: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files.len(), 2, "{rows}");
    assert_ne!(files[0], files[1]);
}

#[test]
fn the_menu_reads_history_after_its_first_screen_and_still_names_unreadable_files() {
    let home = tempfile::tempdir().unwrap();
    let attempts = home.path().join("attempts");
    std::fs::create_dir_all(&attempts).unwrap();
    std::fs::write(attempts.join("20260101-000000-pcep-mock.json"), "{ not json").unwrap();
    let mut p = Pty::spawn(&[], home.path(), 100, 30);
    p.wait_for("Choose an exam");
    p.wait_for("1 attempt file could not be read: 20260101-000000-pcep-mock.json");
    p.keys("q");
    assert_eq!(p.wait_exit(), 0);
    p.wait_for("skipped, the file is left as it is");
}

#[test]
fn each_exam_keeps_its_saved_attempt_and_resume_asks_which() {
    let home = tempfile::tempdir().unwrap();
    let mut pcep = Pty::spawn(&["exam", "pcep", "--seed", "6"], home.path(), 100, 30);
    pcep.start();
    pcep.wait_for("Item 1/30");
    answer_and_move(&mut pcep, 2);
    pcep.save_and_quit();
    pcep.wait_for("Continue with `pyexam resume pcep`.");

    // A PCAP mock starts while the PCEP one is saved, and is saved beside it.
    let mut pcap = Pty::spawn(&["exam", "pcap", "--seed", "7"], home.path(), 100, 30);
    pcap.start();
    pcap.wait_for("Item 1/40");
    pcap.answer("1");
    pcap.keys(RIGHT);
    pcap.wait_for("Item 2/40");
    pcap.save_and_quit();
    pcap.wait_for("Continue with `pyexam resume pcap`.");

    // `resume` alone asks which: the menu lists both.
    let mut ask = Pty::spawn(&["resume"], home.path(), 100, 30);
    let menu = ask.wait_for("2 exams are saved: choose the one to resume");
    assert!(menu.contains("Resume the PCAP-31-03 exam ("), "{menu}");
    assert!(
        menu.contains("Resume the PCEP-30-02 exam (1/30 answered"),
        "{menu}"
    );
    ask.keys("2");
    ask.wait_for("Item 2/30");
    ask.save_and_quit();

    // Naming the exam resumes it at once; a name with nothing saved says what is.
    let mut named = Pty::spawn(&["resume", "pcap"], home.path(), 100, 30);
    named.wait_for("Item 2/40");
    named.save_and_quit();
    let out = assert_cmd::Command::cargo_bin("pyexam")
        .unwrap()
        .args(["resume", "pcpp1", "--home"])
        .arg(home.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no PCPP-32-101 exam to resume: saved: PCAP-31-03 (`pyexam")
            && err.contains("resume pcap`), PCEP-30-02 (`pyexam"),
        "{err}"
    );
    assert_eq!(&saved_answers(home.path())[..2], [true, false]);
}
