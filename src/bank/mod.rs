//! Question banks: the YAML schema, loading (embedded or from a folder) and validation.

pub mod audit;
pub mod coverage;
mod load;
pub mod marker;
pub mod model;
pub mod objectives;
mod positions;
mod precheck;
pub mod schema;
pub mod shape;
mod style;
mod validate;

pub use load::{BankSource, Built, MAX_FILE_BYTES, SourceFile, read_source};
pub use model::{
    Card, Choice, Gap, ItemFile, Kind, Lang, Lint, LintKeyed, LintTool, MAIN_FILE, Origin, PoolEntry,
    Question, Verify,
};
pub use precheck::{MAX_FLOW_DEPTH, precheck};

use crate::diagnostic::Problem;
use crate::exam::ExamSpec;

/// Every exam and every valid question from one source.
#[derive(Debug, Clone, Default)]
pub struct BankSet {
    pub exams: Vec<ExamSpec>,
    pub questions: Vec<Question>,
    /// Built-in exams whose questions are not parsed yet (`load_embedded_exam`): a command
    /// about one exam parses only its files; `load_pending` adds the others when a screen
    /// that spans exams (the menu) needs them.
    pub pending: Vec<String>,
}

/// What loading found: the usable banks and every problem, in file order.
#[derive(Debug, Default)]
pub struct Loaded {
    pub banks: BankSet,
    /// Errors: each keeps its question (or file) out of `banks`.
    pub problems: Vec<Problem>,
    /// Warnings (e.g. an imported item without an explanation): the question is in `banks`.
    pub warnings: Vec<Problem>,
    /// The exams a `--banks` folder defines (empty for the built-in banks): a command printed
    /// about one of them needs `--banks DIR` to run.
    pub own_exams: Vec<String>,
}

impl Loaded {
    /// The problems that make a bank unusable (warnings left out).
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }
}

/// A section that has fewer questions than a mock draws from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    pub section: String,
    pub have: usize,
    pub need: usize,
}

impl BankSet {
    pub fn exam(&self, id: &str) -> Option<&ExamSpec> {
        self.exams.iter().find(|e| e.id == id)
    }

    /// The exam a person means by `name`: its id or its code, in any case (`pcep`, `PCEP`,
    /// `PCEP-30-02`).
    pub fn resolve_exam(&self, name: &str) -> Option<&ExamSpec> {
        self.exams
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(name) || e.code.eq_ignore_ascii_case(name))
    }

    pub fn exam_ids(&self) -> Vec<&str> {
        self.exams.iter().map(|e| e.id.as_str()).collect()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn in_topic<'a>(&'a self, exam: &'a str, topic: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions
            .iter()
            .filter(move |q| q.exam == exam && q.topic == topic)
    }

    pub fn count(&self, exam: &str, topic: &str) -> usize {
        self.in_topic(exam, topic).count()
    }

    /// Sections of `exam` that cannot supply their blueprint count.
    pub fn shortfalls(&self, exam: &ExamSpec) -> Vec<Shortfall> {
        exam.sections
            .iter()
            .filter_map(|s| {
                let have = self.count(&exam.id, &s.id);
                (have < s.items).then(|| Shortfall {
                    section: s.id.clone(),
                    have,
                    need: s.items,
                })
            })
            .collect()
    }
}

/// Load and validate every bank from `source`.
pub fn load(source: &BankSource) -> Loaded {
    if let BankSource::Added(dir) = source {
        return beside_builtin(load(&BankSource::Dir(dir.clone())), load(&BankSource::Embedded));
    }
    match read_source(source) {
        Ok(files) => {
            let mut loaded = parse(&files);
            if let BankSource::Dir(_) = source {
                loaded.own_exams = loaded.banks.exams.iter().map(|e| e.id.clone()).collect();
            }
            loaded
        }
        Err(problem) => Loaded {
            problems: vec![problem],
            ..Loaded::default()
        },
    }
}

/// The built-in banks with only `exam`'s questions (its id or code; every exam's when no
/// exam has that name): what a command about one exam needs for its first screen.
pub fn load_embedded_exam(exam: &str) -> Loaded {
    match read_source(&BankSource::Embedded) {
        Ok(files) => validate::parse_some(&files, Some(exam)),
        Err(problem) => Loaded {
            problems: vec![problem],
            ..Loaded::default()
        },
    }
}

