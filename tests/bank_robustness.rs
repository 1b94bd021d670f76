//! Bank loading never breaks, whatever the files hold: random and mutated bank files, YAML bombs,
//! empty, comment-only, non-UTF-8 and misplaced files. Each is a located problem, never a panic
//! or a hang, and a file with problems never contributes an invalid question.

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use pyexam::bank::{self, BankSource, Loaded, MAX_FILE_BYTES, Question, SourceFile};
use pyexam::diagnostic::Problem;

const EXAMS: &str = include_str!("fixtures/banks/valid/exams.yaml");
const BASICS: &str = include_str!("fixtures/banks/valid/demo/basics.yaml");
const LOOPS: &str = include_str!("fixtures/banks/valid/demo/loops.yaml");

const EXAMS_PATH: &str = "bank/exams.yaml";
const BASICS_PATH: &str = "bank/demo/basics.yaml";
const LOOPS_PATH: &str = "bank/demo/loops.yaml";

/// Generous: the loader should answer in milliseconds, but the machine is shared.
const LIMIT: Duration = Duration::from_secs(5);

/// The valid fixture bank with `basics` replaced by `text`.
fn parse_with(text: &str) -> Loaded {
    bank::parse(&[
        SourceFile::new(EXAMS_PATH, "exams.yaml", EXAMS),
        SourceFile::new(BASICS_PATH, "demo/basics.yaml", text),
        SourceFile::new(LOOPS_PATH, "demo/loops.yaml", LOOPS),
    ])
}

/// Line breaks as YAML counts them (libyaml also breaks at CR, NEL, LS and PS).
fn yaml_lines(text: &str) -> usize {
    let breaks = text
        .chars()
        .filter(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))
        .count();
    breaks + 1
}

/// The rules of docs/authoring.md that every loaded question satisfies.
fn assert_valid_question(q: &Question) -> Result<(), String> {
    let prefix = format!("{}-{}-", q.exam, q.topic);
    let number =
        q.id.strip_prefix(&prefix)
            .ok_or(format!("id '{}' lacks '{prefix}'", q.id))?;
    let keyed = q.choices.iter().filter(|c| c.correct).count();
    let checks = [
        (
            number.len() >= 3 && number.chars().all(|c| c.is_ascii_digit()),
            "id number",
        ),
        (!q.prompt.trim().is_empty(), "empty prompt"),
        (!q.explanation.trim().is_empty(), "empty explanation"),
        ((2..=9).contains(&q.choices.len()), "option count"),
        (keyed >= 1 && keyed < q.choices.len(), "keyed count"),
        (
            q.choices.iter().all(|c| !c.text.trim().is_empty()),
            "empty option",
        ),
        (
            q.choices.iter().map(|c| &c.text).collect::<HashSet<_>>().len() == q.choices.len(),
            "duplicate option text",
        ),
        (
            q.verify.is_none_or(|v| !v.needs_code() || q.code.is_some()),
            "verify without code",
        ),
        (q.origin.line >= 1 && q.origin.col >= 1, "origin location"),
    ];
    match checks.iter().find(|(ok, _)| !ok) {
        Some((_, rule)) => Err(format!("question '{}' breaks a rule: {rule}: {q:#?}", q.id)),
        None => Ok(()),
    }
}

/// What must hold for any content of `basics.yaml`.
fn check_invariants(text: &str, loaded: &Loaded) -> Result<(), String> {
    for p in &loaded.problems {
        if p.path.is_empty() || p.line < 1 || p.col < 1 {
            return Err(format!("problem without a location: {p:?}"));
        }
        // The YAML library puts end-of-input errors on the line after a last line without `\n`.
        if p.path == BASICS_PATH && p.line > yaml_lines(text) + 1 {
            return Err(format!(
                "problem points past the end of the file ({} lines): {p}",
                yaml_lines(text)
            ));
        }
    }
    let mut ids = HashSet::new();
    for q in &loaded.banks.questions {
        assert_valid_question(q)?;
        if !ids.insert(&q.id) {
            return Err(format!("question id '{}' loaded twice", q.id));
        }
    }
    let from_basics: Vec<_> = loaded
        .banks
        .questions
        .iter()
        .filter(|q| q.origin.path == BASICS_PATH)
        .collect();
    for q in &from_basics {
        if (q.exam.as_str(), q.topic.as_str()) != ("demo", "basics") {
            return Err(format!(
                "basics.yaml contributed '{}' to {}/{}",
                q.id, q.exam, q.topic
            ));
        }
        if !text.contains(q.id.as_str()) {
            return Err(format!("question id '{}' is not in the file", q.id));
        }
    }
    // A schema error in one question keeps the file's other valid questions (each checked on
    // its own, above); text that is not even YAML contributes nothing.
    if serde_yaml::from_str::<serde_yaml::Value>(text).is_err() && !from_basics.is_empty() {
        return Err(format!(
            "a file that does not parse contributed {} questions",
            from_basics.len()
        ));
    }
    Ok(())
}

