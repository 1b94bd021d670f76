//! The mouse: a click or the wheel becomes the same `Msg` a key would send, so journaling,
//! scoring and tests are shared. What was clicked is read off the frame on screen (the last
//! buffer drawn): the footer's key hints, the options' rows, the navigator's cells and the
//! dialogs' key hints. Reading the frame keeps every screen's drawing code unaware of the
//! mouse, and a click can only ever do what the visible text says.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::buffer::Buffer;

use super::app::{Msg, Overlay, Screen};

/// A drag in progress: the order line or tokens tile pressed (its position), until the button
/// is released.
#[derive(Debug, Default)]
pub struct Drag {
    from: Option<usize>,
    /// A slots item's pool entry or a match item's bin pressed: dropped on a slot or a card it
    /// goes there.
    entry: Option<usize>,
    /// A match item's card pressed: dropped on a bin it goes in there.
    card: Option<usize>,
}

/// The message for a mouse event on `frame`, if it lands on something that does something.
/// A press on an order line and a release on another one is a drag: the line moves there.
pub fn msg(screen: &Screen, frame: &Buffer, event: MouseEvent, drag: &mut Drag) -> Option<Msg> {
    match event.kind {
        MouseEventKind::ScrollDown => Some(Msg::ScrollDown),
        MouseEventKind::ScrollUp => Some(Msg::ScrollUp),
        MouseEventKind::Down(MouseButton::Left) => {
            let live = answering(screen);
            drag.from = live.then(|| order_line(frame, event.row)).flatten();
            drag.entry = live.then(|| pool_entry(frame, event.row)).flatten();
            drag.card = live.then(|| card_row(frame, event.row)).flatten();
            if drag.from.is_some() || drag.entry.is_some() || drag.card.is_some() {
                return None;
            }
            if live {
                if let Some(slot) = slot_at(frame, event.column, event.row) {
                    return Some(Msg::Fill { slot, entry: None });
                }
                if let Some(gap) = gap_row(frame, event.row) {
                    return Some(Msg::EditGap(gap));
                }
            }
            click(screen, frame, event.column, event.row)
        }
        MouseEventKind::Up(MouseButton::Left) => {
            if let Some(card) = drag.card.take() {
                // Dropped on a bin: in there; released on the card: a click, highlighting it.
                return match pool_entry(frame, event.row) {
                    Some(bin) => Some(Msg::Fill {
                        slot: card,
                        entry: Some(bin),
                    }),
                    None => (card_row(frame, event.row) == Some(card)).then_some(Msg::Fill {
                        slot: card,
                        entry: None,
                    }),
                };
            }
            if let Some(entry) = drag.entry.take() {
                // Dropped on a slot (or a card): there; released where it was pressed: a click,
                // into the highlighted slot (or card).
                let target = slot_at(frame, event.column, event.row).or_else(|| card_row(frame, event.row));
                return match target {
                    Some(slot) => Some(Msg::Fill {
                        slot,
                        entry: Some(entry),
                    }),
                    None => (pool_entry(frame, event.row) == Some(entry)).then_some(Msg::Choose(entry)),
                };
            }
            let from = drag.from.take()?;
            let to = order_line(frame, event.row)?;
            (from != to).then_some(Msg::Place { from, to })
        }
        _ => None,
    }
}

/// Whether the screen takes answers (an item on screen, no dialog, not typing).
fn answering(screen: &Screen) -> bool {
    match screen {
        Screen::Exam(e) => e.started && e.overlay.is_none() && !e.editing,
        Screen::Drill(d) => d.drill.feedback.is_none() && !d.editing && !d.help,
        _ => false,
    }
}

/// The pool entry drawn on `row` (`  B text`, under the "pool (" heading) of a slots item, or
/// the bin (under "bins (") of a match item.
fn pool_entry(frame: &Buffer, row: u16) -> Option<usize> {
    let heading = (0..row).rev().find(|&y| {
        let line = text(frame, y);
        let line = line.trim_start();
        line.starts_with("pool (") || line.starts_with("bins (")
    })?;
    let line = text(frame, row);
    let rest = line.trim_start();
    let mut chars = rest.chars();
    let letter = chars.next()?;
    let indent = line.len() - rest.len();
    (heading < row && (2..=4).contains(&indent) && letter.is_ascii_uppercase() && chars.next() == Some(' '))
        .then(|| letter as usize - 'A' as usize)
}

