//! Rules for `files:`, the files beside an item's program (a module, a package): each is written
//! into the folder the program runs in, so its name must stay inside that folder.

use std::collections::BTreeSet;

use crate::bank::model::{ItemFile, MAIN_FILE};

/// More files than this is a project, not an exam item.
pub const MAX_FILES: usize = 8;
/// A file listing is read on screen: at most this many characters.
pub const MAX_FILE_CHARS: usize = 2000;
/// A name (with its folders) at most this long, at most this many folders deep.
pub const MAX_NAME_CHARS: usize = 60;
pub const MAX_DEPTH: usize = 4;

pub fn check(files: &[ItemFile], id: &str, problem: &mut impl FnMut(String)) {
    if files.len() > MAX_FILES {
        problem(format!(
            "question '{id}' has {} files; at most {MAX_FILES} are allowed",
            files.len()
        ));
    }
    let mut seen = BTreeSet::new();
    for f in files {
        if let Some(why) = bad_name(&f.name) {
            problem(format!(
                "question '{id}' file name '{}' {why}",
                f.name.escape_debug()
            ));
            continue;
        }
        if f.name == MAIN_FILE {
            problem(format!(
                "question '{id}' file name '{MAIN_FILE}' is the program's own: its text is `code`"
            ));
        }
        if !seen.insert(f.name.as_str()) {
            problem(format!("question '{id}' has two files named '{}'", f.name));
        }
        let chars = f.code.chars().count();
        if chars > MAX_FILE_CHARS {
            problem(format!(
                "question '{id}' file '{}' has {chars} characters; at most {MAX_FILE_CHARS} are allowed",
                f.name
            ));
        }
    }
    // `pkg` as a file and `pkg/mod.py` cannot both be written.
    for f in files {
        if seen.iter().any(|other| {
            other
                .strip_prefix(f.name.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
        }) {
            problem(format!(
                "question '{id}' file '{}' is also a folder of another file",
                f.name
            ));
        }
    }
}

/// Why a file name cannot be written inside the item's folder, or `None` when it can: a
/// relative path of folders and a file, each a word of letters, digits, `_`, `-` and `.` that
/// does not start with a dot (so no `..`, no hidden files, no absolute paths).
fn bad_name(name: &str) -> Option<String> {
    const VALID: &str =
        "(valid: a relative path such as mod.py or pkg/__init__.py, of letters, digits, _ - and .)";
    if name.is_empty() {
        return Some(format!("is empty {VALID}"));
    }
    if name.starts_with('/') {
        return Some(format!("is an absolute path {VALID}"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Some(format!("is longer than {MAX_NAME_CHARS} characters"));
    }
    let parts: Vec<&str> = name.split('/').collect();
    if parts.contains(&"..") {
        return Some(format!("leaves the item's folder {VALID}"));
    }
    if parts.len() > MAX_DEPTH + 1 {
        return Some(format!("is more than {MAX_DEPTH} folders deep"));
    }
    for part in parts {
        if part.is_empty() || part.starts_with('.') {
            return Some(format!("has an empty, hidden or dot part {VALID}"));
        }
        if !part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return Some(format!("holds a character other than {VALID}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> ItemFile {
        ItemFile {
            name: name.into(),
            code: String::new(),
        }
    }

    fn problems(names: &[&str]) -> Vec<String> {
        let files: Vec<ItemFile> = names.iter().map(|n| file(n)).collect();
        let mut found = Vec::new();
        check(&files, "q", &mut |m| found.push(m));
        found
    }

    #[test]
    fn plain_relative_names_pass() {
        assert!(problems(&["mod.py", "pkg/__init__.py", "pkg/sub/a_b-c.py", "data.txt"]).is_empty());
    }

    #[test]
    fn names_that_leave_the_folder_or_hide_are_refused() {
        for name in [
            "",
            "/etc/passwd",
            "../x.py",
            "a/../../x.py",
            ".hidden",
            "a//b.py",
            "a/",
            "a b.py",
            "a\\b.py",
            "ü.py",
            "a/b/c/d/e/f.py",
        ] {
            assert_eq!(problems(&[name]).len(), 1, "{name:?}");
        }
        assert_eq!(
            problems(&["../x.py"]),
            [
                "question 'q' file name '../x.py' leaves the item's folder (valid: a relative path such as mod.py or pkg/__init__.py, of letters, digits, _ - and .)"
            ]
        );
    }

    #[test]
    fn main_py_duplicates_and_file_folder_clashes_are_refused() {
        assert_eq!(
            problems(&["main.py"]),
            ["question 'q' file name 'main.py' is the program's own: its text is `code`"]
        );
        assert_eq!(
            problems(&["a.py", "a.py"]),
            ["question 'q' has two files named 'a.py'"]
        );
        assert_eq!(
            problems(&["pkg", "pkg/a.py"]),
            ["question 'q' file 'pkg' is also a folder of another file"]
        );
        let many: Vec<String> = (0..9).map(|i| format!("m{i}.py")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            problems(&many),
            ["question 'q' has 9 files; at most 8 are allowed"]
        );
    }
}
