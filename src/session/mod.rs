//! The exam engine: the seeded draw, the session state, scoring, drills and attempt records.
//! Pure: time comes in as `now`, chance as `&mut impl Rng`.

pub mod attempt;
pub mod blueprint;
pub mod calibration;
pub mod drill;
pub mod freshness;
pub mod item;
pub mod kinds;
pub mod pacing;
pub mod score;
pub mod state;
pub mod summary;
pub mod sym;
pub mod tally;

pub use attempt::{Attempt, Mode};
pub use blueprint::Blueprint;
pub use calibration::Calibration;
pub use drill::{Drill, SavedDrill};
pub use freshness::Freshness;
pub use item::{Answer, Item};
pub use pacing::{Pace, Pacing};
pub use score::{Report, SectionScore};
pub use state::Session;
pub use summary::{ItemResult, Summary};
pub use tally::{Answered, Tally};
