//! A bank as Moodle XML, every kind: choice as multichoice (several keys: multiple answers with
//! fractions) or truefalse, a short-answer gap as shortanswer, other gaps as Cloze
//! (`multianswer`, one `{n:SHORTANSWER_C:=...}` per gap), matching slots as matching, other
//! slots as drag and drop into text (`ddwtos`, `[[n]]` places), order as ordering. Prompts,
//! whys and explanations are HTML paragraphs, code a `<pre><code class="language-xxx">` block;
//! options and lines are plain text, so their spaces survive. Items with `files` are listed as
//! not exported (a question holds one code block that import reads back).

use super::cloze;
use super::xml::escape;
use crate::bank::{BankSet, Question, marker};
use crate::exam::ExamSpec;
use crate::formats::html;
use crate::formats::items::{Shape, shape};
use crate::text::without_controls;

/// The tag of an ordering question whose lines are concepts, not code (`lang: text`).
pub const CONCEPTS_TAG: &str = "pyexam-concepts";

#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub xml: String,
    /// (id, why) of every item left out.
    pub not_exported: Vec<(String, String)>,
}

/// Every item of `exam` (or of one of its topics), topic by topic (a category each), in bank
/// order.
pub fn export(banks: &BankSet, exam: &ExamSpec, topic: Option<&str>) -> Export {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let title = format!("{} ({}): {}", exam.code, exam.id, exam.title);
    xml.push_str(&format!(
        "<!-- {} -->\n<!-- Exported by pyexam {}; import it with `pyexam import moodle`. -->\n<quiz>\n",
        comment(&title),
        env!("CARGO_PKG_VERSION")
    ));
    let mut not_exported = Vec::new();
    for t in exam.topic_ids().filter(|t| topic.is_none_or(|x| x == *t)) {
        let items: Vec<&Question> = banks.in_topic(&exam.id, t).collect();
        if items.is_empty() {
            continue;
        }
        xml.push_str(&format!(
            "  <question type=\"category\">\n    <category><text>$course$/top/{}</text></category>\n  </question>\n",
            text(&format!("{}/{t}", exam.id))
        ));
        for q in items {
            match question(q) {
                Ok(out) => xml.push_str(&out),
                Err(why) => not_exported.push((q.id.clone(), why)),
            }
        }
    }
    xml.push_str("</quiz>\n");
    Export { xml, not_exported }
}

