//! Choice items in review and drill feedback: each option marked yours and/or the key.

use ratatui::text::Span;

use super::Whys;
use crate::session::{Answer, Item};
use crate::tui::screens::body::{Doc, letter};
use crate::tui::theme::Theme;

pub fn feedback(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    whys: Whys,
    width: usize,
    theme: &Theme,
) {
    let chosen = answer.map(|a| a.chosen().clone()).unwrap_or_default();
    for (i, option) in item.options.iter().enumerate() {
        let mine = chosen.contains(&i);
        let (mark, style) = match (option.correct, mine) {
            (true, true) => ("✓ you", theme.good()),
            (true, false) => ("✓ key", theme.good()),
            (false, true) => ("✗ you", theme.bad()),
            (false, false) => ("     ", theme.base()),
        };
        doc.option_text(
            vec![Span::styled(format!("{mark} {} ", letter(i)), style)],
            &option.text,
            width,
            style,
            theme,
        );
        let show = !option.correct && (whys == Whys::All || mine);
        if let Some(why) = option.why.as_ref().filter(|_| show) {
            let indent = if whys == Whys::All { 9 } else { 8 };
            doc.hanging(
                vec![Span::raw(" ".repeat(indent))],
                &format!("why not: {why}"),
                width,
                theme.dim(),
            );
        }
    }
}
