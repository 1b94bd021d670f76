//! One function per subcommand. Errors are one line naming what is valid. The interactive ones
//! are here; those that print and exit are in `report`.

#[macro_use]
mod print;

mod banks;
mod complete;
mod complete_scoped;
mod formats;
mod interactive;
mod man;
mod plan;
mod progress;
mod report;
mod study;

use banks::load_banks;
use interactive::{interactive, menu};
use report::{check, history_json, list};

use anyhow::{Result, anyhow, bail};
use chrono::Utc;

use pyexam::bank::{self, BankSource};
use pyexam::cli::{Cli, Command, ExportFormat, ImportFormat};
use pyexam::store::Store;
use pyexam::tui::app::{App, DrillError, ReviewScreen, Screen};

pub fn run(mut cli: Cli) -> Result<i32> {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from)
    };
    cli.banks = cli.banks.take().or_else(|| from_env("PYEXAM_BANKS"));
    cli.home_flag = cli.home.clone();
    cli.home = cli.home.take().or_else(|| from_env("PYEXAM_HOME"));
    if cli.no_builtin && cli.banks.is_none() {
        bail!("--no-builtin leaves out the built-in exams, so it needs --banks DIR (or PYEXAM_BANKS)");
    }
    let source = match &cli.banks {
        Some(dir) if cli.no_builtin => BankSource::Dir(dir.clone()),
        Some(dir) => BankSource::Added(dir.clone()),
        None => BankSource::Embedded,
    };
    match cli.command {
        None => menu(&cli, &source),
        Some(Command::List) => list(&source),
        Some(Command::Check {
            ref dir,
            verify,
            stats,
        }) => {
            // A folder is checked alone: the built-in banks are checked by their own tests.
            let source = dir
                .clone()
                .or_else(|| cli.banks.clone())
                .map_or(BankSource::Embedded, BankSource::Dir);
            check(&source, verify, stats)
        }
        Some(Command::Completions { shell }) => {
            // Values from whatever loads; a broken bank must not cost the whole script.
            let banks = bank::load(&source).banks;
            print!("{}", complete::script(shell, &banks));
            Ok(0)
        }
        Some(Command::History { ref exam, json }) if json => history_json(&cli, &source, exam.as_deref()),
        Some(Command::Progress { ref exam, json }) => progress::progress(&cli, &source, exam, json),
        Some(Command::Import {
            format:
                ImportFormat::Gift {
                    ref file,
                    ref exam,
                    ref topic,
                    ref output,
                },
        }) => {
            let code = formats::import_gift(file, exam, topic, output.as_deref())?;
            formats::note_unknown(&bank::load(&source).banks, exam, topic);
            Ok(code)
        }
        Some(Command::Import {
            format:
                ImportFormat::Moodle {
                    ref file,
                    ref exam,
                    ref topic,
                    ref output,
                },
        }) => {
            let code = formats::import_moodle(file, exam, topic, output.as_deref())?;
            formats::note_unknown(&bank::load(&source).banks, exam, topic);
            Ok(code)
        }
        Some(Command::Export {
            format: ExportFormat::Gift { ref exam, ref topic },
        }) => formats::export_gift(&load_banks(&source, Some(exam))?.banks, exam, topic.as_deref()),
        Some(Command::Export {
            format: ExportFormat::Moodle { ref exam, ref topic },
        }) => formats::export_moodle(&load_banks(&source, Some(exam))?.banks, exam, topic.as_deref()),
        Some(Command::Man) => {
            man::render(&mut std::io::stdout())?;
            Ok(0)
        }
        Some(Command::Study {
            ref exam,
            limit,
            list: true,
            json,
            all,
            ..
        }) => study::list(&cli, &source, exam, limit as usize, json, all),
        Some(Command::Plan {
            ref exam,
            date,
            clear,
            minutes_per_day,
            json,
        }) => plan::plan(&cli, &source, exam, date, clear, minutes_per_day, json),
        Some(Command::Study {
            ref exam,
            limit,
            seed,
            ..
        }) => {
            let exam = exam.clone();
            interactive(&cli, &source, Some(&exam.clone()), move |app, _| {
                let exam = resolve(app, &exam)?;
                let seed = seed.unwrap_or_else(rand::random);
                app.start_study(&exam, limit as usize, seed, Utc::now())
                    .map_err(|e| anyhow!(e))?;
                app.has_menu = false;
                Ok(app.take_queued())
            })
        }
        Some(Command::Exam {
            ref exam,
            seed,
            minutes,
            discard,
            stretch,
        }) => {
            let exam = exam.clone();
            interactive(&cli, &source, Some(&exam.clone()), move |app, store| {
                app.stretch = stretch;
                // The exam named must exist before anything else is said about it.
                let exam = resolve(app, &exam)?;
                // With --discard the saved exam is set aside (never deleted) when the new one's
                // clock starts, not before: `q` on the start screen keeps it as it was.
                let mut replaces = None;
                if let Some(s) = app.saved(&exam) {
                    if let Some(holder) = store.journal_holder(&exam) {
                        bail!(
                            "the unfinished {} exam is open in another pyexam ({holder}); finish or quit it there first",
                            s.code
                        );
                    }
                    if !discard {
                        bail!(
                            "an unfinished {} exam is saved ({}): run `{}` to finish it, or add --discard to start over",
                            s.code,
                            s.tally().brief(),
                            app.invocation.resume(&s.exam),
                        );
                    }
                    replaces = app.forget_saved(&exam);
                }
                // Short enough to read off the results screen and type again.
                let seed = seed.unwrap_or_else(|| u64::from(rand::random::<u32>()));
                let effects = app
                    .start_mock(&exam, seed, minutes, Utc::now())
                    .map_err(|e| anyhow!(e))?;
                app.has_menu = false;
                match replaces {
                    Some(saved) => {
                        app.replace_saved_at_start(saved);
                        Ok(Vec::new())
                    }
                    None => Ok(effects),
                }
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
            interactive(&cli, &source, Some(&exam.clone()), move |app, _| {
                let exam = resolve(app, &exam)?;
                // Short enough to read off the results screen and type again.
                let seed = seed.unwrap_or_else(|| u64::from(rand::random::<u32>()));
                let count = count.map(|n| n as usize);
                let started = match &objective {
                    Some(o) => app
                        .start_objective_drill(&exam, o, count, seed, Utc::now())
                        .map_err(DrillError::Invalid),
                    None => app.start_drill(&exam, topic.as_deref(), count, missed, seed, Utc::now()),
                };
                match started {
                    Ok(()) => {}
                    Err(DrillError::Nothing(message)) => return Err(anyhow!(Done(message))),
                    Err(e) => bail!(e),
                }
                app.has_menu = false;
                Ok(app.take_queued())
            })
        }
        Some(Command::Resume { ref exam }) => {
            let exam = exam.clone();
            interactive(&cli, &source, exam.clone().as_deref(), move |app, store| {
                let exam = exam.map(|e| resolve(app, &e)).transpose()?;
                let session = match exam {
                    Some(exam) => app.saved(&exam).cloned().ok_or_else(|| {
                        let code = app.spec(&exam).map_or(exam.clone(), |s| s.code);
                        match store.load_journal(&exam) {
                            Err(e) => anyhow!(
                                "the saved {code} exam cannot be read: {e}. `{}` (the menu) moves it aside, keeping it, so a new exam can start",
                                app.invocation.any("")
                            ),
                            Ok(_) => anyhow!("no {code} exam to resume: {}", saved_list(app)),
                        }
                    })?,
                    None => match (app.journals.as_slice(), app.saved_drill.is_some()) {
                        ([], _) => {
                            if let Some(saved) = app.saved_drill.take() {
                                app.resume_drill(saved).map_err(|e| anyhow!(e))?;
                                app.has_menu = false;
                                return Ok(app.take_queued());
                            }
                            bail!(
                                "no exam to resume: start one with `{}`",
                                app.invocation.any("exam <EXAM>")
                            );
                        }
                        ([one], false) => one.clone(),
                        (exams, drill) => {
                            // Several saved: the menu lists each, and asks which.
                            app.notice = Some(format!(
                                "{} exams{} are saved: choose the one to resume (or run `{}`).",
                                exams.len(),
                                if drill { " and a drill" } else { "" },
                                app.invocation.any("resume <EXAM>")
                            ));
                            return Ok(Vec::new());
                        }
                    },
                };
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
            })
        }
        Some(Command::Review { ref attempt }) => {
            let attempt = attempt.clone();
            interactive(&cli, &source, None, move |app, store| {
                let index = match &attempt {
                    None => app
                        .history
                        .len()
                        .checked_sub(1)
                        .ok_or_else(|| anyhow!(no_attempts(app)))?,
                    Some(key) => find_attempt(app, key).map_err(|e| {
                        // A number whose file could not be read: say which file, not only
                        // that the number is not there.
                        match key.parse().ok().and_then(|n| store.attempt_file(n)) {
                            Some(file) if !app.history.iter().any(|s| format!("{}.json", s.name) == file) => {
                                anyhow!(
                                    "attempt {key} ({file}) cannot be read (see the warning above); it is left as it is"
                                )
                            }
                            _ => e,
                        }
                    })?,
                };
                let chosen = store.load_attempt(&app.history[index].name)?;
                app.open(Screen::Review(Box::new(ReviewScreen::new(chosen))));
                Ok(Vec::new())
            })
        }
        Some(Command::History { ref exam, .. }) => {
            let exam = exam.clone();
            interactive(&cli, &source, None, move |app, _| {
                let exam = exam.map(|e| resolve(app, &e)).transpose()?;
                app.open(Screen::History(pyexam::tui::app::HistoryScreen::new(exam)));
                Ok(Vec::new())
            })
        }
    }
}

/// "no attempts yet; take one with `pyexam exam pcep` (or pcap, pcpp1, pcpp2)", with the exams
/// this run has.
fn no_attempts(app: &App) -> String {
    let ids: Vec<&str> = app.banks.exams.iter().map(|e| e.id.as_str()).collect();
    let Some((first, rest)) = ids.split_first() else {
        return "no attempts yet".into();
    };
    let others = if rest.is_empty() {
        String::new()
    } else {
        format!(" (or {})", rest.join(", "))
    };
    format!(
        "no attempts yet; take one with `{}`{others}",
        app.invocation.about(first, &format!("exam {first}"))
    )
}

/// Not an error: the command has nothing to do, says so and exits 0.
#[derive(Debug)]
struct Done(String);

impl std::fmt::Display for Done {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Done {}

/// The canonical id of the exam `name` means (id or code, any case), or the one-line error.
fn resolve(app: &App, name: &str) -> Result<String> {
    app.banks
        .resolve_exam(name)
        .map(|e| e.id.clone())
        .ok_or_else(|| anyhow!(pyexam::tui::app::unknown_exam(&app.banks, name)))
}

/// The history entry a number (as `pyexam history` shows it) or a file name names.
fn find_attempt(app: &App, key: &str) -> Result<usize> {
    if app.history.is_empty() {
        bail!(no_attempts(app));
    }
    let stem = key.trim_end_matches(".json");
    let by_number = key.parse::<usize>().ok();
    app.history
        .iter()
        .position(|s| Some(s.number) == by_number || s.name == stem)
        .ok_or_else(|| {
            let last = app.history.last().map_or(0, |s| s.number);
            anyhow!(
                "no readable attempt '{key}': give a number from 1 to {last} as `{}` lists them, or a file name",
                app.invocation.any("history")
            )
        })
}

fn open_store(cli: &Cli) -> Result<Store> {
    Ok(Store::open(cli.home.clone())?)
}

/// The saved exams, as the command that resumes each: for an error naming what is valid.
fn saved_list(app: &App) -> String {
    match app.journals.as_slice() {
        [] => format!(
            "no exam is saved; start one with `{}`",
            app.invocation.any("exam <EXAM>")
        ),
        saved => format!(
            "saved: {}",
            saved
                .iter()
                .map(|s| format!("{} (`{}`)", s.code, app.invocation.resume(&s.exam)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
