//! Runs the real binary in a pseudo-terminal and reads the screen as a person would (vt100).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen to show something before the test fails. Generous: the
/// machines are shared; this is a deadline, not a performance assertion.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// How long the screen must stay unchanged to count as drawn.
const SETTLE: Duration = Duration::from_millis(60);

pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    closing: Arc<AtomicBool>,
    /// Bytes the reader thread has fed to `parser`: unchanged for a while means the screen
    /// has settled (a frame can arrive in several reads).
    fed: Arc<AtomicU64>,
}

impl Pty {
    /// Start `pyexam ARGS` with `home` as its home, in a `cols`x`rows` terminal.
    pub fn spawn(args: &[&str], home: &Path, cols: u16, rows: u16) -> Pty {
        Pty::spawn_env(args, home, cols, rows, &[])
    }

    pub fn spawn_env(args: &[&str], home: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pyexam"));
        cmd.args(args);
        cmd.env("PYEXAM_HOME", home);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("PYEXAM_BANKS");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn pyexam");
        drop(pty.slave);
        // Read through our own duplicate of the master, polled with a timeout, so that
        // `hang_up` can stop the reader and really close the terminal.
        let fd = pty.master.as_raw_fd().expect("a unix pty");
        // SAFETY: dup(2) of a valid fd we hold; the new fd is owned by `reader` alone.
        let mut reader = unsafe { std::fs::File::from_raw_fd(dup(fd)) };
        let writer = pty.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let closing = Arc::new(AtomicBool::new(false));
        let fed = Arc::new(AtomicU64::new(0));
        let (feed, stop, count) = (Arc::clone(&parser), Arc::clone(&closing), Arc::clone(&fed));
        let raw = reader.as_raw_fd();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::Relaxed) {
                let mut pfd = PollFd {
                    fd: raw,
                    events: POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd for the duration of the call.
                if unsafe { poll(&mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        feed.lock().unwrap().process(&buf[..n]);
                        count.fetch_add(n as u64, Ordering::Relaxed);
                    }
                    _ => break,
                }
            }
        });
        Pty {
            child,
            master: Some(pty.master),
            writer: Some(writer),
            parser,
            closing,
            fed,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen contains `text`; panic with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text), text)
    }

    /// Wait until the screen satisfies `done` and has settled: no output for a moment, so a
    /// frame that arrives in several reads is read whole, not half drawn.
    pub fn wait_until(&self, done: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let before = self.fed.load(Ordering::Relaxed);
            let mut screen = self.screen();
            if done(&screen) {
                std::thread::sleep(SETTLE);
                screen = self.screen();
                if self.fed.load(Ordering::Relaxed) == before && done(&screen) {
                    return screen;
                }
            }
            if start.elapsed() > PATIENCE {
                panic!("screen never showed {what:?}; it shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn keys(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("terminal open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Choose an option with `key` and wait until the screen shows it chosen.
    pub fn choose(&mut self, key: &str) {
        self.keys(key);
        self.wait_until(
            |s| s.contains("(•)") || s.contains("[x]"),
            "the chosen option on screen",
        );
    }

    /// Answer the item on screen in full, whatever its kind, and wait until the screen shows
    /// it: a choice item gets option `key`, an order or tokens item one line or tile moved, a
    /// slots item an entry in every slot, a match item every card in bin A, a gap item an `x`
    /// typed into every gap.
    pub fn answer(&mut self, key: &str) {
        let screen = self.screen();
        if screen.contains("Arrange the lines") || screen.contains("Arrange the tiles") {
            self.keys("J");
            self.wait_for("› 2 │");
        } else if screen.contains("Arrange the items in order") {
            self.keys("J");
            self.wait_for("› 2. ");
        } else if screen.contains("Sort the cards") {
            // Every card into bin A; the cursor moves on by itself.
            for _ in 0..9 {
                let before = self.screen();
                if !before.contains("▸ ?") {
                    break;
                }
                self.keys("a");
                self.wait_until(|s| s != before, "the card placed");
            }
        } else if screen.contains("Fill the slots") {
            for entry in ["a", "b", "c", "d", "e", "f", "g"] {
                let before = self.screen();
                if !before.contains("⟦__") {
                    break;
                }
                self.keys(entry);
                self.wait_until(|s| s != before, "the slot filled");
            }
        } else if screen.contains("Type the missing text") {
            self.keys(ENTER);
            self.wait_for("letters are text");
            // Keys arrive in order, so a gap is only ever typed into after the one before.
            for _ in 0..8 {
                let before = self.screen();
                self.keys("x");
                self.wait_until(|s| s != before, "the typed letter");
                if !self.screen().contains("(empty)") {
                    break;
                }
                let before = self.screen();
                self.keys(DOWN);
                self.wait_until(|s| s != before, "the next gap");
            }
            self.keys(ESC);
            self.wait_until(|s| !s.contains("letters are text"), "typing ended");
        } else {
            self.choose(key);
        }
    }

    /// Start a new exam's clock: wait for its start screen, then Enter.
    pub fn start(&mut self) {
        self.wait_for("Press Enter to start the clock.");
        self.keys(ENTER);
        self.wait_until(
            |s| !s.contains("Press Enter to start the clock."),
            "the first item",
        );
    }

    /// q, confirm, and expect a clean exit: the exam is saved for `resume`.
    pub fn save_and_quit(&mut self) {
        self.keys("q");
        self.wait_for("Save and quit?");
        self.keys("y");
        assert_eq!(self.wait_exit(), 0);
    }

    /// Send keys one at a time, giving the app a moment between them (a person's pace).
    pub fn type_slowly(&mut self, keys: &str) {
        for ch in keys.chars() {
            self.keys(&ch.to_string());
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// Resize the terminal as a window manager does. The screen model is resized first and
    /// stays locked until the kernel has the new size, so the reader thread cannot feed the
    /// program's redraw at the new size into a model still at the old one (a race that once
    /// garbled this test's screen on a loaded CI machine).
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut parser = self.parser.lock().unwrap();
        parser.screen_mut().set_size(rows, cols);
        self.master
            .as_ref()
            .expect("terminal open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Close the terminal, as closing a terminal window does; returns the child's exit code.
    pub fn hang_up(&mut self) -> u32 {
        self.writer.take();
        self.master.take();
        self.closing.store(true, Ordering::Relaxed);
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                panic!("pyexam kept running after its terminal closed");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on our own child's pid has no memory-safety preconditions.
        let rc = unsafe { libc_kill(self.pid(), signal) };
        assert_eq!(rc, 0, "kill failed");
    }

    /// Wait for the process to end and return its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                panic!("pyexam did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[repr(C)]
struct PollFd {
    fd: i32,
    events: i16,
    revents: i16,
}

const POLLIN: i16 = 1;

unsafe extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, sig: i32) -> i32;
    fn dup(fd: i32) -> i32;
    fn poll(fds: *mut PollFd, nfds: u64, timeout: i32) -> i32;
}

pub const SIGKILL: i32 = 9;
pub const SIGTERM: i32 = 15;
pub const SIGHUP: i32 = 1;

pub const RIGHT: &str = "\x1b[C";
pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
