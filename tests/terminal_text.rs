//! Bank and file text never reaches the terminal as commands: an OSC 52 (set the clipboard) or
//! any other control character in an exam title, a GIFT file, a saved exam or a command-line
//! name is printed escaped by every plain-output command, and JSON carries it as `\u001b`.

mod pty;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use pty::Pty;
use pyexam::bank::{self, BankSource};
use pyexam::session::{Blueprint, Session};
use pyexam::store::Store;

/// Sets the clipboard to `rm -rf ~` in terminals that allow OSC 52.
const OSC52: &str = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}";

fn pyexam(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pyexam").unwrap();
    cmd.env_remove("PYEXAM_BANKS")
        .env_remove("CI")
        .arg("--home")
        .arg(home);
    cmd
}

/// stdout and stderr of a run, asserting that neither holds an ESC or BEL byte.
fn run_clean(cmd: &mut Command, what: &str) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !bytes.contains(&0x1b) && !bytes.contains(&0x07),
            "`{what}` wrote a control character to {stream}:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The valid fixture bank with control characters in the exam's code and title, written as
/// the YAML escapes `\e` and `\a` (a raw ESC byte is refused by the YAML parser itself).
fn banks_with_a_hostile_title() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/valid");
    fs::create_dir(dir.path().join("demo")).unwrap();
    for file in ["demo/basics.yaml", "demo/loops.yaml", "demo/extra.yaml"] {
        fs::copy(src.join(file), dir.path().join(file)).unwrap();
    }
    let exams = fs::read_to_string(src.join("exams.yaml"))
        .unwrap()
        .replace("code: DEMO-01", "code: \"DEMO-\\e[2J01\"")
        .replace(
            "title: Demo Exam",
            "title: \"Demo \\e]52;c;cm0gLXJmIH4=\\a Exam\"",
        );
    assert!(exams.contains("\\e]52"));
    fs::write(dir.path().join("exams.yaml"), exams).unwrap();
    dir
}

#[test]
fn an_osc52_in_an_exam_title_reaches_no_plain_output() {
    let banks = banks_with_a_hostile_title();
    let home = tempfile::tempdir().unwrap();
    let dir: PathBuf = banks.path().into();
    for args in [
        &["list"][..],
        &["progress", "demo"],
        &["study", "demo", "--list"],
        &["export", "gift", "demo"],
        &["history", "--json"],
    ] {
        let what = args.join(" ");
        let (_, out, err) = run_clean(
            pyexam(home.path())
                .arg("--no-builtin")
                .arg("--banks")
                .arg(&dir)
                .args(args),
            &what,
        );
        assert!(!(out + &err).is_empty(), "`{what}` said nothing");
    }
    let (code, out, _) = run_clean(pyexam(home.path()).arg("check").arg(&dir), "check");
    assert_eq!(code, 1);
    assert!(
        out.contains("exams.yaml:3:5: error: exam 'demo' code: control character U+001B (only newline and tab are allowed)"),
        "{out}"
    );
}

#[test]
fn the_import_report_shows_gift_text_escaped_and_the_yaml_escapes_it() {
    let dir = tempfile::tempdir().unwrap();
    let gift = dir.path().join("quiz.gift");
    fs::write(
        &gift,
        // `=` ends a GIFT answer, so a window title rather than OSC 52's base64.
        "::T:: Which? {=a =b\u{1b}]0;pwned\u{7} =%50%c\u{1b}[2J}\n",
    )
    .unwrap();
    let (code, yaml, err) = run_clean(
        pyexam(dir.path())
            .args(["import", "gift"])
            .arg(&gift)
            .args(["--exam", "x", "--topic", "y"]),
        "import gift",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("answer 'c\\u{1b}[2J' (50%) left out"),
        "the note shows the answer, escaped:\n{err}"
    );
    // The bank file keeps the text, as YAML escapes: `check` is what refuses it.
    assert!(yaml.contains("\"b\\x1b]0;pwned\\x07\""), "{yaml}");
}

#[test]
fn an_error_quoting_a_name_from_the_command_line_shows_it_escaped() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = run_clean(pyexam(home.path()).args(["exam", OSC52]), "exam OSC52");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("pyexam: unknown exam '\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}' (valid: "),
        "{err}"
    );
}

/// A home holding a saved pcep exam whose code carries an OSC 52, as a hostile bank could have
/// saved it before `check` refused such text.
fn home_with_a_hostile_saved_exam() -> tempfile::TempDir {
    let banks = bank::load(&BankSource::Embedded).banks;
    let mut spec = banks.exam("pcep").unwrap().clone();
    spec.code = format!("PCEP{OSC52}");
    let t0 = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
    let items = Blueprint::draw(&banks, &spec, &Default::default(), 1)
        .unwrap()
        .items;
    let home = tempfile::tempdir().unwrap();
    let store = Store::open(Some(home.path().to_path_buf())).unwrap();
    store
        .save_journal(&Session::new(&spec, items, 1, None, t0))
        .unwrap();
    home
}

/// `pyexam exam` names the saved exam in its refusal, escaped.
#[test]
fn the_unfinished_exam_error_shows_the_saved_code_escaped() {
    let home = home_with_a_hostile_saved_exam();
    let (code, _, err) = run_clean(pyexam(home.path()).args(["exam", "pcep"]), "exam pcep");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("pyexam: an unfinished PCEP\\u{1b}]52;c;cm0gLXJmIH4=\\u{7} exam is saved"),
        "{err}"
    );
}

/// The line `q` leaves after the TUI is gone names the exam by its code: escaped, it shows on
/// the terminal as text (a terminal would have swallowed the raw OSC 52, showing "PCEP exam").
#[test]
fn the_farewell_after_q_shows_the_code_escaped() {
    let home = home_with_a_hostile_saved_exam();
    let mut p = Pty::spawn(&["resume"], home.path(), 200, 30);
    p.wait_for("Item 1/30");
    p.save_and_quit();
    p.wait_for("Saved the PCEP\\u{1b}]52;c;cm0gLXJmIH4=\\u{7} exam: 0/30 answered");
}

/// serde_json writes control characters as `\u001b`: `--json` output carries the text
/// faithfully and sends the terminal nothing.
#[test]
fn json_output_carries_control_characters_as_escapes() {
    let banks = bank::load(&BankSource::Embedded).banks;
    let mut spec = banks.exam("pcep").unwrap().clone();
    spec.code = format!("PCEP{OSC52}");
    let t0 = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
    let items = Blueprint::draw(&banks, &spec, &Default::default(), 1)
        .unwrap()
        .items;
    let session = Session::new(&spec, items, 1, None, t0);
    let attempt = session.finish(&spec, t0 + chrono::Duration::minutes(1), false);
    let home = tempfile::tempdir().unwrap();
    let store = Store::open(Some(home.path().to_path_buf())).unwrap();
    store.save_attempt(&attempt).unwrap();
    let (code, out, err) = run_clean(pyexam(home.path()).args(["history", "--json"]), "history --json");
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["code"], format!("PCEP{OSC52}"));
}
