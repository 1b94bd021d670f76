//! Dialogs drawn over the exam: the navigator grid, submit and quit confirmations, help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::frame::{self, styled};
use crate::session::Session;
use crate::tui::theme::Theme;

pub const NAV_COLUMNS: usize = 10;

/// Every item as a cell: number, ✓ when answered, ⚑ when flagged; the selected cell reversed.
pub fn navigator(s: &Session, selected: usize, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let rows = s.items.len().div_ceil(NAV_COLUMNS) as u16;
    let inner = frame::dialog(area, buf, theme, "Items", NAV_COLUMNS as u16 * 6 + 2, rows + 5);
    let mut lines = Vec::new();
    for row in 0..rows as usize {
        let mut spans = Vec::new();
        for i in row * NAV_COLUMNS..((row + 1) * NAV_COLUMNS).min(s.items.len()) {
            let answered = s.is_answered(i);
            let flagged = s.flags[i];
            let text = format!(
                "{:>3}{}{}",
                i + 1,
                if answered { "✓" } else { "·" },
                if flagged { "⚑" } else { " " }
            );
            let mut style = if flagged {
                theme.flag()
            } else if answered {
                theme.good()
            } else {
                theme.dim()
            };
            if i == selected {
                style = theme.cursor();
            }
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![
        styled(
            format!("{} answered  ", s.items.len() - s.unanswered()),
            theme.good(),
        ),
        styled(format!("{} unanswered  ", s.unanswered()), theme.base()),
        styled(format!("{} flagged", s.flagged()), theme.flag()),
    ]));
    lines.push(Line::styled(
        "arrows move · Enter jumps · Esc closes",
        theme.dim(),
    ));
    Paragraph::new(lines).render(inner, buf);
}

pub fn confirm_submit(s: &Session, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = frame::dialog(area, buf, theme, "Submit the exam?", 50, 8);
    let unanswered = s.unanswered();
    let flagged = s.flagged();
    let lines = vec![
        Line::styled(
            format!("{unanswered} unanswered, {flagged} flagged for review."),
            if unanswered + flagged > 0 {
                theme.warn()
            } else {
                theme.base()
            },
        ),
        Line::raw("After submitting you cannot change any answer."),
        Line::default(),
        Line::from(vec![
            styled("Enter/y", theme.key_hint()),
            styled(" submit   ", theme.dim()),
            styled("Esc/n", theme.key_hint()),
            styled(" back to the exam", theme.dim()),
        ]),
    ];
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
}

pub fn confirm_quit(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = frame::dialog(area, buf, theme, "Save and quit?", 50, 8);
    let lines = vec![
        Line::raw("Answers, flags and the time left are saved."),
        Line::raw("Continue later with `pyexam resume`."),
        Line::default(),
        Line::from(vec![
            styled("Enter/y", theme.key_hint()),
            styled(" save and quit   ", theme.dim()),
            styled("Esc/n", theme.key_hint()),
            styled(" stay", theme.dim()),
        ]),
    ];
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
}

pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move between options"),
    ("1-9  a-e", "choose an option (toggles on multiple select)"),
    ("Space Enter", "choose the highlighted option"),
    ("← →  p n", "previous / next item"),
    ("PgUp PgDn", "scroll a long item"),
    ("f", "flag the item for review"),
    ("g", "navigator: every item, jump with Enter"),
    ("s", "submit (asks first)"),
    ("q", "save and quit; `pyexam resume` continues"),
];

pub fn help(theme: &Theme, area: Rect, buf: &mut Buffer) {
    help_with(theme, area, buf, &[]);
}

/// The help with a screen's own keys after the shared ones.
pub fn help_with(theme: &Theme, area: Rect, buf: &mut Buffer, extra: &[(&str, &str)]) {
    let rows = (HELP.len() + extra.len()) as u16 + 4;
    let inner = frame::dialog(area, buf, theme, "Keys", 62, rows);
    let mut lines: Vec<Line> = HELP
        .iter()
        .chain(extra)
        .map(|(k, what)| {
            Line::from(vec![
                styled(format!("{k:<13}"), theme.key_hint()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled("any key closes this help", theme.dim()));
    Paragraph::new(lines).render(inner, buf);
}
