//! Syllabus objectives on items: every item of a topic that lists objectives names one of that
//! topic's own; objectives with too few items to measure are warned about.

use super::BankSet;
use super::load::SourceFile;
use crate::diagnostic::Problem;
use crate::exam::{self, ExamSpec};

/// Fewer items than this and an objective's mastery rests on one or two answers.
pub const MIN_ITEMS_PER_OBJECTIVE: usize = 3;

/// What is wrong with an item's `objective:`, if anything. Topics that list no objectives (a
/// user's own banks) do not require one.
pub fn check(spec: &ExamSpec, topic: &str, id: &str, objective: Option<&str>) -> Option<String> {
    let listed = spec.topic_objectives(topic);
    let valid = if listed.is_empty() {
        format!("topic '{topic}' lists no objectives in exams.yaml")
    } else {
        let ids: Vec<&str> = listed.iter().map(|o| o.id.as_str()).collect();
        format!("valid for {topic}: {}", ids.join(", "))
    };
    match objective {
        None if listed.is_empty() => None,
        None => Some(format!("question '{id}' has no objective ({valid})")),
        Some(o) if listed.iter().any(|l| l.id == o) => None,
        Some(o) => Some(match spec.objective(o) {
            Some((other, _)) => format!(
                "question '{id}' has objective '{o}', which belongs to {other}, not {topic} ({valid})"
            ),
            None => format!("question '{id}' has unknown objective '{o}' ({valid})"),
        }),
    }
}

/// A warning, located at the objective in exams.yaml, for each objective with too few items.
pub fn thin_objectives(banks: &BankSet, exams_file: &SourceFile) -> Vec<Problem> {
    let text = exams_file.text.as_deref().unwrap_or("");
    let mut warnings = Vec::new();
    for spec in banks.exams.iter().filter(|e| !banks.pending.contains(&e.id)) {
        let (exam_line, _) = exam::locate(text, &format!("id: {}", spec.id));
        for (topic, objective) in spec.objectives() {
            let n = banks
                .in_topic(&spec.id, topic)
                .filter(|q| q.objective.as_deref() == Some(objective.id.as_str()))
                .count();
            if n < MIN_ITEMS_PER_OBJECTIVE {
                let (line, col) = exam::locate_id(text, exam_line + 1, &objective.id, 1);
                warnings.push(Problem::warning(
                    &exams_file.path,
                    line,
                    col,
                    format!(
                        "objective '{}' of {} {topic} has {n} item{}; {MIN_ITEMS_PER_OBJECTIVE} or more are needed to measure it",
                        objective.id,
                        spec.id,
                        if n == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
    }
    warnings
}
