//! Validation: every rule of docs/authoring.md, each problem located at `path:line:col`.
//! Collects every problem instead of stopping at the first.

use std::collections::HashMap;

use super::load::SourceFile;
use super::model::{Kind, Lang, Origin, Question, Verify};
use super::schema::{BankFile, RawQuestion};
use super::{BankSet, Loaded};
use crate::diagnostic::{self, Problem, Severity};
use crate::exam::{self, ExamSpec};

mod choice;
mod controls;
mod fields;
mod files;
mod gap;
mod markers;
mod matching;
mod order;
mod recover;
mod slots;
mod tokens;

use super::positions::id_positions;
use fields::{Parts, interactive_verify, misplaced_fields, raw_fields};
use recover::keep_other_questions;

/// Options and pool entries are chosen with the keys 1-9.
pub const MAX_CHOICES: usize = 9;

pub fn parse_all(files: &[SourceFile]) -> Loaded {
    parse_some(files, None)
}

/// `parse_all`, but when `only` names an exam (id or code) only that exam's files are parsed;
/// the other exams are listed in `BankSet::pending`, their questions not yet there.
pub fn parse_some(files: &[SourceFile], only: Option<&str>) -> Loaded {
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
                .and_then(|exams| controls::in_exams(&file.path, text, exams))
                .unwrap_or_else(|mut p| {
                    problems.append(&mut p);
                    Vec::new()
                }),
        },
    };
    let wanted = only.and_then(|name| {
        let e = exams
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(name) || e.code.eq_ignore_ascii_case(name))?;
        Some(e.id.clone())
    });
    let pending: Vec<String> = match &wanted {
        Some(id) => exams.iter().map(|e| e.id.clone()).filter(|e| e != id).collect(),
        None => Vec::new(),
    };
    let in_pending = |f: &SourceFile| pending.iter().any(|id| f.relative.split('/').next() == Some(id));
    let bank_files: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.relative != "exams.yaml" && !in_pending(f))
        .collect();
    // Build-time JSON parses fast (all shipped banks in ~2 ms on one core): on this thread, so
    // start-up starts no threads, each of which would keep a malloc arena of its own resident.
    // YAML (a `--banks` folder) is spread over the cores.
    let yaml: Vec<&SourceFile> = bank_files.iter().copied().filter(|f| f.json.is_none()).collect();
    let mut from_yaml = parse_in_parallel(&yaml, &exams).into_iter();
    let mut questions = Vec::new();
    for file in &bank_files {
        let (mut q, mut p) = match file.json {
            Some(_) => parse_one(file, &exams),
            None => from_yaml.next().expect("one result per YAML file"),
        };
        questions.append(&mut q);
        problems.append(&mut p);
    }
    reject_duplicate_ids(&mut questions, &mut problems);
    let banks = BankSet {
        exams,
        questions,
        pending,
    };
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
        own_exams: Vec::new(),
    }
}

/// YAML parsing is nearly all of a folder's load time: spread the files over the cores, then hand
/// the results back in file order so problems always print in the same order.
fn parse_in_parallel(files: &[&SourceFile], exams: &[ExamSpec]) -> Vec<(Vec<Question>, Vec<Problem>)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len())
        .max(1);
    let parse = |file: &SourceFile| parse_one(file, exams);
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