/// Run `f` on a fresh thread; fail if it panics or takes longer than `LIMIT`.
fn in_time<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(LIMIT) {
        Ok(value) => {
            println!("{what}: answered in {:?}", start.elapsed());
            value
        }
        Err(RecvTimeoutError::Timeout) => panic!("{what}: still loading after {LIMIT:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what}: the loader panicked"),
    }
}

/// A bomb must be rejected in time with a located problem on its own file, and load nothing.
fn assert_rejected(what: &str, text: String) {
    assert!(
        text.len() <= MAX_FILE_BYTES,
        "{what}: the bomb must get past the size check"
    );
    let loaded = in_time(what, move || parse_with(&text));
    for p in &loaded.problems {
        println!("{what}: {p}");
    }
    let on_bomb: Vec<_> = loaded.problems.iter().filter(|p| p.path == BASICS_PATH).collect();
    assert!(!on_bomb.is_empty(), "{what}: not rejected: {:?}", loaded.problems);
    assert!(on_bomb.iter().all(|p| p.line >= 1 && p.col >= 1));
    assert!(
        loaded
            .banks
            .questions
            .iter()
            .all(|q| q.origin.path != BASICS_PATH),
        "{what}: the bomb contributed questions"
    );
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(Index, u8),
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    Insert(Index, String),
    Truncate(Index),
}

/// Tokens that mean something to YAML or to the bank schema.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "? ",
    "&a ",
    "*a",
    "&b [*a, *a] ",
    "<<: *a\n",
    "!!str ",
    "!!binary ",
    "!!map ",
    "!custom ",
    "|",
    "|-\n",
    ">",
    "{",
    "}",
    "[",
    "]",
    ",",
    "#",
    "# comment\n",
    "---\n",
    "...\n",
    "\"",
    "'",
    "%YAML 1.2\n",
    "%TAG ! tag:x,2000:\n",
    "\t",
    "\n",
    "\r\n",
    "  ",
    "    ",
    "null",
    "~",
    "true",
    "yes",
    "1e999",
    "-0",
    "0x1F",
    ".inf",
    ".nan",
    "99999999999999999999999",
    "correct: true\n",
    "correct: 3\n",
    "- text: x\n",
    "id: demo-basics-001\n",
    "id: demo-basics-9\n",
    "verify: output\n",
    "verify: nope\n",
    "shuffle: maybe\n",
    "choices: []\n",
    "questions:\n",
    "exam: pcap\n",
    "topic: loops\n",
    "kind: gapfill\n",
    "\u{feff}",
    "\u{0}",
    "\u{202e}",
    "\u{2028}",
    "\u{85}",
    "é",
    "😀",
    "\u{301}",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 1..=255u8).prop_map(|(i, m)| Mutation::FlipByte(i, m)),
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<Index>(), proptest::sample::select(TOKENS)).prop_map(|(i, t)| Mutation::Insert(i, t.into())),
        (any::<Index>(), "\\PC{1,8}").prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<Index>(), any::<char>()).prop_map(|(i, c)| Mutation::Insert(i, c.to_string())),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// Apply mutations to raw bytes: the result may well not be UTF-8.
