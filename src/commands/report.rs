//! The plain-output subcommands: they print and exit, no terminal UI.

use anyhow::{Result, anyhow};

use super::open_store;
use pyexam::bank::{self, BankSet, BankSource, Kind, Loaded};
use pyexam::cli::Cli;
use pyexam::invocation::Invocation;
use pyexam::session::Mode;
use pyexam::tui::screens::results::retake;
use pyexam::verify::{Verdict, Verifier};

/// Under a section's row: the errors in its file (why its bank may be short), at most three.
fn print_file_problems(problems: &[pyexam::diagnostic::Problem], exam: &str, topic: &str) {
    let file = format!("{exam}/{topic}.yaml");
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == pyexam::diagnostic::Severity::Error)
        .filter(|p| std::path::Path::new(&p.path).ends_with(&file))
        .collect();
    for p in errors.iter().take(3) {
        outln!("      {p}");
    }
    if errors.len() > 3 {
        outln!(
            "      … and {} more (pyexam check lists them all)",
            errors.len() - 3
        );
    }
}

pub fn list(source: &BankSource) -> Result<i32> {
    let Loaded { banks, problems, .. } = bank::load(source);
    for spec in &banks.exams {
        outln!("{} ({})  {}", spec.id, spec.code, spec.title);
        outln!(
            "  {} items, {} minutes, pass at {}%",
            spec.items,
            spec.minutes,
            spec.pass_percent
        );
        for s in &spec.sections {
            let have = banks.count(&spec.id, &s.id);
            let short = if have < s.items {
                "  (too few for a mock)"
            } else {
                ""
            };
            outln!(
                "  {:<22} {:>3}%  draws {:>2}  bank {:>3}{short}",
                s.id,
                s.weight,
                s.items,
                have
            );
            print_file_problems(&problems, &spec.id, &s.id);
        }
        for t in &spec.drill_topics {
            // The same columns as a section row, with "drill only" where weight and draws are.
            outln!(
                "  {:<22} {:<14}  bank {:>3}",
                t.id,
                "drill only",
                banks.count(&spec.id, &t.id)
            );
        }
    }
    if !problems.is_empty() {
        let command = match source {
            BankSource::Embedded => "pyexam check".to_string(),
            BankSource::Dir(dir) | BankSource::Added(dir) => format!("pyexam check {}", dir.display()),
        };
        let n = problems.len();
        errln!(
            "pyexam: {n} problem{} in the banks; `{command}` lists them",
            if n == 1 { "" } else { "s" }
        );
        return Ok(1);
    }
    Ok(0)
}

pub fn check(source: &BankSource, verify: bool, stats: bool) -> Result<i32> {
    if verify && let BankSource::Dir(dir) | BankSource::Added(dir) = source {
        // The built-in banks are ours; a folder's code is someone else's: say so before it runs.
        eprintln!(
            "pyexam check: --verify runs the Python code of the items in {}: each item in a \
             scratch folder with its own HOME, for at most {} s",
            dir.display(),
            pyexam::verify::TIME_LIMIT.as_secs()
        );
    }
    let Loaded {
        banks,
        problems,
        mut warnings,
        ..
    } = bank::load(source);
    warnings.extend(bank::audit::audit(&banks.questions));
    for p in problems.iter().chain(&warnings) {
        outln!("{p}");
    }
    let mut failed = problems.len();
    if verify {
        let mut verifier = Verifier::new().map_err(|e| anyhow!(e))?;
        // Every child of this process is the verifier's from here on.
        verifier.reap_leftovers();
        let items: Vec<_> = banks.questions.iter().filter(|q| q.verify.is_some()).collect();
        let mut skipped = 0;
        for (q, verdict) in verifier.verify_all(&items) {
            match verdict {
                Verdict::Passed => {}
                Verdict::Failed(why) => {
                    failed += 1;
                    outln!(
                        "{}:{}:{}: error: question '{}' (verify: {}): {why}",
                        q.origin.path,
                        q.origin.line,
                        q.origin.col,
                        q.id,
                        q.verify.map_or("", |v| v.name())
                    );
                }
                Verdict::Skipped(why) => {
                    skipped += 1;
                    outln!(
                        "{}:{}:{}: warning: question '{}' not verified: {why}",
                        q.origin.path,
                        q.origin.line,
                        q.origin.col,
                        q.id
                    );
                }
            }
        }
        errln!(
            "verified {} items with {} ({skipped} skipped)",
            items.len() - skipped,
            verifier.version
        );
    }
    if stats {
        print_stats(&banks);
        print_shape(&banks);
    }
    if failed > 0 {
        errln!("pyexam check: {failed} problem(s)");
        Ok(1)
    } else {
        let warned = match warnings.len() {
            0 => "no problems".to_string(),
            1 => "no errors, 1 warning".to_string(),
            n => format!("no errors, {n} warnings"),
        };
        errln!(
            "pyexam check: {} in {}, {warned}",
            pyexam::exam::count(banks.questions.len() as u64, "question"),
            pyexam::exam::count(banks.exams.len() as u64, "exam")
        );
        Ok(0)
    }
}

