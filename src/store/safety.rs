//! Nobody else in: the home must be the user's own and closed to others, and every file in it
//! is opened without following a symlink and read only when it is a regular file of a sane
//! size. Otherwise another user could make pyexam (perhaps run as root) write through a link
//! into a file of theirs, or hang it on a FIFO, or feed it `/dev/zero`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

use super::StoreError;

/// The largest journal pyexam reads: compaction keeps one under a megabyte.
pub const MAX_JOURNAL: u64 = 64 << 20;
/// The largest attempt file pyexam reads (a 45-item mock is about 60 KB).
pub const MAX_ATTEMPT: u64 = 16 << 20;

/// A folder of the home, if it exists: a real folder (not a link), owned by the user running
/// pyexam, that no group or other user can write.
pub fn check_dir(dir: &Path) -> Result<(), StoreError> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        // Not there yet (or under a plain file): creating it later fails with its own message.
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
            return Ok(());
        }
        Err(e) => {
            return Err(StoreError::Io {
                path: dir.into(),
                source: e,
            });
        }
    };
    let unsafe_dir = |why: String, fix: String| StoreError::Unsafe {
        path: dir.into(),
        why,
        fix,
    };
    // The home itself may be reached through a link the user made (e.g. to another disk);
    // what counts is the folder it leads to.
    let meta = if meta.file_type().is_symlink() {
        fs::metadata(dir).map_err(|e| StoreError::Io {
            path: dir.into(),
            source: e,
        })?
    } else {
        meta
    };
    if !meta.is_dir() {
        return Err(unsafe_dir(
            "is not a folder".into(),
            "set PYEXAM_HOME or --home to a folder of your own".into(),
        ));
    }
    // SAFETY: geteuid cannot fail and has no preconditions.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Err(unsafe_dir(
            format!("is owned by uid {}, not by you (uid {me})", meta.uid()),
            "set PYEXAM_HOME or --home to a folder of your own".into(),
        ));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o022 != 0 {
        return Err(unsafe_dir(
            format!("can be written by others (mode {mode:o})"),
            format!("fix it with: chmod go-w {}", dir.display()),
        ));
    }
    Ok(())
}

/// Open `path` with `options`, never through a symlink, and only if it is a regular file.
/// (`O_NONBLOCK` keeps a FIFO in its place from blocking the open; it changes nothing for a
/// regular file.)
pub fn open_in_home(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    let file = options
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                io::Error::other("is a symbolic link; pyexam does not follow links in its home")
            } else {
                e
            }
        })?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("is not a regular file"));
    }
    Ok(file)
}

/// The whole of a regular file in the home, refusing one over `limit` bytes.
pub fn read_in_home(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_in_home(path, OpenOptions::new().read(true))?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "is larger than {} MiB, more than pyexam ever writes",
            limit >> 20
        )));
    }
    Ok(bytes)
}

/// `text` without control characters (the lock's text is written by another process and
/// shown in messages).
pub fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}
