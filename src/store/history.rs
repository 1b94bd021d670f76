//! Reading history: every attempt's `Summary`, from the index where it can, one at a time.
//! Memory stays flat however long history is: the index is first scanned for where each
//! entry is (names and stamps only), then each summary is read when its turn comes.

use std::fs;

use super::index::{self, Index, Stamp};
use super::{Store, StoreError, Stored, io, read_attempt};
use crate::session::Summary;

impl Store {
    /// Every readable attempt, oldest first, and a problem for each file that is not. Reads
    /// the index, and only the files it does not know; keeps the index current.
    pub fn load_history(&self) -> (Vec<Stored>, Vec<StoreError>) {
        let mut stored = Vec::new();
        let problems = self.each_attempt(|s| stored.push(s));
        (stored, problems)
    }

    /// `load_history` one attempt at a time: `visit` gets each readable attempt, oldest first,
    /// and none is kept (`history --json` streams 10,000 attempts in a few MB).
    pub fn each_attempt(&self, mut visit: impl FnMut(Stored)) -> Vec<StoreError> {
        let dir = self.attempts_dir();
        let mut problems = Vec::new();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return problems,
            Err(e) => return vec![io(&dir)(e)],
        };
        // Each file with the stamp (size, modification time) its index entry must match.
        let mut names: Vec<(String, Option<Stamp>)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let stem = name.strip_suffix(".json").filter(|_| !name.starts_with('.'))?;
                Some((stem.to_string(), e.metadata().ok().map(|m| Stamp::of(&m))))
            })
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let index_path = self.index_path();
        let mut known = Index::open(&index_path);
        // Rewrite the index when it lacks a file, has a stale stamp or names a file that is
        // gone. Known before any summary is read, so the new one is written as they are.
        let stale = known.entries.len() != names.len()
            || names
                .iter()
                .any(|(name, stamp)| known.entries.get(name).map(|(_, was)| Some(*was)) != Some(*stamp));
        // A cache: if it cannot be written, the next start reads the files again.
        let mut rewrite = stale.then(|| index::Writer::create(&index_path).ok()).flatten();
        for (i, (name, stamp)) in names.into_iter().enumerate() {
            let summary = match known.summary(&name, stamp) {
                Some(summary) => summary,
                None => match read_attempt(&dir.join(format!("{name}.json"))) {
                    Ok(attempt) => {
                        let summary = Summary::of(&attempt);
                        if !stale && let Some(stamp) = stamp {
                            // An edited or damaged entry: a later line for the name wins.
                            index::append(&index_path, &name, stamp, &summary);
                        }
                        summary
                    }
                    Err(e) => {
                        problems.push(e);
                        continue;
                    }
                },
            };
            if let Some(w) = &mut rewrite {
                let stamp = stamp.unwrap_or(Stamp { size: 0, mtime_ns: 0 });
                if w.push(&name, stamp, &summary).is_err() {
                    rewrite = None;
                }
            }
            visit(Stored {
                name,
                number: i + 1,
                summary,
            });
        }
        if let Some(w) = rewrite {
            let _ = w.finish(&index_path);
        }
        problems
    }
}
