//! Drill: an item, then right/wrong at once with the explanation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::body::{Doc, render_item};
use super::frame::{self, styled};
use super::kinds::{self, Shown, Whys};
use super::overlay;
use crate::bank::Kind;
use crate::tui::app::DrillScreen;
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[
    ("↑↓", "move"),
    ("1-9", "choose"),
    ("Enter", "check/next"),
    ("?", "help"),
    ("q", "end drill"),
];

const GAP_HINTS: &[(&str, &str)] = &[
    ("↑↓", "gap"),
    ("i", "type"),
    ("Enter", "type/check"),
    ("?", "help"),
    ("q", "end drill"),
];

const SLOTS_HINTS: &[(&str, &str)] = &[
    ("↑↓", "slot"),
    ("a-e/1-9", "fill"),
    ("x", "clear"),
    ("Enter", "check"),
    ("q", "end drill"),
];

const ORDER_HINTS: &[(&str, &str)] = &[
    ("↑↓", "line"),
    ("J/K ⇧↑↓", "move it"),
    ("Enter", "check"),
    ("?", "help"),
    ("q", "end drill"),
];

pub fn render(screen: &DrillScreen, notice: Option<&str>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let d = &screen.drill;
    let (head, body, foot) = frame::split(area);
    let mut topic = d.topic.as_deref().unwrap_or("missed questions").to_string();
    // An objective drill (or any drill whose items all test one objective) names it.
    if let Some(Some(o)) = d.items.first().map(|i| &i.objective)
        && d.topic.is_some()
        && d.items.iter().all(|i| i.objective.as_ref() == Some(o))
    {
        topic = format!("{topic} {o}");
    }
    let done = d.items.len() - d.remaining();
    frame::header(
        head,
        buf,
        theme,
        vec![styled(format!(" {} drill │ {topic} ", d.code), theme.header())],
        vec![styled(
            format!(" {done} done · {} to go ", d.remaining()),
            theme.header(),
        )],
    );
    let Some(index) = d.current() else {
        return;
    };
    let item = &d.items[index];
    let width = body.width as usize;
    let mut doc = Doc::default();
    if d.tries[index] > 0 && d.feedback.is_none() {
        doc.lines.push(Line::styled(
            format!("↻ again: you missed this {} time(s)", d.tries[index]),
            theme.warn(),
        ));
        doc.blank();
    }
    let answer = d.pending.as_ref();
    let shown = match d.feedback {
        None => Shown::Answering {
            answer,
            cursor: d.cursor,
            editing: screen.editing,
        },
        Some(_) => Shown::Reviewed { answer },
    };
    kinds::stem(&mut doc, item, shown, width, theme);
    let stem = doc;
    let mut doc = Doc::default();
    match d.feedback {
        None => kinds::answering(&mut doc, item, answer, d.cursor, screen.editing, width, theme),
        Some(right) => {
            kinds::feedback(&mut doc, item, answer, Whys::Mine, width, theme);
            doc.blank();
            let verdict_line = doc.lines.len();
            let verdict = if right {
                styled("✓ Right.", theme.good())
            } else {
                styled("✗ Not quite: this item comes back later.", theme.bad())
            };
            doc.lines.push(Line::from(verdict));
            doc.text(item.explanation.trim_end(), width, theme.base());
            // Keep the verdict and the explanation in view.
            doc.focus = Some((verdict_line, doc.lines.len()));
        }
    }
    let more = render_item(stem, doc, screen.scroll, body, buf, theme);
    let hints = match item.kind {
        _ if d.feedback.is_some() => HINTS,
        Kind::Choice => HINTS,
        Kind::Gap if screen.editing => super::exam::TYPING_HINTS,
        Kind::Gap => GAP_HINTS,
        Kind::Slots => SLOTS_HINTS,
        Kind::Order => ORDER_HINTS,
    };
    frame::footer(foot, buf, theme, hints, notice, more);
    if screen.help {
        overlay::help(theme, area, buf);
    }
}
