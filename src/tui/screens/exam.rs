//! The exam screen: header with the countdown, the item, key hints, and any overlay on top.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::body::{Doc, render_doc, render_item};
use super::frame::{self, mmss, styled};
use super::kinds::{self, Shown};
use super::overlay;
use crate::bank::Kind;
use crate::exam::count;
use crate::tui::app::{ExamScreen, Overlay};
use crate::tui::theme::Theme;

// Each list is in order of importance, help and quit last: when the footer is narrow the hints
// just before those two give way first (`frame::fitting_hints`), so grid and submit stay and
// `?` lists every key.
pub const HINTS: &[(&str, &str)] = &[
    ("g", "grid"),
    ("s", "submit"),
    ("f", "flag"),
    ("←→", "item"),
    ("1-9", "choose"),
    ("↑↓", "move"),
    ("?", "help"),
    ("q", "quit"),
];

pub const GAP_HINTS: &[(&str, &str)] = &[
    ("Enter/i", "type"),
    ("g", "grid"),
    ("s", "submit"),
    ("f", "flag"),
    ("←→", "item"),
    ("x", "clear"),
    ("↑↓", "gap"),
    ("?", "help"),
    ("q", "quit"),
];

pub const TYPING_HINTS: &[(&str, &str)] = &[
    ("typing", "letters are text"),
    ("Esc/Enter", "done"),
    ("↑↓", "other gap"),
    ("⌫", "delete"),
];

pub const SLOTS_HINTS: &[(&str, &str)] = &[
    ("a-e/1-9", "fill"),
    ("g", "grid"),
    ("s", "submit"),
    ("f", "flag"),
    ("←→", "item"),
    ("x", "clear"),
    ("↑↓", "slot"),
    ("?", "help"),
    ("q", "quit"),
];

pub const ORDER_HINTS: &[(&str, &str)] = &[
    ("J/K ⇧↑↓", "move it"),
    ("g", "grid"),
    ("s", "submit"),
    ("f", "flag"),
    ("←→", "item"),
    ("↑↓", "line"),
    ("?", "help"),
    ("q", "quit"),
];

pub const TOKENS_HINTS: &[(&str, &str)] = &[
    ("Space", "pick/drop"),
    ("g", "grid"),
    ("s", "submit"),
    ("f", "flag"),
    ("←→", "item"),
    ("↑↓", "tile"),
    ("?", "help"),
    ("q", "quit"),
];

pub const MATCH_HINTS: &[(&str, &str)] = &[
    ("a-d/1-4", "bin"),
    ("g", "grid"),
    ("s", "submit"),
    ("f", "flag"),
    ("←→", "item"),
    ("x", "clear"),
    ("↑↓", "card"),
    ("?", "help"),
    ("q", "quit"),
];

/// The footer for an item of `kind`, and while typing into a gap.
pub fn hints(kind: Kind, editing: bool) -> &'static [(&'static str, &'static str)] {
    match kind {
        Kind::Gap if editing => TYPING_HINTS,
        Kind::Gap => GAP_HINTS,
        Kind::Slots => SLOTS_HINTS,
        Kind::Order => ORDER_HINTS,
        Kind::Tokens => TOKENS_HINTS,
        Kind::Match => MATCH_HINTS,
        Kind::Choice => HINTS,
    }
}

/// The item on screen as its stem and what to answer with, wrapped to `width`.
pub fn docs(exam: &ExamScreen, width: u16, theme: &Theme) -> (Doc, Doc) {
    let s = &exam.session;
    let item = s.item();
    let width = width as usize;
    // A line picked up is shown where it would be put down.
    let preview = exam
        .picked
        .map(|from| kinds::preview(item, s.answer(), from, s.cursor));
    let answer = preview.as_ref().or(s.answer());
    let shown = Shown::Answering {
        answer,
        cursor: s.cursor,
        editing: exam.editing,
    };
    let mut stem = Doc::default();
    kinds::stem(&mut stem, item, shown, width, theme);
    let mut options = Doc::default();
    kinds::answering(&mut options, item, answer, s.cursor, exam.editing, width, theme);
    (stem, options)
}

pub fn render(
    exam: &ExamScreen,
    now: DateTime<Utc>,
    notice: Option<&str>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if !exam.started {
        return render_start(exam, notice, theme, area, buf);
    }
    let s = &exam.session;
    let item = s.item();
    let (head, body, foot) = frame::split(area);
    header(exam, now, theme, head, buf);

    let (stem, options) = docs(exam, body.width, theme);
    let more = render_item(stem, options, &exam.scroll, body, buf, theme);
    frame::footer(foot, buf, theme, hints(item.kind, exam.editing), notice, more);

    match exam.overlay {
        Some(Overlay::Navigator { selected }) => overlay::navigator(s, selected, theme, area, buf),
        Some(Overlay::ConfirmSubmit) => overlay::confirm_submit(s, theme, area, buf),
        Some(Overlay::ConfirmQuit) => overlay::confirm_quit(theme, area, buf),
        Some(Overlay::Help) => overlay::help(overlay::HELP, theme, area, buf),
        Some(Overlay::Notes) => overlay::notes(&s.notes, theme, area, buf),
        None => {}
    }
}

