//! Write a home of N finished PCEP mocks, to measure the real binary over a long history:
//! `cargo run --release --example history_home -- /tmp/home10k 10000`
//! then `PYEXAM_HOME=/tmp/home10k pyexam history --json` (scripts/bench-cli.sh does this).

#[path = "../benches/support/history_home.rs"]
mod history_home;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next().and_then(|n| n.parse().ok())) else {
        eprintln!("usage: history_home DIR N");
        std::process::exit(2);
    };
    history_home::write_attempts(std::path::Path::new(&dir), n);
}
