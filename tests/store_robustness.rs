//! History survives bad files: attempts round-trip, a corrupt or newer file is reported by name and
//! left as it is while the rest still loads, a bad journal is refused and kept, a home that cannot
//! be written is an error, and no save overwrites another attempt.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier, OnceLock};
use std::thread;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use pyexam::bank::{self, BankSet, BankSource};
use pyexam::exam::ExamSpec;
use pyexam::session::{Attempt, Blueprint, Session};
use pyexam::store::{Store, StoreError};
use serde_json::Value;

fn banks() -> &'static BankSet {
    static BANKS: OnceLock<BankSet> = OnceLock::new();
    BANKS.get_or_init(|| bank::load(&BankSource::Embedded).banks)
}

fn pcep() -> &'static ExamSpec {
    banks().exam("pcep").expect("the embedded banks have pcep")
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 14, 9, 26, 53).unwrap() + Duration::nanoseconds(123_456_789)
}

/// A fresh pcep mock drawn with `seed`, started at `t0`.
fn session(seed: u64) -> Session {
    let blueprint = Blueprint::draw(banks(), pcep(), &Default::default(), seed).unwrap();
    Session::new(pcep(), blueprint.items, seed, None, t0())
}

/// A finished mock: every third item answered with its first option, every fifth flagged.
fn attempt(seed: u64, finished_after: i64) -> Attempt {
    let mut s = session(seed);
    for i in 0..s.items.len() {
        s.go_to(i);
        if i % 3 == 0 {
            s.choose(0);
        }
        if i % 5 == 0 {
            s.toggle_flag();
        }
    }
    s.finish(pcep(), t0() + Duration::seconds(finished_after), false)
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(dir.path().join("home"))).unwrap();
    (dir, store)
}

