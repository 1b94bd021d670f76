//! The home folder: finished attempts (one JSON file each) and the journals of the exams in
//! progress (one per exam, see `saved`) and of the drill in progress. The only filesystem writes in pyexam. Attempts and journal snapshots are written
//! atomically (temp file, fsync, rename, fsync the folder); journal records are appended and
//! fdatasync'd (see `journal`). Everything in the home is private to its owner (0600 files,
//! 0700 folders). A file that cannot be read is reported by name and left alone.

mod dates;
mod history;
mod index;
mod journal;
mod lock;
mod safety;
mod saved;
mod slot;

use slot::Slot;

use safety::read_in_home;

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

pub use lock::Holder;
pub use saved::SavedExams;

use serde::Deserialize;
use thiserror::Error;

use crate::session::{Attempt, SavedDrill, Summary};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a readable pyexam file ({reason})")]
    Corrupt { path: PathBuf, reason: String },
    #[error(
        "{path}: written by {} pyexam (schema version {found}, this one reads {supported})",
        if found > supported { "a newer" } else { "an older" }
    )]
    Version {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("no home folder: set PYEXAM_HOME or pass --home DIR")]
    NoHome,
    #[error("{what} is open in another pyexam ({holder}); finish or quit it there first")]
    Busy { what: String, holder: Holder },
    #[error("{path}: {source}; pyexam cannot save here (set PYEXAM_HOME or --home to a writable folder)")]
    Unwritable { path: PathBuf, source: std::io::Error },
    /// The home (or its attempts folder) could be changed by someone else: refused, as ssh
    /// refuses a key file others can write.
    #[error("{path}: {why}; pyexam keeps your exam history there and will not use it ({fix})")]
    Unsafe { path: PathBuf, why: String, fix: String },
}

impl StoreError {
    /// The file the problem is about, if it is about one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StoreError::Io { path, .. }
            | StoreError::Corrupt { path, .. }
            | StoreError::Version { path, .. }
            | StoreError::Unwritable { path, .. }
            | StoreError::Unsafe { path, .. } => Some(path),
            StoreError::NoHome | StoreError::Busy { .. } => None,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// An exam set aside in the home (`journal-<time>.set-aside.json[l]`), as the menu offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// The file name in the home.
    pub file: String,
    /// The exam's id and code.
    pub exam: String,
    pub code: String,
    /// Answered, partly answered, unanswered (`Session::tally`, as the exam itself counts).
    pub tally: crate::session::Tally,
    pub left_secs: u64,
    /// When it was set aside, as the file name says it (UTC), e.g. "2026-12-02 14:05".
    pub when: String,
}

/// An attempt from history: its file, its number and what history shows of it. The number is
/// its place among all attempt files in name (= finish time) order, unreadable ones included,
/// so `pyexam review 3` means the same file however many others cannot be read.
#[derive(Debug, Clone)]
pub struct Stored {
    pub name: String,
    pub number: usize,
    pub summary: Summary,
}

impl Stored {
    pub fn of(name: &str, number: usize, attempt: &Attempt) -> Stored {
        Stored {
            name: name.into(),
            number,
            summary: Summary::of(attempt),
        }
    }
}

pub struct Store {
    home: PathBuf,
    /// Each exam in progress, by exam id: its journal and lock (made on first use).
    exams: std::sync::Mutex<std::collections::BTreeMap<String, std::sync::Arc<Slot>>>,
    /// The drill or study session in progress: its journal and lock.
    drill: Slot,
}

/// A temporary file older than this was left by a process that died while writing it.
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// A clone shares the home, not the open journal: only one `Store` writes it.
impl Clone for Store {
    fn clone(&self) -> Store {
        Store::at(self.home.clone())
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("home", &self.home).finish()
    }
}

impl Store {
    /// `home`, else the platform data dir (`~/.local/share/pyexam` on Linux).
    pub fn open(home: Option<PathBuf>) -> Result<Store, StoreError> {
        let home = match home {
            Some(h) => h,
            None => {
                use etcetera::BaseStrategy;
                etcetera::choose_base_strategy()
                    .map_err(|_| StoreError::NoHome)?
                    .data_dir()
                    .join("pyexam")
            }
        };
        for dir in [home.clone(), home.join("attempts")] {
            safety::check_dir(&dir)?;
        }
        Ok(Store::at(home))
    }

