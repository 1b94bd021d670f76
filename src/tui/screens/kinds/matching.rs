//! Match items: one row per card with the bin it is in, then the bins, each with its letter and
//! number; a card is put in a bin with the bin's key or by dragging one onto the other.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Whys, verdict_style};
use crate::session::kinds::matching::placed;
use crate::session::{Answer, Item};
use crate::tui::screens::body::{Doc, letter};
use crate::tui::theme::Theme;

pub const HOW: &str =
    "Sort the cards: ↑↓ highlight a card, a letter or 1-4 puts it in that bin, x takes it out.";

/// The heading above the bins (the mouse finds the bins under it).
pub const BINS: &str = "bins (press a bin's key, or drag a card onto it)";

fn card_width(item: &Item) -> usize {
    item.cards
        .iter()
        .map(|c| c.text.width())
        .max()
        .unwrap_or(0)
        .min(30)
}

pub fn answering(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    cursor: usize,
    width: usize,
    theme: &Theme,
) {
    let placed = placed(item, answer);
    let w = card_width(item);
    let mut focus = None;
    for (i, card) in item.cards.iter().enumerate() {
        let line = doc.lines.len();
        let here = i == cursor;
        let bin = placed[i].and_then(|b| item.bins.get(b));
        let target = match (placed[i], bin) {
            (Some(b), Some(name)) => format!("▸ {} {name}", letter(b)),
            _ => "▸ ?".to_string(),
        };
        let style = if here {
            theme.cursor()
        } else if bin.is_some() {
            theme.selected()
        } else {
            theme.base()
        };
        let pad = w.saturating_sub(card.text.width());
        doc.hanging(
            vec![Span::styled(
                format!("{}card {} ", if here { "›" } else { " " }, i + 1),
                if here { theme.cursor() } else { theme.dim() },
            )],
            &format!("{}{}  {target}", card.text, " ".repeat(pad)),
            width,
            style,
        );
        if here {
            focus = Some(line);
        }
    }
    doc.lines.push(Line::styled(BINS, theme.dim()));
    for (b, bin) in item.bins.iter().enumerate() {
        let n = placed.iter().filter(|p| **p == Some(b)).count();
        let count = if n > 0 { format!("   ({n})") } else { String::new() };
        doc.hanging(
            vec![Span::styled(format!("  {} ", letter(b)), theme.key_hint())],
            &format!("{bin}{count}"),
            width,
            theme.base(),
        );
    }
    // The highlighted card and every bin below it stay in view together (a bin's key is what
    // the candidate presses next); when they do not fit, the card comes first.
    if let Some(line) = focus {
        doc.focus = Some((line, doc.lines.len()));
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
    let placed = placed(item, answer);
    let w = card_width(item);
    for (i, card) in item.cards.iter().enumerate() {
        let given = placed[i].and_then(|b| item.bins.get(b));
        let right = given == Some(&card.bin);
        let style = verdict_style(right, theme);
        let mark = if right { "✓" } else { "✗" };
        let pad = w.saturating_sub(card.text.width());
        let mut text = format!(
            "{}{}  ▸ {}",
            card.text,
            " ".repeat(pad),
            given.map_or("(none)", String::as_str)
        );
        if !right {
            text.push_str(&format!("   key: {}", card.bin));
        }
        doc.hanging(vec![Span::styled(format!("{mark} "), style)], &text, width, style);
        let show_why = !right && (answer.is_some() || whys == Whys::All);
        if let Some(why) = card.why.as_deref().filter(|_| show_why) {
            doc.hanging(vec![Span::raw("    ")], why, width, theme.dim());
        }
    }
}
