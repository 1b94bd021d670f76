//! The private Xvfb that `requires: [display]` items draw on.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use super::fence::Fence;

/// A virtual X server, stopped when dropped.
pub struct XServer {
    child: Option<Child>,
    fence: Arc<Fence>,
    pub name: String,
}

impl XServer {
    /// Start Xvfb; it picks a free display itself (`-displayfd`), so parallel runs never collide.
    pub fn start() -> Result<XServer, String> {
        XServer::start_in(Arc::new(Fence::default()))
    }

    /// Start Xvfb as one of the children `fence` knows.
    pub(super) fn start_in(fence: Arc<Fence>) -> Result<XServer, String> {
        let mut child = fence
            .spawn(
                Command::new("Xvfb")
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
                    .stderr(Stdio::null()),
            )
            .map_err(|e| {
                format!("needs an X display: cannot start Xvfb ({e}); scripts/setup-python.sh installs it")
            })?;
        let mut line = String::new();
        let out = child.stdout.take().expect("piped stdout");
        let read = std::io::BufReader::new(out).read_line(&mut line);
        // Dropped on the error paths below, which stops Xvfb.
        let mut server = XServer {
            child: Some(child),
            fence,
            name: String::new(),
        };
        read.map_err(|e| e.to_string())?;
        let n: u32 = line
            .trim()
            .parse()
            .map_err(|_| "needs an X display: Xvfb did not report one".to_string())?;
        server.name = format!(":{n}");
        Ok(server)
    }
}

impl Drop for XServer {
    fn drop(&mut self) {
        if let Some(child) = self.child.take() {
            self.fence.stop(child);
        }
    }
}
