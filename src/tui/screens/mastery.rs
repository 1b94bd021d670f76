//! The mastery map: the readiness line fixed at the top, then every section and its objectives
//! as bars, weakest first. Each row also carries a mark (✓ ~ ✗ ?), so it reads without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::body::{Doc, render_doc, wrap};
use super::frame::{self, styled};
use super::results::bar;
use crate::insight::{Estimate, Mastery, Readiness, Verdict};
use crate::tui::app::{MasteryRow, MasteryScreen};
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[("↑↓", "select"), ("Enter", "drill it"), ("q", "back")];

/// Solid when even the low end of the 80% range reaches this; weak when the high end does not.
const SOLID: f64 = 0.7;

pub const LEGEND: &str = "✓ solid  ~ unsure  ✗ weak  ? not seen · weakest first";

/// The mark of an estimate and the style that goes with it.
pub fn mark(e: &Estimate, theme: &Theme) -> (char, Style) {
    let high = e.interval().1;
    if e.answers == 0 {
        ('?', theme.dim())
    } else if e.is_solid(SOLID) {
        ('✓', theme.good())
    } else if high < SOLID {
        ('✗', theme.bad())
    } else {
        ('~', theme.warn())
    }
}

pub fn readiness_style(r: &Readiness, theme: &Theme) -> Style {
    match r {
        Readiness::NoData | Readiness::NeedMocks { .. } => theme.warn(),
        Readiness::Estimate(p) => match p.verdict {
            Verdict::Ready => theme.good(),
            Verdict::Borderline => theme.warn(),
            Verdict::NotReady => theme.bad(),
        },
    }
}

/// `text` cut to `width` columns (with an ellipsis) and padded to exactly `width`.
fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    if text.width() <= width {
        out.push_str(text);
    } else {
        for ch in text.chars() {
            if out.width() + 2 > width {
                break;
            }
            out.push(ch);
        }
        out.push('…');
    }
    let pad = width.saturating_sub(out.width());
    out + &" ".repeat(pad)
}

/// A bar filled to the mastery estimate; dotted when nothing was answered (the estimate is
/// then only the prior, and a filled bar would suggest evidence).
fn bar_of(e: &Estimate, width: usize) -> String {
    if e.answers == 0 {
        "·".repeat(width)
    } else {
        bar(e.mean(), SOLID, width)
    }
}

/// One row: mark, label, bar, mastery with its ± range, items seen.
fn row(label: &str, e: &Estimate, width: usize, theme: &Theme, selected: bool) -> Line<'static> {
    let bar_width = (width / 5).clamp(6, 20);
    let label_width = width.saturating_sub(bar_width + 17);
    let (m, style) = mark(e, theme);
    let value = if e.answers == 0 {
        "  —     ".to_string()
    } else {
        let (low, high) = e.interval();
        format!("{:>3.0}% ±{:<2.0}", e.mean() * 100.0, (high - low) * 50.0)
    };
    let base = if selected { theme.cursor() } else { theme.base() };
    Line::from(vec![
        Span::styled(if selected { "›" } else { " " }, base),
        Span::styled(format!("{m} "), if selected { base } else { style }),
        Span::styled(fit(label, label_width), base),
        Span::styled(" ", base),
        Span::styled(bar_of(e, bar_width), if selected { base } else { style }),
        Span::styled(format!(" {value} {:>3}", e.seen), base),
    ])
}

pub fn render(m: &MasteryScreen, notice: Option<&str>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (head, body, foot) = frame::split(area);
    frame::header(
        head,
        buf,
        theme,
        vec![styled(format!(" {} mastery map ", m.code), theme.header())],
        vec![],
    );
    let width = body.width as usize;
    let mut top: Vec<Line<'static>> = wrap(&m.readiness.line(&m.mock_command), width)
        .into_iter()
        .map(|l| Line::styled(l, readiness_style(&m.readiness, theme)))
        .collect();
    let columns = "mastery ±range  seen";
    if width >= LEGEND.width() + columns.width() + 2 {
        let gap = width - LEGEND.width();
        top.push(Line::styled(format!("{LEGEND}{columns:>gap$}"), theme.dim()));
    } else {
        top.push(Line::styled(fit(LEGEND, width), theme.dim()));
        top.push(Line::styled(format!("{columns:>width$}"), theme.dim()));
    }
    let fixed = (top.len() as u16).min(body.height);
    let header_area = Rect {
        height: fixed,
        ..body
    };
    Paragraph::new(top).render(header_area, buf);
    let list_area = Rect {
        y: body.y + fixed,
        height: body.height.saturating_sub(fixed),
        ..body
    };
    let rows = m.rows();
    let selected = m.selected.min(rows.len().saturating_sub(1));
    let mut doc = Doc::default();
    for (i, r) in rows.iter().enumerate() {
        let (label, estimate) = match *r {
            MasteryRow::Topic(t) => {
                let topic = &m.mastery.topics[t];
                let label = match topic.weight {
                    Some(w) => format!("{w:>2}% {}", topic.title),
                    None => format!("    {} (drill only)", topic.title),
                };
                (label, &topic.estimate)
            }
            MasteryRow::Objective(t, o) => {
                let objective = &m.mastery.topics[t].objectives[o];
                (
                    format!("    {} {}", objective.id, objective.title),
                    &objective.estimate,
                )
            }
        };
        if i == selected {
            doc.focus = Some((doc.lines.len(), doc.lines.len() + 1));
        }
        doc.lines.push(row(&label, estimate, width, theme, i == selected));
    }
    if rows.is_empty() {
        doc.lines.push(Line::raw("This exam has no sections."));
    }
    let more = render_doc(doc, 0, list_area, buf);
    frame::footer(foot, buf, theme, HINTS, notice, more);
}

/// What a mock's results add: the readiness line and the three weakest objectives.
pub fn results_lines(
    mastery: &Mastery,
    readiness: &Readiness,
    mock_command: &str,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = wrap(&readiness.line(mock_command), width)
        .into_iter()
        .map(|l| Line::styled(l, readiness_style(readiness, theme)))
        .collect();
    let weakest = mastery.weakest(3);
    if weakest.is_empty() {
        return lines;
    }
    lines.push(Line::raw("Weakest objectives (m: mastery map):"));
    for (_, o) in weakest {
        let (m, style) = mark(&o.estimate, theme);
        let value = if o.estimate.answers == 0 {
            " not seen".to_string()
        } else {
            format!(" {:>3.0}%", o.estimate.mean() * 100.0)
        };
        let label = format!("{} {}", o.id, o.title);
        lines.push(Line::from(vec![
            Span::styled(format!("  {m} "), style),
            Span::raw(fit(&label, width.saturating_sub(4 + value.width()))),
            Span::raw(value),
        ]));
    }
    lines
}