fn mutate(original: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = original.as_bytes().to_vec();
    for m in mutations {
        let mut lines: Vec<Vec<u8>> = bytes
            .split_inclusive(|b| *b == b'\n')
            .map(<[u8]>::to_vec)
            .collect();
        match m {
            Mutation::FlipByte(i, mask) if !bytes.is_empty() => {
                let at = i.index(bytes.len());
                bytes[at] ^= mask;
            }
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i.index(lines.len()));
                bytes = lines.concat();
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let at = i.index(lines.len());
                lines.insert(at, lines[at].clone());
                bytes = lines.concat();
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => {
                let n = lines.len();
                lines.swap(a.index(n), b.index(n));
                bytes = lines.concat();
            }
            Mutation::Insert(i, text) => {
                let at = i.index(bytes.len() + 1);
                bytes.splice(at..at, text.bytes());
            }
            Mutation::Truncate(i) => bytes.truncate(i.index(bytes.len() + 1)),
            _ => {}
        }
    }
    bytes
}

/// The fixture bank, copied to a temporary folder with `basics.yaml` replaced by `bytes`.
fn bank_dir_with(bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("exams.yaml"), EXAMS).unwrap();
    fs::create_dir(dir.path().join("demo")).unwrap();
    fs::write(dir.path().join("demo/basics.yaml"), bytes).unwrap();
    fs::write(dir.path().join("demo/loops.yaml"), LOOPS).unwrap();
    dir
}

fn problems_on<'a>(loaded: &'a Loaded, file: &'a str) -> impl Iterator<Item = &'a Problem> {
    loaded.problems.iter().filter(move |p| p.path.ends_with(file))
}

#[test]
fn the_unmutated_fixture_loads_cleanly() {
    let loaded = parse_with(BASICS);
    assert_eq!(loaded.problems, []);
    assert_eq!(loaded.banks.questions.len(), 6);
    check_invariants(BASICS, &loaded).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_bank_files_never_break_loading(mutations in prop::collection::vec(mutation(), 1..6)) {
        let bytes = mutate(BASICS, &mutations);
        let text = String::from_utf8_lossy(&bytes);
        let loaded = parse_with(&text);
        if let Err(e) = check_invariants(&text, &loaded) {
            prop_assert!(false, "{}\n--- file ---\n{}", e, text);
        }
    }

    #[test]
    fn random_text_never_breaks_loading(text in "\\PC{0,400}") {
        let loaded = parse_with(&text);
        if let Err(e) = check_invariants(&text, &loaded) {
            prop_assert!(false, "{}\n--- file ---\n{}", e, text);
        }
    }

    #[test]
    fn token_soup_never_breaks_loading(tokens in prop::collection::vec(proptest::sample::select(TOKENS), 0..60)) {
        let text = format!("exam: demo\ntopic: basics\nquestions:\n{}", tokens.concat());
        let loaded = parse_with(&text);
        if let Err(e) = check_invariants(&text, &loaded) {
            prop_assert!(false, "{}\n--- file ---\n{}", e, text);
        }
    }
}

proptest! {
    // Each case writes a folder: fewer cases.
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_bytes_from_a_folder_never_break_loading(mutations in prop::collection::vec(mutation(), 1..6)) {
        let bytes = mutate(BASICS, &mutations);
        let dir = bank_dir_with(&bytes);
        let loaded = bank::load(&BankSource::Dir(dir.path().to_path_buf()));
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                let utf8: Vec<_> = problems_on(&loaded, "basics.yaml").collect();
                prop_assert!(utf8.len() == 1 && utf8[0].message.contains("UTF-8"), "{:?}", loaded.problems);
                String::new()
            }
        };
        let basics = dir.path().join("demo/basics.yaml").display().to_string();
        for p in &loaded.problems {
            prop_assert!(!p.path.is_empty() && p.line >= 1 && p.col >= 1, "{:?}", p);
        }
        for q in &loaded.banks.questions {
            if let Err(e) = assert_valid_question(q) {
                prop_assert!(false, "{}", e);
            }
            prop_assert!(q.origin.path != basics || text.contains(q.id.as_str()));
        }
    }
}

/// A chain of `depth` anchors, each a list of `fan` aliases to the one before.
fn laughs(first: &str, depth: usize, fan: usize) -> String {
    let mut text = format!("    - &l0 {first}\n");
    for level in 1..=depth {
        let aliases = vec![format!("*l{}", level - 1); fan].join(", ");
        text.push_str(&format!("    - &l{level} [{aliases}]\n"));
    }
    text
}

#[test]
fn billion_laughs_in_an_unknown_field_is_rejected() {
    let text = format!("exam: demo\ntopic: basics\nlol:\n{}", laughs("lol", 12, 9));
    assert_rejected("billion laughs (unknown field)", text);
}

