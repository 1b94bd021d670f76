//! Review: one item at a time, your answer against the key, the explanation and each `why`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::body::{Doc, render_doc};
use super::frame::{self, styled};
use super::kinds::{self, Shown, Whys};
use crate::tui::app::{ReviewScreen, traced_code};
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[
    ("←→", "prev/next"),
    ("Tab", "missed/flagged/all"),
    ("↑↓", "scroll"),
    ("h", "history"),
    ("?", "help"),
    ("q", "back"),
];

/// The review's own keys, for `?`.
pub const HELP: &[(&str, &str)] = &[
    ("← →  p n", "previous / next item"),
    ("Tab", "show missed, flagged or all items"),
    ("↑ ↓  PgUp PgDn", "scroll a long item"),
    ("t", "step through the code (where a run is recorded)"),
    ("h", "history of this exam"),
    ("q  Esc", "back to where the review was opened"),
];

pub fn render(r: &ReviewScreen, notice: Option<&str>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (head, body, foot) = frame::split(area);
    let visible = r.visible();
    let a = &r.attempt;
    let when = a
        .finished_at
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M");
    let title = if area.width >= 70 {
        format!(" Review {} {when} ", a.code)
    } else {
        format!(" {} ", a.code)
    };
    let left = vec![
        styled(title, theme.header()),
        styled(format!("│ {} ", r.filter.name()), theme.header()),
    ];
    let position = if visible.is_empty() {
        " 0/0 ".to_string()
    } else {
        format!(" {}/{} ", r.pos.min(visible.len() - 1) + 1, visible.len())
    };
    frame::header(head, buf, theme, left, vec![styled(position, theme.header())]);
    let width = body.width as usize;
    let mut doc = Doc::default();
    let Some(&index) = visible.get(r.pos.min(visible.len().saturating_sub(1))) else {
        doc.text(
            &format!(
                "No {} items in this attempt. Press Tab for another filter.",
                r.filter.name()
            ),
            width,
            theme.dim(),
        );
        render_doc(doc, 0, body, buf);
        frame::footer(foot, buf, theme, HINTS, notice, false);
        return;
    };
    let item = &a.items[index];
    let answer = a.answers.get(index).and_then(|x| x.as_ref());
    let right = a.is_correct(index);
    let mut status = vec![
        styled(format!("Item {} · {} ", index + 1, item.id), theme.dim()),
        if right {
            styled("✓ correct", theme.good())
        } else if answer.is_none() {
            styled("✗ unanswered", theme.bad())
        } else if item.credit(answer) > 0.0 {
            styled("◐ partly right", theme.warn())
        } else {
            styled("✗ wrong", theme.bad())
        },
    ];
    if a.is_flagged(index) {
        status.push(styled("  ⚑ flagged", theme.flag()));
    }
    doc.lines.push(Line::from(status));
    if traced_code(item).is_some() {
        doc.lines.push(step_hint(theme));
    }
    doc.blank();
    kinds::stem(&mut doc, item, Shown::Reviewed { answer }, width, theme);
    kinds::feedback(&mut doc, item, answer, Whys::All, width, theme);
    doc.blank();
    doc.lines.push(Line::styled("Explanation", theme.title()));
    doc.prose(&item.explanation, width, theme.base());
    let more = super::body::render_scrolled(doc, &r.scroll, body, buf, theme);
    frame::footer(foot, buf, theme, HINTS, notice, more);
    if r.help {
        super::overlay::help(HELP, theme, area, buf);
    }
}

/// Shown on items with a recorded run: review and drill feedback open the step view with `t`.
pub fn step_hint(theme: &Theme) -> Line<'static> {
    Line::from(vec![
        styled("t", theme.key_hint()),
        styled(": step through the code", theme.dim()),
    ])
}
