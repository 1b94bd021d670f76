//! Results after a mock (pass/fail, weighted score, per-section bars) or a drill (summary).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::body::Doc;
use super::frame::{self, mmss, styled};
use crate::insight::{Mastery, Readiness};
use crate::session::{Attempt, Mode};
use crate::study::Queue;
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[("r", "review"), ("h", "history"), ("q", "done")];
/// A mock's results also lead to the mastery map.
pub const MOCK_HINTS: &[(&str, &str)] = &[("r", "review"), ("m", "mastery"), ("h", "history"), ("q", "done")];

/// A bar of `width` cells filled to `share` (0..1), with the pass mark drawn as `│`.
pub fn bar(share: f64, pass: f64, width: usize) -> String {
    let filled = (share * width as f64).round() as usize;
    let mark = (pass * width as f64).round() as usize;
    (0..width)
        .map(|i| match (i < filled, i == mark) {
            (_, true) => '│',
            (true, _) => '█',
            _ => '░',
        })
        .collect()
}

pub fn render(
    a: &Attempt,
    progress: Option<&(Mastery, Readiness)>,
    study: Option<&Queue>,
    notice: Option<&str>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let (head, body, foot) = frame::split(area);
    let title = match a.mode {
        Mode::Mock => format!(" {} mock exam: results ", a.code),
        Mode::Drill => format!(" {} drill: summary ", a.code),
        Mode::Study => format!(" {} study: summary ", a.code),
    };
    frame::header(head, buf, theme, vec![styled(title, theme.header())], vec![]);
    let r = &a.report;
    let width = body.width as usize;
    let mut doc = Doc::default();
    match a.mode {
        Mode::Mock => {
            let (verdict, style) = if r.passed {
                ("PASSED", theme.good())
            } else {
                ("NOT PASSED", theme.bad())
            };
            doc.lines.push(Line::from(vec![
                styled(verdict, style),
                Span::raw(format!(
                    "   score {:.1}% (pass mark {}%)",
                    r.percent, r.pass_percent
                )),
            ]));
            doc.lines.push(Line::raw(format!(
                "{} of {} items correct · time used {} of {}{}{}",
                r.correct,
                r.total,
                mmss(a.used_secs),
                mmss(a.limit_secs.unwrap_or(0)),
                if a.timed_out {
                    " · submitted when time ran out"
                } else {
                    ""
                },
                if a.standard_time {
                    ""
                } else {
                    " · non-standard time"
                },
            )));
            doc.lines.extend(super::study::mock_lines(a, theme, width));
        }
        Mode::Drill | Mode::Study => {
            let retried = a.tries.iter().filter(|t| **t > 1).count();
            doc.lines.push(Line::from(vec![
                styled(format!("First-try accuracy {:.0}%", r.percent), theme.title()),
                Span::raw(format!("  ({} of {} right first time)", r.correct, r.total)),
            ]));
            doc.lines.push(Line::raw(format!(
                "{retried} needed retries · time {}",
                mmss(a.used_secs)
            )));
            for (i, item) in a.items.iter().enumerate().filter(|(i, _)| a.tries[*i] > 1) {
                doc.lines.push(Line::styled(
                    format!("  ↻ {} ({} tries)", item.id, a.tries[i]),
                    theme.warn(),
                ));
            }
            let unsure = a.unsure.iter().filter(|u| **u).count();
            if unsure > 0 {
                let lucky = crate::session::Calibration::of(&crate::session::Summary::of(a).results).lucky;
                doc.lines.push(Line::raw(format!(
                    "{unsure} marked unsure · {} right anyway (lucky: back soon)",
                    lucky.len()
                )));
            }
            if let Some(queue) = study {
                doc.lines
                    .extend(super::study::summary_lines(queue, a.finished_at, theme));
            }
        }
    }
    doc.blank();
    let label = r
        .sections
        .iter()
        .map(|s| s.title.chars().count())
        .max()
        .unwrap_or(10)
        .min(width / 3);
    let mut times: Vec<Option<String>> = r
        .sections
        .iter()
        .map(|s| super::study::section_time(a, &s.id))
        .collect();
    let mut time_width = times
        .iter()
        .flatten()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0);
    // Time per section only where the bars stay readable beside it.
    if width.saturating_sub(label + 22 + time_width) < 12 {
        times.iter_mut().for_each(|t| *t = None);
        time_width = 0;
    }
    let bar_width = width.saturating_sub(label + 22 + time_width).clamp(5, 30);
    for (s, time) in r.sections.iter().zip(&times) {
        let title: String = s.title.chars().take(label).collect();
        let weight = if s.weight > 0 {
            format!("{:>3}%", s.weight)
        } else {
            "    ".into()
        };
        let style = if s.share() * 100.0 >= r.pass_percent as f64 {
            theme.good()
        } else {
            theme.bad()
        };
        doc.lines.push(Line::from(vec![
            Span::raw(format!("{title:<label$} {weight} ")),
            styled(bar(s.share(), r.pass_percent as f64 / 100.0, bar_width), style),
            Span::raw(format!(
                " {:>2}/{:<2} {:>3.0}%",
                s.correct,
                s.total,
                s.share() * 100.0
            )),
            styled(time.clone().unwrap_or_default(), theme.dim()),
        ]));
    }
    if let Some((mastery, readiness)) = progress {
        doc.blank();
        doc.lines
            .extend(super::mastery::results_lines(mastery, readiness, theme, width));
    }
    Paragraph::new(doc.lines).render(body, buf);
    let hints = if a.mode == Mode::Mock { MOCK_HINTS } else { HINTS };
    frame::footer(foot, buf, theme, hints, notice, false);
}

#[cfg(test)]
mod tests {
    #[test]
    fn bar_fills_and_marks_the_pass_line() {
        assert_eq!(super::bar(0.5, 0.7, 10), "█████░░│░░");
        assert_eq!(super::bar(1.0, 0.7, 10), "███████│██");
    }
}
