//! A fixture bank copied with one text replaced, and `pyexam check --verify` run on it: how the
//! verifier tests break one key and watch it fail. (Included by `#[path]` in the verify tests,
//! which need nothing else of `common`.)

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// A copy of `tests/fixtures/banks/<fixture>` with the first `from` in `<exam>/<file>` replaced
/// by `to` (which must be there: a test that breaks nothing would pass for nothing).
pub fn broken_copy(fixture: &str, exam: &str, file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/banks")
        .join(fixture);
    fs::copy(src.join("exams.yaml"), dir.path().join("exams.yaml")).unwrap();
    fs::create_dir(dir.path().join(exam)).unwrap();
    for entry in fs::read_dir(src.join(exam)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = fs::read_to_string(&path).unwrap();
        let text = if name == file {
            assert!(text.contains(from), "{from:?} not in {name}");
            text.replacen(from, to, 1)
        } else {
            text
        };
        fs::write(dir.path().join(exam).join(name), text).unwrap();
    }
    dir
}

/// `pyexam check --verify DIR` outside CI: its exit code and stdout.
pub fn check_verify(dir: &Path) -> (i32, String) {
    let out = Command::cargo_bin("pyexam")
        .unwrap()
        .env_remove("CI")
        .args(["check", "--verify"])
        .arg(dir)
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}
