//! The append-only journal: every change is one short record after the snapshot, replay gives
//! back exactly the session that was saved, a record cut short by a kill is the only thing lost,
//! old (version 1) journals still resume, and one process at a time writes it.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use pyexam::bank::{self, BankSet, BankSource, Kind};
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

/// `session(seed)` moved on to its first choice item (a draw may open with an order, slots or
/// gap item, where choosing an option changes nothing).
fn choice_session(seed: u64) -> Session {
    let mut s = session(seed);
    while s.item().kind != Kind::Choice {
        s.next();
    }
    s
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().join("home"))).unwrap();
    (dir, store)
}

fn lines(store: &Store) -> Vec<String> {
    fs::read_to_string(store.journal_path("pcep"))
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
    let snapshot = fs::metadata(store.journal_path("pcep")).unwrap().len();
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
    assert_eq!(store.load_journal("pcep").unwrap(), Some(s.clone()));
    // A fresh process (a new Store) replays the same.
    let again = Store::open(Some(store.home().to_path_buf())).unwrap();
    assert_eq!(again.load_journal("pcep").unwrap(), Some(s));
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
    let bytes = fs::read(store.journal_path("pcep")).unwrap();
    // Every cut inside the last record leaves the session as it was before it.
    let last_start = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    for cut in last_start..bytes.len() {
        fs::write(store.journal_path("pcep"), &bytes[..cut]).unwrap();
        assert_eq!(
            store.load_journal("pcep").unwrap(),
            Some(before_last.clone()),
            "cut at {cut} of {}",
            bytes.len()
        );
    }
}

#[test]
fn a_damaged_record_resumes_from_the_intact_records_before_it_and_counts_the_loss() {
    let (_dir, store) = store();
    let mut s = choice_session(3);
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
    fs::write(store.journal_path("pcep"), damaged.join("\n") + "\n").unwrap();
    let (resumed, dropped) = store.load_journal_counting_losses("pcep").unwrap().unwrap();
    assert_eq!(dropped, 2);
    assert_eq!(resumed.answers, before_damage.answers);
    assert_eq!(resumed.current, before_damage.current);
    // A record that parses but cannot apply (an index out of range) is damage too.
    let mut damaged = original;
    damaged[2] = "{\"answers\":{\"at\":{\"999\":null}}}".into();
    fs::write(store.journal_path("pcep"), damaged.join("\n") + "\n").unwrap();
    assert_eq!(store.load_journal_counting_losses("pcep").unwrap().unwrap().1, 2);
    // The header itself damaged: nothing to resume from, reported by name.
    fs::write(store.journal_path("pcep"), "{garbage\n").unwrap();
    let err = store.load_journal("pcep").unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn after_a_damaged_record_the_next_save_starts_a_fresh_journal() {
    let (_dir, store) = store();
    let mut s = choice_session(3);
    store.save_journal(&s).unwrap();
    s.choose(0);
    store.save_journal(&s).unwrap();
    s.next();
    store.save_journal(&s).unwrap();
    let mut lines = lines(&store);
    lines[2] = "garbage".into();
    fs::write(store.journal_path("pcep"), lines.join("\n") + "\n").unwrap();
    // Another process (a new Store) resumes it and saves a change: it must not land after
    // the damaged line, where replay would never reach it.
    let other = pyexam::store::Store::open(Some(store.home().to_path_buf())).unwrap();
    drop(store);
    let (mut resumed, dropped) = other.load_journal_counting_losses("pcep").unwrap().unwrap();
    assert_eq!(dropped, 1);
    resumed.toggle_flag();
    other.save_journal(&resumed).unwrap();
    assert_eq!(
        other.load_journal_counting_losses("pcep").unwrap().unwrap(),
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
    assert_eq!(store.load_journal("pcep").unwrap(), Some(s));
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
    assert_eq!(store.load_journal("pcep").unwrap(), Some(s.clone()));
    s.next();
    store.save_journal(&s).unwrap();
    assert!(!legacy.exists(), "the old file is not offered again");
    assert_eq!(store.load_journal("pcep").unwrap(), Some(s));
}

#[test]
fn a_second_writer_is_refused_naming_the_first_and_the_journal_is_untouched() {
    let (_dir, first) = store();
    let mut s = session(6);
    first.save_journal(&s).unwrap();
    s.choose(0);
    first.save_journal(&s).unwrap();
    let saved = fs::read(first.journal_path("pcep")).unwrap();

    let second = Store::open(Some(first.home().to_path_buf())).unwrap();
    let err = second.save_journal(&session(7)).unwrap_err();
    let shown = err.to_string();
    assert!(matches!(err, StoreError::Busy { .. }), "{shown}");
    assert!(shown.contains(&format!("pid {}", std::process::id())), "{shown}");
    assert_eq!(fs::read(first.journal_path("pcep")).unwrap(), saved);
    // Readers are never blocked.
    assert_eq!(second.load_journal("pcep").unwrap(), Some(s));
    // Once the first is done, the second may write.
    first.clear_journal("pcep").unwrap();
    first.release_journal("pcep");
    second.save_journal(&session(7)).unwrap();
}

#[test]
fn everything_in_the_home_is_private() {
    let (_dir, store) = store();
    store.save_journal(&session(8)).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&store.journal_path("pcep")), 0o600);
    assert_eq!(mode(&store.home().join("exam-pcep.lock")), 0o600);
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
    let kept = store.set_journal_aside("pcep").unwrap();
    assert_eq!(store.load_journal("pcep").unwrap(), None);
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
    store.clear_journal("pcep").unwrap();
    assert_eq!(store.restore_journal(&listed[0].file).unwrap(), s);
    assert_eq!(store.load_journal("pcep").unwrap(), Some(s));
    assert!(store.set_aside_journals().is_empty());
}

