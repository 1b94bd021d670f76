//! `pyexam import gift` on files built to hurt: over 4 MiB (a file or a FIFO) is refused with one
//! line before it is read, and what is read takes memory in proportion to its size.

use std::ffi::CString;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use assert_cmd::Command;
use pyexam::formats::gift;

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

/// Bytes allocated on this thread while `f` runs: (peak live, total). Deterministic, unlike
/// time: a re-scan that copies (`to_ascii_lowercase` of the rest per tag) shows in the total,
/// holding every answer or every block at once in the peak.
fn allocations(f: impl FnOnce()) -> (usize, usize) {
    counting::reset();
    f();
    counting::read()
}

mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    pub struct Counting;

    thread_local! {
        static LIVE: Cell<isize> = const { Cell::new(0) };
        static PEAK: Cell<isize> = const { Cell::new(0) };
        static TOTAL: Cell<usize> = const { Cell::new(0) };
    }

    fn grew(n: usize) {
        let _ = LIVE.try_with(|live| {
            live.set(live.get() + n as isize);
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
        });
        let _ = TOTAL.try_with(|total| total.set(total.get() + n));
    }

    fn shrank(n: usize) {
        let _ = LIVE.try_with(|live| live.set(live.get() - n as isize));
    }

    pub fn reset() {
        LIVE.with(|l| l.set(0));
        PEAK.with(|p| p.set(0));
        TOTAL.with(|t| t.set(0));
    }

    pub fn read() -> (usize, usize) {
        (PEAK.with(Cell::get).max(0) as usize, TOTAL.with(Cell::get))
    }

    // SAFETY: every call is passed on to the system allocator unchanged; the counters are
    // const-initialised thread-locals without destructors, so counting never allocates.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                grew(layout.size());
            }
            p
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc_zeroed(layout) };
            if !p.is_null() {
                grew(layout.size());
            }
            p
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) };
            shrank(layout.size());
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if !p.is_null() {
                shrank(layout.size());
                grew(new_size);
            }
            p
        }
    }
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// GIFT files of about `size` bytes, each built to hurt one part of the import.
fn hostile(size: usize) -> Vec<(&'static str, String)> {
    let repeat = |head: &str, unit: &str, tail: &str| {
        let n = (size - head.len() - tail.len()) / unit.len();
        format!("{head}{}{tail}", unit.repeat(n))
    };
    let numbered = |unit: &dyn Fn(usize) -> String, sep: &str| {
        let mut text = String::new();
        let mut i = 0;
        while text.len() < size {
            text.push_str(&unit(i));
            text.push_str(sep);
            i += 1;
        }
        text
    };
    vec![
        ("a run of ~", repeat("Q {", "~", "}\n")),
        (
            "short answers",
            numbered(&|i| format!("Q{i} {{=a =b =c =a{i}}}"), "\n\n"),
        ),
        (
            "1000 short answers a question",
            numbered(
                &|i| {
                    format!(
                        "Q {{{}}}",
                        (0..1000).map(|k| format!("={i}.{k} ")).collect::<String>()
                    )
                },
                "\n\n",
            ),
        ),
        ("matching pairs", repeat("Q {", "=a -> b ", "}\n")),
        ("<pre> blocks", repeat("[html]", "<pre>x</pre>", " {=a ~b}\n")),
        (
            "many questions",
            numbered(&|i| format!("::T{i}:: Q{i}? {{=a ~b #no ~c}}"), "\n\n"),
        ),
        ("true/false feedback", repeat("Q {T", "#x", "}\n")),
        ("a long title", repeat("::", "t", ":: Q {=a ~b}\n")),
    ]
}

/// Four times the file, at most about four times the memory (peak and total), and never more
/// than 64 bytes held per byte of GIFT. Quadratic work that copies (16 times) and holding a
/// token and an answer per byte (136 bytes per byte, before the answer limit) both fail here.
#[test]
fn import_memory_grows_linearly_with_the_file() {
    let small = hostile(128 * 1024);
    let large = hostile(512 * 1024);
    for ((what, small), (_, large)) in small.iter().zip(&large) {
        let measure = |text: &str| {
            allocations(|| {
                std::hint::black_box(gift::import(text, "x", "y", "f.gift"));
            })
        };
        let (peak_small, total_small) = measure(small);
        let (peak, total) = measure(large);
        let per_byte = peak / large.len();
        assert!(per_byte <= 64, "{what}: {per_byte} bytes held per byte of GIFT");
        assert!(
            peak <= 6 * peak_small && total <= 6 * total_small,
            "{what}: four times the text took peak {peak} (was {peak_small}), total {total} (was {total_small})"
        );
    }
}

/// A question's answers are counted before they are built; past the limit it is skipped with
/// the count. Matching pairs past a pool's nine entries are refused before they are compared.
#[test]
fn too_many_answers_or_pairs_are_skipped_with_their_count() {
    let many = |n: usize, answer: &str| format!("Q {{{}}}", answer.repeat(n));
    let text = [
        many(gift::MAX_ANSWERS + 1, "~a "),
        many(gift::MAX_ANSWERS, "=a "),
        many(10, "=a -> b "),
    ]
    .join("\n\n");
    let report = gift::import(&text, "x", "y", "f.gift").report("f.gift");
    assert_eq!(
        report,
        [
            "f.gift:1: skipped (syntax): 1001 answers; a question may have at most 1000",
            "f.gift:5: skipped (matching): 10 pairs; a slot pool holds at most 9 entries",
            "f.gift: 1 imported (1 gap), 2 skipped; 1 without an explanation (a warning in `pyexam check`)",
            "",
        ]
        .join("\n")
    );
}
