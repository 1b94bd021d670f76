//! The bank file an import writes, emitted by hand so that every reader loads the same values:
//! a scalar is written plain only when it is a word-like text no YAML reader takes for anything
//! else, and double-quoted (or as a `|` block, for lines of code) otherwise. serde's emitter
//! wrote `text: =` and `text: yes` plain, which YAML 1.1 readers (PyYAML) read as a value key and
//! a boolean; `on`, `off`, `y`, `n`, `~`, `010`, `1:20`, `.inf` and the like are the same trap.

use super::items::Draft;
use crate::bank::Lang;

pub fn bank_file(exam: &str, topic: &str, source: &str, drafts: &[Draft]) -> String {
    let mut out = String::new();
    out.push_str(&format!("exam: {}\n", scalar(exam, 0)));
    out.push_str(&format!("topic: {}\n", scalar(topic, 0)));
    out.push_str(&format!("imported_from: {}\n", scalar(source, 0)));
    if drafts.is_empty() {
        out.push_str("questions: []\n");
        return out;
    }
    out.push_str("questions:\n");
    for d in drafts {
        item(&mut out, d);
    }
    out
}

fn item(out: &mut String, d: &Draft) {
    // Keys at indent 2 ("- " opens the item, as serde writes it); lists under them indentless.
    let field = |out: &mut String, first: &mut bool, key: &str, value: String| {
        out.push_str(if *first { "- " } else { "  " });
        *first = false;
        out.push_str(key);
        out.push(':');
        if !value.starts_with('\n') {
            out.push(' ');
        }
        out.push_str(&value);
        out.push('\n');
    };
    let mut first = true;
    let first = &mut first;
    field(out, first, "id", scalar(&d.id, 2));
    if d.kind != crate::bank::Kind::Choice {
        field(out, first, "kind", d.kind.name().to_string());
    }
    field(out, first, "prompt", scalar(&d.prompt, 2));
    if let Some(code) = &d.code {
        field(out, first, "code", scalar(code, 2));
    }
    if d.lang != Lang::Python {
        field(out, first, "lang", d.lang.name().to_string());
    }
    for (key, list) in [("pool", &d.pool), ("slots", &d.slots), ("lines", &d.lines)] {
        if !list.is_empty() {
            let items: String = list.iter().map(|s| format!("\n  - {}", one_line(s))).collect();
            field(out, first, key, items);
        }
    }
    if !d.gaps.is_empty() {
        let items: String = d
            .gaps
            .iter()
            .map(|g| {
                let accepted: Vec<String> = g.iter().map(|a| flow_scalar(a)).collect();
                format!("\n  - [{}]", accepted.join(", "))
            })
            .collect();
        field(out, first, "gaps", items);
    }
    if !d.choices.is_empty() {
        let mut items = String::new();
        for c in &d.choices {
            items.push_str(&format!("\n  - text: {}", scalar(&c.text, 4)));
            if c.correct {
                items.push_str("\n    correct: true");
            }
            if let Some(why) = &c.why {
                items.push_str(&format!("\n    why: {}", scalar(why, 4)));
            }
        }
        field(out, first, "choices", items);
    }
    if let Some(shuffle) = d.shuffle {
        field(out, first, "shuffle", shuffle.to_string());
    }
    if let Some(e) = &d.explanation {
        field(out, first, "explanation", scalar(e, 2));
    }
}

/// A value in block context, its key at `indent` spaces: plain, a `|` block or double-quoted.
pub fn scalar(text: &str, indent: usize) -> String {
    if is_plain(text) {
        return text.to_string();
    }
    if let Some(block) = literal_block(text, indent + 2) {
        return block;
    }
    quoted(text)
}

/// A list entry: plain or double-quoted, never a block.
fn one_line(text: &str) -> String {
    if is_plain(text) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A value inside `[...]`: plain only without a comma.
fn flow_scalar(text: &str) -> String {
    if is_plain(text) && !text.contains(',') {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// Words every YAML reader (1.1 or 1.2) resolves to something other than a string.
const SPECIAL_WORDS: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];

/// Text that reads as itself in YAML 1.1 and 1.2 alike: it starts with a letter, holds only
/// letters, digits, spaces and harmless punctuation, no `: ` or ` #`, and is not a special word.
fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && text.trim() == text
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " _.,'()-/?!;+*=<>%".contains(c))
        && !SPECIAL_WORDS.contains(&text.to_ascii_lowercase().as_str())
        && !text.chars().any(|c| c.is_control() || is_break_like(c))
}