/// The header bar alone: all that changes from one second to the next, so the event loop
/// redraws just this over the last frame while the exam sits idle.
pub fn header(exam: &ExamScreen, now: DateTime<Utc>, theme: &Theme, head: Rect, buf: &mut Buffer) {
    let s = &exam.session;
    let item = s.item();
    let area = head;
    let section = exam
        .spec
        .section(&item.section)
        .map_or(item.section.as_str(), |sec| sec.title.as_str());
    let remaining = s.remaining(now);
    // Narrow screens keep what matters most: the item number, the select count, the clock.
    let mut left = Vec::new();
    if area.width >= 56 {
        left.push(styled(format!(" {} │", s.code), theme.header()));
    }
    left.push(styled(
        format!(" Item {}/{} ", s.current + 1, s.items.len()),
        theme.header(),
    ));
    if area.width >= 60 {
        left.push(styled(format!("│ {section} "), theme.header()));
    }
    let mut right: Vec<Span<'static>> = Vec::new();
    if item.is_multiple() {
        right.push(styled(
            format!(" Select {} ", item.select_count()),
            theme.header(),
        ));
    }
    if s.flags[s.current] {
        let flag = if area.width >= 70 {
            " ⚑ flagged "
        } else {
            " ⚑ "
        };
        right.push(styled(
            flag,
            theme.flag().add_modifier(ratatui::style::Modifier::REVERSED),
        ));
    }
    right.push(styled(format!(" ⏱ {} ", mmss(remaining)), theme.clock(remaining)));
    frame::header(head, buf, theme, left, right);
}

/// Before the clock runs: what the exam is, its keys, and how to start.
fn render_start(exam: &ExamScreen, notice: Option<&str>, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let s = &exam.session;
    let (head, body, foot) = frame::split(area);
    frame::header(
        head,
        buf,
        theme,
        vec![styled(format!(" {} mock exam ", s.code), theme.header())],
        vec![styled(format!(" ⏱ {} ", mmss(s.limit_secs)), theme.header())],
    );
    let width = body.width as usize;
    let mut doc = Doc::default();
    doc.text(&exam.spec.title, width, theme.title());
    doc.blank();
    let minutes = s.limit_secs / 60;
    let exam_word = if exam.spec.is_official() {
        "the real exam"
    } else {
        "the exam"
    };
    let time = if s.standard_time {
        count(minutes, "minute")
    } else {
        format!(
            "{} (practice time; {exam_word} has {})",
            count(minutes, "minute"),
            exam.spec.minutes
        )
    };
    let weighting = if exam.spec.is_official() {
        " The score is weighted by section, as on the real exam."
    } else {
        " The score is weighted by section."
    };
    doc.text(
        &format!(
            "{} · {time} · pass at {}%.{weighting}",
            count(s.items.len() as u64, "item"),
            exam.spec.pass_percent
        ),
        width,
        theme.base(),
    );
    if let Some(intro) = &exam.intro {
        doc.blank();
        doc.text(intro, width, theme.base());
    }
    doc.blank();
    doc.lines.push(ratatui::text::Line::styled(
        "Press Enter to start the clock.",
        theme.warn(),
    ));
    doc.blank();
    doc.lines
        .push(ratatui::text::Line::styled("Keys during the exam:", theme.dim()));
    for (key, what) in overlay::HELP {
        doc.hanging(
            vec![styled(format!("{key:<15}"), theme.key_hint())],
            what,
            width,
            theme.base(),
        );
    }
    let more = render_doc(doc, 0, body, buf);
    // The list of keys is cut on small screens: `?` shows it all once the exam runs.
    frame::footer(
        foot,
        buf,
        theme,
        &[("Enter", "start the clock"), ("q", "back without starting")],
        notice,
        false,
    );
    if more {
        let hint = Rect {
            y: body.y + body.height.saturating_sub(1),
            height: 1,
            ..body
        };
        ratatui::widgets::Widget::render(
            ratatui::widgets::Paragraph::new(ratatui::text::Line::styled(
                format!("{:<1$}", "… more keys: ? during the exam", hint.width as usize),
                theme.dim(),
            )),
            hint,
            buf,
        );
    }
}
