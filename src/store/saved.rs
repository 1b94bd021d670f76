//! The saved exams: one journal per exam (`exam-<id>.jsonl`, locked by `exam-<id>.lock`), so a
//! PCAP mock can start while a PCEP one waits to be resumed. Exams set aside (by `--discard`, the
//! menu, or because they could not be read) are kept as `journal-<time>.set-aside.json[l]`.
//!
//! Before per-exam journals (December 2026) a home held one saved exam, `journal.jsonl` (or
//! `journal.json`, the version 1 journal). `saved_exams` moves it to its exam's name the first
//! time it runs.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::safety::{self, read_in_home};
use super::slot::Slot;
use super::{SetAside, Store, StoreError, io, journal, lock, sync_dir};
use crate::session::Session;

/// The saved exams of a home, as `Store::saved_exams` finds them.
#[derive(Debug, Default)]
pub struct SavedExams {
    /// Each resumable exam with the number of damaged changes at its journal's end that were
    /// left out (0 when whole), in exam id order.
    pub saved: Vec<(Session, usize)>,
    /// Journals that cannot be read: the file and why. They are left where they are; the
    /// interactive commands move them aside (`set_file_aside`) so nothing overwrites them.
    pub unreadable: Vec<StoreError>,
}

/// The file name stem of `exam`'s journal. Exam ids of one's own banks can hold anything, so an
/// id that is not a plain name (lowercase letters, digits, `-`, `_`) is named by its hash.
pub fn stem(exam: &str) -> String {
    let plain = !exam.is_empty()
        && exam.len() <= 64
        && exam
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if plain {
        format!("exam-{exam}")
    } else {
        // FNV-1a: stable across runs and versions, unlike std's hasher.
        let hash = exam.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        format!("exam-x{hash:016x}")
    }
}

/// The one journal of a home from before per-exam journals, newest format first.
const LEGACY: [&str; 2] = ["journal.jsonl", "journal.json"];

impl Store {
    /// `exam`'s journal and lock (made on first use; the same one after).
    fn slot(&self, exam: &str) -> Arc<Slot> {
        let mut slots = self.exams.lock().unwrap_or_else(|e| e.into_inner());
        slots
            .entry(exam.to_string())
            .or_insert_with(|| {
                let stem = stem(exam);
                Arc::new(Slot::new(
                    &self.home,
                    &stem,
                    // A version 1 journal moved to this exam's name (see `migrate`).
                    Some(self.home.join(format!("{stem}.json"))),
                    format!("the saved {exam} exam"),
                ))
            })
            .clone()
    }

    /// Every exam slot made so far.
    pub(super) fn exam_slots(&self) -> Vec<Arc<Slot>> {
        let slots = self.exams.lock().unwrap_or_else(|e| e.into_inner());
        slots.values().cloned().collect()
    }

    /// Where `exam`'s journal is written.
    pub fn journal_path(&self, exam: &str) -> PathBuf {
        self.slot(exam).path.clone()
    }

    /// Become the one process that writes `exam`'s journal (an OS lock, released when this
    /// process ends, however it ends). Idempotent; `Busy` names the process that holds it.
    pub fn claim_journal(&self, exam: &str) -> Result<(), StoreError> {
        self.claim(&self.slot(exam))
    }

    /// The other pyexam that has `exam`'s saved attempt open, if one has.
    pub fn journal_holder(&self, exam: &str) -> Option<lock::Holder> {
        self.slot(exam).holder()
    }

    /// Let another process take `exam`'s journal (after a submit or a save-and-quit).
    pub fn release_journal(&self, exam: &str) {
        self.slot(exam).release();
    }

    /// Journal the exam in progress and make it durable (`append_journal`, `sync_journal`).
    pub fn save_journal(&self, session: &Session) -> Result<(), StoreError> {
        self.append_journal(session)?;
        self.sync_journal()
    }

    /// Journal the exam in progress in its exam's journal: the first save of an exam writes its
    /// snapshot atomically (fsync'd); later saves append what changed with one `write`, which a
    /// kill -9, a panic or a closed terminal cannot undo (it is in the kernel); `sync_journal`
    /// then makes it durable. Claims the journal first.
    pub fn append_journal(&self, session: &Session) -> Result<(), StoreError> {
        let slot = self.slot(&session.exam);
        self.claim(&slot)?;
        slot.append(session)
    }

    /// `exam`'s saved attempt, if any.
    pub fn load_journal(&self, exam: &str) -> Result<Option<Session>, StoreError> {
        Ok(self
            .load_journal_counting_losses(exam)?
            .map(|(session, _)| session))
    }

    /// `exam`'s saved attempt and how many changes at the end of its journal were damaged and
    /// left out (0 when it is whole). It resumes from the intact records before them; the next
    /// save writes a fresh snapshot, so the damaged lines are never appended to.
    pub fn load_journal_counting_losses(&self, exam: &str) -> Result<Option<(Session, usize)>, StoreError> {
        self.migrate();
        self.load_saved(exam)
    }

