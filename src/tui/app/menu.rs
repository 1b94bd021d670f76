//! The menu: choose an exam, then a mock, a topic drill, review or history.

use chrono::{DateTime, Utc};

use super::{App, Effect, HistoryScreen, Msg, Screen};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuEntry {
    /// Continue this exam's saved attempt.
    Resume(String),
    /// Continue the drill or study session that was interrupted.
    ResumeDrill,
    /// Set this exam's saved attempt aside (kept as a file, never deleted) so a new one can start.
    DiscardSaved(String),
    /// Bring back an exam that was set aside (`--discard`, the menu, an unreadable journal).
    RestoreSetAside(usize),
    Exam(String),
    Mock,
    /// Today's spaced-repetition queue.
    Study,
    /// Readiness and mastery per objective; Enter there drills one.
    Mastery,
    /// The days to the exam date: new items, reviews, mocks (`pyexam plan`).
    Plan,
    DrillTopic(String),
    DrillMissed,
    ReviewLast,
    History,
    Back,
    Quit,
}

#[derive(Debug, Clone)]
pub struct MenuScreen {
    /// `None`: choosing the exam; `Some`: choosing what to do with it.
    pub exam: Option<String>,
    pub selected: usize,
    /// The `?` box of the menu's keys is open (any key closes it).
    pub help: bool,
}

impl MenuScreen {
    /// The first level: choosing the exam.
    pub fn top() -> MenuScreen {
        MenuScreen::of(None)
    }

    /// The level of `exam` (`None`: choosing the exam), cursor on the first entry.
    pub fn of(exam: Option<String>) -> MenuScreen {
        MenuScreen {
            exam,
            selected: 0,
            help: false,
        }
    }
}

impl App {
    /// Menu entries for the current level.
    pub fn menu_entries(&self) -> Vec<MenuEntry> {
        let Screen::Menu(menu) = &self.screen else {
            return Vec::new();
        };
        let mut entries = Vec::new();
        match &menu.exam {
            None => {
                let saved = || self.journals.iter().map(|s| s.exam.clone());
                entries.extend(saved().map(MenuEntry::Resume));
                // With several saved, each exam's own menu offers its Discard (room for the list).
                if self.journals.len() == 1 {
                    entries.extend(saved().map(MenuEntry::DiscardSaved));
                }
                // A set-aside exam can come back while its exam has no saved attempt.
                entries.extend(
                    (0..self.set_aside.len())
                        .filter(|&i| self.saved(&self.set_aside[i].exam).is_none())
                        .map(MenuEntry::RestoreSetAside),
                );
                if self.saved_drill.is_some() {
                    entries.push(MenuEntry::ResumeDrill);
                }
                entries.extend(self.banks.exams.iter().map(|e| MenuEntry::Exam(e.id.clone())));
                entries.push(MenuEntry::History);
                entries.push(MenuEntry::Quit);
            }
            Some(exam) => {
                if self.saved(exam).is_some() {
                    entries.push(MenuEntry::Resume(exam.clone()));
                    entries.push(MenuEntry::DiscardSaved(exam.clone()));
                }
                entries.push(MenuEntry::Mock);
                entries.push(MenuEntry::Study);
                entries.push(MenuEntry::Mastery);
                entries.push(MenuEntry::Plan);
                if let Some(spec) = self.banks.exam(exam) {
                    entries.extend(spec.topic_ids().map(|t| MenuEntry::DrillTopic(t.to_string())));
                }
                entries.push(MenuEntry::DrillMissed);
                entries.push(MenuEntry::ReviewLast);
                entries.push(MenuEntry::History);
                entries.push(MenuEntry::Back);
            }
        }
        entries
    }

    pub(super) fn update_menu(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let entries = self.menu_entries();
        let Screen::Menu(menu) = &mut self.screen else {
            return Vec::new();
        };
        let last = entries.len().saturating_sub(1);
        if menu.help {
            menu.help = false;
            return Vec::new();
        }
        match msg {
            Msg::Help => menu.help = true,
            Msg::Down | Msg::Next => menu.selected = (menu.selected + 1).min(last),
            Msg::Up | Msg::Previous => menu.selected = menu.selected.saturating_sub(1),
            Msg::Choose(i) if i <= last => {
                menu.selected = i;
                return self.activate(entries[i].clone(), now);
            }
            Msg::Confirm | Msg::Toggle => {
                let entry = entries[menu.selected.min(last)].clone();
                return self.activate(entry, now);
            }
            Msg::Cancel | Msg::Quit if menu.exam.is_some() => {
                // Back on the exam that was open, not on the first entry.
                let exam = menu.exam.take().map(MenuEntry::Exam);
                self.open_menu_at(None, exam);
            }
            Msg::Cancel | Msg::Quit | Msg::Interrupt => return vec![Effect::Exit],
            _ => {}
        }
        Vec::new()
    }

