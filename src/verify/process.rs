//! Running python3: one item as `main.py` in a fresh temporary folder with a time limit, and
//! the private Xvfb that `requires: [display]` items draw on.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

pub const TIME_LIMIT: Duration = Duration::from_secs(10);

pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// A virtual X server, killed when dropped.
pub struct XServer {
    child: Child,
    pub name: String,
}

impl XServer {
    /// Start Xvfb; it picks a free display itself (`-displayfd`), so parallel runs never collide.
    pub fn start() -> Result<XServer, String> {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "1024x768x24",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("needs an X display: cannot start Xvfb ({e}); scripts/setup-python.sh installs it")
            })?;
        let mut line = String::new();
        let out = child.stdout.take().expect("piped stdout");
        std::io::BufReader::new(out)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        match line.trim().parse::<u32>() {
            Ok(n) => Ok(XServer {
                child,
                name: format!(":{n}"),
            }),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                Err("needs an X display: Xvfb did not report one".to_string())
            }
        }
    }
}

impl Drop for XServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Run `code` as main.py with `python` in a fresh temporary folder (with `item.json` beside it
/// if given), `stdin` as its input and `display` as its X display.
pub fn run(
    python: &str,
    code: &str,
    item_json: Option<&str>,
    stdin: Option<&str>,
    display: Option<&str>,
) -> Result<Run, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    write(dir.path(), "main.py", code)?;
    if let Some(json) = item_json {
        write(dir.path(), "item.json", json)?;
    }
    let mut command = Command::new(python);
    command
        .args(["-E", "-s", "main.py"])
        .current_dir(dir.path())
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONHASHSEED", "0");
    match display {
        Some(name) => command.env("DISPLAY", name),
        None => command.env_remove("DISPLAY"),
    };
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {python}: {e}"))?;
    let input = stdin.unwrap_or("").to_string();
    let mut pipe = child.stdin.take().expect("piped stdin");
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let reader_out = std::thread::spawn(move || read_all(&mut out));
    let reader_err = std::thread::spawn(move || read_all(&mut err));
    let status = match child.wait_timeout(TIME_LIMIT).map_err(|e| e.to_string())? {
        Some(status) => status,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {} s", TIME_LIMIT.as_secs()));
        }
    };
    let _ = feeder.join();
    Ok(Run {
        status: status.code(),
        stdout: reader_out.join().unwrap_or_default(),
        stderr: reader_err.join().unwrap_or_default(),
    })
}

fn read_all(r: &mut impl std::io::Read) -> String {
    let mut buf = Vec::new();
    let _ = r.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
}
