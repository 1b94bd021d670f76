//! Untimed drills: immediate feedback, wrong items re-queued, a summary kept in history.

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{App, Effect, Msg, Screen, unknown_exam};
use crate::exam::ExamSpec;
use crate::session::{Drill, Item};

#[derive(Debug, Clone)]
pub struct DrillScreen {
    pub drill: Drill,
    pub spec: ExamSpec,
    pub scroll: u16,
    pub help: bool,
}

impl App {
    pub(super) fn update_drill(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Drill(screen) = &mut self.screen else {
            return Vec::new();
        };
        if screen.help {
            screen.help = false;
            return Vec::new();
        }
        let d = &mut screen.drill;
        match msg {
            Msg::Up => d.move_cursor(-1),
            Msg::Down => d.move_cursor(1),
            Msg::Choose(i) => d.choose(i),
            Msg::Toggle => d.choose(d.cursor),
            Msg::Unsure => d.toggle_unsure(),
            Msg::Confirm | Msg::Next => {
                if d.feedback.is_some() {
                    d.advance();
                    screen.scroll = 0;
                } else if d.pending_is_complete() {
                    d.check();
                } else if let Some(i) = d.current().filter(|&i| d.items[i].is_multiple()) {
                    let need = d.items[i].select_count();
                    let have = d.pending.as_ref().map_or(0, |a| a.chosen().len());
                    self.notice = Some(format!("Select {need} options before checking ({have} chosen)."));
                } else if msg == Msg::Confirm {
                    d.choose(d.cursor);
                }
            }
            Msg::ScrollDown => screen.scroll = screen.scroll.saturating_add(3),
            Msg::ScrollUp => screen.scroll = screen.scroll.saturating_sub(3),
            Msg::Help => screen.help = true,
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
            return self.leave();
        }
        self.screen = Screen::DrillSummary(Box::new(attempt.clone()));
        vec![Effect::SaveAttempt(Box::new(attempt))]
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
    ) -> Result<(), String> {
        let spec = self.spec(exam).ok_or_else(|| unknown_exam(&self.banks, exam))?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut items: Vec<Item> = if missed {
            self.missed_items(exam, &mut rng)
        } else {
            if let Some(t) = topic
                && !spec.topic_ids().any(|id| id == t)
            {
                let valid: Vec<_> = spec.topic_ids().collect();
                return Err(format!(
                    "unknown topic '{t}' for {exam} (valid: {})",
                    valid.join(", ")
                ));
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
            return Err(if missed {
                format!("nothing to drill: no {exam} item is currently missed")
            } else {
                format!("no questions for {exam} {}", topic.unwrap_or(""))
            });
        }
        let topic = if missed { None } else { topic.map(str::to_string) };
        self.screen = Screen::Drill(Box::new(DrillScreen {
            drill: Drill::new(&spec.id, &spec.code, topic, items, now),
            spec,
            scroll: 0,
            help: false,
        }));
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
