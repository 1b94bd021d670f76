//! Proving answer keys by running CPython (docs/authoring.md, "Proving the key").
//! This is shell code: it writes temporary files and runs `python3`.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::bank::{Question, Verify};

pub const TIME_LIMIT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed(String),
    /// Could not be checked here (a third-party module is missing outside CI).
    Skipped(String),
}

/// Runs items with one python3 and remembers which optional modules it has.
pub struct Verifier {
    python: String,
    pub version: String,
    /// Missing `requires` modules fail instead of skipping (set under CI).
    pub strict: bool,
    modules: Mutex<HashMap<String, bool>>,
    /// A virtual X server (Xvfb) for `requires: [display]` items, started on first use.
    display: Mutex<Option<Result<XServer, String>>>,
}

/// `requires: [display]`: the item needs an X display (tkinter), given by a private Xvfb.
pub const DISPLAY: &str = "display";

struct XServer {
    child: std::process::Child,
    name: String,
}

impl Drop for Verifier {
    fn drop(&mut self) {
        if let Some(Ok(server)) = self.display.get_mut().unwrap().as_mut() {
            let _ = server.child.kill();
            let _ = server.child.wait();
        }
    }
}

const DRIVER: &str = r#"
import json, sys
data = json.load(open("item.json"))
ns = {"__name__": "__main__"}
exec(compile(data["code"], "main.py", "exec"), ns)
results = []
for option in data["options"]:
    try:
        if data["mode"] == "truthy":
            results.append(["ok", bool(eval(option, dict(ns)))])
        else:
            exec(option, dict(ns))
            results.append(["ok", False])
    except BaseException as e:
        if data["mode"] == "truthy":
            results.append(["error", type(e).__name__])
        else:
            results.append(["ok", True])
sys.stdout.flush()
print("\n@@pyexam@@" + json.dumps(results))
"#;

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Verifier {
    /// Find `python3` (or `$PYEXAM_PYTHON`) and ask its version.
    pub fn new() -> Result<Verifier, String> {
        let python = std::env::var("PYEXAM_PYTHON").unwrap_or_else(|_| "python3".into());
        let out = Command::new(&python)
            .arg("--version")
            .output()
            .map_err(|e| format!("cannot run {python}: {e}; install Python 3.10 or newer"))?;
        let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok(Verifier {
            python,
            version,
            strict: std::env::var_os("CI").is_some(),
            modules: Mutex::new(HashMap::new()),
            display: Mutex::new(None),
        })
    }

    /// The X display name of the shared Xvfb, starting it the first time. Xvfb picks a free
    /// display itself (`-displayfd`), so parallel runs never collide.
    fn x_display(&self) -> Result<String, String> {
        let mut slot = self.display.lock().unwrap();
        let server = slot.get_or_insert_with(|| {
            use std::io::BufRead;
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
                    format!(
                        "needs an X display: cannot start Xvfb ({e}); scripts/setup-python.sh installs it"
                    )
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
                    Err("needs an X display: Xvfb did not report one".to_string())
                }
            }
        });
        server.as_ref().map(|s| s.name.clone()).map_err(Clone::clone)
    }

    fn has_module(&self, module: &str) -> bool {
        if let Some(known) = self.modules.lock().unwrap().get(module) {
            return *known;
        }
        let ok = Command::new(&self.python)
            .args(["-c", &format!("import {module}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        self.modules.lock().unwrap().insert(module.to_string(), ok);
        ok
    }

    /// Verify every item that asks for it, on all cores. Results come back in input order.
    pub fn verify_all<'a>(&self, questions: &[&'a Question]) -> Vec<(&'a Question, Verdict)> {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8);
        let next = Mutex::new(0usize);
        let results = Mutex::new(vec![None; questions.len()]);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    loop {
                        let i = {
                            let mut n = next.lock().unwrap();
                            *n += 1;
                            *n - 1
                        };
                        let Some(q) = questions.get(i) else { break };
                        let verdict = self.verify(q);
                        results.lock().unwrap()[i] = Some(verdict);
                    }
                });
            }
        });
        let results = results.into_inner().unwrap();
        questions
            .iter()
            .zip(results)
            .map(|(q, v)| (*q, v.expect("every item verified")))
            .collect()
    }

    pub fn verify(&self, q: &Question) -> Verdict {
        let Some(kind) = q.verify else {
            return Verdict::Passed;
        };
        let mut display = None;
        for module in &q.requires {
            if module == DISPLAY {
                // No X server is a property of the machine, not of the key: skip, even in CI.
                match self.x_display() {
                    Ok(name) => display = Some(name),
                    Err(why) => return Verdict::Skipped(why),
                }
            } else if !self.has_module(module) {
                let why = format!("needs the Python module '{module}' (scripts/setup-python.sh installs it)");
                return if self.strict {
                    Verdict::Failed(why)
                } else {
                    Verdict::Skipped(why)
                };
            }
        }
        let code = match &q.probe {
            Some(probe) => format!("{}\n{}", q.code.as_deref().unwrap_or(""), probe),
            None => q.code.clone().unwrap_or_default(),
        };
        let result = match kind {
            Verify::Output => self.check_output(q, &code, display.as_deref()),
            Verify::Raises => self.check_raises(q, &code, display.as_deref()),
            Verify::Truthy | Verify::Raising => self.check_options(q, &code, kind, display.as_deref()),
        };
        match result {
            Ok(()) => Verdict::Passed,
            Err(message) => Verdict::Failed(format!("{message} [{}]", self.version)),
        }
    }

    fn check_output(&self, q: &Question, code: &str, display: Option<&str>) -> Result<(), String> {
        let run = self.run(code, None, q.stdin.as_deref(), display)?;
        if run.status != Some(0) {
            return Err(format!(
                "expected normal exit but Python stopped with: {}",
                last_line(&run.stderr)
            ));
        }
        let printed = normalize(&run.stdout);
        let keyed = q.keyed();
        let key = &q.choices[keyed[0]].text;
        if normalize(key) != printed {
            return Err(format!(
                "the key says {:?} but Python printed {:?}",
                normalize(key),
                printed
            ));
        }
        if let Some(other) = q
            .choices
            .iter()
            .find(|c| !c.correct && normalize(&c.text) == printed)
        {
            return Err(format!("wrong option {:?} also equals the output", other.text));
        }
        Ok(())
    }

    fn check_raises(&self, q: &Question, code: &str, display: Option<&str>) -> Result<(), String> {
        let run = self.run(code, None, q.stdin.as_deref(), display)?;
        if run.status == Some(0) {
            return Err(format!(
                "expected an exception but the code exited normally, printing {:?}",
                normalize(&run.stdout)
            ));
        }
        let last = last_line(&run.stderr);
        let class = last
            .split(':')
            .next()
            .unwrap_or("")
            .rsplit('.')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let printed: Vec<String> = normalize(&run.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let fits = |text: &str| names_word(text, &class) && contains_in_order(text, &printed);
        let fitting: Vec<usize> = (0..q.choices.len())
            .filter(|i| fits(&q.choices[*i].text))
            .collect();
        if fitting != q.keyed() {
            return Err(format!(
                "Python printed {:?} and raised {class}; options that say so: {}; keyed: {}",
                printed.join("\n"),
                option_numbers(&fitting),
                option_numbers(&q.keyed())
            ));
        }
        Ok(())
    }

    fn check_options(
        &self,
        q: &Question,
        code: &str,
        kind: Verify,
        display: Option<&str>,
    ) -> Result<(), String> {
        let options: Vec<&str> = q.choices.iter().map(|c| c.text.as_str()).collect();
        let data = serde_json::json!({ "code": code, "options": options, "mode": kind.name() });
        let run = self.run(DRIVER, Some(&data.to_string()), q.stdin.as_deref(), display)?;
        let Some((_, json)) = run.stdout.rsplit_once("@@pyexam@@") else {
            return Err(format!("the setup code failed: {}", last_line(&run.stderr)));
        };
        let results: Vec<(String, serde_json::Value)> = serde_json::from_str(json.trim())
            .map_err(|e| format!("verifier driver output unreadable: {e}"))?;
        let mut qualifying = Vec::new();
        for (i, (status, value)) in results.iter().enumerate() {
            if status != "ok" {
                return Err(format!("option {} ({:?}) raised {}", i + 1, options[i], value));
            }
            if value.as_bool() == Some(true) {
                qualifying.push(i);
            }
        }
        if qualifying != q.keyed() {
            let what = if kind == Verify::Truthy {
                "are truthy"
            } else {
                "raise"
            };
            return Err(format!(
                "options that {what}: {}; keyed: {}",
                option_numbers(&qualifying),
                option_numbers(&q.keyed())
            ));
        }
        Ok(())
    }

    /// Run `code` as main.py in a fresh temporary folder (with `item.json` beside it if given).
    fn run(
        &self,
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
        let mut command = Command::new(&self.python);
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
            .map_err(|e| format!("cannot run {}: {e}", self.python))?;
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
}

fn read_all(r: &mut impl std::io::Read) -> String {
    let mut buf = Vec::new();
    let _ = r.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
}

/// Trailing white space of each line and trailing blank lines do not count.
pub fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    lines[..end].join("\n")
}

