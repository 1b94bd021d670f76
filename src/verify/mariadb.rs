//! The private MariaDB server that `requires: [mysql]` items talk to: a scratch data folder, a
//! Unix socket and no network, started once per verifier on first use and stopped when dropped.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::fence::Fence;

/// The account items connect with (it may create and drop databases named `pyexam_...`).
pub const USER: &str = "pyexam";
pub const PASSWORD: &str = "pyexam";

/// How long the first start may take (install-db, then the server accepting connections).
const START_LIMIT: Duration = Duration::from_secs(60);

/// A running MariaDB server, stopped (and its data folder deleted) when dropped.
pub struct MariaDb {
    child: Option<Child>,
    fence: Arc<Fence>,
    pub socket: PathBuf,
    // Last: deleted after the server is stopped.
    _dir: tempfile::TempDir,
}

/// A program found on PATH or in the sbin folders, where Debian puts `mariadbd`.
fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    dirs.extend(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from));
    names
        .iter()
        .flat_map(|name| dirs.iter().map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

fn missing(what: &str) -> String {
    format!("needs a MariaDB server: {what} not found (scripts/setup-python.sh installs mariadb-server)")
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

impl MariaDb {
    /// Create a data folder, start `mariadbd` on a socket in it and create the items' account.
    pub(super) fn start_in(fence: Arc<Fence>) -> Result<MariaDb, String> {
        let install =
            find(&["mariadb-install-db", "mysql_install_db"]).ok_or_else(|| missing("mariadb-install-db"))?;
        let server = find(&["mariadbd", "mysqld"]).ok_or_else(|| missing("mariadbd"))?;
        let client = find(&["mariadb", "mysql"]).ok_or_else(|| missing("the mariadb client"))?;
        let dir = tempfile::Builder::new()
            .prefix("pyexam-db")
            .tempdir()
            .map_err(|e| format!("needs a MariaDB server: cannot make its folder: {e}"))?;
        let data = dir.path().join("data");
        let socket = dir.path().join("s");
        let log = dir.path().join("server.log");
        let user: &[&str] = if is_root() { &["--user=root"] } else { &[] };
        let started = Instant::now();
        let mut init = Command::new(&install);
        init.arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"])
            .args(user)
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let status = fence
            .spawn(&mut init)
            .and_then(|c| fence.wait(c, Some(START_LIMIT)))
            .map_err(|e| format!("needs a MariaDB server: cannot run {}: {e}", install.display()))?;
        if !status.is_some_and(|s| s.success()) {
            return Err(format!("needs a MariaDB server: {} failed", install.display()));
        }
        let child = fence
            .spawn(
                Command::new(&server)
                    .arg("--no-defaults")
                    .args(user)
                    .arg(format!("--datadir={}", data.display()))
                    .arg(format!("--socket={}", socket.display()))
                    .arg(format!("--pid-file={}", dir.path().join("pid").display()))
                    .arg(format!("--log-error={}", log.display()))
                    .args([
                        "--skip-networking",
                        "--innodb-buffer-pool-size=32M",
                        "--innodb-flush-log-at-trx-commit=0",
                        "--max-connections=200",
                    ])
                    .process_group(0)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null()),
            )
            .map_err(|e| format!("needs a MariaDB server: cannot run {}: {e}", server.display()))?;
        let mut db = MariaDb {
            child: Some(child),
            fence,
            socket,
            _dir: dir,
        };
        let account = format!(
            "CREATE USER '{USER}'@'localhost' IDENTIFIED BY '{PASSWORD}'; \
             GRANT ALL PRIVILEGES ON `pyexam\\_%`.* TO '{USER}'@'localhost';"
        );
        loop {
            if db.socket.exists() && db.sql(&client, &account).is_ok() {
                return Ok(db);
            }
            let ended = db.child.as_mut().and_then(|c| c.try_wait().ok().flatten());
            if ended.is_some() || started.elapsed() > START_LIMIT {
                let why = std::fs::read_to_string(&log).unwrap_or_default();
                let last = why.lines().rev().find(|l| l.contains("ERROR")).unwrap_or("");
                return Err(format!("needs a MariaDB server: mariadbd did not start {last}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Run `sql` as root over the socket.
    fn sql(&self, client: &Path, sql: &str) -> Result<(), String> {
        let mut command = Command::new(client);
        command
            .arg("--no-defaults")
            .arg(format!("--socket={}", self.socket.display()))
            .args(["--user=root", "-e", sql])
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let status = self
            .fence
            .spawn(&mut command)
            .and_then(|c| self.fence.wait(c, Some(Duration::from_secs(10))))
            .map_err(|e| e.to_string())?;
        match status {
            Some(s) if s.success() => Ok(()),
            _ => Err("the client failed".into()),
        }
    }

    /// What an item's python is told: where the server is and who to be.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("PYEXAM_MYSQL_SOCKET".into(), self.socket.display().to_string()),
            ("PYEXAM_MYSQL_USER".into(), USER.into()),
            ("PYEXAM_MYSQL_PASSWORD".into(), PASSWORD.into()),
        ]
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        if let Some(child) = self.child.take() {
            self.fence.stop(child);
        }
    }
}
