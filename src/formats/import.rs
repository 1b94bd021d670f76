//! What an import makes of a file's converted questions: the bank file (numbered, written by
//! `yaml`) and the report of what was imported, skipped and noted.

use std::collections::HashSet;

use super::items::{Draft, Skipped};
use crate::bank::Kind;

/// What an import made of a file: the bank file and the report.
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

/// One converted question: its line, its title (an id when it has the form `<exam>-<topic>-NNN`)
/// and the item.
pub struct Converted {
    pub line: usize,
    pub title: Option<String>,
    pub draft: Draft,
}

/// The bank file of `exam`/`topic` holding `converted`, numbered; `source` names the file it came
/// from (`imported_from:`, which makes what other formats lack warnings rather than errors).
pub fn finish(
    converted: Vec<Converted>,
    skipped: Vec<Skipped>,
    notes: Vec<Skipped>,
    exam: &str,
    topic: &str,
    source: &str,
) -> Import {
    let titles: Vec<Option<&str>> = converted.iter().map(|c| c.title.as_deref()).collect();
    let ids = assign_ids(&titles, exam, topic);
    let mut imported = Vec::new();
    let mut drafts = Vec::new();
    for (c, id) in converted.into_iter().zip(ids) {
        let mut draft = c.draft;
        draft.id = id.clone();
        imported.push(Imported {
            line: c.line,
            id,
            kind: draft.kind.name(),
            explained: draft.explanation.is_some(),
        });
        drafts.push(draft);
    }
    Import {
        yaml: super::yaml::bank_file(exam, topic, source, &drafts),
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
        let by_kind: Vec<String> = Kind::ALL
            .iter()
            .filter_map(|k| {
                let n = self.imported.iter().filter(|i| i.kind == k.name()).count();
                (n > 0).then(|| format!("{n} {}", k.name()))
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
fn assign_ids(titles: &[Option<&str>], exam: &str, topic: &str) -> Vec<String> {
    let prefix = format!("{exam}-{topic}-");
    let mut used = HashSet::new();
    let titled: Vec<Option<String>> = titles
        .iter()
        .map(|title| {
            let title = (*title)?;
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
