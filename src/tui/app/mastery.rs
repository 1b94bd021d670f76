//! The mastery map: readiness, then sections and objectives weakest first; Enter drills the one
//! under the cursor. Also the drill of one objective (`pyexam drill <EXAM> --objective ID`).

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{App, DrillError, DrillScreen, Effect, MenuEntry, Msg, Screen, unknown_exam};
use crate::insight::{self, AnswerEvent, Mastery, MockEvidence, Readiness};
use crate::session::{Attempt, Drill, Item, Mode, Summary};

/// A line of the map the cursor can rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MasteryRow {
    /// Index into `Mastery::topics`.
    Topic(usize),
    /// Topic index, objective index.
    Objective(usize, usize),
}

#[derive(Debug, Clone)]
pub struct MasteryScreen {
    pub code: String,
    pub mastery: Mastery,
    pub readiness: Readiness,
    pub selected: usize,
    /// The command that takes a mock of this exam, for the readiness line.
    pub mock_command: String,
    /// The results screen it was opened from, to go back to.
    pub from_results: Option<Box<Attempt>>,
}

impl MasteryScreen {
    /// Every selectable line in display order: each topic, then its objectives.
    pub fn rows(&self) -> Vec<MasteryRow> {
        let mut rows = Vec::new();
        for (t, topic) in self.mastery.topics.iter().enumerate() {
            rows.push(MasteryRow::Topic(t));
            rows.extend((0..topic.objectives.len()).map(|o| MasteryRow::Objective(t, o)));
        }
        rows
    }
}

impl App {
    /// Every answer to `exam` in history, plus `extra` (a just-finished attempt that the shell
    /// may not have added to history yet). The one place mastery gets its events from.
    pub fn answer_events(&self, exam: &str, extra: Option<&Attempt>) -> Vec<AnswerEvent> {
        let extra = self.not_in_history(extra);
        insight::history_events(self.exam_attempts(exam, extra.as_ref()), &self.banks)
    }

    /// `extra`'s summary, unless history holds it already.
    fn not_in_history(&self, extra: Option<&Attempt>) -> Option<Summary> {
        let in_history = |a: &Attempt| {
            self.history
                .iter()
                .any(|s| s.summary.finished_at == a.finished_at && s.summary.started_at == a.started_at)
        };
        extra.filter(|a| !in_history(a)).map(Summary::of)
    }