fn pcap_session(seed: u64) -> Session {
    let pcap = banks().exam("pcap").unwrap();
    let items = Blueprint::draw(banks(), pcap, &Default::default(), seed)
        .unwrap()
        .items;
    Session::new(pcap, items, seed, None, t0())
}

#[test]
fn each_exam_keeps_its_own_saved_attempt() {
    let (_dir, store) = store();
    let mut pcep = session(11);
    pcep.choose(1);
    let mut pcap = pcap_session(12);
    pcap.choose(0);
    pcap.next();
    store.save_journal(&pcep).unwrap();
    store.save_journal(&pcap).unwrap();
    assert!(store.journal_path("pcep").ends_with("exam-pcep.jsonl"));
    assert!(store.journal_path("pcap").ends_with("exam-pcap.jsonl"));
    let again = Store::open(Some(store.home().to_path_buf())).unwrap();
    let found = again.saved_exams();
    assert!(found.unreadable.is_empty(), "{:?}", found.unreadable);
    let saved: Vec<&Session> = found.saved.iter().map(|(s, _)| s).collect();
    assert_eq!(saved, [&pcap, &pcep], "both, in exam id order");
    // Submitting one leaves the other saved.
    store.clear_journal("pcap").unwrap();
    store.release_journal("pcap");
    assert_eq!(store.load_journal("pcap").unwrap(), None);
    assert_eq!(store.load_journal("pcep").unwrap(), Some(pcep));
}

#[test]
fn each_exam_has_its_own_writer_lock() {
    let (_dir, first) = store();
    first.save_journal(&session(13)).unwrap();
    let second = Store::open(Some(first.home().to_path_buf())).unwrap();
    // Another exam is free; the same exam is not.
    second.save_journal(&pcap_session(14)).unwrap();
    let err = second.save_journal(&session(15)).unwrap_err().to_string();
    assert!(
        err.contains("the saved pcep exam is open in another pyexam"),
        "{err}"
    );
}

#[test]
fn a_pre_per_exam_journal_moves_to_its_exams_name_once() {
    let (_dir, store) = store();
    let mut s = session(16);
    s.choose(2);
    store.save_journal(&s).unwrap();
    store.release_journal("pcep");
    let home = store.home().to_path_buf();
    drop(store);
    // What pyexam before per-exam journals left: `journal.jsonl`.
    fs::rename(home.join("exam-pcep.jsonl"), home.join("journal.jsonl")).unwrap();
    let store = Store::open(Some(home.clone())).unwrap();
    let found = store.saved_exams();
    assert_eq!(found.saved.len(), 1);
    assert_eq!(found.saved[0].0, s);
    assert!(home.join("exam-pcep.jsonl").exists());
    assert!(!home.join("journal.jsonl").exists() && !home.join("journal.lock").exists());
}

#[test]
fn a_pre_per_exam_journal_of_an_exam_that_has_one_is_set_aside_not_lost() {
    let (_dir, store) = store();
    let old = session(17);
    store.save_journal(&old).unwrap();
    store.release_journal("pcep");
    let home = store.home().to_path_buf();
    drop(store);
    fs::rename(home.join("exam-pcep.jsonl"), home.join("journal.jsonl")).unwrap();
    let newer = session(18);
    // A newer pyexam saved another PCEP exam without reading the old file (say, with --home
    // pointed elsewhere first): write its journal beside the old one without migrating.
    let store = Store::open(Some(home.clone())).unwrap();
    fs::rename(home.join("journal.jsonl"), home.join("hidden")).unwrap();
    store.save_journal(&newer).unwrap();
    fs::rename(home.join("hidden"), home.join("journal.jsonl")).unwrap();
    let found = store.saved_exams();
    assert_eq!(found.saved.len(), 1);
    assert_eq!(found.saved[0].0, newer, "the newer journal stays the saved one");
    let kept = store.set_aside_journals();
    assert_eq!(kept.len(), 1, "the old one is offered to restore");
    assert_eq!(kept[0].exam, "pcep");
    assert!(!home.join("journal.jsonl").exists());
}

#[test]
fn an_exam_id_that_is_not_a_plain_name_gets_a_hashed_journal_inside_the_home() {
    let (_dir, store) = store();
    let path = store.journal_path("../Py 101");
    assert_eq!(path.parent(), Some(store.home()));
    assert!(path.file_name().unwrap().to_string_lossy().starts_with("exam-x"));
}
