//! Moodle XML import and export: a held-out quiz (tests/fixtures/moodle/held-out.xml, one
//! question of each type a teacher exports, and an essay) imports with exact keys and passes
//! `pyexam check`; every built-in bank survives export and import with the same items; hostile
//! files are refused with one line; any text at all imports without a panic.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use pyexam::bank::{self, BankSource, Kind, Question, SourceFile};
use pyexam::formats::{gift, moodle};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn pyexam() -> Command {
    Command::cargo_bin("pyexam").unwrap()
}

const PYQ_EXAMS: &str = "exams:\n  - id: pyq\n    code: PYQ-1\n    title: Imported quiz\n    items: 1\n    minutes: 5\n    pass_percent: 70\n    sections:\n      - { id: basics, title: From Moodle, items: 1, weight: 100 }\n";

/// The import of `text` (Moodle XML or GIFT) loaded as a bank of exam `pyq`, topic `basics`.
fn load(yaml: &str) -> bank::Loaded {
    let files = vec![
        SourceFile::new("exams.yaml", "exams.yaml", PYQ_EXAMS),
        SourceFile::new("pyq/basics.yaml", "pyq/basics.yaml", yaml),
    ];
    bank::parse(&files)
}

/// What an item is, whatever format it went through: kind, prompt, code, options with their
/// keys and whys, accepted answers, pool, slots, lines, explanation.
fn essence(q: &Question) -> String {
    let choices: Vec<String> = q
        .choices
        .iter()
        .map(|c| {
            let why = c
                .why
                .as_deref()
                .map_or(String::new(), |w| format!(" ({})", w.trim()));
            format!("{}{}{why}", if c.correct { "*" } else { "-" }, c.text.trim())
        })
        .collect();
    let gaps: Vec<&Vec<String>> = q.gaps.iter().map(|g| &g.accept).collect();
    let pool: Vec<&str> = q.pool.iter().map(|p| p.text.as_str()).collect();
    format!(
        "{} {:?}\nprompt: {:?}\ncode: {:?} {:?}\nchoices: {choices:?}\ngaps: {gaps:?}\npool: {pool:?}\nslots: {:?}\nlines: {:?}\nexplanation: {:?}",
        q.id,
        q.kind,
        q.prompt.trim(),
        q.code.as_deref().map(str::trim_end),
        q.lang,
        q.slots,
        q.lines,
        q.explanation.trim(),
    )
}

#[test]
fn the_held_out_quiz_imports_seven_items_with_exact_keys_and_skips_the_essay() {
    let text = fs::read_to_string(fixture("moodle/held-out.xml")).unwrap();
    let result = moodle::import(&text, "pyq", "basics", "held-out.xml").unwrap();
    let f = "held-out.xml";
    assert_eq!(
        result.report(f),
        [
            format!("{f}:46: note: 1 embedded file(s) (images and the like) left out: a bank item is text"),
            format!("{f}:122: note: 1 answer(s) of a group no place uses left out"),
            format!("{f}:122: note: the groups 1, 2 share one pool in pyexam"),
            format!("{f}:182: note: answer 'length' (50%) left out: a gap accepts full-credit answers only"),
            format!("{f}:202: skipped (essay): an essay has no answer key to score"),
            format!(
                "{f}: 7 imported (3 choice, 1 gap, 2 slots, 1 order), 1 skipped; 4 without an explanation (a warning in `pyexam check`)"
            ),
            String::new(),
        ]
        .join("\n")
    );
    let loaded = load(&result.yaml);
    assert_eq!(loaded.problems, []);
    let q = |id: &str| loaded.banks.question(id).unwrap();
    let keys = |id: &str| -> Vec<(String, bool)> {
        q(id)
            .choices
            .iter()
            .map(|c| (c.text.clone(), c.correct))
            .collect()
    };
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // Single choice, its code from the <pre><code class="language-python">.
    assert_eq!(
        keys("pyq-basics-008"),
        [("ye".into(), true), ("yex".into(), false), ("py".into(), false)]
    );
    assert_eq!(
        q("pyq-basics-008").code.as_deref(),
        Some("word = \"pyexam\"\nprint(word[1:3])\n")
    );
    assert_eq!(
        q("pyq-basics-008").explanation,
        "A slice stops before its end index: characters 1 and 2."
    );
    // Multiple answers: the positive fractions are the keys.
    assert_eq!(
        keys("pyq-basics-009"),
        [
            ("tuple".into(), true),
            ("str".into(), true),
            ("list".into(), false),
            ("dict".into(), false)
        ]
    );
    // True/false, titled with an id of the bank: the id is kept.
    assert_eq!(
        keys("pyq-basics-007"),
        [("True".into(), false), ("False".into(), true)]
    );
    assert_eq!(
        q("pyq-basics-007").choices[0].why.as_deref(),
        Some("That is floor division, written //.")
    );
    let order = q("pyq-basics-010");
    assert_eq!(order.kind, Kind::Order);
    assert_eq!(
        order.lines,
        s(&["i = 0", "while i < 3:", "    print(i)", "    i += 1"])
    );
    // gapselect: group 3 fits no place and is left out; groups 1 and 2 share the pool.
    let select = q("pyq-basics-011");
    assert_eq!(select.kind, Kind::Slots);
    assert_eq!(select.slots, s(&["for", "continue"]));
    let pool: Vec<&str> = select.pool.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(pool, ["for", "continue", "while", "break"]);
    assert_eq!(
        select.code.as_deref(),
        Some("___1___ n in range(3):\n    if n == 1:\n        ___2___\n    print(n)\n")
    );
    // ddwtos: `[[[1]]]` is a place inside brackets.
    let drag = q("pyq-basics-012");
    assert_eq!(drag.slots, s(&["\"ann\"", "get"]));
    assert_eq!(
        drag.code.as_deref(),
        Some("ages = {\"ann\": 31}\nprint(ages[___1___])\nprint(ages.___2___(\"bob\", 0))\n")
    );
    let short = q("pyq-basics-013");
    assert_eq!(short.kind, Kind::Gap);
    assert_eq!(short.gaps[0].accept, s(&["len", "len()"]));
}

