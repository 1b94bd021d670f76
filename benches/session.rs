//! The exam engine: the seeded blueprint draw, scoring a full attempt, saving the journal.
//!
//! `cargo bench --bench session`

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use divan::Bencher;
use pyexam::bank::{self, BankSet, BankSource};
use pyexam::session::{Answer, Blueprint, Report, Session};
use pyexam::store::Store;

fn main() {
    divan::main();
}

const EXAMS: &[&str] = &["pcep", "pcap", "pcpp1", "pcpp2"];

fn banks() -> BankSet {
    bank::load(&BankSource::Embedded).banks
}

/// A full mock's draw: each section's count, shuffled items, shuffled options.
#[divan::bench(args = EXAMS)]
fn blueprint_draw(bencher: Bencher, exam: &str) {
    let banks = banks();
    let spec = banks.exam(exam).unwrap().clone();
    let mut seed = 0u64;
    bencher.bench_local(|| {
        seed += 1;
        Blueprint::draw(&banks, &spec, &Default::default(), seed).unwrap()
    });
}

/// Scoring a submitted mock: every item answered, about two thirds right.
#[divan::bench(args = EXAMS)]
fn report_new(bencher: Bencher, exam: &str) {
    let banks = banks();
    let spec = banks.exam(exam).unwrap().clone();
    let items = Blueprint::draw(&banks, &spec, &Default::default(), 7)
        .unwrap()
        .items;
    let answers: Vec<Option<Answer>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let chosen: BTreeSet<usize> = if i % 3 == 2 {
                BTreeSet::from([item.options.len() - 1])
            } else {
                item.keyed()
            };
            Some(Answer::Choice(chosen))
        })
        .collect();
    bencher.bench(|| {
        Report::new(
            divan::black_box(&spec.sections),
            spec.pass_percent,
            divan::black_box(&items),
            divan::black_box(&answers),
        )
    });
}

fn pcpp1_session() -> Session {
    let banks = banks();
    let spec = banks.exam("pcpp1").unwrap().clone();
    let items = Blueprint::draw(&banks, &spec, &Default::default(), 7)
        .unwrap()
        .items;
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    Session::new(&spec, items, 7, None, now)
}

/// One answer journaled as the event loop does it, on the disk that holds /tmp: the record
/// appended (`append_journal`, before the screen is drawn) and then fdatasync'd
/// (`sync_journal`, after). Compare `journal_snapshot`, what every key cost before.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn journal_answer(bencher: Bencher) {
    let mut session = pcpp1_session();
    let home = tempfile::tempdir().unwrap();
    let store = Store::open(Some(home.path().to_path_buf())).unwrap();
    store.save_journal(&session).unwrap();
    let mut option = 0;
    bencher.bench_local(|| {
        option = (option + 1) % 4;
        session.choose(option);
        store.append_journal(&session).unwrap();
        store.sync_journal().unwrap();
    });
}

/// The part of `journal_answer` that comes before the screen is drawn: the record's write.
#[divan::bench(sample_count = 200)]
fn journal_answer_unsynced(bencher: Bencher) {
    let mut session = pcpp1_session();
    let home = tempfile::tempdir().unwrap();
    let store = Store::open(Some(home.path().to_path_buf())).unwrap();
    store.save_journal(&session).unwrap();
    let mut item = 0;
    bencher.bench_local(|| {
        item = (item + 1) % session.items.len();
        session.go_to(item);
        store.append_journal(&session).unwrap();
    });
    store.sync_journal().unwrap();
}

/// A whole snapshot written atomically (temp file, fsync, rename, fsync the folder): the first
/// save of an exam and each compaction; before the append-only journal, every key.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn journal_snapshot(bencher: Bencher) {
    let session = pcpp1_session();
    let home = tempfile::tempdir().unwrap();
    bencher.bench_local(|| {
        // A fresh Store has no open journal: its first save writes the snapshot.
        let store = Store::open(Some(home.path().to_path_buf())).unwrap();
        store.save_journal(&session).unwrap();
        store.clear_journal(&session.exam).unwrap();
    });
}
