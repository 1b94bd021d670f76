//! `pyexam study <EXAM> --list [--json]`: today's study queue with due dates, to inspect it
//! (and to test it) without a terminal.

use anyhow::{Result, bail};
use chrono::Utc;

use super::{load_banks, open_store};
use pyexam::bank::BankSource;
use pyexam::cli::Cli;
use pyexam::study::Why;
use pyexam::tui::app::App;
use pyexam::tui::screens::study::{from_now, local};
use pyexam::tui::theme::Theme;

pub fn list(cli: &Cli, source: &BankSource, exam: &str, limit: usize, json: bool, all: bool) -> Result<i32> {
    let loaded = load_banks(source, Some(exam))?;
    let inv = loaded.invocation(cli);
    let (banks, warning) = (loaded.banks, loaded.warning);
    let Some(exam) = banks.resolve_exam(exam).map(|e| e.id.clone()) else {
        bail!(pyexam::tui::app::unknown_exam(&banks, exam));
    };
    let exam = exam.as_str();
    if let Some(w) = warning {
        errln!("pyexam: warning: {w}");
    }
    let store = open_store(cli)?;
    let (history, problems) = store.load_history();
    for p in &problems {
        errln!("pyexam: warning: {p}; skipped, the file is left as it is");
    }
    let now = Utc::now();
    let mut app = App::new(banks, history, None, Theme { color: false }, 0, now);
    app.exam_dates = store.exam_dates();
    let queue = app.study_queue(exam, None, limit).expect("the exam exists");
    if json {
        let mut out = serde_json::json!({
            "now": now,
            "exam_date": app.exam_date(exam),
            "limit": limit,
            "queue": queue,
        });
        if all {
            // Every scheduled item with its due date (capped before the exam date, if set).
            let summaries: Vec<_> = app.history.iter().map(|s| &s.summary).collect();
            let schedule = pyexam::study::Schedule::replay(&pyexam::study::reviews(summaries, exam));
            out["all"] = serde_json::to_value(pyexam::study::Queue::all_scheduled(
                &app.banks,
                &schedule,
                exam,
                app.review_deadline(exam),
            ))?;
        }
        // serde_json writes control characters as \u001b escapes (tests/terminal_text.rs).
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(0);
    }
    let code = app.banks.exam(exam).map(|e| e.code.as_str()).unwrap_or(exam);
    let due = queue.due().count();
    outln!(
        "{code} study queue: {due} due{}, {} new (limit {limit})",
        if queue.due_total > due {
            format!(" of {}", queue.due_total)
        } else {
            String::new()
        },
        queue.entries.len() - due,
    );
    let w = queue.entries.iter().map(|e| e.id.len()).max().unwrap_or(4).max(4);
    if !queue.entries.is_empty() {
        outln!("{:>3}  {:<w$} {:<9} {:<6} due", "#", "item", "objective", "last");
    }
    for (i, e) in queue.entries.iter().enumerate() {
        let when = match (e.why, e.due) {
            (Why::Due, Some(at)) => format!("{} ({})", from_now(at, now), local(at)),
            _ => "new".into(),
        };
        outln!(
            "{:>3}  {:<w$} {:<9} {:<6} {when}",
            i + 1,
            e.id,
            e.objective.as_deref().unwrap_or("-"),
            e.last.unwrap_or("-"),
        );
    }
    match queue.next_due {
        Some(at) => outln!("Next due after these: {} ({})", local(at), from_now(at, now)),
        None if due == 0 => outln!("Nothing is scheduled yet: take a mock or drill, then study."),
        None => {}
    }
    outln!("Study them: {}", inv.about(exam, &format!("study {exam}")));
    Ok(0)
}
