//! The parts every screen shares: a header bar, a footer of key hints, centred boxes, and the
//! "please enlarge the terminal" notice.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

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
    Paragraph::new(Line::from(left))
        .style(theme.header())
        .render(area, buf);
    let width: u16 = right.iter().map(|s| s.width() as u16).sum();
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
        spans.push(Span::styled(format!("{text} "), theme.warn()));
    } else {
        for (key, what) in hints {
            spans.push(Span::styled(key.to_string(), theme.key_hint()));
            spans.push(Span::styled(format!(" {what}  "), theme.dim()));
        }
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
