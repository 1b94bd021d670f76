//! GIFT questions to a bank file, each question to its closest kind (`formats::items` builds the
//! items): multiple choice, multiple answers and true/false to `choice`, short answer to `gap`,
//! matching to `slots`. What has no faithful kind is skipped with its line and the reason;
//! nothing is dropped silently.

use super::parse;
use super::{Body, Question};
use crate::bank::Lang;
use crate::formats::html::take_fence;
use crate::formats::import::{self, Converted, Import};
use crate::formats::items::{self, Draft, DraftChoice, Skipped};

pub fn import(text: &str, exam: &str, topic: &str, source: &str) -> Import {
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    let mut converted = Vec::new();
    for parsed in parse(text) {
        let q = match parsed {
            Ok(q) => q,
            Err(e) => {
                skipped.push(Skipped {
                    line: e.line,
                    reason: format!("(syntax): {}", e.message),
                });
                continue;
            }
        };
        match convert(&q, &mut notes) {
            // Only what numbering needs is kept of the question, not its text and answers.
            Ok(draft) => converted.push(Converted {
                line: q.line,
                title: q.title,
                draft,
            }),
            Err(reason) => skipped.push(Skipped {
                line: q.line,
                reason: format!("({}): {reason}", q.body.name()),
            }),
        }
    }
    import::finish(converted, skipped, notes, exam, topic, source)
}

fn convert(q: &Question, notes: &mut Vec<Skipped>) -> Result<Draft, String> {
    let explanation = q.general_feedback.clone();
    match &q.body {
        Body::Choice(answers) => {
            let choices: Vec<DraftChoice> = answers
                .iter()
                .map(|a| DraftChoice {
                    text: a.text.clone(),
                    correct: a.is_key(),
                    why: a.feedback.clone(),
                })
                .collect();
            // Counted before the texts are compared: a file of `~~~~...` is millions of answers.
            if choices.len() <= items::MAX_CHOICES && !choices.iter().any(|c| c.correct) {
                return Err("no right answer ('=' or a positive %weight%)".into());
            }
            let (prompt, code) = prompt_and_code(q);
            items::choice(prompt, code, choices, explanation)
        }
        Body::TrueFalse {
            value,
            wrong_feedback,
            right_feedback,
        } => {
            let (prompt, code) = prompt_and_code(q);
            items::true_false(
                prompt,
                code,
                *value,
                wrong_feedback.clone(),
                right_feedback.clone(),
                explanation,
            )
        }
        Body::ShortAnswer(answers) => {
            if take_fence(&q.before).is_some() {
                return Err(
                    "a code block: a gap sits inside the code, so write the item in YAML with a ___1___ marker"
                        .into(),
                );
            }
            let weighted: Vec<(String, f64)> = answers
                .iter()
                .map(|a| (a.text.clone(), a.weight.unwrap_or(100.0)))
                .collect();
            let line = answers.first().map_or(q.line, |a| a.line);
            let accepted = items::accepted(&weighted, line, notes)?;
            let feedback: Vec<String> = answers
                .iter()
                .filter_map(|a| a.feedback.as_ref().map(|f| format!("'{}': {f}", a.text)))
                .collect();
            let explanation = with_feedback(explanation, &feedback);
            match &q.after {
                Some(after) => items::missing_words(
                    &format!("{}___1___{}", q.before.trim_start(), after.trim_end()),
                    vec![accepted],
                    explanation,
                ),
                None => items::short_answer(q.before.trim().to_string(), accepted, explanation),
            }
        }
        Body::Matching(pairs) => {
            let (prompt, code) = prompt_and_code(q);
            if code.is_some() {
                return Err("a code block: slots sit inside the code, so write the item in YAML".into());
            }
            items::matching(prompt, pairs, explanation)
        }
        Body::Numerical => Err("pyexam has no numeric-answer kind".into()),
        Body::Essay => Err("an essay has no answer key to score".into()),
        Body::Description => Err("no answers: a description is not a question".into()),
    }
}

/// The question text (a missing word shown as `_____`) and the code of its fenced block.
fn prompt_and_code(q: &Question) -> (String, Option<(String, Lang)>) {
    let text = match &q.after {
        Some(after) => format!("{}_____{after}", q.before),
        None => q.before.clone(),
    };
    let text = text.trim();
    match take_fence(text) {
        Some((around, code, lang)) => (around, Some((code, items::lang_named(&lang)))),
        None => (text.to_string(), None),
    }
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
