//! The step view: the code with the line about to run marked, the variables of every active
//! frame (changed ones marked `*`), the output so far, and what happens at this step.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::body;
use super::frame::{self, styled};
use crate::bank::{Lang, MAIN_FILE};
use crate::trace::{Kind, State};
use crate::tui::app::StepScreen;
use crate::tui::highlight;
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[
    ("←→", "step"),
    ("Home/End", "first/last"),
    ("?", "help"),
    ("Esc", "back"),
];

pub const HELP: &[(&str, &str)] = &[
    ("→  n  ↓", "next step"),
    ("←  p  ↑", "previous step"),
    ("Home  End", "first / last step"),
    ("Esc  q", "back to where you were"),
];

/// How review and drill help name the key that opens this view.
pub const OPEN_KEY: (&str, &str) = ("t", "step through the code (where a run is recorded)");

/// Side by side from this body width; below it code, variables and output are stacked.
const COLUMNS_FROM: u16 = 56;

pub fn render(s: &StepScreen, notice: Option<&str>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (head, body, foot) = frame::split(area);
    let state = s.state();
    let title = if area.width >= 70 {
        format!(" Step through │ {} ", s.id)
    } else {
        format!(" {} ", s.id)
    };
    let position = format!(" step {}/{} ", s.pos.min(s.trace.len() - 1) + 1, s.trace.len());
    frame::header(
        head,
        buf,
        theme,
        vec![styled(title, theme.header())],
        vec![styled(position, theme.header())],
    );
    let (text, style) = banner(state, theme);
    let banner_rows = if text.width() > body.width as usize { 2 } else { 1 };
    Paragraph::new(Line::styled(text, style))
        .wrap(Wrap { trim: true })
        .render(
            Rect {
                height: banner_rows,
                ..body
            },
            buf,
        );
    let rest = Rect {
        y: body.y + banner_rows + 1,
        height: body.height.saturating_sub(banner_rows + 1),
        ..body
    };
    let output_rows = (rest.height / 3).max(3);
    let top = Rect {
        height: rest.height.saturating_sub(output_rows),
        ..rest
    };
    let bottom = Rect {
        y: top.y + top.height,
        height: rest.height - top.height,
        ..rest
    };
    if body.width >= COLUMNS_FROM {
        let code_width = (code_width(s) as u16).clamp(body.width / 2, body.width * 3 / 5);
        code(
            s,
            state,
            theme,
            Rect {
                width: code_width,
                ..top
            },
            buf,
        );
        let vars_area = Rect {
            x: top.x + code_width + 1,
            width: top.width.saturating_sub(code_width + 1),
            ..top
        };
        variables(state, theme, vars_area, buf);
    } else {
        let code_rows = top.height.div_ceil(2);
        code(
            s,
            state,
            theme,
            Rect {
                height: code_rows,
                ..top
            },
            buf,
        );
        variables(
            state,
            theme,
            Rect {
                y: top.y + code_rows,
                height: top.height - code_rows,
                ..top
            },
            buf,
        );
    }
    output(s, state, theme, bottom, buf);
    frame::footer(foot, buf, theme, HINTS, notice, false);
    if s.help {
        help(theme, area, buf);
    }
}

/// What happens at this step, in words, and how loudly.
fn banner(state: &State, theme: &Theme) -> (String, Style) {
    let f = state.function.as_deref().unwrap_or("?");
    let value = state.value.as_deref().unwrap_or("None");
    let exception = state.exception.as_deref().unwrap_or("an exception");
    let (mut text, style) = match state.kind {
        Kind::Line => (format!("▶ line {} runs next", state.line), theme.base()),
        Kind::Call => {
            let args: Vec<String> = state
                .frames
                .last()
                .map(|fr| {
                    fr.vars
                        .iter()
                        .map(|v| format!("{}={}", v.name, v.value))
                        .collect()
                })
                .unwrap_or_default();
            (format!("→ call {f}({})", args.join(", ")), theme.title())
        }
        Kind::Return => (format!("← {f} returns {value}"), theme.title()),
        Kind::Yield => (format!("← {f} yields {value}"), theme.title()),
        Kind::Raise if state.caught => (
            format!(
                "↯ line {} raises {exception}; an except clause handles it",
                state.line
            ),
            theme.warn(),
        ),
        Kind::Raise => (
            format!(
                "↯ line {} raises {exception}; nothing here handles it",
                state.line
            ),
            theme.bad(),
        ),
        Kind::Unwind => (
            format!("↑ {f} stops; the exception goes to its caller"),
            theme.bad(),
        ),
        Kind::End => match &state.exception {
            Some(x) if state.line > 0 => (
                format!("✗ line {}: uncaught {x}; the program stops", state.line),
                theme.bad(),
            ),
            Some(x) => (format!("✗ uncaught {x}; the program stops"), theme.bad()),
            None => ("■ the program has finished".to_string(), theme.good()),
        },
    };
    match state.gap {
        Some(-1) => text.push_str(" (the rest of the run was not recorded)"),
        Some(n) if n > 0 => text = format!("… {n} steps left out … {text}"),
        _ => {}
    }
    (text, style)
}

