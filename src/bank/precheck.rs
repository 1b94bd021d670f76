//! A scan before YAML parsing that rejects what bank files never need and YAML bombs rely on:
//! anchors and aliases (`&name`, `*name`: billion laughs, alias fan-out) and deep flow nesting
//! (`[[[[...`, which the parser handles in time quadratic in the depth).
//!
//! The scan knows just enough YAML to avoid false alarms: it skips block scalars (`code: |`),
//! quoted strings and comments, and looks for `&`, `*`, `[` and `{` only where a node starts.

use crate::diagnostic::Problem;
use crate::text::{control_message, is_disallowed_control};

/// Flow collections nested deeper than this are refused; banks use one or two levels.
pub const MAX_FLOW_DEPTH: usize = 32;

pub fn precheck(path: &str, text: &str) -> Result<(), Problem> {
    refuse_raw_controls(path, text)?;
    let mut depth = 0usize;
    // While inside a block scalar: the indentation its content must exceed.
    let mut block: Option<usize> = None;
    for (row, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        if let Some(parent) = block {
            if body.is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        let at = |col: usize, message: &str| Err(Problem::new(path, row + 1, col + 1, message));
        let mut node_start = true;
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        let mut chars = line.char_indices().peekable();
        while let Some((col, ch)) = chars.next() {
            let next = chars.peek().map_or(' ', |(_, c)| *c);
            if let Some(q) = quote {
                // In double quotes `\"` is a quote character, not the end (an imported `"{&a`
                // written as "\"{&a" was taken for an anchor).
                if q == '"' && ch == '\\' {
                    chars.next();
                } else if ch == q {
                    quote = None;
                }
                prev = ch;
                continue;
            }
            match ch {
                '#' if prev.is_whitespace() || col == 0 => break,
                '\'' | '"' if node_start => quote = Some(ch),
                '&' | '*' if node_start && (next.is_alphanumeric() || next == '_') => {
                    return at(
                        col,
                        "anchors and aliases (&name, *name) are not allowed in bank files",
                    );
                }
                '[' | '{' if node_start || depth > 0 => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return at(
                            col,
                            &format!("nesting deeper than {MAX_FLOW_DEPTH} levels is not allowed"),
                        );
                    }
                }
                ']' | '}' if depth > 0 => depth -= 1,
                _ => {}
            }
            node_start = match ch {
                c if c.is_whitespace() => node_start,
                '[' | '{' | ',' => true,
                '-' | ':' | '?' => next.is_whitespace(),
                _ => false,
            };
            prev = ch;
        }
        let value = body.split(" #").next().unwrap_or("").trim_end();
        // `key: |`, `- |-`, `key: >+2`: the indicator is the whole value.
        let (before, last) = value.rsplit_once(' ').unwrap_or(("", value));
        let opens_block = last.starts_with(['|', '>'])
            && last[1..].chars().all(|c| matches!(c, '-' | '+' | '0'..='9'))
            && (before.is_empty() || before.ends_with([':', '-']));
        if opens_block && quote.is_none() && depth == 0 {
            let key_col = indent + if body.starts_with("- ") { 2 } else { 0 };
            block = Some(key_col);
        }
    }
    Ok(())
}

/// A control character written into the file as it is (the YAML parser refuses it too, but at
/// a byte offset): located here. A lone carriage return is a line break to YAML, so it passes.
fn refuse_raw_controls(path: &str, text: &str) -> Result<(), Problem> {
    for (row, line) in text.lines().enumerate() {
        if let Some((col, c)) = line
            .char_indices()
            .find(|&(_, c)| is_disallowed_control(c) && c != '\r')
        {
            return Err(Problem::new(path, row + 1, col + 1, control_message(c)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), String> {
        precheck("f.yaml", text).map_err(|p| p.to_string())
    }

    #[test]
    fn ordinary_banks_pass() {
        let text = "# a comment € [[[\nquestions:\n  - id: x-y-001\n    prompt: What does *args collect? a[0] & b\n    code: |\n      def f(*args, **kw):\n          return [[[x]]] & {'a': *args}\n    choices:\n      - text: \"*\"\n      - text: '[1, 2'\n      - { text: \"[\", correct: true }\n      - text: ends in € >-\n";
        assert_eq!(check(text), Ok(()));
    }

    #[test]
    fn an_escaped_quote_does_not_end_a_double_quoted_string() {
        assert_eq!(check("a: \"\\\"{&a\"\nb: '&x'\n"), Ok(()));
        // An escaped backslash does not escape the closing quote: the anchor after it is found.
        assert!(check("a: [\"\\\\\", &x]\n").is_err());
    }

    #[test]
    fn aliases_and_anchors_are_refused() {
        assert_eq!(
            check("a: &x [1]\nb: *x\n"),
            Err("f.yaml:1:4: error: anchors and aliases (&name, *name) are not allowed in bank files".into())
        );
        assert!(check("- *x\n").is_err());
        assert!(check("k: [1, *x]\n").is_err());
    }

    #[test]
    fn raw_control_characters_are_refused_where_they_are() {
        assert_eq!(
            check("a: b\nc: \"d\u{7f}\"\r\n"),
            Err("f.yaml:2:6: error: control character U+007F (only newline and tab are allowed)".into())
        );
        assert_eq!(
            check("code: |\n  x = 1\u{1b}[2J\n"),
            Err("f.yaml:2:8: error: control character U+001B (only newline and tab are allowed)".into())
        );
        assert_eq!(check("a: \"\\e is an escape\"\r\nb:\tc\r\n"), Ok(()));
    }

    #[test]
    fn deep_flow_nesting_is_refused() {
        let deep = format!("k: {}", "[".repeat(40));
        assert_eq!(
            check(&deep),
            Err("f.yaml:1:36: error: nesting deeper than 32 levels is not allowed".into())
        );
        assert_eq!(check(&format!("k: {}{}", "[".repeat(5), "]".repeat(5))), Ok(()));
    }
}