fn attempt_files(store: &Store) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(store.home().join("attempts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The error names the file, so the user knows which one to look at.
fn assert_names(err: &StoreError, path: &Path) {
    let shown = err.to_string();
    assert!(
        shown.contains(&*path.display().to_string()),
        "'{shown}' does not name {}",
        path.display()
    );
}

#[test]
fn an_attempt_round_trips() {
    let (_dir, store) = store();
    let original = attempt(7, 1500);
    let path = store.save_attempt(&original).unwrap();
    let (stored, problems) = store.load_history();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(stored.len(), 1);
    assert_eq!(store.load_attempt(&stored[0].name).unwrap(), original);
    assert_eq!(stored[0].summary, pyexam::session::Summary::of(&original));
    assert_eq!(
        Some(stored[0].name.as_str()),
        path.file_stem().and_then(|s| s.to_str())
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_finished_mock_round_trips(
        seed in any::<u64>(),
        picks in prop::collection::vec((any::<Index>(), 0..6usize), 0..40),
        flags in prop::collection::vec(any::<Index>(), 0..10),
        minutes in prop::option::of(1..200u32),
        elapsed in 0..20_000i64,
        timed_out in any::<bool>(),
    ) {
        let blueprint = Blueprint::draw(banks(), pcep(), &Default::default(), seed).unwrap();
        let mut s = Session::new(pcep(), blueprint.items, seed, minutes, t0());
        for (item, option) in picks {
            s.go_to(item.index(s.items.len()));
            s.choose(option);
        }
        for item in flags {
            s.go_to(item.index(s.items.len()));
            s.toggle_flag();
        }
        let original = s.finish(pcep(), t0() + Duration::milliseconds(elapsed * 1000 + 321), timed_out);
        let (_dir, store) = store();
        store.save_attempt(&original).unwrap();
        let (stored, problems) = store.load_history();
        prop_assert!(problems.is_empty(), "{:?}", problems);
        prop_assert_eq!(stored.len(), 1);
        prop_assert_eq!(&store.load_attempt(&stored[0].name).unwrap(), &original);
    }
}

#[test]
fn truncated_and_garbage_attempts_are_reported_by_name_and_skipped() {
    let (_dir, store) = store();
    let kept = [
        store.save_attempt(&attempt(1, 600)).unwrap(),
        store.save_attempt(&attempt(2, 1200)).unwrap(),
    ];
    let truncated = store.save_attempt(&attempt(3, 1800)).unwrap();
    let full = fs::read(&truncated).unwrap();
    fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    let dir = store.home().join("attempts");
    let bad = [
        (truncated, full[..full.len() / 2].to_vec()),
        (dir.join("garbage.json"), b"\x00\xff{{ not json at all".to_vec()),
        (dir.join("empty.json"), Vec::new()),
        (dir.join("array.json"), b"[1, 2, 3]".to_vec()),
        (
            dir.join("no-items.json"),
            br#"{"version": 1, "exam": "pcep"}"#.to_vec(),
        ),
    ];
    for (path, bytes) in &bad[1..] {
        fs::write(path, bytes).unwrap();
    }
    fs::create_dir(dir.join("folder.json")).unwrap();
    fs::write(dir.join("notes.txt"), "not an attempt, not a problem").unwrap();

    let (stored, problems) = store.load_history();
    for p in &problems {
        println!("{p}");
    }
    let names: Vec<_> = stored.iter().map(|s| s.name.as_str()).collect();
    let expected: Vec<_> = kept
        .iter()
        .map(|p| p.file_stem().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(names, expected, "the intact attempts still load, oldest first");
    assert_eq!(problems.len(), bad.len() + 1, "{problems:?}");
    for (path, bytes) in &bad {
        let err = problems
            .iter()
            .find(|p| p.to_string().contains(&*path.display().to_string()))
            .unwrap_or_else(|| panic!("{} is not reported: {problems:?}", path.display()));
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
        assert_eq!(&fs::read(path).unwrap(), bytes, "{} was changed", path.display());
    }
    assert!(dir.join("folder.json").is_dir());
}

#[test]
fn a_newer_attempt_is_reported_and_left_untouched() {
    let (_dir, store) = store();
    let current = store.save_attempt(&attempt(1, 600)).unwrap();
    let mut json: Value = serde_json::from_slice(&fs::read(&current).unwrap()).unwrap();
    json["version"] = 99.into();
    json["a_field_from_the_future"] = "kept".into();
    let newer = store.home().join("attempts/20990101-000000-pcep-mock.json");
    let bytes = serde_json::to_vec_pretty(&json).unwrap();
    fs::write(&newer, &bytes).unwrap();

    let (stored, problems) = store.load_history();
    assert_eq!(stored.len(), 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    println!("{}", problems[0]);
    assert!(
        matches!(problems[0], StoreError::Version { found: 99, .. }),
        "{:?}",
        problems[0]
    );
    assert_names(&problems[0], &newer);
    assert!(problems[0].to_string().contains("newer"));
    assert_eq!(fs::read(&newer).unwrap(), bytes, "the newer attempt was changed");
}

#[test]
fn an_attempt_whose_answers_do_not_match_its_items_is_corrupt() {
    let (_dir, store) = store();
    let path = store.save_attempt(&attempt(1, 600)).unwrap();
    let mut json: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    json["answers"].as_array_mut().unwrap().pop();
    fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    let (stored, problems) = store.load_history();
    assert!(stored.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(
        matches!(problems[0], StoreError::Corrupt { .. }),
        "{:?}",
        problems[0]
    );
    assert_names(&problems[0], &path);
}

#[test]
fn an_attempts_path_that_is_a_file_is_an_error_not_a_panic() {
    let (_dir, store) = store();
    fs::create_dir_all(store.home()).unwrap();
    fs::write(store.home().join("attempts"), "oops").unwrap();
    let (stored, problems) = store.load_history();
    assert!(stored.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_names(&problems[0], &store.home().join("attempts"));
    assert!(store.save_attempt(&attempt(1, 600)).is_err());
}

#[test]
fn saving_the_same_attempt_twice_keeps_both() {
    let (_dir, store) = store();
    let a = attempt(1, 600);
    let first = store.save_attempt(&a).unwrap();
    let first_bytes = fs::read(&first).unwrap();
    let second = store.save_attempt(&a).unwrap();
    let third = store.save_attempt(&a).unwrap();
    assert_ne!(first, second);
    assert_ne!(second, third);
    assert_eq!(attempt_files(&store).len(), 3);
    assert_eq!(fs::read(&first).unwrap(), first_bytes);
    let (stored, problems) = store.load_history();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(stored.len(), 3);
    assert!(stored.iter().all(|s| store.load_attempt(&s.name).unwrap() == a));
}

#[test]
fn a_save_never_replaces_an_unreadable_file_of_the_same_name() {
    let (_dir, store) = store();
    let a = attempt(1, 600);
    let path = store.save_attempt(&a).unwrap();
    fs::write(&path, b"garbage the user may want to recover").unwrap();
    let again = store.save_attempt(&a).unwrap();
    assert_ne!(again, path);
    assert_eq!(fs::read(&path).unwrap(), b"garbage the user may want to recover");
}

#[test]
fn simultaneous_saves_of_the_same_attempt_keep_every_one() {
    // Two pyexam processes finishing in the same second compute the same file name.
    let (_dir, store) = store();
    let a = attempt(1, 600);
    store.save_attempt(&a).unwrap();
    let n = 8;
    let barrier = Arc::new(Barrier::new(n));
    let saved: Vec<PathBuf> = thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|_| {
                let (store, a, barrier) = (store.clone(), a.clone(), Arc::clone(&barrier));
                scope.spawn(move || {
                    barrier.wait();
                    store.save_attempt(&a).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut distinct = saved.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        (distinct.len(), attempt_files(&store).len()),
        (n, n + 1),
        "concurrent saves returned {saved:?} and overwrote each other"
    );
}

#[test]
fn a_journal_round_trips() {
    let (_dir, store) = store();
    let mut s = session(3);
    s.choose(1);
    s.toggle_flag();
    s.go_to(4);
    s.move_cursor(2);
    s.checkpoint(t0() + Duration::seconds(90));
    store.save_journal(&s).unwrap();
    assert_eq!(store.load_journal("pcep").unwrap(), Some(s));
    store.clear_journal("pcep").unwrap();
    assert_eq!(store.load_journal("pcep").unwrap(), None);
}

/// Write `bytes` as the journal; loading must refuse it by name and leave it in place.
fn assert_journal_refused(what: &str, bytes: &[u8]) -> StoreError {
    let (_dir, store) = store();
    fs::create_dir_all(store.home()).unwrap();
    fs::write(store.journal_path("pcep"), bytes).unwrap();
    let err = match store.load_journal("pcep") {
        Err(err) => err,
        Ok(s) => panic!("{what}: loaded {s:?}"),
    };
    println!("{what}: {err}");
    assert_names(&err, &store.journal_path("pcep"));
    assert_eq!(
        fs::read(store.journal_path("pcep")).unwrap(),
        bytes,
        "{what}: the journal was changed"
    );
    err
}

fn journal_json(s: &Session) -> Value {
    let (_dir, store) = store();
    store.save_journal(s).unwrap();
    serde_json::from_slice(&fs::read(store.journal_path("pcep")).unwrap()).unwrap()
}

#[test]
fn a_corrupt_journal_is_reported_and_kept() {
    let good = serde_json::to_vec(&journal_json(&session(1))).unwrap();
    for (what, bytes) in [
        ("truncated", &good[..good.len() / 2]),
        ("garbage", &b"\x00\x01\xfe garbage"[..]),
        ("empty", &b""[..]),
        ("null", &b"null"[..]),
    ] {
        let err = assert_journal_refused(what, bytes);
        assert!(matches!(err, StoreError::Corrupt { .. }), "{what}: {err:?}");
    }
    let mut inconsistent = journal_json(&session(1));
    inconsistent["session"]["flags"].as_array_mut().unwrap().pop();
    let err = assert_journal_refused("flags short", &serde_json::to_vec(&inconsistent).unwrap());
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    let mut past_the_end = journal_json(&session(1));
    past_the_end["session"]["current"] = 30.into();
    let err = assert_journal_refused(
        "current past the end",
        &serde_json::to_vec(&past_the_end).unwrap(),
    );
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
}

#[test]
fn a_journal_from_a_newer_version_is_refused_as_newer() {
    let mut json = journal_json(&session(1));
    json["version"] = 99.into();
    let err = assert_journal_refused("version 99", &serde_json::to_vec(&json).unwrap());
    assert!(matches!(err, StoreError::Version { found: 99, .. }), "{err:?}");
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn a_journal_from_an_older_version_is_not_called_newer() {
    let mut json = journal_json(&session(1));
    json["version"] = 0.into();
    let err = assert_journal_refused("version 0", &serde_json::to_vec(&json).unwrap());
    let shown = err.to_string();
    assert!(shown.contains('0'), "{shown}");
    assert!(
        !shown.contains("newer"),
        "a journal older than this pyexam is described as newer: {shown}"
    );
}

#[test]
fn an_attempt_from_an_older_version_is_not_called_newer() {
    let (_dir, store) = store();
    let path = store.save_attempt(&attempt(1, 600)).unwrap();
    let mut json: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    json["version"] = 0.into();
    fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    let (stored, problems) = store.load_history();
    assert!(stored.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    let shown = problems[0].to_string();
    println!("{shown}");
    assert_names(&problems[0], &path);
    assert!(
        !shown.contains("newer"),
        "an attempt older than this pyexam is described as newer: {shown}"
    );
}

/// A home that cannot be created or written, even when running as root.
fn unwritable_home(dir: &Path) -> PathBuf {
    let locked = dir.join("locked");
    fs::create_dir(&locked).unwrap();
    let mut perms = fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    fs::set_permissions(&locked, perms).unwrap();
    if fs::write(locked.join("probe"), "").is_err() {
        return locked.join("home");
    }
    // Permissions are not enforced (root): the home would be inside a regular file.
    let file = dir.join("a-file");
    fs::write(&file, "").unwrap();
    file.join("home")
}

#[test]
fn saving_to_an_unwritable_home_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let home = unwritable_home(dir.path());
    let store = Store::open(Some(home.clone())).unwrap();
    let err = store.save_journal(&session(1)).unwrap_err();
    println!("journal: {err}");
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    assert_names(&err, &home);
    let err = store.save_attempt(&attempt(1, 600)).unwrap_err();
    println!("attempt: {err}");
    assert_names(&err, &home);
    assert_eq!(store.load_journal("pcep").ok().flatten(), None);
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(Index, Value),
    Remove(Index, Index),
    Duplicate(Index, Index),
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::from(0)),
        Just(Value::from(-1)),
        Just(Value::from(u64::MAX)),
        Just(Value::from(1e300)),
        Just(Value::from("")),
        Just(Value::from("1970-01-01T00:00:00Z")),
        Just(Value::from("9999-12-31T23:59:59Z")),
        Just(Value::Array(Vec::new())),
        Just(Value::Object(Default::default())),
        Just(Value::from(true)),
        (0..100u64).prop_map(Value::from),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), value()).prop_map(|(i, v)| Edit::Replace(i, v)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, j)| Edit::Remove(i, j)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, j)| Edit::Duplicate(i, j)),
    ]
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// Apply `edit` to the `n`-th node in pre-order. Returns true once applied.
fn apply(v: &mut Value, n: &mut usize, edit: &Edit) -> bool {
    if *n == 0 {
        match (edit, &mut *v) {
            (Edit::Replace(_, new), _) => *v = new.clone(),
            (Edit::Remove(_, j), Value::Array(a)) if !a.is_empty() => {
                a.remove(j.index(a.len()));
            }
            (Edit::Remove(_, j), Value::Object(o)) if !o.is_empty() => {
                let key = o.keys().nth(j.index(o.len())).unwrap().clone();
                o.remove(&key);
            }
            (Edit::Duplicate(_, j), Value::Array(a)) if !a.is_empty() => {
                let copy = a[j.index(a.len())].clone();
                a.push(copy);
            }
            _ => {}
        }
        return true;
    }
    *n -= 1;
    match v {
        Value::Array(a) => a.iter_mut().any(|c| apply(c, n, edit)),
        Value::Object(o) => o.values_mut().any(|c| apply(c, n, edit)),
        _ => false,
    }
}

/// What the exam screen does with a resumed session, with a key press of each kind.
fn drive(mut s: Session) {
    let back = t0() + Duration::days(1);
    s.resume_clock(back);
    let _ = (s.remaining(back + Duration::hours(1)), s.is_time_up(back));
    let _ = (s.item(), s.answer(), s.tally(), s.flagged());
    for delta in [1, -1, 5, -5] {
        s.move_cursor(delta);
    }
    s.choose_at_cursor();
    s.choose(0);
    s.toggle_flag();
    s.next();
    s.previous();
    s.go_to(s.items.len() - 1);
    s.checkpoint(back + Duration::seconds(30));
    let _ = s.finish(pcep(), back + Duration::seconds(31), false);
}

/// A small pcep session: three items, one answered, one flagged.
fn small_session() -> Session {
    let mut s = session(5);
    s.items.truncate(3);
    s.answers.truncate(3);
    s.flags.truncate(3);
    s.choose(0);
    s.go_to(1);
    s.toggle_flag();
    s
}

fn load_edited(json: &Value) -> (tempfile::TempDir, Result<Option<Session>, StoreError>) {
    let (dir, store) = store();
    fs::create_dir_all(store.home()).unwrap();
    fs::write(store.journal_path("pcep"), serde_json::to_vec(json).unwrap()).unwrap();
    let loaded = store.load_journal("pcep");
    (dir, loaded)
}

#[test]
fn a_journal_with_an_item_without_options_does_not_break_the_exam() {
    let mut json = journal_json(&small_session());
    json["session"]["items"][1]["options"] = Value::Array(Vec::new());
    let (_dir, loaded) = load_edited(&json);
    if let Ok(Some(s)) = loaded {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| drive(s)));
        assert!(
            outcome.is_ok(),
            "a loaded journal breaks the exam: refuse it or cope with it"
        );
    }
}

#[test]
fn a_journal_with_an_impossible_clock_does_not_break_the_exam() {
    let mut json = journal_json(&small_session());
    json["session"]["used_secs"] = u64::MAX.into();
    let (_dir, loaded) = load_edited(&json);
    if let Ok(Some(s)) = loaded {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| drive(s)));
        assert!(
            outcome.is_ok(),
            "a loaded journal breaks the exam: refuse it or cope with it"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn an_edited_journal_is_refused_or_usable(edits in prop::collection::vec(edit(), 1..4)) {
        let mut json = journal_json(&small_session());
        for e in &edits {
            let (Edit::Replace(i, _) | Edit::Remove(i, _) | Edit::Duplicate(i, _)) = e;
            let mut n = i.index(count(&json));
            apply(&mut json, &mut n, e);
        }
        let (_dir, loaded) = load_edited(&json);
        if let Ok(Some(s)) = loaded {
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| drive(s)));
            prop_assert!(outcome.is_ok(), "loaded but breaks the exam: {}", json);
        }
    }
}
