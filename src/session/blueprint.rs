//! The seeded draw: each section's official count, at random, without repeats.

use rand::Rng;
use rand::seq::SliceRandom;

use super::item::Item;
use crate::bank::{BankSet, Shortfall};
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
            items.extend(pool[..section.items].iter().map(|q| Item::from_question(q, rng)));
        }
        Ok(Blueprint { items })
    }
}

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
