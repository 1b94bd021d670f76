//! Exam specifications: `question-banks/exams.yaml` is the single source of truth.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{self, Problem};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamsFile {
    exams: Vec<ExamSpec>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExamSpec {
    pub id: String,
    pub code: String,
    pub title: String,
    pub items: usize,
    pub minutes: u32,
    pub pass_percent: u32,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub drill_topics: Vec<Topic>,
    /// The share of each format a standard mock draws (the official exam's); without it a
    /// section draws 1 to 3 interactive items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mix: Option<Mix>,
    /// Targets for the shape of the bank's items, which `check --stats` reports against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
}

/// The formats of a mock, in percent of its items (they add up to 100): single select,
/// multiple select ("Select N") and the interactive kinds (tokens, slots, order, match).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mix {
    pub single: u32,
    pub multiple: u32,
    pub interactive: u32,
}

/// What the official items look like, as targets for the bank (not used by the draw).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Shape {
    /// At least this percent of the Select-N items are "Select two" of four options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_of_four: Option<u32>,
    /// The median `verify: output` choice item has at least this many lines of code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_lines: Option<u32>,
}

/// The codes of the Python Institute exams pyexam ships: only these are "the real exam".
pub const OFFICIAL_CODES: [&str; 4] = ["PCEP-30-02", "PCAP-31-03", "PCPP-32-101", "PCPP-32-201"];

impl ExamSpec {
    /// One of the Python Institute's exams (not an exam of one's own `--banks` folder).
    pub fn is_official(&self) -> bool {
        OFFICIAL_CODES.contains(&self.code.as_str())
    }
}

/// `n` and the noun, singular for one: "1 minute", "40 minutes".
pub fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A syllabus section: drawn in mocks with a fixed item count and weight.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub items: usize,
    /// Percent of the exam score this section carries.
    pub weight: u32,
    /// The official syllabus objectives; empty for banks that do not track them.
    #[serde(default)]
    pub objectives: Vec<Objective>,
}

/// A drill-only topic: never drawn in a mock.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub objectives: Vec<Objective>,
}

/// One syllabus objective, e.g. PCAP 3.2. Ids are strings, unique within an exam.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub title: String,
}

impl ExamSpec {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Every topic a bank file may have: the sections, then the drill-only topics.
    pub fn topic_ids(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .map(|s| s.id.as_str())
            .chain(self.drill_topics.iter().map(|t| t.id.as_str()))
    }

    /// The objectives a topic (section or drill topic) lists, in file order.
    pub fn topic_objectives(&self, topic: &str) -> &[Objective] {
        self.section(topic)
            .map(|s| s.objectives.as_slice())
            .or_else(|| {
                self.drill_topics
                    .iter()
                    .find(|t| t.id == topic)
                    .map(|t| t.objectives.as_slice())
            })
            .unwrap_or(&[])
    }

    /// Every objective of the exam with the topic that lists it: sections, then drill topics.
    pub fn objectives(&self) -> impl Iterator<Item = (&str, &Objective)> {
        self.topic_ids()
            .flat_map(move |t| self.topic_objectives(t).iter().map(move |o| (t, o)))
    }

    /// An objective by id, with its topic.
    pub fn objective(&self, id: &str) -> Option<(&str, &Objective)> {
        self.objectives().find(|(_, o)| o.id == id)
    }

    pub fn topic_title(&self, id: &str) -> Option<&str> {
        self.section(id).map(|s| s.title.as_str()).or_else(|| {
            self.drill_topics
                .iter()
                .find(|t| t.id == id)
                .map(|t| t.title.as_str())
        })
    }
}

