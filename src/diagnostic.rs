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
/// A scanner error names where the construct it was reading began ("while scanning a quoted
/// scalar at line 5 column 13"): that is where the mistake is (an unclosed quote), not the
/// end of the file where the parser noticed it, so the problem points there.
pub fn from_yaml(path: &str, err: &serde_yaml::Error) -> Problem {
    let (mut line, mut col) = err.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
    let full = err.to_string();
    let mut text = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    if let Some((context, at)) = full
        .split_once(", while ")
        .and_then(|(_, c)| c.rsplit_once(" at line "))
        && let Some((l, c)) = at.split_once(" column ")
        && let (Ok(l), Ok(c)) = (l.trim().parse(), c.trim().parse())
    {
        text = format!("{text} while {context} that starts here");
        (line, col) = (l, c);
    }
    Problem::new(path, line, col, text)
}

#[cfg(test)]
mod yaml_tests {
    #[test]
    fn an_unclosed_quote_points_at_where_the_scalar_starts() {
        let text = "a: 1\nb: \"never closed\nc: 2\nd: 3\n";
        let err = serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err();
        let p = super::from_yaml("f.yaml", &err);
        assert_eq!((p.line, p.col), (2, 4), "{p:?}");
        assert_eq!(
            p.message,
            "found unexpected end of stream while scanning a quoted scalar that starts here"
        );
    }
}