fn last_line(text: &str) -> String {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("(nothing on stderr)")
        .trim()
        .to_string()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The end of the first occurrence of `part` in `text` that stands as its own token: an
/// identifier-like edge of `part` may not touch an identifier character ("a" is not found in
/// "raises").
fn find_token(text: &str, part: &str) -> Option<usize> {
    if part.is_empty() {
        return Some(0);
    }
    let starts_ident = part.chars().next().is_some_and(is_ident);
    let ends_ident = part.chars().next_back().is_some_and(is_ident);
    text.match_indices(part).find_map(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + part.len()..].chars().next();
        let touches =
            starts_ident && before.is_some_and(is_ident) || ends_ident && after.is_some_and(is_ident);
        (!touches).then_some(i + part.len())
    })
}

fn names_word(text: &str, word: &str) -> bool {
    !word.is_empty() && find_token(text, word).is_some()
}

/// Every printed line appears in `text` as a token, in order.
fn contains_in_order(text: &str, parts: &[String]) -> bool {
    let mut rest = text;
    for part in parts {
        match find_token(rest, part) {
            Some(end) => rest = &rest[end..],
            None => return false,
        }
    }
    true
}

fn option_numbers(indices: &[usize]) -> String {
    if indices.is_empty() {
        return "none".into();
    }
    indices
        .iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_trims_line_ends_and_trailing_blank_lines() {
        assert_eq!(normalize("1 2 3 \n\n"), "1 2 3");
        assert_eq!(normalize("a\n\nb\n"), "a\n\nb");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn exception_names_are_whole_words() {
        assert!(names_word("It raises ValueError", "ValueError"));
        assert!(names_word("ValueError", "ValueError"));
        assert!(!names_word("MyValueError", "ValueError"));
        assert!(!names_word("ValueErrors", "ValueError"));
    }

    #[test]
    fn printed_lines_must_appear_in_order() {
        let parts = ["1".to_string(), "2".to_string()];
        assert!(contains_in_order("prints 1 then 2 then raises", &parts));
        assert!(!contains_in_order("prints 2 then 1", &parts));
        let a = ["a".to_string()];
        assert!(!contains_in_order("raises before printing anything", &a));
        assert!(contains_in_order("prints a and then raises", &a));
    }
}
