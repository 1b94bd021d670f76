//! Gap fill: the candidate types the missing text; a gap is right when its text, trimmed,
//! is one of the accepted answers.

use super::Edit;
use crate::bank::model::MAX_GAP_CHARS;
use crate::session::item::{Answer, Item};

pub fn progress(item: &Item, answer: &Answer) -> (usize, usize) {
    let Answer::Gap(texts) = answer else {
        return (0, 0);
    };
    let mut earned = 0;
    let mut given = 0;
    for (gap, text) in item.gaps.iter().zip(texts) {
        let text = text.trim();
        if !text.is_empty() {
            given += 1;
            if gap.accept.iter().any(|a| a.trim() == text) {
                earned += 1;
            }
        }
    }
    (earned, given)
}

/// The text typed so far in each gap.
pub fn texts(item: &Item, answer: Option<&Answer>) -> Vec<String> {
    match answer {
        Some(Answer::Gap(t)) => {
            let mut t = t.clone();
            t.resize(item.gaps.len(), String::new());
            t
        }
        _ => vec![String::new(); item.gaps.len()],
    }
}

pub fn edit(item: &Item, current: Option<&Answer>, cursor: usize, edit: Edit) -> Option<Answer> {
    let mut texts = texts(item, current);
    let Some(text) = texts.get_mut(cursor) else {
        return current.cloned();
    };
    match edit {
        Edit::Type(c) if !c.is_control() && text.chars().count() < MAX_GAP_CHARS => text.push(c),
        Edit::Backspace => {
            text.pop();
        }
        Edit::Clear => text.clear(),
        _ => {}
    }
    texts.iter().any(|t| !t.is_empty()).then_some(Answer::Gap(texts))
}
