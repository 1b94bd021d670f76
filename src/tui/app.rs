//! The application state and its one `update`. Pure: the shell feeds it messages and the time,
//! and carries out the effects it returns (saving the journal, an attempt).

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::theme::Theme;
use crate::bank::BankSet;
use crate::exam::ExamSpec;
use crate::session::{Attempt, Blueprint, Drill, Item, Session};
use crate::store::Stored;

/// Everything a key or the clock can ask for. Each screen maps its keys to these in `keymap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Tick,
    Up,
    Down,
    Next,
    Previous,
    /// Pick option N (0-based) of the item on screen.
    Choose(usize),
    /// Pick the option under the cursor.
    Toggle,
    Flag,
    Navigator,
    Submit,
    Help,
    Quit,
    Confirm,
    Cancel,
    ScrollUp,
    ScrollDown,
    CycleFilter,
    OpenReview,
    OpenHistory,
    /// SIGTERM/SIGHUP or a closed terminal: save and leave now.
    Interrupt,
}

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    SaveJournal(Box<Session>),
    /// Move the saved journal aside (kept, never deleted) before a new exam replaces it.
    SetJournalAside,
    ClearJournal,
    SaveAttempt(Box<Attempt>),
    Exit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Navigator { selected: usize },
    ConfirmSubmit,
    ConfirmQuit,
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Missed,
    Flagged,
    All,
}

