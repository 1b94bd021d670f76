//! Rules for single- and multiple-select items.

use super::MAX_CHOICES;
use crate::bank::Verify;
use crate::bank::model::Choice;
use crate::bank::schema::RawChoice;

pub fn check(
    raw: Vec<RawChoice>,
    verify: Option<Verify>,
    id: &str,
    problem: &mut impl FnMut(String),
) -> (Vec<Choice>, Vec<String>) {
    let given: Vec<Option<String>> = raw.iter().map(|c| c.check.clone()).collect();
    let choices: Vec<Choice> = raw.into_iter().map(Choice::from).collect();
    let mut checks = Vec::new();
    if verify == Some(Verify::Checks) {
        for (i, check) in given.iter().enumerate() {
            match check.as_deref().map(str::trim) {
                Some(c) if !c.is_empty() => checks.push(c.to_string()),
                _ => problem(format!(
                    "question '{id}' has verify: checks but option {} has no `check` (the Python expression that decides it)",
                    i + 1
                )),
            }
        }
    } else if let Some(i) = given.iter().position(Option::is_some) {
        problem(format!(
            "question '{id}' option {} has a `check`, which only verify: checks uses",
            i + 1
        ));
    }
    if choices.len() < 2 {
        problem(format!(
            "question '{id}' needs at least 2 options, has {}",
            choices.len()
        ));
    }
    if choices.len() > MAX_CHOICES {
        problem(format!(
            "question '{id}' has {} options; at most {MAX_CHOICES} fit the keys 1-9",
            choices.len()
        ));
    }
    let keyed = choices.iter().filter(|c| c.correct).count();
    if keyed == 0 {
        problem(format!("question '{id}' has no correct option"));
    } else if keyed == choices.len() {
        problem(format!("question '{id}' marks every option correct"));
    }
    for (i, choice) in choices.iter().enumerate() {
        if choice.text.trim().is_empty() {
            problem(format!("question '{id}' option {} has empty text", i + 1));
        }
        if choices[..i].iter().any(|c| c.text == choice.text) {
            problem(format!(
                "question '{id}' has two options with the text '{}'",
                choice.text
            ));
        }
    }
    if verify == Some(Verify::Output) && keyed > 1 {
        problem(format!(
            "question '{id}' has verify: output but {keyed} correct options"
        ));
    }
    (choices, checks)
}