    /// `load_journal_counting_losses` once the home is migrated.
    fn load_saved(&self, exam: &str) -> Result<Option<(Session, usize)>, StoreError> {
        let loaded = self.slot(exam).load::<Session>()?;
        match loaded {
            Some((session, _)) if session.exam != exam => Err(StoreError::Corrupt {
                path: self.journal_path(exam),
                reason: format!("it holds a {} exam, not a {exam} one", session.exam),
            }),
            loaded => Ok(loaded),
        }
    }

    /// Every saved exam of the home, and the journals that cannot be read.
    pub fn saved_exams(&self) -> SavedExams {
        self.migrate();
        let mut found = SavedExams::default();
        for (exam, path) in self.journal_files() {
            match exam {
                Some(exam) => match self.load_saved(&exam) {
                    Ok(Some(saved)) => found.saved.push(saved),
                    Ok(None) => {}
                    Err(e) => found.unreadable.push(e),
                },
                None => found.unreadable.push(StoreError::Corrupt {
                    path,
                    reason: "not the journal of any exam (a journal is named exam-<id>.jsonl)".into(),
                }),
            }
        }
        // An older journal still there could not be moved: report it if it cannot be read (one
        // an older pyexam has open is its own).
        let legacy = Slot::new(
            &self.home,
            "journal",
            Some(self.home.join(LEGACY[1])),
            "the saved exam".into(),
        );
        if legacy.holder().is_none()
            && let Err(e) = legacy.load::<Session>()
        {
            found.unreadable.push(e);
        }
        found.saved.sort_by(|a, b| a.0.exam.cmp(&b.0.exam));
        found
    }

