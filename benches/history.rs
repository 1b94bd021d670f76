//! History at scale: homes of 100, 1,000 and 10,000 attempt files (a PCEP mock each, as the
//! real ones are written), loaded as start-up does it. `cold`: no index yet (the first start
//! after an upgrade, or after the index was deleted), every file parsed; `warm`: the index is
//! there, one small file read.
//!
//! `cargo bench --bench history`

use std::fs;
use std::path::Path;

use divan::Bencher;
use pyexam::store::Store;

#[path = "support/history_home.rs"]
mod history_home;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[100, 1_000, 10_000];

/// A home with `n` finished PCEP mocks (`benches/support/history_home.rs`).
fn home_with(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    history_home::write_attempts(dir.path(), n);
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
