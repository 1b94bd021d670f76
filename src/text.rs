//! Bank and file text on its way to a terminal. Titles, prompts, ids, file names and messages
//! quoting them come from files anyone can write; a control character among them is a terminal
//! command (an OSC 52 in an exam title sets the clipboard). The TUI's cells drop them (ratatui
//! skips control characters); every line printed plainly goes through `printable`.

use std::borrow::Cow;

/// Control characters bank text may not hold: all but newline and tab (`pyexam check`'s rule).
pub fn is_disallowed_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// The first control character `text` may not hold, if any.
pub fn first_control(text: &str) -> Option<char> {
    text.chars().find(|&c| is_disallowed_control(c))
}

/// What `pyexam check` says of one, after saying where: "control character U+001B (only ...)".
pub fn control_message(c: char) -> String {
    format!(
        "control character U+{:04X} (only newline and tab are allowed)",
        u32::from(c)
    )
}

/// `text` with each disallowed control character written out as `\u{1b}`, so the reader sees
/// that something was there and the terminal receives no command.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_disallowed_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_disallowed_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` without its disallowed control characters, for file formats with no escape for them
/// (GIFT).
pub fn without_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_disallowed_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_disallowed_control(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_escaped_but_newline_and_tab_stay() {
        let osc52 = "Exam \u{1b}]52;c;cm0gLXJmIH4=\u{7} one\r\n\ttwo \u{9b}2J \u{7f}";
        assert_eq!(
            printable(osc52),
            "Exam \\u{1b}]52;c;cm0gLXJmIH4=\\u{7} one\\u{d}\n\ttwo \\u{9b}2J \\u{7f}"
        );
        assert_eq!(without_controls(osc52), "Exam ]52;c;cm0gLXJmIH4= one\n\ttwo 2J ");
        assert_eq!(first_control("a\tb\nc\u{9b}d\u{1b}"), Some('\u{9b}'));
        assert_eq!(
            control_message('\u{1b}'),
            "control character U+001B (only newline and tab are allowed)"
        );
    }

    #[test]
    fn ordinary_text_is_not_copied() {
        let text = "Ünïcode — « quotes » 🐍\n\tindented";
        assert!(matches!(printable(text), Cow::Borrowed(_)));
        assert!(matches!(without_controls(text), Cow::Borrowed(_)));
    }
}