impl BankSet {
    /// Parse the built-in exams still `pending`, in the order a full load gives.
    pub fn load_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let files: Vec<SourceFile> = read_source(&BankSource::Embedded)
            .unwrap_or_default()
            .into_iter()
            .filter(|f| {
                let folder = f.relative.split('/').next();
                f.relative == "exams.yaml" || pending.iter().any(|id| folder == Some(id))
            })
            .collect();
        // The built-in banks are checked whole by `pyexam check` and the tests; a command
        // about one exam does not report the others' problems.
        let loaded = parse(&files);
        self.questions.extend(loaded.banks.questions);
        // Files are read in path order and a stable sort keeps each file's own order.
        self.questions.sort_by(|a, b| a.origin.path.cmp(&b.origin.path));
    }
}

/// A folder's exams first, then every built-in exam the folder does not redefine. An exam the
/// folder defines replaces the built-in one of that id with all its questions, so the two never
/// mix (and question ids, prefixed by their exam, cannot clash).
pub fn beside_builtin(own: Loaded, builtin: Loaded) -> Loaded {
    let Loaded {
        mut banks,
        mut problems,
        mut warnings,
        own_exams,
    } = own;
    let redefined: Vec<String> = banks.exams.iter().map(|e| e.id.clone()).collect();
    let kept = |id: &str| !redefined.iter().any(|r| r == id);
    banks
        .exams
        .extend(builtin.banks.exams.into_iter().filter(|e| kept(&e.id)));
    banks
        .questions
        .extend(builtin.banks.questions.into_iter().filter(|q| kept(&q.exam)));
    problems.extend(builtin.problems);
    warnings.extend(builtin.warnings);
    Loaded {
        banks,
        problems,
        warnings,
        own_exams,
    }
}

/// The pure half of loading: parse and validate files already read.
pub fn parse(files: &[SourceFile]) -> Loaded {
    validate::parse_all(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_exam_first_then_the_rest_gives_exactly_a_full_load() {
        let full = load(&BankSource::Embedded);
        let mut lazy = load_embedded_exam("PCEP-30-02");
        assert!(lazy.problems.is_empty(), "{:?}", lazy.problems);
        assert_eq!(lazy.banks.pending, ["pcap", "pcpp1", "pcpp2"]);
        assert!(lazy.banks.questions.iter().all(|q| q.exam == "pcep"));
        let pcep = |b: &BankSet| b.questions.iter().filter(|q| q.exam == "pcep").count();
        assert_eq!(pcep(&lazy.banks), pcep(&full.banks));
        lazy.banks.load_pending();
        assert!(lazy.banks.pending.is_empty());
        assert_eq!(lazy.banks.questions, full.banks.questions);
        assert_eq!(lazy.banks.exams, full.banks.exams);
    }

    #[test]
    fn embedded_json_gives_exactly_what_the_yaml_gives() {
        let files = read_source(&BankSource::Embedded).unwrap();
        assert!(
            files.iter().all(|f| f.json.is_some()),
            "every shipped file converts at build time"
        );
        for f in &files {
            // Borrowed from the binary: start-up neither copies nor reads the YAML.
            assert!(
                matches!(f.text, Ok(std::borrow::Cow::Borrowed(_))),
                "{}",
                f.relative
            );
            let built = f.json.expect("converted");
            let parsed = serde_json::from_str::<schema::BankFile>(built.json());
            if f.relative != "exams.yaml" {
                assert!(parsed.is_ok(), "{}: {:?}", f.relative, parsed.err());
            }
        }
        let yaml_only: Vec<SourceFile> = files
            .iter()
            .map(|f| SourceFile {
                json: None,
                ..f.clone()
            })
            .collect();
        let (fast, slow) = (parse(&files), parse(&yaml_only));
        assert_eq!((fast.errors().count(), slow.errors().count()), (0, 0));
        assert_eq!(fast.banks.questions, slow.banks.questions);
        assert_eq!(fast.banks.exams, slow.banks.exams);
    }
}
