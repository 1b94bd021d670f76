//! Running one item: `main.py` under python3 in a scratch folder, with a scratch HOME and
//! temporary folder, a time limit, and the fence around it (`fence.rs`).

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::fence::{Fence, fence_item};
use crate::bank::{ItemFile, MAIN_FILE};

pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// The limit of an item that builds a project (`requires: [build]`): a wheel, an sdist or a
/// virtual environment takes seconds even offline.
pub const BUILD_TIME_LIMIT: Duration = Duration::from_secs(40);

/// How long the output is still read once the item has ended and its leftovers are killed:
/// only a descendant the fence could not kill keeps a pipe open that long.
const DRAIN_GRACE: Duration = Duration::from_millis(500);

/// Variables that would lead an item back into the user's own folders.
const PRIVATE_VARS: [&str; 6] = [
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
    "XDG_RUNTIME_DIR",
    "PYEXAM_HOME",
];

/// What an item's python gets besides its code and input.
pub struct With {
    /// Its X display (else `DISPLAY` is removed).
    pub display: Option<String>,
    /// Variables added to its environment.
    pub env: Vec<(String, String)>,
    /// How long it may run.
    pub limit: Duration,
}

pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Run `code` as main.py with `python` in a scratch folder holding the item's `files` (and
/// `item.json` in the folder above it if given), `stdin` as its input and `with` for its
/// display, extra environment and time limit. The folder is the working directory and, as for
/// `python3 main.py`, `sys.path[0]`.
pub fn run(
    fence: &Fence,
    python: &str,
    code: &str,
    files: &[ItemFile],
    item_json: Option<&str>,
    stdin: Option<&str>,
    with: &With,
) -> Result<Run, String> {
    let With { display, env, limit } = with;
    let (display, limit) = (display.as_deref(), *limit);
    let scratch = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let [work, home, tmp] = ["work", "home", "tmp"].map(|d| scratch.path().join(d));
    for dir in [&work, &home, &tmp] {
        std::fs::create_dir(dir).map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    }
    materialize(&work, files)?;
    write(&work, MAIN_FILE, code)?;
    if let Some(json) = item_json {
        write(scratch.path(), "item.json", json)?;
    }
    let mut command = Command::new(python);
    command
        .args(["-E", "-s", MAIN_FILE])
        .current_dir(&work)
        .env("HOME", &home)
        .env("TMPDIR", &tmp)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONHASHSEED", "0");
    for var in PRIVATE_VARS {
        command.env_remove(var);
    }
    match display {
        Some(name) => command.env("DISPLAY", name),
        None => command.env_remove("DISPLAY"),
    };
    command.envs(env.iter().map(|(k, v)| (k, v)));
    fence_item(&mut command);
    let mut child = fence
        .spawn(
            command
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        )
        .map_err(|e| format!("cannot run {python}: {e}"))?;
    let input = stdin.unwrap_or("").to_string();
    let mut pipe = child.stdin.take().expect("piped stdin");
    // Not joined: a write blocked on a full pipe ends when the item's processes are killed.
    std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    let out = Drain::start(child.stdout.take().expect("piped stdout"));
    let err = Drain::start(child.stderr.take().expect("piped stderr"));
    let status = fence
        .wait(child, Some(limit))
        .map_err(|e| format!("cannot wait for {python}: {e}"))?;
    let Some(status) = status else {
        return Err(format!("timed out after {} s", limit.as_secs()));
    };
    let until = Instant::now() + DRAIN_GRACE;
    Ok(Run {
        status: status.code(),
        stdout: out.take(until),
        stderr: err.take(until),
    })
}

/// A pipe read on a thread of its own into a buffer that can be taken before the end of file.
struct Drain {
    read: Arc<Mutex<Vec<u8>>>,
    ended: Receiver<()>,
}

impl Drain {
    fn start(mut pipe: impl Read + Send + 'static) -> Drain {
        let read = Arc::new(Mutex::new(Vec::new()));
        let (tell, ended) = channel();
        let into = Arc::clone(&read);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            loop {
                match pipe.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => into.lock().unwrap().extend_from_slice(&chunk[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            let _ = tell.send(());
        });
        Drain { read, ended }
    }

    /// What was read by the end of file, or by `until` if that comes first.
    fn take(self, until: Instant) -> String {
        let _ = self
            .ended
            .recv_timeout(until.saturating_duration_since(Instant::now()));
        String::from_utf8_lossy(&self.read.lock().unwrap()).into_owned()
    }
}

/// Write each of an item's files (names checked by the bank's rules: relative, no `..`) into
/// `dir`, making their folders.
pub fn materialize(dir: &Path, files: &[ItemFile]) -> Result<(), String> {
    for f in files {
        // The bank's rules refuse such names already; never write outside `dir` regardless.
        let relative = Path::new(&f.name);
        if !relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return Err(format!("file name {:?} is not a plain relative path", f.name));
        }
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot make the folder of {}: {e}", f.name))?;
        }
        write(dir, &f.name, &f.code)?;
    }
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
}
