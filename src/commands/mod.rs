//! One function per subcommand. Errors are one line naming what is valid. The interactive ones
//! are here; those that print and exit are in `report`.

mod progress;
mod report;
mod study;

use report::{check, history_json, list};

use std::io::IsTerminal;

use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;
use clap::CommandFactory;

use pyexam::bank::{self, BankSet, BankSource, Loaded};
use pyexam::cli::{Cli, Command};
use pyexam::store::Store;
use pyexam::tui::app::{App, Effect, ReviewScreen, Screen};
use pyexam::tui::{self, theme::Theme};

pub fn run(cli: Cli) -> Result<i32> {
    let source = match &cli.banks {
        Some(dir) => BankSource::Dir(dir.clone()),
        None => BankSource::Embedded,
    };
    match cli.command {
        None => interactive(&cli, &source, |_, _| Ok(Vec::new())),
        Some(Command::List) => list(&source),
        Some(Command::Check {
            ref dir,
            verify,
            stats,
        }) => {
            let source = dir.clone().map(BankSource::Dir).unwrap_or(source);
            check(&source, verify, stats)
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "pyexam", &mut std::io::stdout());
            Ok(0)
        }
        Some(Command::History { ref exam, json }) if json => history_json(&cli, exam.as_deref()),
        Some(Command::Progress { ref exam, json }) => progress::progress(&cli, &source, exam, json),
        Some(Command::Study {
            ref exam,
            limit,
            list: true,
            json,
            ..
        }) => study::list(&cli, &source, exam, limit as usize, json),
        Some(Command::Study {
            ref exam,
            limit,
            seed,
            ..
        }) => {
            let exam = exam.clone();
            interactive(&cli, &source, move |app, _| {
                let seed = seed.unwrap_or_else(rand::random);
                app.start_study(&exam, limit as usize, seed, Utc::now())
                    .map_err(|e| anyhow!(e))?;
                app.has_menu = false;
                Ok(Vec::new())
            })
        }
        Some(Command::Exam {
            ref exam,
            seed,
            minutes,
            discard,
        }) => {
            let exam = exam.clone();
            interactive(&cli, &source, move |app, _| {
                // Set the saved exam aside (never deleted) once the terminal is known to work.
                let mut effects = Vec::new();
                if let Some(s) = &app.journal {
                    if !discard {
                        bail!(
                            "an unfinished {} exam is saved ({}/{} answered): run `pyexam resume` to finish it, or add --discard to start over",
                            s.code,
                            s.items.len() - s.unanswered(),
                            s.items.len(),
                        );
                    }
                    app.journal = None;
                    effects.push(Effect::SetJournalAside);
                }
                let seed = seed.unwrap_or_else(rand::random);
                effects.extend(
                    app.start_mock(&exam, seed, minutes, Utc::now())
                        .map_err(|e| anyhow!(e))?,
                );
                app.has_menu = false;
                Ok(effects)
            })
        }
        Some(Command::Drill {
            ref exam,
            ref topic,
            count,
            missed,
            ref objective,
            seed,
        }) => {
            let (exam, topic, objective) = (exam.clone(), topic.clone(), objective.clone());
            interactive(&cli, &source, move |app, _| {
                let seed = seed.unwrap_or_else(rand::random);
                let count = count.map(|n| n as usize);
                match &objective {
                    Some(o) => app.start_objective_drill(&exam, o, count, seed, Utc::now()),
                    None => app.start_drill(&exam, topic.as_deref(), count, missed, seed, Utc::now()),
                }
                .map_err(|e| anyhow!(e))?;
                app.has_menu = false;
                Ok(Vec::new())
            })
        }
        Some(Command::Resume) => interactive(&cli, &source, |app, _| {
            let session = app
                .journal
                .clone()
                .ok_or_else(|| anyhow!("no exam to resume: start one with `pyexam exam <EXAM>`"))?;
            let effects = app.resume(session, Utc::now());
            // Still on the menu means the saved exam could not be resumed; say why and stop.
            if matches!(app.screen, Screen::Menu(_)) {
                bail!(
                    app.notice
                        .take()
                        .unwrap_or_else(|| "the saved exam cannot be resumed".into())
                );
            }
            app.has_menu = false;
            Ok(effects)
        }),
        Some(Command::Review { ref attempt }) => {
            let attempt = attempt.clone();
            interactive(&cli, &source, move |app, store| {
                if app.history.is_empty() {
                    bail!(
                        "no attempts yet: take a mock with `pyexam exam pcep` or drill with `pyexam drill pcep`"
                    );
                }
                let index = match &attempt {
                    None => app.history.len() - 1,
                    Some(key) => find_attempt(app, key)?,
                };
                let chosen = store.load_attempt(&app.history[index].name)?;
                app.open(Screen::Review(Box::new(ReviewScreen::new(chosen))));
                Ok(Vec::new())
            })
        }
        Some(Command::History { ref exam, .. }) => {
            let exam = exam.clone();
            interactive(&cli, &source, move |app, _| {
                if let Some(e) = &exam
                    && app.banks.exam(e).is_none()
                {
                    bail!(pyexam::tui::app::unknown_exam(&app.banks, e));
                }
                app.open(Screen::History(pyexam::tui::app::HistoryScreen {
                    exam,
                    selected: 0,
                }));
                Ok(Vec::new())
            })
        }
    }
}

