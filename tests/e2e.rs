//! End to end: the real binary in a pseudo-terminal, driven with keys, read off the screen.

mod pty;

use std::fs;
use std::path::Path;

use pty::*;

/// The saved exam as the next `resume` will see it (snapshot and records replayed).
fn journal(home: &Path) -> serde_json::Value {
    let store = pyexam::store::Store::open(Some(home.to_path_buf())).unwrap();
    let mut saved = store.saved_exams().saved;
    assert!(saved.len() <= 1, "one exam saved at most in these tests");
    let (session, _) = saved.pop().expect("journal saved");
    serde_json::json!({ "session": session })
}

fn attempts(home: &Path) -> Vec<serde_json::Value> {
    let Ok(dir) = fs::read_dir(home.join("attempts")) else {
        return Vec::new();
    };
    dir.map(|e| serde_json::from_str(&fs::read_to_string(e.unwrap().path()).unwrap()).unwrap())
        .collect()
}

#[test]
fn a_whole_pcep_mock_from_first_key_to_results_and_review() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(&["exam", "pcep", "--seed", "5"], home.path(), 100, 30);
    p.start();
    p.wait_for("PCEP-30-02");
    for i in 1..=30 {
        p.wait_for(&format!("Item {i}/30"));
        p.answer("1");
        if i < 30 {
            p.keys(RIGHT);
        }
    }
    p.keys("s");
    // Choosing one option of a "Select N" item answers it only in part.
    let dialog = p.wait_for("flagged for review.");
    // Every item got a key, so none is unanswered; a part-answered Select N is partly answered.
    let list = |label: &str| -> Vec<String> {
        dialog
            .lines()
            .find_map(|l| l.split(label).nth(1))
            .map(|rest| {
                rest.split(|c: char| !c.is_ascii_digit())
                    .filter(|n| !n.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(list("Unanswered: "), Vec::<String>::new(), "{dialog}");
    p.keys("y");
    let results = p.wait_for("pass mark 70%");
    assert!(results.contains("of 30 items fully right"), "{results}");
    assert!(
        results.contains("Computer Programming and Python"),
        "section bars:\n{results}"
    );
    p.keys("r");
    p.wait_for("Explanation");
    // q goes one level up: from the review back to the results, and from there out.
    p.keys("q");
    p.wait_for("pass mark 70%");
    p.keys("q");
    assert_eq!(p.wait_exit(), 0);
    assert!(
        !home.path().join("exam-pcep.jsonl").exists(),
        "a submitted exam leaves no journal"
    );
    let saved = attempts(home.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["items"].as_array().unwrap().len(), 30);
    assert_eq!(saved[0]["version"], 1);

    // Later: review the attempt from the command line.
    let mut p = Pty::spawn(&["review"], home.path(), 100, 30);
    p.wait_for("Review PCEP-30-02");
    p.keys("\t");
    p.wait_for("flagged");
    p.keys("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn quit_then_resume_restores_answers_flags_and_position() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(&["exam", "pcep", "--seed", "9"], home.path(), 100, 30);
    p.start();
    p.wait_for("Item 1/30");
    p.answer("2");
    p.keys("f");
    p.wait_for("⚑ flagged");
    p.keys(RIGHT);
    p.wait_for("Item 2/30");
    p.answer("1");
    p.keys(RIGHT);
    p.wait_for("Item 3/30");
    p.save_and_quit();
    p.wait_for("2/30 answered, 1 flagged");
    p.wait_for("Continue with `pyexam resume pcep`.");
    let j = journal(home.path());
    assert_eq!(j["session"]["current"], 2);

    let mut p = Pty::spawn(&["resume"], home.path(), 100, 30);
    p.wait_for("Item 3/30");
    p.keys("g");
    let grid = p.wait_for("2 answered");
    assert!(grid.contains("  1✓⚑") && grid.contains("  2✓ "), "{grid}");
    assert!(grid.contains("1 flagged"), "{grid}");
}

/// A tiny deterministic generator, so a failing iteration can be replayed.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn kill_and_resume(iteration: u64) {
    let mut rng = Lcg(iteration * 7919 + 1);
    let home = tempfile::tempdir().unwrap();
    let seed = iteration.to_string();
    let mut p = Pty::spawn(&["exam", "pcep", "--seed", &seed], home.path(), 100, 30);
    p.start();
    let count = 1 + rng.below(6) as usize;
    let mut flagged = Vec::new();
    for i in 1..=count {
        p.wait_for(&format!("Item {i}/30"));
        p.answer(&(1 + rng.below(3)).to_string());
        if rng.below(3) == 0 {
            p.keys("f");
            flagged.push(i);
            p.wait_for("⚑ flagged");
        }
        p.keys(RIGHT);
    }
    p.wait_for(&format!("Item {}/30", count + 1));
    // The keystroke in flight when the kill lands may be lost; everything on screen may not.
    if rng.below(2) == 0 {
        p.keys("3");
    }
    p.signal(SIGKILL);
    p.wait_exit();

    let mut p = Pty::spawn(&["resume"], home.path(), 100, 30);
    p.wait_for(&format!("Item {}/30", count + 1));
    p.keys("g");
    let grid = p.wait_for("unanswered");
    for i in 1..=count {
        let flag = if flagged.contains(&i) { "⚑" } else { " " };
        // A "Select N" item with one option chosen is partly answered (◐).
        let cell = format!("{i:>3}✓{flag}");
        let partly = format!("{i:>3}◐{flag}");
        assert!(
            grid.contains(&cell) || grid.contains(&partly),
            "iteration {iteration}: item {i} should show {cell:?}:\n{grid}"
        );
    }
    for i in count + 2..=30 {
        assert!(
            grid.contains(&format!("{i:>3}·")),
            "iteration {iteration}: item {i} unanswered:\n{grid}"
        );
    }
}

#[test]
fn kill_9_at_a_random_moment_loses_nothing_that_was_on_screen() {
    // 50 iterations per run; each kills a real process mid-exam and resumes it.
    let runs: u64 = std::env::var("PYEXAM_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    for iteration in 0..runs {
        kill_and_resume(iteration);
    }
}

#[test]
fn sigterm_and_sighup_save_restore_the_terminal_and_exit_128_plus_signal() {
    for (signal, code) in [(SIGTERM, 143), (SIGHUP, 129)] {
        let home = tempfile::tempdir().unwrap();
        let mut p = Pty::spawn(&["exam", "pcep", "--seed", "3"], home.path(), 100, 30);
        p.start();
        p.wait_for("Item 1/30");
        p.answer("2");
        p.signal(signal);
        assert_eq!(p.wait_exit(), code);
        let j = journal(home.path());
        assert!(!j["session"]["answers"][0].is_null());
        // The reader may still be draining the last bytes (leaving the alternate screen).
        p.wait_until(|s| !s.contains("PCEP-30-02"), "the terminal's own screen back");
    }
}

#[test]
fn closing_the_terminal_keeps_the_answers_and_leaves_no_process_behind() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(&["exam", "pcep", "--seed", "8"], home.path(), 100, 30);
    p.start();
    p.wait_for("Item 1/30");
    p.answer("1");
    p.keys("f");
    p.wait_for("⚑ flagged");
    // 129 when the hang-up signal arrives first, 1 when the terminal's reads fail first.
    let code = p.hang_up();
    assert!(code == 128 + SIGHUP as u32 || code == 1, "exit code {code}");
    let j = journal(home.path());
    assert!(!j["session"]["answers"][0].is_null());
    assert_eq!(j["session"]["flags"][0], true);
}

#[test]
fn time_running_out_while_resumed_submits_what_was_answered() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(
        &["exam", "pcep", "--seed", "4", "--minutes", "1"],
        home.path(),
        100,
        30,
    );
    p.start();
    p.wait_for("Item 1/30");
    p.answer("1");
    p.save_and_quit();
    // Leave two seconds on the clock.
    let mut j = journal(home.path());
    j["session"]["used_secs"] = serde_json::json!(58);
    j["version"] = serde_json::json!(2);
    fs::write(home.path().join("exam-pcep.jsonl"), format!("{j}\n")).unwrap();

    let mut p = Pty::spawn(&["resume"], home.path(), 100, 30);
    // A slow machine may spend the two seconds starting up: then results come first.
    p.wait_until(
        |s| s.contains("00:0") || s.contains("submitted when time ran out"),
        "the clock or the results",
    );
    let results = p.wait_for("submitted when time ran out");
    assert!(
        results.contains("Time is up: the exam was submitted"),
        "the notice says why:\n{results}"
    );
    assert!(results.contains("non-standard time"), "{results}");
    p.keys("q");
    assert_eq!(p.wait_exit(), 0);
    let saved = attempts(home.path());
    assert_eq!(saved[0]["timed_out"], true);
    assert!(!saved[0]["answers"][0].is_null());
}

#[test]
fn drill_gives_feedback_and_its_summary_reaches_history() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(
        &["drill", "pcep", "--topic", "control-flow", "--seed", "2"],
        home.path(),
        100,
        30,
    );
    p.wait_for("Control Flow");
    // The first item may be of any kind: answer it as its kind is answered.
    p.answer("1");
    p.keys(ENTER);
    let screen = p.wait_until(
        |s| s.contains("Right.") || s.contains("Not quite") || s.contains("Select "),
        "feedback",
    );
    if screen.contains("options before checking") {
        p.keys("2");
        p.keys(ENTER);
        p.wait_until(|s| s.contains("Right.") || s.contains("Not quite"), "feedback");
    }
    p.keys("q");
    p.wait_for("drill: summary");
    p.keys("q");
    assert_eq!(p.wait_exit(), 0);
    let out = assert_cmd::Command::cargo_bin("pyexam")
        .unwrap()
        .args(["history", "--json", "--home"])
        .arg(home.path())
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["mode"], "drill");
    assert_eq!(rows[0]["total"], 1);
}

