//! GIFT import and export: the corpus under tests/fixtures/gift/ (every construct of Moodle's
//! format documentation) imports with an exact report, imported banks pass `pyexam check`, and
//! every built-in bank survives export and import with its prompts, code, options and keys.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pyexam::bank::{self, BankSource, Kind, SourceFile};
use pyexam::formats::gift;
use pyexam::tui::app::{App, Screen};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gift")
        .join(name)
}

fn pyexam() -> Command {
    Command::cargo_bin("pyexam").unwrap()
}

#[test]
fn every_construct_imports_with_an_exact_report() {
    let text = fs::read_to_string(fixture("every-construct.gift")).unwrap();
    let result = gift::import(&text, "quiz", "gift", "every-construct.gift");
    let f = "every-construct.gift";
    let expected = [
        format!("{f}:57: note: answer 'Venus' (50%) left out: a gap accepts full-credit answers only"),
        format!(
            "{f}:71: skipped (matching): 'Spain' is the match of two items; a slot pool holds each entry once"
        ),
        format!("{f}:74: skipped (numerical): pyexam has no numeric-answer kind"),
        format!("{f}:76: skipped (numerical): pyexam has no numeric-answer kind"),
        format!("{f}:78: skipped (numerical): pyexam has no numeric-answer kind"),
        format!("{f}:81: skipped (essay): an essay has no answer key to score"),
        format!("{f}:83: skipped (description): no answers: a description is not a question"),
        format!("{f}:86: skipped (syntax): '{{' is never closed with '}}' (write \\{{ for a literal brace)"),
        format!("{f}:88: skipped (syntax): '}}' closes no '{{' (write \\}} for a literal brace)"),
        format!("{f}:91: skipped (multiple choice): no right answer ('=' or a positive %weight%)"),
        format!(
            "{f}: 15 imported (12 choice, 2 gap, 1 slots), 9 skipped; 13 without an explanation (a warning in `pyexam check`)"
        ),
    ];
    assert_eq!(result.report(f), expected.join("\n") + "\n");
    let ids: Vec<(usize, &str, &str)> = result
        .imported
        .iter()
        .map(|i| (i.line, i.id.as_str(), i.kind))
        .collect();
    assert_eq!(
        ids,
        [
            (6, "quiz-gift-008", "choice"),
            (14, "quiz-gift-007", "choice"),
            (17, "quiz-gift-009", "choice"),
            (25, "quiz-gift-010", "choice"),
            (27, "quiz-gift-011", "choice"),
            (29, "quiz-gift-012", "choice"),
            (31, "quiz-gift-013", "choice"),
            (34, "quiz-gift-014", "choice"),
            (37, "quiz-gift-015", "choice"),
            (47, "quiz-gift-016", "choice"),
            (50, "quiz-gift-017", "choice"),
            (57, "quiz-gift-018", "gap"),
            (60, "quiz-gift-019", "gap"),
            (63, "quiz-gift-020", "slots"),
            (94, "quiz-gift-021", "choice"),
        ]
    );
}

/// The imported questions, by id, as YAML values.
fn imported_items(name: &str) -> Vec<serde_yaml::Value> {
    let text = fs::read_to_string(fixture(name)).unwrap();
    let result = gift::import(&text, "quiz", "gift", name);
    let file: serde_yaml::Value = serde_yaml::from_str(&result.yaml).unwrap();
    assert_eq!(file["imported_from"].as_str(), Some(name));
    file["questions"].as_sequence().unwrap().clone()
}

fn item<'a>(items: &'a [serde_yaml::Value], id: &str) -> &'a serde_yaml::Value {
    items.iter().find(|q| q["id"].as_str() == Some(id)).unwrap()
}

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(text).unwrap()
}