    /// Every attempt at `exam` in history, then `extra` (borrowed: results redraw this often).
    fn exam_attempts<'a>(&'a self, exam: &'a str, extra: Option<&'a Summary>) -> Vec<&'a Summary> {
        self.history
            .iter()
            .map(|s| &s.summary)
            .filter(|a| a.exam == exam)
            .chain(extra)
            .collect()
    }

    /// Mastery and readiness of `exam` as of the last update.
    pub fn progress(&self, exam: &str, extra: Option<&Attempt>) -> Option<(Mastery, Readiness)> {
        let spec = self.banks.exam(exam)?;
        let extra = self.not_in_history(extra);
        let attempts = self.exam_attempts(exam, extra.as_ref());
        let events = insight::history_events(attempts.iter().copied(), &self.banks);
        let mastery = Mastery::new(spec, &events, self.now);
        let evidence = MockEvidence::of(attempts.iter().copied(), exam, self.now);
        let readiness = Readiness::new(spec, &mastery, &evidence);
        Some((mastery, readiness))
    }

    pub fn open_mastery(&mut self, exam: &str, from_results: Option<Box<Attempt>>) {
        let Some((mastery, readiness)) = self.progress(exam, from_results.as_deref()) else {
            self.notice = Some(unknown_exam(&self.banks, exam));
            return;
        };
        let code = self.banks.exam(exam).map(|e| e.code.clone()).unwrap_or_default();
        self.screen = Screen::Mastery(Box::new(MasteryScreen {
            code,
            mastery,
            readiness,
            selected: 0,
            mock_command: self.invocation.about(exam, &format!("exam {exam}")),
            from_results,
        }));
    }

    pub(super) fn update_mastery(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Mastery(m) = &mut self.screen else {
            return Vec::new();
        };
        let rows = m.rows();
        let last = rows.len().saturating_sub(1);
        match msg {
            Msg::Down | Msg::Next => m.selected = (m.selected + 1).min(last),
            Msg::Up | Msg::Previous => m.selected = m.selected.saturating_sub(1),
            Msg::ScrollDown => m.selected = (m.selected + 5).min(last),
            Msg::ScrollUp => m.selected = m.selected.saturating_sub(5),
            Msg::Confirm | Msg::Toggle => {
                let exam = m.mastery.exam.clone();
                let seed = rand::Rng::next_u64(&mut self.rng);
                let started = match rows.get(m.selected) {
                    Some(MasteryRow::Topic(t)) => {
                        let topic = m.mastery.topics[*t].id.clone();
                        self.start_drill(&exam, Some(&topic), None, false, seed, now)
                    }
                    Some(MasteryRow::Objective(t, o)) => {
                        let objective = m.mastery.topics[*t].objectives[*o].id.clone();
                        self.start_objective_drill(&exam, &objective, None, seed, now)
                            .map_err(DrillError::Invalid)
                    }
                    None => Ok(()),
                };
                if let Err(e) = started {
                    self.notice = Some(e.to_string());
                }
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => {
                if msg != Msg::Interrupt
                    && let Some(attempt) = m.from_results.take()
                {
                    self.screen = match attempt.mode {
                        Mode::Mock => Screen::Results(attempt),
                        Mode::Drill | Mode::Study => Screen::DrillSummary(attempt),
                    };
                } else if self.has_menu && msg != Msg::Interrupt {
                    let exam = m.mastery.exam.clone();
                    self.open_menu_at(Some(exam), Some(MenuEntry::Mastery));
                } else {
                    return vec![Effect::Exit];
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Drill every item of one objective, shuffled. `Err` names the valid objectives.
    pub fn start_objective_drill(
        &mut self,
        exam: &str,
        objective: &str,
        count: Option<usize>,
        seed: u64,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let spec = self.spec(exam).ok_or_else(|| unknown_exam(&self.banks, exam))?;
        let Some((topic, _)) = spec.objective(objective) else {
            let valid: Vec<&str> = spec.objectives().map(|(_, o)| o.id.as_str()).collect();
            return Err(if valid.is_empty() {
                format!("{exam} lists no objectives in exams.yaml; drill a topic with --topic")
            } else {
                format!(
                    "unknown objective '{objective}' for {exam} (valid: {})",
                    valid.join(", ")
                )
            });
        };
        let topic = topic.to_string();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut pool: Vec<_> = self
            .banks
            .in_topic(exam, &topic)
            .filter(|q| q.objective.as_deref() == Some(objective))
            .collect();
        pool.sort_by(|a, b| a.id.cmp(&b.id));
        rand::seq::SliceRandom::shuffle(pool.as_mut_slice(), &mut rng);
        let mut items: Vec<Item> = pool.iter().map(|q| Item::from_question(q, &mut rng)).collect();
        if let Some(n) = count {
            items.truncate(n);
        }
        if items.is_empty() {
            return Err(format!("no questions for {exam} objective {objective} yet"));
        }
        let title = spec
            .objective(objective)
            .map_or(String::new(), |(_, o)| o.title.clone());
        self.open_drill(
            DrillScreen {
                label: format!("objective {objective} {title}"),
                drill: Drill::new(&spec.id, &spec.code, Some(topic), items, now),
                spec,
                scroll: crate::tui::scroll::Scroll::default(),
                help: false,
                editing: false,
                picked: None,
            },
            now,
        );
        Ok(())
    }
}
