//! The history list: every attempt and drill, newest first, opening into review.

use super::{App, Effect, Msg, Screen};

#[derive(Debug, Clone)]
pub struct HistoryScreen {
    pub exam: Option<String>,
    pub selected: usize,
    /// The screen it was opened from (results, review): q goes back there.
    pub back: Option<Box<Screen>>,
    /// Whether the trend line also plots non-standard-time and timed-out mocks.
    pub all_in_trend: bool,
}

impl HistoryScreen {
    pub fn new(exam: Option<String>) -> HistoryScreen {
        HistoryScreen {
            exam,
            selected: 0,
            back: None,
            all_in_trend: false,
        }
    }
}

impl App {
    /// Indices into `history` that the history screen lists, newest first.
    pub fn history_rows(&self, exam: Option<&str>) -> Vec<usize> {
        (0..self.history.len())
            .rev()
            .filter(|&i| exam.is_none_or(|e| self.history[i].summary.exam == e))
            .collect()
    }

    /// The history list of `attempt`'s exam with that attempt selected.
    pub(super) fn history_of(&self, attempt: &crate::session::Attempt) -> HistoryScreen {
        let exam = Some(attempt.exam.clone());
        let selected = self
            .history_rows(exam.as_deref())
            .iter()
            .position(|&i| self.history[i].summary.finished_at == attempt.finished_at)
            .unwrap_or(0);
        HistoryScreen {
            selected,
            ..HistoryScreen::new(exam)
        }
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
                        selected,
                        ..h.clone()
                    };
                    self.review_back = Some(Box::new(Screen::History(back)));
                    return vec![Effect::OpenAttempt(self.history[i].name.clone())];
                }
                return Vec::new();
            }
            Msg::CycleFilter => {
                if let Screen::History(h) = &mut self.screen {
                    h.all_in_trend = !h.all_in_trend;
                }
                return Vec::new();
            }
            Msg::Quit | Msg::Cancel if h.back.is_some() => {
                let Screen::History(h) = &mut self.screen else {
                    return Vec::new();
                };
                self.screen = *h.back.take().expect("checked");
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
