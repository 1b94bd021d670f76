//! Nobody in: a home others could change is refused, files in it are never opened through a
//! link or as a FIFO or device, temporary files of killed writers are cleaned up, the history
//! index is checked against the files, and the journal keeps working on a nearly full disk.

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use chrono::{TimeZone, Utc};
use pyexam::bank::{self, BankSource};
use pyexam::session::{Attempt, Blueprint, Session};
use pyexam::store::{Store, StoreError};

fn session(seed: u64) -> Session {
    let banks = bank::load(&BankSource::Embedded).banks;
    let spec = banks.exam("pcep").unwrap().clone();
    let items = Blueprint::draw(&banks, &spec, &Default::default(), seed)
        .unwrap()
        .items;
    let t0 = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
    Session::new(&spec, items, seed, None, t0)
}

fn attempt(seed: u64) -> Attempt {
    let s = session(seed);
    let banks = bank::load(&BankSource::Embedded).banks;
    let spec = banks.exam("pcep").unwrap().clone();
    s.finish(&spec, s.started_at + chrono::Duration::minutes(20), false)
}

fn pyexam(home: &Path, args: &[&str]) -> (i32, String, String) {
    common::run_pyexam(home, None, args)
}

#[test]
fn a_home_others_can_write_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    fs::set_permissions(&home, fs::Permissions::from_mode(0o777)).unwrap();
    let err = Store::open(Some(home.clone())).unwrap_err();
    assert!(matches!(err, StoreError::Unsafe { .. }), "{err}");
    let (code, out, stderr) = pyexam(&home, &["history", "--json"]);
    assert_eq!(code, 1, "{out}{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("can be written by others (mode 777)"), "{stderr}");
    assert!(
        stderr.contains(&format!("chmod go-w {}", home.display())),
        "{stderr}"
    );
    // Fixed as told, it works.
    fs::set_permissions(&home, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(pyexam(&home, &["history", "--json"]).0, 0);
    // The attempts folder is held to the same rule.
    fs::create_dir(home.join("attempts")).unwrap();
    fs::set_permissions(home.join("attempts"), fs::Permissions::from_mode(0o775)).unwrap();
    assert!(matches!(Store::open(Some(home)), Err(StoreError::Unsafe { .. })));
}

#[test]
fn a_home_owned_by_another_user_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    let owned = Command::new("chown").arg("65534").arg(&home).status();
    if !owned.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot give a folder to another user here (needs root)");
        return;
    }
    let err = Store::open(Some(home)).unwrap_err().to_string();
    assert!(err.contains("is owned by uid 65534, not by you"), "{err}");
}

#[test]
fn a_symlinked_lock_or_index_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    symlink(&victim, home.join("exam-pcep.lock")).unwrap();
    let store = Store::open(Some(home.clone())).unwrap();
    let err = store.claim_journal("pcep").unwrap_err().to_string();
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

    fs::remove_file(home.join("exam-pcep.lock")).unwrap();
    symlink(&victim, home.join("index.jsonl")).unwrap();
    store.save_attempt(&attempt(1)).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    // History still reads (the index is a cache), and the link is replaced, not followed.
    assert_eq!(store.load_history().0.len(), 1);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn a_fifo_or_a_device_as_journal_neither_hangs_nor_eats_memory() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    let fifo = home.join("exam-pcep.jsonl");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let store = Store::open(Some(home.clone())).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(store.load_journal("pcep").map(|_| ()).map_err(|e| e.to_string()));
    });
    let result = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("reading a FIFO as the journal must not hang");
    assert!(result.unwrap_err().contains("not a regular file"));
    fs::remove_file(&fifo).unwrap();
    symlink("/dev/zero", &fifo).unwrap();
    let store = Store::open(Some(home)).unwrap();
    let err = store.load_journal("pcep").unwrap_err().to_string();
    assert!(err.contains("symbolic link"), "{err}");
}

#[test]
fn temporary_files_of_killed_writers_are_cleaned_but_fresh_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    fs::create_dir_all(home.join("attempts")).unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for path in [home.join(".saving-old1"), home.join("attempts/.saving-old2")] {
        fs::write(&path, "half a snapshot").unwrap();
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    fs::write(home.join("attempts/.saving-fresh"), "being written now").unwrap();
    let store = Store::open(Some(home.clone())).unwrap();
    store.claim_journal("pcep").unwrap();
    assert!(!home.join(".saving-old1").exists());
    assert!(!home.join("attempts/.saving-old2").exists());
    assert!(home.join("attempts/.saving-fresh").exists());
}

#[test]
fn an_edited_or_stale_index_entry_is_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().to_path_buf())).unwrap();
    let a = attempt(2);
    let path = store.save_attempt(&a).unwrap();
    let real = a.report.percent;
    assert_eq!(store.load_history().0[0].summary.report.percent, real);
    // Someone edits the score in the index: history reads the file instead.
    let index = dir.path().join("index.jsonl");
    let text = fs::read_to_string(&index).unwrap();
    let edited = text.replace(&format!("\"percent\":{real}"), "\"percent\":99.5");
    assert_ne!(text, edited, "the index holds the percent");
    fs::write(&index, edited).unwrap();
    assert_eq!(store.load_history().0[0].summary.report.percent, real);
    // The attempt file is replaced under the same name: its new content counts.
    let mut other = a.clone();
    other.report.percent = 12.25;
    fs::write(&path, serde_json::to_vec_pretty(&other).unwrap()).unwrap();
    assert_eq!(store.load_history().0[0].summary.report.percent, 12.25);
}

/// A 256 KiB tmpfs as home, nearly full: past the compaction point the journal cannot be
/// rewritten, but records still fit, so every change is kept. Needs root (to mount).
#[test]
fn on_a_nearly_full_disk_the_journal_keeps_appending_when_compaction_cannot_run() {
    let Some(disk) = common::tmpfs::Tmpfs::mount("256k") else {
        return;
    };
    let home = disk.path().join("home");
    let store = Store::open(Some(home.clone())).unwrap();
    let mut s = session(5);
    store.save_journal(&s).unwrap();
    let snapshot = fs::metadata(home.join("exam-pcep.jsonl")).unwrap().len();
    // Fill the disk, then free less than a snapshot but room for the records.
    let filler = disk.fill();
    let len = fs::metadata(&filler).unwrap().len();
    fs::File::options()
        .write(true)
        .open(&filler)
        .unwrap()
        .set_len(len - 24 * 1024)
        .unwrap();
    assert!(
        snapshot > 24 * 1024,
        "the test needs a snapshot larger than the room left"
    );
    for i in 0..450 {
        s.go_to(i % s.items.len());
        store
            .save_journal(&s)
            .unwrap_or_else(|e| panic!("change {i}: {e}"));
    }
    assert_eq!(store.load_journal("pcep").unwrap(), Some(s));
}
