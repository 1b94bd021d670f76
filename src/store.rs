//! The home folder: finished attempts (one JSON file each) and the journal of the exam in
//! progress. The only filesystem writes in pyexam; every write is atomic (temp file, fsync,
//! rename, fsync the folder). A file that cannot be read is reported by name and left alone.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::session::{Attempt, Session};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a readable pyexam file ({reason}); left as it is")]
    Corrupt { path: PathBuf, reason: String },
    #[error(
        "{path}: written by {} pyexam (schema version {found}, this one reads {supported}); left as it is",
        if found > supported { "a newer" } else { "an older" }
    )]
    Version {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("no home folder: set PYEXAM_HOME or pass --home DIR")]
    NoHome,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The journal: the whole session as it stood after the last action.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    version: u32,
    session: Session,
}

const JOURNAL_VERSION: u32 = 1;

/// An attempt from history with the file it came from.
#[derive(Debug, Clone)]
pub struct Stored {
    pub name: String,
    pub attempt: Attempt,
}

#[derive(Debug, Clone)]
pub struct Store {
    home: PathBuf,
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
        Ok(Store { home })
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    fn attempts_dir(&self) -> PathBuf {
        self.home.join("attempts")
    }

    pub fn journal_path(&self) -> PathBuf {
        self.home.join("journal.json")
    }

    /// Save a finished attempt under a new name; never overwrites another attempt.
    pub fn save_attempt(&self, attempt: &Attempt) -> Result<PathBuf, StoreError> {
        let dir = self.attempts_dir();
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        let stem = format!(
            "{}-{}-{}",
            attempt.finished_at.format("%Y%m%d-%H%M%S"),
            attempt.exam,
            match attempt.mode {
                crate::session::Mode::Mock => "mock",
                crate::session::Mode::Drill => "drill",
            }
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

    /// Every readable attempt, oldest first, and a problem for each file that is not.
    pub fn load_attempts(&self) -> (Vec<Stored>, Vec<StoreError>) {
        let dir = self.attempts_dir();
        let mut problems = Vec::new();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), problems),
            Err(e) => return (Vec::new(), vec![io(&dir)(e)]),
        };
        let mut stored = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            match read_attempt(&path) {
                Ok(attempt) => stored.push(Stored {
                    name: path
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned(),
                    attempt,
                }),
                Err(e) => problems.push(e),
            }
        }
        stored.sort_by(|a, b| (a.attempt.finished_at, &a.name).cmp(&(b.attempt.finished_at, &b.name)));
        (stored, problems)
    }

    /// Journal the exam in progress (atomically: a kill leaves the old or the new journal).
    pub fn save_journal(&self, session: &Session) -> Result<(), StoreError> {
        fs::create_dir_all(&self.home).map_err(io(&self.home))?;
        let journal = Journal {
            version: JOURNAL_VERSION,
            session: session.clone(),
        };
        let json = serde_json::to_vec(&journal).expect("sessions serialize");
        write_atomic(&self.journal_path(), &json)
    }

    /// The saved exam, if any.
    pub fn load_journal(&self) -> Result<Option<Session>, StoreError> {
        let path = self.journal_path();
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(&path)(e)),
        };
        let version = peek_version(&path, &bytes)?;
        if version != JOURNAL_VERSION {
            return Err(StoreError::Version {
                path,
                found: version,
                supported: JOURNAL_VERSION,
            });
        }
        let journal: Journal = serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        if !journal.session.is_consistent() {
            return Err(StoreError::Corrupt {
                path,
                reason: "items, answers, flags, position and clock do not agree".into(),
            });
        }
        Ok(Some(journal.session))
    }

    /// The exam was submitted: its journal is no longer needed.
    pub fn clear_journal(&self) -> Result<(), StoreError> {
        let path = self.journal_path();
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(&path)(e)),
            _ => Ok(()),
        }
    }

    /// Move an unwanted or unreadable journal aside instead of deleting it.
    pub fn set_journal_aside(&self) -> Result<PathBuf, StoreError> {
        let from = self.journal_path();
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let to = self.home.join(format!("journal-{stamp}.set-aside.json"));
        fs::rename(&from, &to).map_err(io(&from))?;
        Ok(to)
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
    let bytes = fs::read(path).map_err(io(path))?;
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

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(io(path))?;
    file.write_all(bytes).map_err(io(path))?;
    file.commit().map_err(io(path))
}
