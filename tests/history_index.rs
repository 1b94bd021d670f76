//! The history index (`index.jsonl`) is a cache of the attempt files: the files stay the source
//! of truth. Whatever happens to the index — deleted, damaged, stale, from another version —
//! history is the same as reading every file.

mod common;

use std::fs;
use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use pyexam::bank::{self, BankSource};
use pyexam::session::{Attempt, Blueprint, Session};
use pyexam::store::{Store, Stored};

fn attempt(i: usize) -> Attempt {
    let banks = bank::load(&BankSource::Embedded).banks;
    let spec = banks.exam("pcep").unwrap().clone();
    let items = Blueprint::draw(&banks, &spec, &Default::default(), i as u64)
        .unwrap()
        .items;
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + Duration::hours(i as i64);
    let mut s = Session::new(&spec, items, i as u64, None, start);
    for k in 0..s.items.len() {
        s.go_to(k);
        s.choose((k + i) % 3);
    }
    s.finish(&spec, start + Duration::minutes(35), false)
}

/// A home with `n` saved attempts, and its history read once (which writes the index).
fn home(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().to_path_buf())).unwrap();
    for i in 0..n {
        store.save_attempt(&attempt(i)).unwrap();
    }
    let (_, problems) = store.load_history();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(index(dir.path()).exists(), "the first read writes the index");
    (dir, store)
}

fn index(home: &Path) -> std::path::PathBuf {
    home.join("index.jsonl")
}

/// History as the files alone give it: no index at all.
fn from_files(store: &Store, home: &Path) -> Vec<Stored> {
    let _ = fs::remove_file(index(home));
    store.load_history().0
}

fn same(a: &[Stored], b: &[Stored]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert_eq!((&x.name, x.number), (&y.name, y.number));
        assert_eq!(x.summary, y.summary, "{}", x.name);
    }
}

#[test]
fn history_through_the_index_is_history_from_the_files() {
    let (dir, store) = home(4);
    let warm = store.load_history().0;
    same(&warm, &from_files(&store, dir.path()));
    assert_eq!(warm.len(), 4);
}

#[test]
fn a_damaged_or_foreign_index_is_rebuilt_from_the_files() {
    let (dir, store) = home(3);
    let truth = store.load_history().0;
    for damage in [
        "garbage\n".to_string(),
        String::new(),
        "{\"index_version\":999}\n".to_string(),
        // A line cut short by a crash in the middle of a write.
        fs::read_to_string(index(dir.path())).unwrap()[..200].to_string(),
    ] {
        fs::write(index(dir.path()), &damage).unwrap();
        let (again, problems) = store.load_history();
        assert!(problems.is_empty(), "{problems:?}");
        same(&again, &truth);
        // ... and the index is whole again.
        same(&store.load_history().0, &truth);
        assert!(fs::read_to_string(index(dir.path())).unwrap().lines().count() == 4);
    }
}

#[test]
fn files_added_or_removed_behind_the_index_are_seen() {
    let (dir, store) = home(3);
    // A file the index does not know (saved by an older pyexam, or copied in).
    let extra = attempt(7);
    let name = format!("{}-pcep-mock.json", extra.finished_at.format("%Y%m%d-%H%M%S"));
    fs::write(
        dir.path().join("attempts").join(&name),
        serde_json::to_vec(&extra).unwrap(),
    )
    .unwrap();
    let history = store.load_history().0;
    assert_eq!(history.len(), 4);
    assert!(history.iter().any(|s| format!("{}.json", s.name) == name));
    // A file deleted by hand leaves history; the numbers of the others follow the files.
    let first = format!("{}.json", history[0].name);
    fs::remove_file(dir.path().join("attempts").join(first)).unwrap();
    let history = store.load_history().0;
    assert_eq!(history.len(), 3);
    same(&history, &from_files(&store, dir.path()));
}

#[test]
fn an_unreadable_attempt_is_reported_every_time_and_keeps_its_number() {
    let (dir, store) = home(2);
    let broken = dir.path().join("attempts").join("20260101-000000-pcep-mock.json");
    fs::write(&broken, "{ not json").unwrap();
    for _ in 0..2 {
        let (history, problems) = store.load_history();
        assert_eq!(problems.len(), 1, "reported on every start, not cached away");
        assert_eq!(history.len(), 2);
        // The broken file sorts first: the readable ones keep numbers 2 and 3.
        assert_eq!(history.iter().map(|s| s.number).collect::<Vec<_>>(), [2, 3]);
    }
    assert_eq!(
        fs::read_to_string(&broken).unwrap(),
        "{ not json",
        "left as it was"
    );
}

/// Issue 26, item 17: an attempt file damaged after the index knew it is not served from the
/// cache: `history --json`, `progress` and `study --list` each warn once naming it, the others
/// keep their numbers, and `review` of its number says that file cannot be read.
#[test]
fn a_file_damaged_after_indexing_warns_once_everywhere_and_numbers_hold() {
    use common::histories::*;
    let home = home_with(&syntax_strong_loops_weak(
        &objective_banks(),
        3,
        chrono::Utc::now(),
    ));
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("pyexam")
            .unwrap()
            .env_remove("PYEXAM_BANKS")
            .env_remove("PYEXAM_HOME")
            .arg("--banks")
            .arg(objectives_dir())
            .arg("--home")
            .arg(home.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (_, json, _) = run(&["history", "--json"]);
    assert!(home.path().join("index.jsonl").exists(), "the index is written");
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let second = rows[1]["file"].as_str().unwrap().to_string();
    let path = home.path().join("attempts").join(format!("{second}.json"));
    let len = fs::metadata(&path).unwrap().len() as usize;
    fs::write(&path, "x".repeat(len)).unwrap();
    for args in [
        &["history", "--json"][..],
        &["progress", "mini"][..],
        &["study", "mini", "--list"][..],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        let warnings: Vec<&str> = err.lines().filter(|l| l.contains(&second)).collect();
        assert_eq!(warnings.len(), 1, "{args:?} warns once: {err}");
        assert!(warnings[0].starts_with("pyexam: warning: "), "{err}");
        if args[0] == "history" {
            let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
            let numbers: Vec<u64> = rows
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["number"].as_u64().unwrap())
                .collect();
            assert_eq!(numbers, [1, 3], "the others keep their numbers");
        }
    }
    let (code, _, err) = run(&["review", "2"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.lines().last().unwrap().contains(&second),
        "names the file: {err}"
    );
}

#[test]
fn an_index_in_any_order_gives_the_same_history() {
    let (dir, store) = home(4);
    let truth = store.load_history().0;
    let text = fs::read_to_string(index(dir.path())).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    fs::write(index(dir.path()), lines.join("\n") + "\n").unwrap();
    same(&store.load_history().0, &truth);
    let mut streamed = Vec::new();
    assert!(store.each_attempt(|s| streamed.push(s)).is_empty());
    same(&streamed, &truth);
}

#[test]
fn an_edited_entry_is_read_from_its_file_and_mended_by_a_later_line() {
    let (dir, store) = home(3);
    let truth = store.load_history().0;
    let text = fs::read_to_string(index(dir.path())).unwrap();
    let edited = text.replacen("\"percent\":", "\"percent\":1", 1);
    assert_ne!(edited, text);
    fs::write(index(dir.path()), &edited).unwrap();
    same(&store.load_history().0, &truth);
    let mended = fs::read_to_string(index(dir.path())).unwrap();
    assert_eq!(
        mended.lines().count(),
        5,
        "one line appended for the edited entry"
    );
    same(&store.load_history().0, &truth);
}
