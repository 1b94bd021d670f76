//! The timed exam: answering, flagging, the navigator and dialogs, submitting, results.

use chrono::{DateTime, Utc};

use super::{App, Effect, HistoryScreen, Msg, ReviewScreen, Screen, unknown_exam};
use crate::bank::Kind;
use crate::exam::ExamSpec;
use crate::session::kinds::Edit;
use crate::session::{Blueprint, Freshness, Mode, Session, pacing};
use crate::tui::scroll::Scroll;

/// How often an idle exam journals its clock: a kill -9 gives back at most this many seconds.
pub const CHECKPOINT_SECS: u64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Navigator {
        selected: usize,
    },
    ConfirmSubmit,
    ConfirmQuit,
    Help,
    /// The scratch pad: every key is text until Esc.
    Notes,
}

#[derive(Debug, Clone)]
pub struct ExamScreen {
    pub session: Session,
    pub spec: ExamSpec,
    pub overlay: Option<Overlay>,
    pub scroll: Scroll,
    /// False on the start screen of a new exam: the clock has not started yet.
    pub started: bool,
    /// Typing into the highlighted gap: keys are text, not commands, until Esc or Enter.
    pub editing: bool,
    /// Seconds left at the last update: the time notices fire when a mark is passed.
    pub left_seen: u64,
    /// The start screen's line about the draw: how many items are new, fresh mocks left.
    pub intro: Option<String>,
    /// Pick and place on an order item: the position of the line picked up (Space), which
    /// ↑↓ carry and Space puts down. The answer changes only when it is put down.
    pub picked: Option<usize>,
    /// `--discard`: the saved exam this one replaces, set aside only when the clock starts
    /// (until then nothing is written, and leaving the start screen keeps it).
    pub replaces: Option<Box<Session>>,
}

/// The notice while an order line is picked up.
pub const PICKED: &str = "Line picked up: ↑↓ carry it, Space puts it down, Esc puts it back.";

/// What the start screen says of a fresh-first draw.
pub fn fresh_intro(
    fresh: &Freshness,
    banks: &crate::bank::BankSet,
    spec: &ExamSpec,
    bp: &Blueprint,
) -> String {
    let n = bp.items.len();
    let new = bp.items.iter().filter(|i| fresh.is_fresh(&i.id)).count();
    let items = if new == n {
        format!("All {n} items are new to you.")
    } else {
        format!(
            "{new} of {n} items are new to you; the other {} are those you saw longest ago.",
            n - new
        )
    };
    let left = fresh.fresh_mocks_left(banks, spec, &bp.items);
    let mocks = match left {
        0 => format!(
            "No fresh {} mock left after this one: later mocks repeat the items you saw longest ago.",
            spec.code
        ),
        1 => format!("1 fresh {} mock left after this one.", spec.code),
        k => format!("{k} fresh {} mocks left after this one.", spec.code),
    };
    format!("{items} {mocks}")
}

