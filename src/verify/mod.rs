//! Proving answer keys by running CPython (docs/authoring.md, "Proving the key").
//! This is shell code: it writes temporary files and runs `python3`.

mod fence;
mod lint;
mod mariadb;
mod process;
mod text;
mod xserver;

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use crate::bank::model::{join_lines, tiles_line, with_line};
use crate::bank::{Kind, Lang, Question, Verify};
use fence::Fence;
pub use mariadb::MariaDb;
pub use process::{BUILD_TIME_LIMIT, TIME_LIMIT};
pub use text::normalize;
use text::{contains_in_order, last_line, names_word, option_numbers};
pub use xserver::XServer;

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
    /// A private MariaDB server for `requires: [mysql]` items, started on first use.
    mysql: Mutex<Option<Result<MariaDb, String>>>,
    /// Every child started here, and what is killed after each item.
    fence: Arc<Fence>,
}

/// `requires: [display]`: the item needs an X display (tkinter), given by a private Xvfb.
pub const DISPLAY: &str = "display";

/// `requires: [build]`: the item builds a project (with the `build` module or setuptools'
/// backend), so it may run for `BUILD_TIME_LIMIT` instead of `TIME_LIMIT`.
pub const BUILD: &str = "build";

/// `requires: [mysql]`: the item talks to a MySQL server (the private MariaDB) through
/// mysql-connector-python.
pub const MYSQL: &str = "mysql";

/// Run before a `requires: [mysql]` item: a database of its own on the private server, which
/// every `mysql.connector.connect(...)` of the item reaches whatever host, user, password and
/// database it names (so the shown code reads like a real program). The database is left to the
/// end of the server (dropping it at exit would wait on the item's still-open transactions).
const MYSQL_PRELUDE: &str = r#"def _pyexam_mysql():
    import os, secrets
    import mysql.connector as mc
    real = mc.connect
    server = dict(unix_socket=os.environ["PYEXAM_MYSQL_SOCKET"],
                  user=os.environ["PYEXAM_MYSQL_USER"],
                  password=os.environ["PYEXAM_MYSQL_PASSWORD"])
    name = "pyexam_" + secrets.token_hex(8)
    admin = real(**server)
    admin.cursor().execute("CREATE DATABASE " + name)
    admin.close()

    def connect(*args, **kwargs):
        for key in ("host", "port", "user", "password", "passwd", "unix_socket",
                    "database", "db"):
            kwargs.pop(key, None)
        return real(*args, database=name, **server, **kwargs)

    mc.connect = mc.Connect = connect
_pyexam_mysql()
del _pyexam_mysql
"#;

/// What an item's run is given besides its code.
struct Context {
    with: process::With,
    /// Python run first in the same process (the MySQL prelude).
    prelude: &'static str,
}

