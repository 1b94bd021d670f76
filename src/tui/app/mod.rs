//! The application state and its one `update`. Pure: the shell feeds it messages and the time,
//! and carries out the effects it returns (saving the journal, an attempt). Each screen's state
//! and its share of `update` live in the submodule named after it.

mod drill;
mod exam;
mod history;
mod mastery;
mod menu;
mod plan;
mod review;
mod step;
mod study;

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use drill::{DrillError, DrillScreen};
pub use exam::{ExamScreen, Overlay};
pub use history::HistoryScreen;
pub use mastery::{MasteryRow, MasteryScreen};
pub use menu::{MenuEntry, MenuScreen};
pub use plan::PlanScreen;
pub use review::{Filter, ReviewScreen};
pub use step::{StepScreen, traced_code};
pub use study::DEFAULT_LIMIT as STUDY_LIMIT;

use super::theme::Theme;
use crate::bank::BankSet;
use crate::exam::ExamSpec;
use crate::invocation::Invocation;
use crate::session::{Attempt, SavedDrill, Session};
pub use crate::store::SetAside;
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
    /// Order items: move the highlighted line up / down.
    MoveUp,
    MoveDown,
    /// Take back the answer to a choice item; empty the highlighted slot or gap.
    Clear,
    /// Gap items: start typing into the highlighted gap.
    Edit,
    /// While typing into a gap: a character, and deleting the last one.
    Type(char),
    Backspace,
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
    /// `t`: step through the recorded run of the item's code.
    StepThrough,
    First,
    Last,
    /// SIGTERM/SIGHUP or a closed terminal: save and leave now.
    Interrupt,
    /// `w`: open (or close) the exam's scratch pad.
    Notes,
    /// A click on the navigator's cell of item N (0-based): go there.
    Jump(usize),
    /// A click on a gap in the answer list: type into gap N (0-based).
    EditGap(usize),
    /// A click on slot N, or a pool entry dropped on it: highlight slot N, and with an entry,
    /// put that entry in it (as choosing the entry's letter there would).
    Fill {
        slot: usize,
        entry: Option<usize>,
    },
    /// A drag of an order item's line from one position to another (0-based): as picking it
    /// up there and putting it down here.
    Place {
        from: usize,
        to: usize,
    },
}

/// What the shell must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Become the one process writing this exam's journal (another pyexam may hold it).
    ClaimJournal(String),
    SaveJournal(Box<Session>),
    /// Move this exam's saved journal aside (kept, never deleted) before a new exam replaces it.
    SetJournalAside(String),
    /// This exam's attempt is in history: its journal goes.
    ClearJournal(String),
    SaveAttempt(Box<Attempt>),
    /// Read a history entry's attempt file (by name) and review it (`App::open_review`).
    OpenAttempt(String),
    /// Make this set-aside journal (a file name in the home) the saved exam again.
    RestoreJournal(String),
    /// Become the one process writing the drill journal.
    ClaimDrill,
    /// Journal the drill or study session in progress.
    SaveDrill(Box<SavedDrill>),
    /// The drill is in history (or had no answer): its journal goes.
    ClearDrill,
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
    /// The days to the exam date (the exam menu's Plan).
    Plan(Box<PlanScreen>),
    Step(Box<StepScreen>),
}

pub struct App {
    pub screen: Screen,
    pub banks: BankSet,
    pub history: Vec<Stored>,
    /// The saved exams, one per exam at most, in exam id order (`saved`, `keep_saved`).
    pub journals: Vec<Session>,
    /// Exams set aside in the home, newest first, that the menu offers to restore.
    pub set_aside: Vec<SetAside>,
    pub theme: Theme,
    /// A one-line message for the user (a save that failed, a finished exam...).
    pub notice: Option<String>,
    /// Where Esc/q on review and history lead: the menu when the app started there.
    pub has_menu: bool,
    /// The time of the last update: what the countdown shows.
    pub now: DateTime<Utc>,
    /// Where q leads from the review an `Effect::OpenAttempt` is about to open.
    review_back: Option<Box<Screen>>,
    /// Lines PgUp/PgDn move: the scrolling pane's height less one line of overlap, as last
    /// drawn (the shell sets it after each frame).
    pub page: u16,
    /// Lines to print once the terminal is restored: what was saved and how to go on.
    pub farewell: Vec<String>,
    /// The menu's "Study (N due, M new)": (exam, history length, minute) it was counted at,
    /// and (N, M).
    pub study_due: Option<(StudyCountKey, (usize, usize))>,
    /// How far the results (or summary) screen is scrolled; the top when a new one opens.
    pub results_scroll: crate::tui::scroll::Scroll,
    /// A finished attempt the store could not save (a full disk), with why and when it was
    /// last tried. Its journal stays on disk until a retry saves it.
    pub unsaved: Option<Unsaved>,
    /// An interrupted drill or study session read from its journal, until it is resumed or
    /// filed in history.
    pub saved_drill: Option<SavedDrill>,
    /// Exam dates set with `pyexam plan` (the shell loads them from the home).
    pub exam_dates: std::collections::BTreeMap<String, chrono::NaiveDate>,
    /// How the commands pyexam prints start (`--banks DIR` for an exam of one's own).
    pub invocation: Invocation,
    /// `exam --stretch`: a new mock draws typed gaps and stretch items freely.
    pub stretch: bool,
    /// Effects of a method that cannot return them (opening a drill), carried out with the
    /// next update's, or taken by the command line (`take_queued`).
    queued: Vec<Effect>,
    rng: ChaCha8Rng,
}

