//! The append-only journal: every change is one short record after the snapshot, replay gives
//! back exactly the session that was saved, a record cut short by a kill is the only thing lost,
//! old (version 1) journals still resume, and one process at a time writes it.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use pyexam::bank::{self, BankSet, BankSource};
use pyexam::exam::ExamSpec;
use pyexam::session::{Blueprint, Session};
use pyexam::store::{Store, StoreError};

fn banks() -> &'static BankSet {
    static BANKS: OnceLock<BankSet> = OnceLock::new();
    BANKS.get_or_init(|| bank::load(&BankSource::Embedded).banks)
}

fn pcep() -> &'static ExamSpec {
    banks().exam("pcep").unwrap()
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap()
}

/// A pcep mock drawn with `seed`. Tests that choose options use a seed whose first items are
/// choice items (14), since a tokens or match item has no options to choose.
fn session(seed: u64) -> Session {
    let items = Blueprint::draw(banks(), pcep(), &Default::default(), seed)
        .unwrap()
        .items;
    Session::new(pcep(), items, seed, None, t0())
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().join("home"))).unwrap();
    (dir, store)
}

fn lines(store: &Store) -> Vec<String> {
    fs::read_to_string(store.journal_path())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn each_change_appends_one_short_record_and_replay_gives_the_session_back() {
    let (_dir, store) = store();
    let mut s = session(1);
    store.save_journal(&s).unwrap();
    let snapshot = fs::metadata(store.journal_path()).unwrap().len();
    s.choose(1);
    store.save_journal(&s).unwrap();
    s.toggle_flag();
    store.save_journal(&s).unwrap();
    s.next();
    store.save_journal(&s).unwrap();
    s.checkpoint(t0() + Duration::seconds(42));
    store.save_journal(&s).unwrap();
    // Saving an unchanged session writes nothing.
    store.save_journal(&s).unwrap();
    let lines = lines(&store);
    assert_eq!(lines.len(), 5, "{lines:#?}");
    for record in &lines[1..] {
        assert!(record.len() < 200, "a record is short: {record}");
    }
    assert!(snapshot > 5_000, "the snapshot holds the items");
    assert_eq!(store.load_journal().unwrap(), Some(s.clone()));
    // A fresh process (a new Store) replays the same.
    let again = Store::open(Some(store.home().to_path_buf())).unwrap();
    assert_eq!(again.load_journal().unwrap(), Some(s));
}

#[test]
fn a_record_cut_short_by_a_kill_loses_only_that_keystroke() {
    let (_dir, store) = store();
    let mut s = session(2);
    store.save_journal(&s).unwrap();
    s.choose(0);
    store.save_journal(&s).unwrap();
    let before_last = s.clone();
    s.next();
    s.choose(2);
    store.save_journal(&s).unwrap();
    let bytes = fs::read(store.journal_path()).unwrap();
    // Every cut inside the last record leaves the session as it was before it.
    let last_start = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    for cut in last_start..bytes.len() {
        fs::write(store.journal_path(), &bytes[..cut]).unwrap();
        assert_eq!(
            store.load_journal().unwrap(),
            Some(before_last.clone()),
            "cut at {cut} of {}",
            bytes.len()
        );
    }
}

#[test]
fn a_damaged_record_resumes_from_the_intact_records_before_it_and_counts_the_loss() {
    let (_dir, store) = store();
    let mut s = session(14);
    store.save_journal(&s).unwrap();
    s.choose(0);
    store.save_journal(&s).unwrap();
    let before_damage = s.clone();
    s.next();
    store.save_journal(&s).unwrap();
    s.toggle_flag();
    store.save_journal(&s).unwrap();
    // One bad byte in the second record: the first record's answer survives, the two
    // changes from the damaged one on are dropped and counted.
    let original = lines(&store);
    let mut damaged = original.clone();
    damaged[2] = damaged[2].replacen('{', "#", 1);
    fs::write(store.journal_path(), damaged.join("\n") + "\n").unwrap();
    let (resumed, dropped) = store.load_journal_counting_losses().unwrap().unwrap();
    assert_eq!(dropped, 2);
    assert_eq!(resumed.answers, before_damage.answers);
    assert_eq!(resumed.current, before_damage.current);
    // A record that parses but cannot apply (an index out of range) is damage too.
    let mut damaged = original;
    damaged[2] = "{\"answers\":{\"at\":{\"999\":null}}}".into();
    fs::write(store.journal_path(), damaged.join("\n") + "\n").unwrap();
    assert_eq!(store.load_journal_counting_losses().unwrap().unwrap().1, 2);
    // The header itself damaged: nothing to resume from, reported by name.
    fs::write(store.journal_path(), "{garbage\n").unwrap();
    let err = store.load_journal().unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn after_a_damaged_record_the_next_save_starts_a_fresh_journal() {
    let (_dir, store) = store();
    let mut s = session(14);
    store.save_journal(&s).unwrap();
    s.choose(0);
    store.save_journal(&s).unwrap();
    s.next();
    store.save_journal(&s).unwrap();
    let mut lines = lines(&store);
    lines[2] = "garbage".into();
    fs::write(store.journal_path(), lines.join("\n") + "\n").unwrap();
    // Another process (a new Store) resumes it and saves a change: it must not land after
    // the damaged line, where replay would never reach it.
    let other = pyexam::store::Store::open(Some(store.home().to_path_buf())).unwrap();
    drop(store);
    let (mut resumed, dropped) = other.load_journal_counting_losses().unwrap().unwrap();
    assert_eq!(dropped, 1);
    resumed.toggle_flag();
    other.save_journal(&resumed).unwrap();
    assert_eq!(
        other.load_journal_counting_losses().unwrap().unwrap(),
        (resumed, 0)
    );
}

#[test]
fn a_long_exam_compacts_its_journal_and_loses_nothing() {
    let (_dir, store) = store();
    let mut s = session(4);
    store.save_journal(&s).unwrap();
    for i in 0..1_000 {
        s.go_to(i % s.items.len());
        store.save_journal(&s).unwrap();
    }
    assert!(
        lines(&store).len() < 450,
        "compacted: {} lines",
        lines(&store).len()
    );
    assert_eq!(store.load_journal().unwrap(), Some(s));
}

#[test]
fn a_version_1_journal_resumes_and_the_next_save_replaces_it() {
    let (_dir, store) = store();
    let mut s = session(5);
    s.choose(1);
    let legacy = store.home().join("journal.json");
    fs::create_dir_all(store.home()).unwrap();
    let v1 = serde_json::json!({ "version": 1, "session": s });
    fs::write(&legacy, v1.to_string()).unwrap();
    assert_eq!(store.load_journal().unwrap(), Some(s.clone()));
    s.next();
    store.save_journal(&s).unwrap();
    assert!(!legacy.exists(), "the old file is not offered again");
    assert_eq!(store.load_journal().unwrap(), Some(s));
}

#[test]
fn a_second_writer_is_refused_naming_the_first_and_the_journal_is_untouched() {
    let (_dir, first) = store();
    let mut s = session(6);
    first.save_journal(&s).unwrap();
    s.choose(0);
    first.save_journal(&s).unwrap();
    let saved = fs::read(first.journal_path()).unwrap();

    let second = Store::open(Some(first.home().to_path_buf())).unwrap();
    let err = second.save_journal(&session(7)).unwrap_err();
    let shown = err.to_string();
    assert!(matches!(err, StoreError::Busy { .. }), "{shown}");
    assert!(shown.contains(&format!("pid {}", std::process::id())), "{shown}");
    assert_eq!(fs::read(first.journal_path()).unwrap(), saved);
    // Readers are never blocked.
    assert_eq!(second.load_journal().unwrap(), Some(s));
    // Once the first is done, the second may write.
    first.clear_journal().unwrap();
    first.release_journal();
    second.save_journal(&session(7)).unwrap();
}

#[test]
fn everything_in_the_home_is_private() {
    let (_dir, store) = store();
    store.save_journal(&session(8)).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&store.journal_path()), 0o600);
    assert_eq!(mode(&store.home().join("journal.lock")), 0o600);
    assert_eq!(mode(store.home()), 0o700);
    store.check_writable().unwrap();
    assert_eq!(mode(&store.home().join("attempts")), 0o700);
}

