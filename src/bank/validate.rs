//! Validation: every rule of docs/authoring.md, each problem located at `path:line:col`.
//! Collects every problem instead of stopping at the first.

use std::collections::HashMap;

use super::load::SourceFile;
use super::model::{Choice, Origin, Question};
use super::schema::{BankFile, RawQuestion};
use super::{BankSet, Loaded};
use crate::diagnostic::{self, Problem, Severity};
use crate::exam::{self, ExamSpec};

/// Options are chosen with the keys 1-9.
pub const MAX_CHOICES: usize = 9;

pub fn parse_all(files: &[SourceFile]) -> Loaded {
    let mut problems = Vec::new();
    let exams_file = files.iter().find(|f| f.relative == "exams.yaml");
    let exams = match exams_file {
        None => {
            problems.push(Problem::file("exams.yaml", "missing: the banks need exams.yaml"));
            Vec::new()
        }
        Some(file) => match &file.text {
            Err(e) => {
                problems.push(Problem::file(&file.path, e.clone()));
                Vec::new()
            }
            Ok(text) => super::precheck(&file.path, text)
                .map_err(|p| vec![p])
                .and_then(|()| exam::parse_exams(&file.path, text))
                .unwrap_or_else(|mut p| {
                    problems.append(&mut p);
                    Vec::new()
                }),
        },
    };
    let bank_files: Vec<&SourceFile> = files.iter().filter(|f| f.relative != "exams.yaml").collect();
    let mut questions = Vec::new();
    for (mut q, mut p) in parse_in_parallel(&bank_files, &exams) {
        questions.append(&mut q);
        problems.append(&mut p);
    }
    reject_duplicate_ids(&mut questions, &mut problems);
    let banks = BankSet { exams, questions };
    if let Some(file) = exams_file {
        report_shortfalls(&banks, file, &mut problems);
        problems.extend(super::objectives::thin_objectives(&banks, file));
    }
    let (warnings, problems) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Warning);
    Loaded {
        banks,
        problems,
        warnings,
    }
}