/// Join Python pieces, each on lines of its own.
fn program(parts: &[Option<&str>]) -> String {
    let mut out = String::new();
    for part in parts.iter().flatten() {
        out.push_str(part);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

const DRIVER: &str = r#"
import json, re, sys
data = json.load(open("../item.json"))
_made = []


def reports(tool, code, codes, name=None):
    """The codes `tool` reports for `code` saved as `name`, with only `codes` enabled."""
    _made.append(code)
    name = name or "case%d.py" % len(_made)
    with open(name, "w") as f:
        f.write(code)
    select = [c.strip() for c in codes.split(",")]
    if tool == "pycodestyle":
        import pycodestyle
        guide = pycodestyle.StyleGuide(select=select, quiet=True)
        counters = guide.check_files([name]).counters
        return {k for k in counters if re.fullmatch(r"[A-Z]\d{3}", k)}
    if tool == "pydocstyle":
        import pydocstyle
        return {e.code for e in pydocstyle.check([name], select=select)}
    if tool == "pylint":
        from pylint.lint import Run
        from pylint.reporters.collecting_reporter import CollectingReporter
        collect = CollectingReporter()
        Run(["--disable=all", "--enable=" + ",".join(select), "--persistent=n", name],
            reporter=collect, exit=False)
        return {m.msg_id for m in collect.messages}
    raise ValueError("unknown tool " + tool)


ns = {"__name__": "__main__"}
if data["mode"] == "checks":
    ns["reports"] = reports
if data.get("shown") is not None:
    ns["CODE"] = data["shown"]
exec(compile(data["code"], "main.py", "exec"), ns)
results = []
for option in data["options"]:
    try:
        if data["mode"] in ("truthy", "checks"):
            results.append(["ok", bool(eval(option, dict(ns)))])
        else:
            exec(option, dict(ns))
            results.append(["ok", False])
    except BaseException as e:
        if data["mode"] in ("truthy", "checks"):
            results.append(["error", type(e).__name__])
        else:
            results.append(["ok", True])
sys.stdout.flush()
print("\n@@pyexam@@" + json.dumps(results))
"#;

/// `verify: match`: each expression (the rule with a card in it) evaluated after the item's
/// code, with `keyword` imported; its value as text, or the name of the exception it raised
/// (so bins can be exception names: `rule: "{card}"` with cards like `int('x')`).
const MATCH_DRIVER: &str = r#"
import json, keyword, sys
data = json.load(open("../item.json"))
ns = {"__name__": "__main__", "keyword": keyword}
exec(compile(data["code"], "main.py", "exec"), ns)
results = []
for expr in data["exprs"]:
    try:
        results.append(["ok", str(eval(expr, dict(ns)))])
    except BaseException as e:
        results.append(["raised", type(e).__name__])
sys.stdout.flush()
print("\n@@pyexam@@" + json.dumps(results))
"#;

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
            mysql: Mutex::new(None),
            fence: Arc::new(Fence::default()),
        })
    }

    /// Kill everything an item leaves behind, a child that started a session of its own
    /// included, by making this process the reaper of its orphans (Linux). Only for a process
    /// whose children all come from this verifier (`pyexam check --verify`): any other child
    /// would be killed too. False where the system cannot. Call before verifying.
    pub fn reap_leftovers(&mut self) -> bool {
        Arc::get_mut(&mut self.fence).is_some_and(Fence::reap_leftovers)
    }

    /// The X display name of the shared Xvfb, starting it the first time.
    fn x_display(&self) -> Result<String, String> {
        let mut slot = self.display.lock().unwrap();
        let server = slot.get_or_insert_with(|| XServer::start_in(Arc::clone(&self.fence)));
        server.as_ref().map(|s| s.name.clone()).map_err(Clone::clone)
    }

    /// Where the shared MariaDB listens, starting it the first time.
    fn mysql_env(&self) -> Result<Vec<(String, String)>, String> {
        let mut slot = self.mysql.lock().unwrap();
        let server = slot.get_or_insert_with(|| MariaDb::start_in(Arc::clone(&self.fence)));
        server.as_ref().map(MariaDb::env).map_err(Clone::clone)
    }

    fn has_module(&self, module: &str) -> bool {
        if let Some(known) = self.modules.lock().unwrap().get(module) {
            return *known;
        }
        let probe = self.fence.spawn(
            Command::new(&self.python)
                .args(["-c", &format!("import {module}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let ok = probe
            .and_then(|child| self.fence.wait(child, None))
            .is_ok_and(|s| s.is_some_and(|s| s.success()));
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
        let builds = q.requires.iter().any(|r| r == BUILD);
        let mut cx = Context {
            with: process::With {
                display: None,
                env: Vec::new(),
                limit: if builds { BUILD_TIME_LIMIT } else { TIME_LIMIT },
            },
            prelude: "",
        };
        let missing = |why: String| {
            if self.strict {
                Verdict::Failed(why)
            } else {
                Verdict::Skipped(why)
            }
        };
        for module in &q.requires {
            if module == DISPLAY {
                // No X server is a property of the machine, not of the key: skip, even in CI.
                match self.x_display() {
                    Ok(name) => cx.with.display = Some(name),
                    Err(why) => return Verdict::Skipped(why),
                }
            } else if module == MYSQL {
                if !self.has_module("mysql.connector") {
                    return missing("needs the Python module 'mysql.connector' (scripts/setup-python.sh installs mysql-connector-python)".into());
                }
                match self.mysql_env() {
                    Ok(env) => cx.with.env.extend(env),
                    Err(why) => return missing(why),
                }
                cx.prelude = MYSQL_PRELUDE;
            } else if !self.has_module(module) {
                return missing(format!(
                    "needs the Python module '{module}' (scripts/setup-python.sh installs it)"
                ));
            }
        }
        if let Some(tool) = q.lint.as_ref().map(|l| l.tool.name())
            && !self.has_module(tool)
        {
            return missing(format!(
                "needs the Python module '{tool}' (scripts/setup-python.sh installs it)"
            ));
        }
        // A checks item's code is given to its checks as `CODE`, not run: it may be a setup.py
        // or a pyproject.toml that the setup builds (run it there with `exec(CODE)`).
        let runs = q.lang == Lang::Python && kind != Verify::Checks;
        let shown = q.code.as_deref().filter(|_| runs);
        let code = program(&[q.setup.as_deref(), shown, q.probe.as_deref()]);
        let result = if q.kind == Kind::Match {
            self.check_match(q, &code, &cx)
        } else if q.kind != Kind::Choice {
            self.check_completed(q, &cx)
        } else {
            match kind {
                Verify::Output => self.check_output(q, &code, &cx),
                Verify::Raises => self.check_raises(q, &code, &cx),
                Verify::Truthy | Verify::Raising | Verify::Checks => self.check_options(q, &code, kind, &cx),
                Verify::Lint => self.check_lint(q, &cx),
                Verify::Match => Err("verify: match is for match items".into()),
            }
        };
        match result {
            Ok(()) => Verdict::Passed,
            Err(message) => Verdict::Failed(format!("{message} [{}]", self.version)),
        }
    }

    /// Run `code` (with `item_json` in the folder above it) fenced, with the item's `stdin`.
    fn run(
        &self,
        code: &str,
        item_json: Option<&str>,
        q: &Question,
        cx: &Context,
    ) -> Result<process::Run, String> {
        let stdin = q.stdin.as_deref();
        let code = format!("{}{code}", cx.prelude);
        process::run(
            &self.fence,
            &self.python,
            &code,
            &q.files,
            item_json,
            stdin,
            &cx.with,
        )
    }

    fn check_output(&self, q: &Question, code: &str, cx: &Context) -> Result<(), String> {
        let run = self.run(code, None, q, cx)?;
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

    /// Gap, slots and order items: the completed program (for a gap, with every accepted
    /// answer) prints `expect`; for order, no arrangement one adjacent swap away does too.
    fn check_completed(&self, q: &Question, cx: &Context) -> Result<(), String> {
        let expect = normalize(q.expect.as_deref().unwrap_or(""));
        let with_probe = |code: String| program(&[q.setup.as_deref(), Some(&code), q.probe.as_deref()]);
        let printed = |code: String| -> Result<String, String> {
            let run = self.run(&with_probe(code), None, q, cx)?;
            if run.status != Some(0) {
                return Err(format!(
                    "expected normal exit but Python stopped with: {}",
                    last_line(&run.stderr)
                ));
            }
            Ok(normalize(&run.stdout))
        };
        for (k, code) in q.completions().into_iter().enumerate() {
            let out = printed(code)?;
            if out != expect {
                let which = if q.kind == Kind::Gap {
                    format!(" with accepted answer set {}", k + 1)
                } else {
                    String::new()
                };
                return Err(format!(
                    "the completed code{which} printed {out:?} but expect says {expect:?}"
                ));
            }
        }
        if q.kind == Kind::Tokens {
            return self.tokens_unique(q, &expect, &printed);
        }
        if q.kind == Kind::Order {
            for i in 0..q.lines.len().saturating_sub(1) {
                if q.lines[i] == q.lines[i + 1] {
                    continue;
                }
                let mut swapped: Vec<&str> = q.lines.iter().map(String::as_str).collect();
                swapped.swap(i, i + 1);
                // A swap that crashes or prints something else is what a wrong order should do.
                if printed(join_lines(swapped.into_iter())).is_ok_and(|out| out == expect) {
                    return Err(format!(
                        "swapping lines {} and {} also prints {expect:?}: the order is not unique",
                        i + 1,
                        i + 2
                    ));
                }
            }
        }
        Ok(())
    }

    /// A tokens item's line is the only one of its tiles that prints `expect`: no two
    /// neighbouring tiles swapped, and no decoy in place of any tile, prints it too.
    fn tokens_unique(
        &self,
        q: &Question,
        expect: &str,
        printed: &dyn Fn(String) -> Result<String, String>,
    ) -> Result<(), String> {
        let code = q.code.as_deref();
        let program = |tiles: &[&str]| with_line(code, &tiles_line(tiles.iter().copied()));
        let key: Vec<&str> = q.tiles.iter().map(String::as_str).collect();
        for i in 0..key.len().saturating_sub(1) {
            if key[i] == key[i + 1] {
                continue;
            }
            let mut swapped = key.clone();
            swapped.swap(i, i + 1);
            if printed(program(&swapped)).is_ok_and(|out| out == expect) {
                return Err(format!(
                    "swapping tiles {} and {} also prints {expect:?}: the line is not unique",
                    i + 1,
                    i + 2
                ));
            }
        }
        for decoy in &q.decoys {
            for i in 0..key.len() {
                let mut with_decoy = key.clone();
                with_decoy[i] = &decoy.text;
                if printed(program(&with_decoy)).is_ok_and(|out| out == expect) {
                    return Err(format!(
                        "the decoy {:?} in place of tile {} also prints {expect:?}",
                        decoy.text,
                        i + 1
                    ));
                }
            }
        }
        Ok(())
    }

    /// Match items: the rule, evaluated for each card after the item's code, names exactly the
    /// card's bin.
    fn check_match(&self, q: &Question, code: &str, cx: &Context) -> Result<(), String> {
        let rule = q.rule.as_deref().unwrap_or("");
        let exprs: Vec<String> = q.cards.iter().map(|c| rule.replace("{card}", &c.text)).collect();
        let data = serde_json::json!({ "code": code, "exprs": exprs });
        let run = self.run(MATCH_DRIVER, Some(&data.to_string()), q, cx)?;
        let Some((_, json)) = run.stdout.rsplit_once("@@pyexam@@") else {
            return Err(format!("the setup code failed: {}", last_line(&run.stderr)));
        };
        let results: Vec<(String, String)> = serde_json::from_str(json.trim())
            .map_err(|e| format!("verifier driver output unreadable: {e}"))?;
        for (card, (status, value)) in q.cards.iter().zip(results) {
            if status != "ok" && value != card.bin {
                return Err(format!("the rule for card {:?} raised {value}", card.text));
            }
            if value != card.bin {
                return Err(format!(
                    "the rule puts card {:?} in {value:?} but the key says {:?}",
                    card.text, card.bin
                ));
            }
        }
        Ok(())
    }

    fn check_raises(&self, q: &Question, code: &str, cx: &Context) -> Result<(), String> {
        let run = self.run(code, None, q, cx)?;
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

    fn check_options(&self, q: &Question, code: &str, kind: Verify, cx: &Context) -> Result<(), String> {
        let options: Vec<&str> = if kind == Verify::Checks {
            q.checks.iter().map(String::as_str).collect()
        } else {
            q.choices.iter().map(|c| c.text.as_str()).collect()
        };
        let shown = q
            .code
            .as_deref()
            .filter(|_| q.lang != Lang::Python || kind == Verify::Checks);
        let data = serde_json::json!({
            "code": code, "options": options, "mode": kind.name(), "shown": shown,
        });
        let run = self.run(DRIVER, Some(&data.to_string()), q, cx)?;
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
            let what = match kind {
                Verify::Truthy => "are truthy",
                Verify::Checks => "pass their check",
                _ => "raise",
            };
            return Err(format!(
                "options that {what}: {}; keyed: {}",
                option_numbers(&qualifying),
                option_numbers(&q.keyed())
            ));
        }
        Ok(())
    }
}
