//! The Plan screen: the days to the exam date, as `pyexam plan EXAM` prints them. Every line
//! wraps (a row's mock command goes under it), so nothing is cut at 60 columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::body::{Doc, render_scrolled};
use super::frame::{self, styled};
use crate::tui::app::PlanScreen;
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[("↑↓ PgDn", "scroll"), ("q", "back")];

pub fn render(p: &PlanScreen, notice: Option<&str>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (head, body, foot) = frame::split(area);
    frame::header(
        head,
        buf,
        theme,
        vec![styled(format!(" Plan to exam day: {} ", p.code), theme.header())],
        vec![],
    );
    let mut doc = Doc::default();
    let width = body.width as usize;
    for line in &p.lines {
        if line.starts_with("day ") {
            doc.lines.push(Line::styled(line.clone(), theme.title()));
        } else if line.is_empty() {
            doc.blank();
        } else {
            let warn = line.starts_with("Note:") || line.contains("full mock");
            doc.text(line, width, if warn { theme.warn() } else { theme.base() });
        }
    }
    let more = render_scrolled(doc, &p.scroll, body, buf, theme);
    frame::footer(foot, buf, theme, HINTS, notice, more);
}