    /// The journal files in the home and the exam each belongs to, when its name tells (a hashed
    /// name is read to tell).
    fn journal_files(&self) -> Vec<(Option<String>, PathBuf)> {
        let Ok(entries) = fs::read_dir(&self.home) else {
            return Vec::new();
        };
        let mut files: Vec<(Option<String>, PathBuf)> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|name| {
                let named = named_exam(&name)?;
                let path = self.home.join(&name);
                let exam = match named {
                    Some(exam) => Some(exam.to_string()),
                    None => read_exam(&path),
                };
                Some((exam, path))
            })
            .collect();
        files.sort();
        // `exam-pcep.json` (a version 1 journal) and `exam-pcep.jsonl` are one exam's.
        files.dedup_by(|a, b| a.0.is_some() && a.0 == b.0);
        files
    }

    /// Move the one saved exam of a home from before per-exam journals to its exam's journal
    /// name. Left alone while an older pyexam has it open, and when it cannot be read (the
    /// caller reports it); set aside (the menu can restore it) when that exam already has one.
    fn migrate(&self) {
        for name in LEGACY {
            let from = self.home.join(name);
            if fs::symlink_metadata(&from).is_err() {
                continue;
            }
            // Only a journal that can be read is moved (and only then is its lock taken, which
            // creates the lock file): an unreadable one stays for the caller to report.
            let Some(exam) = read_exam(&from) else {
                continue;
            };
            let old_lock = self.home.join("journal.lock");
            if lock::holder(&old_lock).is_some() {
                return;
            }
            let Ok(lock::Claim::Held(_lock)) = lock::claim(&old_lock) else {
                return;
            };
            let slot = self.slot(&exam);
            let taken = [&slot.path, slot.legacy.as_ref().unwrap_or(&slot.path)]
                .iter()
                .any(|p| fs::symlink_metadata(p).is_ok());
            let moved = if taken {
                self.set_file_aside(&from).map(|_| ())
            } else {
                let to = match name.ends_with(".jsonl") {
                    true => slot.path.clone(),
                    false => slot.legacy.clone().unwrap_or_else(|| slot.path.clone()),
                };
                fs::rename(&from, &to)
                    .map_err(io(&from))
                    .and_then(|()| sync_dir(&self.home))
            };
            if moved.is_ok() {
                let _ = fs::remove_file(self.home.join("journal.lock"));
            }
        }
    }

    /// The exam was submitted: its journal is no longer needed.
    pub fn clear_journal(&self, exam: &str) -> Result<(), StoreError> {
        self.slot(exam).clear()
    }

    /// The readable set-aside exams, newest first (unreadable ones stay where they are, unlisted).
    pub fn set_aside_journals(&self) -> Vec<SetAside> {
        let Ok(entries) = fs::read_dir(&self.home) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.starts_with("journal-") && n.contains(".set-aside.json"))
            .collect();
        names.sort();
        names.reverse();
        names
            .into_iter()
            .filter_map(|file| {
                let bytes = read_in_home(&self.home.join(&file), safety::MAX_JOURNAL).ok()?;
                let s = journal::replay::<Session>(&bytes).ok()?.session;
                let stamp = file.strip_prefix("journal-")?.get(..15)?;
                let when = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S")
                    .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_else(|_| stamp.to_string());
                Some(SetAside {
                    exam: s.exam.clone(),
                    code: s.code.clone(),
                    tally: s.tally(),
                    left_secs: s.limit_secs.saturating_sub(s.used_secs),
                    when,
                    file,
                })
            })
            .collect()
    }

    /// Make a set-aside exam its exam's saved one again (only while that exam has none saved).
    pub fn restore_journal(&self, file: &str) -> Result<Session, StoreError> {
        let from = self.home.join(file);
        let exam = read_exam(&from).ok_or_else(|| StoreError::Corrupt {
            path: from.clone(),
            reason: "it cannot be read".into(),
        })?;
        let slot = self.slot(&exam);
        if let Some((path, _)) = slot.read()? {
            return Err(StoreError::Corrupt {
                path,
                reason: format!("another {exam} exam is saved; resume or discard it first"),
            });
        }
        let to = match file.ends_with(".jsonl") {
            true => slot.path.clone(),
            false => slot.legacy.clone().unwrap_or_else(|| slot.path.clone()),
        };
        fs::rename(&from, &to).map_err(io(&from))?;
        sync_dir(&self.home)?;
        match self.load_journal(&exam) {
            Ok(Some(session)) => Ok(session),
            Ok(None) => Err(StoreError::Corrupt {
                path: to,
                reason: "the restored journal vanished".into(),
            }),
            Err(e) => {
                // Put it back where it was: an exam that cannot resume is not offered as saved.
                let _ = fs::rename(&to, &from);
                Err(e)
            }
        }
    }

    /// Move `exam`'s unwanted journal aside instead of deleting it.
    pub fn set_journal_aside(&self, exam: &str) -> Result<PathBuf, StoreError> {
        let slot = self.slot(exam);
        // Never from under the process that is running that exam.
        self.claim(&slot)?;
        slot.close_file();
        let from = match slot.read()? {
            Some((path, _)) => path,
            None => slot.path.clone(),
        };
        self.set_file_aside(&from)
    }

    /// Move a journal file aside (`journal-<time>.set-aside.json[l]`), e.g. one that cannot be
    /// read, so that nothing overwrites it. The caller holds its lock, or knows no pyexam has it.
    pub fn set_file_aside(&self, from: &Path) -> Result<PathBuf, StoreError> {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let ext = match from.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => "jsonl",
            _ => "json",
        };
        let mut to = self.home.join(format!("journal-{stamp}.set-aside.{ext}"));
        let mut n = 2;
        while fs::symlink_metadata(&to).is_ok() {
            to = self.home.join(format!("journal-{stamp}-{n}.set-aside.{ext}"));
            n += 1;
        }
        fs::rename(from, &to).map_err(io(from))?;
        sync_dir(&self.home)?;
        Ok(to)
    }

    /// Move an unreadable journal aside, unless another pyexam has it open (then `Busy`).
    pub fn set_unreadable_aside(&self, path: &Path) -> Result<PathBuf, StoreError> {
        let exam = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(named_exam)
            .flatten();
        if let Some(exam) = exam {
            let slot = self.slot(exam);
            self.claim(&slot)?;
            slot.close_file();
        }
        self.set_file_aside(path)
    }
}

/// What a file name in the home says of the exam journal it is: `None`, not one; `Some(None)`,
/// one under a hashed name (`stem`), whose exam only its contents tell; `Some(Some(id))`, the
/// journal of exam `id`.
fn named_exam(file_name: &str) -> Option<Option<&str>> {
    let stem = file_name
        .strip_suffix(".jsonl")
        .or_else(|| file_name.strip_suffix(".json"))?
        .strip_prefix("exam-")?;
    let hashed = stem.len() == 17 && stem.starts_with('x');
    Some((!hashed).then_some(stem))
}

/// The exam a journal file holds, if it can be read.
fn read_exam(path: &Path) -> Option<String> {
    let bytes = read_in_home(path, safety::MAX_JOURNAL).ok()?;
    Some(journal::replay::<Session>(&bytes).ok()?.session.exam)
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn plain_ids_name_their_journal_and_others_are_hashed() {
        assert_eq!(stem("pcep"), "exam-pcep");
        assert_eq!(stem("py-101_b"), "exam-py-101_b");
        let odd = stem("../Py 101");
        assert!(
            odd.starts_with("exam-x") && odd.len() == "exam-x".len() + 16,
            "{odd}"
        );
        assert_eq!(odd, stem("../Py 101"), "stable");
        assert_ne!(odd, stem("../Py 102"));
        // A file name tells the plain id back; a hashed one leaves it to the contents.
        assert_eq!(super::named_exam("exam-pcep.jsonl"), Some(Some("pcep")));
        assert_eq!(super::named_exam(&format!("{odd}.jsonl")), Some(None));
        assert_eq!(super::named_exam("journal-20261206-101010.set-aside.jsonl"), None);
    }
}