/// `pyexam import moodle` as a user runs it: the bank passes `pyexam check` (warnings only) and
/// PyYAML loads it to the same values.
#[test]
fn the_imported_bank_passes_check_and_loads_in_pyyaml() {
    let (dir, out_file, err) = import_into_pyq("moodle", "moodle/held-out.xml");
    assert!(err.contains("held-out.xml:202: skipped (essay)"), "{err}");
    check_passes(dir.path(), 7);
    assert_pyyaml_reads_as_we_do(&out_file);
}

/// `pyexam import FORMAT` of a fixture into a fresh `pyq/basics.yaml` beside `PYQ_EXAMS`, as a
/// user runs it: the folder, the bank file and the report on standard error.
fn import_into_pyq(format: &str, file: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("exams.yaml"), PYQ_EXAMS).unwrap();
    fs::create_dir(dir.path().join("pyq")).unwrap();
    let out_file = dir.path().join("pyq/basics.yaml");
    let out = pyexam()
        .args(["import", format])
        .arg(fixture(file))
        .args(["--exam", "pyq", "--topic", "basics", "-o"])
        .arg(&out_file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    (dir, out_file, err)
}

/// `pyexam check DIR` passes (warnings at most) with `questions` questions; its standard output.
fn check_passes(dir: &Path, questions: usize) -> String {
    let check = pyexam().arg("check").arg(dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout).into_owned();
    assert_eq!(check.status.code(), Some(0), "{stdout}");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.starts_with(&format!(
            "pyexam check: {questions} questions in 1 exam, no errors"
        )),
        "{stderr}"
    );
    stdout
}

