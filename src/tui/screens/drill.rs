//! Drill: an item, then right/wrong at once with the explanation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::body::{Doc, letter, render_item};
use super::frame::{self, styled};
use super::overlay;
use crate::session::Mode;
use crate::tui::app::DrillScreen;
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[
    ("↑↓", "move"),
    ("1-9", "choose"),
    ("Enter", "check/next"),
    ("u", "unsure"),
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
    let title = match d.mode {
        Mode::Study => format!(" {} study │ today's queue ", d.code),
        _ => format!(" {} drill │ {topic} ", d.code),
    };
    frame::header(
        head,
        buf,
        theme,
        vec![styled(title, theme.header())],
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
    doc.stem(item, width, theme);
    let stem = doc;
    let mut doc = Doc::default();
    let chosen: Vec<usize> = d
        .pending
        .as_ref()
        .map(|a| a.chosen().iter().copied().collect())
        .unwrap_or_default();
    match d.feedback {
        None => {
            doc.options(item, &chosen, Some(d.cursor), width, theme);
            if d.unsure[index] {
                doc.blank();
                doc.lines.push(Line::styled(
                    "? unsure: if right, it still comes back soon (u: undo)",
                    theme.warn(),
                ));
            }
        }
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
                        &format!("why not: {why}"),
                        width,
                        theme.dim(),
                    );
                }
            }
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
            doc.text(item.explanation.trim_end(), width, theme.base());
            // Keep the verdict and the explanation in view.
            doc.focus = Some((verdict_line, doc.lines.len()));
        }
    }
    let more = render_item(stem, doc, screen.scroll, body, buf, theme);
    frame::footer(foot, buf, theme, HINTS, notice, more);
    if screen.help {
        overlay::help(theme, area, buf);
    }
}