/// An attempt that could not be saved yet.
#[derive(Debug, Clone)]
pub struct Unsaved {
    pub attempt: Box<Attempt>,
    pub error: String,
    pub tried_at: DateTime<Utc>,
}

/// What the menu's study count was made for: exam, history length, minute.
pub type StudyCountKey = (String, usize, i64);

/// An unsaved attempt is tried again this often, on its own.
pub const RETRY_SAVE_SECS: i64 = 5;

/// How the farewell line about an unsaved attempt starts.
const UNSAVED: &str = "The last attempt could not be saved";

impl App {
    pub fn new(
        banks: BankSet,
        history: Vec<Stored>,
        journals: impl IntoIterator<Item = Session>,
        theme: Theme,
        seed: u64,
        now: DateTime<Utc>,
    ) -> App {
        let mut app = App {
            screen: Screen::Menu(MenuScreen::top()),
            banks,
            history,
            journals: Vec::new(),
            set_aside: Vec::new(),
            theme,
            notice: None,
            has_menu: true,
            now,
            review_back: None,
            page: 10,
            farewell: Vec::new(),
            study_due: None,
            results_scroll: Default::default(),
            unsaved: None,
            saved_drill: None,
            exam_dates: Default::default(),
            invocation: Invocation::default(),
            stretch: false,
            queued: Vec::new(),
            rng: ChaCha8Rng::seed_from_u64(seed),
        };
        for session in journals {
            app.keep_saved(session);
        }
        app
    }

    /// `exam`'s saved attempt, if it has one.
    pub fn saved(&self, exam: &str) -> Option<&Session> {
        self.journals.iter().find(|s| s.exam == exam)
    }

    /// Offer `session` as its exam's saved attempt (replacing the one before, if any).
    pub fn keep_saved(&mut self, session: Session) {
        self.journals.retain(|s| s.exam != session.exam);
        let at = self.journals.partition_point(|s| s.exam < session.exam);
        self.journals.insert(at, session);
    }

    /// `exam` has no saved attempt any more; the one it had, if any.
    pub fn forget_saved(&mut self, exam: &str) -> Option<Session> {
        let at = self.journals.iter().position(|s| s.exam == exam)?;
        Some(self.journals.remove(at))
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
        if let Some(retry) = self.retry_save(msg, now) {
            return retry;
        }
        let effects = match &mut self.screen {
            Screen::Exam(_) => self.update_exam(msg, now),
            Screen::Drill(_) => self.update_drill(msg, now),
            Screen::Menu(_) => self.update_menu(msg, now),
            Screen::Results(_) | Screen::DrillSummary(_) => self.update_results(msg),
            Screen::Review(_) => self.update_review(msg),
            Screen::History(_) => self.update_history(msg),
            Screen::Mastery(_) => self.update_mastery(msg, now),
            Screen::Plan(_) => self.update_plan(msg),
            Screen::Step(_) => self.update_step(msg, now),
        };
        self.load_banks_for_screen();
        self.count_study_due();
        let mut all = self.take_queued();
        all.extend(effects);
        all
    }

    /// A command about one exam starts with only its questions parsed (`bank::load_embedded_exam`);
    /// any screen but that exam's mock or drill may span exams: parse the rest first.
    pub fn load_banks_for_screen(&mut self) {
        let exam = match &self.screen {
            Screen::Exam(s) => Some(&s.session.exam),
            Screen::Drill(d) => Some(&d.drill.exam),
            _ => None,
        };
        if exam.is_none_or(|e| self.banks.pending.contains(e)) {
            self.banks.load_pending();
        }
    }

