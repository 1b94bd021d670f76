//! The study queue: spaced repetition over the candidate's own history. Every answer already in
//! history (mocks, drills, study sessions) is a review event; replaying them in time order
//! through FSRS gives each item its memory state and due date. Nothing is stored besides
//! history, so the schedule can never disagree with it. Pure: summaries and `now` come in.
//! How it works, for candidates: docs/study.md.

pub mod plan;
pub mod projection;
pub mod queue;
pub mod schedule;

pub use queue::{Queue, QueueEntry, Why, due_by};
pub use schedule::{Review, Schedule, Scheduled, rating, reviews};
