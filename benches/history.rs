//! History at scale: homes of 100, 1,000 and 10,000 attempt files (a PCEP mock each, as the
//! real ones are written), loaded as start-up does it. `cold`: no index yet (the first start
//! after an upgrade, or after the index was deleted), every file parsed; `warm`: the index is
//! there, one small file read.
//!
//! `cargo bench --bench history`

use std::fs;
use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use divan::Bencher;
use pyexam::bank::{self, BankSource};
use pyexam::session::{Blueprint, Session};
use pyexam::store::Store;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[100, 1_000, 10_000];

/// A home with `n` finished PCEP mocks, written directly (not fsync'd: this is set-up).
fn home_with(n: usize) -> tempfile::TempDir {
    let banks = bank::load(&BankSource::Embedded).banks;
    let spec = banks.exam("pcep").unwrap().clone();
    let dir = tempfile::tempdir().unwrap();
    let attempts = dir.path().join("attempts");
    fs::create_dir_all(&attempts).unwrap();
    let t0 = Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0).unwrap();
    for i in 0..n {
        let seed = i as u64;
        let items = Blueprint::draw(&banks, &spec, &Default::default(), seed)
            .unwrap()
            .items;
        let start = t0 + Duration::hours(i as i64);
        let mut s = Session::new(&spec, items, seed, None, start);
        for k in 0..s.items.len() {
            s.go_to(k);
            s.choose(k % 3);
        }
        let attempt = s.finish(&spec, start + Duration::minutes(35), false);
        let name = format!("{}-pcep-mock.json", attempt.finished_at.format("%Y%m%d-%H%M%S"));
        fs::write(attempts.join(name), serde_json::to_vec_pretty(&attempt).unwrap()).unwrap();
    }
    dir
}

fn index(home: &Path) -> std::path::PathBuf {
    home.join("index.jsonl")
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load_history_warm(bencher: Bencher, n: usize) {
    let home = home_with(n);
    let store = Store::open(Some(home.path().to_path_buf())).unwrap();
    store.load_history();
    assert!(index(home.path()).exists());
    bencher.bench_local(|| {
        let (stored, problems) = store.load_history();
        assert_eq!((stored.len(), problems.len()), (n, 0));
        stored
    });
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn load_history_cold(bencher: Bencher, n: usize) {
    let home = home_with(n);
    let store = Store::open(Some(home.path().to_path_buf())).unwrap();
    bencher.bench_local(|| {
        let _ = fs::remove_file(index(home.path()));
        let (stored, _) = store.load_history();
        stored
    });
}
