//! The timed exam: answering, flagging, the navigator and dialogs, submitting, results.

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{App, Effect, HistoryScreen, Msg, ReviewScreen, Screen, unknown_exam};
use crate::exam::ExamSpec;
use crate::session::{Blueprint, Session, pacing};

/// How often an idle exam journals its clock: a kill -9 gives back at most this many seconds.
pub const CHECKPOINT_SECS: u64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Navigator { selected: usize },
    ConfirmSubmit,
    ConfirmQuit,
    Help,
}

#[derive(Debug, Clone)]
pub struct ExamScreen {
    pub session: Session,
    pub spec: ExamSpec,
    pub overlay: Option<Overlay>,
    pub scroll: u16,
    /// Seconds left at the last update: the time notices fire when a mark is passed.
    pub left_seen: u64,
}

impl App {
    pub(super) fn update_exam(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Exam(exam) = &mut self.screen else {
            return Vec::new();
        };
        let s = &mut exam.session;
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
                        exam.scroll = 0;
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
            (Some(Overlay::Help), _) => {
                exam.overlay = None;
                Vec::new()
            }
            (Some(Overlay::ConfirmSubmit), Msg::Confirm) => self.submit(now, false),
            (Some(Overlay::ConfirmQuit), Msg::Confirm) => {
                let mut effects = journal(s);
                effects.push(Effect::Exit);
                effects
            }
            (Some(_), Msg::Cancel | Msg::Quit | Msg::Help) => {
                exam.overlay = None;
                Vec::new()
            }
            (Some(_), _) => Vec::new(),
            (None, msg) => {
                match msg {
                    Msg::Up => s.move_cursor(-1),
                    Msg::Down => s.move_cursor(1),
                    Msg::Choose(i) => {
                        s.choose(i);
                        return journal(s);
                    }
                    Msg::Toggle | Msg::Confirm => {
                        s.choose_at_cursor();
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
                        exam.scroll = 0;
                        return journal(s);
                    }
                    Msg::Flag => {
                        s.toggle_flag();
                        return journal(s);
                    }
                    Msg::ScrollDown => exam.scroll = exam.scroll.saturating_add(3),
                    Msg::ScrollUp => exam.scroll = exam.scroll.saturating_sub(3),
                    Msg::Navigator => exam.overlay = Some(Overlay::Navigator { selected: s.current }),
                    Msg::Submit => exam.overlay = Some(Overlay::ConfirmSubmit),
                    Msg::Help => exam.overlay = Some(Overlay::Help),
                    Msg::Quit | Msg::Cancel => exam.overlay = Some(Overlay::ConfirmQuit),
                    _ => {}
                }
                Vec::new()
            }
        }
    }

    fn submit(&mut self, now: DateTime<Utc>, timed_out: bool) -> Vec<Effect> {
        let Screen::Exam(exam) = &self.screen else {
            return Vec::new();
        };
        let attempt = exam.session.finish(&exam.spec, now, timed_out);
        if timed_out {
            self.notice = Some("Time is up: the exam was submitted with the answers given.".into());
        }
        self.journal = None;
        self.screen = Screen::Results(Box::new(attempt.clone()));
        vec![Effect::SaveAttempt(Box::new(attempt)), Effect::ClearJournal]
    }

    pub(super) fn update_results(&mut self, msg: Msg) -> Vec<Effect> {
        let (Screen::Results(attempt) | Screen::DrillSummary(attempt)) = &self.screen else {
            return Vec::new();
        };
        match msg {
            Msg::OpenReview | Msg::Confirm => {
                self.screen = Screen::Review(Box::new(ReviewScreen::new((**attempt).clone())));
                Vec::new()
            }
            Msg::OpenHistory => {
                self.screen = Screen::History(HistoryScreen {
                    exam: Some(attempt.exam.clone()),
                    selected: usize::MAX,
                });
                Vec::new()
            }
            Msg::OpenMastery => {
                let (exam, attempt) = (attempt.exam.clone(), attempt.clone());
                self.open_mastery(&exam, Some(attempt));
                Vec::new()
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => self.leave(),
            _ => Vec::new(),
        }
    }

    /// Draw and start a mock. `Err` names the short sections (a bank too small for a full mock).
    pub fn start_mock(
        &mut self,
        exam: &str,
        seed: u64,
        minutes: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Effect>, String> {
        let spec = self.spec(exam).ok_or_else(|| unknown_exam(&self.banks, exam))?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let blueprint = Blueprint::draw(&self.banks, &spec, &mut rng).map_err(|short| {
            let list: Vec<String> = short
                .iter()
                .map(|s| format!("{} has {} of {}", s.section, s.have, s.need))
                .collect();
            format!(
                "the {} bank cannot fill a full mock yet: {}",
                spec.code,
                list.join(", ")
            )
        })?;
        let session = Session::new(&spec, blueprint.items, seed, minutes, now);
        let effects = vec![Effect::SaveJournal(Box::new(session.clone()))];
        self.show_exam(session, spec);
        Ok(effects)
    }

    /// Put `session` on screen as the exam in progress (the one the menu offers to resume).
    fn show_exam(&mut self, session: Session, spec: ExamSpec) {
        self.journal = Some(session.clone());
        let left_seen = session.limit_secs.saturating_sub(session.used_secs);
        self.screen = Screen::Exam(Box::new(ExamScreen {
            session,
            spec,
            left_seen,
            overlay: None,
            scroll: 0,
        }));
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
        self.show_exam(session, spec);
        let mut effects = vec![Effect::ClaimJournal];
        if let Screen::Exam(e) = &self.screen
            && e.session.is_time_up(now)
        {
            effects.extend(self.submit(now, true));
        }
        effects
    }
}
