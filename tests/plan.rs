//! `pyexam plan`: an exam date kept in the home, the days to it with new items, reviews and
//! mocks, reviews that all fall before the exam, and progress carrying the date.

mod common;

use chrono::{Duration, Local, Utc};
use common::histories::*;

fn pyexam(home: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    common::run_pyexam(home, Some(&objectives_dir()), args)
}

fn json(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let (code, out, err) = pyexam(home, args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn after_one_mock_a_date_three_days_out_plans_mocks_and_every_review_before_it() {
    let banks = objective_banks();
    // One mock an hour ago, half right: its misses are due at once, its right answers later.
    let home = home_with(&[mock(
        &banks,
        3,
        |i| i.section == "syntax",
        Utc::now() - Duration::hours(1),
    )]);
    let date = (Local::now().date_naive() + Duration::days(3)).to_string();
    let (code, out, err) = pyexam(home.path(), &["plan", "mini", "--date", &date]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!("MINI-01 exam on {date} (3 days left)")),
        "{out}"
    );
    // The printed command runs as printed: it carries the --banks folder of this exam.
    assert!(
        out.contains("full mock: pyexam --banks ") && out.contains(" exam mini"),
        "{out}"
    );
    assert!(out.contains("Full mocks so far: "), "{out}");
    assert!(
        out.contains("Readiness: no verdict yet: take 1 more full mock"),
        "{out}"
    );

    let plan = json(home.path(), &["plan", "mini", "--json"]);
    let days = plan["plan"]["days"].as_array().unwrap();
    assert_eq!(days.len(), 3);
    assert!(days.iter().any(|d| d["mock"] == true), "{plan}");
    assert_eq!(plan["trajectory"]["mocks"].as_array().unwrap().len(), 1);
    assert_eq!(plan["trajectory"]["today"]["status"], "need-mocks");
    // Where the plan leads: FSRS's recall forecast for exam day, with its range.
    let ahead = &plan["trajectory"]["exam_day"];
    let (low, recall, high) = (
        ahead["low"].as_f64().unwrap(),
        ahead["recall"].as_f64().unwrap(),
        ahead["high"].as_f64().unwrap(),
    );
    assert!(
        0.0 < low && low <= recall && recall <= high && high <= 1.0,
        "{ahead}"
    );
    assert!(ahead["studied"].as_u64().unwrap() > 0, "{ahead}");
    assert!(
        out.contains("Exam day, following this plan: you recall about"),
        "{out}"
    );
    for d in days {
        for field in ["date", "new", "reviews", "mock", "minutes"] {
            assert!(d.get(field).is_some(), "{field} in {d}");
        }
    }

    let progress = json(home.path(), &["progress", "mini", "--json"]);
    assert_eq!(progress["exam_date"], date);

    // Every scheduled item is due before the exam day (FSRS alone puts right answers days
    // or weeks out).
    let study = json(home.path(), &["study", "mini", "--list", "--json", "--all"]);
    let all = study["all"].as_array().unwrap();
    assert!(!all.is_empty(), "{study}");
    let exam_day = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap();
    for e in all {
        let due: chrono::DateTime<Utc> = e["due"].as_str().unwrap().parse().unwrap();
        assert!(due.with_timezone(&Local).date_naive() < exam_day, "{e}");
    }
    // Without the date the same schedule runs past it.
    let (code, _, _) = pyexam(home.path(), &["plan", "mini", "--clear"]);
    assert_eq!(code, 0);
    let study = json(home.path(), &["study", "mini", "--list", "--json", "--all"]);
    let past = study["all"].as_array().unwrap().iter().any(|e| {
        let due: chrono::DateTime<Utc> = e["due"].as_str().unwrap().parse().unwrap();
        due.with_timezone(&Local).date_naive() >= exam_day
    });
    assert!(past, "FSRS alone schedules some review after the date: {study}");
    assert!(json(home.path(), &["progress", "mini", "--json"])["exam_date"].is_null());
}

#[test]
fn a_bad_or_past_date_is_one_line_naming_the_form() {
    let home = home_with(&[]);
    let (code, _, err) = pyexam(home.path(), &["plan", "mini", "--date", "tomorrow"]);
    assert_eq!(code, 2);
    assert!(err.contains("give the exam day as YYYY-MM-DD"), "{err}");
    let (code, _, err) = pyexam(home.path(), &["plan", "mini", "--date", "2020-01-01"]);
    assert_eq!(code, 1);
    assert!(err.contains("is not after today"), "{err}");
    let (code, out, _) = pyexam(home.path(), &["plan", "mini"]);
    assert_eq!(code, 0);
    assert!(out.contains("No MINI-01 exam date yet"), "{out}");
}

#[test]
fn the_menu_says_how_far_off_the_exam_is() {
    use pyexam::tui::app::{App, Msg};
    let banks = objective_banks();
    let mut app = App::new(banks, Vec::new(), None, common::mono(), 1, Utc::now());
    let date = Local::now().date_naive() + Duration::days(12);
    app.exam_dates.insert("mini".into(), date);
    let at = app
        .menu_entries()
        .iter()
        .position(|e| matches!(e, pyexam::tui::app::MenuEntry::Exam(id) if id == "mini"))
        .unwrap();
    app.update(Msg::Choose(at), Utc::now());
    let screen = common::screen(&app, 80, 24);
    assert!(
        screen.contains(&format!("MINI-01 exam in 12 days ({date})")),
        "{screen}"
    );
    assert!(screen.contains(&format!("Plan to exam day ({date})")), "{screen}");
    // The Plan entry opens the days to the date; q comes back to it.
    let plan_at = app
        .menu_entries()
        .iter()
        .position(|e| *e == pyexam::tui::app::MenuEntry::Plan)
        .unwrap();
    app.update(Msg::Choose(plan_at), Utc::now());
    let plan = common::screen(&app, 60, 18);
    assert!(plan.contains("Plan to exam day: MINI-01"), "{plan}");
    assert!(
        plan.contains("MINI-01 exam on") && plan.contains("(12 days left)"),
        "{plan}"
    );
    assert!(plan.contains("▼"), "more below at 60x18: {plan}");
    app.update(Msg::Last, Utc::now());
    let end = common::screen(&app, 60, 18);
    assert!(end.contains("Today: `pyexam study mini`"), "{end}");
    assert!(end.contains("▲ more above"), "{end}");
    app.update(Msg::Quit, Utc::now());
    assert_eq!(
        app.menu_entries()[match &app.screen {
            pyexam::tui::app::Screen::Menu(m) => m.selected,
            _ => panic!("back on the menu"),
        }],
        pyexam::tui::app::MenuEntry::Plan
    );
}
