//! Embeds every file under `question-banks/` in the binary, so `pyexam exam pcap` works from any
//! directory. Cargo reruns this when anything in the folder is added, edited or removed.
//!
//! Each bank file is also embedded as JSON, converted here: parsing YAML is nearly all of
//! pyexam's start-up time, and JSON parses about fifteen times faster. The YAML stays the
//! source of truth: a file that does not convert cleanly gets no JSON, and the loader parses
//! its YAML at run time and reports its problems with their locations.

use std::{env, fs, path::Path};

// The loader's own pre-parse scan (anchors, aliases, deep nesting, raw control characters), so a file the loader would
// refuse is never parsed here either.
#[allow(dead_code)]
#[path = "src/diagnostic.rs"]
mod diagnostic;
#[allow(dead_code)]
#[path = "src/bank/positions.rs"]
mod positions;
#[allow(dead_code)]
#[path = "src/bank/precheck.rs"]
mod precheck;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("question-banks");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let out_dir = env::var("OUT_DIR").unwrap();
    // Every file's JSON in one blob, each file a range of it: start-up reads only the JSON, and
    // in one block of the binary its pages are not shared with YAML that is never read (the
    // kernel maps a binary's pages 64 KiB at a time).
    let mut json = String::new();
    let mut table = String::new();
    let mut yaml = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let rel = rel.to_string_lossy().trim_start_matches('/').replace('\\', "/");
        let text = fs::read_to_string(path).unwrap_or_default();
        let built = to_json(&text).map(|converted| {
            let range = json.len()..json.len() + converted.len();
            json.push_str(&converted);
            let positions = positions::id_positions(&text);
            format!("Some(({range:?}, &{positions:?}))")
        });
        // Each YAML is its own constant (slicing a blob reads the bytes at both ends, a char
        // boundary check), listed apart from the paths, which are read: a path placed beside a
        // file's text would map that text's pages too.
        table.push_str(&format!(
            "    ({rel:?}, {}, {}),\n",
            yaml.len(),
            built.unwrap_or_else(|| "None".into())
        ));
        yaml.push(format!("    include_str!({:?}),\n", path.display().to_string()));
    }
    let blob = |name: &str, text: &str| {
        let dest = Path::new(&out_dir).join(name);
        fs::write(&dest, text).unwrap();
        format!("include_str!({:?})", dest.display().to_string())
    };
    let mut out = format!("static JSON: &str = {};\n", blob("banks.json", &json));
    // (path, its YAML in `YAML`, and when it converts: its JSON in `JSON` and each question's
    // `id:` line and column).
    out.push_str("static EMBEDDED: &[Embedded] = &[\n");
    out.push_str(&table);
    out.push_str("];\nstatic YAML: &[&str] = &[\n");
    out.push_str(&yaml.concat());
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_banks.rs");
    fs::write(dest, out).unwrap();
    embed_traces(&root.join("traces"), &out_dir);
}

/// The step-view traces (`question-banks/traces/<exam>.json`, made by scripts/trace.py) as
/// `(exam, text)`. Not bank files: `collect` takes only `.yaml`, so the loader never sees them.
fn embed_traces(dir: &Path, out_dir: &str) {
    let mut files: Vec<_> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = String::from("pub static TRACES: &[(&str, &str)] = &[\n");
    for path in &files {
        let exam = path.file_stem().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({exam:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(Path::new(out_dir).join("embedded_traces.rs"), out).unwrap();
}

/// The file as JSON, or `None` when it is not small, well-formed YAML that passes the loader's
/// pre-parse scan; the run-time loader then reports what is wrong, with a location.
fn to_json(text: &str) -> Option<String> {
    if text.len() > 256 * 1024 || precheck::precheck("", text).is_err() {
        return None;
    }
    let value: serde_json::Value = serde_yaml::from_str(text).ok()?;
    serde_json::to_string(&value).ok()
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo::rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            files.push(path);
        }
    }
}