    fn at(home: PathBuf) -> Store {
        Store {
            exams: Default::default(),
            drill: Slot::new(&home, "drill", None, "the drill in progress".into()),
            home,
        }
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    fn attempts_dir(&self) -> PathBuf {
        self.home.join("attempts")
    }

    /// The drill or study session in progress.
    pub fn drill_path(&self) -> PathBuf {
        self.drill.path.clone()
    }

    /// Refuse early, with one line, when nothing could be saved: before an exam or a drill.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        let dir = self.attempts_dir();
        let unwritable = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Unwritable { path, source }
        };
        create_private_dir(&dir).map_err(unwritable(&dir))?;
        tempfile::Builder::new()
            .prefix(".probe-")
            .tempfile_in(&dir)
            .map_err(unwritable(&dir))?;
        Ok(())
    }

    /// Become the one process that writes the drill journal (a drill or study session in
    /// progress): an OS lock, released when this process ends, however it ends. Idempotent;
    /// `Busy` names the process that holds it.
    pub fn claim_drill(&self) -> Result<(), StoreError> {
        self.claim(&self.drill)
    }

    fn claim(&self, slot: &Slot) -> Result<(), StoreError> {
        create_private_dir(&self.home).map_err(io(&self.home))?;
        if slot.claim()? {
            self.remove_orphans();
        }
        Ok(())
    }

    /// Temporary files (`.saving-*`, `.probe-*`) left by a process killed while writing: a
    /// write takes milliseconds, so any older than `ORPHAN_AGE` belongs to no live process.
    fn remove_orphans(&self) {
        for dir in [self.home.clone(), self.attempts_dir()] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if !(name.starts_with(".saving-") || name.starts_with(".probe-")) {
                    continue;
                }
                let old = entry
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .and_then(|m| m.modified().ok())
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age >= ORPHAN_AGE);
                if old {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }

    /// Save a finished attempt under a new name; never overwrites another attempt.
    pub fn save_attempt(&self, attempt: &Attempt) -> Result<PathBuf, StoreError> {
        let dir = self.attempts_dir();
        create_private_dir(&dir).map_err(io(&dir))?;
        let stem = format!(
            "{}-{}-{}",
            attempt.finished_at.format("%Y%m%d-%H%M%S"),
            attempt.exam,
            attempt.mode.name()
        );
        let json = serde_json::to_vec_pretty(attempt).expect("attempts serialize");
        // Write and fsync a temporary file, then link it to the first free name: linking fails
        // instead of replacing a file, so two saves at once can never overwrite each other.
        let mut tmp = tempfile::Builder::new()
            .prefix(".saving-")
            .tempfile_in(&dir)
            .map_err(io(&dir))?;
        tmp.write_all(&json).map_err(io(&dir))?;
        tmp.as_file().sync_all().map_err(io(&dir))?;
        let mut n = 1;
        loop {
            let name = if n == 1 {
                format!("{stem}.json")
            } else {
                format!("{stem}-{n}.json")
            };
            let path = dir.join(name);
            match tmp.persist_noclobber(&path) {
                Ok(_) => {
                    sync_dir(&dir)?;
                    let name = path.file_stem().unwrap_or_default().to_string_lossy();
                    if let Ok(meta) = fs::symlink_metadata(&path) {
                        let stamp = index::Stamp::of(&meta);
                        index::append(&self.index_path(), &name, stamp, &Summary::of(attempt));
                    }
                    return Ok(path);
                }
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                    tmp = e.file;
                    n += 1;
                }
                Err(e) => return Err(io(&path)(e.error)),
            }
        }
    }

    /// How many attempt files there are, readable or not: the number the newest one shows.
    pub fn attempt_count(&self) -> usize {
        self.attempt_files().len()
    }

    /// The file attempt number `number` is (1 = oldest), readable or not: what `history`
    /// numbers, so `review N` can name a file it cannot read.
    pub fn attempt_file(&self, number: usize) -> Option<String> {
        self.attempt_files().into_iter().nth(number.checked_sub(1)?)
    }

    /// Every attempt file name, oldest first.
    fn attempt_files(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.attempts_dir()).map_or(Vec::new(), |entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.') && n.ends_with(".json"))
                .collect()
        });
        names.sort();
        names
    }

    /// The full attempt (item snapshots, answers) behind a history entry, for review.
    pub fn load_attempt(&self, name: &str) -> Result<Attempt, StoreError> {
        read_attempt(&self.attempts_dir().join(format!("{name}.json")))
    }

    fn index_path(&self) -> PathBuf {
        self.home.join("index.jsonl")
    }

    /// Make the appended records durable (fdatasync): a power cut can lose no more. The event
    /// loop calls this after drawing, so the disk never delays what the user sees.
    pub fn sync_journal(&self) -> Result<(), StoreError> {
        for slot in self.exam_slots() {
            slot.sync()?;
        }
        self.drill.sync()
    }

    /// Journal the drill or study session in progress, as `append_journal` does an exam.
    pub fn append_drill(&self, drill: &SavedDrill) -> Result<(), StoreError> {
        self.claim_drill()?;
        self.drill.append(drill)
    }

    /// The drill or study session that was interrupted, if any, and its damaged changes.
    pub fn load_drill(&self) -> Result<Option<(SavedDrill, usize)>, StoreError> {
        self.drill.load()
    }

    /// The drill was saved in history: its journal is no longer needed.
    pub fn clear_drill(&self) -> Result<(), StoreError> {
        self.drill.clear()?;
        self.drill.release();
        Ok(())
    }
}

fn peek_version(path: &Path, bytes: &[u8]) -> Result<u32, StoreError> {
    #[derive(Deserialize)]
    struct Versioned {
        version: u32,
    }
    serde_json::from_slice::<Versioned>(bytes)
        .map(|v| v.version)
        .map_err(|e| StoreError::Corrupt {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
}

fn read_attempt(path: &Path) -> Result<Attempt, StoreError> {
    let bytes = read_in_home(path, safety::MAX_ATTEMPT).map_err(io(path))?;
    let version = peek_version(path, &bytes)?;
    if version != Attempt::VERSION {
        return Err(StoreError::Version {
            path: path.to_path_buf(),
            found: version,
            supported: Attempt::VERSION,
        });
    }
    let attempt: Attempt = serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    if attempt.answers.len() != attempt.items.len() {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            reason: "answers and items do not match".into(),
        });
    }
    Ok(attempt)
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    fs::File::open(dir).and_then(|d| d.sync_all()).map_err(io(dir))
}

/// Temp file (0600, as tempfile makes them) in the same folder, fsync, rename, fsync the folder.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".saving-")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    tmp.write_all(bytes).map_err(io(path))?;
    tmp.as_file().sync_all().map_err(io(path))?;
    tmp.persist(path).map_err(|e| io(path)(e.error))?;
    sync_dir(dir)
}

/// A folder only its owner can enter (the home holds someone's exam history).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}
