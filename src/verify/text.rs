//! Comparing what Python printed with an option's text: normalising output, finding an
//! exception's class and printed lines as whole tokens in an option.

/// Trailing white space of each line and trailing blank lines do not count.
pub fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    lines[..end].join("\n")
}

pub fn last_line(text: &str) -> String {
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

pub fn names_word(text: &str, word: &str) -> bool {
    !word.is_empty() && find_token(text, word).is_some()
}

/// Every printed line appears in `text` as a token, in order.
pub fn contains_in_order(text: &str, parts: &[String]) -> bool {
    let mut rest = text;
    for part in parts {
        match find_token(rest, part) {
            Some(end) => rest = &rest[end..],
            None => return false,
        }
    }
    true
}

pub fn option_numbers(indices: &[usize]) -> String {
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
