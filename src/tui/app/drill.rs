//! Untimed drills: immediate feedback, wrong items re-queued, a summary kept in history.

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{App, Effect, Msg, Screen, unknown_exam};
use crate::bank::Kind;
use crate::exam::ExamSpec;
use crate::session::kinds::Edit;
use crate::session::{Drill, Item, SavedDrill};
use crate::tui::scroll::Scroll;

/// Why a drill did not start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrillError {
    /// Nothing to drill (no item is missed): not an error, just nothing to do.
    Nothing(String),
    /// An unknown exam or topic, named with the valid ones.
    Invalid(String),
}

impl std::fmt::Display for DrillError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DrillError::Nothing(m) | DrillError::Invalid(m) => f.write_str(m),
        }
    }
}

#[derive(Debug, Clone)]
pub struct DrillScreen {
    pub drill: Drill,
    /// What is drilled, for the header: a topic's title, "missed questions", "all sections".
    pub label: String,
    pub spec: ExamSpec,
    pub scroll: Scroll,
    pub help: bool,
    /// Typing into the highlighted gap (see `ExamScreen::editing`).
    pub editing: bool,
    /// An order line picked up (see `ExamScreen::picked`).
    pub picked: Option<usize>,
}

impl App {
    /// Put a new drill on screen and journal it. An interrupted drill still in its journal is
    /// filed in history first (the new one's journal replaces it).
    pub(super) fn open_drill(&mut self, screen: DrillScreen, now: DateTime<Utc>) {
        let filed = self.file_saved_drill(now);
        self.queued.extend(filed);
        self.queued.push(Effect::ClaimDrill);
        self.queued.push(Effect::SaveDrill(Box::new(SavedDrill {
            drill: screen.drill.clone(),
            label: screen.label.clone(),
        })));
        self.screen = Screen::Drill(Box::new(screen));
    }

    /// The interrupted drill as a history record, if it has answers (its journal is then
    /// replaced by the next drill's, or cleared).
    pub fn file_saved_drill(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let Some(saved) = self.saved_drill.take() else {
            return Vec::new();
        };
        let Some(spec) = self.spec(&saved.drill.exam) else {
            return Vec::new();
        };
        let attempt = saved.drill.finish(&spec.sections, spec.pass_percent, now);
        if attempt.tries.iter().all(|t| *t == 0) {
            return vec![Effect::ClearDrill];
        }
        vec![Effect::SaveAttempt(Box::new(attempt)), Effect::ClearDrill]
    }

    /// Continue an interrupted drill or study session where it stopped.
    pub fn resume_drill(&mut self, saved: SavedDrill) -> Result<(), String> {
        let spec = self.spec(&saved.drill.exam).ok_or_else(|| {
            format!(
                "the interrupted drill is for '{}', which these banks do not have",
                saved.drill.exam
            )
        })?;
        self.saved_drill = None;
        self.queued.push(Effect::ClaimDrill);
        self.screen = Screen::Drill(Box::new(DrillScreen {
            drill: saved.drill,
            label: saved.label,
            spec,
            scroll: Scroll::default(),
            help: false,
            editing: false,
            picked: None,
        }));
        Ok(())
    }

    pub(super) fn update_drill(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let effects = self.update_drill_state(msg, now);
        // Still drilling: journal the state (a record only when something changed), so a
        // kill -9 loses at most the key in flight.
        match &self.screen {
            Screen::Drill(screen) if effects.is_empty() && msg != Msg::Tick => {
                vec![Effect::SaveDrill(Box::new(SavedDrill {
                    drill: screen.drill.clone(),
                    label: screen.label.clone(),
                }))]
            }
            _ => effects,
        }
    }