/// Parse and validate `exams.yaml`: every section draws at least one item, section counts add
/// up to the item count, weights to 100.
pub fn parse_exams(path: &str, src: &str) -> Result<Vec<ExamSpec>, Vec<Problem>> {
    let file: ExamsFile = serde_yaml::from_str(src).map_err(|e| vec![diagnostic::from_yaml(path, &e)])?;
    let mut problems = Vec::new();
    for exam in &file.exams {
        let (line, col) = locate(src, &format!("id: {}", exam.id));
        // A section drawn 0 times would drop out of the score, so a mock would not be weighted
        // as the exam says; drill_topics is how a topic stays out of the mock.
        for section in exam.sections.iter().filter(|s| s.items == 0) {
            let (line, col) = locate_id(src, line + 1, &section.id, 1);
            problems.push(Problem::new(
                path,
                line,
                col,
                format!(
                    "exam '{}' section '{}' has items: 0, but a section draws 1 or more items (a topic that only drills goes under drill_topics)",
                    exam.id, section.id
                ),
            ));
        }
        let mut problem = |message: String| problems.push(Problem::new(path, line, col, message));
        let count: usize = exam.sections.iter().map(|s| s.items).sum();
        if count != exam.items {
            problem(format!(
                "exam '{}' has {} items but its sections add up to {}",
                exam.id, exam.items, count
            ));
        }
        let weight: u32 = exam.sections.iter().map(|s| s.weight).sum();
        if weight != 100 {
            problem(format!(
                "exam '{}' section weights add up to {}%, not 100%",
                exam.id, weight
            ));
        }
        if let Some(mix) = exam.mix
            && mix.single + mix.multiple + mix.interactive != 100
        {
            problem(format!(
                "exam '{}' mix adds up to {}%, not 100% (single + multiple + interactive)",
                exam.id,
                mix.single + mix.multiple + mix.interactive
            ));
        }
        if exam.minutes == 0 || exam.pass_percent == 0 || exam.pass_percent > 100 {
            problem(format!(
                "exam '{}' needs minutes > 0 and a pass mark from 1 to 100",
                exam.id
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for topic in exam.topic_ids() {
            if !seen.insert(topic) {
                problem(format!("exam '{}' names topic '{}' twice", exam.id, topic));
            }
        }
        let mut first: std::collections::HashMap<&str, &str> = Default::default();
        for (topic, objective) in exam.objectives() {
            if let Some(before) = first.insert(&objective.id, topic) {
                let (line, col) = locate_id(src, line, &objective.id, 2);
                problems.push(Problem::new(
                    path,
                    line,
                    col,
                    format!(
                        "exam '{}' lists objective '{}' twice (in {before} and {topic}); objective ids are unique within an exam",
                        exam.id, objective.id
                    ),
                ));
            }
        }
    }
    let mut ids = std::collections::HashSet::new();
    for exam in &file.exams {
        if !ids.insert(exam.id.as_str()) {
            let (line, col) = locate(src, &format!("id: {}", exam.id));
            problems.push(Problem::new(
                path,
                line,
                col,
                format!("exam id '{}' is used twice", exam.id),
            ));
        }
    }
    if problems.is_empty() {
        Ok(file.exams)
    } else {
        Err(problems)
    }
}

/// 1-based line and column of the first occurrence of `needle`, or the file start.
pub fn locate(src: &str, needle: &str) -> (usize, usize) {
    src.lines()
        .enumerate()
        .find_map(|(i, line)| line.find(needle).map(|c| (i + 1, c + 1)))
        .unwrap_or((1, 1))
}

/// Where `id: <value>` of a list entry (a section or an objective) is written, searching from
/// line `from` (1-based) on; flow (`{ id: x, ... }`) and block (`- id: x`) style, quoted or not.
/// `nth` picks a later occurrence (a duplicate). Falls back to line `from`.
pub fn locate_id(src: &str, from: usize, value: &str, nth: usize) -> (usize, usize) {
    let forms = [
        format!("id: \"{value}\""),
        format!("id: '{value}'"),
        format!("id: {value}"),
    ];
    let ends_value = |rest: &str| {
        rest.is_empty() || rest.starts_with(',') || rest.starts_with(' ') || rest.starts_with('}')
    };
    src.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .filter_map(|(i, line)| {
            forms.iter().find_map(|f| {
                let c = line.find(f.as_str())?;
                let quoted = !f.ends_with(value);
                (quoted || ends_value(&line[c + f.len()..])).then_some((i + 1, c + 1))
            })
        })
        .nth(nth.saturating_sub(1))
        .unwrap_or((from.max(1), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../question-banks/exams.yaml");

    #[test]
    fn shipped_exams_match_the_design() {
        let exams = parse_exams("exams.yaml", SHIPPED).unwrap();
        let summary: Vec<_> = exams
            .iter()
            .map(|e| {
                (
                    e.id.as_str(),
                    e.code.as_str(),
                    e.items,
                    e.minutes,
                    e.sections.len(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("pcep", "PCEP-30-02", 30, 40, 4),
                ("pcap", "PCAP-31-03", 40, 65, 5),
                ("pcpp1", "PCPP-32-101", 45, 65, 5),
                ("pcpp2", "PCPP-32-201", 45, 65, 5),
            ]
        );
        let pcap = &exams[1];
        let oop = pcap.section("oop").unwrap();
        assert_eq!((oop.items, oop.weight), (12, 34));
    }

    #[test]
    fn counts_and_weights_must_add_up() {
        let src = "exams:\n  - id: x\n    code: X\n    title: X\n    items: 3\n    minutes: 1\n    pass_percent: 70\n    sections:\n      - { id: a, title: A, items: 1, weight: 50 }\n";
        let problems = parse_exams("e.yaml", src).unwrap_err();
        let text: Vec<_> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            text,
            [
                "e.yaml:2:5: error: exam 'x' has 3 items but its sections add up to 1",
                "e.yaml:2:5: error: exam 'x' section weights add up to 50%, not 100%",
            ]
        );
    }

    #[test]
    fn objectives_parse_in_block_style_and_are_found_by_id() {
        let src = "exams:\n  - id: x\n    code: X\n    title: X\n    items: 1\n    minutes: 1\n    pass_percent: 70\n    sections:\n      - id: a\n        title: A\n        items: 1\n        weight: 100\n        objectives:\n          - { id: \"1.1\", title: One }\n    drill_topics:\n      - id: d\n        title: D\n        objectives:\n          - { id: \"D.1\", title: Drill }\n";
        let exams = parse_exams("e.yaml", src).unwrap();
        assert_eq!(
            exams[0].objective("D.1").map(|(t, o)| (t, o.title.as_str())),
            Some(("d", "Drill"))
        );
        assert_eq!(exams[0].topic_objectives("a").len(), 1);
        assert_eq!(locate_id(src, 3, "a", 1), (9, 9));
        assert_eq!(locate_id(src, 3, "1.1", 1), (14, 15));
    }
}