/// Characters YAML 1.1 takes as line breaks, or that readers refuse raw.
fn is_break_like(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Text of several lines as a `|` block, its lines `indent` spaces in: only when every character can stand raw
/// (no control character but tab, no YAML 1.1 line break) and it holds a line break.
fn literal_block(text: &str, indent: usize) -> Option<String> {
    if !text.contains('\n')
        || text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_break_like(c))
    {
        return None;
    }
    let body = text.trim_end_matches('\n');
    if body.is_empty() {
        return None;
    }
    let trailing = text.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    // A first line that starts with a space or tab needs the indentation said; it counts from
    // the key's indentation, and the lines are `indent` spaces in: two more.
    let indicator = if body.starts_with([' ', '\t']) { "2" } else { "" };
    let pad = " ".repeat(indent);
    let mut out = format!("|{indicator}{chomp}");
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
}

/// A double-quoted scalar: backslash, quote, control characters and YAML 1.1 line breaks escaped.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_break_like(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else {
                    out.push_str(&format!("\\u{n:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_yaml_readers_mistake_are_quoted() {
        for s in [
            "=",
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "n",
            "~",
            "null",
            "true",
            "False",
            "010",
            "1:20",
            ".inf",
            "<<",
            "",
            " a",
            "a: b",
            "a #b",
            "\"q\"",
            "2001-12-14",
            "-",
            "?",
            "@x",
            "[a]",
        ] {
            assert!(scalar(s, 0).starts_with('"'), "{s:?} -> {}", scalar(s, 0));
        }
        for s in ["Lima", "the Danube", "Cusco was the Inca capital, not today's."] {
            assert_eq!(scalar(s, 0), s);
        }
    }

    /// Every scalar reads back as itself, whatever it holds, in each place the emitter writes.
    #[test]
    fn scalars_read_back_as_written() {
        let texts = [
            "x = 1\n\n  y\n",
            "  x\ny",
            "a\n\n",
            "\tdef f():\n\treturn 1\n",
            "a  \n  \n---\n...\n# c\n",
            "\nlead",
            "trail \n",
            "a\u{1b}\nb",
            "'q'",
            "\"",
            "\\",
            "%x",
            "@x",
            "`x`",
            "- a",
            "? a",
            "a: b",
            "#",
            "|",
            ">",
            "!x",
            "&x",
            "*x",
            "{a}",
            "[a]",
            "a, b",
            "0o7",
            "0x1F",
            "1_000",
            "1e3",
            "+1",
            ".5",
            "Yes",
            "NULL",
            "~",
            "=",
            "<<",
            "é",
            "日本",
            "a\u{2028}b",
            "\u{feff}x",
        ];
        for t in texts {
            let draft = Draft {
                id: "x-y-001".into(),
                prompt: t.into(),
                code: Some(t.into()),
                pool: vec![t.into()],
                gaps: vec![vec![t.into(), t.into()]],
                choices: vec![crate::formats::DraftChoice {
                    text: t.into(),
                    correct: true,
                    why: Some(t.into()),
                }],
                explanation: Some(t.into()),
                ..Draft::default()
            };
            let yaml = bank_file(t, t, t, &[draft]);
            let v: serde_yaml::Value =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{t:?}: {e}\n{yaml}"));
            let q = &v["questions"][0];
            for got in [
                &v["exam"],
                &q["prompt"],
                &q["code"],
                &q["pool"][0],
                &q["gaps"][0][1],
                &q["choices"][0]["text"],
                &q["choices"][0]["why"],
                &q["explanation"],
            ] {
                assert_eq!(got.as_str(), Some(t), "{t:?} in\n{yaml}");
            }
            assert_eq!(
                crate::bank::precheck("f.yaml", &yaml).map_err(|p| p.to_string()),
                Ok(()),
                "{yaml}"
            );
        }
    }

    #[test]
    fn code_is_a_block_and_controls_are_escaped() {
        assert_eq!(scalar("x = 1\n\n  y\n", 4), "|\n      x = 1\n\n        y");
        assert_eq!(scalar("  x\ny", 4), "|2-\n        x\n      y");
        assert_eq!(scalar("a\n\n", 4), "|+\n      a\n");
        assert_eq!(scalar("a\u{1b}[2J\nb", 4), "\"a\\x1b[2J\\nb\"");
        assert_eq!(quoted("\u{2028}"), "\"\\u2028\"");
    }
}