    fn update_drill_state(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Drill(screen) = &mut self.screen else {
            return Vec::new();
        };
        if msg == Msg::Tick {
            return Vec::new();
        }
        // Any key closes the help (the clock's tick is no key: it must not close it unseen).
        if screen.help {
            screen.help = false;
            return Vec::new();
        }
        let d = &mut screen.drill;
        if screen.editing {
            match msg {
                Msg::Type(c) => d.edit(Edit::Type(c)),
                Msg::Backspace => d.edit(Edit::Backspace),
                Msg::Up => d.move_cursor(-1),
                Msg::Down => d.move_cursor(1),
                Msg::Confirm | Msg::Cancel => screen.editing = false,
                Msg::Interrupt => return self.finish_drill(now),
                _ => {}
            }
            return Vec::new();
        }
        let kind = d.current().map(|i| d.items[i].kind);
        if screen.picked.is_some() && !matches!(msg, Msg::Up | Msg::Down | Msg::Toggle | Msg::Confirm) {
            screen.picked = None;
            if msg == Msg::Cancel {
                self.notice = Some("Put back where it was.".into());
                return Vec::new();
            }
        }
        if d.feedback.is_none()
            && let Some(i) = d.current()
        {
            let targets = d.items[i].targets();
            match msg {
                Msg::EditGap(g) if kind == Some(Kind::Gap) && g < targets => {
                    d.cursor = g;
                    screen.editing = true;
                    return Vec::new();
                }
                Msg::Fill { slot, entry } if kind.is_some_and(Kind::is_filled) && slot < targets => {
                    d.cursor = slot;
                    if let Some(e) = entry {
                        d.choose(e);
                    }
                    return Vec::new();
                }
                _ => {}
            }
        }
        if let Msg::Place { from, to } = msg
            && kind.is_some_and(Kind::is_arranged)
            && d.feedback.is_none()
        {
            screen.picked = None;
            d.edit(Edit::Place { from, to });
            return Vec::new();
        }
        if matches!(msg, Msg::Toggle | Msg::Confirm)
            && kind.is_some_and(Kind::is_arranged)
            && d.feedback.is_none()
        {
            // Space picks the highlighted line up and puts it down; Enter checks when nothing
            // is picked up.
            match screen.picked.take() {
                Some(from) => {
                    d.edit(Edit::Place { from, to: d.cursor });
                    return Vec::new();
                }
                None if msg == Msg::Toggle => {
                    screen.picked = Some(d.cursor);
                    self.notice = Some(super::exam::PICKED.into());
                    return Vec::new();
                }
                None => {}
            }
        }
        match msg {
            Msg::Up => d.move_cursor(-1),
            Msg::Down => d.move_cursor(1),
            Msg::Choose(_) | Msg::Toggle if matches!(msg, Msg::Choose(_)) || kind == Some(Kind::Choice) => {
                let option = if let Msg::Choose(i) = msg { i } else { d.cursor };
                match d.current().map(|i| &d.items[i]) {
                    Some(item)
                        if d.feedback.is_none()
                            && item.kind == Kind::Choice
                            && item.is_full(d.pending.as_ref(), option) =>
                    {
                        self.notice = Some(super::exam::select_full(item.select_count()));
                    }
                    _ => d.choose(option),
                }
            }
            Msg::Toggle | Msg::Edit if kind == Some(Kind::Gap) && d.feedback.is_none() => {
                screen.editing = true
            }
            Msg::MoveUp => d.edit(Edit::Move(-1)),
            Msg::MoveDown => d.edit(Edit::Move(1)),
            Msg::Clear => d.edit(Edit::Clear),
            Msg::Unsure => d.toggle_unsure(),
            Msg::Confirm | Msg::Next => {
                if d.feedback.is_some() {
                    d.advance();
                    screen.scroll = Scroll::default();
                } else if d.pending_is_complete() {
                    d.check();
                } else if let Some(i) = d.current() {
                    let item = &d.items[i];
                    let given = item.progress(d.pending.as_ref()).given;
                    let need = item.responses();
                    match item.kind {
                        Kind::Gap if msg == Msg::Confirm => screen.editing = true,
                        Kind::Choice if !item.is_multiple() => {
                            if msg == Msg::Confirm {
                                d.choose(d.cursor);
                                self.notice = Some(format!(
                                    "{} chosen: Enter checks it.",
                                    crate::tui::screens::body::letter(d.cursor)
                                ));
                            } else {
                                self.notice = Some("Choose an option first (1-9, or ↑↓ and Space).".into());
                            }
                        }
                        Kind::Choice => {
                            self.notice =
                                Some(format!("Select {need} options before checking ({given} chosen)."))
                        }
                        Kind::Gap => {
                            self.notice = Some(format!("Fill every gap before checking ({given} of {need})."))
                        }
                        Kind::Slots => {
                            self.notice =
                                Some(format!("Fill every slot before checking ({given} of {need})."))
                        }
                        Kind::Order => {
                            self.notice =
                                Some("Move a line (Shift+↑↓ or J/K) to arrange them, then check.".into())
                        }
                        Kind::Tokens => self.notice = Some(
                            "Move a tile (Space picks it up, Shift+↑↓ or J/K) to build the line, then check."
                                .into(),
                        ),
                        Kind::Match => {
                            self.notice = Some(format!(
                                "Put every card in a bin before checking ({given} of {need})."
                            ))
                        }
                    }
                }
            }
            Msg::ScrollDown => screen.scroll.by(i32::from(self.page)),
            Msg::ScrollUp => screen.scroll.by(-i32::from(self.page)),
            Msg::Help => screen.help = true,
            Msg::StepThrough if d.feedback.is_some() => {
                if let Some(i) = d.current() {
                    let item = d.items[i].clone();
                    self.open_step(&item);
                }
                return Vec::new();
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => return self.finish_drill(now),
            _ => {}
        }
        let Screen::Drill(screen) = &self.screen else {
            return Vec::new();
        };
        if screen.drill.is_done() {
            return self.finish_drill(now);
        }
        Vec::new()
    }

    /// End the drill (done or quit) and keep it in history if anything was answered.
    fn finish_drill(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Drill(screen) = &self.screen else {
            return Vec::new();
        };
        let attempt = screen
            .drill
            .finish(&screen.spec.sections, screen.spec.pass_percent, now);
        if attempt.tries.iter().all(|t| *t == 0) {
            let mut effects = vec![Effect::ClearDrill];
            effects.extend(self.leave());
            return effects;
        }
        self.screen = Screen::DrillSummary(Box::new(attempt.clone()));
        self.results_scroll = Scroll::default();
        // The shell clears the journal only once the attempt is saved.
        vec![Effect::SaveAttempt(Box::new(attempt)), Effect::ClearDrill]
    }

    /// Start a drill of one topic, every section, or the items last answered wrong.
    pub fn start_drill(
        &mut self,
        exam: &str,
        topic: Option<&str>,
        count: Option<usize>,
        missed: bool,
        seed: u64,
        now: DateTime<Utc>,
    ) -> Result<(), DrillError> {
        let spec = self
            .spec(exam)
            .ok_or_else(|| DrillError::Invalid(unknown_exam(&self.banks, exam)))?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut items: Vec<Item> = if missed {
            self.missed_items(exam, &mut rng)
        } else {
            if let Some(t) = topic
                && !spec.topic_ids().any(|id| id == t)
            {
                let valid: Vec<_> = spec.topic_ids().collect();
                return Err(DrillError::Invalid(format!(
                    "unknown topic '{t}' for {exam} (valid: {})",
                    valid.join(", ")
                )));
            }
            let mut pool: Vec<_> = self
                .banks
                .questions
                .iter()
                .filter(|q| q.exam == exam && topic.is_none_or(|t| q.topic == t))
                .collect();
            pool.sort_by(|a, b| a.id.cmp(&b.id));
            rand::seq::SliceRandom::shuffle(pool.as_mut_slice(), &mut rng);
            pool.iter().map(|q| Item::from_question(q, &mut rng)).collect()
        };
        if let Some(n) = count {
            items.truncate(n);
        }
        if items.is_empty() {
            return Err(DrillError::Nothing(if missed {
                format!(
                    "Nothing to drill: no {} item is currently missed. Take a mock with `{}` or drill a topic.",
                    spec.code,
                    self.invocation.about(exam, &format!("exam {exam}"))
                )
            } else {
                format!("No questions for {exam} {}", topic.unwrap_or(""))
            }));
        }
        let label = match topic {
            _ if missed => "missed questions".to_string(),
            Some(t) => spec.topic_title(t).unwrap_or(t).to_string(),
            None => "all sections".to_string(),
        };
        let topic = if missed { None } else { topic.map(str::to_string) };
        self.open_drill(
            DrillScreen {
                label,
                drill: Drill::new(&spec.id, &spec.code, topic, items, now),
                spec,
                scroll: Scroll::default(),
                help: false,
                editing: false,
                picked: None,
            },
            now,
        );
        Ok(())
    }

    /// Items of `exam` whose most recent answer, across all attempts and drills, was wrong,
    /// drawn fresh from the bank. (An item since removed from the bank is not drilled: it was
    /// taken out of the syllabus or rewritten under a new id; review still shows it.)
    fn missed_items(&self, exam: &str, rng: &mut ChaCha8Rng) -> Vec<Item> {
        let mut latest: std::collections::BTreeMap<&str, bool> = Default::default();
        for stored in self.history.iter().filter(|s| s.summary.exam == exam) {
            let a = &stored.summary;
            for r in &a.results {
                if r.answered || a.mode == crate::session::Mode::Mock {
                    latest.insert(&r.id, r.correct);
                }
            }
        }
        latest
            .into_iter()
            .filter(|(_, right)| !right)
            .filter_map(|(id, _)| self.banks.question(id))
            .map(|q| Item::from_question(q, rng))
            .collect()
    }
}
