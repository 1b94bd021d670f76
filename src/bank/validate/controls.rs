//! Bank text holds no control characters but newline and tab. A raw one is refused before
//! parsing (`precheck`); these rules find those a double-quoted YAML string writes as an escape
//! (`"\e"`, `"\x1b"`, `"\a"`), in every text of a question and of `exams.yaml`. Printing
//! escapes them anyway (`text::printable`); a bank should not need that.

use std::fmt;

use crate::bank::schema::{FullGap, FullPoolEntry, RawGap, RawPoolEntry, RawQuestion};
use crate::diagnostic::Problem;
use crate::exam::{self, ExamSpec, Objective, Section, Topic};
use crate::text::{control_message as message, first_control};

/// Where in a question a text is; shown after the question's id.
#[derive(Clone, Copy)]
enum Place {
    Field(&'static str),
    /// "option 2", "line 3": 1-based.
    Nth(&'static str, usize),
    /// "option 2 why".
    WhyOf(&'static str, usize),
    /// "gap 1 answer 2".
    GapAnswer(usize, usize),
    /// "file 2 name".
    FileName(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Field(name) => f.write_str(name),
            Place::Nth(what, n) => write!(f, "{what} {n}"),
            Place::WhyOf(what, n) => write!(f, "{what} {n} why"),
            Place::GapAnswer(gap, n) => write!(f, "gap {gap} answer {n}"),
            Place::FileName(n) => write!(f, "file {n} name"),
        }
    }
}

/// Every text of the question, each problem naming where it is.
pub fn in_question(raw: &RawQuestion, id: &str, problem: &mut impl FnMut(String)) {
    // No `..`: a new field of the schema must be placed here (or said to hold no text).
    let RawQuestion {
        id: raw_id,
        objective,
        prompt,
        code,
        files,
        lang: _,
        kind: _,
        choices,
        lines,
        pool,
        slots,
        gaps,
        tiles,
        decoys,
        bins,
        cards,
        rule,
        stretch: _,
        expect,
        explanation,
        verify: _,
        stdin,
        probe,
        setup,
        lint,
        requires,
        shuffle: _,
    } = raw;
    let mut texts: Vec<(Place, &str)> = vec![(Place::Field("id"), raw_id)];
    for (name, text) in [
        ("objective", objective),
        ("prompt", prompt),
        ("code", code),
        ("expect", expect),
        ("explanation", explanation),
        ("stdin", stdin),
        ("probe", probe),
        ("setup", setup),
        ("rule", rule),
    ] {
        texts.extend(text.as_deref().map(|t| (Place::Field(name), t)));
    }
    if let Some(lint) = lint {
        texts.extend(lint.wrap.as_deref().map(|t| (Place::Field("lint wrap"), t)));
        let codes = lint.codes.iter().enumerate();
        texts.extend(codes.map(|(i, t)| (Place::Nth("lint code", i + 1), t.as_str())));
    }
    for (what, items) in [("line", lines), ("requires", requires)] {
        let numbered = items.iter().enumerate();
        texts.extend(numbered.map(|(i, t)| (Place::Nth(what, i + 1), t.as_str())));
    }
    for (i, f) in files.iter().enumerate() {
        texts.push((Place::FileName(i + 1), &f.name));
        texts.push((Place::Nth("file", i + 1), &f.code));
    }
    for (i, c) in choices.iter().enumerate() {
        texts.push((Place::Nth("option", i + 1), &c.text));
        texts.extend(
            c.check
                .as_deref()
                .map(|t| (Place::Nth("check of option", i + 1), t)),
        );
        texts.extend(c.why.as_deref().map(|w| (Place::WhyOf("option", i + 1), w)));
    }
    for (i, entry) in pool.iter().enumerate() {
        let (text, why) = match entry {
            RawPoolEntry::Text(text) => (text, &None),
            RawPoolEntry::Full(FullPoolEntry { text, why }) => (&text.0, why),
        };
        texts.push((Place::Nth("pool entry", i + 1), text));
        texts.extend(why.as_deref().map(|w| (Place::WhyOf("pool entry", i + 1), w)));
    }
    for (i, slot) in slots.iter().enumerate() {
        texts.push((Place::Nth("slot", i + 1), &slot.0));
    }
    for (i, tile) in tiles.iter().enumerate() {
        texts.push((Place::Nth("tile", i + 1), &tile.0));
    }
    for (i, bin) in bins.iter().enumerate() {
        texts.push((Place::Nth("bin", i + 1), &bin.0));
    }
    for (i, entry) in decoys.iter().enumerate() {
        let (text, why) = match entry {
            RawPoolEntry::Text(text) => (text, &None),
            RawPoolEntry::Full(FullPoolEntry { text, why }) => (&text.0, why),
        };
        texts.push((Place::Nth("decoy", i + 1), text));
        texts.extend(why.as_deref().map(|w| (Place::WhyOf("decoy", i + 1), w)));
    }
    for (i, card) in cards.iter().enumerate() {
        texts.push((Place::Nth("card", i + 1), &card.text.0));
        texts.push((Place::Nth("card bin", i + 1), &card.bin.0));
        texts.extend(card.why.as_deref().map(|w| (Place::WhyOf("card", i + 1), w)));
    }
    for (g, gap) in gaps.iter().enumerate() {
        let (accept, why): (Vec<&str>, _) = match gap {
            RawGap::Accept(accept) => (accept.iter().map(String::as_str).collect(), &None),
            RawGap::Full(FullGap { accept, why }) => (accept.iter().map(|s| s.0.as_str()).collect(), why),
        };
        for (n, answer) in accept.into_iter().enumerate() {
            texts.push((Place::GapAnswer(g + 1, n + 1), answer));
        }
        texts.extend(why.as_deref().map(|w| (Place::WhyOf("gap", g + 1), w)));
    }
    for (place, text) in texts {
        if let Some(c) = first_control(text) {
            problem(format!("question '{id}' {place}: {}", message(c)));
        }
    }
}

/// A field of the bank file itself (`imported_from`), located at its key.
pub fn in_top_level_field(path: &str, src: &str, key: &str, text: &str, problems: &mut Vec<Problem>) {
    if let Some(c) = first_control(text) {
        let line = src
            .lines()
            .position(|l| l.strip_prefix(key).is_some_and(|rest| rest.starts_with(':')))
            .map_or(1, |i| i + 1);
        problems.push(Problem::new(path, line, 1, format!("{key}: {}", message(c))));
    }
}

/// Every text of `exams.yaml`: ids, codes, titles of exams, sections, drill topics and
/// objectives. Located at the exam's `id:` (a section, topic or objective at its own). As with
/// the file's other rules, one problem keeps every exam out.
pub fn in_exams(path: &str, src: &str, exams: Vec<ExamSpec>) -> Result<Vec<ExamSpec>, Vec<Problem>> {
    let mut problems = Vec::new();
    for spec in &exams {
        let (line, col) = exam::locate(src, &format!("id: {}", spec.id));
        let ExamSpec {
            id,
            code,
            title,
            items: _,
            minutes: _,
            pass_percent: _,
            sections,
            drill_topics,
            mix: _,
            shape: _,
        } = spec;
        let mut report = |at: (usize, usize), place: String, text: &str| {
            if let Some(c) = first_control(text) {
                problems.push(Problem::new(path, at.0, at.1, format!("{place}: {}", message(c))));
            }
        };
        let exam = format!("exam '{id}'");
        for (field, text) in [("id", id), ("code", code), ("title", title)] {
            report((line, col), format!("{exam} {field}"), text);
        }
        let mut topic = |kind: &str, id: &str, title: &str, objectives: &[Objective]| {
            let at = exam::locate_id(src, line, id, 1);
            report(at, format!("{exam} {kind} '{id}' id"), id);
            report(at, format!("{exam} {kind} '{id}' title"), title);
            for Objective { id, title } in objectives {
                let at = exam::locate_id(src, line, id, 1);
                report(at, format!("{exam} objective '{id}' id"), id);
                report(at, format!("{exam} objective '{id}' title"), title);
            }
        };
        for Section {
            id,
            title,
            items: _,
            weight: _,
            objectives,
        } in sections
        {
            topic("section", id, title, objectives);
        }
        for Topic {
            id,
            title,
            objectives,
        } in drill_topics
        {
            topic("drill topic", id, title, objectives);
        }
    }
    if problems.is_empty() {
        Ok(exams)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each text of a question, written with a different escape, is reported at its place.
    #[test]
    fn every_text_of_a_question_is_checked() {
        let yaml = r#"
id: "x\a"
objective: "1.1\b"
prompt: "p\e"
code: "c\x01"
files: [{ name: "m\x12.py", code: "x = 1" }, { name: "ok.py", code: "y\x13" }]
expect: "e\x02"
explanation: "x\x03"
stdin: "s\x04"
probe: "p\x05"
requires: [ok, "r\x06"]
lines: ["l\x07"]
choices: [{ text: "t\x0b", why: "w\x0c" }]
pool: ["a\r", { text: "b", why: "w\x0e" }]
slots: ["s\x0f"]
gaps: [["ok", "g\x10"], { accept: ["h\x11"], why: "y\x7f" }]
"#;
        let raw: RawQuestion = serde_yaml::from_str(yaml).unwrap();
        let mut found = Vec::new();
        in_question(&raw, "q", &mut |m: String| found.push(m));
        let places: Vec<&str> = found
            .iter()
            .filter_map(|m| m.strip_prefix("question 'q' ")?.split(": control").next())
            .collect();
        assert_eq!(
            places,
            [
                "id",
                "objective",
                "prompt",
                "code",
                "expect",
                "explanation",
                "stdin",
                "probe",
                "line 1",
                "requires 2",
                "file 1 name",
                "file 2",
                "option 1",
                "option 1 why",
                "pool entry 1",
                "pool entry 2 why",
                "slot 1",
                "gap 1 answer 2",
                "gap 2 answer 1",
                "gap 2 why",
            ]
        );
        assert_eq!(
            found[0],
            "question 'q' id: control character U+0007 (only newline and tab are allowed)"
        );
    }

    #[test]
    fn every_text_of_exams_yaml_is_checked_at_its_place() {
        let src = "exams:\n  - id: x\n    code: \"X\\e\"\n    title: T\n    items: 1\n    minutes: 1\n    pass_percent: 70\n    sections:\n      - id: a\n        title: \"A\\a\"\n        items: 1\n        weight: 100\n        objectives:\n          - { id: \"1.1\", title: \"One\\x1b\" }\n    drill_topics:\n      - { id: d, title: \"D\\x9b\" }\n";
        let exams = exam::parse_exams("e.yaml", src).unwrap();
        let found: Vec<String> = in_exams("e.yaml", src, exams)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string().replace(" (only newline and tab are allowed)", ""))
            .collect();
        assert_eq!(
            found,
            [
                "e.yaml:2:5: error: exam 'x' code: control character U+001B",
                "e.yaml:9:9: error: exam 'x' section 'a' title: control character U+0007",
                "e.yaml:14:15: error: exam 'x' objective '1.1' title: control character U+001B",
                "e.yaml:16:11: error: exam 'x' drill topic 'd' title: control character U+009B",
            ]
        );
    }
}
