//! Order items: the lines as arranged, the highlighted one moved with Shift+↑↓ or J/K.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::verdict_style;
use crate::session::kinds::order::arrangement;
use crate::session::{Answer, Item};
use crate::tui::highlight;
use crate::tui::screens::body::Doc;
use crate::tui::theme::Theme;

pub const HOW: &str =
    "Arrange the lines: ↑↓ highlight a line, Space picks it up and puts it down (or Shift+↑↓, J/K).";

/// A concept sort (`lang: text`): the same moves, on statements rather than code.
pub const HOW_CONCEPTS: &str =
    "Arrange the items in order: ↑↓ highlight one, Space picks it up and puts it down (or Shift+↑↓, J/K).";

/// The position's label: a code line's number in a gutter, a concept's rank.
fn label(item: &Item, mark: &str, pos: usize) -> String {
    if item.lang.is_python() {
        format!("{mark}{:>2} │ ", pos + 1)
    } else {
        format!("{mark}{:>2}. ", pos + 1)
    }
}

/// The arrangement shown while the line at `from` is carried to `to`: as it will be once put
/// down there.
pub fn preview(item: &Item, answer: Option<&Answer>, from: usize, to: usize) -> Answer {
    let lines = arrangement(item, answer);
    if from < lines.len() && to < lines.len() {
        Answer::Order(crate::session::kinds::order::placed(&lines, from, to))
    } else {
        Answer::Order(lines)
    }
}

/// One program line, highlighted (plain for a concept sort), after `prefix`; `over` replaces
/// the syntax colours.
fn code_line(
    item: &Item,
    prefix: Vec<Span<'static>>,
    text: &str,
    over: Option<Style>,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = prefix;
    let runs = if item.lang.is_python() {
        highlight::lines(text)
    } else {
        highlight::plain(text)
    };
    for (capture, piece) in runs.into_iter().next().unwrap_or_default() {
        spans.push(Span::styled(piece, over.unwrap_or_else(|| theme.syntax(capture))));
    }
    Line::from(spans)
}

pub fn answering(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    cursor: usize,
    _width: usize,
    theme: &Theme,
) {
    let lines = arrangement(item, answer);
    for (pos, &line) in lines.iter().enumerate() {
        let here = pos == cursor;
        let prefix = vec![Span::styled(
            label(item, if here { "›" } else { " " }, pos),
            if here { theme.cursor() } else { theme.code_gutter() },
        )];
        if here {
            doc.focus = Some((doc.lines.len(), doc.lines.len() + 1));
        }
        let text = &item.lines[line];
        doc.lines
            .push(code_line(item, prefix, text, here.then(|| theme.cursor()), theme));
    }
}

pub fn feedback(doc: &mut Doc, item: &Item, answer: Option<&Answer>, _width: usize, theme: &Theme) {
    if answer.is_none() {
        doc.lines
            .push(Line::styled("Not answered. The key:", theme.bad()));
        for (pos, text) in item.lines.iter().enumerate() {
            let prefix = vec![Span::styled(label(item, "  ", pos), theme.code_gutter())];
            doc.lines.push(code_line(item, prefix, text, None, theme));
        }
        return;
    }
    let lines = arrangement(item, answer);
    for (pos, &line) in lines.iter().enumerate() {
        let right = item.lines[line] == item.lines[pos];
        let style = verdict_style(right, theme);
        let prefix = vec![Span::styled(
            label(item, if right { "✓ " } else { "✗ " }, pos),
            style,
        )];
        doc.lines
            .push(code_line(item, prefix, &item.lines[line], None, theme));
        if !right {
            let key = if item.lang.is_python() {
                "  key │ "
            } else {
                "  key: "
            };
            let prefix = vec![Span::styled(key.to_string(), theme.good())];
            doc.lines.push(code_line(
                item,
                prefix,
                &item.lines[pos],
                Some(theme.good()),
                theme,
            ));
        }
    }
}
