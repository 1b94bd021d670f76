//! The terminal UI's commands: load the banks, the history and the saved exam, let the
//! command open its screen, then run the UI until it ends.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;

use super::banks::{Banks, load_banks};
use super::{Done, open_store};
use pyexam::bank::BankSource;
use pyexam::cli::Cli;
use pyexam::store::Store;
use pyexam::tui::app::{App, Effect, Screen};
use pyexam::tui::{self, theme::Theme};

/// The menu: its first screen lists the exams and shows nothing of history, so history (10,000
/// attempts take a few hundred ms) is read once that screen is drawn, before the first key.
pub fn menu(cli: &Cli, source: &BankSource) -> Result<i32> {
    run_interactive(cli, source, None, true, |_, _| Ok(Vec::new()))
}

/// Load everything, let `prepare` open a screen, then run the terminal UI.
pub fn interactive(
    cli: &Cli,
    source: &BankSource,
    exam: Option<&str>,
    prepare: impl FnOnce(&mut App, &Store) -> Result<Vec<Effect>>,
) -> Result<i32> {
    run_interactive(cli, source, exam, false, prepare)
}

fn run_interactive(
    cli: &Cli,
    source: &BankSource,
    exam: Option<&str>,
    history_later: bool,
    prepare: impl FnOnce(&mut App, &Store) -> Result<Vec<Effect>>,
) -> Result<i32> {
    let loaded = load_banks(source, exam)?;
    let invocation = loaded.invocation(cli);
    let Banks { banks, warning, .. } = loaded;
    // The highlighter's few milliseconds overlap the rest of start-up, but only from here:
    // while the banks load, their parse's memory and the highlighter's would add up.
    std::thread::spawn(tui::highlight::warm);
    let store = open_store(cli)?;
    let (history, problems) = match history_later {
        true => Default::default(),
        false => store.load_history(),
    };
    for p in &problems {
        errln!("pyexam: warning: {p}; skipped, the file is left as it is");
    }
    let unreadable_attempts = unreadable_notice(&problems);
    // A journal that cannot be read is kept: moved aside (once the terminal is known to work)
    // so that a new exam cannot overwrite it, and the user is told where it went.
    let found = store.saved_exams();
    let damaged: Vec<String> = found
        .saved
        .iter()
        .filter(|(_, dropped)| *dropped > 0)
        .map(|(s, dropped)| {
            format!(
                "The saved {} exam's journal ended in damage: it resumes from before the last {dropped} change{} (they are lost).",
                s.code,
                if *dropped == 1 { "" } else { "s" }
            )
        })
        .collect();
    let unreadable = found.unreadable;
    let mut app = App::new(
        banks,
        history,
        found.saved.into_iter().map(|(s, _)| s),
        Theme::from_env(),
        rand::random(),
        Utc::now(),
    );
    app.notice = unreadable_attempts;
    app.invocation = invocation;
    // An interrupted drill or study session: `resume` and the menu continue it; starting
    // another files it in history first.
    match store.load_drill() {
        Ok(Some((saved, _))) => app.saved_drill = Some(saved),
        Ok(None) => {}
        Err(e) => {
            errln!("pyexam: warning: the interrupted drill cannot be read ({e}); it is left as it is")
        }
    }
    if !damaged.is_empty() {
        app.notice = Some(damaged.join(" "));
    }
    app.set_aside = store.set_aside_journals();
    app.exam_dates = store.exam_dates();
    let effects = match prepare(&mut app, &store) {
        Ok(effects) => effects,
        Err(e) => {
            if let Some(Done(message)) = e.downcast_ref::<Done>() {
                outln!("{message}");
                return Ok(0);
            }
            // A short bank is often a broken file of this exam: say which (a located problem).
            return Err(match warning {
                Some(w) if w.contains(": error: ") => anyhow!("{e}: {w}"),
                _ => e,
            });
        }
    };
    app.load_banks_for_screen();
    if app.notice.is_none() {
        app.notice = warning;
    }
    for e in &unreadable {
        errln!("pyexam: warning: {e}");
    }
    ensure_terminal()?;
    if matches!(app.screen, Screen::Exam(_) | Screen::Drill(_) | Screen::Menu(_)) {
        store.check_writable()?;
    }
    // An exam about to run must be this process's alone: refuse now, with one line, if another
    // pyexam has it open (before the terminal is taken over).
    for effect in &effects {
        match effect {
            Effect::ClaimJournal(exam) => store.claim_journal(exam)?,
            Effect::SaveJournal(session) => store.claim_journal(&session.exam)?,
            _ => {}
        }
    }
    for e in unreadable {
        let Some(path) = e.path().map(Path::to_path_buf) else {
            continue;
        };
        let kept = store.set_unreadable_aside(&path)?;
        // Said when the terminal is back: the alternate screen hides anything said before.
        app.farewell.push(format!(
            "pyexam: the saved exam could not be read ({e}); it was moved to {} and nothing else was changed. Delete that file once you no longer need it.",
            kept.display()
        ));
        app.notice = Some(format!(
            "The saved exam could not be read: moved to {}",
            kept.display()
        ));
    }
    if tui::apply(&mut app, &store, effects) {
        for line in &app.farewell {
            outln!("{line}");
        }
        return Ok(0);
    }
    let mouse = !cli.no_mouse && std::env::var_os("PYEXAM_NO_MOUSE").is_none_or(|v| v.is_empty() || v == "0");
    let result = tui::run_then(&mut app, &store, mouse, |app| {
        if !history_later {
            return;
        }
        let (history, problems) = store.load_history();
        app.history = history;
        if let Some(notice) = unreadable_notice(&problems) {
            app.notice = Some(notice);
        }
        // Said when the terminal is back, where they would have been seen before it started.
        app.farewell.extend(
            problems
                .iter()
                .map(|p| format!("pyexam: warning: {p}; skipped, the file is left as it is")),
        );
    });
    for line in &app.farewell {
        outln!("{line}");
    }
    match result {
        Ok(Some(signal)) => Ok(128 + signal),
        // Quit with an attempt the disk would not take: the farewell said where it is kept.
        Ok(None) if app.unsaved.is_some() => Ok(1),
        Ok(None) => Ok(0),
        Err(e) => match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<tui::Interrupted>())
        {
            Some(tui::Interrupted(signal)) => Ok(128 + signal),
            None => Err(e).context("terminal error"),
        },
    }
}

/// "2 attempt files could not be read: A, B": shown in the TUI too, since the warnings printed
/// before it starts are hidden by its screen.
fn unreadable_notice(problems: &[pyexam::store::StoreError]) -> Option<String> {
    let names: Vec<String> = problems
        .iter()
        .filter_map(|p| p.path())
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    match names.len() {
        0 => None,
        1 => Some(format!("1 attempt file could not be read: {}", names[0])),
        n => Some(format!(
            "{n} attempt files could not be read: {}",
            names.join(", ")
        )),
    }
}

fn ensure_terminal() -> Result<()> {
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        bail!(
            "this terminal (TERM=dumb) cannot show pyexam; use a terminal emulator such as xterm, or `pyexam list`/`pyexam history --json` for plain output"
        );
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "pyexam needs an interactive terminal for this; plain-output commands are `list`, `check`, `history --json`, `progress`, `study --list`, `export`, `import`, `man` and `completions`"
        );
    }
    Ok(())
}
