//! A problem found in a bank file, printed compiler-style: `path:line:col: error: message`, or
//! `path:line:col: warning: message` for what is worth fixing but does not make a bank unusable.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// A warning: printed, but `check` still exits 0 and the banks still load.
    pub warning: bool,
}

impl Problem {
    pub fn new(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            col,
            message: message.into(),
            warning: false,
        }
    }

    pub fn warning(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Problem {
            warning: true,
            ..Problem::new(path, line, col, message)
        }
    }

    pub fn is_error(&self) -> bool {
        !self.warning
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
            if self.warning { "warning" } else { "error" },
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
