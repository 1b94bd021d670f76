//! `pyexam plan <EXAM> [--date YYYY-MM-DD | --clear] [--json]`: the exam date, and the days to
//! it: new items, reviews, full mocks, minutes.

use anyhow::{Result, bail};
use chrono::{NaiveDate, Utc};

use super::{load_banks, open_store};
use pyexam::bank::BankSource;
use pyexam::cli::Cli;
use pyexam::tui::app::App;
use pyexam::tui::theme::Theme;

pub fn plan(
    cli: &Cli,
    source: &BankSource,
    exam: &str,
    date: Option<NaiveDate>,
    clear: bool,
    minutes_per_day: u32,
    json: bool,
) -> Result<i32> {
    let loaded = load_banks(source, Some(exam))?;
    let inv = loaded.invocation(cli);
    let banks = loaded.banks;
    let Some(spec) = banks.resolve_exam(exam) else {
        bail!(pyexam::tui::app::unknown_exam(&banks, exam));
    };
    let (exam, code) = (spec.id.clone(), spec.code.clone());
    let store = open_store(cli)?;
    let now = Utc::now();
    let today = now.with_timezone(&chrono::Local).date_naive();
    if let Some(d) = date {
        if d <= today {
            bail!("the exam date {d} is not after today ({today}): give a future day as YYYY-MM-DD");
        }
        store.set_exam_date(&exam, Some(d))?;
    }
    if clear {
        store.set_exam_date(&exam, None)?;
        outln!("The {code} exam date is cleared: study schedules for someday again.");
        return Ok(0);
    }
    let (history, problems) = store.load_history();
    for p in &problems {
        errln!("pyexam: warning: {p}; skipped, the file is left as it is");
    }
    let mut app = App::new(banks, history, None, Theme { color: false }, 0, now);
    app.invocation = inv.clone();
    app.exam_dates = store.exam_dates();
    let Some(plan) = app.plan(&exam, minutes_per_day) else {
        outln!("{}", app.plan_lines(&exam, minutes_per_day, true).join("\n"));
        return Ok(0);
    };
    if json {
        // Where you are heading: each full mock's score so far and today's readiness (a
        // verdict only with enough evidence, as everywhere).
        let out = serde_json::json!({
            "exam": exam,
            "code": code,
            "minutes_per_day": minutes_per_day,
            "plan": plan,
            "trajectory": {
                "mocks": app.mock_trajectory(&exam).iter().map(|(d, p)| serde_json::json!({"date": d, "percent": p})).collect::<Vec<_>>(),
                "today": app.readiness_today(&exam),
                "exam_day": app.exam_day_projection(&exam, &plan),
            },
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(0);
    }
    for line in app.plan_lines(&exam, minutes_per_day, true) {
        outln!("{line}");
    }
    Ok(0)
}
