//! One view per item kind, shared by the exam, drill and review screens: the stem (prompt and
//! code, with the answer shown in place), the answering area, and the feedback that sets the
//! candidate's answer beside the key, response by response.

pub mod choice;
pub mod gap;
pub mod matching;
pub mod order;
pub mod slots;
pub mod tokens;

use ratatui::style::Style;
use ratatui::text::Line;

use super::body::{self, Doc};
use crate::bank::{Kind, MAIN_FILE};
use crate::session::{Answer, Item};
use crate::tui::theme::Theme;

/// How the item is on screen.
#[derive(Debug, Clone, Copy)]
pub enum Shown<'a> {
    /// Being answered: the answer so far, the highlighted target, typing into a gap or not.
    Answering {
        answer: Option<&'a Answer>,
        cursor: usize,
        editing: bool,
    },
    /// Checked or submitted: the answer marked right or wrong.
    Reviewed { answer: Option<&'a Answer> },
}

/// Which `why`s feedback shows: every wrong option's (review) or only the candidate's (drill).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whys {
    All,
    Mine,
}

/// Prompt, code (gap and slots items show their answer in place) and what to do.
pub fn stem(doc: &mut Doc, item: &Item, shown: Shown<'_>, width: usize, theme: &Theme) {
    doc.prose(&item.prompt, width, theme.base());
    // The files beside the program, each under its name, then the program as `main.py`.
    for f in &item.files {
        doc.blank();
        doc.file(&f.name, &f.code, f.lang(), width, theme);
    }
    if item.kind == Kind::Tokens {
        // The line being built, in its program (or alone).
        doc.blank();
        tokens::code(doc, item, shown, width, theme);
    } else if let Some(code) = &item.code {
        doc.blank();
        if !item.files.is_empty() {
            doc.lines.push(body::file_title(MAIN_FILE, width, theme));
        }
        let code = code.trim_end_matches('\n');
        match item.kind {
            Kind::Gap => gap::code(doc, item, code, shown, width, theme),
            Kind::Slots => slots::code(doc, item, code, shown, width, theme),
            Kind::Choice | Kind::Order | Kind::Match | Kind::Tokens => {
                doc.code(code, item.lang, width, theme)
            }
        }
    }
    doc.blank();
    let how = match item.kind {
        Kind::Choice if item.is_multiple() => Some(format!("Select {}.", item.select_count())),
        Kind::Choice => None,
        Kind::Gap => Some(gap::HOW.to_string()),
        Kind::Slots => Some(slots::HOW.to_string()),
        Kind::Order if !item.lang.is_python() => Some(order::HOW_CONCEPTS.to_string()),
        Kind::Order => Some(order::HOW.to_string()),
        Kind::Tokens => Some(tokens::HOW.to_string()),
        Kind::Match => Some(matching::HOW.to_string()),
    };
    let answering = matches!(shown, Shown::Answering { .. });
    if let Some(how) = how.filter(|_| answering || item.kind == Kind::Choice) {
        doc.text(&how, width, theme.warn());
    }
}

/// The part the candidate works on: options, gaps, slots and pool, or the lines.
pub fn answering(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    cursor: usize,
    editing: bool,
    width: usize,
    theme: &Theme,
) {
    match item.kind {
        Kind::Choice => {
            let chosen: Vec<usize> = answer
                .map(|a| a.chosen().iter().copied().collect())
                .unwrap_or_default();
            doc.options(item, &chosen, Some(cursor), width, theme);
        }
        Kind::Gap => gap::answering(doc, item, answer, cursor, editing, width, theme),
        Kind::Slots => slots::answering(doc, item, answer, cursor, width, theme),
        Kind::Order => order::answering(doc, item, answer, cursor, width, theme),
        Kind::Tokens => tokens::answering(doc, item, answer, cursor, width, theme),
        Kind::Match => matching::answering(doc, item, answer, cursor, width, theme),
    }
}

/// The candidate's answer beside the key, response by response, with the `why`s.
pub fn feedback(
    doc: &mut Doc,
    item: &Item,
    answer: Option<&Answer>,
    whys: Whys,
    width: usize,
    theme: &Theme,
) {
    match item.kind {
        Kind::Choice => choice::feedback(doc, item, answer, whys, width, theme),
        Kind::Gap => gap::feedback(doc, item, answer, width, theme),
        Kind::Slots => slots::feedback(doc, item, answer, whys, width, theme),
        Kind::Order => order::feedback(doc, item, answer, width, theme),
        Kind::Tokens => tokens::feedback(doc, item, answer, whys, width, theme),
        Kind::Match => matching::feedback(doc, item, answer, whys, width, theme),
    }
    let progress = item.progress(answer);
    if progress.responses > 1 {
        doc.lines.push(Line::styled(
            format!(
                "{} of {} responses right: {:.2} of 1 credit",
                progress.earned,
                progress.responses,
                progress.credit()
            ),
            theme.dim(),
        ));
    }
}

/// The answer shown while the target at `from` is carried to `to` (order lines, tokens tiles).
pub fn preview(item: &Item, answer: Option<&Answer>, from: usize, to: usize) -> Answer {
    match item.kind {
        Kind::Tokens => tokens::preview(item, answer, from, to),
        _ => order::preview(item, answer, from, to),
    }
}

/// A marker's box: `⟦__1__⟧` while empty, the text in place once given.
pub fn marker_box(number: usize, text: Option<&str>, caret: bool) -> String {
    // ⟦ ⟧ rather than [ ]: a filled gap must never read as Python (`stock[['pen']]`), and
    // must stand out without colour (NO_COLOR) too.
    match (text.filter(|t| !t.is_empty()), caret) {
        (Some(t), true) => format!("⟦{t}▏⟧"),
        (Some(t), false) => format!("⟦{t}⟧"),
        (None, true) => "⟦▏⟧".to_string(),
        (None, false) => format!("⟦__{number}__⟧"),
    }
}

/// The style of a response in review.
pub fn verdict_style(right: bool, theme: &Theme) -> Style {
    if right { theme.good() } else { theme.bad() }
}
