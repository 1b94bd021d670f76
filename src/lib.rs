//! pyexam: a terminal practice-exam simulator for the Python Institute certifications.
//!
//! The core (`bank`, `exam`, `session`) is pure: it never touches the terminal, the clock or the
//! filesystem. The shell (`store`, `verify`, `tui`) does the I/O.

pub mod bank;
pub mod cli;
pub mod diagnostic;
pub mod exam;
pub mod formats;
pub mod insight;
pub mod invocation;
pub mod session;
pub mod store;
pub mod study;
pub mod text;
pub mod trace;
pub mod tui;
pub mod verify;