fn print_stats(banks: &BankSet) {
    // One word per column ("multiple choice" read as one): multi-select is Select N items,
    // choice the items of the choice kind.
    outln!(
        "{:<8} {:<22} {:>5} {:>9} {:>9} {:>13} {:>6} {:>4} {:>5} {:>5} {:>6} {:>5}",
        "exam",
        "topic",
        "items",
        "verified",
        "with-why",
        "multi-select",
        "choice",
        "gap",
        "slots",
        "order",
        "tokens",
        "match"
    );
    for spec in &banks.exams {
        let mut rows: Vec<(String, Vec<&bank::Question>)> = spec
            .topic_ids()
            .map(|t| (t.to_string(), banks.in_topic(&spec.id, t).collect()))
            .collect();
        rows.push((
            "(all)".into(),
            banks.questions.iter().filter(|q| q.exam == spec.id).collect(),
        ));
        for (topic, qs) in rows {
            let n = qs.len();
            let pct = |k: usize| {
                (k * 100)
                    .checked_div(n)
                    .map_or("-".to_string(), |p| format!("{p}%"))
            };
            let verified = qs.iter().filter(|q| q.verify.is_some()).count();
            let why = qs
                .iter()
                .filter(|q| {
                    q.choices.iter().any(|c| !c.correct && c.why.is_some())
                        || q.pool.iter().any(|e| e.why.is_some())
                        || q.gaps.iter().any(|g| g.why.is_some())
                        || q.decoys.iter().any(|d| d.why.is_some())
                        || q.cards.iter().any(|c| c.why.is_some())
                })
                .count();
            let multi = qs.iter().filter(|q| q.keyed().len() > 1).count();
            let of_kind = |k: Kind| qs.iter().filter(|q| q.kind == k).count();
            outln!(
                "{:<8} {:<22} {:>5} {:>4} {:>4} {:>4} {:>4} {:>8} {:>4} {:>6} {:>4} {:>5} {:>5} {:>6} {:>5}",
                spec.id,
                topic,
                n,
                verified,
                pct(verified),
                why,
                pct(why),
                multi,
                pct(multi),
                of_kind(Kind::Choice),
                of_kind(Kind::Gap),
                of_kind(Kind::Slots),
                of_kind(Kind::Order),
                of_kind(Kind::Tokens),
                of_kind(Kind::Match),
            );
        }
    }
}

/// Standard mocks `print_shape` draws per exam to measure the mix a mock gets.
const SHAPE_DRAWS: u64 = 20;

/// Per exam, the formats a standard mock draws (and the bank holds), the Select-N shape and the
/// code length of output items, each beside its target from exams.yaml (issue 32).
fn print_shape(banks: &BankSet) {
    use pyexam::bank::shape::BankShape;
    use pyexam::session::{Blueprint, Freshness};
    outln!();
    outln!(
        "shape per exam: a standard mock ({SHAPE_DRAWS} draws averaged), the bank, the target (exams.yaml)"
    );
    let pct = |part: f64, whole: f64| if whole > 0.0 { part * 100.0 / whole } else { 0.0 };
    for spec in &banks.exams {
        let shape = BankShape::of(banks, &spec.id);
        if shape.total() == 0 {
            continue;
        }
        // What mocks draw: single, multiple, interactive items over SHAPE_DRAWS seeds.
        let mut drawn = [0usize; 3];
        let mut draws = 0;
        for seed in 0..SHAPE_DRAWS {
            let Ok(bp) = Blueprint::draw(banks, spec, &Freshness::default(), seed) else {
                break;
            };
            draws += 1;
            for item in &bp.items {
                let slot = match item.kind {
                    Kind::Choice if item.is_multiple() => 1,
                    Kind::Choice => 0,
                    _ => 2,
                };
                drawn[slot] += 1;
            }
        }
        let mock_total = drawn.iter().sum::<usize>() as f64;
        let bank_total = shape.total() as f64;
        let bank = [
            shape.single,
            shape.multiple,
            shape.interactive.iter().map(|(_, n)| n).sum::<usize>(),
        ];
        let target = spec.mix.map(|m| [m.single, m.multiple, m.interactive]);
        let mut row = format!("{:<8}", spec.id);
        for (i, name) in ["single", "multiple", "interactive"].iter().enumerate() {
            let mock = if draws > 0 {
                format!("{:.0}%", pct(drawn[i] as f64, mock_total))
            } else {
                "-".into()
            };
            let aim = target.map_or("-".to_string(), |t| format!("{}%", t[i]));
            row.push_str(&format!(
                " {name} {mock} (bank {:.0}%, target {aim})",
                pct(bank[i] as f64, bank_total)
            ));
        }
        outln!("{row}");
        let kinds: Vec<String> = shape
            .interactive
            .iter()
            .map(|(k, n)| format!("{} {n}", k.name()))
            .collect();
        outln!(
            "{:<8} interactive items: {}; typed gaps are not drawn in a standard mock; {} stretch",
            "",
            kinds.join(", "),
            shape.stretch
        );
        let two = spec
            .shape
            .and_then(|s| s.two_of_four)
            .map_or("-".to_string(), |t| format!("≥ {t}%"));
        outln!(
            "{:<8} Select N: {} of {} are 2 of 4 ({:.0}%, target {two})",
            "",
            shape.two_of_four,
            shape.multiple,
            pct(shape.two_of_four as f64, shape.multiple as f64)
        );
        let lines = spec
            .shape
            .and_then(|s| s.output_lines)
            .map_or("-".to_string(), |t| format!("≥ {t}"));
        outln!(
            "{:<8} verify: output choice items: {}, median {} lines of code (target {lines})",
            "",
            shape.output_items,
            shape.output_median.map_or("-".to_string(), |m| format!("{m}"))
        );
    }
}

