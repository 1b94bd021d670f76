//! `pyexam check` and `pyexam list` as a bank author uses them: one fixture per validation rule,
//! each asserting the exact message and location the author sees.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks")
}

fn pyexam() -> Command {
    let mut cmd = Command::cargo_bin("pyexam").unwrap();
    cmd.env_remove("PYEXAM_BANKS").env_remove("CI");
    cmd
}

/// A copy of the valid fixture bank in a temporary folder.
fn valid_copy() -> tempfile::TempDir {
    bank_copy("valid")
}

/// A copy of the fixture bank `name` (a folder of `tests/fixtures/banks`) in a temporary folder.
fn bank_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures().join(name);
    for entry in fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir(&to).unwrap();
            for file in fs::read_dir(entry.path()).unwrap() {
                let file = file.unwrap();
                fs::copy(file.path(), to.join(file.file_name())).unwrap();
            }
        } else {
            fs::copy(entry.path(), to).unwrap();
        }
    }
    dir
}

fn check(dir: &Path) -> (i32, String) {
    let out = pyexam().arg("check").arg(dir).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn valid_fixture_bank_is_clean() {
    let (code, out) = check(&fixtures().join("valid"));
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn shipped_banks_are_clean() {
    let out = pyexam().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pyexam check found problems:\n{stdout}");
}

#[test]
fn every_invalid_fixture_reports_its_exact_message() {
    let mut count = 0;
    for entry in fs::read_dir(fixtures().join("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let mut header = text.lines().map_while(|l| l.strip_prefix("# "));
        let expect = header
            .next()
            .and_then(|l| l.strip_prefix("expect: "))
            .expect("first line: # expect: ...");
        // Optional: `# bank: NAME` (default valid), `# file: PATH` (default demo/basics.yaml).
        let (mut base, mut file) = ("valid", "demo/basics.yaml");
        for line in header {
            if let Some(b) = line.strip_prefix("bank: ") {
                base = b;
            } else if let Some(f) = line.strip_prefix("file: ") {
                file = f;
            }
        }
        let bank = bank_copy(base);
        fs::write(bank.path().join(file), &text).unwrap();
        let root = bank.path().display().to_string();
        let expect = format!("{root}/{}", expect.replace("DIR/", &format!("{root}/")));
        let (code, out) = check(bank.path());
        // A warning alone does not fail the check; an error does.
        let want = if expect.contains(": warning: ") { 0 } else { 1 };
        assert_eq!(code, want, "{}: exit code of check", path.display());
        assert!(
            out.lines().any(|l| l == expect),
            "{}: expected the line\n  {expect}\ngot:\n{out}",
            path.display()
        );
        count += 1;
    }
    assert!(count >= 12, "one fixture per rule");
}

#[test]
fn unreadable_files_are_reported_by_name() {
    let bank = valid_copy();
    fs::write(bank.path().join("demo/loops.yaml"), b"exam: demo\xff\xfe\n").unwrap();
    fs::create_dir(bank.path().join("demo/extra.yaml")).ok();
    fs::remove_file(bank.path().join("demo/extra.yaml")).ok();
    fs::create_dir(bank.path().join("demo/extra.yaml")).unwrap();
    let big = format!("exam: demo\ntopic: basics\n#{}\n", "x".repeat(300 * 1024));
    fs::create_dir(bank.path().join("other")).unwrap();
    fs::write(bank.path().join("other/huge.yaml"), big).unwrap();
    let (code, out) = check(bank.path());
    let root = bank.path().display();
    assert_eq!(code, 1);
    for line in [
        format!("{root}/demo/loops.yaml:1:1: error: file is not valid UTF-8 (invalid byte at offset 10)"),
        format!("{root}/demo/extra.yaml:1:1: error: is a directory, expected a bank file"),
        format!("{root}/other/huge.yaml:1:1: error: file is 300 KiB; bank files may be at most 256 KiB"),
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line}\nin:\n{out}");
    }
}

#[test]
fn missing_bank_folder_is_one_clear_line() {
    let out = pyexam().args(["check", "/nonexistent/banks"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.trim(),
        "/nonexistent/banks:1:1: error: bank folder not found (expected a folder holding exams.yaml and <exam>/<topic>.yaml)"
    );
}

#[test]
fn list_shows_sections_minutes_and_bank_sizes() {
    let out = pyexam()
        .args(["list", "--no-builtin", "--banks"])
        .arg(fixtures().join("valid"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "demo (DEMO-01)  Demo Exam\n  4 items, 12 minutes, pass at 70%\n  basics                  40%  draws  2  bank   3\n  loops                   60%  draws  2  bank   3\n  extra                  drill only      bank   1\n"
    );
}

/// Run pyexam with a fresh home; the exit code and standard error.
fn run_in_new_home(args: &[&str]) -> (Option<i32>, String, tempfile::TempDir) {
    let home = tempfile::tempdir().unwrap();
    let out = pyexam()
        .args(args)
        .arg("--home")
        .arg(home.path())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).trim().to_string(),
        home,
    )
}

#[test]
fn unknown_exam_names_the_valid_ones() {
    let (code, err, _) = run_in_new_home(&["exam", "pcxp"]);
    assert_eq!(
        (code, err.as_str()),
        (
            Some(1),
            "pyexam: unknown exam 'pcxp' (valid: pcep, pcap, pcpp1, pcpp2)"
        )
    );
}

#[test]
fn unknown_topic_names_the_valid_ones() {
    let (code, err, _) = run_in_new_home(&["drill", "pcap", "--topic", "oops"]);
    assert_eq!(
        (code, err.as_str()),
        (
            Some(1),
            "pyexam: unknown topic 'oops' for pcap (valid: modules-packages, exceptions, strings, oop, misc)"
        )
    );
}

#[test]
fn no_terminal_is_a_clear_error() {
    let (code, err, home) = run_in_new_home(&["exam", "pcep"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("needs an interactive terminal"), "{err}");
    assert!(
        !home.path().join("journal.jsonl").exists(),
        "nothing is started without a terminal"
    );
}

#[test]
fn review_with_no_history_says_how_to_start() {
    // The home was given on the command line, so the command printed repeats it.
    let (code, err, home) = run_in_new_home(&["review"]);
    assert_eq!(
        (code, err),
        (
            Some(1),
            format!(
                "pyexam: no attempts yet; take one with `pyexam --home {} exam pcep` (or pcap, pcpp1, pcpp2)",
                home.path().display()
            )
        )
    );
}

#[test]
fn resume_with_nothing_saved_says_so() {
    let (code, err, home) = run_in_new_home(&["resume"]);
    assert_eq!(
        (code, err),
        (
            Some(1),
            format!(
                "pyexam: no exam to resume: start one with `pyexam --home {} exam <EXAM>`",
                home.path().display()
            )
        )
    );
}

#[test]
fn short_bank_refuses_to_draw_a_short_exam() {
    let bank = valid_copy();
    fs::remove_file(bank.path().join("demo/loops.yaml")).unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = pyexam()
        .args(["exam", "demo", "--banks"])
        .arg(bank.path())
        .arg("--home")
        .arg(home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "pyexam: the DEMO-01 bank cannot fill a full mock yet: loops has 0 of 2"
    );
}

#[test]
fn stats_count_items_verified_why_and_multiple_select_per_section() {
    let out = pyexam()
        .args(["check", "--stats"])
        .arg(fixtures().join("valid"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // One word a column, each ending where its numbers end (issue 26, item 24).
    let header = text.lines().next().unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        [
            "exam",
            "topic",
            "items",
            "verified",
            "with-why",
            "multi-select",
            "choice",
            "gap",
            "slots",
            "order",
            "tokens",
            "match"
        ]
    );
    // The table ends at the first blank line (the shape per exam follows).
    let table: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
    for line in table.iter().skip(1) {
        assert_eq!(line.len(), header.len(), "{header}\n{line}");
        let end = header.find("multi-select").unwrap() + "multi-select".len();
        assert!(line[..end].ends_with('%'), "{header}\n{line}");
    }
    let rows: Vec<Vec<&str>> = table
        .iter()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            [
                "demo", "basics", "3", "2", "66%", "2", "66%", "1", "33%", "3", "0", "0", "0", "0", "0"
            ],
            [
                "demo", "loops", "3", "2", "66%", "1", "33%", "2", "66%", "3", "0", "0", "0", "0", "0"
            ],
            [
                "demo", "extra", "1", "1", "100%", "0", "0%", "0", "0%", "1", "0", "0", "0", "0", "0"
            ],
            [
                "demo", "(all)", "7", "5", "71%", "3", "42%", "3", "42%", "7", "0", "0", "0", "0", "0"
            ],
        ]
    );
}

#[test]
fn stats_count_items_by_kind() {
    let out = pyexam()
        .args(["check", "--stats"])
        .arg(fixtures().join("kinds"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header[header.len() - 6..],
        ["choice", "gap", "slots", "order", "tokens", "match"]
    );
    let table: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
    let all: Vec<&str> = table.last().unwrap().split_whitespace().collect();
    assert_eq!(all[0..3], ["mini", "(all)", "10"]);
    assert_eq!(all[all.len() - 6..], ["4", "2", "2", "2", "0", "0"]);
}

#[test]
fn the_kinds_fixture_bank_is_clean() {
    let (code, out) = check(&fixtures().join("kinds"));
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::process::{Command as Process, Stdio};
    let mut child = Process::new(env!("CARGO_BIN_EXE_pyexam"))
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before pyexam writes anything: its first write meets a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_schema_error_does_not_hide_the_other_questions_problems() {
    let bank = valid_copy();
    let text = "exam: demo\ntopic: basics\nquestions:\n  - id: demo-basics-001\n    prompt: Two plus two?\n    choices:\n      - text: \"4\"\n        correct: true\n      - text: \"5\"\n    explanaton: Arithmetic.\n  - id: demo-basics-002\n    prompt: Two times two?\n    choices:\n      - text: \"4\"\n      - text: \"5\"\n    explanation: Arithmetic.\n  - id: demo-basics-003\n    prompt: One plus one?\n    choices:\n      - txt: \"2\"\n      - text: \"3\"\n    explanation: Arithmetic.\n";
    fs::write(bank.path().join("demo/basics.yaml"), text).unwrap();
    let (code, out) = check(bank.path());
    let file = format!("{}/demo/basics.yaml", bank.path().display());
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with(&file)).collect();
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with(&format!(
        "{file}:10:5: error: questions[0]: unknown field `explanaton`"
    )));
    assert_eq!(
        lines[1],
        format!("{file}:11:5: error: question 'demo-basics-002' has no correct option")
    );
    assert!(lines[2].starts_with(&format!("{file}:17:5: error: questions[2]: unknown field `txt`")));
}

#[test]
fn without_a_terminal_an_unreadable_journal_is_left_where_it_is() {
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("journal.json"), b"{ broken").unwrap();
    let out = pyexam()
        .args(["exam", "pcep", "--home"])
        .arg(home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("journal.json: not a readable pyexam file"));
    assert_eq!(fs::read(home.path().join("journal.json")).unwrap(), b"{ broken");
    assert_eq!(
        fs::read_dir(home.path()).unwrap().count(),
        1,
        "nothing moved or created"
    );
}

/// Each fixture under warnings/ loads with the warning on its first line and check passes.
#[test]
fn every_warning_fixture_warns_and_passes() {
    for entry in fs::read_dir(fixtures().join("warnings")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let expect = text.lines().next().unwrap().strip_prefix("# expect: ").unwrap();
        let bank = valid_copy();
        fs::write(bank.path().join("demo/basics.yaml"), &text).unwrap();
        let expect = format!("{}/{expect}", bank.path().display());
        let (code, out) = check(bank.path());
        assert_eq!(code, 0, "{}: warnings do not fail check\n{out}", path.display());
        assert_eq!(out.lines().next(), Some(expect.as_str()), "{}", path.display());
    }
}

#[test]
fn list_rows_keep_the_bank_column_for_drill_only_topics() {
    let out = pyexam().arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let columns: std::collections::BTreeSet<usize> = text.lines().filter_map(|l| l.find(" bank ")).collect();
    assert_eq!(columns.len(), 1, "one bank column:\n{text}");
    assert!(text.contains("drill only"), "{text}");
}

#[test]
fn exam_names_are_ids_or_codes_in_any_case() {
    for name in ["PCEP", "pcep-30-02", "PCAP-31-03"] {
        let (code, err, _) = run_in_new_home(&["exam", name]);
        assert_eq!(code, Some(1));
        assert!(err.contains("needs an interactive terminal"), "{name}: {err}");
    }
    let (_, err, _) = run_in_new_home(&["drill", "Pcap", "--topic", "oops"]);
    assert!(err.contains("unknown topic 'oops' for pcap"), "{err}");
}

#[test]
fn an_unknown_exam_is_named_before_a_saved_one_is_mentioned() {
    let home = tempfile::tempdir().unwrap();
    // A saved exam: what `q` leaves behind.
    let store = pyexam::store::Store::open(Some(home.path().to_path_buf())).unwrap();
    let banks = pyexam::bank::load(&pyexam::bank::BankSource::Embedded).banks;
    let mut app = pyexam::tui::app::App::new(
        banks,
        Vec::new(),
        None,
        pyexam::tui::theme::Theme { color: false },
        1,
        chrono::Utc::now(),
    );
    let effects = app.start_mock("pcep", 1, None, chrono::Utc::now()).unwrap();
    assert!(!pyexam::tui::apply(&mut app, &store, effects));
    let out = pyexam()
        .args(["exam", "nosuch", "--home"])
        .arg(home.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "pyexam: unknown exam 'nosuch' (valid: pcep, pcap, pcpp1, pcpp2)"
    );
}

#[test]
fn review_by_number_and_count_zero_say_what_to_do() {
    let (code, err, home) = run_in_new_home(&["review", "1"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        err,
        format!(
            "pyexam: no attempts yet; take one with `pyexam --home {} exam pcep` (or pcap, pcpp1, pcpp2)",
            home.path().display()
        )
    );
    let (code, err, _) = run_in_new_home(&["drill", "pcep", "--count", "0"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("'0' is not a number of items: give a whole number of at least 1, e.g. --count 10"),
        "{err}"
    );
}

#[test]
fn nothing_to_drill_is_not_an_error() {
    let home = tempfile::tempdir().unwrap();
    let out = pyexam()
        .args(["drill", "pcep", "--missed", "--home"])
        .arg(home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("Nothing to drill: no PCEP-30-02 item is currently missed."),
        "{out:?}"
    );
}

#[test]
fn usage_with_pyexam_home_set_does_not_show_home_as_required() {
    let out = pyexam()
        .env("PYEXAM_HOME", "/tmp/x")
        .arg("exam")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Usage: pyexam exam <EXAM>"), "{err}");
    let help = pyexam().args(["drill", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for described in [
        "<EXAM>  pcep, pcap",
        "Draw the same items in the same order again",
        "Drill the items you got wrong",
    ] {
        assert!(help.contains(described), "{described}:\n{help}");
    }
}

#[test]
fn a_broken_file_of_one_exam_does_not_block_another() {
    let bank = valid_copy();
    // A second exam whose only file has an unknown field and a good question.
    let exams = fs::read_to_string(bank.path().join("exams.yaml")).unwrap();
    let other = exams
        .split_once("exams:\n")
        .unwrap()
        .1
        .replace("id: demo", "id: other")
        .replace("DEMO-01", "OTHER-01");
    fs::write(bank.path().join("exams.yaml"), format!("{exams}{other}")).unwrap();
    fs::create_dir(bank.path().join("other")).unwrap();
    fs::write(
        bank.path().join("other/basics.yaml"),
        "exam: other\ntopic: basics\nquestions:\n  - id: other-basics-001\n    promt: x\n",
    )
    .unwrap();
    let (code, out) = check(bank.path());
    assert_eq!(code, 1);
    let problems = out.lines().count();
    // The demo exam starts (and stops at the missing terminal, not at the other exam's files).
    let home = tempfile::tempdir().unwrap();
    let run = |exam: &str| {
        let out = pyexam()
            .args(["exam", exam, "--banks"])
            .arg(bank.path())
            .arg("--home")
            .arg(home.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).trim().to_string()
    };
    assert!(
        run("demo").contains("needs an interactive terminal"),
        "{}",
        run("demo")
    );
    let err = run("other");
    let hint = format!(
        "({problems} problems in the banks; `pyexam check {}` lists them all)",
        bank.path().display()
    );
    assert!(err.ends_with(&hint), "{err}\nexpected the hint {hint}");
}

#[test]
fn one_unknown_field_costs_one_question_not_the_file() {
    let bank = valid_copy();
    let path = bank.path().join("demo/basics.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen(
            "    prompt: Which of the following",
            "    promt: Which of the following",
            1,
        ),
    )
    .unwrap();
    let out = pyexam()
        .args(["list", "--banks"])
        .arg(bank.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("basics                  40%  draws  2  bank   2"),
        "{text}"
    );
}

#[test]
fn a_broken_topic_file_is_named_under_its_section_and_other_topics_still_drill() {
    // The git example with an unclosed quote on line 5 of basics.yaml.
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/git-basics");
    fs::create_dir(dir.path().join("git")).unwrap();
    fs::copy(src.join("exams.yaml"), dir.path().join("exams.yaml")).unwrap();
    fs::copy(
        src.join("git/branching.yaml"),
        dir.path().join("git/branching.yaml"),
    )
    .unwrap();
    let basics = fs::read_to_string(src.join("git/basics.yaml")).unwrap();
    let mut lines: Vec<String> = basics.lines().map(str::to_string).collect();
    assert!(lines[4].trim_start().starts_with("prompt:"));
    lines[4] = "    prompt: \"Which command starts tracking".into();
    fs::write(dir.path().join("git/basics.yaml"), lines.join("\n")).unwrap();

    // check points at the quote, not the end of the file.
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    let first = out.lines().next().unwrap();
    assert!(
        first.contains(
            "git/basics.yaml:5:13: error: found unexpected end of stream while scanning a quoted scalar"
        ),
        "{out}"
    );
    // list says why the section is short, under its row.
    let list = pyexam()
        .arg("--banks")
        .arg(dir.path())
        .arg("list")
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    let row = list
        .lines()
        .position(|l| l.trim_start().starts_with("basics"))
        .unwrap();
    assert!(
        list.lines()
            .nth(row + 1)
            .unwrap()
            .contains("basics.yaml:5:13: error:"),
        "{list}"
    );
    // A drill of the healthy topic goes as far as the terminal, as the menu's would.
    let home = tempfile::tempdir().unwrap();
    let drill = pyexam()
        .arg("--banks")
        .arg(dir.path())
        .arg("--home")
        .arg(home.path())
        .args(["drill", "git", "--topic", "branching"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&drill.stderr);
    assert!(err.contains("needs an interactive terminal"), "{err}");
}

#[test]
fn stats_show_each_exams_shape_beside_its_targets() {
    let out = pyexam().args(["check", "--stats"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let pcep: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("pcep     single"))
        .take(4)
        .collect();
    assert_eq!(pcep.len(), 4, "{text}");
    assert!(
        pcep[0].contains("(bank ") && pcep[0].contains("target 31%)"),
        "{}",
        pcep[0]
    );
    assert!(
        pcep[1].contains("tokens ") && pcep[1].contains("match "),
        "{}",
        pcep[1]
    );
    assert!(
        pcep[2].contains("are 2 of 4") && pcep[2].contains("target ≥ 70%"),
        "{}",
        pcep[2]
    );
    assert!(
        pcep[3].contains("median") && pcep[3].contains("target ≥ 5"),
        "{}",
        pcep[3]
    );
}
