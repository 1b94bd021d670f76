//! One journal file with its lock: each exam in progress (`exam-<id>.jsonl`, `exam-<id>.lock`)
//! and the drill or study session in progress (`drill.jsonl`, `drill.lock`) have one. The
//! first save writes a snapshot atomically; later saves append what changed (see `journal`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::journal::{self, Journaled};
use super::safety::{self, open_in_home, read_in_home};
use super::{StoreError, io, lock, write_atomic};

/// A failed compaction is tried again after this many more records.
const COMPACT_RETRY: usize = 100;

pub struct Slot {
    pub path: PathBuf,
    pub lock_path: PathBuf,
    /// Read too, and removed once `path` is written (the exam's version 1 journal).
    pub legacy: Option<PathBuf>,
    /// What it holds, for messages ("the saved pcep exam").
    pub what: String,
    open: Mutex<Option<OpenJournal>>,
}

struct OpenJournal {
    _lock: lock::JournalLock,
    file: Option<fs::File>,
    written: Option<journal::Written>,
    /// Records written since the last fdatasync.
    unsynced: bool,
    /// After a compaction failed (a nearly full disk): the record count to try again at.
    compact_again_at: usize,
}

impl Slot {
    pub fn new(home: &Path, name: &str, legacy: Option<PathBuf>, what: String) -> Slot {
        Slot {
            path: home.join(format!("{name}.jsonl")),
            lock_path: home.join(format!("{name}.lock")),
            legacy,
            what,
            open: Mutex::new(None),
        }
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, Option<OpenJournal>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Take the lock (idempotent). `Ok(true)` when this call took it.
    pub fn claim(&self) -> Result<bool, StoreError> {
        let mut open = self.guard();
        if open.is_some() {
            return Ok(false);
        }
        match lock::claim(&self.lock_path).map_err(io(&self.lock_path))? {
            lock::Claim::Held(lock) => {
                *open = Some(OpenJournal {
                    _lock: lock,
                    file: None,
                    written: None,
                    unsynced: false,
                    compact_again_at: 0,
                });
                Ok(true)
            }
            lock::Claim::Busy(holder) => Err(StoreError::Busy {
                what: self.what.clone(),
                holder,
            }),
        }
    }

    /// Who holds the lock, if another process does (takes nothing).
    pub fn holder(&self) -> Option<lock::Holder> {
        if self.guard().is_some() {
            return None;
        }
        lock::holder(&self.lock_path)
    }

    pub fn release(&self) {
        *self.guard() = None;
    }

    /// Forget the open file (the next save writes a snapshot).
    pub fn close_file(&self) {
        if let Some(open) = self.guard().as_mut() {
            open.file = None;
            open.written = None;
        }
    }

    pub fn sync(&self) -> Result<(), StoreError> {
        let mut guard = self.guard();
        if let Some(open) = guard.as_mut()
            && open.unsynced
            && let Some(file) = open.file.as_ref()
        {
            file.sync_data().map_err(io(&self.path))?;
            open.unsynced = false;
        }
        Ok(())
    }

    /// Append what changed since the last save (one `write`); the first save of a run, and
    /// every `COMPACT_AFTER` records, writes a snapshot instead. The lock must be held.
    pub fn append<T: Journaled>(&self, state: &T) -> Result<(), StoreError> {
        let mut guard = self.guard();
        let open = guard.as_mut().expect("claim first");
        let records = open.written.as_ref().map_or(0, |w| w.records);
        if open.file.is_some() && records >= journal::COMPACT_AFTER && records >= open.compact_again_at {
            // Compaction rewrites the whole state; on a nearly full disk it can fail while a
            // record still fits: then keep appending, and try compacting again later.
            let (file, written) = (open.file.take(), open.written.take());
            match self.write_snapshot(open, state) {
                Ok(()) => return Ok(()),
                Err(_) => {
                    (open.file, open.written) = (file, written);
                    open.compact_again_at = records + COMPACT_RETRY;
                }
            }
        }
        if let (Some(file), Some(written)) = (open.file.as_mut(), open.written.as_mut()) {
            match journal::record(written, state) {
                Some(None) => return Ok(()),
                Some(Some(line)) => {
                    // One write per record: a kill leaves the line whole or torn, never mixed.
                    let appended = file.write_all(&line);
                    if appended.is_ok() {
                        open.unsynced = true;
                        return Ok(());
                    }
                    // A failed append may have left part of a line: start a fresh file below.
                    open.file = None;
                    open.written = None;
                    appended.map_err(io(&self.path))?;
                }
                None => {}
            }
        }
        self.write_snapshot(open, state)
    }

    fn write_snapshot<T: Journaled>(&self, open: &mut OpenJournal, state: &T) -> Result<(), StoreError> {
        let (line, written) = journal::snapshot(state);
        write_atomic(&self.path, &line)?;
        let file = open_in_home(&self.path, fs::OpenOptions::new().append(true)).map_err(io(&self.path))?;
        open.file = Some(file);
        open.written = Some(written);
        open.unsynced = false;
        open.compact_again_at = 0;
        // The old-format journal this one replaces must not be offered again.
        if let Some(legacy) = &self.legacy
            && fs::symlink_metadata(legacy).is_ok()
        {
            fs::remove_file(legacy).map_err(io(legacy))?;
        }
        Ok(())
    }

    /// The file holding the journal, if any, and its bytes.
    pub fn read(&self) -> Result<Option<(PathBuf, Vec<u8>)>, StoreError> {
        for path in std::iter::once(&self.path).chain(&self.legacy) {
            match read_in_home(path, safety::MAX_JOURNAL) {
                Ok(b) => return Ok(Some((path.clone(), b))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io(path)(e)),
            }
        }
        Ok(None)
    }

    /// The journaled state and how many damaged changes at its end were left out.
    pub fn load<T: Journaled>(&self) -> Result<Option<(T, usize)>, StoreError> {
        let Some((path, bytes)) = self.read()? else {
            return Ok(None);
        };
        let replayed = journal::replay::<T>(&bytes).map_err(|e| match e {
            journal::ReplayError::Version(found) => StoreError::Version {
                path: path.clone(),
                found,
                supported: journal::VERSION,
            },
            journal::ReplayError::Corrupt(reason) => StoreError::Corrupt {
                path: path.clone(),
                reason,
            },
        })?;
        if !replayed.session.is_resumable() {
            return Err(StoreError::Corrupt {
                path,
                reason: "its parts (items, answers, position) do not agree".into(),
            });
        }
        Ok(Some((replayed.session, replayed.dropped)))
    }

    /// Remove the journal (the run it holds is saved in history).
    pub fn clear(&self) -> Result<(), StoreError> {
        self.close_file();
        for path in std::iter::once(&self.path).chain(&self.legacy) {
            match fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(path)(e)),
                _ => {}
            }
        }
        Ok(())
    }
}
