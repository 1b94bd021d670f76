//! A finished mock or drill, exactly as it is kept in history: a snapshot of every item as shown,
//! the answers and the scores. Schema changes bump `VERSION`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::item::{Answer, Item};
use super::score::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Mock,
    Drill,
    /// A drill over the spaced-repetition queue (`pyexam study`): kept and scored like a drill.
    Study,
}

impl Mode {
    /// Drills and study sessions: untimed, immediate feedback, tries per item.
    pub fn is_drill(self) -> bool {
        matches!(self, Mode::Drill | Mode::Study)
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Mock => "mock",
            Mode::Drill => "drill",
            Mode::Study => "study",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub version: u32,
    pub mode: Mode,
    pub exam: String,
    pub code: String,
    /// The drilled topic; `None` for mocks and for drills of missed questions.
    pub topic: Option<String>,
    pub seed: Option<u64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub used_secs: u64,
    pub limit_secs: Option<u64>,
    pub standard_time: bool,
    pub timed_out: bool,
    pub items: Vec<Item>,
    /// Mock: the submitted answers. Drill: the last answer given to each item.
    pub answers: Vec<Option<Answer>>,
    pub flags: Vec<bool>,
    /// Drill only: answers needed per item (1 = right first time, 0 = never answered).
    #[serde(default)]
    pub tries: Vec<u32>,
    /// Drill and study: answers marked unsure (`u`) before checking. (A mock's flags say it.)
    #[serde(default)]
    pub unsure: Vec<bool>,
    /// Mock: seconds each item was on screen, summed over visits (none in older files).
    #[serde(default)]
    pub item_secs: Vec<u64>,
    /// Mock: whether each item was ever on screen. An item never shown scores 0 but is no
    /// evidence of what the candidate knows. Empty in older files and in drills (whose
    /// attempts hold only the items answered): every item counts as shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown: Vec<bool>,
    /// Mock: the scratch pad as it was at submit (review shows it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Mock: the weighted score. Drill: first-try accuracy.
    pub report: Report,
}

impl Attempt {
    pub const VERSION: u32 = 1;

    pub fn is_correct(&self, index: usize) -> bool {
        self.items[index].is_correct(self.answers.get(index).and_then(|a| a.as_ref()))
    }

    pub fn is_flagged(&self, index: usize) -> bool {
        self.flags.get(index).copied().unwrap_or(false)
    }

    /// Whether item `index` was on screen (attempts from before this was recorded: yes).
    pub fn was_shown(&self, index: usize) -> bool {
        self.shown.get(index).copied().unwrap_or(true)
    }

    pub fn is_unsure(&self, index: usize) -> bool {
        self.unsure.get(index).copied().unwrap_or(false)
    }

    /// Whether the item counts as missed in review: a mock's wrong answer, a drill's retry.
    pub fn is_missed(&self, index: usize) -> bool {
        match self.mode {
            Mode::Mock => !self.is_correct(index),
            Mode::Drill | Mode::Study => self.tries.get(index).copied().unwrap_or(0) != 1,
        }
    }
}