fn code_width(s: &StepScreen) -> usize {
    let width = |code: &str| {
        let longest = code.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        let digits = code.lines().count().to_string().len();
        longest + digits + 3
    };
    let files = s.files.iter().map(|f| width(&f.code).max(f.name.width() + 4));
    files.fold(width(&s.code), usize::max)
}

/// Numbered lines of one listing; `at` is the 1-based line about to run (0: none of these).
fn numbered(code: &str, lang: Lang, at: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lines = if lang.is_python() {
        highlight::lines(code)
    } else {
        highlight::plain(code)
    };
    let digits = lines.len().to_string().len();
    lines
        .iter()
        .enumerate()
        .map(|(i, runs)| {
            let here = at == i + 1;
            let mark = if here { "▶" } else { " " };
            let mut spans = vec![Span::styled(
                format!("{mark}{:>digits$} ", i + 1),
                if here { theme.cursor() } else { theme.code_gutter() },
            )];
            for (capture, run) in runs {
                let style = theme.syntax(capture);
                spans.push(Span::styled(
                    run.clone(),
                    if here { theme.cursor() } else { style },
                ));
            }
            Line::from(spans)
        })
        .collect()
}

/// The code, scrolled to keep the line about to run in the middle. An item with files lists
/// each under its name first (their lines are not stepped through), then `main.py`.
fn code(s: &StepScreen, state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for f in &s.files {
        lines.push(body::file_title(&f.name, width, theme));
        if f.code.trim().is_empty() {
            lines.push(Line::styled("   (empty file)", theme.dim()));
        } else {
            lines.extend(numbered(f.code.trim_end_matches('\n'), f.lang(), 0, theme));
        }
        lines.push(Line::default());
    }
    if !s.files.is_empty() {
        lines.push(body::file_title(MAIN_FILE, width, theme));
    }
    let main_at = lines.len();
    lines.extend(numbered(&s.code, Lang::Python, state.line, theme));
    let rows = area.height as usize;
    let current = main_at + state.line.saturating_sub(1);
    let start = if lines.len() <= rows {
        0
    } else if state.line == 0 {
        main_at.min(lines.len() - rows)
    } else {
        current.saturating_sub(rows / 2).min(lines.len() - rows)
    };
    let text: Vec<Line> = lines.into_iter().skip(start).take(rows).collect();
    Paragraph::new(text).render(area, buf);
}

fn variables(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let mut lines = Vec::new();
    for (depth, f) in state.frames.iter().enumerate().rev() {
        let title = if depth == 0 {
            "globals".to_string()
        } else {
            format!("{}()", f.name)
        };
        lines.push(Line::styled(cut(&title, width), theme.title()));
        if f.vars.is_empty() {
            lines.push(Line::styled("  (none)", theme.dim()));
        }
        for v in &f.vars {
            let (mark, style) = if v.changed {
                ("*", theme.warn())
            } else {
                (" ", theme.base())
            };
            lines.push(Line::styled(
                cut(&format!("{mark} {} = {}", v.name, v.value), width),
                style,
            ));
        }
    }
    let rows = area.height as usize;
    if lines.len() > rows && rows > 0 {
        lines.truncate(rows - 1);
        lines.push(Line::styled("  …", theme.dim()));
    }
    Paragraph::new(lines).render(area, buf);
}

fn output(s: &StepScreen, state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let so_far = &s.trace.output[..state.output_end];
    let mut lines = vec![Line::styled("Output", theme.title())];
    // Lines holding text printed at this step are bold, with a `+` in the margin.
    let mut rows: Vec<(bool, &str)> = Vec::new();
    let mut offset = 0;
    for line in so_far.split_inclusive('\n') {
        let end = offset + line.len();
        rows.push((end > state.output_start, line.trim_end_matches('\n')));
        offset = end;
    }
    let room = (area.height as usize).saturating_sub(1);
    if rows.is_empty() {
        lines.push(Line::styled("  (nothing printed yet)", theme.dim()));
    }
    for (new, text) in rows.iter().skip(rows.len().saturating_sub(room)) {
        let (mark, style) = if *new {
            ("+", theme.good())
        } else {
            (" ", theme.base())
        };
        lines.push(Line::styled(cut(&format!("{mark} {text}"), width), style));
    }
    Paragraph::new(lines).render(area, buf);
}

fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn help(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = frame::dialog(area, buf, theme, "Keys", 48, HELP.len() as u16 + 6);
    let mut lines: Vec<Line> = HELP
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                styled(format!("{k:<11}"), theme.key_hint()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled("* a variable changed at this step", theme.dim()));
    lines.push(Line::styled("+ output printed at this step", theme.dim()));
    Paragraph::new(lines).render(inner, buf);
}