    fn activate(&mut self, entry: MenuEntry, now: DateTime<Utc>) -> Vec<Effect> {
        let exam = match &self.screen {
            Screen::Menu(m) => m.exam.clone(),
            _ => None,
        };
        match entry {
            MenuEntry::Resume(exam) => {
                if let Some(session) = self.saved(&exam).cloned() {
                    return self.resume(session, now);
                }
            }
            MenuEntry::ResumeDrill => {
                if let Some(saved) = self.saved_drill.take()
                    && let Err(e) = self.resume_drill(saved)
                {
                    self.notice = Some(e);
                }
            }
            MenuEntry::DiscardSaved(exam) => {
                if self.forget_saved(&exam).is_some() {
                    return vec![Effect::SetJournalAside(exam)];
                }
            }
            MenuEntry::RestoreSetAside(i) => {
                if let Some(kept) = self.set_aside.get(i)
                    && self.saved(&kept.exam).is_none()
                {
                    return vec![Effect::RestoreJournal(kept.file.clone())];
                }
            }
            MenuEntry::Exam(id) => self.screen = Screen::Menu(MenuScreen::of(Some(id))),
            MenuEntry::Mock => {
                let exam = exam.unwrap_or_default();
                if let Some(saved) = self.saved(&exam) {
                    self.notice = Some(format!(
                        "A {} exam is saved: Resume it, or discard it on the first menu, first.",
                        saved.code
                    ));
                    return Vec::new();
                }
                let seed = u64::from(rand::Rng::next_u32(&mut self.rng));
                match self.start_mock(&exam, seed, None, now) {
                    Ok(effects) => return effects,
                    Err(e) => self.notice = Some(e),
                }
            }
            MenuEntry::Study => {
                let exam = exam.unwrap_or_default();
                let seed = rand::Rng::next_u64(&mut self.rng);
                if let Err(e) = self.start_study(&exam, super::STUDY_LIMIT, seed, now) {
                    self.notice = Some(e);
                }
            }
            MenuEntry::Mastery => {
                let exam = exam.unwrap_or_default();
                self.open_mastery(&exam, None);
            }
            MenuEntry::Plan => {
                let exam = exam.unwrap_or_default();
                self.open_plan(&exam);
            }
            MenuEntry::DrillTopic(topic) => {
                let exam = exam.unwrap_or_default();
                let seed = u64::from(rand::Rng::next_u32(&mut self.rng));
                if let Err(e) = self.start_drill(&exam, Some(&topic), None, false, seed, now) {
                    self.notice = Some(e.to_string());
                }
            }
            MenuEntry::DrillMissed => {
                let exam = exam.unwrap_or_default();
                let seed = u64::from(rand::Rng::next_u32(&mut self.rng));
                if let Err(e) = self.start_drill(&exam, None, None, true, seed, now) {
                    self.notice = Some(e.to_string());
                }
            }
            MenuEntry::ReviewLast => {
                let last = self
                    .history
                    .iter()
                    .rev()
                    .find(|s| exam.as_ref().is_none_or(|e| &s.summary.exam == e));
                match last {
                    Some(stored) => {
                        self.review_back = None;
                        return vec![Effect::OpenAttempt(stored.name.clone())];
                    }
                    None => self.notice = Some("No attempts yet for this exam.".into()),
                }
            }
            MenuEntry::History => {
                self.screen = Screen::History(HistoryScreen::new(exam));
            }
            MenuEntry::Back => return self.back_to_top(),
            MenuEntry::Quit => return vec![Effect::Exit],
        }
        Vec::new()
    }

    fn back_to_top(&mut self) -> Vec<Effect> {
        self.screen = Screen::Menu(MenuScreen::top());
        Vec::new()
    }

    /// The menu of `exam` (or the exams, `None`) with the cursor on `entry` when it is there:
    /// back from a screen, the cursor stays on the entry that opened it.
    pub(super) fn open_menu_at(&mut self, exam: Option<String>, entry: Option<MenuEntry>) {
        self.screen = Screen::Menu(MenuScreen::of(exam));
        let at = entry.and_then(|e| self.menu_entries().iter().position(|x| *x == e));
        if let (Screen::Menu(menu), Some(at)) = (&mut self.screen, at) {
            menu.selected = at;
        }
    }
}
