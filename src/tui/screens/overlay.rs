//! Dialogs drawn over the exam: the navigator grid, submit and quit confirmations, help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::frame::{self, styled};
use crate::session::{Answered, Session};
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
            let partly = s.is_partly_answered(i);
            let flagged = s.flags[i];
            let text = format!(
                "{:>3}{}{}",
                i + 1,
                if answered {
                    "✓"
                } else if partly {
                    "◐"
                } else {
                    "·"
                },
                if flagged { "⚑" } else { " " }
            );
            let mut style = if flagged {
                theme.flag()
            } else if answered {
                theme.good()
            } else if partly {
                theme.warn()
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
    let tally = s.tally();
    lines.push(Line::from(vec![
        styled(format!("{} answered  ", tally.answered), theme.good()),
        styled(
            if tally.partly > 0 {
                format!("{} partly  ", tally.partly)
            } else {
                String::new()
            },
            theme.warn(),
        ),
        styled(format!("{} unanswered  ", tally.unanswered), theme.base()),
        styled(format!("{} flagged", s.flagged()), theme.flag()),
    ]));
    lines.push(Line::styled(
        "arrows move · Enter jumps · Esc closes",
        theme.dim(),
    ));
    Paragraph::new(lines).render(inner, buf);
}

/// Item numbers (1-based) as a short list: "1, 4-6, 9".
pub fn item_list(indices: impl IntoIterator<Item = usize>) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for i in indices.into_iter().map(|i| i + 1) {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == i => *end = i,
            _ => runs.push((i, i)),
        }
    }
    runs.iter()
        .map(|&(a, b)| match b - a {
            0 => a.to_string(),
            1 => format!("{a}, {b}"),
            _ => format!("{a}-{b}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn confirm_submit(s: &Session, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let state = |want| -> Vec<usize> {
        (0..s.items.len())
            .filter(|&i| s.answered_state(i) == want)
            .collect()
    };
    let unanswered = state(Answered::Not);
    let partly = state(Answered::Partly);
    let flagged: Vec<usize> = (0..s.items.len()).filter(|&i| s.flags[i]).collect();
    let width = 60.min(area.width);
    let text_width = width.saturating_sub(2) as usize;
    let partly_words = if partly.is_empty() {
        String::new()
    } else {
        format!("{} partly answered, ", partly.len())
    };
    let mut lines = vec![Line::styled(
        format!(
            "{} unanswered, {partly_words}{} flagged for review.",
            unanswered.len(),
            flagged.len()
        ),
        if unanswered.len() + partly.len() + flagged.len() > 0 {
            theme.warn()
        } else {
            theme.base()
        },
    )];
    // An item counts as answered once every response is given: name the partly answered too.
    for (name, list) in [
        ("Unanswered", &unanswered),
        ("Partly answered", &partly),
        ("Flagged", &flagged),
    ] {
        if !list.is_empty() {
            let text = format!("{name}: {}", item_list(list.iter().copied()));
            for l in super::body::wrap(&text, text_width) {
                lines.push(Line::raw(l));
            }
        }
    }
    let inner = frame::dialog(
        area,
        buf,
        theme,
        "Submit the exam?",
        width,
        lines.len() as u16 + 6,
    );
    lines.extend([
        Line::raw("After submitting you cannot change any answer."),
        Line::default(),
        Line::from(vec![
            styled("Enter/y", theme.key_hint()),
            styled(" submit   ", theme.dim()),
            styled("Esc/n", theme.key_hint()),
            styled(" back to the exam", theme.dim()),
        ]),
    ]);
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
}

pub fn confirm_quit(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = frame::dialog(area, buf, theme, "Save and quit?", 50, 8);
    let lines = vec![
        Line::raw("Answers, flags and the time left are saved."),
        Line::raw("The command to resume is printed on quitting."),
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

/// The scratch pad: the end of the text (what was written last) with a caret.
pub fn notes(text: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = 64.min(area.width);
    let height = 14.min(area.height);
    let inner = frame::dialog(area, buf, theme, "Scratch pad · Esc closes", width, height);
    let mut lines: Vec<String> = Vec::new();
    for para in format!("{text}▏").split('\n') {
        lines.extend(super::body::wrap(para, inner.width as usize));
    }
    let skip = lines.len().saturating_sub(inner.height as usize);
    let shown: Vec<Line> = lines.into_iter().skip(skip).map(Line::raw).collect();
    Paragraph::new(shown).render(inner, buf);
}

pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move between options"),
    ("1-9  a-e", "choose an option (toggles on multiple select)"),
    ("Space Enter", "choose the highlighted option"),
    ("x  Backspace", "clear the item's answer"),
    ("← →  p n", "previous / next item"),
    ("PgUp PgDn", "scroll a long item"),
    ("gap: Enter i", "type into the gap; Esc or Enter when done"),
    ("slots: a-e 1-9", "put that pool entry in the slot; x empties"),
    (
        "order: Space",
        "pick the line (tokens: tile) up; ↑↓ carry it; Space puts it down, Esc back",
    ),
    ("order: J K", "move the line or tile down / up (or Shift+↓ ↑)"),
    ("match: a-d 1-4", "put the card in that bin; x takes it out"),
    ("f", "flag the item for review"),
    ("g", "navigator: every item, jump with Enter"),
    ("s", "submit (asks first)"),
    ("w", "scratch pad for notes (kept with the exam; Esc closes)"),
    ("q", "save and quit; the resume command is printed"),
];

/// The keys of one screen (`keys`), in a box over it.
pub fn help(keys: &[(&str, &str)], theme: &Theme, area: Rect, buf: &mut Buffer) {
    // What a key does wraps under itself: a narrow terminal never cuts a line off.
    let text_width = (64.min(area.width) as usize).saturating_sub(2 + 15);
    let mut lines: Vec<Line> = Vec::new();
    for (k, what) in keys {
        for (i, row) in super::body::wrap(what, text_width).into_iter().enumerate() {
            let key = if i == 0 {
                format!("{k:<15}")
            } else {
                " ".repeat(15)
            };
            lines.push(Line::from(vec![styled(key, theme.key_hint()), Span::raw(row)]));
        }
    }
    // How to close it sits in the title, which a short terminal never cuts.
    let inner = frame::dialog(
        area,
        buf,
        theme,
        "Keys · any key closes",
        64,
        lines.len() as u16 + 2,
    );
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod tests {
    #[test]
    fn item_lists_join_runs() {
        assert_eq!(super::item_list([0, 3, 4, 5, 8, 9]), "1, 4-6, 9, 10");
        assert_eq!(super::item_list([]), "");
    }
}
