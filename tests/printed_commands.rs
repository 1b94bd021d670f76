//! Every command pyexam prints runs as printed (issue 26, item 2): for an exam of one's own
//! `--banks` folder it carries `--banks DIR` (and `--home DIR` when that was given), so run by a
//! shell it reaches the exam instead of failing with "unknown exam".

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use chrono::Utc;
use common::histories::*;

/// The objectives fixture bank copied to a folder whose name needs quoting in a shell.
fn banks_with_a_space() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("my banks");
    copy_dir(&objectives_dir(), &dir);
    (root, dir)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn pyexam(args: &[&std::ffi::OsStr]) -> Output {
    Command::cargo_bin("pyexam")
        .unwrap()
        .env_remove("PYEXAM_BANKS")
        .env_remove("PYEXAM_HOME")
        .args(args)
        .output()
        .unwrap()
}

/// `command` run by a shell as a user would paste it, `pyexam` found on PATH.
fn run_as_printed(command: &str) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("pyexam");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .args(["-c", command])
        .env("PATH", path)
        .env_remove("PYEXAM_BANKS")
        .env_remove("PYEXAM_HOME")
        .output()
        .unwrap()
}

/// Without a terminal the furthest a TUI command can go is asking for one: the exam, the
/// history and the seed were all found by then.
fn assert_reaches_the_terminal(command: &str) {
    let out = run_as_printed(command);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("needs an interactive terminal"),
        "`{command}` as printed should reach the terminal, said: {stderr}"
    );
}

#[test]
fn the_retake_of_an_exam_of_ones_own_runs_as_printed() {
    let (_root, dir) = banks_with_a_space();
    let home = home_with(&syntax_strong_loops_weak(&objective_banks(), 2, Utc::now()));
    let out = pyexam(&[
        "--banks".as_ref(),
        dir.as_os_str(),
        "--home".as_ref(),
        home.path().as_os_str(),
        "history".as_ref(),
        "--json".as_ref(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let retake = rows[0]["retake"].as_str().expect("a mock has a retake command");
    assert!(
        retake.starts_with(&format!("pyexam --banks '{}' --home ", dir.display())),
        "{retake}"
    );
    assert_reaches_the_terminal(retake);
}

#[test]
fn home_from_the_environment_is_not_repeated() {
    let (_root, dir) = banks_with_a_space();
    let home = home_with(&syntax_strong_loops_weak(&objective_banks(), 1, Utc::now()));
    let out = Command::cargo_bin("pyexam")
        .unwrap()
        .env_remove("PYEXAM_BANKS")
        .env("PYEXAM_HOME", home.path())
        .arg("--banks")
        .arg(&dir)
        .args(["history", "--json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let retake = rows[0]["retake"].as_str().unwrap();
    assert!(retake.starts_with("pyexam --banks '"), "{retake}");
    assert!(!retake.contains("--home"), "{retake}");
}

#[test]
fn progress_and_study_commands_run_as_printed() {
    let (_root, dir) = banks_with_a_space();
    let home = home_with(&syntax_strong_loops_weak(&objective_banks(), 2, Utc::now()));
    let global = [
        "--banks".as_ref(),
        dir.as_os_str(),
        "--home".as_ref(),
        home.path().as_os_str(),
    ];
    let progress = pyexam(&[&global[..], &["progress".as_ref(), "mini".as_ref()]].concat());
    let stdout = String::from_utf8_lossy(&progress.stdout);
    let drill = stdout
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("pyexam ") && l.contains(" drill mini --objective "))
        .unwrap_or_else(|| panic!("progress names a drill command: {stdout}"));
    assert_reaches_the_terminal(drill);
    let study = pyexam(
        &[
            &global[..],
            &["study".as_ref(), "mini".as_ref(), "--list".as_ref()],
        ]
        .concat(),
    );
    let stdout = String::from_utf8_lossy(&study.stdout);
    let command = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Study them: "))
        .unwrap_or_else(|| panic!("study --list names its command: {stdout}"));
    assert!(command.contains("--banks '"), "{command}");
    assert_reaches_the_terminal(command);
}

#[test]
fn with_no_builtin_the_advice_names_an_exam_that_exists() {
    let (_root, dir) = banks_with_a_space();
    let home = tempfile::tempdir().unwrap();
    let out = pyexam(&[
        "--banks".as_ref(),
        dir.as_os_str(),
        "--no-builtin".as_ref(),
        "--home".as_ref(),
        home.path().as_os_str(),
        "review".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let command = stderr
        .split('`')
        .nth(1)
        .unwrap_or_else(|| panic!("a command in backquotes: {stderr}"));
    assert!(
        command.contains(" --no-builtin ") && command.ends_with(" exam mini"),
        "{stderr}"
    );
    assert_reaches_the_terminal(command);
}
