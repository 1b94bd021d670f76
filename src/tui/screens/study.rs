//! The lines the study feature adds to other screens: calibration and pacing on a mock's
//! results, and when the next items fall due on a study session's summary.

use chrono::{DateTime, Utc};
use ratatui::text::{Line, Span};

use super::body::Doc;
use super::frame::{mmss, styled};
use crate::session::{Calibration, Pacing, Summary};
use crate::study::Queue;
use crate::tui::theme::Theme;

/// Flags as confidence, the pace at half time and the slowest items of a mock.
pub fn mock_lines(
    summary: &Summary,
    pacing: Option<&Pacing>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let c = Calibration::of(&summary.results);
    let mut doc = Doc::default();
    let flags = format!(
        "Flags: {} right but flagged (lucky) · {} wrong, not flagged (misconceptions)",
        c.lucky.len(),
        c.misconceptions.len()
    );
    doc.text(&flags, width, theme.base());
    if let Some(p) = pacing {
        let style = match p.pace {
            crate::session::Pace::Behind => theme.warn(),
            _ => theme.base(),
        };
        doc.lines.push(Line::from(vec![
            styled("Pace: ", theme.title()),
            styled(p.summary(), style),
        ]));
        let slow: Vec<String> = p
            .slowest
            .iter()
            .map(|s| format!("#{} {}", s.number, mmss(s.secs)))
            .collect();
        doc.text(&format!("Slowest: {}", slow.join(" · ")), width, theme.dim());
    }
    doc.lines
}

/// Time per section against its share of the limit, to follow the section's bar.
pub fn section_time(pacing: &Pacing, section: &str) -> Option<String> {
    let s = pacing.sections.iter().find(|s| s.section == section)?;
    Some(format!(" {}/{}", mmss(s.secs), mmss(s.share_secs)))
}

/// What a study session leaves: what is still due and when the next items fall due.
pub fn summary_lines(queue: &Queue, now: DateTime<Utc>, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![
        styled("Queue: ", theme.title()),
        Span::raw(match queue.due_total {
            0 => "nothing else is due today".to_string(),
            n => format!("{n} item{} still due now", if n == 1 { "" } else { "s" }),
        }),
    ])];
    if let Some(next) = queue.next_due {
        lines.push(Line::raw(format!(
            "Next due: {} ({})",
            local(next),
            from_now(next, now)
        )));
    }
    lines
}

pub fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%a %d %b %H:%M")
        .to_string()
}

/// "in 3 h", "in 2 days", "now", "1 day ago".
pub fn from_now(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (at - now).num_seconds();
    let abs = secs.unsigned_abs();
    let amount = if abs < 60 {
        return "now".into();
    } else if abs < 3600 {
        format!("{} min", abs / 60)
    } else if abs < 86_400 {
        format!("{} h", abs / 3600)
    } else {
        let d = abs / 86_400;
        format!("{d} day{}", if d == 1 { "" } else { "s" })
    };
    if secs > 0 {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}
