//! A bank as GIFT: each choice item as multiple choice (several keys: multiple answers with
//! weights) or true/false, a short-answer or missing-word gap as short answer, a matching slots
//! item as matching; code as a `[markdown]` fenced block, each `why` as answer feedback and the
//! explanation as general feedback. What GIFT cannot hold (gaps or slots inside code, line
//! order, files beside the code) is listed, not written.

use crate::bank::{BankSet, Question};
use crate::exam::ExamSpec;
use crate::formats::items::{Shape, shape};
use crate::text::without_controls;

#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub gift: String,
    /// (id, why) of every item left out.
    pub not_exported: Vec<(String, String)>,
}

/// Every item of `exam` (or of one of its topics), topic by topic, in bank order.
pub fn export(banks: &BankSet, exam: &ExamSpec, topic: Option<&str>) -> Export {
    let mut gift = format!(
        "// {}\n// Exported by pyexam {}; import it with `pyexam import gift`.\n",
        comment(&format!("{} ({}): {}", exam.code, exam.id, exam.title)),
        env!("CARGO_PKG_VERSION")
    );
    let mut not_exported = Vec::new();
    for t in exam.topic_ids().filter(|t| topic.is_none_or(|x| x == *t)) {
        let items: Vec<&Question> = banks.in_topic(&exam.id, t).collect();
        if items.is_empty() {
            continue;
        }
        gift.push_str(&format!(
            "\n$CATEGORY: {}\n",
            comment(&format!("{}/{t}", exam.id))
        ));
        for q in items {
            match question(q) {
                Ok(text) => {
                    gift.push('\n');
                    gift.push_str(&text);
                    gift.push('\n');
                }
                Err(why) => not_exported.push((q.id.clone(), why)),
            }
        }
    }
    Export { gift, not_exported }
}

/// The item as one GIFT question, or why GIFT has no type for it.
fn question(q: &Question) -> Result<String, String> {
    let shape = shape(q);
    // Only choice and true/false carry the code block (gaps and matching are text).
    let with_code = matches!(shape, Shape::Choice | Shape::TrueFalse { .. });
    let body = match shape {
        Shape::Choice => choices(q),
        Shape::TrueFalse {
            value,
            wrong_why,
            right_why,
        } => {
            let mut body = String::from(if value { "TRUE" } else { "FALSE" });
            // `#wrong#right`; an empty wrong feedback is a space, so `##` never reads as `####`.
            if wrong_why.is_some() || right_why.is_some() {
                body.push_str(&format!("#{}", wrong_why.map_or(" ".to_string(), escape)));
            }
            if let Some(right) = right_why {
                body.push_str(&format!("#{}", escape(right)));
            }
            body.push('\n');
            body
        }
        Shape::ShortAnswer { accepted } => short_answers(accepted)?,
        Shape::MissingWord {
            before,
            after,
            accepted,
        } => {
            let text = format!(
                "::{}::{}{{\n{}{}}}{}",
                escape(&q.id),
                escape(before),
                short_answers(accepted)?,
                feedback(q),
                escape(after)
            );
            return Ok(protect_lines(&text));
        }
        Shape::Matching { pairs, distractors } => {
            let mut body = String::new();
            for (left, right) in pairs {
                body.push_str(&format!("={} -> {}\n", escape(left), escape(right)));
            }
            for d in distractors {
                body.push_str(&format!("= -> {}\n", escape(d)));
            }
            body
        }
        Shape::CodeGaps => return Err("GIFT has no gap inside code (Moodle XML has: export moodle)".into()),
        Shape::CodeSlots => {
            return Err("GIFT has no slots inside code (Moodle XML has: export moodle)".into());
        }
        Shape::Order => return Err("GIFT has no ordering question (Moodle XML has: export moodle)".into()),
        Shape::Tokens | Shape::Match => return Err("GIFT has no tile or bin question".into()),
        // GIFT holds one code block; the files would come back as prose or be lost.
        Shape::WithFiles(n) => {
            return Err(format!(
                "items with files beside their code (here {n}) have no GIFT form"
            ));
        }
    };
    let mut text = format!("::{}::", escape(&q.id));
    let prompt = escape(q.prompt.trim());
    match &q.code {
        Some(code) if with_code => {
            let newline = if code.ends_with('\n') { "" } else { "\n" };
            text.push_str(&format!(
                "[markdown]{prompt}\n\n```{}\n{}{newline}```",
                q.lang.name(),
                escape(code)
            ));
        }
        _ => text.push_str(&prompt),
    }
    text.push_str(" {\n");
    text.push_str(&body);
    text.push_str(&feedback(q));
    text.push('}');
    Ok(protect_lines(&text))
}

fn choices(q: &Question) -> String {
    let mut text = String::new();
    let keys = q.keyed().len();
    for c in &q.choices {
        let marker = match (keys, c.correct) {
            (1, true) => "=".to_string(),
            (1, false) => "~".to_string(),
            (_, true) => format!("~%{}%", percent(100.0 / keys as f64)),
            // Wrong picks cost as much as right ones earn, so choosing everything cannot pay.
            (_, false) => "~%-100%".to_string(),
        };
        text.push_str(&format!("{marker}{}", escape(&c.text)));
        if let Some(why) = &c.why {
            text.push_str(&format!(" #{}", escape(why)));
        }
        text.push('\n');
    }
    text
}

fn short_answers(accepted: &[String]) -> Result<String, String> {
    if accepted.iter().any(|a| a.contains("->")) {
        return Err("an accepted answer holds '->', which GIFT reads as a matching pair".into());
    }
    Ok(accepted.iter().map(|a| format!("={}\n", escape(a))).collect())
}

/// The explanation as general feedback.
fn feedback(q: &Question) -> String {
    format!("####{}\n", escape(q.explanation.trim()))
}

/// Text on one line of its own (a comment, a category): no control characters, and no line
/// break that would end it.
fn comment(text: &str) -> String {
    without_controls(text).replace(['\n', '\t'], " ")
}

/// Moodle's weights: whole numbers where exact, else five decimals (33.33333).
fn percent(p: f64) -> String {
    let s = format!("{p:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// GIFT's special characters, each behind a backslash (a backslash too, so `\n` in code stays).
/// Control characters (`check` refuses them in banks) have no GIFT form and are left out, so
/// the export never carries a terminal command.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in without_controls(text).chars() {
        if matches!(c, '~' | '=' | '#' | '{' | '}' | ':' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A blank line ends a GIFT question and a line starting with `//` is a comment: such lines of
/// code or text are joined to the previous one with the escape `\n` instead of a line break.
fn protect_lines(text: &str) -> String {
    let mut lines = text.split('\n');
    let mut out = lines.next().unwrap_or_default().to_string();
    for line in lines {
        let risky = line.trim().is_empty() || line.trim_start().starts_with("//");
        out.push_str(if risky { "\\n" } else { "\n" });
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_and_protected_lines() {
        assert_eq!(
            [2.0, 3.0, 4.0, 6.0].map(|k| percent(100.0 / k)),
            ["50", "33.33333", "25", "16.66667"]
        );
        assert_eq!(protect_lines("a\n\n  \n// b\nc"), "a\\n\\n  \\n// b\nc");
        assert_eq!(escape(r"{a=b}: \n #~"), r"\{a\=b\}\: \\n \#\~");
        assert_eq!(escape("a\u{1b}[2J\u{7}\n\tb"), "a[2J\n\tb");
        assert_eq!(comment("Demo\n\u{1b}[2JExam"), "Demo [2JExam");
    }
}