#[test]
fn billion_laughs_as_the_questions_is_rejected() {
    let text = format!(
        "exam: demo\ntopic: basics\nquestions:\n  - id: demo-basics-001\n    requires:\n{}questions: *l12\n",
        laughs("lol", 12, 9)
    );
    assert_rejected("billion laughs (questions)", text);
}

#[test]
fn billion_laughs_as_a_whole_document_is_rejected() {
    let mut text = String::from("- &l0 lol\n");
    for level in 1..=12 {
        text.push_str(&format!(
            "- &l{level} [{}]\n",
            vec![format!("*l{}", level - 1); 9].join(",")
        ));
    }
    text.push_str("- *l12\n");
    assert_rejected("billion laughs (document)", text);
}

#[test]
fn huge_alias_fan_out_is_rejected() {
    // One question listing its one option 20,000 times, then listed itself 20,000 times:
    // 400 million options if aliases were expanded without a limit.
    let choices = vec!["*c"; 20_000].join(", ");
    let copies = "  - *q\n".repeat(20_000);
    let text = format!(
        "exam: demo\ntopic: basics\nquestions:\n  - &q\n    id: demo-basics-001\n    prompt: p\n    \
         explanation: e\n    choices: [&c {{text: a, correct: true}}, {choices}]\n{copies}"
    );
    assert_rejected("alias fan-out", text);
}

#[test]
fn deep_unclosed_flow_sequences_are_rejected() {
    let open = "[".repeat(100_000);
    assert_rejected(
        "100k unclosed [",
        format!("exam: demo\ntopic: basics\nquestions: {open}"),
    );
}

#[test]
fn deep_balanced_flow_sequences_are_rejected() {
    let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_rejected(
        "100k balanced []",
        format!("exam: demo\ntopic: basics\nquestions: {closed}"),
    );
}

#[test]
fn a_document_of_only_brackets_is_rejected() {
    assert_rejected("100k [ as the document", "[".repeat(100_000));
}

#[test]
fn deep_flow_mappings_are_rejected() {
    assert_rejected("60k {a:", "{a: ".repeat(60_000));
}

#[test]
fn deep_block_nesting_is_rejected() {
    let dashes = "- ".repeat(100_000);
    assert_rejected(
        "100k block sequences",
        format!("exam: demo\ntopic: basics\nquestions:\n{dashes}x\n"),
    );
    let mut maps = String::from("exam: demo\ntopic: basics\nquestions:\n");
    for depth in 0..400 {
        maps.push_str(&format!("{}- a:\n", " ".repeat(depth * 2 + 2)));
    }
    assert_rejected("400 nested block maps", maps);
}

#[test]
fn many_anchors_and_documents_are_rejected() {
    let anchors: String = (0..15_000).map(|i| format!("  - &a{i} x\n")).collect();
    assert_rejected(
        "15k anchors",
        format!("exam: demo\ntopic: basics\nquestions:\n{anchors}"),
    );
    assert_rejected("15k documents", "---\nexam: demo\n".repeat(15_000));
    assert_rejected("unknown alias", "exam: *nowhere\ntopic: basics\n".into());
}

#[test]
fn an_oversized_file_is_rejected_before_parsing() {
    let text = format!("exam: demo\ntopic: basics\n# {}\n", "x".repeat(MAX_FILE_BYTES));
    let loaded = in_time("oversized file", move || parse_with(&text));
    let problems: Vec<_> = problems_on(&loaded, "basics.yaml").collect();
    println!("oversized file: {problems:?}");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("KiB"), "{}", problems[0]);
}

/// Load the fixture bank from a folder with `basics.yaml` as `bytes`; return the problems on it.
fn load_basics_bytes(bytes: &[u8]) -> (Loaded, Vec<Problem>) {
    load_basics_bytes_in(bank_dir_with(bytes).path())
}

fn assert_basics_rejected(what: &str, bytes: &[u8]) {
    let (loaded, problems) = load_basics_bytes(bytes);
    for p in &problems {
        println!("{what}: {p}");
    }
    assert!(!problems.is_empty(), "{what}: accepted: {:?}", loaded.problems);
    assert!(problems.iter().all(|p| p.line >= 1 && p.col >= 1));
    assert!(
        loaded
            .banks
            .questions
            .iter()
            .all(|q| !q.origin.path.ends_with("basics.yaml"))
    );
    // The other files still load.
    assert_eq!(loaded.banks.count("demo", "loops"), 3, "{what}");
}

