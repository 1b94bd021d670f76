//! The syllabus coverage map of an exam (docs/syllabus/<exam>.md), generated from exams.yaml and
//! the items' `objective:` so that the data is the one source of truth.

use std::fmt::Write;

use super::BankSet;
use super::objectives::MIN_ITEMS_PER_OBJECTIVE;
use crate::exam::ExamSpec;

/// The command that rewrites the maps; the test that compares them names it when they are stale.
pub const REFRESH: &str = "PYEXAM_WRITE_SYLLABUS=1 cargo test --test syllabus";

pub fn markdown(spec: &ExamSpec, banks: &BankSet) -> String {
    let mut out = String::new();
    let total = banks.questions.iter().filter(|q| q.exam == spec.id).count();
    let _ = writeln!(out, "# {} syllabus coverage\n", spec.code);
    let _ = writeln!(
        out,
        "Generated from `question-banks/exams.yaml` and the items' `objective:`; do not edit by hand.\n\
         Refresh with `{REFRESH}`. {total} items in all; an objective with fewer than \
         {MIN_ITEMS_PER_OBJECTIVE} items is marked ⚠."
    );
    for topic in spec.topic_ids() {
        let title = spec.topic_title(topic).unwrap_or(topic);
        let items: Vec<_> = banks.in_topic(&spec.id, topic).collect();
        let kind = match spec.section(topic) {
            Some(s) => format!("{} drawn per mock, {}%", s.items, s.weight),
            None => "drill only".to_string(),
        };
        let _ = writeln!(out, "\n## {topic}: {title}\n\n{} items ({kind}).\n", items.len());
        let listed = spec.topic_objectives(topic);
        for objective in listed {
            let ids: Vec<&str> = items
                .iter()
                .filter(|q| q.objective.as_deref() == Some(objective.id.as_str()))
                .map(|q| q.id.as_str())
                .collect();
            let mark = if ids.len() < MIN_ITEMS_PER_OBJECTIVE {
                " ⚠"
            } else {
                ""
            };
            let named = if ids.is_empty() {
                "no items yet".to_string()
            } else {
                ids.join(", ")
            };
            let _ = writeln!(
                out,
                "- **{}** {} ({}{mark}): {named}",
                objective.id,
                objective.title,
                ids.len()
            );
        }
        let untagged: Vec<&str> = items
            .iter()
            .filter(|q| q.objective.is_none())
            .map(|q| q.id.as_str())
            .collect();
        if !untagged.is_empty() {
            let _ = writeln!(
                out,
                "- no objective ({}): {}",
                untagged.len(),
                untagged.join(", ")
            );
        }
    }
    out
}
