//! `pyexam progress <EXAM> [--json]`: readiness, then sections and objectives weakest first,
//! and the command that drills the weakest objective.

use anyhow::{Result, bail};
use chrono::Utc;
use unicode_width::UnicodeWidthStr;

use super::{load_banks, open_store};
use pyexam::bank::BankSource;
use pyexam::cli::Cli;
use pyexam::insight::{self, Estimate, HALF_LIFE_DAYS, Mastery, MockEvidence, Readiness};
use pyexam::session::Mode;

pub fn progress(cli: &Cli, source: &BankSource, exam: &str, json: bool) -> Result<i32> {
    let loaded = load_banks(source, Some(exam))?;
    let inv = loaded.invocation(cli);
    let banks = loaded.banks;
    let Some(spec) = banks.resolve_exam(exam) else {
        bail!(pyexam::tui::app::unknown_exam(&banks, exam));
    };
    let exam = spec.id.as_str();
    let mock = inv.about(exam, &format!("exam {exam}"));
    let store = open_store(cli)?;
    let (history, problems) = store.load_history();
    for p in &problems {
        errln!("pyexam: warning: {p}; skipped, the file is left as it is");
    }
    let attempts: Vec<_> = history
        .iter()
        .map(|s| &s.summary)
        .filter(|a| a.exam == exam)
        .collect();
    let now = Utc::now();
    let events = insight::history_events(attempts.iter().copied(), &banks);
    let mastery = Mastery::new(spec, &events, now);
    let evidence = MockEvidence::of(attempts.iter().copied(), exam, now);
    let readiness = Readiness::new(spec, &mastery, &evidence);
    let weakest = mastery
        .has_data()
        .then(|| mastery.weakest(1).into_iter().next())
        .flatten();
    let drill = weakest.map(|(_, o)| inv.about(exam, &format!("drill {exam} --objective {}", o.id)));
    if json {
        let estimate = |e: &Estimate| {
            let (low, high) = e.interval();
            serde_json::json!({
                "seen": e.seen,
                "answers": e.answers,
                "accuracy": e.accuracy,
                "mastery": e.mean(),
                "low": low,
                "high": high,
            })
        };
        let topics: Vec<_> = mastery
            .topics
            .iter()
            .map(|t| {
                let mut v = estimate(&t.estimate);
                v["id"] = t.id.clone().into();
                v["title"] = t.title.clone().into();
                v["weight"] = t.weight.into();
                v["objectives"] = t
                    .objectives
                    .iter()
                    .map(|o| {
                        let mut v = estimate(&o.estimate);
                        v["id"] = o.id.clone().into();
                        v["title"] = o.title.clone().into();
                        v
                    })
                    .collect();
                v
            })
            .collect();
        let out = serde_json::json!({
            "exam": exam,
            "code": spec.code,
            "readiness": readiness,
            "exam_date": store.exam_dates().get(exam),
            "summary": readiness.line(&mock),
            "half_life_days": HALF_LIFE_DAYS,
            "answers": mastery.overall.answers,
            "topics": topics,
            "weakest": weakest.map(|(t, o)| serde_json::json!({
                "objective": o.id, "title": o.title, "topic": t.id, "command": drill,
            })),
        });
        // serde_json writes control characters as \u001b escapes (tests/terminal_text.rs).
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(0);
    }
    let mocks = attempts.iter().filter(|a| a.mode == Mode::Mock).count();
    outln!("{} {}", spec.code, spec.title);
    outln!("{}", readiness.line(&mock));
    outln!(
        "From {mocks} mock(s) and {} drill(s), {} answers; an answer's weight halves every {HALF_LIFE_DAYS:.0} days.",
        attempts.len() - mocks,
        mastery.overall.answers
    );
    outln!();
    outln!(
        "{:<50} {:>5} {:>9} {:>14}",
        "section / objective (weakest first)",
        "seen",
        "accuracy",
        "mastery (80%)"
    );
    for t in &mastery.topics {
        let weight = t.weight.map_or("drill".to_string(), |w| format!("{w}%"));
        print_row(&format!("{} ({weight})", t.title), &t.estimate);
        for o in &t.objectives {
            print_row(&format!("  {} {}", o.id, o.title), &o.estimate);
        }
    }
    outln!();
    match (weakest, drill) {
        (Some((_, o)), Some(command)) => {
            outln!("Weakest objective: {} {}", o.id, o.title);
            outln!("  {command}");
        }
        _ if mastery.has_data() => outln!(
            "Drill a topic: {}",
            inv.about(exam, &format!("drill {exam} --topic <TOPIC>"))
        ),
        _ => outln!("Start with a mock: {}", inv.about(exam, &format!("exam {exam}"))),
    }
    Ok(0)
}

fn print_row(label: &str, e: &Estimate) {
    let label = fit(label, 50);
    let (accuracy, mastery) = match e.accuracy {
        None => ("-".to_string(), "not seen".to_string()),
        Some(a) => {
            let (low, high) = e.interval();
            (
                format!("{:.0}%", a * 100.0),
                format!(
                    "{:.0}% ({:.0}-{:.0})",
                    e.mean() * 100.0,
                    low * 100.0,
                    high * 100.0
                ),
            )
        }
    };
    outln!("{label} {:>5} {accuracy:>9} {mastery:>14}", e.seen);
}

/// `text` cut to `width` columns with an ellipsis, padded to exactly `width`.
fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if out.width() + 1 >= width && text.width() > width {
            out.push('…');
            break;
        }
        out.push(ch);
    }
    let pad = width.saturating_sub(out.width());
    out + &" ".repeat(pad)
}