fn question(q: &Question) -> Result<String, String> {
    let (kind, body, code) = match shape(q) {
        Shape::Choice => {
            let keys = q.keyed().len();
            let mut body = format!(
                "    <single>{}</single>\n    <shuffleanswers>{}</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n",
                keys == 1,
                u8::from(q.shuffle)
            );
            for c in &q.choices {
                let fraction = match (keys, c.correct) {
                    (1, true) => "100".to_string(),
                    (1, false) => "0".to_string(),
                    (_, true) => percent(100.0 / keys as f64),
                    // Wrong picks cost as much as right ones earn, so choosing everything cannot pay.
                    (_, false) => "-100".to_string(),
                };
                body.push_str(&answer(&fraction, "plain_text", &c.text, c.why.as_deref()));
            }
            ("multichoice", body, q.code.clone())
        }
        Shape::TrueFalse {
            value,
            wrong_why,
            right_why,
        } => {
            let (t, f) = if value {
                (right_why, wrong_why)
            } else {
                (wrong_why, right_why)
            };
            let body = answer(if value { "100" } else { "0" }, "plain_text", "true", t)
                + &answer(if value { "0" } else { "100" }, "plain_text", "false", f);
            ("truefalse", body, q.code.clone())
        }
        Shape::ShortAnswer { accepted } => {
            // pyexam compares typed answers exactly: case matters.
            let mut body = String::from("    <usecase>1</usecase>\n");
            for a in accepted {
                body.push_str(&answer("100", "plain_text", a, None));
            }
            ("shortanswer", body, None)
        }
        Shape::MissingWord { .. } | Shape::CodeGaps => {
            let code = q.code.as_deref().unwrap_or("");
            guard_code(code, "{", ":SHORTANSWER")?;
            let filled = marker::fill(code, |n| {
                let gap = q.gaps.get(n - 1)?;
                let answers: Vec<String> = gap
                    .accept
                    .iter()
                    .map(|a| format!("={}", cloze::escape(a)))
                    .collect();
                Some(format!("{{1:SHORTANSWER_C:{}}}", answers.join("~")))
            });
            ("multianswer", String::new(), Some(filled))
        }
        Shape::Matching { pairs, distractors } => {
            let mut body = String::from("    <shuffleanswers>true</shuffleanswers>\n");
            for (left, right) in pairs {
                body.push_str(&subquestion(left, right));
            }
            for d in distractors {
                body.push_str(&subquestion("", d));
            }
            ("matching", body, None)
        }
        Shape::CodeSlots => {
            let code = q.code.as_deref().unwrap_or("");
            guard_code(code, "[[", "]]")?;
            let filled = marker::fill(code, |n| {
                let key = q.slots.get(n - 1)?;
                let k = q.pool.iter().position(|p| p.text == *key)? + 1;
                Some(format!("[[{k}]]"))
            });
            let mut body = String::from("    <shuffleanswers>1</shuffleanswers>\n");
            for p in &q.pool {
                body.push_str(&format!(
                    "    <dragbox>\n      <text>{}</text>\n      <group>1</group>\n    </dragbox>\n",
                    text(&html::escape(&p.text))
                ));
            }
            ("ddwtos", body, Some(filled))
        }
        Shape::Order => {
            let mut body = String::from(
                "    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    <selectcount>0</selectcount>\n    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n",
            );
            for (i, line) in q.lines.iter().enumerate() {
                body.push_str(&answer(&(i + 1).to_string(), "plain_text", line, None));
            }
            // A concept sort (lines that are not code): a tag import reads back.
            if q.lang == crate::bank::Lang::Text {
                body.push_str(&format!(
                    "    <tags><tag><text>{CONCEPTS_TAG}</text></tag></tags>\n"
                ));
            }
            ("ordering", body, None)
        }
        // Moodle's matching and ordering would come back as slots and order items: not the
        // same item, so these are listed until import can tell them apart.
        Shape::Tokens | Shape::Match => {
            return Err(format!(
                "{} items have no Moodle form yet (matching and ordering would import as another kind)",
                q.kind.name()
            ));
        }
        // One code block per question round-trips; files beside it do not yet.
        Shape::WithFiles(n) => {
            return Err(format!(
                "items with files beside their code (here {n}) have no Moodle form yet"
            ));
        }
    };
    let mut html_text = html::paragraphs(&q.prompt);
    if let Some(code) = &code {
        html_text.push_str(&format!(
            "<pre><code class=\"language-{}\">{}</code></pre>",
            q.lang.name(),
            html::escape(code)
        ));
    }
    let mut out = format!("  <question type=\"{kind}\">\n");
    out.push_str(&format!("    <name><text>{}</text></name>\n", text(&q.id)));
    out.push_str(&format!(
        "    <questiontext format=\"html\"><text>{}</text></questiontext>\n",
        text(&html_text)
    ));
    out.push_str(&format!(
        "    <generalfeedback format=\"html\"><text>{}</text></generalfeedback>\n",
        text(&html::paragraphs(&q.explanation))
    ));
    out.push_str(
        "    <defaultgrade>1</defaultgrade>\n    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n",
    );
    out.push_str(&body);
    out.push_str("  </question>\n");
    Ok(out)
}

/// Code that already holds what Moodle reads as a place would import as another item.
fn guard_code(code: &str, open: &str, close: &str) -> Result<(), String> {
    let risky = match open {
        "[[" => code.split("[[").skip(1).any(|rest| {
            rest.split_once(close)
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        }),
        _ => !cloze::parts(code).is_empty(),
    };
    if risky {
        return Err(format!(
            "its code holds {open}...{close}, which Moodle reads as a place of its own"
        ));
    }
    Ok(())
}

fn answer(fraction: &str, format: &str, value: &str, why: Option<&str>) -> String {
    let mut out = format!(
        "    <answer fraction=\"{fraction}\" format=\"{format}\">\n      <text>{}</text>\n",
        text(value)
    );
    if let Some(why) = why {
        out.push_str(&format!(
            "      <feedback format=\"html\"><text>{}</text></feedback>\n",
            text(&html::paragraphs(why))
        ));
    }
    out.push_str("    </answer>\n");
    out
}

fn subquestion(left: &str, right: &str) -> String {
    format!(
        "    <subquestion format=\"html\">\n      <text>{}</text>\n      <answer><text>{}</text></answer>\n    </subquestion>\n",
        text(&html::escape(left)),
        text(&html::escape(right))
    )
}

/// Element text: no control characters (XML 1.0 has no way to write most of them), escaped.
fn text(value: &str) -> String {
    escape(&without_controls(value))
}

/// A comment's text: no `--`, which would end it, nor control characters.
fn comment(value: &str) -> String {
    without_controls(value)
        .replace("--", "- -")
        .replace(['\n', '\t'], " ")
}

/// Moodle's fractions: whole numbers where exact, else seven decimals (33.3333333).
fn percent(p: f64) -> String {
    let s = format!("{p:.7}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
