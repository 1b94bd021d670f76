//! Where a candidate stands: every answer in history becomes an `AnswerEvent`; events become a
//! mastery estimate per section and objective; section estimates and the official weights
//! become a readiness prediction. Pure: events and `now` come in, nothing is read or written.
//! The model and its assumptions are explained for candidates in docs/readiness.md.

pub mod events;
pub mod mastery;
pub mod readiness;

pub use events::{AnswerEvent, attempt_events, credit, history_events, mark_repeats, summary_events};
pub use mastery::{Estimate, HALF_LIFE_DAYS, Mastery, ObjectiveMastery, REPEAT_WEIGHT, TopicMastery};
pub use readiness::{MockEvidence, Prediction, Readiness, Verdict};
