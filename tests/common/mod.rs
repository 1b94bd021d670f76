//! Shared helpers: the fixture bank, a fixed clock, rendering an App to text, and running the
//! binary on a home.
#![allow(dead_code)]

pub mod histories;
pub mod tmpfs;

use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use pyexam::bank::{self, BankSet, BankSource};
use pyexam::tui::app::{App, Effect, Msg};
use pyexam::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn fixture_banks() -> BankSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/valid");
    let loaded = bank::load(&BankSource::Dir(dir));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.banks
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).unwrap()
}

pub fn at(secs: i64) -> DateTime<Utc> {
    t0() + Duration::seconds(secs)
}

pub fn mono() -> Theme {
    Theme { color: false }
}

/// An App on the fixture bank with a demo mock at its start screen (seed 7).
pub fn demo_start() -> App {
    let mut app = App::new(fixture_banks(), Vec::new(), None, mono(), 1, t0());
    app.start_mock("demo", 7, None, t0()).unwrap();
    app
}

/// An App on the fixture bank with a demo mock started (Enter on the start screen) at t0.
pub fn demo_exam() -> App {
    let mut app = demo_start();
    app.update(Msg::Confirm, t0());
    app
}

pub fn send(app: &mut App, msgs: &[Msg], now: DateTime<Utc>) -> Vec<Effect> {
    msgs.iter().flat_map(|m| app.update(*m, now)).collect()
}

pub fn render(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn screen(app: &App, width: u16, height: u16) -> String {
    text(&render(app, width, height))
}

/// The bank with every item kind (exam `mini`: 6 items in 2 sections).
pub fn kinds_banks() -> BankSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/kinds");
    let loaded = bank::load(&BankSource::Dir(dir));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.banks
}

/// An App with a mini mock (every kind, typed gaps too: a `--stretch` mock) started at t0.
pub fn kinds_exam(seed: u64) -> App {
    let mut app = App::new(kinds_banks(), Vec::new(), None, mono(), 1, t0());
    // `--stretch`: a standard mock leaves typed gaps out, and these tests drive every kind.
    app.stretch = true;
    app.start_mock("mini", seed, None, t0()).unwrap();
    // Enter on the start screen starts the clock.
    app.update(Msg::Confirm, t0());
    app
}

/// Run the pyexam binary on `home` (`--home`), with `--banks DIR` when given, then `args`:
/// its exit code, stdout and stderr. PYEXAM_BANKS from the environment is left out.
pub fn run_pyexam(home: &Path, banks: Option<&Path>, args: &[&str]) -> (i32, String, String) {
    let mut cmd = assert_cmd::Command::cargo_bin("pyexam").unwrap();
    cmd.env_remove("PYEXAM_BANKS");
    if let Some(dir) = banks {
        cmd.arg("--banks").arg(dir);
    }
    let out = cmd.arg("--home").arg(home).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `run_pyexam` of a command that must succeed and print JSON.
pub fn pyexam_json(home: &Path, banks: Option<&Path>, args: &[&str]) -> serde_json::Value {
    let (code, out, err) = run_pyexam(home, banks, args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}