/// YAML parsing is nearly all of the load time: spread the files over the cores, then hand
/// the results back in file order so problems always print in the same order.
fn parse_in_parallel(files: &[&SourceFile], exams: &[ExamSpec]) -> Vec<(Vec<Question>, Vec<Problem>)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len())
        .max(1);
    let parse = |file: &SourceFile| {
        let (mut questions, mut problems) = (Vec::new(), Vec::new());
        parse_bank_file(file, exams, &mut questions, &mut problems);
        (questions, problems)
    };
    if workers == 1 {
        return files.iter().map(|f| parse(f)).collect();
    }
    let mut results: Vec<Option<(Vec<Question>, Vec<Problem>)>> = Vec::new();
    results.resize_with(files.len(), || None);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let parse = &parse;
                scope.spawn(move || {
                    (w..files.len())
                        .step_by(workers)
                        .map(|i| (i, parse(files[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            for (i, result) in handle.join().expect("bank parsing does not panic") {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every file parsed"))
        .collect()
}

fn parse_bank_file(
    file: &SourceFile,
    exams: &[ExamSpec],
    questions: &mut Vec<Question>,
    problems: &mut Vec<Problem>,
) {
    let path = file.path.as_str();
    let text = match &file.text {
        Ok(text) => text,
        Err(e) => return problems.push(Problem::file(path, e.clone())),
    };
    let parts: Vec<&str> = file.relative.split('/').collect();
    let [folder, name] = parts.as_slice() else {
        return problems.push(Problem::file(
            path,
            "bank files live at <exam>/<topic>.yaml beside exams.yaml",
        ));
    };
    let Some(file_topic) = name.strip_suffix(".yaml") else {
        return problems.push(Problem::file(path, "bank files end in .yaml, not .yml"));
    };
    // The build-time JSON of an embedded file parses far faster than its YAML; the YAML is
    // parsed only when there is no JSON or it does not fit the schema, to locate the problem.
    let from_json = file
        .json
        .and_then(|json| serde_json::from_str::<BankFile>(json).ok());
    let bank: BankFile = match from_json {
        Some(bank) => bank,
        None => {
            if let Err(problem) = super::precheck(path, text) {
                return problems.push(problem);
            }
            match serde_yaml::from_str(text) {
                Ok(bank) => bank,
                Err(e) => {
                    problems.push(diagnostic::from_yaml(path, &e));
                    let place = (*folder, file_topic);
                    return keep_other_questions(
                        path,
                        text,
                        place,
                        &e.to_string(),
                        exams,
                        questions,
                        problems,
                    );
                }
            }
        }
    };
    let at = |needle: &str| {
        let (line, col) = exam::locate(text, needle);
        move |message: String| Problem::new(path, line, col, message)
    };
    let Some(spec) = exams.iter().find(|e| e.id == bank.exam) else {
        let valid: Vec<_> = exams.iter().map(|e| e.id.as_str()).collect();
        return problems.push(at("exam:")(format!(
            "unknown exam '{}' (valid: {})",
            bank.exam,
            valid.join(", ")
        )));
    };
    if bank.exam != *folder {
        return problems.push(at("exam:")(format!(
            "file is in folder '{folder}' but says exam '{}'",
            bank.exam
        )));
    }
    if !spec.topic_ids().any(|t| t == bank.topic) {
        let valid: Vec<_> = spec.topic_ids().collect();
        return problems.push(at("topic:")(format!(
            "unknown topic '{}' for exam '{}' (valid: {})",
            bank.topic,
            spec.id,
            valid.join(", ")
        )));
    }
    if bank.topic != file_topic {
        return problems.push(at("topic:")(format!(
            "file is named '{file_topic}.yaml' but says topic '{}'",
            bank.topic
        )));
    }
    let positions = id_positions(text);
    for (i, raw) in bank.questions.into_iter().enumerate() {
        let (line, col) = positions.get(i).copied().unwrap_or((1, 1));
        let origin = Origin {
            path: path.to_string(),
            line,
            col,
        };
        let imported = bank.imported_from.is_some();
        match check_question(raw, spec, &bank.topic, origin, imported) {
            Ok((q, mut warnings)) => {
                questions.push(q);
                problems.append(&mut warnings);
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
}

fn check_question(
    raw: RawQuestion,
    spec: &ExamSpec,
    topic: &str,
    origin: Origin,
    imported: bool,
) -> Result<(Question, Vec<Problem>), Vec<Problem>> {
    let exam = spec.id.as_str();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let id = raw.id.clone();
    let mut problem = |message: String| {
        problems.push(Problem::new(&origin.path, origin.line, origin.col, message));
    };
    let prefix = format!("{exam}-{topic}-");
    let numbered = id
        .strip_prefix(&prefix)
        .is_some_and(|n| n.len() >= 3 && n.chars().all(|c| c.is_ascii_digit()));
    if !numbered {
        problem(format!("question id '{id}' must look like '{prefix}NNN'"));
    }
    let prompt = raw.prompt.filter(|p| !p.trim().is_empty());
    if prompt.is_none() {
        problem(format!("question '{id}' has no prompt"));
    }
    let explanation = raw.explanation.filter(|e| !e.trim().is_empty());
    if explanation.is_none() {
        let message = format!("question '{id}' has no explanation");
        if imported {
            // Imported quizzes often have no general feedback; the items are still usable.
            warnings.push(Problem::warning(&origin.path, origin.line, origin.col, message));
        } else {
            problem(message);
        }
    }
    let choices: Vec<Choice> = raw.choices.into_iter().map(Choice::from).collect();
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
    let code = raw.code.filter(|c| !c.trim().is_empty());
    let context: String = [code.as_deref().unwrap_or(""), prompt.as_deref().unwrap_or("")]
        .into_iter()
        .chain(choices.iter().map(|c| c.text.as_str()))
        .collect::<Vec<_>>()
        .join("\n");
    for (i, choice) in choices.iter().enumerate() {
        if let Some(why) = &choice.why
            && !super::style::why_follows_style(why, &context)
        {
            problem(format!(
                "question '{id}' option {}: a why must start with a capital letter or a code token and end with a period",
                i + 1
            ));
        }
    }
    if let Some(verify) = raw.verify {
        if verify.needs_code() && code.is_none() {
            problem(format!(
                "question '{id}' has verify: {} but no code",
                verify.name()
            ));
        }
        if verify.needs_code() && !raw.lang.is_python() {
            problem(format!(
                "question '{id}' has verify: {} but lang: {} (only Python code is run)",
                verify.name(),
                raw.lang.name()
            ));
        }
        if verify == super::Verify::Output && keyed > 1 {
            problem(format!(
                "question '{id}' has verify: output but {keyed} correct options"
            ));
        }
    }
    if let Some(message) = super::objectives::check(spec, topic, &id, raw.objective.as_deref()) {
        // A quiz imported from elsewhere cannot know the syllabus objectives: tag it later.
        if imported && raw.objective.is_none() {
            warnings.push(Problem::warning(&origin.path, origin.line, origin.col, message));
        } else {
            problem(message);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((
        Question {
            id,
            exam: exam.to_string(),
            topic: topic.to_string(),
            prompt: prompt.unwrap_or_default(),
            code,
            lang: raw.lang,
            kind: raw.kind,
            choices,
            explanation: explanation.unwrap_or_default(),
            verify: raw.verify,
            stdin: raw.stdin,
            probe: raw.probe,
            requires: raw.requires,
            shuffle: raw.shuffle.unwrap_or(true),
            objective: raw.objective,
            origin,
        },
        warnings,
    ))
}

/// A schema error stops serde at the first bad question. Check every other question of the
/// file on its own (problems located at their `id:`), so one typo neither hides the rest's
/// problems nor drops the good questions of the file.
fn keep_other_questions(
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

/// Line and column of each question's `id:` key, in file order. Questions are a sequence of
/// maps, so every `id:` key at the first one's column belongs to the next question.
fn id_positions(text: &str) -> Vec<(usize, usize)> {
    let mut column = None;
    let mut positions = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let body_col = line.len() - body.len();
        let (key, col) = match body.strip_prefix("- ") {
            Some(rest) => (
                rest.trim_start(),
                body_col + 2 + (rest.len() - rest.trim_start().len()),
            ),
            None => (body, body_col),
        };
        if key.starts_with("id:") && *column.get_or_insert(col) == col {
            positions.push((i + 1, col + 1));
        }
    }
    positions
}

fn reject_duplicate_ids(questions: &mut Vec<Question>, problems: &mut Vec<Problem>) {
    let mut first: HashMap<String, Origin> = HashMap::new();
    questions.retain(|q| match first.get(&q.id) {
        Some(o) => {
            problems.push(Problem::new(
                &q.origin.path,
                q.origin.line,
                q.origin.col,
                format!(
                    "duplicate question id '{}' (first defined at {}:{}:{})",
                    q.id, o.path, o.line, o.col
                ),
            ));
            false
        }
        None => {
            first.insert(q.id.clone(), q.origin.clone());
            true
        }
    });
}

fn report_shortfalls(banks: &BankSet, exams_file: &SourceFile, problems: &mut Vec<Problem>) {
    let text = exams_file.text.as_deref().unwrap_or("");
    for spec in &banks.exams {
        let (exam_line, _) = exam::locate(text, &format!("id: {}", spec.id));
        for short in banks.shortfalls(spec) {
            let (line, col) = exam::locate_id(text, exam_line + 1, &short.section, 1);
            problems.push(Problem::new(
                &exams_file.path,
                line,
                col,
                format!(
                    "exam '{}' section '{}' has {} questions but a mock draws {}",
                    spec.id, short.section, short.have, short.need
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_positions_follow_the_question_column() {
        let text = "questions:\n  - id: a-1\n    code: |\n      id: 3\n  - prompt: x\n    id: b-2\n";
        assert_eq!(id_positions(text), [(2, 5), (6, 5)]);
    }
}
