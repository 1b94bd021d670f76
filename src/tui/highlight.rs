//! Python syntax highlighting with tree-sitter. The configuration is built once; each code
//! block is highlighted once and cached, so redraws cost nothing.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

/// Capture names we style (see `Theme::syntax`).
pub const CAPTURES: &[&str] = &[
    "keyword",
    "string",
    "escape",
    "number",
    "constant",
    "constant.builtin",
    "comment",
    "function",
    "function.method",
    "function.builtin",
    "constructor",
    "type",
    "operator",
    "property",
    "variable",
    "punctuation",
];

/// One line of code as runs of (capture name or "", text).
pub type Runs = Vec<(&'static str, String)>;

fn config() -> &'static Option<HighlightConfiguration> {
    static CONFIG: OnceLock<Option<HighlightConfiguration>> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let mut config = HighlightConfiguration::new(
            tree_sitter_python::LANGUAGE.into(),
            "python",
            tree_sitter_python::HIGHLIGHTS_QUERY,
            "",
            "",
        )
        .ok()?;
        config.configure(CAPTURES);
        Some(config)
    })
}

/// Build the highlighter's configuration now (it takes a few milliseconds): call this on a
/// spare thread at start-up so the first frame does not wait for it.
pub fn warm() {
    let _ = config();
}

/// Highlighted lines of `code`, computed once per distinct code block.
pub fn lines(code: &str) -> Vec<Runs> {
    static CACHE: OnceLock<Mutex<HashMap<String, Vec<Runs>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().unwrap().get(code) {
        return hit.clone();
    }
    let result = highlight(code);
    cache.lock().unwrap().insert(code.to_string(), result.clone());
    result
}

/// Code of another language than Python, one plain run per line.
pub fn plain(code: &str) -> Vec<Runs> {
    code.lines().map(|l| vec![("", l.to_string())]).collect()
}

/// Highlight without the cache (benchmarks measure both).
pub fn highlight(code: &str) -> Vec<Runs> {
    let plain = || code.lines().map(|l| vec![("", l.to_string())]).collect();
    let Some(config) = config() else {
        return plain();
    };
    let mut highlighter = Highlighter::new();
    let Ok(events) = highlighter.highlight(config, code.as_bytes(), None, |_| None) else {
        return plain();
    };
    let mut out: Vec<Runs> = vec![Vec::new()];
    let mut stack: Vec<&'static str> = Vec::new();
    for event in events {
        match event {
            Ok(HighlightEvent::HighlightStart(h)) => stack.push(CAPTURES[h.0]),
            Ok(HighlightEvent::HighlightEnd) => {
                stack.pop();
            }
            Ok(HighlightEvent::Source { start, end }) => {
                let capture = stack.last().copied().unwrap_or("");
                for (i, piece) in code[start..end].split('\n').enumerate() {
                    if i > 0 {
                        out.push(Vec::new());
                    }
                    if !piece.is_empty() {
                        out.last_mut().unwrap().push((capture, piece.to_string()));
                    }
                }
            }
            Err(_) => return plain(),
        }
    }
    if code.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_strings_are_classified() {
        let lines = highlight("def f():\n    return 'x'  # c\n");
        assert_eq!(lines.len(), 2);
        assert!(lines[0].contains(&("keyword", "def".to_string())));
        assert!(lines[1].iter().any(|(c, t)| *c == "string" && t == "'x'"));
        assert!(lines[1].iter().any(|(c, t)| *c == "comment" && t == "# c"));
        let text: String = lines[1].iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(text, "    return 'x'  # c");
    }
}
