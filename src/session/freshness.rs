//! Which items a candidate has seen, and when: the draw takes never-shown items first, then
//! those shown longest ago.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::attempt::Mode;
use super::item::Item;
use super::summary::Summary;
use crate::bank::BankSet;
use crate::exam::ExamSpec;

/// When each item was last on screen, in any mode (mock, drill, study). Only items shown
/// count: a mock's items never reached stay fresh.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Freshness {
    last: HashMap<String, DateTime<Utc>>,
}

/// From each item's id and when it was last shown.
impl FromIterator<(String, DateTime<Utc>)> for Freshness {
    fn from_iter<I: IntoIterator<Item = (String, DateTime<Utc>)>>(shown: I) -> Freshness {
        let mut last: HashMap<String, DateTime<Utc>> = HashMap::new();
        for (id, at) in shown {
            let latest = last.entry(id).or_insert(at);
            *latest = (*latest).max(at);
        }
        Freshness { last }
    }
}

impl Freshness {
    pub fn of<'a>(summaries: impl IntoIterator<Item = &'a Summary>) -> Freshness {
        let mut last: HashMap<String, DateTime<Utc>> = HashMap::new();
        for s in summaries {
            for r in &s.results {
                let shown = r.shown && (s.mode == Mode::Mock || r.tries > 0);
                if shown {
                    let at = last.entry(r.id.to_string()).or_insert(s.finished_at);
                    *at = (*at).max(s.finished_at);
                }
            }
        }
        Freshness { last }
    }

    /// When `id` was last shown; `None` for an item never shown.
    pub fn last_shown(&self, id: &str) -> Option<DateTime<Utc>> {
        self.last.get(id).copied()
    }

    pub fn is_fresh(&self, id: &str) -> bool {
        !self.last.contains_key(id)
    }

    /// How many more mocks of `spec` could be drawn entirely from items never shown, once the
    /// items of `drawn` (the mock about to start, if any) have been shown too.
    pub fn fresh_mocks_left(&self, banks: &BankSet, spec: &ExamSpec, drawn: &[Item]) -> usize {
        spec.sections
            .iter()
            .filter(|s| s.items > 0)
            .map(|s| {
                let fresh = banks
                    .in_topic(&spec.id, &s.id)
                    .filter(|q| self.is_fresh(&q.id) && !drawn.iter().any(|i| i.id == q.id))
                    .count();
                fresh / s.items
            })
            .min()
            .unwrap_or(0)
    }
}
