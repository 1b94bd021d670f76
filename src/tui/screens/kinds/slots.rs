//! Slots items: the code shows each slot's entry in place; the pool below marks used entries.

use ratatui::text::{Line, Span};

use super::{Shown, Whys, marker_box, verdict_style};
use crate::session::kinds::slots::filled;
use crate::session::{Answer, Item};
use crate::tui::screens::body::{Doc, letter};
use crate::tui::theme::Theme;

pub const HOW: &str =
    "Fill the slots: ↑↓ choose a slot, a letter or 1-9 puts a pool entry in it, x empties it.";

pub fn code(doc: &mut Doc, item: &Item, code: &str, shown: Shown<'_>, width: usize, theme: &Theme) {
    let (answer, cursor, reviewed) = match shown {
        Shown::Answering { answer, cursor, .. } => (answer, Some(cursor), false),
        Shown::Reviewed { answer } => (answer, None, true),
    };
    let filled = filled(item, answer);
    doc.code_filled(code, item.lang, width, theme, &|n| {
        let i = n.checked_sub(1).filter(|&i| i < filled.len())?;
        let text = filled[i].and_then(|e| item.pool.get(e)).map(|e| e.text.as_str());
        let style = if reviewed {
            verdict_style(text == Some(item.slots[i].as_str()), theme)
        } else if cursor == Some(i) {
            theme.cursor()
        } else {
            theme.selected()
        };
        Some((marker_box(n, text, false), style))
    });
}

pub fn answering(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    cursor: usize,
    width: usize,
    theme: &Theme,
) {
    let filled = filled(item, answer);
    let mut spans = vec![Span::styled("slot", theme.dim())];
    for (i, entry) in filled.iter().enumerate() {
        let text = entry.and_then(|e| item.pool.get(e)).map(|e| e.text.as_str());
        let style = if i == cursor {
            theme.cursor()
        } else if text.is_some() {
            theme.selected()
        } else {
            theme.base()
        };
        spans.push(Span::raw(if i == cursor { " ›" } else { "  " }));
        spans.push(Span::styled(
            format!("{} [{}]", i + 1, text.unwrap_or("   ")),
            style,
        ));
    }
    let start = doc.lines.len();
    doc.lines.push(Line::from(spans));
    doc.focus = Some((start, start + 1));
    doc.lines
        .push(Line::styled("pool (each entry fills one slot)", theme.dim()));
    for (e, entry) in item.pool.iter().enumerate() {
        let used = filled.iter().position(|f| *f == Some(e));
        let (text, style) = match used {
            Some(slot) => (format!("{}   ✓ in slot {}", entry.text, slot + 1), theme.dim()),
            None => (entry.text.clone(), theme.base()),
        };
        doc.hanging(
            vec![Span::styled(format!("  {} ", letter(e)), theme.key_hint())],
            &text,
            width,
            style,
        );
    }
}

pub fn feedback(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    whys: Whys,
    width: usize,
    theme: &Theme,
) {
    let filled = filled(item, answer);
    for (i, key) in item.slots.iter().enumerate() {
        let entry = filled[i].and_then(|e| item.pool.get(e));
        let right = entry.is_some_and(|e| e.text == *key);
        let mark = if right { "✓" } else { "✗" };
        let style = verdict_style(right, theme);
        doc.hanging(
            vec![Span::styled(format!("{mark} slot {}: ", i + 1), style)],
            entry.map_or("(empty)", |e| e.text.as_str()),
            width,
            style,
        );
        if !right {
            doc.hanging(
                vec![Span::raw("    ")],
                &format!("key: {key}"),
                width,
                theme.good(),
            );
            if let Some(why) = entry.and_then(|e| e.why.as_ref()) {
                doc.hanging(
                    vec![Span::raw("    ")],
                    &format!("why not: {why}"),
                    width,
                    theme.dim(),
                );
            }
        }
    }
    if whys == Whys::All {
        let unused: Vec<_> = item
            .pool
            .iter()
            .enumerate()
            .filter(|(e, p)| !filled.contains(&Some(*e)) && !item.slots.contains(&p.text) && p.why.is_some())
            .collect();
        for (_, p) in unused {
            doc.hanging(
                vec![Span::styled("  unused ", theme.dim())],
                &format!("{}: {}", p.text, p.why.as_deref().unwrap_or("")),
                width,
                theme.dim(),
            );
        }
    }
}