/// PyYAML (YAML 1.1) reads the file to the same values as pyexam's YAML 1.2 reader.
pub fn assert_pyyaml_reads_as_we_do(file: &Path) {
    let script = "import json, sys, yaml\nprint(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sort_keys=True))";
    let out = Process::new("python3")
        .args(["-c", script])
        .arg(file)
        .output()
        .expect("python3 runs (scripts/setup-python.sh installs PyYAML)");
    assert!(
        out.status.success(),
        "PyYAML cannot load {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ours: serde_json::Value = serde_yaml::from_str(&fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(theirs, ours, "{}", file.display());
}

/// Export every built-in exam as Moodle XML, import it again: every item, the same kind,
/// prompt, code, keys, accepted answers, pool, slots, lines and explanation.
#[test]
fn every_built_in_bank_survives_export_and_import() {
    let builtin = bank::load(&BankSource::Embedded).banks;
    let exams_yaml = bank::read_source(&BankSource::Embedded)
        .unwrap()
        .into_iter()
        .find(|f| f.relative == "exams.yaml")
        .unwrap();
    let mut files = vec![exams_yaml];
    for spec in &builtin.exams {
        for topic in spec.topic_ids() {
            let export = moodle::export(&builtin, spec, Some(topic));
            // Only items with files beside their code are left out, each named with why.
            let with_files: Vec<String> = builtin
                .in_topic(&spec.id, topic)
                .filter(|q| !exportable(q))
                .map(|q| q.id.clone())
                .collect();
            let left_out: Vec<String> = export.not_exported.iter().map(|(id, _)| id.clone()).collect();
            assert_eq!(left_out, with_files, "{} {topic}", spec.id);
            assert!(
                export
                    .not_exported
                    .iter()
                    .all(|(_, why)| why.starts_with("items with files beside their code")
                        || why.contains("items have no Moodle form yet")),
                "{:?}",
                export.not_exported
            );
            let import = moodle::import(&export.xml, &spec.id, topic, "round-trip.xml").unwrap();
            assert_eq!(import.skipped, [], "{} {topic}", spec.id);
            assert_eq!(import.notes, []);
            let relative = format!("{}/{topic}.yaml", spec.id);
            files.push(SourceFile::new(relative.clone(), relative, &import.yaml));
        }
    }
    let loaded = bank::parse(&files);
    assert_eq!(loaded.problems, []);
    let mut kinds = std::collections::BTreeSet::new();
    for a in builtin.questions.iter().filter(|q| exportable(q)) {
        let b = loaded
            .banks
            .question(&a.id)
            .unwrap_or_else(|| panic!("{} came back", a.id));
        assert_eq!(essence(a), essence(b));
        kinds.insert(a.kind.name());
    }
    let exported = builtin.questions.iter().filter(|q| exportable(q)).count();
    assert_eq!(exported, loaded.banks.questions.len());
    assert_eq!(
        kinds.len(),
        Kind::ALL.len() - 2,
        "every kind Moodle holds is in the banks: {kinds:?}"
    );
}

/// What `export moodle` writes: not items with files beside their code, nor tokens and match
/// items (listed as not exported, each with why).
fn exportable(q: &pyexam::bank::Question) -> bool {
    q.files.is_empty() && !matches!(q.kind, Kind::Tokens | Kind::Match)
}

/// The held-out quiz, imported, exported and imported again: the same items. And the GIFT
/// corpus the same way through GIFT: choice, true/false, short answer, missing word, matching.
#[test]
fn imports_survive_export_and_import_in_both_formats() {
    let text = fs::read_to_string(fixture("moodle/held-out.xml")).unwrap();
    let first = load(&moodle::import(&text, "pyq", "basics", "a.xml").unwrap().yaml);
    let spec = first.banks.exam("pyq").unwrap();
    let xml = moodle::export(&first.banks, spec, None);
    assert_eq!(xml.not_exported, []);
    let second = load(&moodle::import(&xml.xml, "pyq", "basics", "b.xml").unwrap().yaml);
    assert_eq!(second.problems, []);
    let all = |l: &bank::Loaded| l.banks.questions.iter().map(essence).collect::<Vec<_>>();
    assert_eq!(all(&first), all(&second));

    let text = fs::read_to_string(fixture("gift/every-construct.gift")).unwrap();
    let first = load(&gift::import(&text, "pyq", "basics", "a.gift").yaml);
    assert_eq!(first.problems, []);
    let spec = first.banks.exam("pyq").unwrap();
    let out = gift::export(&first.banks, spec, None);
    assert_eq!(out.not_exported, []);
    let second = load(&gift::import(&out.gift, "pyq", "basics", "b.gift").yaml);
    assert_eq!(second.problems, []);
    assert_eq!(all(&first), all(&second));
    let kinds: Vec<Kind> = first.banks.questions.iter().map(|q| q.kind).collect();
    assert!(kinds.contains(&Kind::Gap) && kinds.contains(&Kind::Slots));
    // True/false stays true/false.
    assert!(out.gift.contains("{\nTRUE\n"), "{}", out.gift);
    assert!(
        out.gift
            .contains("{\nFALSE#Canberra is the capital.#Right\\: Canberra is.\n")
    );

    // What GIFT cannot hold is listed, and only that.
    let text = fs::read_to_string(fixture("moodle/held-out.xml")).unwrap();
    let held = load(&moodle::import(&text, "pyq", "basics", "a.xml").unwrap().yaml);
    let out = gift::export(&held.banks, held.banks.exam("pyq").unwrap(), None);
    let left: Vec<&str> = out.not_exported.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(left, ["pyq-basics-010", "pyq-basics-011", "pyq-basics-012"]);
}

#[test]
fn export_moodle_writes_xml_and_names_what_is_valid() {
    let out = pyexam()
        .args(["export", "moodle", "pcep", "--topic", "fundamentals"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- PCEP-30-02 (pcep): "),
        "{text}"
    );
    assert!(text.contains("<text>$course$/top/pcep/fundamentals</text>"));
    // Only tokens and match items are listed, one line each with why.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.is_empty());
    for line in err.lines() {
        assert!(
            line.starts_with("pyexam: not exported: pcep-fundamentals-")
                && (line.contains(": tokens items have no Moodle form yet")
                    || line.contains(": match items have no Moodle form yet")),
            "{line}"
        );
    }
    let bad = pyexam().args(["export", "moodle", "pcxp"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim(),
        "pyexam: unknown exam 'pcxp' (valid: pcep, pcap, pcpp1, pcpp2)"
    );
}

/// The GIFT examples in the style of Moodle's documentation import into a bank that passes
/// `check` and that PyYAML reads as pyexam does (`=`, `yes`, `no`, `on`, `~`, `null` quoted).
#[test]
fn the_gift_documentation_examples_pass_check_and_load_in_pyyaml() {
    let (dir, out_file, err) = import_into_pyq("gift", "gift/moodle-docs-examples.gift");
    assert!(
        err.contains(": 11 imported (7 choice, 2 gap, 2 slots), 2 skipped;"),
        "{err}"
    );
    let stdout = check_passes(dir.path(), 11);
    // Feedback written for Moodle is held to pyexam's house style only as a warning, and the
    // matching question without a distractor is a valid slots item of the imported bank.
    assert!(
        stdout.contains("/pyq/basics.yaml:12:3: warning: question 'pyq-basics-002' option 2: a why must start with a capital letter or a code token and end with a period"),
        "{stdout}"
    );
    assert!(!stdout.contains("distractor"), "{stdout}");
    assert_pyyaml_reads_as_we_do(&out_file);
    let yaml = fs::read_to_string(&out_file).unwrap();
    for quoted in [
        "- \"yes\"",
        "- \"no\"",
        "- \"=\"",
        "text: \"on\"",
        "text: \"~\"",
        "text: \"null\"",
    ] {
        assert!(yaml.contains(quoted), "{quoted} in\n{yaml}");
    }
}

fn import_file(file: &Path) -> (i32, String, String) {
    let out = pyexam()
        .args(["import", "moodle"])
        .arg(file)
        .args(["--exam", "x", "--topic", "y"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Hostile files get one line naming the file, the line and what is wrong, and exit 1.
#[test]
fn hostile_files_are_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "laughs.xml",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n{}]>\n<quiz>&lol9;</quiz>\n",
                (1..10)
                    .map(|i| format!("<!ENTITY lol{i} \"{}\">\n", format!("&lol{};", if i == 1 { String::new() } else { (i - 1).to_string() }).repeat(10)))
                    .collect::<String>()
            )
            .into_bytes(),
            ":2: a DOCTYPE declaration: Moodle XML has none, and pyexam reads no DTD (its entities could expand without bound)".into(),
        ),
        (
            "entity.xml",
            b"<quiz>\n<question type=\"truefalse\">&nbsp;</question></quiz>".to_vec(),
            ":2: the entity &nbsp; is not defined (XML knows &lt; &gt; &amp; &apos; &quot; and &#NN;)".into(),
        ),
        (
            "deep.xml",
            format!("<quiz>{}", "<a>".repeat(100_000)).into_bytes(),
            ":1: elements nested more than 32 deep; Moodle XML nests about 5".into(),
        ),
        (
            "latin1.xml",
            b"<quiz><question type=\"essay\"><name><text>caf\xe9</text></name></question></quiz>".to_vec(),
            String::new(),
        ),
        (
            "broken.xml",
            b"<quiz>\n<question>\n</quiz>\n".to_vec(),
            ":3: not well-formed XML: ".into(),
        ),
        (
            "root.xml",
            b"<html></html>".to_vec(),
            ":1: the root element is <html>; a Moodle XML file is one <quiz>".into(),
        ),
    ];
    for (name, bytes, message) in cases {
        let file = dir.path().join(name);
        fs::write(&file, bytes).unwrap();
        let (code, out, err) = import_file(&file);
        assert_eq!((code, out.as_str()), (1, ""), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        let expected = if message.is_empty() {
            format!(
                "pyexam: cannot read the Moodle XML file {}: it is not UTF-8 text (invalid byte at offset 44)\n",
                file.display()
            )
        } else {
            format!("pyexam: {}{message}", file.display())
        };
        assert!(err.starts_with(&expected), "{name}:\n{err}\nexpected {expected}");
    }
}

#[test]
fn a_file_over_16_mib_is_refused_naming_its_size_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.xml");
    let limit = moodle::MAX_FILE_BYTES as usize;
    let mut text = String::from("<quiz>");
    text.push_str(&" ".repeat(limit + 1 - text.len() - "</quiz>".len()));
    text.push_str("</quiz>");
    fs::write(&file, text).unwrap();
    let (code, out, err) = import_file(&file);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "pyexam: the Moodle XML file {} is 16777217 bytes (16.0 MiB); Moodle XML files may be at most 16 MiB (16777216 bytes)\n",
            file.display()
        )
    );
}

