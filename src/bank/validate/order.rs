//! Rules for order items (sort, code ordering).

/// Lines are moved one place at a time; more than this is a chore, not a question.
pub const MAX_LINES: usize = 12;

pub fn check(
    lines: Vec<String>,
    code: Option<&str>,
    id: &str,
    problem: &mut impl FnMut(String),
) -> Vec<String> {
    if lines.len() < 3 {
        problem(format!(
            "question '{id}' needs at least 3 lines to order, has {}",
            lines.len()
        ));
    } else if lines.iter().all(|l| *l == lines[0]) {
        problem(format!(
            "question '{id}' has only identical lines: no arrangement could be wrong"
        ));
    }
    if lines.len() > MAX_LINES {
        problem(format!(
            "question '{id}' has {} lines; at most {MAX_LINES} can be ordered",
            lines.len()
        ));
    }
    if let Some(i) = lines.iter().position(|l| l.trim().is_empty()) {
        problem(format!("question '{id}' line {} is empty", i + 1));
    }
    if code.is_some() {
        problem(format!(
            "question '{id}' (kind: order) has `code`, but an order item's program is its `lines`"
        ));
    }
    lines
}