impl App {
    pub(super) fn update_exam(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Exam(exam) = &mut self.screen else {
            return Vec::new();
        };
        let s = &mut exam.session;
        if !exam.started {
            return self.update_start(msg, now);
        }
        if s.is_time_up(now) {
            return self.submit(now, true);
        }
        let left = s.remaining(now);
        if let Some(mark) = pacing::time_mark(s.limit_secs, exam.left_seen, left) {
            self.notice = Some(mark);
        }
        exam.left_seen = left;
        let journal = |s: &mut Session| {
            s.checkpoint(now);
            vec![Effect::SaveJournal(Box::new(s.clone()))]
        };
        match (exam.overlay, msg) {
            // A click on a navigator cell: there, as Enter on it would.
            (None, Msg::EditGap(i)) if s.item().kind == Kind::Gap && i < s.item().targets() => {
                s.cursor = i;
                exam.editing = true;
                Vec::new()
            }
            (None, Msg::Fill { slot, entry }) if s.item().kind.is_filled() && slot < s.item().targets() => {
                s.cursor = slot;
                match entry {
                    Some(e) => {
                        s.choose(e);
                        journal(s)
                    }
                    None => Vec::new(),
                }
            }
            (None, Msg::Place { from, to }) if s.item().kind.is_arranged() => {
                exam.picked = None;
                s.cursor = from.min(s.item().targets().saturating_sub(1));
                s.edit(Edit::Place { from, to });
                journal(s)
            }
            (_, Msg::Jump(i)) if i < s.items.len() => {
                s.go_to_at(i, now);
                exam.overlay = None;
                exam.scroll = Scroll::default();
                exam.editing = false;
                exam.picked = None;
                journal(s)
            }
            (_, Msg::Interrupt) => {
                let mut effects = journal(s);
                effects.push(Effect::Exit);
                effects
            }
            (_, Msg::Tick) => {
                // Keep the saved clock within 5 s of the real one: save when a 5-second
                // boundary has passed since the last save, not on every tick. (A record is a
                // few dozen bytes appended: the cost is not measurable at idle.)
                if s.used(now) / CHECKPOINT_SECS != s.used_secs / CHECKPOINT_SECS {
                    journal(s)
                } else {
                    Vec::new()
                }
            }
            (Some(Overlay::Navigator { selected }), msg) => {
                let n = s.items.len();
                let cols = 10;
                let selected = match msg {
                    Msg::Next => (selected + 1).min(n - 1),
                    Msg::Previous => selected.saturating_sub(1),
                    Msg::Down => (selected + cols).min(n - 1),
                    Msg::Up => selected.saturating_sub(cols),
                    Msg::Confirm => {
                        s.go_to_at(selected, now);
                        exam.overlay = None;
                        exam.scroll = Scroll::default();
                        exam.editing = false;
                        return journal(s);
                    }
                    Msg::Cancel | Msg::Navigator | Msg::Quit => {
                        exam.overlay = None;
                        return Vec::new();
                    }
                    _ => selected,
                };
                exam.overlay = Some(Overlay::Navigator { selected });
                Vec::new()
            }
            (Some(Overlay::Notes), msg) => match msg {
                Msg::Type(c) => {
                    s.write_note(c);
                    journal(s)
                }
                Msg::Backspace => {
                    s.notes.pop();
                    journal(s)
                }
                Msg::Cancel | Msg::Notes => {
                    exam.overlay = None;
                    Vec::new()
                }
                _ => Vec::new(),
            },
            (Some(Overlay::Help), _) => {
                exam.overlay = None;
                Vec::new()
            }
            (Some(Overlay::ConfirmSubmit), Msg::Confirm) => self.submit(now, false),
            (Some(Overlay::ConfirmQuit), Msg::Confirm) => {
                let mut effects = journal(s);
                self.farewell.push(format!(
                    "Saved the {} exam: {}, {} flagged, {} left. Continue with `{}`.",
                    s.code,
                    s.tally().brief(),
                    s.flagged(),
                    crate::tui::screens::frame::mmss(s.remaining(now)),
                    self.invocation.resume(&s.exam),
                ));
                effects.push(Effect::Exit);
                effects
            }
            (Some(_), Msg::Cancel | Msg::Quit | Msg::Help) => {
                exam.overlay = None;
                Vec::new()
            }
            (Some(_), _) => Vec::new(),
            (None, msg) if exam.editing => {
                match msg {
                    // Every keystroke is journaled (a record of a few bytes): a kill -9 loses
                    // at most the key in flight, as with every other answer.
                    Msg::Type(c) => {
                        s.edit(Edit::Type(c));
                        return journal(s);
                    }
                    Msg::Backspace => {
                        s.edit(Edit::Backspace);
                        return journal(s);
                    }
                    Msg::Up | Msg::Down => {
                        // Moving to another gap keeps typing; the gap just left is saved.
                        s.move_cursor(if msg == Msg::Up { -1 } else { 1 });
                        return journal(s);
                    }
                    Msg::Confirm | Msg::Cancel => {
                        exam.editing = false;
                        return journal(s);
                    }
                    _ => {}
                }
                Vec::new()
            }
            (None, msg) => {
                let kind = s.item().kind;
                // Any key but ↑↓ and Space ends a pick without moving the line (Esc says so).
                if exam.picked.is_some() && !matches!(msg, Msg::Up | Msg::Down | Msg::Toggle | Msg::Confirm) {
                    exam.picked = None;
                    if msg == Msg::Cancel {
                        self.notice = Some("Put back where it was.".into());
                        return Vec::new();
                    }
                }
                match msg {
                    Msg::Toggle | Msg::Confirm if kind.is_arranged() => {
                        return match exam.picked.take() {
                            None => {
                                exam.picked = Some(s.cursor);
                                self.notice = Some(PICKED.into());
                                Vec::new()
                            }
                            Some(from) => {
                                s.edit(Edit::Place { from, to: s.cursor });
                                journal(s)
                            }
                        };
                    }
                    Msg::Up => s.move_cursor(-1),
                    Msg::Down => s.move_cursor(1),
                    Msg::Toggle | Msg::Confirm | Msg::Edit if kind == Kind::Gap => exam.editing = true,
                    Msg::Choose(_) | Msg::Toggle | Msg::Confirm
                        if matches!(msg, Msg::Choose(_)) || kind == Kind::Choice =>
                    {
                        let option = match msg {
                            Msg::Choose(i) => i,
                            _ => s.cursor,
                        };
                        if kind == Kind::Choice && s.item().is_full(s.answer(), option) {
                            self.notice = Some(select_full(s.item().select_count()));
                            return Vec::new();
                        }
                        s.choose(option);
                        return journal(s);
                    }
                    Msg::MoveUp | Msg::MoveDown => {
                        s.edit(Edit::Move(if msg == Msg::MoveUp { -1 } else { 1 }));
                        return journal(s);
                    }
                    Msg::Clear => {
                        // A choice item's answer is taken back whole; a slot or gap is emptied.
                        if kind == Kind::Choice {
                            s.clear_answer();
                        } else {
                            s.edit(Edit::Clear);
                        }
                        return journal(s);
                    }
                    Msg::Next | Msg::Previous => {
                        // The time so far belongs to the item being left.
                        s.checkpoint(now);
                        if msg == Msg::Next {
                            s.next()
                        } else {
                            s.previous()
                        }
                        exam.scroll = Scroll::default();
                        exam.editing = false;
                        return journal(s);
                    }
                    Msg::Flag => {
                        s.toggle_flag();
                        return journal(s);
                    }
                    Msg::ScrollDown => exam.scroll.by(i32::from(self.page)),
                    Msg::ScrollUp => exam.scroll.by(-i32::from(self.page)),
                    Msg::Navigator => exam.overlay = Some(Overlay::Navigator { selected: s.current }),
                    Msg::Submit => exam.overlay = Some(Overlay::ConfirmSubmit),
                    Msg::Help => exam.overlay = Some(Overlay::Help),
                    Msg::Notes => exam.overlay = Some(Overlay::Notes),
                    Msg::Quit | Msg::Cancel => exam.overlay = Some(Overlay::ConfirmQuit),
                    _ => {}
                }
                Vec::new()
            }
        }
    }
}

