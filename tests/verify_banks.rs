//! Answer keys proven by running CPython: one test per `verify` item of the shipped banks
//! (named by its id, so `cargo test --test verify_banks -- --list` lists them and a failure
//! names the item), and the messages a bank author gets when a key is wrong. An item whose
//! proof cannot run here (a missing module or X server) is reported as ignored with the reason,
//! never as passed.

use std::path::Path;
use std::sync::Arc;

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use pyexam::bank::{self, BankSource};
use pyexam::verify::{Verdict, Verifier};

#[path = "common/broken.rs"]
mod broken;

use broken::check_verify;

fn main() {
    let mut args = Arguments::from_args();
    // As many proofs at once as `Verifier::verify_all` runs (one per core, at most 8): more
    // would only make each python3 slower and push the heavy imports past the time limit.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8);
    args.test_threads = args.test_threads.or(Some(cores));
    let mut trials = vec![
        plain("the_valid_fixture_verifies", the_valid_fixture_verifies),
        plain(
            "a_one_character_change_to_an_output_key_fails_with_both_outputs",
            a_one_character_change_to_an_output_key_fails_with_both_outputs,
        ),
        plain(
            "a_second_option_equal_to_the_output_is_a_second_right_answer",
            a_second_option_equal_to_the_output_is_a_second_right_answer,
        ),
        plain(
            "a_raises_key_must_name_the_exception_and_the_output_before_it",
            a_raises_key_must_name_the_exception_and_the_output_before_it,
        ),
        plain(
            "a_code_change_that_stops_raising_is_caught",
            a_code_change_that_stops_raising_is_caught,
        ),
        plain(
            "setup_script_installs_every_module_the_banks_require",
            setup_script_installs_every_module_the_banks_require,
        ),
        plain(
            "tkinter_items_run_under_a_private_x_display",
            tkinter_items_run_under_a_private_x_display,
        ),
        plain(
            "mysql_items_run_against_a_private_mariadb",
            mysql_items_run_against_a_private_mariadb,
        ),
        plain("checks_decide_prose_options", checks_decide_prose_options),
        plain(
            "lint_items_are_judged_by_the_tool",
            lint_items_are_judged_by_the_tool,
        ),
    ];
    trials.extend(shipped_keys());
    libtest_mimic::run(&args, trials).exit();
}

fn plain(name: &str, test: fn()) -> Trial {
    Trial::test(name, move || {
        test();
        Ok(())
    })
}

/// One trial per verified item of the shipped banks: `key::<item id>`.
fn shipped_keys() -> Vec<Trial> {
    let loaded = bank::load(&BankSource::Embedded);
    assert!(loaded.problems.is_empty(), "bank problems: {:?}", loaded.problems);
    let verifier = Arc::new(Verifier::new().expect("python3 is needed to verify answer keys"));
    let items: Vec<_> = loaded
        .banks
        .questions
        .into_iter()
        .filter(|q| q.verify.is_some())
        .collect();
    assert!(items.len() > 100, "the shipped banks verify most items");
    items
        .into_iter()
        .map(|q| {
            let verifier = Arc::clone(&verifier);
            Trial::ignorable_test(format!("key::{}", q.id), move || {
                let at = format!("{}:{}:{}", q.origin.path, q.origin.line, q.origin.col);
                match verifier.verify(&q) {
                    Verdict::Passed => Ok(Completion::Completed),
                    Verdict::Failed(why) => Err(Failed::from(format!("{at}: {}: {why}", q.id))),
                    // Outside CI a missing optional module skips; CI (CI=true) fails on it.
                    Verdict::Skipped(why) => Ok(Completion::ignored_with(why)),
                }
            })
        })
        .collect()
}

fn broken_bank(from: &str, to: &str) -> tempfile::TempDir {
    broken::broken_copy("valid", "demo", "basics.yaml", from, to)
}

fn the_valid_fixture_verifies() {
    let dir = broken_bank("", "");
    let (code, out) = check_verify(dir.path());
    assert_eq!((code, out.as_str()), (0, ""));
}

fn a_one_character_change_to_an_output_key_fails_with_both_outputs() {
    // The key of demo-basics-001 is "3"; make it "8" (unique among the options still).
    let dir = broken_bank(
        "      - text: \"3\"\n        correct: true",
        "      - text: \"8\"\n        correct: true",
    );
    let (code, out) = check_verify(dir.path());
    assert_eq!(code, 1);
    let root = dir.path().display();
    let expected_start = format!(
        "{root}/demo/basics.yaml:4:5: error: question 'demo-basics-001' (verify: output): the key says \"8\" but Python printed \"3\" [Python 3."
    );
    assert!(out.lines().any(|l| l.starts_with(&expected_start)), "got:\n{out}");
}