/// Every attempt as a JSON array, written row by row (history can be years long).
pub fn history_json(cli: &Cli, source: &BankSource, exam: Option<&str>) -> Result<i32> {
    // The banks are read when they matter: to name the exam asked for, or to know which exams
    // are the --banks folder's (their retake commands carry --banks DIR).
    let loaded = (exam.is_some() || cli.banks.is_some()).then(|| bank::load(source));
    let own_exams = loaded.as_ref().map(|l| l.own_exams.clone()).unwrap_or_default();
    let invocation = Invocation::new(
        cli.banks.clone(),
        cli.no_builtin,
        cli.home_flag.clone(),
        own_exams,
    );
    let exam = match (exam, &loaded) {
        (Some(name), Some(loaded)) => {
            let banks = &loaded.banks;
            let spec = banks
                .resolve_exam(name)
                .ok_or_else(|| anyhow!(pyexam::tui::app::unknown_exam(banks, name)))?;
            Some(spec.id.clone())
        }
        _ => None,
    };
    let exam = exam.as_deref();
    use std::io::Write;
    let store = open_store(cli)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut first = true;
    let mut failed: Option<anyhow::Error> = None;
    writeln!(out, "[")?;
    // One attempt at a time, from the index straight to stdout: memory stays flat with history.
    let problems = store.each_attempt(|s| {
        if failed.is_some() || exam.is_some_and(|e| s.summary.exam != e) {
            return;
        }
        let separator = if first { "" } else { ",\n" };
        first = false;
        // serde_json writes control characters as \u001b escapes (tests/terminal_text.rs).
        let written = serde_json::to_string(&history_row(&s, &invocation))
            .map_err(anyhow::Error::from)
            .and_then(|row| Ok(write!(out, "{separator}  {row}")?));
        failed = written.err();
    });
    if let Some(e) = failed {
        return Err(e);
    }
    if !first {
        writeln!(out)?;
    }
    writeln!(out, "]")?;
    out.flush()?;
    for p in &problems {
        errln!("pyexam: warning: {p}; skipped, the file is left as it is");
    }
    Ok(0)
}

/// One attempt as `history --json` writes it.
fn history_row(s: &pyexam::store::Stored, invocation: &Invocation) -> serde_json::Value {
    let a = &s.summary;
    serde_json::json!({
        "number": s.number,
        "file": s.name,
        "exam": a.exam,
        "code": a.code,
        "mode": a.mode.name(),
        "topic": a.topic,
        "seed": a.seed,
        "retake": a.seed.filter(|_| a.mode == Mode::Mock).map(|seed| retake(a, seed, invocation)),
        "started_at": a.started_at,
        "finished_at": a.finished_at,
        "used_secs": a.used_secs,
        "standard_time": a.standard_time,
        "timed_out": a.timed_out,
        "percent": a.report.percent,
        "correct": a.report.correct,
        "total": a.report.total,
        // A drill has no pass mark.
        "passed": (a.mode == Mode::Mock).then_some(a.report.passed),
        "sections": a.report.sections,
        "calibration": pyexam::session::Calibration::of(&a.results),
        "pacing": pyexam::session::Pacing::of_summary(a),
    })
}