    /// Effects queued by methods that return none (see `queued`).
    pub fn take_queued(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.queued)
    }

    /// Review an attempt the shell read from history (`Effect::OpenAttempt`); q goes back to
    /// the screen that asked for it.
    pub fn open_review(&mut self, attempt: Attempt) {
        self.screen = Screen::Review(Box::new(ReviewScreen {
            back: self.review_back.take(),
            ..ReviewScreen::new(attempt)
        }));
    }

    /// The shell could not save `attempt` (`Effect::SaveAttempt` failed; the journal was kept).
    /// Say so, keep it, and try again every `RETRY_SAVE_SECS` and on `s`.
    pub fn attempt_not_saved(&mut self, attempt: Box<Attempt>, error: String, now: DateTime<Utc>) {
        let mock = attempt.mode == crate::session::Mode::Mock;
        self.notice = Some(if mock {
            format!(
                "Could not save the attempt: {error}. Nothing is lost: the exam stays in its \
                 journal. Free some space; pyexam tries again every {RETRY_SAVE_SECS} s (s: now)."
            )
        } else {
            format!(
                "Could not save the {}: {error}. Nothing is lost: it stays in its journal. Free \
                 some space; pyexam tries again every {RETRY_SAVE_SECS} s (s: now).",
                attempt.mode.name()
            )
        });
        let resume = match mock {
            true => self.invocation.resume(&attempt.exam),
            false => self.invocation.any("resume"),
        };
        let line = if mock {
            format!(
                "{UNSAVED} ({error}); its exam is kept in the journal: `{resume}` reopens it to submit again."
            )
        } else {
            format!(
                "{UNSAVED} ({error}); the {} is kept in its journal: `{resume}` continues it.",
                attempt.mode.name()
            )
        };
        self.farewell.retain(|l| !l.starts_with(UNSAVED));
        self.farewell.push(line);
        self.unsaved = Some(Unsaved {
            attempt,
            error,
            tried_at: now,
        });
    }

    /// The attempt a retry was for is saved (and its journal cleared).
    pub fn attempt_saved(&mut self) {
        if self.unsaved.take().is_some() {
            self.farewell.retain(|l| !l.starts_with(UNSAVED));
            self.notice = Some("Saved: the attempt is in history.".into());
        }
    }

    /// While an attempt is unsaved: `s` on its results, or a tick `RETRY_SAVE_SECS` after the
    /// last try, saves it again (then clears the journal, only once the save succeeded).
    fn retry_save(&mut self, msg: Msg, now: DateTime<Utc>) -> Option<Vec<Effect>> {
        let unsaved = self.unsaved.as_mut()?;
        let on_results = matches!(&self.screen, Screen::Results(a) | Screen::DrillSummary(a)
            if a.finished_at == unsaved.attempt.finished_at);
        let due = msg == Msg::Tick && (now - unsaved.tried_at).num_seconds() >= RETRY_SAVE_SECS;
        if !(due || (on_results && msg == Msg::Submit)) {
            return None;
        }
        unsaved.tried_at = now;
        // The journal holding it goes only if the save succeeds (the shell sees to that).
        let clear = match unsaved.attempt.mode {
            crate::session::Mode::Mock => Effect::ClearJournal(unsaved.attempt.exam.clone()),
            _ => Effect::ClearDrill,
        };
        Some(vec![Effect::SaveAttempt(unsaved.attempt.clone()), clear])
    }

    /// The shell could not claim the journal: another pyexam runs this exam. Leave the exam
    /// screen at once, saying why; the saved exam stays theirs.
    pub fn journal_refused(&mut self, why: String) {
        self.screen = Screen::Menu(MenuScreen::top());
        self.notice = Some(why);
    }

    /// Leave a screen that has nowhere else to go: the menu of its exam if the app started on
    /// the menu (one level up from a mock, drill, review or history of that exam), else exit.
    fn leave(&mut self) -> Vec<Effect> {
        if !self.has_menu {
            return vec![Effect::Exit];
        }
        // The cursor comes back to the entry that leads to the screen left.
        let (exam, entry) = match &self.screen {
            Screen::Exam(e) => (Some(e.session.exam.clone()), Some(MenuEntry::Mock)),
            Screen::Drill(d) => (Some(d.drill.exam.clone()), None),
            Screen::Results(a) | Screen::DrillSummary(a) => (Some(a.exam.clone()), None),
            Screen::Review(r) => (Some(r.attempt.exam.clone()), Some(MenuEntry::ReviewLast)),
            Screen::History(h) => (h.exam.clone(), Some(MenuEntry::History)),
            Screen::Mastery(m) => (Some(m.mastery.exam.clone()), Some(MenuEntry::Mastery)),
            Screen::Plan(p) => (Some(p.exam.clone()), Some(MenuEntry::Plan)),
            // The step view goes back to where it was opened, never further.
            Screen::Step(_) => {
                self.close_step();
                return Vec::new();
            }
            Screen::Menu(_) => (None, None),
        };
        self.open_menu_at(exam, entry);
        Vec::new()
    }
}

/// The one-line error for an exam id the banks do not have, naming the valid ones.
pub fn unknown_exam(banks: &BankSet, exam: &str) -> String {
    format!("unknown exam '{exam}' (valid: {})", banks.exam_ids().join(", "))
}
