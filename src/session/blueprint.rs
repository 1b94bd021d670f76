//! The seeded draw: each section's official count, at random, without repeats. Where a section's
//! bank has interactive items (gap, slots, order), 1 to 3 of them are drawn, like the real PCEP's
//! mix; the counts, minutes and weights stay the official ones.

use rand::seq::SliceRandom;
use rand::{Rng, RngExt};

use super::item::Item;
use crate::bank::{BankSet, Kind, Question, Shortfall};
use crate::exam::ExamSpec;

#[derive(Debug, Clone, PartialEq)]
pub struct Blueprint {
    pub items: Vec<Item>,
}

impl Blueprint {
    /// Draw a full mock. Items come grouped by section in syllabus order; the same seed gives
    /// the same items and option order. Fails, naming every short section, rather than draw a
    /// short exam.
    pub fn draw(banks: &BankSet, spec: &ExamSpec, rng: &mut impl Rng) -> Result<Blueprint, Vec<Shortfall>> {
        let short = banks.shortfalls(spec);
        if !short.is_empty() {
            return Err(short);
        }
        let mut items = Vec::with_capacity(spec.items);
        for section in &spec.sections {
            let mut pool: Vec<_> = banks.in_topic(&spec.id, &section.id).collect();
            // Bank order is file order; sort so a seed means the same exam whatever the source.
            pool.sort_by(|a, b| a.id.cmp(&b.id));
            pool.shuffle(rng);
            let (interactive, choice): (Vec<_>, Vec<_>) =
                pool.into_iter().partition(|q| q.kind != Kind::Choice);
            let wanted = interactive_count(interactive.len(), choice.len(), section.items, rng);
            let mut picked: Vec<&Question> = interactive[..wanted].to_vec();
            picked.extend(&choice[..section.items - wanted]);
            // Without interactive items the draw is what it always was for a seed.
            if wanted > 0 {
                picked.shuffle(rng);
            }
            items.extend(picked.iter().map(|q| Item::from_question(q, rng)));
        }
        Ok(Blueprint { items })
    }
}

/// Interactive items drawn in a section of `count`: 1 to `MAX_INTERACTIVE` when the bank has
/// them, more only when there are too few choice items to fill the section.
fn interactive_count(interactive: usize, choice: usize, count: usize, rng: &mut impl Rng) -> usize {
    let floor = count.saturating_sub(choice);
    let most = interactive.min(MAX_INTERACTIVE).min(count).max(floor);
    let least = interactive.min(1).max(floor);
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
        Blueprint::draw(&banks, &spec, &mut ChaCha8Rng::seed_from_u64(seed)).unwrap()
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
        let err = Blueprint::draw(&banks, &spec, &mut ChaCha8Rng::seed_from_u64(1)).unwrap_err();
        assert_eq!(
            err,
            [Shortfall {
                section: "collections".into(),
                have: 0,
                need: 7
            }]
        );
    }
}
