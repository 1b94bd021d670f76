//! Tokens items: the line as arranged (in its program, at the marker), the tiles below it one
//! per row, the line's positions first and the unused ones after a rule; picked up, carried and
//! put down as an order item's lines are.

use ratatui::text::{Line, Span};

use super::{Shown, Whys, marker_box, verdict_style};
use crate::session::kinds::tokens::{arrangement, line, text};
use crate::session::{Answer, Item};
use crate::tui::screens::body::Doc;
use crate::tui::theme::Theme;

pub const HOW: &str = "Arrange the tiles into the line: ↑↓ highlight a tile, Space picks it up and puts it down (or Shift+↑↓, J/K); tiles under the rule stay unused.";

/// The rule between the line's tiles and the unused ones.
pub const UNUSED: &str = "── not in the line ──";

/// The arrangement shown while the tile at `from` is carried to `to`.
pub fn preview(item: &Item, answer: Option<&Answer>, from: usize, to: usize) -> Answer {
    let tiles = arrangement(item, answer);
    if from < tiles.len() && to < tiles.len() {
        Answer::Tokens(crate::session::kinds::order::placed(&tiles, from, to))
    } else {
        Answer::Tokens(tiles)
    }
}

/// The program with the line as arranged at its marker (or the line alone).
pub fn code(doc: &mut Doc, item: &Item, shown: Shown<'_>, width: usize, theme: &Theme) {
    let (answer, reviewed) = match shown {
        Shown::Answering { answer, .. } => (answer, false),
        Shown::Reviewed { answer } => (answer, true),
    };
    let line = line(item, answer);
    let right = line == crate::bank::model::tiles_line(item.tiles.iter().map(String::as_str));
    let style = if reviewed {
        verdict_style(answer.is_some() && right, theme)
    } else {
        theme.selected()
    };
    let code = item.code.as_deref().unwrap_or("___1___");
    doc.code_filled(code.trim_end_matches('\n'), item.lang, width, theme, &|n| {
        (n == 1).then(|| (marker_box(1, Some(&line), false), style))
    });
}

pub fn answering(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    cursor: usize,
    _width: usize,
    theme: &Theme,
) {
    let tiles = arrangement(item, answer);
    for (pos, &tile) in tiles.iter().enumerate() {
        if pos == item.tiles.len() {
            doc.lines
                .push(Line::styled(format!("     {UNUSED}"), theme.dim()));
        }
        let here = pos == cursor;
        if here {
            doc.focus = Some((doc.lines.len(), doc.lines.len() + 1));
        }
        doc.lines.push(Line::from(vec![
            Span::styled(
                format!("{}{:>2} │ ", if here { "›" } else { " " }, pos + 1),
                if here { theme.cursor() } else { theme.code_gutter() },
            ),
            Span::styled(
                text(item, tile).to_string(),
                if here { theme.cursor() } else { theme.base() },
            ),
        ]));
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
    let key = crate::bank::model::tiles_line(item.tiles.iter().map(String::as_str));
    if answer.is_none() {
        doc.lines
            .push(Line::styled("Not answered. The key:", theme.bad()));
        doc.hanging(vec![Span::raw("  ")], &key, width, theme.good());
    } else {
        let tiles = arrangement(item, answer);
        for (pos, key_tile) in item.tiles.iter().enumerate() {
            let given = text(item, tiles[pos]);
            let right = given == key_tile;
            let style = verdict_style(right, theme);
            let mark = if right { "✓" } else { "✗" };
            let mut shown = given.to_string();
            if !right {
                shown.push_str(&format!("   key: {key_tile}"));
            }
            doc.hanging(
                vec![Span::styled(format!("{mark} {:>2} │ ", pos + 1), style)],
                &shown,
                width,
                style,
            );
        }
        if tiles
            .iter()
            .take(item.tiles.len())
            .any(|&t| t >= item.tiles.len())
            || line(item, answer) != key
        {
            doc.hanging(
                vec![Span::styled("  key: ".to_string(), theme.good())],
                &key,
                width,
                theme.good(),
            );
        }
    }
    // Decoys: why each does not belong (only those the candidate used, in a drill).
    let used: Vec<usize> = arrangement(item, answer)
        .into_iter()
        .take(item.tiles.len())
        .filter(|&t| t >= item.tiles.len())
        .map(|t| t - item.tiles.len())
        .collect();
    for (d, decoy) in item.decoys.iter().enumerate() {
        let mine = answer.is_some() && used.contains(&d);
        if let Some(why) = decoy.why.as_deref().filter(|_| mine || whys == Whys::All) {
            let label = if mine { "  why not " } else { "  unused " };
            doc.hanging(
                vec![Span::styled(label, theme.dim())],
                &format!("{}: {why}", decoy.text),
                width,
                theme.dim(),
            );
        }
    }
}
