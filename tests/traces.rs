//! The step view's traces are proven fresh: every traceable item is traced again with
//! `scripts/trace.py` and compared with `question-banks/traces/<exam>.json`.
//!
//! `scripts/refresh-traces.sh` (PYEXAM_REFRESH_TRACES=1) rewrites the files instead.
//! Notes that must not hide in captured output (a different Python, items this machine cannot
//! run) go straight to stderr.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use pyexam::bank::{self, BankSource, Kind, Question, Verify};
use pyexam::trace::{self, Trace, TraceInput};
use pyexam::verify::{XServer, normalize};

const REFRESH: &str = "scripts/refresh-traces.sh";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn python() -> String {
    std::env::var("PYEXAM_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Shown even when the test passes: libtest captures `eprintln!`, not a direct write.
fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "traces: {text}");
}

fn minor(version: &str) -> String {
    version.split('.').take(2).collect::<Vec<_>>().join(".")
}

/// One item's entry in a trace file.
#[derive(Debug, Clone, PartialEq)]
struct Stored1 {
    exam: String,
    json: String,
    hash: String,
    traced: bool,
    /// The tracer marked its code as able to step differently from run to run.
    unsteady: bool,
}

/// The trace files of a folder: the Python that made each, and every entry by id.
#[derive(Default)]
struct Stored {
    python: BTreeMap<String, String>,
    entries: BTreeMap<String, Stored1>,
}

fn read_traces(dir: &Path) -> Stored {
    let mut stored = Stored {
        python: BTreeMap::new(),
        entries: BTreeMap::new(),
    };
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let exam = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Some(v) = trace::python_of(&text) {
            stored.python.insert(exam.clone(), v.to_string());
        }
        for e in trace::entries(&text) {
            stored.entries.insert(
                e.id.to_string(),
                Stored1 {
                    exam: exam.clone(),
                    json: e.json.to_string(),
                    hash: e.hash.to_string(),
                    traced: e.traced,
                    unsteady: e.json.ends_with(",\"u\":1}"),
                },
            );
        }
    }
    stored
}

fn module_available(module: &str) -> bool {
    Command::new(python())
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Split the items into those this machine can run and those it cannot (with why).
fn runnable(
    items: Vec<TraceInput>,
    display: &mut Option<Result<XServer, String>>,
) -> (Vec<TraceInput>, Vec<(TraceInput, String)>) {
    let mut known: BTreeMap<String, bool> = BTreeMap::new();
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    'items: for mut item in items {
        for module in item.requires.clone() {
            if module == pyexam::verify::DISPLAY {
                match display.get_or_insert_with(XServer::start) {
                    Ok(x) => item.display = Some(x.name.clone()),
                    Err(why) => {
                        no.push((item, why.clone()));
                        continue 'items;
                    }
                }
            } else if !*known
                .entry(module.clone())
                .or_insert_with(|| module_available(&module))
            {
                no.push((item, format!("needs the Python module '{module}'")));
                continue 'items;
            }
        }
        yes.push(item);
    }
    (yes, no)
}

fn write_file(dir: &Path, exam: &str, python: &str, lines: &BTreeMap<String, String>) {
    let body: Vec<String> = lines.iter().map(|(id, json)| format!("{id:?}:{json}")).collect();
    let text = format!(
        "{{\"python\":\"{python}\",\"format\":1,\"items\":{{\n{}\n}}}}\n",
        body.join(",\n")
    );
    std::fs::write(dir.join(format!("{exam}.json")), text).unwrap();
}