#[test]
fn an_unwritable_home_is_refused_up_front_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    fs::write(&file, "").unwrap();
    let store = Store::open(Some(file.join("home"))).unwrap();
    let err = store.check_writable().unwrap_err();
    let shown = err.to_string();
    assert!(matches!(err, StoreError::Unwritable { .. }), "{shown}");
    assert!(shown.contains("PYEXAM_HOME") && !shown.contains('\n'), "{shown}");
}

#[test]
fn a_set_aside_exam_is_listed_and_can_be_restored_while_none_is_saved() {
    let (_dir, store) = store();
    let mut s = session(9);
    s.choose(1);
    store.save_journal(&s).unwrap();
    let kept = store.set_journal_aside().unwrap();
    assert_eq!(store.load_journal().unwrap(), None);
    let listed = store.set_aside_journals();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(
        (
            listed[0].code.as_str(),
            listed[0].tally.answered,
            listed[0].tally.total()
        ),
        ("PCEP-30-02", 1, 30)
    );
    assert_eq!(
        listed[0].file,
        kept.file_name().unwrap().to_string_lossy().to_string()
    );
    // Not while another exam is saved: that one would be lost from view.
    store.save_journal(&session(10)).unwrap();
    assert!(store.restore_journal(&listed[0].file).is_err());
    assert!(kept.exists(), "a refused restore leaves the file where it was");
    store.clear_journal().unwrap();
    assert_eq!(store.restore_journal(&listed[0].file).unwrap(), s);
    assert_eq!(store.load_journal().unwrap(), Some(s));
    assert!(store.set_aside_journals().is_empty());
}
