//! Homes with a long history, for the history benchmarks and for measuring the real binary
//! (`cargo run --release --example history_home -- DIR N`).

use std::fs;
use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use pyexam::bank::{self, BankSource};
use pyexam::session::{Blueprint, Session};

/// Write `n` finished PCEP mocks, an hour apart, into `home/attempts` as pyexam saves them
/// (pretty JSON, one file each; not fsync'd: this is set-up). Every third answer is option 1,
/// the rest options 2 and 3, so scores vary.
pub fn write_attempts(home: &Path, n: usize) {
    let banks = bank::load(&BankSource::Embedded).banks;
    let spec = banks.exam("pcep").unwrap().clone();
    let attempts = home.join("attempts");
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
}
