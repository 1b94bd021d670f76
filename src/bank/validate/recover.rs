//! Locating questions in the text, and checking the rest of a file after a schema error.

use super::check_question;
use crate::bank::model::{Origin, Question};
use crate::bank::positions::id_positions;
use crate::bank::schema::RawQuestion;
use crate::diagnostic::Problem;
use crate::exam::ExamSpec;

/// A schema error stops serde at the first bad question. Check every other question of the
/// file on its own (problems located at their `id:`), so one typo neither hides the rest's
/// problems nor drops the good questions of the file.
pub fn keep_other_questions(
    path: &str,
    text: &str,
    (folder, file_topic): (&str, &str),
    first_error: &str,
    exams: &[ExamSpec],
    questions: &mut Vec<Question>,
    problems: &mut Vec<Problem>,
) {
    #[derive(serde::Deserialize)]
    struct Loose {
        exam: String,
        topic: String,
        #[serde(default)]
        imported_from: Option<String>,
        questions: Vec<serde_yaml::Value>,
    }
    let Ok(loose) = serde_yaml::from_str::<Loose>(text) else {
        return;
    };
    let Some(spec) = exams
        .iter()
        .find(|e| e.id == loose.exam && e.topic_ids().any(|t| t == loose.topic))
    else {
        return;
    };
    if loose.exam != folder || loose.topic != file_topic {
        return;
    }
    // The first error names its question as `questions[N]`; it is reported already.
    let reported: Option<usize> = first_error
        .strip_prefix("questions[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse().ok());
    let positions = id_positions(text);
    for (i, value) in loose.questions.into_iter().enumerate() {
        if Some(i) == reported {
            continue;
        }
        let (line, col) = positions.get(i).copied().unwrap_or((1, 1));
        match serde_yaml::from_value::<RawQuestion>(value) {
            Err(e) => problems.push(Problem::new(path, line, col, format!("questions[{i}]: {e}"))),
            Ok(raw) => {
                let origin = Origin {
                    path: path.to_string(),
                    line,
                    col,
                };
                let imported = loose.imported_from.is_some();
                match check_question(raw, spec, &loose.topic, origin, imported) {
                    Ok((q, mut warnings)) => {
                        questions.push(q);
                        problems.append(&mut warnings);
                    }
                    Err(mut more) => problems.append(&mut more),
                }
            }
        }
    }
}
