//! The parts every screen shares: a header bar, a footer of key hints, centred boxes, and the
//! "please enlarge the terminal" notice.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::tui::theme::Theme;

pub const MIN_WIDTH: u16 = 44;
pub const MIN_HEIGHT: u16 = 12;

/// Header, body and footer rows of a screen.
pub fn split(area: Rect) -> (Rect, Rect, Rect) {
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        y: body.y + 1,
        height: body.height.saturating_sub(1),
    };
    (header, body, footer)
}

/// A reversed bar with `left` text and `right` spans flush right.
pub fn header(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    left: Vec<Span<'static>>,
    right: Vec<Span<'static>>,
) {
    buf.set_style(area, theme.header());
    let width: u16 = right.iter().map(|s| s.width() as u16).sum();
    // The left part gives way to the right one (the clock), and says where it was cut.
    let room = area.width.saturating_sub(width) as usize;
    Paragraph::new(Line::from(fit_spans(left, room)))
        .style(theme.header())
        .render(area, buf);
    if width < area.width {
        let r = Rect {
            x: area.x + area.width - width,
            width,
            ..area
        };
        Paragraph::new(Line::from(right)).render(r, buf);
    }
}

/// Key hints: pairs of (key, what it does); `more` adds a scroll hint on the right.
pub fn footer(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    hints: &[(&str, &str)],
    notice: Option<&str>,
    more: bool,
) {
    let mut spans = Vec::new();
    if let Some(text) = notice {
        // A notice never loses its end (the reason, the way out): a long one wraps upwards
        // over the bottom of the body, up to half the screen.
        let mut lines = super::body::wrap(text, area.width.max(1) as usize);
        let room = (area.y / 2).max(1) as usize;
        if lines.len() > room {
            let rest = lines.split_off(room - 1).join(" ");
            lines.push(rest);
        }
        let extra = lines.len().saturating_sub(1) as u16;
        let top = Rect {
            y: area.y - extra,
            height: extra + 1,
            ..area
        };
        Clear.render(top, buf);
        let text: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, theme.warn())).collect();
        Paragraph::new(text).wrap(Wrap { trim: false }).render(top, buf);
        return;
    }
    // Keep room for the scroll hint: a cut must always be marked.
    let room = (area.width as usize).saturating_sub(if more { 10 } else { 0 });
    for (key, what) in fitting_hints(hints, room) {
        spans.push(Span::styled(key.to_string(), theme.key_hint()));
        spans.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    Paragraph::new(Line::from(spans)).render(area, buf);
    // The scroll hint goes right of the key hints when there is room; never over them.
    if more && used + 10 <= area.width as usize {
        let r = Rect {
            x: area.x + area.width - 10,
            width: 10,
            ..area
        };
        Paragraph::new(Span::styled(" ▼ PgDn ", theme.warn())).render(r, buf);
    }
}

/// The hints that fit in `width`: when not all do, the ones just before the last two give way
/// first (the last two are help and quit, the keys that lead to every other one), so a screen
/// lists its hints by importance and the narrow footer keeps the first ones.
fn fitting_hints<'a>(hints: &'a [(&'a str, &'a str)], width: usize) -> Vec<(&'a str, &'a str)> {
    let cost = |h: &[(&str, &str)]| -> usize { h.iter().map(|(k, w)| k.width() + w.width() + 3).sum() };
    let mut kept: Vec<(&str, &str)> = hints.to_vec();
    while cost(&kept) > width && kept.len() > 2 {
        kept.remove(kept.len() - 3);
    }
    kept
}

/// A bordered box centred in `area`, cleared first; returns its inner area.
pub fn dialog(area: Rect, buf: &mut Buffer, theme: &Theme, title: &str, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    let r = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

pub fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let text = format!(
        "Please enlarge the terminal: pyexam needs at least {MIN_WIDTH}x{MIN_HEIGHT} (now {}x{}).",
        area.width, area.height
    );
    Paragraph::new(text)
        .style(theme.warn())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Shorten `text` to `width` columns, marking the cut with an ellipsis.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let cw = ch.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(ch);
        used += cw;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Spans cut to `width` columns as a whole, the cut marked with an ellipsis.
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        let rest = width.saturating_sub(used);
        if rest > 1 {
            out.push(Span::styled(fit(&span.content, rest), span.style));
        }
        break;
    }
    out
}

pub fn mmss(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

pub fn styled(text: impl Into<String>, style: Style) -> Span<'static> {
    Span::styled(text.into(), style)
}
