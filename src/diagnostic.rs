//! A problem found in a bank file, printed compiler-style: `path:line:col: error: message`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub severity: Severity,
}

/// Errors make `pyexam check` fail and keep a question out; warnings do neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Problem {
    pub fn new(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            col,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn warning(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::new(path, line, col, message)
        }
    }

    /// A problem about a whole file (no better location than its start).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem::new(path, 1, 1, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path,
            self.line,
            self.col,
            match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            self.message
        )
    }
}

/// Turn a YAML error into a located problem, without the "at line X column Y" the message repeats.
pub fn from_yaml(path: &str, err: &serde_yaml::Error) -> Problem {
    let (line, col) = err.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
    let text = err.to_string();
    let text = match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    Problem::new(path, line, col, text)
}