fn a_second_option_equal_to_the_output_is_a_second_right_answer() {
    let dir = broken_bank(
        "      - text: \"4\"\n    explanation: Floor",
        "      - text: \"3 \"\n    explanation: Floor",
    );
    let (code, out) = check_verify(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("wrong option \"3 \" also equals the output"),
        "got:\n{out}"
    );
}

fn a_raises_key_must_name_the_exception_and_the_output_before_it() {
    let dir = broken_bank(
        "It prints a and then raises ZeroDivisionError",
        "It prints a and then raises ValueError",
    );
    let (code, out) = check_verify(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("error: question 'demo-basics-003' (verify: raises): Python printed \"a\" and raised ZeroDivisionError; options that say so: none; keyed: 1"),
        "got:\n{out}"
    );
}

fn a_code_change_that_stops_raising_is_caught() {
    let dir = broken_bank("print(1 / 0)", "print(1 / 1)");
    let (code, out) = check_verify(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("expected an exception but the code exited normally, printing \"a\\n1.0\""),
        "got:\n{out}"
    );
}

fn setup_script_installs_every_module_the_banks_require() {
    let loaded = bank::load(&BankSource::Embedded);
    let script =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/setup-python.sh"))
            .unwrap();
    let line = script
        .lines()
        .find(|l| l.starts_with("for module in "))
        .expect("the module list");
    let mut installed: Vec<&str> = line
        .trim_start_matches("for module in ")
        .trim_end_matches("; do")
        .split(' ')
        .collect();
    let pinned = script
        .lines()
        .find(|l| l.starts_with("pinned=("))
        .expect("the pinned tools");
    installed.extend(
        pinned
            .trim_start_matches("pinned=(")
            .trim_end_matches(')')
            .split(' ')
            .filter_map(|spec| spec.split_once("==").map(|(name, _)| name)),
    );
    // `mysql` is the server and its connector (`mysql-connector-python`, pinned above).
    assert!(installed.contains(&"mysql-connector-python") && script.contains("mariadb-server"));
    installed.push(pyexam::verify::MYSQL);
    for q in &loaded.banks.questions {
        for module in q.requires.iter().filter(|m| *m != pyexam::verify::DISPLAY) {
            assert!(
                installed.contains(&module.as_str()),
                "{}: requires {module}, which scripts/setup-python.sh does not install",
                q.id
            );
        }
    }
}

fn tkinter_items_run_under_a_private_x_display() {
    use pyexam::bank::{Choice, Kind, Lang, Origin, Question, Verify};
    let choice = |text: &str, correct| Choice {
        text: text.into(),
        correct,
        why: None,
    };
    let item = |key: &str, wrong: &str| {
        Question {
        id: "pcpp1-gui-999".into(),
        exam: "pcpp1".into(),
        topic: "gui".into(),
        prompt: "What is printed?".into(),
        code: Some("import tkinter as tk\nroot = tk.Tk()\nv = tk.StringVar(root, 'a')\nv.set(v.get() * 2)\nprint(v.get())\nroot.destroy()\n".into()),
        files: Vec::new(),
        lang: Lang::Python,
        kind: Kind::Choice,
        choices: vec![choice(key, true), choice(wrong, false)],
        lines: Vec::new(),
        pool: Vec::new(),
        slots: Vec::new(),
        gaps: Vec::new(),
        tiles: Vec::new(),
        decoys: Vec::new(),
        bins: Vec::new(),
        cards: Vec::new(),
        rule: None,
        stretch: false,
        expect: None,
        explanation: "set stores the doubled string".into(),
        verify: Some(Verify::Output),
        stdin: None,
        probe: None,
        setup: None,
        checks: Vec::new(),
        lint: None,
        requires: vec![pyexam::verify::DISPLAY.into()],
        shuffle: true,
        objective: None,
        origin: Origin { path: "gui.yaml".into(), line: 1, col: 1 },
    }
    };
    let verifier = Verifier::new().unwrap();
    let has_xvfb = std::process::Command::new("Xvfb").arg("-help").output().is_ok();
    let right = verifier.verify(&item("aa", "a"));
    let wrong = verifier.verify(&item("a", "aa"));
    if has_xvfb {
        assert_eq!(right, Verdict::Passed);
        assert!(
            matches!(wrong, Verdict::Failed(ref why) if why.contains("Python printed \"aa\"")),
            "{wrong:?}"
        );
    } else {
        assert!(
            matches!(right, Verdict::Skipped(ref why) if why.contains("Xvfb")),
            "{right:?}"
        );
    }
}

