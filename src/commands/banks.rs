//! Loading the banks for a command: problems of other exams are a warning, not a stop.

use anyhow::{Result, bail};

use pyexam::bank::{self, BankSet, BankSource, Loaded};
use pyexam::cli::Cli;
use pyexam::invocation::Invocation;

/// What a command about an exam loads.
pub struct Banks {
    pub banks: BankSet,
    /// Problems in other exams' banks, in one line.
    pub warning: Option<String>,
    /// The exams the `--banks` folder defines (`Loaded::own_exams`).
    pub own_exams: Vec<String>,
}

impl Banks {
    /// How the commands this run prints start.
    pub fn invocation(&self, cli: &Cli) -> Invocation {
        Invocation::new(
            cli.banks.clone(),
            cli.no_builtin,
            cli.home_flag.clone(),
            self.own_exams.clone(),
        )
    }
}

/// Banks for a command about `exam` (or about every exam, when `None`). Problems in topic
/// files do not block it; they come back as a warning (naming the first one of this exam).
/// Problems in exams.yaml block everything.
pub fn load_banks(source: &BankSource, exam: Option<&str>) -> Result<Banks> {
    // The built-in banks of one exam only: the others are parsed when a screen needs them.
    let loaded = match (source, exam) {
        (BankSource::Embedded, Some(exam)) => bank::load_embedded_exam(exam),
        _ => bank::load(source),
    };
    let Loaded {
        banks,
        problems,
        own_exams,
        ..
    } = loaded;
    if problems.is_empty() {
        return Ok(Banks {
            banks,
            warning: None,
            own_exams,
        });
    }
    let command = match source {
        BankSource::Embedded => "pyexam check".to_string(),
        BankSource::Dir(dir) | BankSource::Added(dir) => format!("pyexam check {}", dir.display()),
    };
    let wanted = exam.and_then(|e| banks.resolve_exam(e)).map(|e| e.id.clone());
    let total = problems.len();
    let plural = if total == 1 { "" } else { "s" };
    // Only what every exam depends on (exams.yaml, the folder) stops a command. A broken
    // topic file keeps its questions out and says so; a mock or drill that then has too few
    // questions says that itself, the same from the command line as from the menu.
    let blocking: Vec<_> = problems
        .iter()
        .filter(|p| !p.message.contains("a mock draws"))
        .filter(|p| problem_exam(p).is_none())
        .collect();
    if let Some(first) = blocking.first() {
        bail!("{first} ({total} problem{plural} in the banks; `{command}` lists them all)");
    }
    let mine: Vec<_> = problems
        .iter()
        .filter(|p| !p.message.contains("a mock draws"))
        .filter(|p| wanted.is_some() && problem_exam(p) == wanted)
        .collect();
    let warning = match mine.first() {
        Some(first) => format!("{first} ({total} problem{plural} in the banks; `{command}` lists them all)"),
        None => {
            let mut exams: Vec<String> = problems.iter().filter_map(problem_exam).collect();
            exams.sort();
            exams.dedup();
            let whose = match (wanted.is_some(), exams.is_empty()) {
                (_, true) => String::new(),
                (true, false) => format!(" (other exams: {})", exams.join(", ")),
                (false, false) => format!(
                    " (exam{} {})",
                    if exams.len() == 1 { "" } else { "s" },
                    exams.join(", ")
                ),
            };
            format!("{total} problem{plural} in the banks{whose}: `{command}` lists them.")
        }
    };
    Ok(Banks {
        banks,
        warning: Some(warning),
        own_exams,
    })
}

/// The exam a problem belongs to (the folder of its file), or `None` for exams.yaml and the
/// bank folder itself, which every exam depends on.
fn problem_exam(p: &pyexam::diagnostic::Problem) -> Option<String> {
    let mut parts = p.path.rsplit(['/', '\\']);
    let file = parts.next()?;
    if file == "exams.yaml" {
        // A short section is about one exam: "exam 'pcap' section ...".
        return p
            .message
            .strip_prefix("exam '")
            .and_then(|rest| rest.split('\'').next())
            .map(str::to_string);
    }
    if !file.ends_with(".yaml") && !file.ends_with(".yml") {
        return None;
    }
    parts.next().map(str::to_string)
}
