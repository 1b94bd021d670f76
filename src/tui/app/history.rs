//! The history list: every attempt and drill, newest first, opening into review.

use super::{App, Effect, Msg, Screen};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryScreen {
    pub exam: Option<String>,
    pub selected: usize,
}

impl App {
    /// Indices into `history` that the history screen lists, newest first.
    pub fn history_rows(&self, exam: Option<&str>) -> Vec<usize> {
        (0..self.history.len())
            .rev()
            .filter(|&i| exam.is_none_or(|e| self.history[i].summary.exam == e))
            .collect()
    }

    pub(super) fn update_history(&mut self, msg: Msg) -> Vec<Effect> {
        let Screen::History(h) = &self.screen else {
            return Vec::new();
        };
        let rows = self.history_rows(h.exam.as_deref());
        let selected = h.selected.min(rows.len().saturating_sub(1));
        let selected = match msg {
            Msg::Down | Msg::Next => (selected + 1).min(rows.len().saturating_sub(1)),
            Msg::Up | Msg::Previous => selected.saturating_sub(1),
            Msg::Confirm | Msg::OpenReview => {
                if let Some(&i) = rows.get(selected) {
                    let back = HistoryScreen {
                        exam: h.exam.clone(),
                        selected,
                    };
                    return vec![Effect::OpenAttempt {
                        name: self.history[i].name.clone(),
                        back: Some(back),
                    }];
                }
                return Vec::new();
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => return self.leave(),
            _ => selected,
        };
        if let Screen::History(h) = &mut self.screen {
            h.selected = selected;
        }
        Vec::new()
    }
}