impl Filter {
    pub fn name(self) -> &'static str {
        match self {
            Filter::Missed => "missed",
            Filter::Flagged => "flagged",
            Filter::All => "all",
        }
    }
    fn next(self) -> Filter {
        match self {
            Filter::Missed => Filter::Flagged,
            Filter::Flagged => Filter::All,
            Filter::All => Filter::Missed,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExamScreen {
    pub session: Session,
    pub spec: ExamSpec,
    pub overlay: Option<Overlay>,
    pub scroll: u16,
}

#[derive(Debug, Clone)]
pub struct ReviewScreen {
    pub attempt: Attempt,
    pub filter: Filter,
    /// Position within the filtered items.
    pub pos: usize,
    pub scroll: u16,
    /// The history list this review was opened from: q goes back to it.
    pub from_history: Option<HistoryScreen>,
}

impl ReviewScreen {
    pub fn new(attempt: Attempt) -> ReviewScreen {
        let mut review = ReviewScreen {
            attempt,
            filter: Filter::Missed,
            pos: 0,
            scroll: 0,
            from_history: None,
        };
        if review.visible().is_empty() {
            review.filter = Filter::All;
        }
        review
    }

    /// Indices of the items the filter shows.
    pub fn visible(&self) -> Vec<usize> {
        (0..self.attempt.items.len())
            .filter(|&i| match self.filter {
                Filter::Missed => self.attempt.is_missed(i),
                Filter::Flagged => self.attempt.is_flagged(i),
                Filter::All => true,
            })
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct DrillScreen {
    pub drill: Drill,
    pub spec: ExamSpec,
    pub scroll: u16,
    pub help: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuEntry {
    Resume,
    Exam(String),
    Mock,
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
}

#[derive(Debug, Clone)]
pub struct HistoryScreen {
    pub exam: Option<String>,
    pub selected: usize,
}

#[derive(Debug, Clone)]
pub enum Screen {
    Menu(MenuScreen),
    Exam(Box<ExamScreen>),
    Results(Box<Attempt>),
    Review(Box<ReviewScreen>),
    Drill(Box<DrillScreen>),
    DrillSummary(Box<Attempt>),
    History(HistoryScreen),
}

pub struct App {
    pub screen: Screen,
    pub banks: BankSet,
    pub history: Vec<Stored>,
    pub journal: Option<Session>,
    pub theme: Theme,
    /// A one-line message for the user (a save that failed, a finished exam...).
    pub notice: Option<String>,
    /// Where Esc/q on review and history lead: the menu when the app started there.
    pub has_menu: bool,
    /// The time of the last update: what the countdown shows.
    pub now: DateTime<Utc>,
    rng: ChaCha8Rng,
}

impl App {
    pub fn new(
        banks: BankSet,
        history: Vec<Stored>,
        journal: Option<Session>,
        theme: Theme,
        seed: u64,
        now: DateTime<Utc>,
    ) -> App {
        App {
            screen: Screen::Menu(MenuScreen {
                exam: None,
                selected: 0,
            }),
            banks,
            history,
            journal,
            theme,
            notice: None,
            has_menu: true,
            now,
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Open a screen directly (the command line's `exam`, `review`, ...).
    pub fn open(&mut self, screen: Screen) {
        self.has_menu = false;
        self.screen = screen;
    }

    pub fn spec(&self, exam: &str) -> Option<ExamSpec> {
        self.banks.exam(exam).cloned()
    }

    pub fn update(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        self.now = now;
        if msg != Msg::Tick {
            self.notice = None;
        }
        match &mut self.screen {
            Screen::Exam(_) => self.update_exam(msg, now),
            Screen::Drill(_) => self.update_drill(msg, now),
            Screen::Menu(_) => self.update_menu(msg, now),
            Screen::Results(_) | Screen::DrillSummary(_) => self.update_results(msg),
            Screen::Review(_) => self.update_review(msg),
            Screen::History(_) => self.update_history(msg),
        }
    }

    fn leave(&mut self) -> Vec<Effect> {
        if self.has_menu {
            self.screen = Screen::Menu(MenuScreen {
                exam: None,
                selected: 0,
            });
            Vec::new()
        } else {
            vec![Effect::Exit]
        }
    }

    fn update_exam(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let Screen::Exam(exam) = &mut self.screen else {
            return Vec::new();
        };
        let s = &mut exam.session;
        if s.is_time_up(now) {
            return self.submit(now, true);
        }
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
                // Keep the saved clock within 15 s of the real one: save when a 15-second
                // boundary has passed since the last save, not on every tick.
                if s.used(now) / 15 != s.used_secs / 15 {
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
                        s.go_to(selected);
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

    fn update_results(&mut self, msg: Msg) -> Vec<Effect> {
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
            Msg::Quit | Msg::Cancel | Msg::Interrupt => self.leave(),
            _ => Vec::new(),
        }
    }

    fn update_review(&mut self, msg: Msg) -> Vec<Effect> {
        let Screen::Review(review) = &mut self.screen else {
            return Vec::new();
        };
        let count = review.visible().len();
        match msg {
            Msg::Next | Msg::Down if count > 0 && msg == Msg::Next => {
                review.pos = (review.pos + 1).min(count - 1);
                review.scroll = 0;
            }
            Msg::Previous => {
                review.pos = review.pos.saturating_sub(1);
                review.scroll = 0;
            }
            Msg::Down | Msg::ScrollDown => review.scroll = review.scroll.saturating_add(3),
            Msg::Up | Msg::ScrollUp => review.scroll = review.scroll.saturating_sub(3),
            Msg::CycleFilter => {
                review.filter = review.filter.next();
                review.pos = 0;
                review.scroll = 0;
            }
            Msg::OpenHistory => {
                let exam = review.attempt.exam.clone();
                self.screen = Screen::History(HistoryScreen {
                    exam: Some(exam),
                    selected: usize::MAX,
                });
            }
            Msg::Quit | Msg::Cancel if review.from_history.is_some() => {
                let back = review.from_history.take().expect("checked");
                self.screen = Screen::History(back);
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => return self.leave(),
            _ => {}
        }
        Vec::new()
    }

    /// Indices into `history` that the history screen lists, newest first.
    pub fn history_rows(&self, exam: Option<&str>) -> Vec<usize> {
        (0..self.history.len())
            .rev()
            .filter(|&i| exam.is_none_or(|e| self.history[i].attempt.exam == e))
            .collect()
    }

    fn update_history(&mut self, msg: Msg) -> Vec<Effect> {
        let Screen::History(h) = &self.screen else {
            return Vec::new();
        };
        let rows = self.history_rows(h.exam.as_deref());
        let selected = h.selected.min(rows.len().saturating_sub(1));
        let selected = match msg {
            Msg::Down | Msg::Next => (selected + 1).min(rows.len().saturating_sub(1)),
            Msg::Up | Msg::Previous => selected.saturating_sub(1),
            Msg::Confirm | Msg::OpenReview => {
                if let Some(&i) = rows.get(selected) {
                    let back = HistoryScreen {
                        exam: h.exam.clone(),
                        selected,
                    };
                    let review = ReviewScreen {
                        from_history: Some(back),
                        ..ReviewScreen::new(self.history[i].attempt.clone())
                    };
                    self.screen = Screen::Review(Box::new(review));
                }
                return Vec::new();
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => return self.leave(),
            _ => selected,
        };
        if let Screen::History(h) = &mut self.screen {
            h.selected = selected;
        }
        Vec::new()
    }

    fn update_drill(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
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

    /// Menu entries for the current level.
    pub fn menu_entries(&self) -> Vec<MenuEntry> {
        let Screen::Menu(menu) = &self.screen else {
            return Vec::new();
        };
        let mut entries = Vec::new();
        match &menu.exam {
            None => {
                if self.journal.is_some() {
                    entries.push(MenuEntry::Resume);
                }
                entries.extend(self.banks.exams.iter().map(|e| MenuEntry::Exam(e.id.clone())));
                entries.push(MenuEntry::History);
                entries.push(MenuEntry::Quit);
            }
            Some(exam) => {
                entries.push(MenuEntry::Mock);
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

    fn update_menu(&mut self, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
        let entries = self.menu_entries();
        let Screen::Menu(menu) = &mut self.screen else {
            return Vec::new();
        };
        let last = entries.len().saturating_sub(1);
        match msg {
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
                menu.exam = None;
                menu.selected = 0;
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
            MenuEntry::Resume => {
                if let Some(session) = self.journal.clone() {
                    return self.resume(session, now);
                }
            }
            MenuEntry::Exam(id) => {
                self.screen = Screen::Menu(MenuScreen {
                    exam: Some(id),
                    selected: 0,
                });
            }
            MenuEntry::Mock => {
                let exam = exam.unwrap_or_default();
                if self.journal.is_some() {
                    self.notice = Some("An exam is already in progress: choose Resume first.".into());
                    return self.back_to_top();
                }
                let seed = rand::Rng::next_u64(&mut self.rng);
                match self.start_mock(&exam, seed, None, now) {
                    Ok(effects) => return effects,
                    Err(e) => self.notice = Some(e),
                }
            }
            MenuEntry::DrillTopic(topic) => {
                let exam = exam.unwrap_or_default();
                let seed = rand::Rng::next_u64(&mut self.rng);
                match self.start_drill(&exam, Some(&topic), None, false, seed, now) {
                    Ok(()) => {}
                    Err(e) => self.notice = Some(e),
                }
            }
            MenuEntry::DrillMissed => {
                let exam = exam.unwrap_or_default();
                let seed = rand::Rng::next_u64(&mut self.rng);
                if let Err(e) = self.start_drill(&exam, None, None, true, seed, now) {
                    self.notice = Some(e);
                }
            }
            MenuEntry::ReviewLast => {
                let last = self
                    .history
                    .iter()
                    .rev()
                    .find(|s| exam.as_ref().is_none_or(|e| &s.attempt.exam == e));
                match last {
                    Some(stored) => {
                        self.screen = Screen::Review(Box::new(ReviewScreen::new(stored.attempt.clone())));
                    }
                    None => self.notice = Some("No attempts yet for this exam.".into()),
                }
            }
            MenuEntry::History => {
                self.screen = Screen::History(HistoryScreen { exam, selected: 0 });
            }
            MenuEntry::Back => return self.back_to_top(),
            MenuEntry::Quit => return vec![Effect::Exit],
        }
        Vec::new()
    }

    fn back_to_top(&mut self) -> Vec<Effect> {
        self.screen = Screen::Menu(MenuScreen {
            exam: None,
            selected: 0,
        });
        Vec::new()
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
        self.journal = Some(session.clone());
        self.screen = Screen::Exam(Box::new(ExamScreen {
            session,
            spec,
            overlay: None,
            scroll: 0,
        }));
        Ok(effects)
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
        self.journal = Some(session.clone());
        self.screen = Screen::Exam(Box::new(ExamScreen {
            session,
            spec,
            overlay: None,
            scroll: 0,
        }));
        if let Screen::Exam(e) = &self.screen
            && e.session.is_time_up(now)
        {
            return self.submit(now, true);
        }
        Vec::new()
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

    /// Items of `exam` whose most recent answer, across all attempts and drills, was wrong.
    /// Items still in the bank are drawn fresh; removed ones come from the attempt's snapshot.
    fn missed_items(&self, exam: &str, rng: &mut ChaCha8Rng) -> Vec<Item> {
        let mut latest: std::collections::BTreeMap<String, (bool, Item)> = Default::default();
        for stored in self.history.iter().filter(|s| s.attempt.exam == exam) {
            let a = &stored.attempt;
            for (i, item) in a.items.iter().enumerate() {
                let answered =
                    a.answers.get(i).is_some_and(|x| x.is_some()) || a.mode == crate::session::Mode::Mock;
                if answered {
                    latest.insert(item.id.clone(), (a.is_correct(i), item.clone()));
                }
            }
        }
        latest
            .into_values()
            .filter(|(right, _)| !right)
            .map(|(_, item)| match self.banks.question(&item.id) {
                Some(q) => Item::from_question(q, rng),
                None => item,
            })
            .collect()
    }
}

pub fn unknown_exam(banks: &BankSet, exam: &str) -> String {
    format!("unknown exam '{exam}' (valid: {})", banks.exam_ids().join(", "))
}