/// Run scripts/trace.py over `items`: their entries, and why the untraced ones have none.
fn trace_all(items: &[TraceInput], keep: Option<std::ffi::OsString>) -> (Stored, BTreeMap<String, String>) {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("items.json");
    std::fs::write(&input, serde_json::to_string(items).unwrap()).unwrap();
    if let Some(keep) = keep {
        // For working on scripts/trace.py: `python3 scripts/trace.py $PYEXAM_TRACE_ITEMS out/`.
        std::fs::copy(&input, keep).unwrap();
    }
    let out_dir = work.path().join("out");
    let run = Command::new(python())
        .arg(root().join("scripts/trace.py"))
        .arg(&input)
        .arg(&out_dir)
        .output()
        .expect("python3 is needed to check the traces");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "scripts/trace.py failed: {}{}",
        stdout,
        String::from_utf8_lossy(&run.stderr)
    );
    let untraced = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("untraced: "))
        .filter_map(|l| l.split_once(": "))
        .map(|(id, why)| (id.to_string(), why.to_string()))
        .collect();
    (read_traces(&out_dir), untraced)
}

#[test]
fn traces_are_fresh() {
    let loaded = bank::load(&BankSource::Dir(root().join("question-banks")));
    assert!(loaded.problems.is_empty(), "bank problems: {:?}", loaded.problems);
    let questions: BTreeMap<&str, &Question> = loaded
        .banks
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q))
        .collect();
    let mut display = None;
    let (items, cannot) = runnable(trace::export(&loaded.banks), &mut display);
    let refresh = std::env::var_os("PYEXAM_REFRESH_TRACES").is_some();

    let (mut fresh, untraced) = trace_all(&items, std::env::var_os("PYEXAM_TRACE_ITEMS"));
    let stored = read_traces(&root().join("question-banks/traces"));
    let running = fresh.python.values().next().cloned().unwrap_or_default();
    let same_json = |fresh: &Stored, id: &str| {
        fresh.entries.get(id).map(|e| &e.json) == stored.entries.get(id).map(|e| &e.json)
    };
    if !refresh {
        // Items with threads or processes can step differently now and then: a mismatch gets
        // two more runs, and any run that matches settles it.
        for _ in 0..2 {
            let suspects: Vec<TraceInput> = items
                .iter()
                .filter(|i| !same_json(&fresh, &i.id))
                .cloned()
                .collect();
            if suspects.is_empty() {
                break;
            }
            let (again, _) = trace_all(&suspects, None);
            for item in &suspects {
                if same_json(&again, &item.id) {
                    fresh
                        .entries
                        .insert(item.id.clone(), again.entries[&item.id].clone());
                }
            }
        }
    }

    let mut stale = Vec::new();
    let mut version_differs = Vec::new();
    let mut unsteady = Vec::new();
    let mut final_entries: BTreeMap<String, Stored1> = BTreeMap::new();
    for item in &items {
        let new = fresh.entries.get(&item.id).expect("the tracer writes every item");
        // What ships: the fresh entries when refreshing, else the stored ones being checked.
        let shipped = match stored.entries.get(&item.id) {
            Some(old) if !refresh && old.hash == item.hash => old,
            _ => new,
        };
        final_entries.insert(item.id.clone(), shipped.clone());
        match stored.entries.get(&item.id) {
            None => stale.push(format!("{} (not in the trace files)", item.id)),
            Some(old) if old.hash != item.hash => stale.push(format!("{} (its code changed)", item.id)),
            Some(old) if old.json == new.json => {}
            Some(old) if old.unsteady || new.unsteady => unsteady.push(item.id.clone()),
            Some(old) if minor(&stored.python[&old.exam]) != minor(&running) => {
                version_differs.push(item.id.clone())
            }
            Some(_) => stale.push(format!("{} (steps changed)", item.id)),
        }
    }
    let mut unchecked = Vec::new();
    for (item, why) in &cannot {
        match stored.entries.get(&item.id) {
            Some(old) if old.hash == item.hash => {
                final_entries.insert(item.id.clone(), old.clone());
                unchecked.push(format!("{} ({why})", item.id));
            }
            Some(_) => stale.push(format!("{} (its code changed; it {why} to refresh)", item.id)),
            None => stale.push(format!("{} (not in the trace files; it {why} to trace)", item.id)),
        }
    }
    for id in stored.entries.keys() {
        if !final_entries.contains_key(id) && !cannot.iter().any(|(i, _)| &i.id == id) {
            stale.push(format!("{id} (no such traceable item)"));
        }
    }

    // Replaying a trace must print exactly what Python printed: the tracer changed nothing.
    let mut misprinted = Vec::new();
    for (id, entry) in final_entries.iter().filter(|(_, e)| e.traced) {
        let q = questions[id.as_str()];
        let t = Trace::parse(&entry.json).unwrap_or_else(|e| panic!("{id}: {e}"));
        if q.verify == Some(Verify::Output) && !t.output.contains('…') {
            // A choice item's key is an option's text; an interactive item's is `expect`.
            let key = match q.kind {
                Kind::Choice => &q.choices[q.keyed()[0]].text,
                _ => q.expect.as_ref().expect("verify: output has expect"),
            };
            if normalize(&t.output) != normalize(key) {
                misprinted.push(format!("{id}: trace printed {:?}, key {:?}", t.output, key));
            }
        }
    }
    assert!(
        misprinted.is_empty(),
        "traces print something else than the key:\n{}",
        misprinted.join("\n")
    );

    let outputs: Vec<&Question> = loaded
        .banks
        .questions
        .iter()
        .filter(|q| q.verify == Some(Verify::Output))
        .collect();
    let has_trace = |id: &str| final_entries.get(id).is_some_and(|e| e.traced);
    let traced = outputs.iter().filter(|q| has_trace(&q.id)).count();
    let untraced_outputs: Vec<String> = outputs
        .iter()
        .filter(|q| !has_trace(&q.id))
        .map(|q| {
            let why = final_entries
                .get(&q.id)
                .and_then(|e| serde_json::from_str::<serde_json::Value>(&e.json).ok())
                .and_then(|v| v["why"].as_str().map(str::to_string))
                .or_else(|| untraced.get(&q.id).cloned())
                .or_else(|| cannot.iter().find(|(i, _)| i.id == q.id).map(|(_, w)| w.clone()))
                .unwrap_or_else(|| "no code".into());
            format!("{}: {why}", q.id)
        })
        .collect();
    note(&format!(
        "{traced} of {} `verify: output` items traced ({:.1}%), Python {running}",
        outputs.len(),
        100.0 * traced as f64 / outputs.len().max(1) as f64
    ));
    if !untraced_outputs.is_empty() {
        note(&format!("untraced: {}", untraced_outputs.join("; ")));
    }
    if !unchecked.is_empty() {
        note(&format!("kept, not re-run here: {}", unchecked.join(", ")));
    }

    if refresh {
        let dir = root().join("question-banks/traces");
        std::fs::create_dir_all(&dir).unwrap();
        let mut by_exam: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
        for (id, e) in &final_entries {
            by_exam
                .entry(&e.exam)
                .or_default()
                .insert(id.clone(), e.json.clone());
        }
        for old in stored.python.keys().filter(|e| !by_exam.contains_key(e.as_str())) {
            std::fs::remove_file(dir.join(format!("{old}.json"))).unwrap();
        }
        for (exam, lines) in &by_exam {
            write_file(&dir, exam, &running, lines);
        }
        note(&format!(
            "refreshed {} files with Python {running}",
            by_exam.len()
        ));
        return;
    }
    if !unsteady.is_empty() {
        note(&format!(
            "stepped differently from the stored run (threads, processes or timing; not failed, \
             the code is unchanged): {}",
            unsteady.join(", ")
        ));
    }
    if !version_differs.is_empty() {
        note(&format!(
            "made by Python {}, running {running}: {} items step differently here (not failed; \
             normalise in scripts/trace.py if it matters): {}",
            stored.python.values().next().cloned().unwrap_or_default(),
            version_differs.len(),
            version_differs.join(", ")
        ));
    }
    assert!(
        stale.is_empty(),
        "stale traces for {} items: {}\nrefresh them with {REFRESH}",
        stale.len(),
        stale.join(", ")
    );
    assert!(
        traced * 100 >= outputs.len() * 95,
        "only {traced} of {} `verify: output` items have a trace; untraced: {}",
        outputs.len(),
        untraced_outputs.join("; ")
    );
}
