//! `pyexam import gift` and `pyexam export gift`: the files around the pure `gift` module.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use pyexam::bank::BankSet;
use pyexam::gift;

pub fn import(file: &Path, exam: &str, topic: &str, output: Option<&Path>) -> Result<i32> {
    for (what, id) in [("exam", exam), ("topic", topic)] {
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if id.is_empty() || !id.chars().all(plain) {
            bail!(
                "{what} id '{id}' may hold only letters, digits, '-' and '_' (it names a folder or file and starts every question id)"
            );
        }
    }
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the GIFT file {}", file.display()))?;
    let shown = file.display().to_string();
    let name = file
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    let result = gift::import(&text, exam, topic, &name);
    errln!("{}", result.report(&shown).trim_end());
    if result.imported.is_empty() {
        bail!("nothing imported from {shown}: no question has a pyexam kind (see above)");
    }
    match output {
        // YAML writes control characters as escapes (`\e`): `check` is what refuses them.
        None => print!("{}", result.yaml),
        Some(out) => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(out)
                .with_context(|| {
                    format!(
                        "cannot create {} (an existing file is never overwritten)",
                        out.display()
                    )
                })?;
            f.write_all(result.yaml.as_bytes())
                .and_then(|()| f.sync_all())
                .with_context(|| format!("cannot write {}", out.display()))?;
            errln!("wrote {}", out.display());
        }
    }
    Ok(0)
}

pub fn export(banks: &BankSet, exam: &str, topic: Option<&str>) -> Result<i32> {
    let Some(spec) = banks.exam(exam) else {
        bail!(pyexam::tui::app::unknown_exam(banks, exam));
    };
    if let Some(t) = topic
        && !spec.topic_ids().any(|id| id == t)
    {
        let valid: Vec<_> = spec.topic_ids().collect();
        bail!("unknown topic '{t}' for {exam} (valid: {})", valid.join(", "));
    }
    let out = gift::export(banks, spec, topic);
    // GIFT has no escape for control characters: `gift::export` leaves them out.
    print!("{}", out.gift);
    for (id, why) in &out.not_exported {
        errln!("pyexam: not exported: {id}: {why}");
    }
    Ok(0)
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