#[test]
fn an_empty_file_is_a_problem() {
    assert_basics_rejected("empty file", b"");
}

#[test]
fn a_comment_only_file_is_a_problem() {
    assert_basics_rejected("comment only", b"# nothing here yet\n");
}

#[test]
fn non_utf8_bytes_are_a_problem_naming_the_offset() {
    let mut bytes = BASICS.as_bytes().to_vec();
    bytes.splice(20..20, [0xff, 0xfe]);
    assert_basics_rejected("non-UTF-8", &bytes);
    let (_, problems) = load_basics_bytes(&bytes);
    assert!(
        problems[0].message.contains("UTF-8") && problems[0].message.contains("20"),
        "{}",
        problems[0]
    );
    assert_basics_rejected("UTF-16 BOM", &[0xff, 0xfe, b'e', 0, b'x', 0]);
    assert_basics_rejected("latin-1", b"exam: demo\ntopic: caf\xe9\n");
}

#[test]
fn a_directory_where_a_bank_file_should_be_is_a_problem() {
    let dir = bank_dir_with(BASICS.as_bytes());
    fs::remove_file(dir.path().join("demo/basics.yaml")).unwrap();
    fs::create_dir(dir.path().join("demo/basics.yaml")).unwrap();
    let loaded = in_time("directory as bank file", {
        let root = dir.path().to_path_buf();
        move || bank::load(&BankSource::Dir(root))
    });
    let problems: Vec<_> = problems_on(&loaded, "demo/basics.yaml").collect();
    println!("directory as bank file: {problems:?}");
    assert_eq!(problems.len(), 1, "{:?}", loaded.problems);
    assert!(problems[0].message.contains("directory"), "{}", problems[0]);
    assert_eq!(loaded.banks.count("demo", "loops"), 3);
}

#[test]
fn a_directory_where_exams_yaml_should_be_is_a_problem() {
    let dir = bank_dir_with(BASICS.as_bytes());
    fs::remove_file(dir.path().join("exams.yaml")).unwrap();
    fs::create_dir(dir.path().join("exams.yaml")).unwrap();
    let loaded = in_time("directory as exams.yaml", {
        let root = dir.path().to_path_buf();
        move || bank::load(&BankSource::Dir(root))
    });
    println!("directory as exams.yaml: {:?}", loaded.problems);
    let problems: Vec<_> = problems_on(&loaded, "exams.yaml").collect();
    assert!(
        problems.iter().any(|p| p.message.contains("directory")),
        "{:?}",
        loaded.problems
    );
    assert!(loaded.banks.exams.is_empty());
}

#[test]
fn a_dangling_symlink_is_a_problem() {
    let dir = bank_dir_with(BASICS.as_bytes());
    fs::remove_file(dir.path().join("demo/basics.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("demo/basics.yaml")).unwrap();
    let (loaded, problems) = load_basics_bytes_in(dir.path());
    println!("dangling symlink: {problems:?}");
    assert_eq!(problems.len(), 1, "{:?}", loaded.problems);
    assert!(problems[0].message.contains("cannot read"), "{}", problems[0]);
}

#[test]
fn a_missing_or_file_bank_folder_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("banks");
    fs::write(&file, "exams: []\n").unwrap();
    for root in [dir.path().join("missing"), file, dir.path().to_path_buf()] {
        let loaded = bank::load(&BankSource::Dir(root.clone()));
        println!("{}: {:?}", root.display(), loaded.problems);
        assert_eq!(loaded.problems.len(), 1, "{}", root.display());
        assert!(loaded.problems[0].path.contains(&*root.display().to_string()));
        assert!(loaded.banks.exams.is_empty());
    }
}

fn load_basics_bytes_in(root: &Path) -> (Loaded, Vec<Problem>) {
    let loaded = bank::load(&BankSource::Dir(root.to_path_buf()));
    let on_basics = problems_on(&loaded, "demo/basics.yaml").cloned().collect();
    (loaded, on_basics)
}
