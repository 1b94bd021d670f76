//! Bank loading: parse + validate of the embedded banks, and of a generated 10,000-item bank.
//! Budget: the 10,000-item bank loads in under 150 ms; `pyexam check` over the shipped banks
//! (whole process) takes under 25 ms, most of it this parse.
//!
//! `cargo bench --bench bank`

use divan::Bencher;
use pyexam::bank::{self, BankSource, SourceFile};

fn main() {
    divan::main();
}

/// Read only: the embedded files as `SourceFile`s (copies the text, checks the size and UTF-8).
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

/// Not what `bank::parse` does today: the same files parsed on every core, each thread parsing
/// exams.yaml plus its share of the bank files, as a measure of what parallel parsing in
/// `bank::validate::parse_all` would gain (the YAML parse is ~95% of loading).
#[divan::bench(args = ["embedded", "10000"])]
fn parse_parallel_prototype(bencher: Bencher, which: &str) {
    let files = match which {
        "embedded" => bank::read_source(&BankSource::Embedded).unwrap(),
        _ => synthetic::files(10_000),
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let (exams, banks): (Vec<SourceFile>, Vec<SourceFile>) =
        files.into_iter().partition(|f| f.relative == "exams.yaml");
    // Deal the files out round-robin so each thread gets a similar amount of YAML.
    let shares: Vec<Vec<SourceFile>> = (0..threads)
        .map(|t| {
            exams
                .iter()
                .cloned()
                .chain(banks.iter().skip(t).step_by(threads).cloned())
                .collect()
        })
        .collect();
    bencher.bench(|| {
        std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .iter()
                .map(|share| scope.spawn(move || bank::parse(share).banks.questions.len()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum::<usize>()
        })
    });
}

/// Not what loading does today: the same questions as JSON (`Item`s, which are `Deserialize`),
/// as a measure of what embedding banks pre-parsed at build time would cost at start-up.
#[divan::bench]
fn json_equivalent_prototype(bencher: Bencher) {
    use rand::SeedableRng;
    let banks = bank::load(&BankSource::Embedded).banks;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let items: Vec<pyexam::session::Item> = banks
        .questions
        .iter()
        .map(|q| pyexam::session::Item::from_question(q, &mut rng))
        .collect();
    let json = serde_json::to_string(&items).unwrap();
    bencher.bench(|| serde_json::from_str::<Vec<pyexam::session::Item>>(divan::black_box(&json)).unwrap());
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
