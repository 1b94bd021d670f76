//! The application state and its one `update`. Pure: the shell feeds it messages and the time,
//! and carries out the effects it returns (saving the journal, an attempt). Each screen's state
//! and its share of `update` live in the submodule named after it.

mod drill;
mod exam;
mod history;
mod mastery;
mod menu;
mod review;
mod study;

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use drill::DrillScreen;
pub use exam::{ExamScreen, Overlay};
pub use history::HistoryScreen;
pub use mastery::{MasteryRow, MasteryScreen};
pub use menu::{MenuEntry, MenuScreen};
pub use review::{Filter, ReviewScreen};
pub use study::DEFAULT_LIMIT as STUDY_LIMIT;

use super::theme::Theme;
use crate::bank::BankSet;
use crate::exam::ExamSpec;
use crate::session::{Attempt, Session};
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
    /// Drill and study: mark the answer unsure before checking.
    Unsure,
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
    OpenMastery,
    /// SIGTERM/SIGHUP or a closed terminal: save and leave now.
    Interrupt,
}

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Become the one process writing the journal (another pyexam may hold it).
    ClaimJournal,
    SaveJournal(Box<Session>),
    /// Move the saved journal aside (kept, never deleted) before a new exam replaces it.
    SetJournalAside,
    ClearJournal,
    SaveAttempt(Box<Attempt>),
    /// Read a history entry's attempt file and review it (`back`: the list it was opened from).
    OpenAttempt {
        name: String,
        back: Option<HistoryScreen>,
    },
    Exit,
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
    Mastery(Box<MasteryScreen>),
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
    /// The menu's "Study (N due)": (exam, history length, minute) it was counted at, and N.
    pub study_due: Option<((String, usize, i64), usize)>,
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
            study_due: None,
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
        let effects = match &mut self.screen {
            Screen::Exam(_) => self.update_exam(msg, now),
            Screen::Drill(_) => self.update_drill(msg, now),
            Screen::Menu(_) => self.update_menu(msg, now),
            Screen::Results(_) | Screen::DrillSummary(_) => self.update_results(msg),
            Screen::Review(_) => self.update_review(msg),
            Screen::History(_) => self.update_history(msg),
            Screen::Mastery(_) => self.update_mastery(msg, now),
        };
        self.count_study_due();
        effects
    }

    /// Review an attempt the shell read from history (`Effect::OpenAttempt`).
    pub fn open_review(&mut self, attempt: Attempt, back: Option<HistoryScreen>) {
        self.screen = Screen::Review(Box::new(ReviewScreen {
            from_history: back,
            ..ReviewScreen::new(attempt)
        }));
    }

    /// The shell could not claim the journal: another pyexam runs this exam. Leave the exam
    /// screen at once, saying why; the saved exam stays theirs.
    pub fn journal_refused(&mut self, why: String) {
        self.screen = Screen::Menu(MenuScreen {
            exam: None,
            selected: 0,
        });
        self.notice = Some(why);
    }

    /// Leave a screen that has nowhere else to go: the menu if the app started there, else exit.
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
}

/// The one-line error for an exam id the banks do not have, naming the valid ones.
pub fn unknown_exam(banks: &BankSet, exam: &str) -> String {
    format!("unknown exam '{exam}' (valid: {})", banks.exam_ids().join(", "))
}
