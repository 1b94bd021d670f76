//! `pyexam`: parse the command line, call the library, map errors to exit codes.
//! Exit codes: 0 success, 1 an error (the message says which), 2 bad usage (from clap).

mod commands;

use clap::Parser;
use pyexam::cli::Cli;

fn main() {
    // Output piped into `head` and the like: end quietly on a closed pipe, as Unix tools do,
    // instead of panicking on the failed print.
    // SAFETY: restoring a signal's default disposition before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // One malloc arena for every thread: each extra arena (the highlighter's warm-up thread,
    // the verifier's workers) would keep its own freed pages resident. Its lock is uncontended.
    // SAFETY: a malloc tuning call, made before any thread is started.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // Errors quote names from banks, saved exams and the command line.
            eprintln!("pyexam: {}", pyexam::text::printable(&format!("{e:#}")));
            std::process::exit(1);
        }
    }
}
