//! Drill: an item, then right/wrong at once with the explanation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::body::{Doc, render_item};
use super::frame::{self, styled};
use super::kinds::{self, Shown, Whys};
use super::overlay;
use crate::bank::Kind;
use crate::session::Mode;
use crate::tui::app::{DrillScreen, traced_code};
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[
    ("↑↓", "move"),
    ("1-9", "choose"),
    ("Enter", "check/next"),
    ("u", "unsure"),
    ("?", "help"),
    ("q", "end drill"),
];

/// The drill's own keys: no flags, navigator or submit here.
pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move between options"),
    ("1-9  a-e", "choose an option (toggles on Select N)"),
    ("Space", "choose; pick up / put down a line or tile"),
    ("Enter", "check the answer; again: the next item"),
    ("J K  ⇧↑ ⇧↓", "order, tokens: move the line or tile"),
    ("i  Enter", "gap items: type into the gap (Esc: done)"),
    ("x", "take back; empty a slot, gap or card"),
    (
        "u",
        "before checking: mark the answer unsure (it comes back sooner)",
    ),
    ("PgUp PgDn", "scroll a long item"),
    (
        "t",
        "after checking: step through the code (where a run is recorded)",
    ),
    ("q  Esc", "end the drill and see the summary"),
];

/// After checking: `u` no longer applies.
const FEEDBACK_HINTS: &[(&str, &str)] = &[("Enter", "next"), ("?", "help"), ("q", "end drill")];

/// A study session's footer: the same keys, but q ends the session, not a drill.
const STUDY_HINTS: &[(&str, &str)] = &[
    ("↑↓", "move"),
    ("1-9", "choose"),
    ("Enter", "check/next"),
    ("u", "unsure"),
    ("?", "help"),
    ("q", "end study"),
];

const STUDY_FEEDBACK_HINTS: &[(&str, &str)] = &[("Enter", "next"), ("?", "help"), ("q", "end study")];

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

const TOKENS_HINTS: &[(&str, &str)] = &[
    ("↑↓", "tile"),
    ("Space", "pick/drop"),
    ("Enter", "check"),
    ("?", "help"),
    ("q", "end drill"),
];

const MATCH_HINTS: &[(&str, &str)] = &[
    ("↑↓", "card"),
    ("a-d/1-4", "bin"),
    ("x", "clear"),
    ("Enter", "check"),
    ("q", "end drill"),
];

/// The item on screen as its stem and its options (or the feedback), wrapped to `width`.
pub fn docs(screen: &DrillScreen, width: u16, theme: &Theme) -> Option<(Doc, Doc)> {
    let d = &screen.drill;
    let index = d.current()?;
    let item = &d.items[index];
    let width = width as usize;
    let mut doc = Doc::default();
    if d.tries[index] > 0 && d.feedback.is_none() {
        doc.lines.push(Line::styled(
            format!("↻ again: you missed this {}", times(d.tries[index])),
            theme.warn(),
        ));
        doc.blank();
    }
    let preview = screen
        .picked
        .filter(|_| d.feedback.is_none())
        .map(|from| kinds::preview(item, d.pending.as_ref(), from, d.cursor));
    let answer = preview.as_ref().or(d.pending.as_ref());
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
        None => {
            kinds::answering(&mut doc, item, answer, d.cursor, screen.editing, width, theme);
            if d.unsure[index] {
                doc.blank();
                doc.lines.push(Line::styled(
                    "? unsure: if right, it still comes back soon (u: undo)",
                    theme.warn(),
                ));
            }
        }
        Some(right) => {
            kinds::feedback(&mut doc, item, answer, Whys::Mine, width, theme);
            doc.blank();
            let verdict_line = doc.lines.len();
            let verdict = if right && d.unsure[index] {
                styled("✓ Right, though unsure: it comes back soon.", theme.good())
            } else if right {
                styled("✓ Right.", theme.good())
            } else {
                styled("✗ Not quite: this item comes back later.", theme.bad())
            };
            doc.lines.push(Line::from(verdict));
            if traced_code(item).is_some() {
                doc.lines.push(super::review::step_hint(theme));
            }
            doc.prose(&item.explanation, width, theme.base());
            // Keep the verdict and the explanation in view.
            doc.focus = Some((verdict_line, doc.lines.len()));
        }
    }
    Some((stem, doc))
}

pub fn render(screen: &DrillScreen, notice: Option<&str>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let d = &screen.drill;
    let (head, body, foot) = frame::split(area);
    let done = d.items.len() - d.remaining();
    let mut right = Vec::new();
    if let Some(item) = d.current().map(|i| &d.items[i])
        && item.is_multiple()
    {
        right.push(styled(
            format!(" Select {} ", item.select_count()),
            theme.header(),
        ));
    }
    right.push(styled(
        format!(" {done} done · {} to go ", d.remaining()),
        theme.header(),
    ));
    frame::header(
        head,
        buf,
        theme,
        vec![styled(
            match d.mode {
                Mode::Study => format!(" {} study │ today's queue ", d.code),
                _ => format!(" {} drill │ {} ", d.code, screen.label),
            },
            theme.header(),
        )],
        right,
    );
    let Some((stem, doc)) = docs(screen, body.width, theme) else {
        return;
    };
    let more = render_item(stem, doc, &screen.scroll, body, buf, theme);
    let kind = d.current().map_or(Kind::Choice, |i| d.items[i].kind);
    let study = d.mode == Mode::Study;
    let hints = match kind {
        _ if d.feedback.is_some() && study => STUDY_FEEDBACK_HINTS,
        _ if d.feedback.is_some() => FEEDBACK_HINTS,
        Kind::Choice if study => STUDY_HINTS,
        Kind::Choice => HINTS,
        Kind::Gap if screen.editing => super::exam::TYPING_HINTS,
        Kind::Gap => GAP_HINTS,
        Kind::Slots => SLOTS_HINTS,
        Kind::Order => ORDER_HINTS,
        Kind::Tokens => TOKENS_HINTS,
        Kind::Match => MATCH_HINTS,
    };
    frame::footer(foot, buf, theme, hints, notice, more);
    if screen.help {
        overlay::help(HELP, theme, area, buf);
    }
}

/// "once", "twice", "3 times".
pub fn times(n: u32) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}
