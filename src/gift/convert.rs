//! One GIFT question to one bank item of the closest kind, or the reason there is none. The
//! items are written in the bank file's own YAML shape (DESIGN.md for `gap` and `slots`).

use std::collections::HashSet;

use serde::Serialize;

use super::import::Skipped;
use super::text::take_fence;
use super::{Answer, Body, Question};

/// Options are chosen with the keys 1-9 (as `bank::validate` requires).
const MAX_CHOICES: usize = 9;

#[derive(Serialize)]
pub struct OutFile<'a> {
    pub exam: &'a str,
    pub topic: &'a str,
    pub imported_from: &'a str,
    pub questions: Vec<OutQuestion>,
}

#[derive(Serialize, Default)]
pub struct OutQuestion {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    pub prompt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pool: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub slots: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<Vec<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<OutChoice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shuffle: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

#[derive(Serialize)]
pub struct OutChoice {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub correct: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Convert GIFT `text` into a bank file of `exam`/`topic`. `source` names the GIFT file in the
/// bank (`imported_from:`), which makes a missing explanation a warning rather than an error.
pub fn convert(q: &Question, notes: &mut Vec<Skipped>) -> Result<OutQuestion, String> {
    let explanation = q.general_feedback.clone();
    match &q.body {
        Body::Choice(answers) => choice(q, answers, explanation),
        Body::TrueFalse {
            value,
            wrong_feedback,
            right_feedback,
        } => {
            let (prompt, code) = prompt_and_code(q, "_____");
            let feedback = |right: bool| {
                if right {
                    right_feedback.clone()
                } else {
                    wrong_feedback.clone()
                }
            };
            let choices = [("True", *value), ("False", !*value)]
                .into_iter()
                .map(|(text, correct)| OutChoice {
                    text: text.into(),
                    correct,
                    why: feedback(correct),
                })
                .collect();
            question(prompt, code, choices, explanation).map(|mut out| {
                out.shuffle = Some(false);
                out
            })
        }
        Body::ShortAnswer(answers) => gap(q, answers, explanation, notes),
        Body::Matching(pairs) => slots(q, pairs, explanation),
        Body::Numerical => Err("pyexam has no numeric-answer kind".into()),
        Body::Essay => Err("an essay has no answer key to score".into()),
        Body::Description => Err("no answers: a description is not a question".into()),
    }
}

/// The question text (a missing word shown as `blank`) and the code of its fenced block.
fn prompt_and_code(q: &Question, blank: &str) -> (String, Option<String>) {
    let text = match &q.after {
        Some(after) => format!("{}{blank}{after}", q.before),
        None => q.before.clone(),
    };
    let text = text.trim();
    match take_fence(text) {
        Some((around, code, _lang)) => (around, Some(code)),
        None => (text.to_string(), None),
    }
}

fn choice(q: &Question, answers: &[Answer], explanation: Option<String>) -> Result<OutQuestion, String> {
    // Counted before anything is copied: a file of `~~~~...` is millions of answers.
    let n = answers.len();
    if n < 2 {
        return Err(format!("needs at least 2 answers, has {n}"));
    }
    if n > MAX_CHOICES {
        return Err(format!("{n} answers; pyexam shows at most {MAX_CHOICES}"));
    }
    let (prompt, code) = prompt_and_code(q, "_____");
    let choices: Vec<OutChoice> = answers
        .iter()
        .map(|a| OutChoice {
            text: a.text.clone(),
            correct: a.is_key(),
            why: a.feedback.clone(),
        })
        .collect();
    let keys = choices.iter().filter(|c| c.correct).count();
    if keys == 0 {
        return Err("no right answer ('=' or a positive %weight%)".into());
    }
    if keys == n {
        return Err("every answer is right".into());
    }
    for (i, c) in choices.iter().enumerate() {
        if c.text.trim().is_empty() {
            return Err(format!("answer {} is empty", i + 1));
        }
        if choices[..i].iter().any(|o| o.text == c.text) {
            return Err(format!("two answers read '{}'", c.text));
        }
    }
    question(prompt, code, choices, explanation)
}

fn question(
    prompt: String,
    code: Option<String>,
    choices: Vec<OutChoice>,
    explanation: Option<String>,
) -> Result<OutQuestion, String> {
    if prompt.is_empty() {
        return Err("no question text".into());
    }
    Ok(OutQuestion {
        prompt,
        code,
        choices,
        explanation,
        ..OutQuestion::default()
    })
}

/// Short answer: one gap accepting every full-credit answer.
fn gap(
    q: &Question,
    answers: &[Answer],
    explanation: Option<String>,
    notes: &mut Vec<Skipped>,
) -> Result<OutQuestion, String> {
    if take_fence(&q.before).is_some() {
        return Err(
            "a code block: a gap sits inside the code, so write the item in YAML with a ___1___ marker"
                .into(),
        );
    }
    let mut accepted = Vec::new();
    // A set beside the list: `accepted.contains` made 100k answers take seconds (quadratic).
    let mut seen = HashSet::new();
    for a in answers {
        if a.weight.is_some_and(|w| w < 100.0) {
            notes.push(Skipped {
                line: a.line,
                reason: format!(
                    "answer '{}' ({}%) left out: a gap accepts full-credit answers only",
                    a.text,
                    a.weight.unwrap_or_default()
                ),
            });
        } else if !a.text.is_empty() && seen.insert(a.text.as_str()) {
            accepted.push(a.text.clone());
        }
    }
    if accepted.is_empty() {
        return Err("no full-credit answer".into());
    }
    let (prompt, code) = match &q.after {
        Some(after) => (
            "Type the missing word.".to_string(),
            format!("{}___1___{}", q.before.trim_start(), after.trim_end()),
        ),
        None => (q.before.trim().to_string(), "___1___".to_string()),
    };
    if prompt.is_empty() {
        return Err("no question text".into());
    }
    let feedback: Vec<String> = answers
        .iter()
        .filter_map(|a| a.feedback.as_ref().map(|f| format!("'{}': {f}", a.text)))
        .collect();
    Ok(OutQuestion {
        kind: Some("gap"),
        prompt,
        code: Some(code + "\n"),
        lang: Some("text"),
        gaps: vec![accepted],
        explanation: with_feedback(explanation, &feedback),
        ..OutQuestion::default()
    })
}

/// Matching: one slot per pair, the right-hand sides (and distractors) as the pool.
fn slots(
    q: &Question,
    pairs: &[(String, String)],
    explanation: Option<String>,
) -> Result<OutQuestion, String> {
    // Counted first, as for choices: every later step is then over at most nine pairs.
    if pairs.len() > MAX_CHOICES {
        return Err(format!(
            "{} pairs; a slot pool holds at most {MAX_CHOICES} entries",
            pairs.len()
        ));
    }
    let (prompt, code) = prompt_and_code(q, "_____");
    if code.is_some() {
        return Err("a code block: slots sit inside the code, so write the item in YAML".into());
    }
    let mut pool: Vec<String> = Vec::new();
    for (left, right) in pairs {
        if right.is_empty() {
            return Err(format!("'{left} ->' has no right-hand side"));
        }
        if left.contains('\n') || right.contains('\n') {
            return Err("a pair spans lines; slots hold one line each".into());
        }
        if pool.contains(right) {
            return Err(format!(
                "'{right}' is the match of two items; a slot pool holds each entry once"
            ));
        }
        pool.push(right.clone());
    }
    let matched: Vec<&(String, String)> = pairs.iter().filter(|(l, _)| !l.is_empty()).collect();
    if matched.is_empty() {
        return Err("no pairs to match".into());
    }
    let code: String = matched
        .iter()
        .enumerate()
        .map(|(i, (left, _))| format!("{left} -> ___{}___\n", i + 1))
        .collect();
    if prompt.is_empty() {
        return Err("no question text".into());
    }
    Ok(OutQuestion {
        kind: Some("slots"),
        prompt,
        code: Some(code),
        lang: Some("text"),
        slots: matched.iter().map(|(_, r)| r.clone()).collect(),
        pool,
        explanation,
        ..OutQuestion::default()
    })
}

fn with_feedback(explanation: Option<String>, feedback: &[String]) -> Option<String> {
    if feedback.is_empty() {
        return explanation;
    }
    let feedback = feedback.join("\n");
    Some(match explanation {
        Some(e) => format!("{e}\n\n{feedback}"),
        None => feedback,
    })
}
