//! How to call pyexam again: every command pyexam prints (a retake, a drill, `resume`) starts
//! with this prefix, so it runs as printed for an exam of one's own `--banks` folder too.

use std::path::{Path, PathBuf};

/// The global options a printed command must repeat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invocation {
    /// `--banks DIR` as given (flag or PYEXAM_BANKS).
    banks: Option<PathBuf>,
    /// `--no-builtin`: then no exam is a built-in one.
    no_builtin: bool,
    /// `--home DIR`, only when given on the command line: PYEXAM_HOME is still set next time.
    home: Option<PathBuf>,
    /// The exams the `--banks` folder defines (its own, or a built-in one it redefines).
    own_exams: Vec<String>,
}

impl Invocation {
    pub fn new(
        banks: Option<PathBuf>,
        no_builtin: bool,
        home: Option<PathBuf>,
        own_exams: Vec<String>,
    ) -> Invocation {
        Invocation {
            banks,
            no_builtin,
            home,
            own_exams,
        }
    }

    /// `pyexam [--banks DIR [--no-builtin]] [--home DIR] ARGS` for a command about `exam`:
    /// `--banks` only when the exam is not a built-in one.
    pub fn about(&self, exam: &str, args: &str) -> String {
        let banks = self
            .banks
            .as_deref()
            .filter(|_| self.no_builtin || self.own_exams.iter().any(|e| e == exam));
        self.prefixed(banks, args)
    }

    /// The command that resumes `exam`'s saved attempt (named, since several may be saved).
    pub fn resume(&self, exam: &str) -> String {
        self.about(exam, &format!("resume {}", shell_word(Path::new(exam))))
    }

    /// `pyexam [--home DIR] ARGS` for a command about no one exam, or about every exam:
    /// `--banks` whenever it was given, since some exam may need it.
    pub fn any(&self, args: &str) -> String {
        let banks = self.banks.as_deref().filter(|_| !self.own_exams.is_empty());
        self.prefixed(banks, args)
    }

    fn prefixed(&self, banks: Option<&Path>, args: &str) -> String {
        let mut command = String::from("pyexam");
        if let Some(dir) = banks {
            command.push_str(" --banks ");
            command.push_str(&shell_word(dir));
            if self.no_builtin {
                command.push_str(" --no-builtin");
            }
        }
        if let Some(dir) = &self.home {
            command.push_str(" --home ");
            command.push_str(&shell_word(dir));
        }
        if !args.is_empty() {
            command.push(' ');
            command.push_str(args);
        }
        command
    }
}

/// A path as one shell word: as it is when it holds nothing a shell treats specially, else in
/// single quotes (a quote inside written `'\''`).
fn shell_word(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "_-./,:@%+=".contains(c));
    if plain {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_banks(no_builtin: bool, home: Option<&str>) -> Invocation {
        Invocation::new(
            Some("my banks".into()),
            no_builtin,
            home.map(PathBuf::from),
            vec!["py101".into()],
        )
    }

    #[test]
    fn a_builtin_exam_needs_no_banks() {
        assert_eq!(
            Invocation::default().about("pcep", "exam pcep"),
            "pyexam exam pcep"
        );
        assert_eq!(
            with_banks(false, None).about("pcep", "exam pcep"),
            "pyexam exam pcep"
        );
    }

    #[test]
    fn an_exam_of_ones_own_carries_its_folder_quoted() {
        assert_eq!(
            with_banks(false, None).about("py101", "exam py101 --seed 7"),
            "pyexam --banks 'my banks' exam py101 --seed 7"
        );
        assert_eq!(
            with_banks(true, Some("/tmp/h")).about("pcep", "resume"),
            "pyexam --banks 'my banks' --no-builtin --home /tmp/h resume"
        );
    }

    #[test]
    fn quotes_inside_a_path_survive() {
        assert_eq!(shell_word(Path::new("it's")), r"'it'\''s'");
        assert_eq!(shell_word(Path::new("a/b-c.d")), "a/b-c.d");
    }
}
