//! History: every attempt, newest first, and the score trend of the selected exam's mocks.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget};

use super::frame::{self, mmss, styled};
use crate::session::Mode;
use crate::tui::app::{App, HistoryScreen};
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[
    ("↑↓", "select"),
    ("Enter", "review"),
    ("t", "trend: standard/all"),
    ("q", "back"),
];

/// The mark of an attempt that does not compare with a real exam: ⏱ ran out of time, * another
/// time limit than the official one.
fn mark(a: &crate::session::Summary) -> &'static str {
    match a.mode {
        // Drills and study sessions are untimed: no mark, and never in the trend.
        Mode::Drill | Mode::Study => " ",
        _ if a.timed_out => "⏱",
        _ if !a.standard_time => "*",
        _ => " ",
    }
}

/// Whether a mock belongs in the trend line: standard time and submitted by the candidate.
fn comparable(a: &crate::session::Summary) -> bool {
    a.standard_time && !a.timed_out
}

pub fn render(app: &App, h: &HistoryScreen, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (head, body, foot) = frame::split(area);
    let rows = app.history_rows(h.exam.as_deref());
    let title = match &h.exam {
        Some(e) => format!(" History: {e} "),
        None => " History ".to_string(),
    };
    frame::header(
        head,
        buf,
        theme,
        vec![styled(title, theme.header())],
        vec![styled(
            format!(
                " {} attempt{} ",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            ),
            theme.header(),
        )],
    );
    frame::footer(foot, buf, theme, HINTS, app.notice.as_deref(), false);
    if rows.is_empty() {
        // The exam asked about, else the first one loaded (`pcep` may not be, with --no-builtin).
        let exam = h
            .exam
            .clone()
            .or_else(|| app.banks.exams.first().map(|e| e.id.clone()))
            .unwrap_or_else(|| "pcep".into());
        let inv = &app.invocation;
        Paragraph::new(format!(
            "No attempts yet. Take a mock with `{}` or drill with `{}`.",
            inv.about(&exam, &format!("exam {exam}")),
            inv.about(&exam, &format!("drill {exam}")),
        ))
        .wrap(ratatui::widgets::Wrap { trim: true })
        .style(theme.dim())
        .render(body, buf);
        return;
    }
    let selected = h.selected.min(rows.len() - 1);
    let chart_height = if body.height >= 18 { body.height / 2 } else { 0 };
    let [list, detail, chart] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(2),
        Constraint::Length(chart_height),
    ])
    .areas(body);
    // The number the list shows (and `review N` takes), not the position in history.
    let number = app.history[rows[selected]].number;
    let chosen = &app.history[rows[selected]].summary;
    let mut about = match (chosen.mode, chosen.seed) {
        (Mode::Mock, Some(seed)) => format!(
            "#{number} seed {seed} · again: {}",
            super::results::retake(chosen, seed, &app.invocation)
        ),
        _ => format!("#{number} {} {}", chosen.code, chosen.mode.name()),
    };
    if chosen.timed_out {
        about.push_str(" · ⏱ ran out of time");
    } else if chosen.mode == Mode::Mock && !chosen.standard_time {
        about.push_str(" · * non-standard time");
    }
    Paragraph::new(vec![
        Line::styled(frame::fit(&about, detail.width as usize), theme.dim()),
        Line::styled(
            frame::fit(
                "⏱ timed out · * non-standard time: left out of the trend (t shows all)",
                detail.width as usize,
            ),
            theme.dim(),
        ),
    ])
    .render(detail, buf);

    let visible = list.height.saturating_sub(1) as usize;
    let first = selected.saturating_sub(visible.saturating_sub(1));
    // The full row is 67 columns; narrower lists (down to the 44-column minimum) drop the year
    // and the time used and name the exam by its id, so score and result always show.
    let compact = list.width < FULL_ROW_WIDTH;
    let header = if compact {
        format!(
            "{:<3} {:<11} {:<5} {:<5} {:>6}  {}",
            "#", "date", "exam", "mode", "score", "result"
        )
    } else {
        format!(
            "{:<3} {:<16} {:<12} {:<5} {:>6}  {:<10} {:>8}",
            "#", "date", "exam", "mode", "score", "result", "time"
        )
    };
    let mut lines = vec![Line::styled(header, theme.dim())];
    for (row, &i) in rows.iter().enumerate().skip(first).take(visible) {
        let stored = &app.history[i];
        let a = &stored.summary;
        let (result, style) = match a.mode {
            Mode::Mock if a.report.passed => ("pass", theme.good()),
            Mode::Mock => ("fail", theme.bad()),
            Mode::Drill | Mode::Study => (a.mode.name(), theme.base()),
        };
        let mode = a.mode.name();
        let local = a.finished_at.with_timezone(&chrono::Local);
        let mut spans = if compact {
            vec![
                Span::raw(format!(
                    "{:<3} {:<11} {:<5} {:<5} {:>5.1}%{} ",
                    stored.number,
                    local.format("%m-%d %H:%M"),
                    a.exam,
                    mode,
                    a.report.percent,
                    mark(a)
                )),
                Span::styled(result, style),
            ]
        } else {
            vec![
                Span::raw(format!(
                    "{:<3} {:<16} {:<12} {:<5} {:>5.1}%{} ",
                    stored.number,
                    local.format("%Y-%m-%d %H:%M"),
                    a.code,
                    mode,
                    a.report.percent,
                    mark(a)
                )),
                Span::styled(format!("{result:<10}"), style),
                Span::raw(format!(" {:>8}", mmss(a.used_secs))),
            ]
        };
        if row == selected {
            spans = spans.into_iter().map(|s| s.patch_style(theme.cursor())).collect();
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(list, buf);

    if chart_height > 0 {
        let exam = &app.history[rows[selected]].summary.exam;
        trend(app, exam, h.all_in_trend, theme, chart, buf);
    }
}

/// Columns of a history row with every field: #, date, exam, mode, score, result, time.
const FULL_ROW_WIDTH: u16 = 67;

/// Mock scores of one exam in order, against the pass line. Only mocks that compare with the
/// real exam, unless `all`. The legend is a line of its own under the chart, so it never covers
/// the line; each score is a block, so a single attempt shows.
fn trend(app: &App, exam: &str, all: bool, theme: &Theme, area: Rect, buf: &mut Buffer) {
    // Each mock with its attempt number, the # the list shows: the axis counts those.
    let mocks: Vec<(usize, &crate::session::Summary)> = app
        .history
        .iter()
        .map(|s| (s.number, &s.summary))
        .filter(|(_, a)| a.exam == exam && a.mode == Mode::Mock && (all || comparable(a)))
        .collect();
    let Some(&(first_number, first)) = mocks.first() else {
        let text = if all {
            format!("No {exam} mocks yet: the trend chart shows mock scores.")
        } else {
            format!("No standard-time {exam} mocks yet: the trend shows those (t shows all).")
        };
        Paragraph::new(text).style(theme.dim()).render(area, buf);
        return;
    };
    let pass = first.report.pass_percent as f64;
    let points: Vec<(f64, f64)> = mocks
        .iter()
        .map(|(number, a)| (*number as f64, a.report.percent))
        .collect();
    let last_number = mocks.last().map_or(first_number, |(n, _)| *n);
    // One score sits in the middle of its axis, labelled under it; more span it end to end,
    // labelled with the first and last attempt numbers.
    let (lo, hi, labels) = if points.len() == 1 {
        let x = first_number as f64;
        (
            x - 0.5,
            x + 0.5,
            vec![String::new(), format!("#{first_number}"), String::new()],
        )
    } else {
        (
            first_number as f64,
            last_number as f64,
            vec![format!("#{first_number}"), format!("#{last_number}")],
        )
    };
    let pass_line = [(lo, pass), (hi, pass)];
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.warn())
            .data(&pass_line),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.good())
            .data(&points),
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(theme.good())
            .data(&points),
    ];
    let [chart_area, legend] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let chart = Chart::new(datasets)
        .x_axis(
            // No axis title: at the right end it would cover the newest score.
            Axis::default().bounds([lo, hi]).labels(labels),
        )
        .y_axis(Axis::default().bounds([0.0, 100.0]).labels(["0%", "50%", "100%"]))
        .legend_position(None);
    chart.render(chart_area, buf);
    let which = if all { "all mocks" } else { "standard-time mocks" };
    Paragraph::new(Line::from(vec![
        styled("── ", theme.warn()),
        styled(format!("pass {pass:.0}%   "), theme.dim()),
        styled("█ ", theme.good()),
        styled(
            format!("{} score per mock by attempt #, {which}", first.code),
            theme.dim(),
        ),
    ]))
    .render(legend, buf);
}
