//! The figures README.md and docs/ state about the shipped banks are computed here from the
//! embedded banks and traces, and checked against the text between `<!-- fig:NAME -->` and
//! `<!-- /fig -->` (issue 26, item 1). After changing the banks or the traces:
//!
//!     PYEXAM_REFRESH_PICTURES=1 cargo test --test doc_figures
//!
//! rewrites those spots.

use std::path::Path;

use pyexam::bank::{self, BankSource, Verify};

/// One marked spot: its file, its name and the text it must hold.
struct Figure {
    file: &'static str,
    name: &'static str,
    text: String,
}

fn figures() -> Vec<Figure> {
    let loaded = bank::load(&BankSource::Embedded);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let questions = &loaded.banks.questions;
    let n = questions.len();
    // A key is proven when the suite runs its code (any `verify`: tests/verify_banks.rs).
    let proven = questions.iter().filter(|q| q.verify.is_some()).count();
    let outputs: Vec<_> = questions
        .iter()
        .filter(|q| q.verify == Some(Verify::Output))
        .collect();
    let traced = outputs
        .iter()
        .filter(|q| {
            pyexam::trace::traced_code(q).is_some_and(|code| pyexam::trace::has_trace(&q.id, &code, &q.files))
        })
        .count();
    let (served, untraced): (Vec<&&pyexam::bank::Question>, Vec<_>) = outputs
        .iter()
        .filter(|q| {
            !pyexam::trace::traced_code(q)
                .is_some_and(|code| pyexam::trace::has_trace(&q.id, &code, &q.files))
        })
        .partition(|q| q.setup.is_some() || q.requires.iter().any(|r| r == pyexam::verify::MYSQL));
    let untraced: Vec<String> = untraced.iter().map(|q| q.id.clone()).collect();
    let python = python_of_traces();
    let files = trace_files();
    let share = 100.0 * traced as f64 / outputs.len().max(1) as f64;
    let traced_line = format!("{traced} of {} `verify: output` items traced", outputs.len());
    let mut untraced_words = if untraced.is_empty() {
        "every other one traced".to_string()
    } else {
        format!("untraced ({}): {}", untraced.len(), untraced.join(", "))
    };
    if !served.is_empty() {
        // The tracer runs the shown code alone: no MariaDB server, no hidden setup.
        untraced_words.push_str(&format!(
            "; not traced ({}): the MySQL items and items with a hidden setup",
            served.len()
        ));
    }
    vec![
        Figure {
            file: "README.md",
            name: "questions",
            text: format!("**{n} original questions**; {}% of them", proven * 100 / n.max(1)),
        },
        Figure {
            file: "docs/authoring.md",
            name: "traced",
            text: format!("{traced_line} ({share:.1}%, Python {python}); {untraced_words}"),
        },
        Figure {
            file: "docs/performance.md",
            name: "traced",
            text: format!("{files}, {traced_line}"),
        },
    ]
}

/// The Python the embedded traces were recorded with.
fn python_of_traces() -> String {
    let text = std::fs::read_to_string(root().join("question-banks/traces/pcep.json")).unwrap();
    pyexam::trace::python_of(&text).unwrap_or("?").to_string()
}

/// The trace files: "**199 KB** for all four exams (pcap 52 KB, …; 603 entries", their sizes
/// in kB (1000 bytes) and their entries, traced or not.
fn trace_files() -> String {
    let mut files: Vec<(String, usize, usize)> = std::fs::read_dir(root().join("question-banks/traces"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let exam = e.path().file_stem().unwrap().to_string_lossy().into_owned();
            (exam, text.len(), pyexam::trace::entries(&text).count())
        })
        .collect();
    files.sort();
    let kb = |bytes: usize| (bytes + 500) / 1000;
    let total: usize = files.iter().map(|f| f.1).sum();
    let each: Vec<String> = files
        .iter()
        .map(|(e, b, _)| format!("{e} {} KB", kb(*b)))
        .collect();
    let entries: usize = files.iter().map(|f| f.2).sum();
    format!(
        "**{} KB** for all\n{} exams ({}; {entries} entries",
        kb(total),
        match files.len() {
            4 => "four".to_string(),
            n => n.to_string(),
        },
        each.join(", ")
    )
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `doc` with the text of the spot `name` replaced by `text`, and the text it held.
fn replace(doc: &str, file: &str, name: &str, text: &str) -> (String, String) {
    let begin = format!("<!-- fig:{name} -->");
    let end = "<!-- /fig -->";
    let b = doc
        .find(&begin)
        .unwrap_or_else(|| panic!("{file} needs the marker {begin}…{end}"))
        + begin.len();
    let e = b + doc[b..]
        .find(end)
        .unwrap_or_else(|| panic!("{file}: {begin} is never closed"));
    let held = doc[b..e].to_string();
    (format!("{}{text}{}", &doc[..b], &doc[e..]), held)
}

#[test]
fn the_docs_state_the_figures_the_banks_give() {
    let refresh = std::env::var_os("PYEXAM_REFRESH_PICTURES").is_some();
    let mut stale = Vec::new();
    for f in figures() {
        let path = root().join(f.file);
        let doc = std::fs::read_to_string(&path).unwrap();
        let (fresh, held) = replace(&doc, f.file, f.name, &f.text);
        if held == f.text {
            continue;
        }
        if refresh {
            std::fs::write(&path, fresh).unwrap();
        } else {
            stale.push(format!(
                "{} ({}): says {held:?}, the banks give {:?}",
                f.file, f.name, f.text
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "figures in the docs drifted (PYEXAM_REFRESH_PICTURES=1 cargo test --test doc_figures):\n{}",
        stale.join("\n")
    );
}

#[test]
fn a_drifted_figure_is_found() {
    let doc = "a <!-- fig:x -->12 of 13<!-- /fig --> b";
    let (fresh, held) = replace(doc, "t.md", "x", "13 of 13");
    assert_eq!(held, "12 of 13");
    assert_eq!(fresh, "a <!-- fig:x -->13 of 13<!-- /fig --> b");
}