#[test]
fn tiny_terminals_ask_to_enlarge_and_resizing_redraws() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(&["exam", "pcep", "--seed", "1"], home.path(), 20, 6);
    p.wait_for("enlarge");
    p.resize(100, 30);
    p.start();
    p.wait_for("Item 1/30");
    p.keys("s");
    p.wait_for("Submit the exam?");
    p.resize(30, 8);
    p.wait_for("enlarge");
    p.resize(250, 80);
    p.wait_for("Submit the exam?");
    p.keys(ESC);
    // The dialog must be gone before q: ESC and q read together would be Alt+q.
    p.wait_until(
        |s| !s.contains("Submit the exam?") && s.contains("Item 1/30"),
        "the dialog closed",
    );
    p.save_and_quit();
}

#[test]
fn dumb_terminal_is_refused_with_a_message() {
    let home = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("pyexam")
        .unwrap()
        .env("TERM", "dumb")
        .args(["exam", "pcep", "--home"])
        .arg(home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TERM=dumb"));
    assert!(out.stdout.is_empty(), "nothing drawn");
}

#[test]
fn an_unreadable_journal_is_kept_aside_not_overwritten_by_a_new_exam() {
    let home = tempfile::tempdir().unwrap();
    fs::write(
        home.path().join("journal.json"),
        b"{\"version\": 1, \"session\": {trunc",
    )
    .unwrap();
    let mut p = Pty::spawn(&["exam", "pcep", "--seed", "2"], home.path(), 100, 30);
    p.start();
    p.wait_for("Item 1/30");
    p.save_and_quit();
    let kept: Vec<_> = fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".set-aside.json"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let bytes = fs::read(home.path().join(&kept[0])).unwrap();
    assert_eq!(bytes, b"{\"version\": 1, \"session\": {trunc");
}

#[test]
fn a_saved_exam_blocks_a_new_one_of_its_exam_until_discarded_and_is_kept_aside() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(&["exam", "pcep", "--seed", "6"], home.path(), 100, 30);
    p.start();
    p.wait_for("Item 1/30");
    p.save_and_quit();
    let saved = fs::read(home.path().join("exam-pcep.jsonl")).unwrap();

    // Another exam starts beside it (each exam keeps its own saved attempt).
    let mut p = Pty::spawn(&["exam", "pcap", "--seed", "6"], home.path(), 100, 30);
    p.start();
    p.wait_for("Item 1/40");
    p.save_and_quit();
    assert!(home.path().join("exam-pcap.jsonl").exists());

    let mut p = Pty::spawn(&["exam", "pcep"], home.path(), 100, 30);
    let screen = p.wait_for("--discard");
    assert!(
        screen.contains("an unfinished PCEP-30-02 exam is saved (0/30 answered)")
            && screen.contains("run `pyexam resume pcep` to finish it"),
        "{screen}"
    );
    assert_eq!(p.wait_exit(), 1);

    let mut p = Pty::spawn(&["exam", "pcep", "--discard"], home.path(), 100, 30);
    p.wait_for("q keeps it");
    p.keys("q");
    p.wait_exit();
    assert_eq!(fs::read(home.path().join("exam-pcep.jsonl")).unwrap(), saved);

    let mut p = Pty::spawn(&["exam", "pcep", "--discard"], home.path(), 100, 30);
    p.wait_for("q keeps it");
    p.start();
    p.wait_for("Item 1/30");
    p.save_and_quit();
    p.wait_for("(set aside, not deleted; the menu can restore it).");
    let kept: Vec<_> = fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".set-aside.jsonl"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        fs::read(&kept[0]).unwrap(),
        saved,
        "the discarded exam is kept byte for byte"
    );
}

