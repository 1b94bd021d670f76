//! What `scripts/trace.py` is asked to run: every traceable item of the banks as plain JSON
//! (Python's standard library has no YAML parser, so the Rust side reads the banks).

use serde::Serialize;

use super::run_hash;
use crate::bank::{BankSet, ItemFile, Kind, Question, Verify};

/// One item for the tracer. `code` is what the candidate sees; `probe` runs after it but its
/// lines are never shown as steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceInput {
    pub id: String,
    pub exam: String,
    pub hash: String,
    pub code: String,
    /// Written beside the code before it runs; their lines are never shown as steps.
    pub files: Vec<ItemFile>,
    pub probe: Option<String>,
    pub stdin: Option<String>,
    /// Modules or a display the item needs (`requires:`); the caller decides what can run.
    pub requires: Vec<String>,
    /// The X display to run under, filled in by the caller for `requires: [display]`.
    pub display: Option<String>,
}

/// The code a trace of `q` runs and the step view shows, or `None` when it has none to trace.
/// Items whose code runs to an output or an exception are traced.
pub fn traced_code(q: &Question) -> Option<String> {
    if !q
        .verify
        .is_some_and(|v| matches!(v, Verify::Output | Verify::Raises))
    {
        return None;
    }
    // Hidden setup (a connection, tables) or a database server: the tracer has neither.
    if q.setup.is_some() || q.requires.iter().any(|r| r == crate::verify::MYSQL) {
        return None;
    }
    match q.kind {
        Kind::Choice => q.code.clone(),
        // The program with the key in place, as the verifier runs it.
        Kind::Gap | Kind::Slots | Kind::Order | Kind::Tokens => q.completed_code(),
        // A match item's rule is not a program to step through.
        Kind::Match => None,
    }
}

/// Every item of `banks` that has code to trace, in bank order.
pub fn export(banks: &BankSet) -> Vec<TraceInput> {
    banks
        .questions
        .iter()
        .filter_map(|q| {
            let code = traced_code(q)?;
            Some(TraceInput {
                id: q.id.clone(),
                exam: q.exam.clone(),
                hash: run_hash(&code, &q.files),
                code,
                files: q.files.clone(),
                probe: q.probe.clone(),
                stdin: q.stdin.clone(),
                requires: q.requires.clone(),
                display: None,
            })
        })
        .collect()
}
