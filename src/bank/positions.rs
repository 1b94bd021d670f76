//! Where each question starts in a bank file's YAML. Shared with `build.rs`, which computes it
//! for the embedded banks so start-up never reads their YAML (only their build-time JSON).

/// Line and column of each question's `id:` key, in file order. Questions are a sequence of
/// maps, so every `id:` key at the first one's column belongs to the next question.
pub fn id_positions(text: &str) -> Vec<(usize, usize)> {
    let mut column = None;
    let mut positions = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let body_col = line.len() - body.len();
        let (key, col) = match body.strip_prefix("- ") {
            Some(rest) => (
                rest.trim_start(),
                body_col + 2 + (rest.len() - rest.trim_start().len()),
            ),
            None => (body, body_col),
        };
        if key.starts_with("id:") && *column.get_or_insert(col) == col {
            positions.push((i + 1, col + 1));
        }
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_positions_follow_the_question_column() {
        let text = "questions:\n  - id: a-1\n    code: |\n      id: 3\n  - prompt: x\n    id: b-2\n";
        assert_eq!(id_positions(text), [(2, 5), (6, 5)]);
    }
}
