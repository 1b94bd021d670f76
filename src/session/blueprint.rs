//! The seeded draw: each section's official count, without repeats, items the candidate has
//! never been shown first, then those shown longest ago (`Freshness`). Where a section's bank
//! has interactive items (gap, slots, order), 1 to 3 of them are drawn, like the real PCEP's
//! mix; the counts, minutes and weights stay the official ones.
//!
//! The draw takes a seed rather than an `Rng`: each item's option order comes from the seed and
//! the item's id alone (`item_rng`), so a retake rebuilds the same items in the same order with
//! the same option order from the ids an attempt kept, whatever was drawn around them.

use rand::seq::SliceRandom;
use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::freshness::Freshness;
use super::item::Item;
use crate::bank::{BankSet, Kind, Question, Shortfall};
use crate::exam::ExamSpec;

#[derive(Debug, Clone, PartialEq)]
pub struct Blueprint {
    pub items: Vec<Item>,
}

/// Why a full mock cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawError {
    /// Sections whose bank has fewer items than a mock draws from them.
    Short(Vec<Shortfall>),
    /// The exam's item count is not what its sections add up to (`check` refuses such an
    /// exam; a spec built otherwise must not get a mock of the wrong length).
    Miscounted { items: usize, sections: usize },
}

impl DrawError {
    /// One line for the candidate about exam `spec`.
    pub fn message(&self, spec: &ExamSpec) -> String {
        match self {
            DrawError::Short(short) => {
                let list: Vec<String> = short
                    .iter()
                    .map(|s| format!("{} has {} of {}", s.section, s.have, s.need))
                    .collect();
                let list = list.join(", ");
                format!("the {} bank cannot fill a full mock yet: {list}", spec.code)
            }
            DrawError::Miscounted { items, sections } => format!(
                "exam '{}' has {items} items but its sections add up to {sections}",
                spec.id
            ),
        }
    }
}

/// The generator of one item's option (and line, pool) order: the seed and the item's id.
pub fn item_rng(seed: u64, id: &str) -> ChaCha8Rng {
    // FNV-1a: the same on every platform and Rust version (the std hasher is not).
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    ChaCha8Rng::seed_from_u64(seed ^ hash)
}

impl Blueprint {
    /// Draw a full mock. Items come grouped by section in syllabus order, fresh ones first
    /// (see `Freshness`); the same seed and history give the same items and option order.
    /// Fails, naming every short section, rather than draw a short exam.
    pub fn draw(
        banks: &BankSet,
        spec: &ExamSpec,
        fresh: &Freshness,
        seed: u64,
    ) -> Result<Blueprint, DrawError> {
        let sections = spec.sections.iter().map(|s| s.items).sum();
        if sections != spec.items {
            return Err(DrawError::Miscounted {
                items: spec.items,
                sections,
            });
        }
        let short = banks.shortfalls(spec);
        if !short.is_empty() {
            return Err(DrawError::Short(short));
        }
        let rng = &mut ChaCha8Rng::seed_from_u64(seed);
        let mut items = Vec::with_capacity(spec.items);
        for section in &spec.sections {
            let mut pool: Vec<_> = banks.in_topic(&spec.id, &section.id).collect();
            // Bank order is file order; sort so a seed means the same exam whatever the source.
            pool.sort_by(|a, b| a.id.cmp(&b.id));
            pool.shuffle(rng);
            // Never shown first (`None` sorts first), then shown longest ago; the sort is
            // stable, so items shown at the same time stay in shuffled order.
            pool.sort_by_key(|q| fresh.last_shown(&q.id));
            let (interactive, choice): (Vec<_>, Vec<_>) =
                pool.into_iter().partition(|q| q.kind != Kind::Choice);
            let wanted = interactive_count(interactive.len(), choice.len(), section.items, rng);
            let mut picked: Vec<&Question> = interactive[..wanted].to_vec();
            picked.extend(&choice[..section.items - wanted]);
            // Without interactive items the draw is what it always was for a seed.
            if wanted > 0 {
                picked.shuffle(rng);
            }
            items.extend(
                picked
                    .iter()
                    .map(|q| Item::from_question(q, &mut item_rng(seed, &q.id))),
            );
        }
        Ok(Blueprint { items })
    }

