//! Results after a mock (pass/fail, weighted score, per-section bars) or a drill (summary).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

use super::body::Doc;
use super::frame::{self, mmss, styled};
use crate::insight::{Mastery, Readiness};
use crate::invocation::Invocation;
use crate::session::{Attempt, Mode, Pacing, Summary};
use crate::study::Queue;
use crate::tui::scroll::Scroll;
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

/// What the results screen shows besides the attempt.
pub struct Extras<'a> {
    /// A mock's mastery and readiness after it.
    pub progress: Option<&'a (Mastery, Readiness)>,
    /// A study session's queue after it.
    pub study: Option<&'a Queue>,
    /// How printed commands start.
    pub invocation: &'a Invocation,
    /// How far it is scrolled (a small terminal).
    pub scroll: &'a Scroll,
}

pub fn render(
    a: &Attempt,
    extras: Extras,
    notice: Option<&str>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let Extras {
        progress,
        study,
        invocation,
        scroll,
    } = extras;
    let (head, body, foot) = frame::split(area);
    let title = match a.mode {
        Mode::Mock => format!(" {} mock exam: results ", a.code),
        Mode::Drill => format!(" {} drill: summary ", a.code),
        Mode::Study => format!(" {} study: summary ", a.code),
    };
    frame::header(head, buf, theme, vec![styled(title, theme.header())], vec![]);
    let r = &a.report;
    let width = body.width as usize;
    // Once per frame: retake, calibration and the pacing lines and columns all read it.
    let summary = Summary::of(a);
    let pacing = Pacing::of_summary(&summary);
    let mut doc = Doc::default();
    let mut tail = Doc::default();
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
            let credit = match r.earned {
                Some(e) if e != r.correct as f64 => format!(" · {e:.2} credit with partial"),
                _ => String::new(),
            };
            doc.text(
                &format!("{} of {} items fully right{credit}", r.correct, r.total),
                width,
                theme.base(),
            );
            let line = format!(
                "time used {} of {}{}{}",
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
            );
            doc.text(&line, width, theme.base());
            // How the score is made, the retake command and the calibration lines come after
            // the bars and readiness: the verdict and the sections are what a candidate reads
            // first, and on a small terminal the rest is a PgDn away.
            let weights = if crate::exam::OFFICIAL_CODES.contains(&a.code.as_str()) {
                "The score weights each section as the real exam does: a section counts its weight times the share of it you got right."
            } else {
                "The score weights each section: a section counts its weight times the share of it you got right."
            };
            tail.text(weights, width, theme.dim());
            if !a.notes.is_empty() {
                tail.lines.push(Line::styled("Your scratch pad:", theme.title()));
                for line in a.notes.lines() {
                    tail.hanging(vec![Span::raw("  ")], line, width, theme.base());
                }
            }
            if let Some(seed) = a.seed {
                tail.text(&format!("Seed {seed}. The same exam again:"), width, theme.dim());
                tail.hanging(
                    vec![Span::raw("  ")],
                    &retake(&summary, seed, invocation),
                    width,
                    theme.dim(),
                );
            }
            tail.blank();
            tail.lines
                .extend(super::study::mock_lines(&summary, pacing.as_ref(), theme, width));
        }
        Mode::Drill | Mode::Study => {
            let retried = a.tries.iter().filter(|t| **t > 1).count();
            doc.lines.push(Line::from(vec![
                // Items right first time over items reached: the same two numbers as beside it
                // (the report's percent would count partial credit and disagree with them).
                styled(
                    format!(
                        "First-try accuracy {:.0}%",
                        100.0 * r.correct as f64 / r.total.max(1) as f64
                    ),
                    theme.title(),
                ),
                Span::raw(format!("  ({} of {} right first time)", r.correct, r.total)),
            ]));
            let missed: Vec<usize> = (0..a.items.len()).filter(|&i| !a.is_correct(i)).collect();
            doc.lines.push(Line::raw(format!(
                "{retried} needed retries · {} still missed · time {}",
                missed.len(),
                mmss(a.used_secs)
            )));
            for (i, item) in a.items.iter().enumerate() {
                let tries = a.tries.get(i).copied().unwrap_or(0);
                if missed.contains(&i) {
                    doc.lines.push(Line::styled(
                        format!("  ✗ {} (not yet right)", item.id),
                        theme.bad(),
                    ));
                } else if tries > 1 {
                    doc.lines.push(Line::styled(
                        format!("  ↻ {} (right after {tries} tries)", item.id),
                        theme.warn(),
                    ));
                }
            }
            if !missed.is_empty() {
                doc.text(
                    &format!(
                        "`{}` brings back what is still missed.",
                        invocation.about(&a.exam, &format!("drill {} --missed", a.exam))
                    ),
                    width,
                    theme.dim(),
                );
            }
            let unsure = a.unsure.iter().filter(|u| **u).count();
            if unsure > 0 {
                let lucky = crate::session::Calibration::of(&summary.results).lucky;
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
    // Titles take the room the bars leave (a bar wants 16 columns, the figures 22); a title
    // that still does not fit ends in "…".
    let longest = r.sections.iter().map(|s| s.title.width()).max().unwrap_or(10);
    let mut times: Vec<Option<String>> = r
        .sections
        .iter()
        .map(|s| pacing.as_ref().and_then(|p| super::study::section_time(p, &s.id)))
        .collect();
    let time_width = times.iter().flatten().map(|t| t.width()).max().unwrap_or(0);
    // Time per section only where the titles (up to 30 columns) and the bars keep their room.
    let time_width = if width >= longest.min(30) + 16 + 22 + time_width {
        time_width
    } else {
        times.iter_mut().for_each(|t| *t = None);
        0
    };
    let label = longest.min(width.saturating_sub(16 + 22 + time_width)).max(8);
    let bar_width = width.saturating_sub(label + 22 + time_width).clamp(5, 30);

    for (s, time) in r.sections.iter().zip(&times) {
        let title = frame::fit(&s.title, label);
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
            Span::raw(format!(
                "{title}{} {weight} ",
                " ".repeat(label.saturating_sub(title.width()))
            )),
            styled(bar(s.share(), r.pass_percent as f64 / 100.0, bar_width), style),
            Span::raw(format!(
                " {:>3}/{:<2} {:>3.0}%",
                credit(s.credit()),
                s.total,
                s.share() * 100.0
            )),
            styled(time.clone().unwrap_or_default(), theme.dim()),
        ]));
    }
    if a.mode == Mode::Mock {
        // Name the marker where it stands, under the bars.
        let mark = (r.pass_percent as f64 / 100.0 * bar_width as f64).round() as usize;
        doc.lines.push(Line::styled(
            format!("{}└ pass mark {}%", " ".repeat(label + 6 + mark), r.pass_percent),
            theme.dim(),
        ));
        if time_width > 0 {
            // Name the time column, right-aligned under it: time spent in the section / its
            // share of the clock (by weight).
            let text = "time in section / its share";
            let end = (label + 6 + bar_width + 13 + time_width).min(width);
            doc.lines.push(Line::styled(
                format!("{}{text}", " ".repeat(end.saturating_sub(text.width()))),
                theme.dim(),
            ));
        }
    }
    if let Some((mastery, readiness)) = progress {
        doc.blank();
        doc.lines.extend(super::mastery::results_lines(
            mastery,
            readiness,
            &invocation.about(&a.exam, &format!("exam {}", a.exam)),
            theme,
            width,
        ));
    }
    if !tail.lines.is_empty() {
        doc.blank();
        doc.lines.extend(tail.lines);
    }
    // On a small terminal the readiness and objectives lines run below the fold: ↓/PgDn.
    let more = super::body::render_scrolled(doc, scroll, body, buf, theme);
    let hints = if a.mode == Mode::Mock { MOCK_HINTS } else { HINTS };
    frame::footer(foot, buf, theme, hints, notice, more);
}

/// The command that draws the same exam again.
pub fn retake(a: &Summary, seed: u64, invocation: &Invocation) -> String {
    let minutes = match (a.standard_time, a.limit_secs) {
        (false, Some(secs)) => format!(" --minutes {}", secs / 60),
        _ => String::new(),
    };
    invocation.about(&a.exam, &format!("exam {} --seed {seed}{minutes}", a.exam))
}

/// Credit as a whole number when it is one, else to one decimal.
fn credit(c: f64) -> String {
    if c.fract() == 0.0 {
        format!("{c:.0}")
    } else {
        format!("{c:.1}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bar_fills_and_marks_the_pass_line() {
        assert_eq!(super::bar(0.5, 0.7, 10), "█████░░│░░");
        assert_eq!(super::bar(1.0, 0.7, 10), "███████│██");
    }
}
