//! Reviewing a finished attempt: missed, flagged or all items, one at a time.

use super::{App, Effect, HistoryScreen, Msg, Screen};
use crate::session::Attempt;
use crate::tui::scroll::Scroll;

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
    pub scroll: Scroll,
    /// The screen this review was opened from (results, history): q goes back to it.
    pub back: Option<Box<Screen>>,
    /// The review's keys shown over it (`?`); any key closes them.
    pub help: bool,
}

impl ReviewScreen {
    pub fn new(attempt: Attempt) -> ReviewScreen {
        let mut review = ReviewScreen {
            attempt,
            filter: Filter::Missed,
            pos: 0,
            scroll: Scroll::default(),
            back: None,
            help: false,
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
        if review.help {
            review.help = false;
            return Vec::new();
        }
        match msg {
            Msg::Help => review.help = true,
            Msg::Next | Msg::Down if count > 0 && msg == Msg::Next => {
                review.pos = (review.pos + 1).min(count - 1);
                review.scroll = Scroll::default();
            }
            Msg::Previous => {
                review.pos = review.pos.saturating_sub(1);
                review.scroll = Scroll::default();
            }
            Msg::Down => review.scroll.by(1),
            Msg::Up => review.scroll.by(-1),
            Msg::ScrollDown => review.scroll.by(i32::from(self.page)),
            Msg::ScrollUp => review.scroll.by(-i32::from(self.page)),
            Msg::First => review.scroll.home(),
            Msg::Last => review.scroll.end(),
            Msg::CycleFilter => {
                review.filter = review.filter.next();
                review.pos = 0;
                review.scroll = Scroll::default();
            }
            Msg::StepThrough => {
                if let Some(&i) = review.visible().get(review.pos) {
                    let item = review.attempt.items[i].clone();
                    self.open_step(&item);
                }
            }
            Msg::OpenHistory => {
                let attempt = review.attempt.clone();
                let list = self.history_of(&attempt);
                let here = std::mem::replace(&mut self.screen, Screen::Menu(super::MenuScreen::top()));
                self.screen = Screen::History(HistoryScreen {
                    back: Some(Box::new(here)),
                    ..list
                });
            }
            Msg::Quit | Msg::Cancel if review.back.is_some() => {
                self.screen = *review.back.take().expect("checked");
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => return self.leave(),
            _ => {}
        }
        Vec::new()
    }
}