    /// The items of an earlier mock again, in its order and (drawn with the same `seed`) its
    /// option order. `Err` lists the ids the exam's bank no longer has.
    pub fn retake(
        banks: &BankSet,
        spec: &ExamSpec,
        ids: &[&str],
        seed: u64,
    ) -> Result<Blueprint, Vec<String>> {
        let mut items = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for id in ids {
            match banks.question(id).filter(|q| q.exam == spec.id) {
                Some(q) => items.push(Item::from_question(q, &mut item_rng(seed, id))),
                None => missing.push(id.to_string()),
            }
        }
        if missing.is_empty() && !items.is_empty() {
            Ok(Blueprint { items })
        } else {
            Err(missing)
        }
    }
}

/// Interactive items drawn in a section of `count`: 1 to `MAX_INTERACTIVE` when the bank has
/// them, more only when there are too few choice items to fill the section; never more than
/// `count` (a section of 0 draws none). With `interactive + choice >= count` (no shortfall),
/// the result is at most `interactive` and leaves at most `choice` to fill.
fn interactive_count(interactive: usize, choice: usize, count: usize, rng: &mut impl Rng) -> usize {
    let floor = count.saturating_sub(choice);
    let most = interactive.min(MAX_INTERACTIVE).min(count).max(floor);
    let least = interactive.min(1).min(count).max(floor);
    if most <= least {
        least
    } else {
        rng.random_range(least..=most)
    }
}

/// At most this many interactive items per section (when choice items can fill the rest).
pub const MAX_INTERACTIVE: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{self, BankSource};
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn banks() -> BankSet {
        bank::load(&BankSource::Embedded).banks
    }

    fn draw(seed: u64) -> Blueprint {
        let banks = banks();
        let spec = banks.exam("pcep").unwrap().clone();
        Blueprint::draw(&banks, &spec, &Freshness::default(), seed).unwrap()
    }

    #[test]
    fn draws_each_sections_count_without_repeats() {
        let bp = draw(7);
        let banks = banks();
        let spec = banks.exam("pcep").unwrap();
        assert_eq!(bp.items.len(), spec.items);
        for section in &spec.sections {
            let n = bp.items.iter().filter(|i| i.section == section.id).count();
            assert_eq!(n, section.items, "{}", section.id);
        }
        let mut ids: Vec<_> = bp.items.iter().map(|i| &i.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), spec.items);
    }

    #[test]
    fn same_seed_same_exam_and_option_order() {
        assert_eq!(draw(42), draw(42));
        assert_ne!(draw(42), draw(43));
    }

    #[test]
    fn sections_with_interactive_items_draw_one_to_three() {
        let counts = |seed| {
            let bp = draw(seed);
            let banks = banks();
            let spec = banks.exam("pcep").unwrap().clone();
            spec.sections
                .iter()
                .map(|s| {
                    let has = banks.in_topic("pcep", &s.id).any(|q| q.kind != Kind::Choice);
                    let drawn = bp
                        .items
                        .iter()
                        .filter(|i| i.section == s.id && i.kind != Kind::Choice)
                        .count();
                    (has, drawn)
                })
                .collect::<Vec<_>>()
        };
        for seed in 0..40 {
            for (has, drawn) in counts(seed) {
                if has {
                    assert!((1..=MAX_INTERACTIVE).contains(&drawn), "seed {seed}: {drawn}");
                } else {
                    assert_eq!(drawn, 0);
                }
            }
        }
    }

    #[test]
    fn the_mix_fills_sections_whatever_the_bank_has() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        // (interactive, choice, count) -> allowed range
        for (i, c, n, lo, hi) in [
            (0, 9, 7, 0, 0),
            (1, 9, 7, 1, 1),
            (10, 9, 7, 1, 3),
            (10, 5, 7, 2, 3),
            (10, 0, 7, 7, 7),
            (2, 5, 7, 2, 2),
            (3, 0, 0, 0, 0),
            (3, 4, 0, 0, 0),
            (3, 0, 1, 1, 1),
        ] {
            for _ in 0..20 {
                let k = interactive_count(i, c, n, &mut rng);
                assert!((lo..=hi).contains(&k), "({i}, {c}, {n}) gave {k}");
            }
        }
    }

    #[test]
    fn short_sections_are_named() {
        let mut banks = banks();
        banks.questions.retain(|q| q.topic != "collections");
        let spec = banks.exam("pcep").unwrap().clone();
        let err = Blueprint::draw(&banks, &spec, &Freshness::default(), 1).unwrap_err();
        assert_eq!(
            err,
            DrawError::Short(vec![Shortfall {
                section: "collections".into(),
                have: 0,
                need: 7
            }])
        );
    }
}
