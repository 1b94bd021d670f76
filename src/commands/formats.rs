//! `pyexam import gift|moodle` and `pyexam export gift|moodle`: the files around the pure
//! `formats` module.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use pyexam::bank::BankSet;
use pyexam::formats::{Import, gift, moodle};

pub fn import_gift(file: &Path, exam: &str, topic: &str, output: Option<&Path>) -> Result<i32> {
    import(
        file,
        exam,
        topic,
        output,
        "GIFT",
        gift::MAX_FILE_BYTES,
        |text, name| Ok(gift::import(text, exam, topic, name)),
    )
}

pub fn import_moodle(file: &Path, exam: &str, topic: &str, output: Option<&Path>) -> Result<i32> {
    import(
        file,
        exam,
        topic,
        output,
        "Moodle XML",
        moodle::MAX_FILE_BYTES,
        |text, name| {
            moodle::import(text, exam, topic, name)
                .map_err(|e| anyhow!("{}:{}: {}", file.display(), e.line, e.message))
        },
    )
}

fn import(
    file: &Path,
    exam: &str,
    topic: &str,
    output: Option<&Path>,
    format: &str,
    limit: u64,
    convert: impl FnOnce(&str, &str) -> Result<Import>,
) -> Result<i32> {
    for (what, id) in [("exam", exam), ("topic", topic)] {
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if id.is_empty() || !id.chars().all(plain) {
            bail!(
                "{what} id '{id}' may hold only letters, digits, '-' and '_' (it names a folder or file and starts every question id)"
            );
        }
    }
    // The output file is made first: an existing one is refused before any report is printed.
    let mut out_file = match output {
        Some(out) => Some(create_new(out)?),
        None => None,
    };
    let text = match read_limited(file, format, limit) {
        Ok(text) => text,
        Err(e) => return Err(discard(output, e)),
    };
    let shown = file.display().to_string();
    let name = file
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    let result = match convert(&text, &name) {
        Ok(result) => result,
        Err(e) => return Err(discard(output, e)),
    };
    errln!("{}", result.report(&shown).trim_end());
    if result.imported.is_empty() {
        let e = anyhow!("nothing imported from {shown}: no question has a pyexam kind (see above)");
        return Err(discard(output, e));
    }
    match (output, out_file.as_mut()) {
        // YAML writes control characters as escapes (`\x1b`): `check` is what refuses them.
        (Some(out), Some(f)) => {
            f.write_all(result.yaml.as_bytes())
                .and_then(|()| f.sync_all())
                .with_context(|| format!("cannot write {}", out.display()))?;
            errln!("wrote {}", out.display());
        }
        _ => print!("{}", result.yaml),
    }
    Ok(0)
}

/// `-o FILE`, made new: an existing file is refused with one line (and never overwritten).
fn create_new(out: &Path) -> Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => anyhow!(
                "{} already exists and is never overwritten: give -o a new file name, or leave -o out to print the bank",
                out.display()
            ),
            _ => anyhow!("cannot create {}: {e}", out.display()),
        })
}

/// The empty `-o` file this run made, removed again when nothing is written into it.
fn discard(output: Option<&Path>, e: anyhow::Error) -> anyhow::Error {
    if let Some(out) = output {
        let _ = std::fs::remove_file(out);
    }
    e
}

/// The file's text, refused with one line when it is larger than `limit`: first by the size it
/// claims, then by what is read (a pipe or a FIFO claims none), never reading more than one
/// byte past the limit.
fn read_limited(file: &Path, format: &str, limit: u64) -> Result<String> {
    let limit_mib = limit / (1024 * 1024);
    let cannot = || format!("cannot read the {format} file {}", file.display());
    let too_big = |size: String| {
        anyhow!(
            "the {format} file {} is {size}; {format} files may be at most {limit_mib} MiB ({limit} bytes)",
            file.display()
        )
    };
    let f = File::open(file).with_context(cannot)?;
    let claimed = f.metadata().with_context(cannot)?.len();
    if claimed > limit {
        let mib = claimed as f64 / (1024.0 * 1024.0);
        return Err(too_big(format!("{claimed} bytes ({mib:.1} MiB)")));
    }
    let mut bytes = Vec::new();
    f.take(limit + 1).read_to_end(&mut bytes).with_context(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(format!("over {limit_mib} MiB (reading stopped there)")));
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{}: it is not UTF-8 text (invalid byte at offset {})",
            cannot(),
            e.utf8_error().valid_up_to()
        )
    })
}

pub fn export_gift(banks: &BankSet, exam: &str, topic: Option<&str>) -> Result<i32> {
    let spec = exam_and_topic(banks, exam, topic)?;
    let out = gift::export(banks, spec, topic);
    // GIFT has no escape for control characters: `gift::export` leaves them out.
    print!("{}", out.gift);
    for (id, why) in &out.not_exported {
        errln!("pyexam: not exported: {id}: {why}");
    }
    Ok(0)
}

pub fn export_moodle(banks: &BankSet, exam: &str, topic: Option<&str>) -> Result<i32> {
    let spec = exam_and_topic(banks, exam, topic)?;
    let out = moodle::export(banks, spec, topic);
    // XML 1.0 cannot hold most control characters: `moodle::export` leaves them out.
    print!("{}", out.xml);
    for (id, why) in &out.not_exported {
        errln!("pyexam: not exported: {id}: {why}");
    }
    Ok(0)
}

fn exam_and_topic<'a>(
    banks: &'a BankSet,
    exam: &str,
    topic: Option<&str>,
) -> Result<&'a pyexam::exam::ExamSpec> {
    let Some(spec) = banks.exam(exam) else {
        bail!(pyexam::tui::app::unknown_exam(banks, exam));
    };
    if let Some(t) = topic
        && !spec.topic_ids().any(|id| id == t)
    {
        let valid: Vec<_> = spec.topic_ids().collect();
        bail!("unknown topic '{t}' for {exam} (valid: {})", valid.join(", "));
    }
    Ok(spec)
}

/// The bank file is only usable where an exams.yaml defines its exam and topic: say so when
/// the banks at hand (built-in and --banks) do not.
pub fn note_unknown(banks: &BankSet, exam: &str, topic: &str) {
    match banks.exam(exam) {
        None => errln!(
            "note: no exam '{exam}' is defined here yet: add it (with a section '{topic}') to the exams.yaml of your bank folder, then use --banks"
        ),
        Some(spec) if !spec.topic_ids().any(|t| t == topic) => errln!(
            "note: exam '{exam}' has no topic '{topic}' yet (its topics: {}): add it to exams.yaml",
            spec.topic_ids().collect::<Vec<_>>().join(", ")
        ),
        Some(_) => {}
    }
}