#[test]
fn texts_formats_escapes_and_feedback_come_through() {
    let items = imported_items("every-construct.gift");
    assert_eq!(
        item(&items, "quiz-gift-008"),
        &yaml(
            "id: quiz-gift-008\nprompt: Which city is the capital of Peru?\nchoices:\n  - {text: Lima, correct: true, why: Lima has been the capital since 1535.}\n  - {text: Cusco, why: \"Cusco was the Inca capital, not today's.\"}\n  - {text: Arequipa, why: Arequipa is the second-largest city.}\nexplanation: Lima, on the Pacific coast, is the seat of government.\n"
        )
    );
    let tf = item(&items, "quiz-gift-011");
    assert_eq!(
        tf["choices"][0],
        yaml("{text: 'True', why: Canberra is the capital.}")
    );
    assert_eq!(
        tf["choices"][1],
        yaml("{text: 'False', correct: true, why: 'Right: Canberra is.'}")
    );
    assert_eq!(
        item(&items, "quiz-gift-014")["prompt"].as_str(),
        Some("Ottawa is the capital of _____ and lies on a river.")
    );
    let md = item(&items, "quiz-gift-015");
    assert_eq!(md["code"].as_str(), Some("print(len(\"a\\nb\"))\n"));
    assert_eq!(
        md["choices"][0]["why"].as_str(),
        Some("The escape \\n is one character.")
    );
    assert_eq!(
        item(&items, "quiz-gift-016")["code"].as_str(),
        Some("x = 2 ** 3\n")
    );
    let escaped = item(&items, "quiz-gift-017");
    assert_eq!(
        escaped["prompt"].as_str(),
        Some("Which one reads {a} = 1 ~ 2 # 3 : 4 \\ 5?\nPick it.")
    );
    let texts: Vec<_> = escaped["choices"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["a = b", "a ~ b", "a # b"]);
    assert_eq!(
        item(&items, "quiz-gift-021")["choices"][0]["text"].as_str(),
        Some("neon")
    );
}

/// Short answer and matching become `gap` and `slots` exactly as DESIGN.md's "Interactive
/// kinds" shape them. (Loading them is tested once the loader knows those kinds.)
#[test]
fn short_answer_and_matching_take_the_interactive_shapes() {
    let items = imported_items("every-construct.gift");
    assert_eq!(
        item(&items, "quiz-gift-018"),
        &yaml(
            "id: quiz-gift-018\nkind: gap\nprompt: Which planet is nearest the sun?\ncode: \"___1___\\n\"\nlang: text\ngaps:\n  - [Mercury, mercury]\nexplanation: \"'mercury': Closest of all.\"\n"
        )
    );
    assert_eq!(
        item(&items, "quiz-gift-019"),
        &yaml(
            "id: quiz-gift-019\nkind: gap\nprompt: Type the missing word.\ncode: \"Two plus ___1___ equals four.\\n\"\nlang: text\ngaps:\n  - [two, '2']\n"
        )
    );
    assert_eq!(
        item(&items, "quiz-gift-020"),
        &yaml(
            "id: quiz-gift-020\nkind: slots\nprompt: Match each country with its capital.\ncode: \"Chile -> ___1___\\nKenya -> ___2___\\nNorway -> ___3___\\n\"\nlang: text\npool: [Santiago, Nairobi, Oslo, Bergen]\nslots: [Santiago, Nairobi, Oslo]\n"
        )
    );
}

const QUIZ_EXAMS: &str = "exams:\n  - id: quiz\n    code: QUIZ-1\n    title: Imported quiz\n    items: 2\n    minutes: 5\n    pass_percent: 70\n    sections:\n      - { id: gift, title: From GIFT, items: 2, weight: 100 }\n";