/// The slot under (`col`, `row`) on a slots item's slot row (`slot  ›1 [x]  2 [   ]`).
fn slot_at(frame: &Buffer, col: u16, row: u16) -> Option<usize> {
    let line = cells(frame, row);
    let joined: String = line.iter().map(|(_, s)| s.as_str()).collect();
    if !joined.trim_start().starts_with("slot ") {
        return None;
    }
    // Each slot reads `N [text]`: find the one whose span holds the column.
    let mut best = None;
    for (i, (x, sym)) in line.iter().enumerate() {
        if sym != "[" || i < 2 {
            continue;
        }
        let digits: String = line[..i - 1]
            .iter()
            .rev()
            .map(|(_, s)| s.as_str())
            .take_while(|s| s.chars().all(|c| c.is_ascii_digit()) && !s.is_empty())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let Ok(n) = digits.parse::<usize>() else {
            continue;
        };
        let start = x.saturating_sub(digits.len() as u16 + 1);
        let end = line[i..].iter().find(|(_, s)| s == "]").map_or(*x, |(e, _)| *e);
        if (start..=end).contains(&col) {
            best = n.checked_sub(1);
        }
    }
    best
}

/// The gap listed on `row` in a gap item's answer list (`›gap 2 text`).
fn gap_row(frame: &Buffer, row: u16) -> Option<usize> {
    let line = text(frame, row);
    let rest = line.trim_start().trim_start_matches('›').strip_prefix("gap ")?;
    let n: usize = rest.split_whitespace().next()?.parse().ok()?;
    n.checked_sub(1)
}

/// The position of the order line or tokens tile drawn on `row` (`› 2 │ x = 1`, a concept
/// sort's `› 2. text`): its number, 0-based. Only rows under the "Arrange the" hint count, so
/// a code listing's gutter never does.
fn order_line(frame: &Buffer, row: u16) -> Option<usize> {
    let hint = (0..row).find(|&y| text(frame, y).contains("Arrange the "))?;
    (hint < row).then_some(())?;
    let line = text(frame, row);
    let (number, _) = line.split_once(" │ ").or_else(|| line.split_once(". "))?;
    let n: usize = number.trim().trim_start_matches('›').trim().parse().ok()?;
    n.checked_sub(1)
}

/// The card drawn on `row` of a match item (`›card 2 3.0  ▸ A float`): its number, 0-based.
fn card_row(frame: &Buffer, row: u16) -> Option<usize> {
    let line = text(frame, row);
    let rest = line.trim_start().trim_start_matches('›').strip_prefix("card ")?;
    let n: usize = rest.split_whitespace().next()?.parse().ok()?;
    n.checked_sub(1)
}

fn click(screen: &Screen, frame: &Buffer, col: u16, row: u16) -> Option<Msg> {
    let area = frame.area;
    if col >= area.width || row >= area.height {
        return None;
    }
    if let Screen::Exam(e) = screen
        && matches!(e.overlay, Some(Overlay::Navigator { .. }))
    {
        return navigator_cell(frame, col, row).map(Msg::Jump);
    }
    if row + 1 == area.height {
        return footer_key(&cells(frame, row), col);
    }
    // In a dialog, its own key hints (Enter/y, Esc/n).
    if let Screen::Exam(e) = screen
        && e.overlay.is_some()
    {
        return footer_key(&cells(frame, row), col);
    }
    if answering(screen) {
        return option_at(frame, row).map(Msg::Choose);
    }
    None
}

/// The row's text, one `(column, symbol)` per cell (wide characters take one cell and the
/// next is skipped).
fn cells(frame: &Buffer, row: u16) -> Vec<(u16, String)> {
    (0..frame.area.width)
        .map(|x| (x, frame[(x, row)].symbol().to_string()))
        .collect()
}

fn text(frame: &Buffer, row: u16) -> String {
    cells(frame, row).into_iter().map(|(_, s)| s).collect()
}

/// Key hints read `key what  key what`: the hint under `col` and the message of its key.
fn footer_key(cells: &[(u16, String)], col: u16) -> Option<Msg> {
    // Segments are separated by two spaces or more.
    let mut segments: Vec<(u16, u16, String)> = Vec::new();
    let mut current: Option<(u16, u16, String)> = None;
    let mut spaces = 0;
    for (x, sym) in cells {
        // A dialog's border ends a hint: `│Enter/y save` starts with the key.
        if sym == "│" {
            segments.extend(current.take());
            spaces = 0;
            continue;
        }
        if sym.trim().is_empty() {
            spaces += 1;
            if spaces >= 2
                && let Some(seg) = current.take()
            {
                segments.push(seg);
            }
            if let Some((_, end, text)) = current.as_mut() {
                *end = *x;
                text.push(' ');
            }
            continue;
        }
        spaces = 0;
        let seg = current.get_or_insert((*x, *x, String::new()));
        seg.1 = *x;
        seg.2.push_str(sym);
    }
    segments.extend(current);
    let (start, end, text) = segments.into_iter().find(|(s, e, _)| (*s..=*e).contains(&col))?;
    let key = text.split_whitespace().next()?;
    match key {
        // ← → is two keys in one hint: its left half goes back, its right half on.
        "←→" => Some(if col < start + (end - start) / 2 {
            Msg::Previous
        } else {
            Msg::Next
        }),
        "←" | "p" => Some(Msg::Previous),
        "→" | "n" => Some(Msg::Next),
        "s" => Some(Msg::Submit),
        "f" => Some(Msg::Flag),
        "g" => Some(Msg::Navigator),
        "?" => Some(Msg::Help),
        "q" => Some(Msg::Quit),
        // What the Esc and n keys send (a dialog's "Esc/n" closes it).
        "Esc" | "Esc/n" => Some(Msg::Cancel),
        "Enter" | "Enter/y" | "y" => Some(Msg::Confirm),
        "r" => Some(Msg::OpenReview),
        "h" => Some(Msg::OpenHistory),
        "m" => Some(Msg::OpenMastery),
        "t" => Some(Msg::StepThrough),
        "u" => Some(Msg::Unsure),
        "x" => Some(Msg::Clear),
        "Tab" => Some(Msg::CycleFilter),
        "▼" => Some(Msg::ScrollDown),
        _ => None,
    }
}