/// The history entry a number (as `pyexam history` shows it) or a file name names.
fn find_attempt(app: &App, key: &str) -> Result<usize> {
    let stem = key.trim_end_matches(".json");
    let by_number = key.parse::<usize>().ok();
    app.history
        .iter()
        .position(|s| Some(s.number) == by_number || s.name == stem)
        .ok_or_else(|| {
            let last = app.history.last().map_or(0, |s| s.number);
            anyhow!(
                "no readable attempt '{key}': give a number from 1 to {last} as `pyexam history` lists them, or a file name"
            )
        })
}

/// Banks that load without problems, or an error that says how many and where to look.
fn load_banks(source: &BankSource) -> Result<BankSet> {
    let Loaded { banks, problems } = bank::load(source);
    let blocking: Vec<_> = problems
        .iter()
        .filter(|p| p.is_error() && !p.message.contains("a mock draws"))
        .collect();
    if let Some(first) = blocking.first() {
        bail!(
            "{first} ({} problem(s) in the banks; `pyexam check` lists them all)",
            blocking.len()
        );
    }
    Ok(banks)
}

fn open_store(cli: &Cli) -> Result<Store> {
    Ok(Store::open(cli.home.clone())?)
}

/// Load everything, let `prepare` open a screen, then run the terminal UI.
fn interactive(
    cli: &Cli,
    source: &BankSource,
    prepare: impl FnOnce(&mut App, &Store) -> Result<Vec<Effect>>,
) -> Result<i32> {
    std::thread::spawn(tui::highlight::warm);
    let banks = load_banks(source)?;
    let store = open_store(cli)?;
    let (history, problems) = store.load_history();
    for p in &problems {
        eprintln!("pyexam: warning: {p}; skipped, the file is left as it is");
    }
    let unreadable_attempts = unreadable_notice(&problems);
    // A journal that cannot be read is kept: moved aside (once the terminal is known to work)
    // so that a new exam cannot overwrite it, and the user is told where it went.
    let (journal, unreadable) = match store.load_journal() {
        Ok(j) => (j, None),
        Err(e) => (None, Some(e)),
    };
    let mut app = App::new(
        banks,
        history,
        journal,
        Theme::from_env(),
        rand::random(),
        Utc::now(),
    );
    app.notice = unreadable_attempts;
    let effects = prepare(&mut app, &store)?;
    if let Some(e) = &unreadable {
        eprintln!("pyexam: warning: {e}");
    }
    ensure_terminal()?;
    if matches!(app.screen, Screen::Exam(_) | Screen::Drill(_) | Screen::Menu(_)) {
        store.check_writable()?;
    }
    // An exam about to run must be this process's alone: refuse now, with one line, if another
    // pyexam has it open (before the terminal is taken over).
    let runs_exam = effects
        .iter()
        .any(|e| matches!(e, Effect::ClaimJournal | Effect::SaveJournal(_)));
    if runs_exam {
        store.claim_journal()?;
    }
    let mut farewell = None;
    if let Some(e) = unreadable {
        let kept = store.set_journal_aside()?;
        let line = format!(
            "the saved exam could not be read ({e}); it was moved to {} and nothing else was changed. Delete that file once you no longer need it.",
            kept.display()
        );
        app.notice = Some(format!(
            "The saved exam could not be read: moved to {}",
            kept.display()
        ));
        farewell = Some(line);
    }
    // Said again when the terminal is back: the alternate screen hides anything said before.
    let _farewell = Farewell(farewell);
    if tui::apply(&mut app, &store, effects) {
        return Ok(0);
    }
    match tui::run(app, &store) {
        Ok(Some(signal)) => Ok(128 + signal),
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

/// A warning printed when `interactive` returns, after the terminal is restored.
struct Farewell(Option<String>);

impl Drop for Farewell {
    fn drop(&mut self) {
        if let Some(line) = &self.0 {
            eprintln!("pyexam: warning: {line}");
        }
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
            "pyexam needs an interactive terminal; plain-output commands are `list`, `check` and `history --json`"
        );
    }
    Ok(())
}
