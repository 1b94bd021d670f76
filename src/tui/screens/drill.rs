//! Drill: an item, then right/wrong at once with the explanation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::body::{Doc, letter, render_item};
use super::frame::{self, styled};
use super::overlay;
use crate::tui::app::DrillScreen;
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[
    ("↑↓", "move"),
    ("1-9", "choose"),
    ("Enter", "check/next"),
    ("?", "help"),
    ("q", "end drill"),
];

/// The drill's own keys: no flags, navigator or submit here.
pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move between options"),
    ("1-9  a-e", "choose an option (toggles on multiple select)"),
    ("Space", "choose the highlighted option"),
    ("Enter", "check the answer; again: the next item"),
    ("PgUp PgDn", "scroll a long item"),
    ("q  Esc", "end the drill and see the summary"),
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
    doc.stem(item, width, theme);
    let stem = doc;
    let mut doc = Doc::default();
    let chosen: Vec<usize> = d
        .pending
        .as_ref()
        .map(|a| a.chosen().iter().copied().collect())
        .unwrap_or_default();
    match d.feedback {
        None => doc.options(item, &chosen, Some(d.cursor), width, theme),
        Some(right) => {
            for (i, option) in item.options.iter().enumerate() {
                let mine = chosen.contains(&i);
                let (mark, style) = match (option.correct, mine) {
                    (true, true) => ("✓ you", theme.good()),
                    (true, false) => ("✓ key", theme.good()),
                    (false, true) => ("✗ you", theme.bad()),
                    _ => ("     ", theme.base()),
                };
                doc.hanging(
                    vec![Span::styled(format!("{mark} {} ", letter(i)), style)],
                    &option.text,
                    width,
                    style,
                );
                if let Some(why) = option.why.as_ref().filter(|_| mine && !option.correct) {
                    doc.hanging(
                        vec![Span::raw("        ")],
                        &format!("why not: {}", super::body::reflow(why)),
                        width,
                        theme.dim(),
                    );
                }
            }
            doc.blank();
            let verdict_line = doc.lines.len();
            let verdict = if right {
                styled("✓ Right.", theme.good())
            } else {
                styled("✗ Not quite: this item comes back later.", theme.bad())
            };
            doc.lines.push(Line::from(verdict));
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
            format!(" {} drill │ {} ", d.code, screen.label),
            theme.header(),
        )],
        right,
    );
    let Some((stem, doc)) = docs(screen, body.width, theme) else {
        return;
    };
    let more = render_item(stem, doc, screen.scroll, body, buf, theme);
    frame::footer(foot, buf, theme, HINTS, notice, more);
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