/// The option whose rows include `row`: an option starts with its mark and letter
/// (`›(•) B `, `[ ] C `); the rows under it that are indented (its wrapped text) belong to it.
fn option_at(frame: &Buffer, row: u16) -> Option<usize> {
    let mut current = None;
    for y in 0..=row {
        let line = text(frame, y);
        current = match option_start(&line) {
            Some(i) => Some(i),
            None if line.starts_with("      ") && !line.trim().is_empty() => current,
            None => None,
        };
    }
    current
}

fn option_start(line: &str) -> Option<usize> {
    let rest = line.trim_start().trim_start_matches('›');
    let rest = ["( ) ", "(•) ", "[ ] ", "[x] "]
        .iter()
        .find_map(|mark| rest.strip_prefix(mark))?;
    let mut chars = rest.chars();
    let letter = chars.next()?;
    (letter.is_ascii_uppercase() && chars.next() == Some(' ')).then(|| letter as usize - 'A' as usize)
}

/// The navigator's cells are six columns wide, each starting with its item number.
fn navigator_cell(frame: &Buffer, col: u16, row: u16) -> Option<usize> {
    let (left, top) = (0..frame.area.height).find_map(|y| {
        let line = cells(frame, y);
        let x = line
            .windows(2)
            .find(|w| w[0].1 == "┌" && w[1].1 == " ")
            .map(|w| w[0].0)?;
        text(frame, y).contains("Items").then_some((x + 1, y + 1))
    })?;
    if col < left || row < top {
        return None;
    }
    let start = left + (col - left) / 6 * 6;
    let cell: String = (start..(start + 4).min(frame.area.width))
        .map(|x| frame[(x, row)].symbol().to_string())
        .collect();
    let n: usize = cell
        .trim()
        .trim_end_matches(['✓', '◐', '·'])
        .trim()
        .parse()
        .ok()?;
    n.checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_rows_start_with_a_mark_and_a_letter() {
        assert_eq!(option_start(" ›(•) B It prints 3"), Some(1));
        assert_eq!(option_start("  [ ] C total is an int"), Some(2));
        assert_eq!(option_start("  1 │ total = 0"), None);
        assert_eq!(option_start("  (see above)"), None);
    }

    #[test]
    fn footer_hints_map_to_their_keys() {
        let row = "↑↓ move  ←→ prev/next  f flag  s submit  ? help  q quit";
        let cells: Vec<(u16, String)> = row
            .chars()
            .enumerate()
            .map(|(i, c)| (i as u16, c.to_string()))
            .collect();
        let at = |needle: &str| {
            row.chars()
                .collect::<String>()
                .find(needle)
                .map(|b| row[..b].chars().count() as u16)
                .unwrap()
        };
        assert_eq!(footer_key(&cells, at("f flag")), Some(Msg::Flag));
        assert_eq!(footer_key(&cells, at("s submit") + 3), Some(Msg::Submit));
        assert_eq!(footer_key(&cells, at("←→")), Some(Msg::Previous));
        assert_eq!(footer_key(&cells, at("/next") + 3), Some(Msg::Next));
        assert_eq!(footer_key(&cells, at("↑↓")), None);
        // In a dialog the hints sit against its border.
        let row = "  ( ) C 2┌ x ┐  │Enter/y save and quit   Esc/n stay   │";
        let cells: Vec<(u16, String)> = row
            .chars()
            .enumerate()
            .map(|(i, c)| (i as u16, c.to_string()))
            .collect();
        let at = |needle: &str| row[..row.find(needle).unwrap()].chars().count() as u16;
        assert_eq!(footer_key(&cells, at("Enter/y")), Some(Msg::Confirm));
        assert_eq!(footer_key(&cells, at("and quit")), Some(Msg::Confirm));
        assert_eq!(footer_key(&cells, at("Esc/n") + 1), Some(Msg::Cancel));
    }
}