/// The notice for a choice beyond "Select N".
pub(super) fn select_full(n: usize) -> String {
    format!("Select {n}: unselect one first (press its key again).")
}

impl App {
    fn submit(&mut self, now: DateTime<Utc>, timed_out: bool) -> Vec<Effect> {
        let Screen::Exam(exam) = &self.screen else {
            return Vec::new();
        };
        let attempt = exam.session.finish(&exam.spec, now, timed_out);
        if timed_out {
            self.notice = Some("Time is up: the exam was submitted with the answers given.".into());
        }
        self.forget_saved(&attempt.exam);
        let clear = Effect::ClearJournal(attempt.exam.clone());
        self.screen = Screen::Results(Box::new(attempt.clone()));
        self.results_scroll = Scroll::default();
        vec![Effect::SaveAttempt(Box::new(attempt)), clear]
    }

    pub(super) fn update_results(&mut self, msg: Msg) -> Vec<Effect> {
        let (Screen::Results(attempt) | Screen::DrillSummary(attempt)) = &self.screen else {
            return Vec::new();
        };
        let here = Some(Box::new(self.screen.clone()));
        match msg {
            Msg::OpenReview | Msg::Confirm => {
                self.screen = Screen::Review(Box::new(ReviewScreen {
                    back: here,
                    ..ReviewScreen::new((**attempt).clone())
                }));
                Vec::new()
            }
            Msg::OpenHistory => {
                self.screen = Screen::History(HistoryScreen {
                    back: here,
                    ..self.history_of(attempt)
                });
                Vec::new()
            }
            Msg::OpenMastery => {
                let (exam, attempt) = (attempt.exam.clone(), attempt.clone());
                self.open_mastery(&exam, Some(attempt));
                Vec::new()
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => self.leave(),
            // A long results screen (small terminal) scrolls (see `Scroll`).
            Msg::ScrollDown | Msg::ScrollUp | Msg::Down | Msg::Up | Msg::First | Msg::Last => {
                let page = i32::from(self.page);
                match msg {
                    Msg::ScrollDown => self.results_scroll.by(page),
                    Msg::ScrollUp => self.results_scroll.by(-page),
                    Msg::Down => self.results_scroll.by(1),
                    Msg::Up => self.results_scroll.by(-1),
                    Msg::First => self.results_scroll.home(),
                    _ => self.results_scroll.end(),
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Draw and start a mock: fresh items first. A seed that an earlier mock of this exam used
    /// retakes that mock (its items, order and option order), so the `--seed` command results
    /// and history print runs it again. `Err` names the short sections (a bank too small for a
    /// full mock) or the items a retake no longer finds.
    pub fn start_mock(
        &mut self,
        exam: &str,
        seed: u64,
        minutes: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Effect>, String> {
        let spec = self.spec(exam).ok_or_else(|| unknown_exam(&self.banks, exam))?;
        if let Some(u) = self.unsaved.as_ref().filter(|u| u.attempt.mode == Mode::Mock) {
            // A new exam's journal would replace the one that still holds the unsaved attempt.
            return Err(format!(
                "the last {} exam is not saved yet ({}): free some space, then it saves on its own",
                u.attempt.code, u.error
            ));
        }
        let fresh = Freshness::of(self.history.iter().map(|s| &s.summary));
        let earlier = self
            .history
            .iter()
            .rev()
            .map(|s| &s.summary)
            .find(|s| s.mode == Mode::Mock && s.exam == spec.id && s.seed == Some(seed));
        let (blueprint, intro) = match earlier {
            Some(earlier) => {
                let ids: Vec<&str> = earlier.results.iter().map(|r| r.id.as_str()).collect();
                let blueprint = Blueprint::retake(&self.banks, &spec, &ids, seed).map_err(|missing| {
                    format!(
                        "the mock with seed {seed} cannot be taken again: the {} bank no longer has {}",
                        spec.code,
                        missing.join(", ")
                    )
                })?;
                let intro = format!(
                    "A retake of your mock of {} (seed {seed}): the same {} items in the same order. \
                     Answers to items seen before count less in readiness.",
                    earlier
                        .finished_at
                        .with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M"),
                    blueprint.items.len()
                );
                (blueprint, intro)
            }
            None => {
                let blueprint = Blueprint::draw_with(&self.banks, &spec, &fresh, seed, self.stretch)
                    .map_err(|e| e.message(&spec))?;
                let intro = fresh_intro(&fresh, &self.banks, &spec, &blueprint);
                (blueprint, intro)
            }
        };
        let session = Session::new(&spec, blueprint.items, seed, minutes, now);
        let effects = vec![Effect::SaveJournal(Box::new(session.clone()))];
        self.show_exam(session, spec, false);
        if let Screen::Exam(e) = &mut self.screen {
            e.intro = Some(intro);
        }
        Ok(effects)
    }

    /// `--discard`: the exam on the start screen replaces `saved` once its clock starts.
    pub fn replace_saved_at_start(&mut self, saved: Session) {
        if let Screen::Exam(e) = &mut self.screen {
            self.notice = Some(format!(
                "Enter sets the saved {} exam aside (the menu can restore it); q keeps it.",
                saved.code
            ));
            e.replaces = Some(Box::new(saved));
        }
    }

    /// Put `session` on screen as the exam in progress (the one the menu offers to resume).
    /// A new exam opens on its start screen; a resumed one continues at once.
    fn show_exam(&mut self, session: Session, spec: ExamSpec, started: bool) {
        self.keep_saved(session.clone());
        let left_seen = session.limit_secs.saturating_sub(session.used_secs);
        self.screen = Screen::Exam(Box::new(ExamScreen {
            session,
            spec,
            left_seen,
            overlay: None,
            scroll: Scroll::default(),
            started,
            editing: false,
            intro: None,
            picked: None,
            replaces: None,
        }));
    }

    /// The start screen: Enter starts the clock, q or Esc leaves without starting.
    fn update_start(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Exam(exam) = &mut self.screen else {
            return Vec::new();
        };
        match msg {
            Msg::Confirm => {
                exam.started = true;
                exam.session.started_at = now;
                exam.session.resume_clock(now);
                exam.session.mark_shown();
                let session = exam.session.clone();
                let mut effects = Vec::new();
                if exam.replaces.take().is_some() {
                    effects.push(Effect::SetJournalAside(session.exam.clone()));
                }
                effects.push(Effect::SaveJournal(Box::new(session.clone())));
                self.keep_saved(session);
                effects
            }
            Msg::Quit | Msg::Cancel => {
                let effects = match exam.replaces.take() {
                    // Nothing was written: the saved exam stays the saved one.
                    Some(saved) => {
                        self.keep_saved(*saved);
                        Vec::new()
                    }
                    None => {
                        let exam = exam.session.exam.clone();
                        self.forget_saved(&exam);
                        vec![Effect::ClearJournal(exam)]
                    }
                };
                let mut effects = effects;
                effects.extend(self.leave());
                effects
            }
            Msg::Interrupt => vec![Effect::Exit],
            _ => Vec::new(),
        }
    }

    /// Continue a journaled exam; one whose time ran out is submitted at once.
    pub fn resume(&mut self, mut session: Session, now: DateTime<Utc>) -> Vec<Effect> {
        let Some(spec) = self.spec(&session.exam) else {
            self.notice = Some(format!(
                "the saved exam is for '{}', which these banks do not have",
                session.exam
            ));
            return Vec::new();
        };
        session.resume_clock(now);
        session.restore_shown();
        session.mark_shown();
        let exam = session.exam.clone();
        self.show_exam(session, spec, true);
        let mut effects = vec![Effect::ClaimJournal(exam)];
        if let Screen::Exam(e) = &self.screen
            && e.session.is_time_up(now)
        {
            effects.extend(self.submit(now, true));
        }
        effects
    }
}