proptest::proptest! {
    /// Any text at all: import never panics; it reads the file or says why not, and the bank file
    /// holds exactly the questions the report counts.
    #[test]
    fn import_never_panics_and_writes_what_it_reports(
        text in "(<quiz>|</quiz>|<question type=\"(multichoice|truefalse|shortanswer|matching|ordering|ddwtos|gapselect|multianswer|essay)\">|</question>|<questiontext format=\"html\"><text>|</text></questiontext>|<answer fraction=\"(100|0|50|-50)\"><text>|</text></answer>|<subquestion><text>|<dragbox><text>|<group>1</group></dragbox>|\\[\\[[0-3]\\]\\]|\\{1:(SA|MC|NM):=a~b\\}|<pre>|</pre>|&lt;|&amp;|&#65;|<!\\[CDATA\\[|\\]\\]>|\\PC){0,60}"
    ) {
        if let Ok(result) = moodle::import(&text, "quiz", "moodle", "any.xml") {
            let report = result.report("any.xml");
            let summary = report.lines().last().unwrap().to_string();
            let expected = format!("any.xml: {} imported", result.imported.len());
            proptest::prop_assert!(summary.starts_with(&expected), "{}", summary);
            let reparsed: serde_yaml::Value = serde_yaml::from_str(&result.yaml).unwrap();
            proptest::prop_assert_eq!(
                reparsed["questions"].as_sequence().map_or(0, |q| q.len()),
                result.imported.len()
            );
        }
    }

    /// The held-out quiz with one character dropped in anywhere: no panic, a report or an error
    /// with a line in the file.
    #[test]
    fn a_damaged_quiz_still_gets_a_report_or_an_error(
        at in 0usize..8000,
        ch in proptest::sample::select(vec!['<', '>', '&', '/', '"', '[', ']', '{', '}', '\n']),
    ) {
        let mut text = std::fs::read_to_string(fixture("moodle/held-out.xml")).unwrap();
        let mut at = at % text.len();
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert(at, ch);
        let lines = text.lines().count();
        match moodle::import(&text, "quiz", "moodle", "x.xml") {
            Ok(result) => proptest::prop_assert!(result.report("x.xml").contains("x.xml: ")),
            Err(e) => proptest::prop_assert!(e.line >= 1 && e.line <= lines + 1, "{:?}", e),
        }
    }

    /// Any bank item text survives the trip through Moodle XML: options with markup, entities,
    /// Cloze and place syntax, quotes and YAML 1.1 words.
    #[test]
    fn option_texts_survive_the_trip(
        texts in proptest::collection::vec("[a-zA-Z0-9 <>&\"'=~#{}:\\[\\]%/\\\\]{1,12}", 3)
    ) {
        let mut texts: Vec<String> = texts.into_iter().map(|t| t.trim().to_string()).collect();
        texts.sort();
        texts.dedup();
        proptest::prop_assume!(texts.len() == 3 && texts.iter().all(|t| !t.is_empty()));
        let choices: String = texts
            .iter()
            .enumerate()
            .map(|(i, t)| format!("      - {{ text: {}, correct: {} }}\n", serde_json::to_string(t).unwrap(), i == 0))
            .collect();
        let yaml = format!(
            "exam: pyq\ntopic: basics\nimported_from: t\nquestions:\n  - id: pyq-basics-001\n    prompt: Which?\n    choices:\n{choices}    explanation: Because.\n"
        );
        let first = load(&yaml);
        proptest::prop_assert_eq!(first.problems.len(), 0, "{:?}", first.problems);
        let xml = moodle::export(&first.banks, first.banks.exam("pyq").unwrap(), None);
        let second = load(&moodle::import(&xml.xml, "pyq", "basics", "t").unwrap().yaml);
        proptest::prop_assert_eq!(
            essence(&first.banks.questions[0]),
            essence(&second.banks.questions[0])
        );
    }
}

