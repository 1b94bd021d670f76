//! `verify: lint`: each option's text (inside `lint.wrap` if given) is a file the linter the
//! item is about checks, with only `lint.codes` enabled; the keyed options must be exactly the
//! clean ones (or, with `keyed: flagged`, exactly the flagged ones).

use super::text::{last_line, option_numbers};
use super::{Context, Verifier};
use crate::bank::{LintKeyed, Question};

/// Writes the snippets as case_N.py, runs `python -m TOOL` once over all of them and prints
/// the codes reported for each.
const DRIVER: &str = r#"
import json, re, subprocess, sys
data = json.load(open("../item.json"))
tool, codes = data["tool"], data["codes"]
files = []
for i, text in enumerate(data["snippets"]):
    name = "case_%d.py" % (i + 1)
    with open(name, "w") as f:
        f.write(text if text.endswith("\n") else text + "\n")
    files.append(name)
if tool == "pylint":
    args = ["--disable=all", "--enable=" + ",".join(codes), "--score=n",
            "--persistent=n", "--msg-template={path}:{msg_id}", "--jobs=1"]
else:
    args = ["--select=" + ",".join(codes)]
run = subprocess.run([sys.executable, "-m", tool] + args + files,
                     capture_output=True, text=True)
found = [[] for _ in files]
current = None
for line in run.stdout.splitlines():
    m = re.match(r"case_(\d+)\.py:(.*)", line)
    if m:
        current = int(m.group(1)) - 1
        code = re.search(r"\b([A-Z]\d{3,4})\b", m.group(2))
        if code and tool != "pydocstyle":
            found[current].append(code.group(1))
        continue
    m = re.match(r"\s+([A-Z]\d{3,4}):", line)
    if m and current is not None and tool == "pydocstyle":
        found[current].append(m.group(1))
if run.returncode != 0 and not any(found):
    sys.exit(tool + " failed: " + (run.stderr.strip().splitlines() or ["no output"])[-1])
print("\n@@pyexam@@" + json.dumps(found))
"#;

/// `wrap` with its `<option>` line replaced by `option`, indented like that line.
pub fn wrapped(wrap: Option<&str>, option: &str) -> String {
    let Some(wrap) = wrap else {
        return option.to_string();
    };
    let mut out = String::new();
    for line in wrap.lines() {
        if line.trim() == "<option>" {
            let indent = &line[..line.len() - line.trim_start().len()];
            for l in option.lines() {
                out.push_str(indent);
                out.push_str(l);
                out.push('\n');
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

impl Verifier {
    pub(super) fn check_lint(&self, q: &Question, cx: &Context) -> Result<(), String> {
        let lint = q.lint.as_ref().ok_or("verify: lint needs `lint`")?;
        let tool = lint.tool.name();
        let snippets: Vec<String> = q
            .choices
            .iter()
            .map(|c| wrapped(lint.wrap.as_deref(), &c.text))
            .collect();
        let data = serde_json::json!({ "tool": tool, "codes": lint.codes, "snippets": snippets });
        let run = self.run(DRIVER, Some(&data.to_string()), q, cx)?;
        let Some((_, json)) = run.stdout.rsplit_once("@@pyexam@@") else {
            return Err(format!("{tool} did not run: {}", last_line(&run.stderr)));
        };
        let found: Vec<Vec<String>> =
            serde_json::from_str(json.trim()).map_err(|e| format!("lint driver output unreadable: {e}"))?;
        let flagged: Vec<usize> = (0..found.len()).filter(|i| !found[*i].is_empty()).collect();
        let qualifying: Vec<usize> = match lint.keyed {
            LintKeyed::Flagged => flagged.clone(),
            LintKeyed::Clean => (0..found.len()).filter(|i| found[*i].is_empty()).collect(),
        };
        if qualifying != q.keyed() {
            let report: Vec<String> = flagged
                .iter()
                .map(|i| format!("{} {}", i + 1, found[*i].join(" ")))
                .collect();
            let what = match lint.keyed {
                LintKeyed::Flagged => "flagged",
                LintKeyed::Clean => "clean",
            };
            return Err(format!(
                "{tool} ({}) finds these options {what}: {}; keyed: {} (reported: {})",
                lint.codes.join(","),
                option_numbers(&qualifying),
                option_numbers(&q.keyed()),
                if report.is_empty() {
                    "nothing".to_string()
                } else {
                    report.join("; ")
                }
            ));
        }
        Ok(())
    }
}
