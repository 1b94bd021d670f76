//! The exams of your own under docs/examples/: each folder loads cleanly on its own, lists
//! beside the built-in exams with `--banks`, and its mock and drill start.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{mono, t0};
use pyexam::bank::{self, BankSource};
use pyexam::tui::app::{App, Screen};

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_example_loads_without_a_problem() {
    let dirs = examples();
    assert!(!dirs.is_empty());
    for dir in dirs {
        let loaded = bank::load(&BankSource::Dir(dir.clone()));
        assert_eq!(loaded.problems, [], "{}", dir.display());
        assert_eq!(loaded.warnings, [], "{}", dir.display());
        assert!(!loaded.banks.exams.is_empty());
    }
}

#[test]
fn the_git_example_lists_beside_the_built_in_exams() {
    let out = Command::cargo_bin("pyexam")
        .unwrap()
        .args(["--banks", "docs/examples/git-basics", "list"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let exams: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split("  ").next())
        .collect();
    assert_eq!(
        exams,
        [
            "git (GIT-101)",
            "pcep (PCEP-30-02)",
            "pcap (PCAP-31-03)",
            "pcpp1 (PCPP-32-101)",
            "pcpp2 (PCPP-32-201)",
        ]
    );
    assert!(text.starts_with("git (GIT-101)  Git Basics Quiz\n  5 items, 8 minutes, pass at 70%\n"));
}

#[test]
fn a_folder_exam_of_a_built_in_id_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/git-basics");
    let exams = std::fs::read_to_string(example.join("exams.yaml")).unwrap();
    std::fs::write(
        dir.path().join("exams.yaml"),
        exams.replace("id: git", "id: pcep"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("pcep")).unwrap();
    for topic in ["basics", "branching"] {
        let text = std::fs::read_to_string(example.join(format!("git/{topic}.yaml"))).unwrap();
        let text = text
            .replace("exam: git", "exam: pcep")
            .replace("id: git-", "id: pcep-");
        std::fs::write(dir.path().join(format!("pcep/{topic}.yaml")), text).unwrap();
    }
    let loaded = bank::load(&BankSource::Added(dir.path().to_path_buf()));
    assert_eq!(loaded.problems, []);
    assert_eq!(loaded.banks.exam_ids(), ["pcep", "pcap", "pcpp1", "pcpp2"]);
    assert_eq!(loaded.banks.exam("pcep").unwrap().code, "GIT-101");
    let pcep_topics: std::collections::BTreeSet<&str> = loaded
        .banks
        .questions
        .iter()
        .filter(|q| q.exam == "pcep")
        .map(|q| q.topic.as_str())
        .collect();
    assert_eq!(pcep_topics, ["basics", "branching"].into());
}

#[test]
fn the_git_example_runs_a_mock_and_a_drill() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/git-basics");
    let loaded = bank::load(&BankSource::Added(dir));
    assert_eq!(loaded.problems, []);
    let mut app = App::new(loaded.banks, Vec::new(), None, mono(), 1, t0());
    app.start_mock("git", 5, None, t0()).unwrap();
    let Screen::Exam(exam) = &app.screen else {
        panic!("a mock starts")
    };
    assert_eq!(exam.session.items.len(), 5);
    app.start_drill("git", Some("branching"), None, false, 5, t0())
        .unwrap();
    assert!(matches!(app.screen, Screen::Drill(_)));
}

#[test]
fn no_builtin_shows_the_folder_alone_and_needs_one() {
    let run = |args: &[&str]| {
        Command::cargo_bin("pyexam")
            .unwrap()
            .env_remove("PYEXAM_BANKS")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let alone = run(&["--banks", "docs/examples/git-basics", "--no-builtin", "list"]);
    let text = String::from_utf8_lossy(&alone.stdout);
    assert!(
        text.starts_with("git (GIT-101)") && !text.contains("pcep"),
        "{text}"
    );
    let bad = run(&["--no-builtin", "list"]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim(),
        "pyexam: --no-builtin leaves out the built-in exams, so it needs --banks DIR (or PYEXAM_BANKS)"
    );
}
