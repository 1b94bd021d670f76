//! The step view: a recorded run of an item's code, one step at a time. Opened with `t` from
//! review or drill feedback; Esc or q goes back to exactly where it was opened.

use chrono::{DateTime, Utc};

use super::{App, Effect, MenuScreen, Msg, Screen};
use crate::bank::ItemFile;
use crate::bank::model::{Key, program_with_key};
use crate::session::Item;
use crate::trace::{self, Trace};

#[derive(Debug, Clone)]
pub struct StepScreen {
    pub id: String,
    pub code: String,
    /// The item's files, listed above the code (their lines are not stepped through).
    pub files: Vec<ItemFile>,
    pub trace: Trace,
    /// Index into `trace.states`.
    pub pos: usize,
    pub help: bool,
    /// The screen the view was opened from, restored on Esc/q.
    pub back: Box<Screen>,
}

/// The code a trace of this item steps through, when the embedded traces hold one for it:
/// the code with the key in place (a gap's first accepted answer, each slot's key, the lines
/// in key order), as `trace::traced_code` gives it to the tracer.
pub fn traced_code(item: &Item) -> Option<String> {
    let code = program_with_key(
        item.kind,
        item.code.as_deref(),
        Key {
            lines: &item.lines,
            slots: &item.slots,
            gaps: &item.gaps,
            tiles: &item.tiles,
        },
        0,
    )?;
    trace::has_trace(&item.id, &code, &item.files).then_some(code)
}

impl StepScreen {
    /// The step view of `item`'s recorded run, at its first step, going back to the menu.
    pub fn of(item: &Item) -> Result<StepScreen, &'static str> {
        let code = traced_code(item).ok_or("No recorded run for this item.")?;
        let trace = trace::find(&item.id, &code, &item.files)
            .filter(|t| !t.is_empty())
            .ok_or("The recorded run of this item could not be read.")?;
        Ok(StepScreen {
            id: item.id.clone(),
            code,
            files: item.files.clone(),
            trace,
            pos: 0,
            help: false,
            back: Box::new(placeholder()),
        })
    }

    pub fn state(&self) -> &trace::State {
        &self.trace.states[self.pos.min(self.trace.len() - 1)]
    }
}

impl App {
    /// Open the step view of `item` over the current screen, or say why there is none.
    pub fn open_step(&mut self, item: &Item) {
        match StepScreen::of(item) {
            Ok(mut step) => {
                step.back = Box::new(std::mem::replace(&mut self.screen, placeholder()));
                self.screen = Screen::Step(Box::new(step));
            }
            Err(why) => self.notice = Some(why.into()),
        }
    }

    pub(super) fn update_step(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Step(step) = &mut self.screen else {
            return Vec::new();
        };
        if step.help {
            step.help = false;
            return Vec::new();
        }
        let last = step.trace.len() - 1;
        match msg {
            Msg::Next | Msg::Down | Msg::ScrollDown => step.pos = (step.pos + 1).min(last),
            Msg::Previous | Msg::Up | Msg::ScrollUp => step.pos = step.pos.saturating_sub(1),
            Msg::First => step.pos = 0,
            Msg::Last => step.pos = last,
            Msg::Help => step.help = true,
            Msg::Quit | Msg::Cancel => self.close_step(),
            // The screen underneath decides what an interrupt saves (a drill keeps its attempt).
            Msg::Interrupt => {
                self.close_step();
                return self.update(Msg::Interrupt, now);
            }
            _ => {}
        }
        Vec::new()
    }
}

/// What `self.screen` holds for the instant a screen is moved out of it.
fn placeholder() -> Screen {
    Screen::Menu(MenuScreen::top())
}

impl App {
    pub(super) fn close_step(&mut self) {
        if let Screen::Step(step) = std::mem::replace(&mut self.screen, placeholder()) {
            self.screen = *step.back;
        }
    }
}
