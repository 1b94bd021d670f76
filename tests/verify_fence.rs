//! `pyexam check --verify DIR` runs the folder's code fenced (issue 25, item 8): it says so
//! first, each item runs in a scratch folder with a scratch HOME, the check ends when the items
//! end (not when a leftover child closes the pipes), and nothing an item started outlives it.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// A bank folder with one exam whose one section holds `items` (id, code, keyed output).
fn bank(items: &[(&str, String, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let exams = format!(
        "exams:\n  - id: fence\n    code: FENCE-01\n    title: Fence\n    items: {n}\n    \
         minutes: 5\n    pass_percent: 70\n    sections:\n      \
         - {{ id: basics, title: Basics, items: {n}, weight: 100 }}\n",
        n = items.len()
    );
    fs::write(dir.path().join("exams.yaml"), exams).unwrap();
    let mut topic = String::from("exam: fence\ntopic: basics\nquestions:\n");
    for (id, code, key) in items {
        let code: String = code.lines().map(|l| format!("      {l}\n")).collect();
        let key: String = key.lines().map(|l| format!("          {l}\n")).collect();
        topic += &format!(
            "  - id: {id}\n    prompt: What is the expected output of the following code?\n    \
             code: |\n{code}    choices:\n      - text: |-\n{key}        correct: true\n      \
             - text: \"it hangs\"\n      - text: \"nothing\"\n    \
             explanation: The fence test's own item.\n    verify: output\n"
        );
    }
    fs::create_dir(dir.path().join("fence")).unwrap();
    fs::write(dir.path().join("fence/basics.yaml"), topic).unwrap();
    dir
}

struct Checked {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// `pyexam check --verify DIR` run from `cwd` with `home` as HOME, stopped after 90 s at most.
fn check_verify(dir: &Path, cwd: &Path, home: &Path) -> Checked {
    let start = Instant::now();
    let out = Command::cargo_bin("pyexam")
        .unwrap()
        .env_remove("CI")
        .env_remove("PYEXAM_BANKS")
        .env("HOME", home)
        .current_dir(cwd)
        .args(["check", "--verify"])
        .arg(dir)
        .timeout(Duration::from_secs(90))
        .output()
        .unwrap();
    Checked {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: start.elapsed(),
    }
}

/// Pids of the processes whose command line holds `marker`.
fn processes_with(marker: &str) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(marker))
        })
        .collect()
}

/// Kills whatever carries the marker when the test ends, so a failing run leaves nothing behind.
struct Sweep(String);

impl Drop for Sweep {
    fn drop(&mut self) {
        for pid in processes_with(&self.0) {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
        }
    }
}

#[test]
fn leftover_children_neither_hold_up_the_check_nor_outlive_it() {
    // Unique durations: they are how this run's processes are found in /proc.
    let long = format!("300.{}", std::process::id());
    let short = format!("60.{}", std::process::id());
    let _sweep = (Sweep(long.clone()), Sweep(short.clone()));
    let escaped = format!(
        "import subprocess\n\
         subprocess.Popen([\"sleep\", \"{long}\"], start_new_session=True)\n\
         print(\"started\")"
    );
    let holding = format!(
        "import subprocess\n\
         subprocess.run([\"sh\", \"-c\", \"sleep {short} &\"])\n\
         print(\"spawned\")"
    );
    let dir = bank(&[
        ("fence-basics-001", escaped, "started"),
        ("fence-basics-002", holding, "spawned"),
    ]);
    let cwd = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let run = check_verify(dir.path(), cwd.path(), home.path());
    assert!(
        run.took < Duration::from_secs(20),
        "check --verify took {:?}:\n{}{}",
        run.took,
        run.stdout,
        run.stderr
    );
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let first = run.stderr.lines().next().unwrap_or("");
    assert_eq!(
        first,
        format!(
            "pyexam check: --verify runs the Python code of the items in {}: each item in a \
             scratch folder with its own HOME, for at most 10 s",
            dir.path().display()
        )
    );
    assert_eq!(
        processes_with(&long),
        Vec::<u32>::new(),
        "a setsid child outlived the check"
    );
    assert_eq!(
        processes_with(&short),
        Vec::<u32>::new(),
        "a grandchild outlived the check"
    );
}

/// Items run side by side: the leftovers killed after one item are never those of another
/// that is still running (a detached helper it waits for).
#[test]
fn an_item_still_running_keeps_its_detached_helper_while_others_end() {
    let waiting = "import os, time, subprocess\n\
                   subprocess.run([\"sh\", \"-c\", \"(sleep 1; echo done > flag.txt) &\"])\n\
                   for _ in range(100):\n    \
                       if os.path.exists(\"flag.txt\") and open(\"flag.txt\").read():\n        \
                           break\n    \
                       time.sleep(0.05)\n\
                   print(open(\"flag.txt\").read().strip())"
        .to_string();
    let mut items = vec![("fence-basics-001".to_string(), waiting, "done")];
    for n in 2..=9 {
        let code = "import subprocess\nsubprocess.run([\"sh\", \"-c\", \"sleep 30 &\"])\nprint(\"quick\")";
        items.push((format!("fence-basics-{n:03}"), code.to_string(), "quick"));
    }
    let items: Vec<(&str, String, &str)> = items
        .iter()
        .map(|(i, c, k)| (i.as_str(), c.clone(), *k))
        .collect();
    let dir = bank(&items);
    let scratch = tempfile::tempdir().unwrap();
    let run = check_verify(dir.path(), scratch.path(), scratch.path());
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

#[test]
fn items_run_in_a_scratch_folder_with_a_scratch_home() {
    let cwd = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let code = format!(
        "import os\n\
         with open(os.path.expanduser(\"~/fence-note.txt\"), \"w\") as f:\n    f.write(\"x\")\n\
         with open(\"fence-note.txt\", \"w\") as f:\n    f.write(\"x\")\n\
         print(os.getcwd() != {:?})\n\
         print(os.path.expanduser(\"~\") not in ({:?}, os.getcwd()))",
        cwd.path().display().to_string(),
        home.path().display().to_string()
    );
    let dir = bank(&[("fence-basics-001", code, "True\nTrue")]);
    let run = check_verify(dir.path(), cwd.path(), home.path());
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        !home.path().join("fence-note.txt").exists(),
        "the item wrote into the real HOME"
    );
    assert!(
        !cwd.path().join("fence-note.txt").exists(),
        "the item wrote into the caller's folder"
    );
}

/// Only where this machine lets a process make a network namespace (root, most CI): the item
/// sees no interface but its own loopback, which is up, so `127.0.0.1` items still work.
#[test]
fn items_run_without_network_where_the_system_allows_it() {
    let allowed = std::process::Command::new("unshare")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|s| s.success());
    let code = "import socket\n\
                names = sorted(n for _, n in socket.if_nameindex())\n\
                srv = socket.create_server((\"127.0.0.1\", 0))\n\
                cli = socket.create_connection(srv.getsockname(), timeout=5)\n\
                conn, _ = srv.accept()\n\
                cli.sendall(b\"ping\")\n\
                print(conn.recv(4).decode())\n\
                print(names == [\"lo\"])"
        .to_string();
    let key = if allowed { "ping\nTrue" } else { "ping" };
    let code = if allowed {
        code
    } else {
        code.replace("\nprint(names == [\"lo\"])", "")
    };
    let dir = bank(&[("fence-basics-001", code, key)]);
    let scratch = tempfile::tempdir().unwrap();
    let run = check_verify(dir.path(), scratch.path(), scratch.path());
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}
