//! One module per screen; `view` dispatches. Each draws from borrowed state.

pub mod body;
pub mod drill;
pub mod exam;
pub mod frame;
pub mod history;
pub mod mastery;
pub mod menu;
pub mod overlay;
pub mod results;
pub mod review;
pub mod study;