/// A choice item of the pcpp2 banks with these options (text, keyed, check).
fn choice_item(
    code: Option<&str>,
    options: &[(&str, bool)],
    verify: pyexam::bank::Verify,
) -> pyexam::bank::Question {
    use pyexam::bank::{Choice, Kind, Lang, Origin, Question};
    Question {
        id: "pcpp2-mysql-999".into(),
        exam: "pcpp2".into(),
        topic: "mysql".into(),
        prompt: "Which?".into(),
        code: code.map(str::to_string),
        files: Vec::new(),
        lang: Lang::Python,
        kind: Kind::Choice,
        choices: options
            .iter()
            .map(|(text, correct)| Choice {
                text: (*text).into(),
                correct: *correct,
                why: None,
            })
            .collect(),
        lines: Vec::new(),
        pool: Vec::new(),
        slots: Vec::new(),
        tiles: Vec::new(),
        decoys: Vec::new(),
        bins: Vec::new(),
        cards: Vec::new(),
        rule: None,
        stretch: false,
        gaps: Vec::new(),
        expect: None,
        explanation: "Because.".into(),
        verify: Some(verify),
        stdin: None,
        probe: None,
        setup: None,
        checks: Vec::new(),
        lint: None,
        requires: Vec::new(),
        shuffle: true,
        objective: None,
        origin: Origin {
            path: "mysql.yaml".into(),
            line: 1,
            col: 1,
        },
    }
}

fn mysql_items_run_against_a_private_mariadb() {
    use pyexam::bank::Verify;
    // The shown code names a host, a user and a database of its own: the verifier's connect
    // reaches the private server and a database of the item's own whatever they are.
    let code = "import mysql.connector\nconn = mysql.connector.connect(host=\"db.example\", user=\"app\", password=\"pw\", database=\"shop\")\ncur = conn.cursor()\ncur.execute(\"CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v TEXT)\")\ncur.execute(\"INSERT INTO t (v) VALUES (%s), (%s)\", (\"a\", \"b\"))\nprint(cur.rowcount, cur.lastrowid)\n";
    let mut right = choice_item(Some(code), &[("2 1", true), ("2 2", false)], Verify::Output);
    right.requires = vec![pyexam::verify::MYSQL.into()];
    let mut wrong = right.clone();
    wrong.choices[0].correct = false;
    wrong.choices[1].correct = true;
    let verifier = Verifier::new().unwrap();
    let has_server = ["/usr/sbin/mariadbd", "/usr/bin/mariadbd"]
        .iter()
        .any(|p| Path::new(p).exists());
    let (right, wrong) = (verifier.verify(&right), verifier.verify(&wrong));
    if has_server {
        assert_eq!(right, Verdict::Passed);
        assert!(
            matches!(wrong, Verdict::Failed(ref why) if why.contains("Python printed \"2 1\"")),
            "{wrong:?}"
        );
    } else if verifier.strict {
        assert!(
            matches!(right, Verdict::Failed(ref why) if why.contains("MariaDB")),
            "{right:?}"
        );
    } else {
        assert!(
            matches!(right, Verdict::Skipped(ref why) if why.contains("MariaDB")),
            "{right:?}"
        );
    }
}

fn checks_decide_prose_options() {
    use pyexam::bank::Verify;
    // The shown code is not run, only given as CODE: the setup runs it here.
    let mut q = choice_item(
        Some("values = sorted([3, 1, 2])\n"),
        &[("The list is sorted.", true), ("The list is reversed.", false)],
        Verify::Checks,
    );
    q.setup = Some("exec(CODE)\n".into());
    q.checks = vec!["values == [1, 2, 3]".into(), "values == [3, 2, 1]".into()];
    let verifier = Verifier::new().unwrap();
    assert_eq!(verifier.verify(&q), Verdict::Passed);
    q.checks.swap(0, 1);
    assert!(
        matches!(verifier.verify(&q), Verdict::Failed(ref why) if why.contains("options that pass their check: 2; keyed: 1")),
        "{:?}",
        verifier.verify(&q)
    );
}

fn lint_items_are_judged_by_the_tool() {
    use pyexam::bank::{Lint, LintKeyed, LintTool, Verify};
    let mut q = choice_item(None, &[("x = 1", true), ("x=1", false)], Verify::Lint);
    q.lint = Some(Lint {
        tool: LintTool::Pycodestyle,
        codes: vec!["E225".into()],
        keyed: LintKeyed::Clean,
        wrap: None,
    });
    let verifier = Verifier::new().unwrap();
    match verifier.verify(&q) {
        Verdict::Skipped(why) => assert!(why.contains("pycodestyle") && !verifier.strict, "{why}"),
        verdict => {
            assert_eq!(verdict, Verdict::Passed);
            q.lint.as_mut().unwrap().keyed = LintKeyed::Flagged;
            let flagged = verifier.verify(&q);
            assert!(
                matches!(flagged, Verdict::Failed(ref why) if why.contains("finds these options flagged: 2; keyed: 1 (reported: 2 E225)")),
                "{flagged:?}"
            );
        }
    }
}
