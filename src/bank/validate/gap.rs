//! Rules for gap-fill items.

use crate::bank::model::Gap;

use crate::bank::schema::RawGap;

use crate::bank::model::MAX_GAP_CHARS;
pub fn check(raw: Vec<RawGap>, code: Option<&str>, id: &str, problem: &mut impl FnMut(String)) -> Vec<Gap> {
    let gaps: Vec<Gap> = raw.into_iter().map(Gap::from).collect();
    if gaps.is_empty() {
        problem(format!(
            "question '{id}' (kind: gap) has no `gaps` (the accepted answers per gap)"
        ));
    }
    for (i, gap) in gaps.iter().enumerate() {
        if gap.accept.iter().all(|a| a.trim().is_empty()) {
            problem(format!("question '{id}' gap {} accepts no answer", i + 1));
        } else if let Some(long) = gap
            .accept
            .iter()
            .find(|a| a.trim().chars().count() > MAX_GAP_CHARS)
        {
            problem(format!(
                "question '{id}' gap {} accepts '{long}', longer than {MAX_GAP_CHARS} characters",
                i + 1
            ));
        }
    }
    super::markers::check(code, gaps.len(), "gap", id, problem);
    gaps
}
