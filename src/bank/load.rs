//! Reading bank files: from the binary (embedded at build time) or from a folder.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Problem;

type Embedded = (
    &'static str,
    usize,
    Option<(std::ops::Range<usize>, &'static [(usize, usize)])>,
);

include!(concat!(env!("OUT_DIR"), "/embedded_banks.rs"));

/// Larger files are rejected before parsing: YAML aliases and nesting can blow up.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankSource {
    Embedded,
    /// A folder of its own (its own exams.yaml), alone.
    Dir(PathBuf),
    /// A folder's exams beside the built-in ones; on an id clash the folder's exam wins.
    Added(PathBuf),
}

/// One file as read: its display path, its path relative to the bank root, and its text (or why
/// it could not be read).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub relative: String,
    /// Borrowed from the binary for the embedded banks (never copied, and read only to locate
    /// a problem), owned when read from a folder.
    pub text: Result<Cow<'static, str>, String>,
    /// What `build.rs` made of it (embedded banks only).
    pub json: Option<Built>,
}

/// An embedded file as `build.rs` converted it: start-up parses this and never reads the YAML.
#[derive(Debug, Clone, Copy)]
pub struct Built {
    /// Where its JSON is in the blob of every file's JSON.
    range: (usize, usize),
    /// Line and column of each question's `id:` in the YAML (`positions::id_positions`).
    pub positions: &'static [(usize, usize)],
}

impl Built {
    /// The same content as JSON. Sliced only when parsed: a slice reads the bytes at its ends
    /// (a char boundary check), and the kernel maps the 64 KiB around each byte read.
    pub fn json(&self) -> &'static str {
        &JSON[self.range.0..self.range.1]
    }
}

impl SourceFile {
    pub fn new(path: impl Into<String>, relative: impl Into<String>, text: &str) -> Self {
        SourceFile {
            path: path.into(),
            relative: relative.into(),
            text: checked(text.as_bytes()).map(Cow::Owned),
            json: None,
        }
    }
}

fn checked(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} KiB; bank files may be at most {} KiB",
            bytes.len() / 1024,
            MAX_FILE_BYTES / 1024
        ));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "file is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Every bank file of the source, sorted by path. `Err` when the folder itself is unusable.
pub fn read_source(source: &BankSource) -> Result<Vec<SourceFile>, Problem> {
    match source {
        BankSource::Embedded => Ok(EMBEDDED
            .iter()
            .map(|(path, yaml, built)| {
                let relative = path.trim_start_matches("question-banks/");
                let text = YAML[*yaml];
                let text = if text.len() > MAX_FILE_BYTES {
                    checked(text.as_bytes()).map(Cow::Owned)
                } else {
                    Ok(Cow::Borrowed(text))
                };
                SourceFile {
                    path: (*path).to_string(),
                    relative: relative.to_string(),
                    text,
                    json: built.as_ref().map(|(json, positions)| Built {
                        range: (json.start, json.end),
                        positions,
                    }),
                }
            })
            .collect()),
        // The built-in half of `Added` is merged after parsing (`bank::load`).
        BankSource::Dir(dir) | BankSource::Added(dir) => read_dir(dir),
    }
}

fn read_dir(root: &Path) -> Result<Vec<SourceFile>, Problem> {
    let shown = root.display().to_string();
    if !root.is_dir() {
        return Err(Problem::file(
            &shown,
            "bank folder not found (expected a folder holding exams.yaml and <exam>/<topic>.yaml)",
        ));
    }
    if !root.join("exams.yaml").exists() {
        return Err(Problem::file(
            root.join("exams.yaml").display().to_string(),
            "missing: a bank folder must hold exams.yaml",
        ));
    }
    let mut files = Vec::new();
    walk(root, root, 0, &mut files);
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(files)
}

fn walk(root: &Path, dir: &Path, depth: usize, files: &mut Vec<SourceFile>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let relative = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let shown = path.display().to_string();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if path.is_dir() {
            if is_yaml {
                files.push(SourceFile {
                    path: shown,
                    relative,
                    text: Err("is a directory, expected a bank file".into()),
                    json: None,
                });
            } else if depth == 0 {
                walk(root, &path, depth + 1, files);
            }
        } else if is_yaml {
            let text = fs::read(&path)
                .map_err(|e| format!("cannot read: {e}"))
                .and_then(|bytes| checked(&bytes))
                .map(Cow::Owned);
            files.push(SourceFile {
                path: shown,
                relative,
                text,
                json: None,
            });
        }
    }
}
