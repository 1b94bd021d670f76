//! Gap items: typed text shown in the code in place; Enter or i starts typing, Esc ends it.

use ratatui::text::{Line, Span};

use super::{Shown, marker_box, verdict_style};
use crate::session::kinds::gap::texts;
use crate::session::{Answer, Item};
use crate::tui::screens::body::Doc;
use crate::tui::theme::Theme;

pub const HOW: &str = "Type the missing text: ↑↓ choose a gap, Enter or i to type, Esc when done.";

fn accepted(item: &Item, gap: usize, text: &str) -> bool {
    item.gaps[gap].accept.iter().any(|a| a.trim() == text.trim())
}

pub fn code(doc: &mut Doc, item: &Item, code: &str, shown: Shown<'_>, width: usize, theme: &Theme) {
    let (answer, cursor, editing, reviewed) = match shown {
        Shown::Answering {
            answer,
            cursor,
            editing,
        } => (answer, Some(cursor), editing, false),
        Shown::Reviewed { answer } => (answer, None, false, true),
    };
    let texts = texts(item, answer);
    doc.code_filled(code, item.lang, width, theme, &|n| {
        let i = n.checked_sub(1).filter(|&i| i < texts.len())?;
        let here = cursor == Some(i);
        let text = texts[i].as_str();
        let style = if reviewed {
            verdict_style(accepted(item, i, text), theme)
        } else if here {
            theme.cursor()
        } else {
            theme.selected()
        };
        Some((marker_box(n, Some(text), here && editing), style))
    });
}

pub fn answering(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    cursor: usize,
    editing: bool,
    width: usize,
    theme: &Theme,
) {
    let texts = texts(item, answer);
    for (i, text) in texts.iter().enumerate() {
        let here = i == cursor;
        let style = if here { theme.cursor() } else { theme.base() };
        let start = doc.lines.len();
        let shown = if here && editing {
            format!("{text}▏")
        } else if text.is_empty() {
            "(empty)".to_string()
        } else {
            text.clone()
        };
        let pointer = if here { "›" } else { " " };
        doc.hanging(
            vec![Span::styled(format!("{pointer}gap {} ", i + 1), style)],
            &shown,
            width,
            if text.is_empty() && !(here && editing) {
                theme.dim()
            } else {
                style
            },
        );
        if here {
            doc.focus = Some((start, doc.lines.len()));
        }
    }
    if editing {
        doc.lines
            .push(Line::styled("typing: Esc or Enter when done", theme.warn()));
    }
}

pub fn feedback(doc: &mut Doc, item: &Item, answer: Option<&Answer>, width: usize, theme: &Theme) {
    let texts = texts(item, answer);
    for (i, gap) in item.gaps.iter().enumerate() {
        let text = texts[i].trim();
        let right = accepted(item, i, text);
        let mark = if right { "✓" } else { "✗" };
        let yours = if text.is_empty() { "(empty)" } else { text };
        let style = verdict_style(right, theme);
        doc.hanging(
            vec![Span::styled(format!("{mark} gap {}: ", i + 1), style)],
            yours,
            width,
            style,
        );
        if !right {
            let key: Vec<&str> = gap.accept.iter().map(|a| a.trim()).collect();
            doc.hanging(
                vec![Span::raw("    ")],
                &format!("key: {}", key.join("  or  ")),
                width,
                theme.good(),
            );
            if let Some(why) = &gap.why {
                doc.hanging(
                    vec![Span::raw("    ")],
                    &format!("why: {why}"),
                    width,
                    theme.dim(),
                );
            }
        }
    }
}
