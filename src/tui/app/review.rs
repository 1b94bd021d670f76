//! Reviewing a finished attempt: missed, flagged or all items, one at a time.

use super::{App, Effect, HistoryScreen, Msg, Screen};
use crate::session::Attempt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Missed,
    Flagged,
    All,
}

impl Filter {
    pub fn name(self) -> &'static str {
        match self {
            Filter::Missed => "missed",
            Filter::Flagged => "flagged",
            Filter::All => "all",
        }
    }
    fn next(self) -> Filter {
        match self {
            Filter::Missed => Filter::Flagged,
            Filter::Flagged => Filter::All,
            Filter::All => Filter::Missed,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReviewScreen {
    pub attempt: Attempt,
    pub filter: Filter,
    /// Position within the filtered items.
    pub pos: usize,
    pub scroll: u16,
    /// The history list this review was opened from: q goes back to it.
    pub from_history: Option<HistoryScreen>,
}

impl ReviewScreen {
    pub fn new(attempt: Attempt) -> ReviewScreen {
        let mut review = ReviewScreen {
            attempt,
            filter: Filter::Missed,
            pos: 0,
            scroll: 0,
            from_history: None,
        };
        if review.visible().is_empty() {
            review.filter = Filter::All;
        }
        review
    }

    /// Indices of the items the filter shows.
    pub fn visible(&self) -> Vec<usize> {
        let mut shown: Vec<usize> = self.filtered();
        // Misconceptions first: wrong and not flagged, the candidate did not know they did not know.
        if self.filter == Filter::Missed {
            shown.sort_by_key(|&i| !crate::session::calibration::is_misconception(&self.attempt, i));
        }
        shown
    }

    fn filtered(&self) -> Vec<usize> {
        (0..self.attempt.items.len())
            .filter(|&i| match self.filter {
                Filter::Missed => self.attempt.is_missed(i),
                Filter::Flagged => self.attempt.is_flagged(i),
                Filter::All => true,
            })
            .collect()
    }
}

impl App {
    pub(super) fn update_review(&mut self, msg: Msg) -> Vec<Effect> {
        let Screen::Review(review) = &mut self.screen else {
            return Vec::new();
        };
        let count = review.visible().len();
        match msg {
            Msg::Next | Msg::Down if count > 0 && msg == Msg::Next => {
                review.pos = (review.pos + 1).min(count - 1);
                review.scroll = 0;
            }
            Msg::Previous => {
                review.pos = review.pos.saturating_sub(1);
                review.scroll = 0;
            }
            Msg::Down | Msg::ScrollDown => review.scroll = review.scroll.saturating_add(3),
            Msg::Up | Msg::ScrollUp => review.scroll = review.scroll.saturating_sub(3),
            Msg::CycleFilter => {
                review.filter = review.filter.next();
                review.pos = 0;
                review.scroll = 0;
            }
            Msg::OpenHistory => {
                let exam = review.attempt.exam.clone();
                self.screen = Screen::History(HistoryScreen {
                    exam: Some(exam),
                    selected: usize::MAX,
                });
            }
            Msg::Quit | Msg::Cancel if review.from_history.is_some() => {
                let back = review.from_history.take().expect("checked");
                self.screen = Screen::History(back);
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => return self.leave(),
            _ => {}
        }
        Vec::new()
    }
}
