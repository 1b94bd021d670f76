//! Bank loading: parse + validate of the embedded banks, and of a generated 10,000-item bank.
//! Budget: the 10,000-item bank loads in under 150 ms; `pyexam check` over the shipped banks
//! (whole process) takes under 25 ms. Embedded banks parse from build-time JSON; folders (and
//! the synthetic bank) parse YAML on every core.
//!
//! `cargo bench --bench bank`

use divan::Bencher;
use pyexam::bank::{self, BankSource, SourceFile};

fn main() {
    divan::main();
}

/// Read only: the embedded files as `SourceFile`s (borrowed from the binary, not copied).
#[divan::bench]
fn read_embedded() -> Vec<SourceFile> {
    bank::read_source(&BankSource::Embedded).unwrap()
}

/// What `pyexam check`, `list` and every interactive command do first.
#[divan::bench]
fn load_embedded() -> bank::Loaded {
    let loaded = bank::load(&BankSource::Embedded);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems.first());
    loaded
}

/// Parse + validate only (the files already read).
#[divan::bench]
fn parse_embedded(bencher: Bencher) {
    let files = bank::read_source(&BankSource::Embedded).unwrap();
    bencher.bench(|| bank::parse(divan::black_box(&files)));
}

/// Parse + validate a 10,000-question bank built in memory from the shipped questions.
#[divan::bench(args = [1_000, 10_000])]
fn parse_synthetic(bencher: Bencher, questions: usize) {
    let files = synthetic::files(questions);
    let loaded = bank::parse(&files);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems.first());
    assert_eq!(loaded.banks.questions.len(), questions);
    bencher.bench(|| bank::parse(divan::black_box(&files)));
}

/// The embedded banks without their build-time JSON: what a `--banks` folder of the same size
/// costs (YAML parsed on every core).
#[divan::bench]
fn parse_embedded_yaml_only(bencher: Bencher) {
    let files: Vec<SourceFile> = bank::read_source(&BankSource::Embedded)
        .unwrap()
        .into_iter()
        .map(|f| SourceFile { json: None, ..f })
        .collect();
    bencher.bench(|| bank::parse(divan::black_box(&files)));
}

/// A synthetic bank: 4 exams of 25 topics each (5 sections + 20 drill topics); every question is
/// a real shipped question (prompt, code, options, explanation) under a new id, so the YAML is as
/// dense as the real banks and each file stays below the 256 KiB limit.
mod synthetic {
    use std::fmt::Write;

    use pyexam::bank::{self, BankSource, SourceFile};

    const EXAMS: usize = 4;
    const TOPICS: usize = 25;
    const SECTIONS: usize = 5;

    fn exams_yaml() -> String {
        let mut out = String::from("exams:\n");
        for e in 1..=EXAMS {
            let _ = write!(
                out,
                "  - id: syn{e}\n    code: SYN-{e}\n    title: Synthetic {e}\n    items: 45\n    minutes: 65\n    pass_percent: 70\n    sections:\n"
            );
            for t in 1..=SECTIONS {
                let _ = writeln!(
                    out,
                    "      - {{ id: t{t:02}, title: \"Topic {t}\", items: 9, weight: 20 }}"
                );
            }
            out.push_str("    drill_topics:\n");
            for t in SECTIONS + 1..=TOPICS {
                let _ = writeln!(out, "      - {{ id: t{t:02}, title: \"Topic {t}\" }}");
            }
        }
        out
    }

    /// Each shipped question's YAML without its `id:` line, indented as in a bank file.
    fn templates() -> Vec<String> {
        let mut blocks = Vec::new();
        for file in bank::read_source(&BankSource::Embedded).unwrap() {
            let Ok(text) = file.text else { continue };
            if file.relative == "exams.yaml" {
                continue;
            }
            let mut current: Option<String> = None;
            for line in text.lines() {
                if line.starts_with("  - id: ") {
                    blocks.extend(current.replace(String::new()));
                } else if let Some(block) = current.as_mut() {
                    block.push_str(line);
                    block.push('\n');
                }
            }
            blocks.extend(current);
        }
        assert!(blocks.len() > 100, "found {} shipped questions", blocks.len());
        blocks
    }

    /// `questions` questions spread evenly over every exam's topics, plus exams.yaml.
    pub fn files(questions: usize) -> Vec<SourceFile> {
        let templates = templates();
        let mut files = vec![SourceFile::new(
            "synthetic/exams.yaml",
            "exams.yaml",
            &exams_yaml(),
        )];
        let per_file = questions.div_ceil(EXAMS * TOPICS);
        let mut made = 0;
        for e in 1..=EXAMS {
            for t in 1..=TOPICS {
                let mut text = format!("exam: syn{e}\ntopic: t{t:02}\nquestions:\n");
                for n in 1..=per_file.min(questions - made) {
                    let body = &templates[made % templates.len()];
                    let _ = write!(text, "  - id: syn{e}-t{t:02}-{n:04}\n{body}");
                    made += 1;
                }
                let relative = format!("syn{e}/t{t:02}.yaml");
                files.push(SourceFile::new(
                    format!("synthetic/{relative}"),
                    relative.clone(),
                    &text,
                ));
            }
        }
        files
    }
}
