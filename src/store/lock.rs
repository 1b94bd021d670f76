//! One writer per journal: an OS file lock (`flock`) on `<home>/journal.lock`. The kernel drops
//! it when the process ends, however it ends, so a `kill -9` never leaves a stale lock behind
//! (a pid file would). The file's text names the holder (pid and terminal) for the message a
//! second pyexam shows; only the lock itself decides who holds it.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::io::AsRawFd;
use std::path::Path;

/// A held lock; dropping it (or the process ending) releases it.
#[derive(Debug)]
pub struct JournalLock {
    _file: File,
}

/// Who holds the lock, as the holder wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: String,
    pub terminal: String,
    pub host: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pid {}, {} on {}", self.pid, self.terminal, self.host)
    }
}

/// Who holds the lock at `path`, if another open file does; takes nothing (a lock taken to
/// look is released at once).
pub fn holder(path: &Path) -> Option<Holder> {
    let mut file = super::safety::open_in_home(path, OpenOptions::new().read(true)).ok()?;
    // SAFETY: a valid open descriptor for the duration of the call.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) };
    if rc == 0 {
        return None;
    }
    let mut text = String::new();
    let _ = file.read_to_string(&mut text);
    Some(parse_holder(&text))
}

pub enum Claim {
    Held(JournalLock),
    Busy(Holder),
}

/// Try to take the lock without waiting.
pub fn claim(path: &Path) -> std::io::Result<Claim> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    // Never through a link (another user's file would be truncated below), never a FIFO.
    let mut file = super::safety::open_in_home(
        path,
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600),
    )?;
    // SAFETY: a valid open descriptor for the duration of the call.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc != 0 {
        let err = std::io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            return Ok(Claim::Busy(parse_holder(&text)));
        }
        return Err(err);
    }
    file.set_len(0)?;
    file.rewind()?;
    writeln!(file, "pid {}", std::process::id())?;
    writeln!(file, "terminal {}", terminal_name())?;
    writeln!(file, "host {}", host_name())?;
    Ok(Claim::Held(JournalLock { _file: file }))
}

fn parse_holder(text: &str) -> Holder {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| super::safety::printable(v.trim())))
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "unknown".into())
    };
    Holder {
        pid: field("pid "),
        terminal: field("terminal "),
        host: field("host "),
    }
}

/// This machine's name, for the message only (a home shared over NFS can be locked from
/// another one).
fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its whole length; gethostname NUL-terminates within it
    // or truncates, and we stop at the first NUL.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    match std::str::from_utf8(&buf[..end]) {
        Ok(name) if rc == 0 && !name.is_empty() => crate::store::safety::printable(name),
        _ => "this machine".into(),
    }
}

/// The controlling terminal's device name (e.g. `/dev/pts/3`), for the message only.
fn terminal_name() -> String {
    for fd in [0, 1, 2] {
        if let Ok(target) = fs::read_link(format!("/proc/self/fd/{fd}")) {
            let name = target.to_string_lossy().into_owned();
            if name.starts_with("/dev/") {
                return name;
            }
        }
    }
    "no terminal".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_is_refused_and_names_the_holder_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.lock");
        let Claim::Held(first) = claim(&path).unwrap() else {
            panic!("the first claim must succeed");
        };
        // flock locks belong to the open file description: a second open in the same
        // process conflicts just as another process would.
        match claim(&path).unwrap() {
            Claim::Busy(holder) => assert_eq!(holder.pid, std::process::id().to_string()),
            Claim::Held(_) => panic!("two holders at once"),
        }
        drop(first);
        assert!(matches!(claim(&path).unwrap(), Claim::Held(_)));
    }

    #[test]
    fn an_unreadable_holder_text_still_gives_a_message() {
        assert_eq!(
            parse_holder("garbage"),
            Holder {
                pid: "unknown".into(),
                terminal: "unknown".into(),
                host: "unknown".into(),
            }
        );
    }
}
