//! What keeps a bank's code from outliving its check: every child the verifier starts is known
//! here, an item's python gets its own process group (and, on Linux, owns the orphans of its
//! descendants while it runs, and a network namespace of its own where the system allows), and
//! after each item its group is killed. With `reap_leftovers` (Linux), this process adopts
//! whatever an item leaves behind — a child that called `setsid` included — and kills it.

use std::collections::HashSet;
use std::io;
use std::process::{Child, Command, ExitStatus};
use std::sync::Mutex;
use std::time::Duration;

#[derive(Default)]
pub struct Fence {
    /// The pids of the children started through `spawn` and not yet reaped; any other child of
    /// this process, once it is a reaper, is something an item left behind. The lock is held
    /// while spawning, reaping and sweeping, so a sweep never sees a child it does not know yet.
    children: Mutex<HashSet<u32>>,
    reaping: bool,
}

impl Fence {
    /// Make this process the reaper of every orphan below it (Linux `PR_SET_CHILD_SUBREAPER`),
    /// so `wait` can kill what an item left behind. Only for a process whose children all come
    /// from this fence: any other child would be killed with them. False where not possible.
    pub fn reap_leftovers(&mut self) -> bool {
        self.reaping = become_subreaper();
        self.reaping
    }

    /// Start `command`, remembering the child before any sweep can look.
    pub fn spawn(&self, command: &mut Command) -> io::Result<Child> {
        let mut children = self.children.lock().unwrap();
        let child = command.spawn()?;
        children.insert(child.id());
        Ok(child)
    }

    /// Wait for `child` to end, at most `limit` (then kill it); kill its process group (the
    /// item's python is the leader of its own: whatever stayed in it dies), reap it and, when
    /// reaping leftovers, everything it left behind. `None` if it ran out of time. Never waits
    /// for pipes: a descendant holding them is killed or, where it cannot be, left to its reader.
    pub fn wait(&self, mut child: Child, limit: Option<Duration>) -> io::Result<Option<ExitStatus>> {
        let pid = child.id();
        let ended = match limit {
            None => {
                wait_exited(pid)?;
                true
            }
            Some(limit) => {
                // Waiting without reaping keeps the pid (and so its process group) ours until
                // the group is killed: a reused pid can never be hit.
                let (tell, told) = std::sync::mpsc::channel();
                let waiter = std::thread::spawn(move || {
                    let r = wait_exited(pid);
                    let _ = tell.send(());
                    r
                });
                let ended = told.recv_timeout(limit).is_ok();
                if !ended {
                    kill(pid, false);
                }
                waiter.join().unwrap_or(Ok(()))?;
                ended
            }
        };
        kill(pid, true);
        let mut children = self.children.lock().unwrap();
        let status = child.wait();
        children.remove(&pid);
        if self.reaping {
            sweep(&children);
        }
        Ok(ended.then_some(status?))
    }

    /// Stop a child that should not end on its own (the private X server).
    pub fn stop(&self, mut child: Child) {
        let mut children = self.children.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
        children.remove(&child.id());
    }
}

/// Block until `pid` has ended, leaving it to be reaped.
fn wait_exited(pid: u32) -> io::Result<()> {
    loop {
        // SAFETY: waitid writes only into `info`, which outlives the call.
        let r = unsafe {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// SIGKILL `pid`, or its whole process group.
fn kill(pid: u32, group: bool) {
    let pid = pid as libc::pid_t;
    // SAFETY: plain syscalls; a group that does not exist (the child leads none) is ESRCH.
    unsafe {
        if group {
            libc::killpg(pid, libc::SIGKILL);
        } else {
            libc::kill(pid, libc::SIGKILL);
        }
    }
}

/// How an item's python is started: its own process group; on Linux also the reaper of its
/// descendants' orphans while it runs (so the leftovers of items running side by side stay
/// apart until each item ends) and, where allowed, in a new network namespace with only its
/// loopback, brought up (items may talk to themselves on 127.0.0.1).
pub fn fence_item(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
    #[cfg(target_os = "linux")]
    // SAFETY: the hook runs between fork and exec and makes only raw syscalls (no allocation,
    // no locks); every failure is ignored, as the fence is best effort beyond the group.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
            if libc::unshare(libc::CLONE_NEWNET) == 0 {
                loopback_up();
            }
            Ok(())
        });
    }
}

#[cfg(target_os = "linux")]
unsafe fn loopback_up() {
    // SAFETY (caller): async-signal-safe calls on a zeroed `ifreq` that lives on this stack.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return;
        }
        let mut req: libc::ifreq = std::mem::zeroed();
        req.ifr_name[0] = b'l' as libc::c_char;
        req.ifr_name[1] = b'o' as libc::c_char;
        if libc::ioctl(fd, libc::SIOCGIFFLAGS, &mut req) == 0 {
            req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            libc::ioctl(fd, libc::SIOCSIFFLAGS, &req);
        }
        libc::close(fd);
    }
}

#[cfg(target_os = "linux")]
fn become_subreaper() -> bool {
    // SAFETY: a plain syscall on this process.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn become_subreaper() -> bool {
    false
}

/// Kill and reap every child of this process the fence did not start: orphans an ended item
/// left. Their own children come to us as they die, so repeat until none is left.
#[cfg(target_os = "linux")]
fn sweep(known: &HashSet<u32>) {
    let me = std::process::id();
    // Bounded: a fork bomb outrunning the kills must not hang the check.
    for _ in 0..1000 {
        let orphans: Vec<u32> = children_of(me).filter(|p| !known.contains(p)).collect();
        if orphans.is_empty() {
            return;
        }
        for &pid in &orphans {
            kill(pid, false);
        }
        for &pid in &orphans {
            // SAFETY: the pid is our child (reparented to us) that nothing else waits for.
            unsafe { libc::waitpid(pid as libc::pid_t, std::ptr::null_mut(), 0) };
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn sweep(_known: &HashSet<u32>) {}

/// The pids whose parent is `parent`, from `/proc/<pid>/stat` ("pid (comm) state ppid ...").
#[cfg(target_os = "linux")]
fn children_of(parent: u32) -> impl Iterator<Item = u32> {
    let entries = std::fs::read_dir("/proc").into_iter().flatten();
    entries.filter_map(move |entry| {
        let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name may hold spaces and parentheses: the fields start after the last ')'.
        let ppid: u32 = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()?;
        (ppid == parent).then_some(pid)
    })
}