/// Cloze (multianswer): typed parts make a gap item, chosen parts a slots item; a part pyexam
/// has no kind for, or both sorts together, skip the question with the reason.
#[test]
fn cloze_parts_become_gaps_or_slots() {
    let question = |text: &str| {
        format!(
            "<question type=\"multianswer\"><name><text>c</text></name><questiontext format=\"html\"><text>{}</text></questiontext></question>",
            text.replace('&', "&amp;").replace('<', "&lt;")
        )
    };
    let xml = format!(
        "<quiz>\n{}\n{}\n{}\n{}\n{}\n</quiz>",
        question(
            "<p>Python is {1:SHORTANSWER:=dynamically~=Dynamically~%50%strongly} typed and {1:SA:=interpreted} by CPython.</p>"
        ),
        question(
            "<p>Fill in the loop.</p><pre>for i in {1:MC:~while~=range~list}(3):\n    {1:MCV:=print~input~len}(i)</pre>"
        ),
        question("<p>{1:SA:=a} and {1:MC:=b~c}</p>"),
        question("<p>{1:NUMERICAL:=3:0.1}</p>"),
        question("<p>No parts here.</p>"),
    );
    let result = moodle::import(&xml, "pyq", "basics", "c.xml").unwrap();
    assert_eq!(
        result.report("c.xml"),
        [
            "c.xml:2: note: answer 'strongly' (50%) left out: a gap accepts full-credit answers only",
            "c.xml:5: skipped (multianswer): typed and chosen parts together: a pyexam item has gaps or slots, not both",
            "c.xml:6: skipped (multianswer): a NUMERICAL part has no pyexam kind",
            "c.xml:7: skipped (multianswer): no embedded answer ({1:SHORTANSWER:...}) in the text",
            "c.xml: 2 imported (1 gap, 1 slots), 3 skipped; 2 without an explanation (a warning in `pyexam check`)",
            "",
        ]
        .join("\n")
    );
    let loaded = load(&result.yaml);
    assert_eq!(loaded.problems, []);
    let gap = loaded.banks.question("pyq-basics-001").unwrap();
    assert_eq!(gap.prompt, "Type the missing words.");
    assert_eq!(
        gap.code.as_deref(),
        Some("Python is ___1___ typed and ___2___ by CPython.\n")
    );
    let accepted: Vec<&Vec<String>> = gap.gaps.iter().map(|g| &g.accept).collect();
    assert_eq!(
        accepted,
        [
            &vec!["dynamically".to_string(), "Dynamically".to_string()],
            &vec!["interpreted".to_string()]
        ]
    );
    let slots = loaded.banks.question("pyq-basics-002").unwrap();
    assert_eq!(slots.prompt, "Fill in the loop.");
    assert_eq!(
        slots.code.as_deref(),
        Some("for i in ___1___(3):\n    ___2___(i)\n")
    );
    assert_eq!(slots.slots, ["range", "print"]);
    let pool: Vec<&str> = slots.pool.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(pool, ["while", "range", "list", "print", "input", "len"]);
}

/// A byte-order mark before the XML is read past; a short answer with Moodle's `*` wildcard is
/// kept as written, with a note saying so.
#[test]
fn a_byte_order_mark_and_a_wildcard() {
    let xml = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n<question type=\"shortanswer\"><name><text>w</text></name><questiontext><text>Which function counts?</text></questiontext><answer fraction=\"100\"><text>len*</text></answer></question>\n</quiz>\n";
    let result = moodle::import(xml, "pyq", "basics", "w.xml").unwrap();
    assert_eq!(
        result.report("w.xml"),
        "w.xml:3: note: answer 'len*' is kept as written: Moodle's * wildcard has no pyexam form (a gap accepts exactly the answers listed)\nw.xml: 1 imported (1 gap), 0 skipped; 1 without an explanation (a warning in `pyexam check`)\n"
    );
}
