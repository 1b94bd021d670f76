//! GIFT questions to a bank file, each question to its closest kind: multiple choice, multiple
//! answers and true/false to `choice`, short answer to `gap`, matching to `slots`. What has no
//! faithful kind is skipped with its line and the reason; nothing is dropped silently.

use super::convert::{OutFile, OutQuestion, convert};
use super::parse;

#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The bank file, ready for `<banks>/<exam>/<topic>.yaml`.
    pub yaml: String,
    pub imported: Vec<Imported>,
    pub skipped: Vec<Skipped>,
    /// Kept, but not all of it: e.g. a partial-credit short answer left out.
    pub notes: Vec<Skipped>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub line: usize,
    pub id: String,
    pub kind: &'static str,
    pub explained: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}
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
            Ok(out) => converted.push((q.line, q.title, out)),
            Err(reason) => skipped.push(Skipped {
                line: q.line,
                reason: format!("({}): {reason}", q.body.name()),
            }),
        }
    }
    let ids = assign_ids(&converted, exam, topic);
    let mut imported = Vec::new();
    let mut questions = Vec::new();
    for ((line, _, mut out), id) in converted.into_iter().zip(ids) {
        out.id = id.clone();
        imported.push(Imported {
            line,
            id,
            kind: out.kind.unwrap_or("choice"),
            explained: out.explanation.is_some(),
        });
        questions.push(out);
    }
    let file = OutFile {
        exam,
        topic,
        imported_from: source,
        questions,
    };
    let mut yaml = serde_yaml::to_string(&file).expect("plain strings and lists serialize");
    if !yaml.ends_with('\n') {
        yaml.push('\n');
    }
    Import {
        yaml,
        imported,
        skipped,
        notes,
    }
}

impl Import {
    /// One line per skipped question and per note, in file order, then the summary.
    pub fn report(&self, source: &str) -> String {
        let mut lines: Vec<(usize, String)> = self
            .skipped
            .iter()
            .map(|s| (s.line, format!("{source}:{}: skipped {}", s.line, s.reason)))
            .chain(
                self.notes
                    .iter()
                    .map(|n| (n.line, format!("{source}:{}: note: {}", n.line, n.reason))),
            )
            .collect();
        lines.sort_by_key(|(line, _)| *line);
        let mut out: Vec<String> = lines.into_iter().map(|(_, l)| l).collect();
        let by_kind: Vec<String> = ["choice", "gap", "slots"]
            .iter()
            .filter_map(|k| {
                let n = self.imported.iter().filter(|i| i.kind == *k).count();
                (n > 0).then(|| format!("{n} {k}"))
            })
            .collect();
        let unexplained = self.imported.iter().filter(|i| !i.explained).count();
        let mut summary = format!(
            "{source}: {} imported{}, {} skipped",
            self.imported.len(),
            if by_kind.is_empty() {
                String::new()
            } else {
                format!(" ({})", by_kind.join(", "))
            },
            self.skipped.len()
        );
        if unexplained > 0 {
            summary.push_str(&format!(
                "; {unexplained} without an explanation (a warning in `pyexam check`)"
            ));
        }
        out.push(summary);
        out.join("\n") + "\n"
    }
}

/// A title of the form `<exam>-<topic>-NNN` is kept as the id; every other question is numbered
/// after the highest number in use.
fn assign_ids(converted: &[(usize, Option<String>, OutQuestion)], exam: &str, topic: &str) -> Vec<String> {
    let prefix = format!("{exam}-{topic}-");
    let mut used = std::collections::HashSet::new();
    let titled: Vec<Option<String>> = converted
        .iter()
        .map(|(_, title, _)| {
            let title = title.as_deref()?;
            let n = title.strip_prefix(&prefix)?;
            let usable = n.len() >= 3 && n.chars().all(|c| c.is_ascii_digit());
            (usable && used.insert(title.to_string())).then(|| title.to_string())
        })
        .collect();
    let mut next = used
        .iter()
        .filter_map(|id| id[prefix.len()..].parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    titled
        .into_iter()
        .map(|t| {
            t.unwrap_or_else(|| {
                next += 1;
                format!("{prefix}{next:03}")
            })
        })
        .collect()
}