#[test]
fn an_imported_choice_bank_passes_check_and_lists_beside_the_built_in_exams() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("exams.yaml"), QUIZ_EXAMS).unwrap();
    fs::create_dir(dir.path().join("quiz")).unwrap();
    let out_file = dir.path().join("quiz/gift.yaml");
    let out = pyexam()
        .arg("--banks")
        .arg(dir.path())
        .args(["import", "gift"])
        .arg(fixture("choices.gift"))
        .args(["--exam", "quiz", "--topic", "gift", "-o"])
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = fixture("choices.gift").display().to_string();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "{shown}: 5 imported (5 choice), 0 skipped; 4 without an explanation (a warning in `pyexam check`)\nwrote {}\n",
            out_file.display()
        )
    );
    let again = pyexam()
        .args(["import", "gift"])
        .arg(fixture("choices.gift"))
        .args(["--exam", "quiz", "--topic", "gift", "-o"])
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing file is never overwritten"
    );
    // Refused before the import runs (issue 26, item 23): one line, no report first.
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        format!(
            "pyexam: {} already exists and is never overwritten: give -o a new file name, or leave -o out to print the bank\n",
            out_file.display()
        )
    );
    assert!(fs::read_to_string(&out_file).unwrap().contains("exam: quiz"));
    // A file that cannot be read leaves no empty -o file behind.
    let fresh = dir.path().join("quiz/none.yaml");
    let unreadable = pyexam()
        .args([
            "import",
            "gift",
            "/nonexistent/quiz.gift",
            "--exam",
            "quiz",
            "--topic",
            "none",
            "-o",
        ])
        .arg(&fresh)
        .output()
        .unwrap();
    assert_eq!(unreadable.status.code(), Some(1));
    assert!(!fresh.exists(), "no empty file is left behind");

    // Without the folder, the exam is unknown and the report says what to do.
    let alone = pyexam()
        .args(["import", "gift"])
        .arg(fixture("choices.gift"))
        .args(["--exam", "quiz", "--topic", "gift"])
        .output()
        .unwrap();
    assert_eq!(alone.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&alone.stdout)
            .starts_with("exam: quiz\ntopic: gift\nimported_from: choices.gift\n")
    );
    assert!(
        String::from_utf8_lossy(&alone.stderr).ends_with(
            "note: no exam 'quiz' is defined here yet: add it (with a section 'gift') to the exams.yaml of your bank folder, then use --banks\n"
        ),
        "{}",
        String::from_utf8_lossy(&alone.stderr)
    );

    let check = pyexam().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stdout}");
    let warnings: Vec<&str> = stdout.lines().collect();
    assert_eq!(warnings.len(), 4, "{stdout}");
    assert_eq!(
        String::from_utf8_lossy(&check.stderr),
        "pyexam check: 5 questions in 1 exam, no errors, 4 warnings\n"
    );
    assert!(
        warnings[0].ends_with("/quiz/gift.yaml:14:3: warning: question 'quiz-gift-002' has no explanation"),
        "{stdout}"
    );

    let list = pyexam()
        .arg("--banks")
        .arg(dir.path())
        .arg("list")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.starts_with("quiz (QUIZ-1)  Imported quiz\n"), "{text}");
    assert!(
        text.contains("\npcep (PCEP-30-02)"),
        "built-in exams stay: {text}"
    );

    // And it can be drilled at once.
    let loaded = bank::load(&BankSource::Added(dir.path().to_path_buf()));
    assert_eq!(loaded.problems, []);
    let now = chrono::Utc::now();
    let theme = pyexam::tui::theme::Theme { color: false };
    let mut app = App::new(loaded.banks, Vec::new(), None, theme, 1, now);
    app.start_drill("quiz", Some("gift"), None, false, 1, now)
        .unwrap();
    assert!(matches!(app.screen, Screen::Drill(_)));
}

