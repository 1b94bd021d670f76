//! `pyexam progress` and `pyexam drill --objective` from the command line, on histories built
//! by taking mocks: empty, one mock, many mocks, and an attempt saved before items had objectives.

mod common;

use chrono::Utc;
use common::histories::*;

fn pyexam(home: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    common::run_pyexam(home, Some(&objectives_dir()), args)
}

/// How the commands progress prints start: the fixture is an exam of one's own (`--banks`),
/// and the home was given on the command line.
fn prefix(home: &std::path::Path) -> String {
    format!(
        "pyexam --banks {} --home {}",
        objectives_dir().display(),
        home.display()
    )
}

fn json(home: &std::path::Path) -> serde_json::Value {
    let (code, out, err) = pyexam(home, &["progress", "mini", "--json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn empty_history_says_take_a_mock_first() {
    let home = home_with(&[]);
    let (code, out, _) = pyexam(home.path(), &["progress", "mini"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "MINI-01 Mini Exam");
    let p = prefix(home.path());
    assert_eq!(
        lines[1],
        format!("Readiness: no answers yet, take a mock first ({p} exam mini)")
    );
    assert!(out.contains("  S.1 Read literals and names"), "{out}");
    assert!(
        out.ends_with(&format!("Start with a mock: {p} exam mini\n")),
        "{out}"
    );
    let v = json(home.path());
    assert_eq!(v["readiness"]["status"], "no-data");
    assert!(v["weakest"].is_null());
}

#[test]
fn one_mock_gives_no_verdict_but_still_sections_and_a_drill_command() {
    let banks = objective_banks();
    let home = home_with(&[mock(&banks, 3, |_| true, Utc::now())]);
    let (code, out, _) = pyexam(home.path(), &["progress", "mini"]);
    assert_eq!(code, 0);
    let readiness = out.lines().nth(1).unwrap();
    let p = prefix(home.path());
    assert_eq!(
        readiness,
        format!(
            "Readiness: no verdict yet: take 1 more full mock at standard time ({p} exam mini); \
             a prediction needs 2, the last within 30 days"
        )
    );
    assert!(!readiness.contains('%'), "no number before the evidence");
    assert!(out.contains("From 1 mock(s) and 0 drill(s), 6 answers"), "{out}");
    assert!(out.contains("  S.1 Read literals and names"), "{out}");
    // The drill-only topic was never answered: its objective is the weakest.
    assert!(
        out.ends_with(&format!(
            "Weakest objective: X.1 Read input\n  {p} drill mini --objective X.1\n"
        )),
        "{out}"
    );
    let v = json(home.path());
    assert_eq!(v["readiness"]["status"], "need-mocks");
    assert_eq!(v["readiness"]["mocks"], 1);
    assert!(v["readiness"].get("pass_chance").is_none(), "{v}");
    assert_eq!(v["answers"], 6);
}

#[test]
fn two_recent_full_mocks_give_a_verdict_an_old_one_does_not() {
    let banks = objective_banks();
    let now = Utc::now();
    let home = home_with(&[
        mock(&banks, 3, |_| true, now - chrono::Duration::days(2)),
        mock(&banks, 4, |_| true, now - chrono::Duration::days(1)),
    ]);
    let v = json(home.path());
    assert_eq!(v["readiness"]["status"], "estimate", "{v}");
    assert!(v["readiness"]["pass_chance"].as_f64().is_some(), "{v}");
    let old = home_with(&[
        mock(&banks, 3, |_| true, now - chrono::Duration::days(50)),
        mock(&banks, 4, |_| true, now - chrono::Duration::days(40)),
    ]);
    let v = json(old.path());
    assert_eq!(v["readiness"]["status"], "need-mocks", "{v}");
    let (_, out, _) = pyexam(old.path(), &["progress", "mini"]);
    assert!(out.contains("your last full mock was 40 days ago"), "{out}");
}

#[test]
fn minutes_mocks_and_mocks_barely_seen_are_no_mock_evidence() {
    let banks = objective_banks();
    let now = Utc::now();
    let mut practice = mock(&banks, 3, |_| true, now - chrono::Duration::days(1));
    practice.standard_time = false;
    let mut glimpsed = mock(&banks, 4, |_| true, now);
    // Submitted after the first item: 1 of 6 shown.
    glimpsed.shown = (0..glimpsed.items.len()).map(|i| i == 0).collect();
    let home = home_with(&[
        mock(&banks, 5, |_| true, now - chrono::Duration::days(2)),
        practice,
        glimpsed,
    ]);
    let v = json(home.path());
    assert_eq!(v["readiness"]["status"], "need-mocks", "{v}");
    assert_eq!(v["readiness"]["mocks"], 1, "{v}");
}

#[test]
fn after_many_mocks_the_weak_section_comes_first_and_is_not_ready() {
    let banks = objective_banks();
    let home = home_with(&syntax_strong_loops_weak(&banks, 8, Utc::now()));
    let v = json(home.path());
    assert_eq!(v["readiness"]["status"], "estimate");
    assert_eq!(v["readiness"]["verdict"], "not-ready");
    assert_eq!(v["topics"][0]["id"], "loops", "weakest section first");
    assert_eq!(v["topics"][0]["accuracy"], 0.0);
    assert_eq!(v["topics"][1]["id"], "syntax");
    assert_eq!(v["topics"][1]["accuracy"], 1.0);
    let weakest = v["weakest"]["objective"].as_str().unwrap();
    assert!(weakest.starts_with("L."), "{v}");
    assert_eq!(
        v["weakest"]["command"],
        format!("{} drill mini --objective {weakest}", prefix(home.path()))
    );
    let (_, out, _) = pyexam(home.path(), &["progress", "mini"]);
    assert!(out.contains("not ready yet"), "{out}");
}

#[test]
fn attempts_saved_before_objectives_map_through_the_bank() {
    let banks = objective_banks();
    let mut old = mock(&banks, 5, |_| true, Utc::now());
    for item in &mut old.items {
        item.objective = None;
    }
    let home = home_with(&[old]);
    let file = std::fs::read_dir(home.path().join("attempts"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(!std::fs::read_to_string(file).unwrap().contains("\"objective\""));
    let v = json(home.path());
    let seen: u64 = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["objectives"].as_array().unwrap())
        .map(|o| o["seen"].as_u64().unwrap())
        .sum();
    assert_eq!(seen, 6, "every answered item counted under its objective: {v}");
}

#[test]
fn a_bad_objective_is_one_line_naming_the_valid_ones() {
    let home = home_with(&[]);
    let (code, _, err) = pyexam(home.path(), &["drill", "mini", "--objective", "9.9"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "pyexam: unknown objective '9.9' for mini (valid: S.1, S.2, L.1, L.2, X.1)\n"
    );
    let (code, _, err) = pyexam(
        home.path(),
        &["drill", "mini", "--objective", "S.1", "--topic", "loops"],
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_drill_counts_only_first_answers() {
    use pyexam::tui::app::{App, Effect, Msg, Screen};
    let banks = objective_banks();
    let mut app = App::new(banks.clone(), Vec::new(), None, common::mono(), 1, common::t0());
    app.start_objective_drill("mini", "S.1", None, 4, common::t0())
        .unwrap();
    let mut first: Option<String> = None;
    let mut saved = None;
    for _ in 0..20 {
        let Screen::Drill(d) = &app.screen else { break };
        let item = &d.drill.items[d.drill.current().unwrap()];
        // The first item shown is answered wrong once; every other answer is right.
        let wrong_now = first.is_none();
        first.get_or_insert(item.id.clone());
        let pick = item.options.iter().position(|o| o.correct != wrong_now).unwrap();
        for msg in [Msg::Choose(pick), Msg::Confirm, Msg::Confirm] {
            for e in app.update(msg, common::t0()) {
                if let Effect::SaveAttempt(a) = e {
                    saved = Some(*a);
                }
            }
        }
    }
    let attempt = saved.expect("the finished drill is saved");
    let events = pyexam::insight::attempt_events(&attempt, &banks);
    assert_eq!(events.len(), 3);
    for e in &events {
        let want = if Some(&e.item_id) == first.as_ref() {
            0.0
        } else {
            1.0
        };
        assert_eq!(
            (e.credit, e.objective.as_deref()),
            (want, Some("S.1")),
            "{}",
            e.item_id
        );
    }
}
