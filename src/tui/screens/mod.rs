//! One module per screen; `view` dispatches. Each draws from borrowed state.

pub mod body;
pub mod drill;
pub mod exam;
pub mod frame;
pub mod history;
pub mod kinds;
pub mod mastery;
pub mod menu;
pub mod overlay;
pub mod plan;
pub mod results;
pub mod review;
pub mod step;
pub mod study;

use ratatui::layout::Rect;

/// Every screen's keys, as its `?` help lists them (or its footer, where it has no help): what
/// `pyexam man` prints under KEYS, so the manual and the screens never disagree.
pub const KEY_TABLES: &[(&str, &[(&str, &str)])] = &[
    ("Menu", menu::HELP),
    ("Exam", overlay::HELP),
    ("Drill and study", drill::HELP),
    ("Review", review::HELP),
    ("Step view", step::HELP),
    ("Results", results::MOCK_HINTS),
    ("History", history::HINTS),
    ("Mastery map", mastery::HINTS),
];

use crate::tui::app::{App, Screen};

/// Lines PgUp/PgDn move on the screen shown in `area`: the height of the pane that scrolls,
/// less one line kept for context.
pub fn page_rows(app: &App, area: Rect) -> u16 {
    let (_, body, _) = frame::split(area);
    let rows = match &app.screen {
        Screen::Exam(e) => {
            let (stem, options) = exam::docs(e, body.width, &app.theme);
            body::stem_rows(stem.lines.len(), options.lines.len(), body.height)
        }
        Screen::Drill(d) => match drill::docs(d, body.width, &app.theme) {
            Some((stem, options)) => body::stem_rows(stem.lines.len(), options.lines.len(), body.height),
            None => body.height,
        },
        _ => body.height,
    };
    rows.saturating_sub(1).max(1)
}