/// Export every topic of every built-in exam, import it again: the same ids, prompts, code,
/// options, keys and whys, and the bank loads without an error.
#[test]
fn every_built_in_bank_survives_export_and_import() {
    let builtin = bank::load(&BankSource::Embedded).banks;
    let exams_yaml = bank::read_source(&BankSource::Embedded)
        .unwrap()
        .into_iter()
        .find(|f| f.relative == "exams.yaml")
        .unwrap();
    assert_eq!(builtin.exams.len(), 4);
    let mut files = vec![exams_yaml];
    for spec in &builtin.exams {
        for topic in spec.topic_ids() {
            let export = gift::export(&builtin, spec, Some(topic));
            // GIFT cannot hold a gap, slot or line order inside a code block, nor files beside
            // the code: those items are listed as not exported, and only they.
            let left_out: Vec<&str> = export.not_exported.iter().map(|(id, _)| id.as_str()).collect();
            let interactive: Vec<&str> = builtin
                .in_topic(&spec.id, topic)
                .filter(|q| q.kind != Kind::Choice || !q.files.is_empty())
                .map(|q| q.id.as_str())
                .collect();
            assert_eq!(left_out, interactive, "{} {topic}", spec.id);
            let import = gift::import(&export.gift, &spec.id, topic, "round-trip.gift");
            assert_eq!(import.skipped, [], "{} {topic}", spec.id);
            assert_eq!(import.notes, []);
            let relative = format!("{}/{topic}.yaml", spec.id);
            files.push(SourceFile::new(relative.clone(), relative, &import.yaml));
        }
    }
    let loaded = bank::parse(&files);
    assert_eq!(loaded.problems, []);
    // GIFT has no place for syllabus objectives: an imported item is only warned about it (and
    // so every objective has no items).
    let other: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| !w.message.contains("has no objective") && !w.message.contains("has 0 items"))
        .collect();
    assert_eq!(other, Vec::<&pyexam::diagnostic::Problem>::new());
    for spec in &builtin.exams {
        let original: Vec<_> = builtin
            .questions
            .iter()
            .filter(|q| q.exam == spec.id && q.kind == Kind::Choice && q.files.is_empty())
            .collect();
        let again = loaded
            .banks
            .questions
            .iter()
            .filter(|q| q.exam == spec.id)
            .count();
        assert_eq!(original.len(), again, "{}", spec.id);
        for a in original {
            let b = loaded.banks.question(&a.id).unwrap();
            assert_eq!((&a.exam, &a.topic), (&b.exam, &b.topic));
            assert_eq!(a.prompt.trim(), b.prompt, "{}", a.id);
            assert_eq!(
                a.code.as_deref().map(str::trim_end),
                b.code.as_deref().map(str::trim_end),
                "{}",
                a.id
            );
            // GIFT trims the whitespace around an answer: leading spaces of an option (an
            // output line that starts with spaces) do not survive the trip.
            let trimmed = |c: &[pyexam::bank::Choice]| {
                c.iter()
                    .map(|c| (c.text.trim().to_string(), c.correct, c.why.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(trimmed(&a.choices), trimmed(&b.choices), "{}", a.id);
            assert_eq!(a.explanation.trim(), b.explanation, "{}", a.id);
        }
    }
}

#[test]
fn export_writes_gift_and_names_what_is_valid() {
    let out = pyexam()
        .args(["export", "gift", "pcep", "--topic", "fundamentals"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("// PCEP-30-02 (pcep): "), "{text}");
    assert!(text.contains("\n$CATEGORY: pcep/fundamentals\n\n::pcep-fundamentals-001::"));
    let bad = pyexam().args(["export", "gift", "pcxp"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim(),
        "pyexam: unknown exam 'pcxp' (valid: pcep, pcap, pcpp1, pcpp2)"
    );
    let bad = pyexam()
        .args(["export", "gift", "pcep", "--topic", "oops"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim(),
        "pyexam: unknown topic 'oops' for pcep (valid: fundamentals, control-flow, collections, functions-exceptions)"
    );
}

proptest::proptest! {
    /// Any text at all: import never panics, and the bank file holds exactly the questions the
    /// report counts as imported.
    #[test]
    fn import_never_panics_and_writes_what_it_reports(
        text in "(\\PC|[{}=~#%:\\\\\\[\\]\\n -]){0,300}"
    ) {
        let result = gift::import(&text, "quiz", "gift", "any.gift");
        let report = result.report("any.gift");
        let summary = report.lines().last().unwrap().to_string();
        let expected = format!("any.gift: {} imported", result.imported.len());
        proptest::prop_assert!(summary.starts_with(&expected), "{}", summary);
        let reparsed: serde_yaml::Value = serde_yaml::from_str(&result.yaml).unwrap();
        proptest::prop_assert_eq!(
            reparsed["questions"].as_sequence().map_or(0, |q| q.len()),
            result.imported.len()
        );
    }

    /// The corpus with one syntax character dropped in anywhere: still no panic, still a report.
    #[test]
    fn a_damaged_corpus_still_imports_with_a_report(
        at in 0usize..4000,
        ch in proptest::sample::select(vec!['{', '}', '=', '~', '#', ':', '\\', '%', '\n', '[']),
    ) {
        let mut text = std::fs::read_to_string(fixture("every-construct.gift")).unwrap();
        let mut at = at % text.len();
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert(at, ch);
        let result = gift::import(&text, "quiz", "gift", "x.gift");
        proptest::prop_assert!(result.report("x.gift").contains("x.gift: "));
        proptest::prop_assert!(result.imported.len() + result.skipped.len() >= 20);
    }
}
