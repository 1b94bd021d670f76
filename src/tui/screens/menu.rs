//! The menu: choose an exam, then mock / drill a topic / drill missed / review / history.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::body::{Doc, render_doc};
use super::frame::{self, mmss, styled};
use crate::tui::app::{App, MenuEntry, MenuScreen};
use crate::tui::theme::Theme;

pub const HINTS: &[(&str, &str)] = &[
    ("↑↓", "select"),
    ("Enter/1-9", "open"),
    ("?", "keys"),
    ("q", "back/quit"),
];

/// The menu's keys, as `?` lists them.
pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move the cursor"),
    ("Enter Space", "open the entry under the cursor"),
    ("1-9", "open the entry with that number"),
    ("Esc q", "back to the exams; from there, quit"),
    ("?", "this list of keys"),
];

pub fn label(app: &App, entry: &MenuEntry, exam: Option<&str>) -> String {
    let spec = exam.and_then(|e| app.banks.exam(e));
    match entry {
        MenuEntry::Resume(exam) => match app.saved(exam) {
            Some(s) => format!(
                "Resume the {} exam ({}, {} left)",
                s.code,
                s.tally().brief(),
                mmss(s.limit_secs.saturating_sub(s.used_secs))
            ),
            None => format!("Resume the {exam} exam"),
        },
        MenuEntry::ResumeDrill => match &app.saved_drill {
            Some(d) => format!(
                "Resume the {} {} of {} ({} answered, {} to go)",
                d.drill.code,
                d.drill.mode.name(),
                d.label,
                d.drill.tries.iter().filter(|t| **t > 0).count(),
                d.drill.remaining()
            ),
            None => "Resume the drill".into(),
        },
        MenuEntry::DiscardSaved(exam) => format!(
            "Discard the saved {} exam (it is kept aside as a file, not deleted)",
            app.saved(exam).map_or(exam.as_str(), |s| s.code.as_str())
        ),
        MenuEntry::RestoreSetAside(i) => match app.set_aside.get(*i) {
            Some(k) => format!(
                "Restore the {} exam set aside {} ({}, {} left)",
                k.code,
                k.when,
                k.tally.brief(),
                mmss(k.left_secs)
            ),
            None => "Restore a set-aside exam".into(),
        },
        MenuEntry::Exam(id) => match app.banks.exam(id) {
            Some(e) => format!(
                "{:<12} {} · {} items · {} min · {} questions",
                e.code,
                e.title,
                e.items,
                e.minutes,
                app.banks.questions.iter().filter(|q| q.exam == e.id).count(),
            ),
            None => id.clone(),
        },
        MenuEntry::Mock => match spec {
            Some(e) => format!(
                "Mock exam: {} items, {} minutes, pass at {}%",
                e.items, e.minutes, e.pass_percent
            ),
            None => "Mock exam".into(),
        },
        MenuEntry::DrillTopic(t) => {
            let title = spec.and_then(|e| e.topic_title(t)).unwrap_or(t);
            let drill_only = spec.is_some_and(|e| e.section(t).is_none());
            let n = app.banks.count(exam.unwrap_or(""), t);
            format!(
                "Drill: {title} ({n} question{}{})",
                if n == 1 { "" } else { "s" },
                if drill_only { ", drill only" } else { "" }
            )
        }
        MenuEntry::Study => match exam.and_then(|e| app.study_due_for(e)) {
            Some((0, 0)) => "Study: nothing due today, no new items left".into(),
            Some((0, new)) => format!("Study ({new} new): today's review queue, then new items"),
            Some((due, 0)) => format!("Study ({due} due): today's review queue, then new items"),
            Some((due, new)) => format!("Study ({due} due, {new} new): today's review queue, then new items"),
            None => "Study: today's review queue, then new items".into(),
        },
        MenuEntry::Mastery => "Mastery map: readiness, weakest objectives, drill one".into(),
        MenuEntry::Plan => match exam.and_then(|e| app.exam_date(e)) {
            Some(date) => format!("Plan to exam day ({date}): new items, reviews, mocks"),
            None => "Plan to exam day: set the date, see the days to it".into(),
        },
        MenuEntry::DrillMissed => "Drill my missed questions".into(),
        MenuEntry::ReviewLast => "Review the last attempt".into(),
        MenuEntry::History => "History".into(),
        MenuEntry::Back => "Back".into(),
        MenuEntry::Quit => "Quit".into(),
    }
}

pub fn render(app: &App, menu: &MenuScreen, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (head, body, foot) = frame::split(area);
    let title = match menu.exam.as_deref().and_then(|e| app.banks.exam(e)) {
        Some(e) => format!(" pyexam │ {} {} ", e.code, e.title),
        None => " pyexam │ Python Institute practice exams ".into(),
    };
    frame::header(head, buf, theme, vec![styled(title, theme.header())], vec![]);
    let entries = app.menu_entries();
    let selected = menu.selected.min(entries.len().saturating_sub(1));
    let mut doc = Doc::default();
    let heading = if menu.exam.is_some() {
        "What would you like to do?"
    } else {
        "Choose an exam:"
    };
    doc.lines.push(Line::styled(heading, theme.title()));
    // With an exam date: how far off it is, and where the plan is.
    if let Some((exam, date)) = menu.exam.as_deref().and_then(|e| Some((e, app.exam_date(e)?))) {
        let today = app.now.with_timezone(&chrono::Local).date_naive();
        let days = (date - today).num_days();
        let code = app.banks.exam(exam).map_or(exam, |e| e.code.as_str());
        let when = match days {
            d if d < 0 => format!("{code} exam was on {date}"),
            0 => format!("{code} exam today"),
            1 => format!("{code} exam tomorrow"),
            d => format!("{code} exam in {d} days ({date})"),
        };
        doc.text(
            &format!("{when} · Plan shows the days to it"),
            body.width as usize,
            theme.warn(),
        );
    }
    doc.blank();
    for (i, entry) in entries.iter().enumerate() {
        let style = if i == selected {
            theme.cursor()
        } else if matches!(entry, MenuEntry::Resume(_)) {
            theme.warn()
        } else {
            theme.base()
        };
        let start = doc.lines.len();
        let pointer = if i == selected { " › " } else { "   " };
        // Entries 1-9 open with their digit: say which.
        let digit = if i < 9 { format!("{} ", i + 1) } else { "  ".into() };
        // Long labels wrap under themselves: the exam's title is the part that tells them apart.
        let text = label(app, entry, menu.exam.as_deref());
        doc.hanging(
            vec![
                Span::styled(pointer, style),
                Span::styled(digit, if i == selected { style } else { theme.key_hint() }),
            ],
            &text,
            body.width as usize,
            style,
        );
        if i == selected {
            doc.focus = Some((start, doc.lines.len()));
        }
    }
    render_doc(doc, 0, body, buf);
    frame::footer(foot, buf, theme, HINTS, app.notice.as_deref(), false);
    if menu.help {
        super::overlay::help(HELP, theme, area, buf);
    }
}