fn parse_one(file: &SourceFile, exams: &[ExamSpec]) -> (Vec<Question>, Vec<Problem>) {
    let (mut questions, mut problems) = (Vec::new(), Vec::new());
    parse_bank_file(file, exams, &mut questions, &mut problems);
    (questions, problems)
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
    let from_json = file.json.and_then(|built| {
        let bank = serde_json::from_str::<BankFile>(built.json()).ok()?;
        Some((bank, built.positions))
    });
    let mut positions = None;
    let bank: BankFile = match from_json {
        Some((bank, at)) => {
            positions = Some(at);
            bank
        }
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
    if let Some(from) = &bank.imported_from {
        controls::in_top_level_field(path, text, "imported_from", from, problems);
    }
    // The embedded files' positions were found at build time: their YAML is never read here.
    let found;
    let positions = match positions {
        Some(at) => at,
        None => {
            found = id_positions(text);
            &found
        }
    };
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
    misplaced_fields(&raw_fields(&raw), raw.kind, &id, &mut problem);
    controls::in_question(&raw, &id, &mut problem);
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
    let code = raw.code.filter(|c| !c.trim().is_empty());
    let verify = raw.verify;
    if let Some(v) = verify
        && v.needs_code()
        && code.is_none()
        && raw.kind == Kind::Choice
    {
        problem(format!("question '{id}' has verify: {} but no code", v.name()));
    }
    if let Some(v) = verify
        && (v.needs_code() || raw.kind != Kind::Choice)
        && !raw.lang.is_python()
    {
        problem(format!(
            "question '{id}' has verify: {} but lang: {} (only Python code is run)",
            v.name(),
            raw.lang.name()
        ));
    }
    if verify == Some(Verify::Match) && raw.kind != Kind::Match {
        problem(format!(
            "question '{id}' (kind: {}) has verify: match, which only match items use",
            raw.kind.name()
        ));
    }
    files::check(&raw.files, &id, &mut problem);
    match (verify, &raw.lint) {
        (Some(crate::bank::Verify::Lint), None) => problem(format!(
            "question '{id}' has verify: lint but no `lint` (tool and codes)"
        )),
        (Some(crate::bank::Verify::Lint), Some(lint)) if lint.codes.is_empty() => problem(format!(
            "question '{id}' has a `lint` with no codes: name the codes the {} options are judged by",
            lint.tool.name()
        )),
        (v, Some(_)) if v != Some(crate::bank::Verify::Lint) => problem(format!(
            "question '{id}' has `lint` but no verify: lint, so nothing uses it"
        )),
        _ => {}
    }
    if raw.setup.is_some() && verify.is_none() {
        problem(format!(
            "question '{id}' has `setup` but no verify, so nothing runs it"
        ));
    }
    let mut checks = Vec::new();
    let mut parts = Parts::default();
    match raw.kind {
        Kind::Choice => (parts.choices, checks) = choice::check(raw.choices, verify, &id, &mut problem),
        Kind::Gap => {
            parts.gaps = gap::check(raw.gaps, code.as_deref(), &id, &mut problem);
        }
        Kind::Slots => {
            (parts.pool, parts.slots) = slots::check(
                raw.pool,
                raw.slots.into_iter().map(|s| s.0).collect(),
                code.as_deref(),
                imported,
                &id,
                &mut problem,
            );
        }
        Kind::Order => parts.lines = order::check(raw.lines, code.as_deref(), &id, &mut problem),
        Kind::Tokens => {
            (parts.tiles, parts.decoys) = tokens::check(
                raw.tiles.into_iter().map(|s| s.0).collect(),
                raw.decoys,
                code.as_deref(),
                &id,
                &mut problem,
            );
        }
        Kind::Match => {
            (parts.bins, parts.cards) = matching::check(
                raw.bins.into_iter().map(|s| s.0).collect(),
                raw.cards,
                verify,
                raw.rule.as_deref(),
                &id,
                &mut problem,
            );
        }
    }
    if raw.kind == Kind::Order && !raw.lang.is_python() && !matches!(raw.lang, Lang::Text) {
        problem(format!(
            "question '{id}' (kind: order) has lang: {}; an order item's lines are Python, or concepts with lang: text",
            raw.lang.name()
        ));
    }
    if !matches!(raw.kind, Kind::Choice | Kind::Match) {
        interactive_verify(raw.kind, verify, raw.expect.as_deref(), &id, &mut problem);
    }
    if imported {
        // The house style is pyexam's own: feedback written for another tool is only warned of.
        let mut warn = |message: String| {
            warnings.push(Problem::warning(&origin.path, origin.line, origin.col, message));
        };
        check_why_style(&parts, code.as_deref(), prompt.as_deref(), &id, &mut warn);
    } else {
        check_why_style(&parts, code.as_deref(), prompt.as_deref(), &id, &mut problem);
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
            files: raw.files,
            lang: raw.lang,
            kind: raw.kind,
            choices: parts.choices,
            lines: parts.lines,
            pool: parts.pool,
            slots: parts.slots,
            gaps: parts.gaps,
            tiles: parts.tiles,
            decoys: parts.decoys,
            bins: parts.bins,
            cards: parts.cards,
            rule: raw.rule,
            stretch: raw.stretch,
            expect: raw.expect,
            explanation: explanation.unwrap_or_default(),
            verify: raw.verify,
            stdin: raw.stdin,
            probe: raw.probe,
            setup: raw.setup,
            checks,
            lint: raw.lint,
            requires: raw.requires,
            shuffle: raw.shuffle.unwrap_or(true),
            objective: raw.objective,
            origin,
        },
        warnings,
    ))
}

/// Every `why` (of an option, a pool entry, a gap) reads as a sentence (`style`).
fn check_why_style(
    parts: &Parts,
    code: Option<&str>,
    prompt: Option<&str>,
    id: &str,
    problem: &mut impl FnMut(String),
) {
    let context: String = [code.unwrap_or(""), prompt.unwrap_or("")]
        .into_iter()
        .chain(parts.choices.iter().map(|c| c.text.as_str()))
        .chain(parts.pool.iter().map(|p| p.text.as_str()))
        .chain(parts.lines.iter().map(String::as_str))
        .chain(parts.tiles.iter().map(String::as_str))
        .chain(parts.decoys.iter().map(|d| d.text.as_str()))
        .chain(parts.cards.iter().map(|c| c.text.as_str()))
        .chain(parts.bins.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    let rule = "must start with a capital letter or a code token and end with a period";
    let bad = |why: &Option<String>| {
        why.as_deref()
            .is_some_and(|w| !super::style::why_follows_style(w, &context))
    };
    for (i, c) in parts.choices.iter().enumerate() {
        if bad(&c.why) {
            problem(format!("question '{id}' option {}: a why {rule}", i + 1));
        }
    }
    for p in &parts.pool {
        if bad(&p.why) {
            problem(format!("question '{id}' pool entry '{}': a why {rule}", p.text));
        }
    }
    for d in &parts.decoys {
        if bad(&d.why) {
            problem(format!("question '{id}' decoy '{}': a why {rule}", d.text));
        }
    }
    for c in &parts.cards {
        if bad(&c.why) {
            problem(format!("question '{id}' card '{}': a why {rule}", c.text));
        }
    }
    for (i, g) in parts.gaps.iter().enumerate() {
        if bad(&g.why) {
            problem(format!("question '{id}' gap {}: a why {rule}", i + 1));
        }
    }
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
    for spec in banks.exams.iter().filter(|e| !banks.pending.contains(&e.id)) {
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
