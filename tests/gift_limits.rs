//! `pyexam import gift` on files built to hurt: over 4 MiB (a file or a FIFO) is refused with one
//! line before it is read.

use std::ffi::CString;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use assert_cmd::Command;
use pyexam::gift;

const LIMIT: usize = gift::MAX_FILE_BYTES as usize;

fn import(file: &Path) -> (i32, String, String) {
    let out = Command::cargo_bin("pyexam")
        .unwrap()
        .args(["import", "gift"])
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

/// `size` bytes of GIFT: one question, then comment lines.
fn gift_of(size: usize) -> String {
    let mut text = String::from("::T:: Which? {=a ~b}\n");
    let line = format!("// {}\n", "x".repeat(60));
    while text.len() + line.len() <= size {
        text.push_str(&line);
    }
    text.push_str(&"/".repeat(size - text.len()));
    assert_eq!(text.len(), size);
    text
}

#[test]
fn a_file_over_4_mib_is_refused_naming_its_size_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.gift");
    fs::write(&file, gift_of(LIMIT + 1)).unwrap();
    let (code, out, err) = import(&file);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "pyexam: the GIFT file {} is 4194305 bytes (4.0 MiB); GIFT files may be at most 4 MiB (4194304 bytes)\n",
            file.display()
        )
    );
}

#[test]
fn a_file_of_exactly_4_mib_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("full.gift");
    fs::write(&file, gift_of(LIMIT)).unwrap();
    let (code, out, err) = import(&file);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("id: x-y-001"), "{out}");
}

/// A FIFO claims no size: the limit holds on what is read, and reading stops just past it.
#[test]
fn a_fifo_over_4_mib_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("quiz.gift");
    let name = CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let chunk = vec![b'/'; 64 * 1024];
            let mut written = 0;
            // 16 MiB offered; a write fails once the reader has stopped and closed the FIFO.
            while written < 16 * 1024 * 1024 && f.write_all(&chunk).is_ok() {
                written += chunk.len();
            }
            written
        })
    };
    let (code, _, err) = import(&fifo);
    let written = writer.join().unwrap();
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "pyexam: the GIFT file {} is over 4 MiB (reading stopped there); GIFT files may be at most 4 MiB (4194304 bytes)\n",
            fifo.display()
        )
    );
    // What was read, plus what the FIFO's buffer held when the reader left.
    assert!(written <= LIMIT + 2 * 1024 * 1024, "{written} bytes were taken");
}