#[test]
fn every_item_kind_is_answered_by_keys_and_survives_kill_9() {
    let home = tempfile::tempdir().unwrap();
    let banks = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/kinds");
    let banks = banks.to_str().unwrap();
    let mut p = Pty::spawn(
        &["--banks", banks, "exam", "mini", "--seed", "2", "--stretch"],
        home.path(),
        100,
        30,
    );
    p.wait_for("MINI-01");
    let kinds: Vec<String> = journal(home.path())["session"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap_or("choice").to_string())
        .collect();
    for kind in ["gap", "slots", "order"] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "seed 2 draws a {kind} item: {kinds:?}"
        );
    }
    p.start();
    for (i, kind) in kinds.iter().enumerate() {
        p.wait_for(&format!("Item {}/6", i + 1));
        match kind.as_str() {
            "gap" => {
                p.keys("\r");
                p.wait_for("letters are text");
                p.keys("fq");
                p.wait_for("⟦fq▏⟧");
                p.keys("\x1b");
                p.wait_for("Enter/i type");
            }
            "slots" => {
                p.keys("a");
                p.wait_for("✓ in slot 1");
            }
            "order" => {
                p.keys("J");
                p.wait_for("› 2 │");
            }
            _ => p.choose("1"),
        }
        if i < 5 {
            p.keys(RIGHT);
        }
    }
    let before = journal(home.path())["session"]["answers"].clone();
    assert!(
        before.as_array().unwrap().iter().all(|a| !a.is_null()),
        "{before}"
    );
    p.signal(SIGKILL);
    p.wait_exit();

    let mut p = Pty::spawn(&["--banks", banks, "resume"], home.path(), 60, 18);
    p.wait_for("Item 6/6");
    assert_eq!(journal(home.path())["session"]["answers"], before);
    p.keys("s");
    p.wait_for("flagged for review.");
    p.keys("y");
    p.wait_for("pass mark 70%");
    p.keys("q");
    assert_eq!(p.wait_exit(), 0);
    let saved = attempts(home.path());
    assert_eq!(saved[0]["answers"], before);
}
