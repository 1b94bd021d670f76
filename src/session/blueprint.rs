//! The seeded draw: each section's official count, without repeats, items the candidate has
//! never been shown first, then those shown longest ago (`Freshness`). An exam with a `mix` in
//! exams.yaml gets its shares of single select, Select N and interactive items (tokens, slots,
//! order, match) section by section; without one, a section whose bank has interactive items
//! draws 1 to 3 of them. Typed gaps stay out of a standard mock and it draws at most one
//! `stretch` item per section (`--stretch` lifts both). The counts, minutes and weights stay
//! the official ones.
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
    /// Draw a full standard mock (see `draw_with`).
    pub fn draw(
        banks: &BankSet,
        spec: &ExamSpec,
        fresh: &Freshness,
        seed: u64,
    ) -> Result<Blueprint, DrawError> {
        Self::draw_with(banks, spec, fresh, seed, false)
    }

    /// Draw a full mock. Items come grouped by section in syllabus order, fresh ones first
    /// (see `Freshness`); the same seed and history give the same items and option order.
    /// Where the exam has a `mix`, each section draws its share of single select, Select N and
    /// interactive items (spread over the interactive kinds) as far as its bank allows. A
    /// standard mock draws no typed gap and at most one `stretch` item per section unless the
    /// section cannot be filled otherwise; `stretch` lifts both limits.
    /// Fails, naming every short section, rather than draw a short exam.
    pub fn draw_with(
        banks: &BankSet,
        spec: &ExamSpec,
        fresh: &Freshness,
        seed: u64,
        stretch: bool,
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
        let sizes: Vec<usize> = spec.sections.iter().map(|s| s.items).collect();
        let shares = spec.mix.map(|mix| {
            let share = |pct: u32| apportion((spec.items * pct as usize + 50) / 100, &sizes);
            (share(mix.interactive), share(mix.multiple))
        });
        let mut items = Vec::with_capacity(spec.items);
        // The interactive kinds drawn so far in this mock, to spread them over the sections.
        let mut kinds_drawn: Vec<(Kind, usize)> = Vec::new();
        for (s, section) in spec.sections.iter().enumerate() {
            let mut pool: Vec<_> = banks.in_topic(&spec.id, &section.id).collect();
            // Bank order is file order; sort so a seed means the same exam whatever the source.
            pool.sort_by(|a, b| a.id.cmp(&b.id));
            pool.shuffle(rng);
            // Never shown first (`None` sorts first), then shown longest ago; the sort is
            // stable, so items shown at the same time stay in shuffled order.
            pool.sort_by_key(|q| fresh.last_shown(&q.id));
            // Typed gaps stay out of a standard mock (the exam has none), unless needed.
            let (pool, gaps): (Vec<_>, Vec<_>) =
                pool.into_iter().partition(|q| stretch || q.kind != Kind::Gap);
            let mut pick = Picker {
                picked: Vec::with_capacity(section.items),
                stretch_left: if stretch { usize::MAX } else { MAX_STRETCH },
            };
            let (interactive, choice): (Vec<_>, Vec<_>) =
                pool.iter().copied().partition(|q| q.kind != Kind::Choice);
            let shuffle = match shares.as_ref() {
                Some((share_i, share_m)) => {
                    let (multiple, single): (Vec<_>, Vec<_>) =
                        choice.into_iter().partition(|q| q.keyed().len() > 1);
                    pick.spread(&interactive, share_i[s], fresh, &mut kinds_drawn);
                    pick.take(&multiple, share_m[s]);
                    pick.take(&single, section.items.saturating_sub(share_i[s] + share_m[s]));
                    true
                }
                None => {
                    let wanted = interactive_count(interactive.len(), choice.len(), section.items, rng);
                    pick.take(&interactive, wanted);
                    pick.take(&choice, section.items - wanted.min(section.items));
                    wanted > 0
                }
            };
            // Whatever the shares could not fill: any item left, then gaps, then more stretch.
            let want = section.items;
            pick.take(&pool, want - pick.picked.len().min(want));
            pick.take(&gaps, want - pick.picked.len().min(want));
            pick.stretch_left = usize::MAX;
            let rest: Vec<_> = pool.iter().chain(&gaps).copied().collect();
            pick.take(&rest, want - pick.picked.len().min(want));
            let mut picked = pick.picked;
            // Without interactive items the draw is what it always was for a seed.
            if shuffle {
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

/// A standard mock draws at most this many `stretch` items per section.
pub const MAX_STRETCH: usize = 1;

/// A section's items as they are picked: each at most once, `stretch` ones while allowed.
struct Picker<'a> {
    picked: Vec<&'a Question>,
    stretch_left: usize,
}

impl<'a> Picker<'a> {
    fn allowed(&self, q: &Question) -> bool {
        !self.picked.iter().any(|p| p.id == q.id) && (!q.stretch || self.stretch_left > 0)
    }

    fn add(&mut self, q: &'a Question) {
        if q.stretch {
            self.stretch_left = self.stretch_left.saturating_sub(1);
        }
        self.picked.push(q);
    }

    /// The first `n` allowed items of `from` (fresh first).
    fn take(&mut self, from: &[&'a Question], n: usize) {
        let mut left = n;
        for q in from {
            if left == 0 {
                break;
            }
            if self.allowed(q) {
                self.add(q);
                left -= 1;
            }
        }
    }

    /// `n` items of `from`, spread over their kinds: each time, of the freshest items (fresh
    /// first stays the rule), one of the kind drawn least so far.
    fn spread(&mut self, from: &[&'a Question], n: usize, fresh: &Freshness, drawn: &mut Vec<(Kind, usize)>) {
        for _ in 0..n {
            let count =
                |k: Kind, drawn: &[(Kind, usize)]| drawn.iter().find(|(d, _)| *d == k).map_or(0, |(_, c)| *c);
            let Some(q) = from
                .iter()
                .filter(|q| self.allowed(q))
                .min_by_key(|q| (fresh.last_shown(&q.id), count(q.kind, drawn)))
                .copied()
            else {
                break;
            };
            match drawn.iter_mut().find(|(d, _)| *d == q.kind) {
                Some((_, c)) => *c += 1,
                None => drawn.push((q.kind, 1)),
            }
            self.add(q);
        }
    }
}

/// `total` split over sections of `sizes` in proportion, the remainders to the largest
/// fractions (earlier sections first on a tie); never more than a section's size.
fn apportion(total: usize, sizes: &[usize]) -> Vec<usize> {
    let all: usize = sizes.iter().sum();
    if all == 0 {
        return vec![0; sizes.len()];
    }
    let total = total.min(all);
    let mut out: Vec<usize> = sizes.iter().map(|s| total * s / all).collect();
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(total * sizes[i] % all));
    let mut left = total - out.iter().sum::<usize>();
    for i in order.into_iter().cycle().take(sizes.len() * 2) {
        if left == 0 {
            break;
        }
        if out[i] < sizes[i] {
            out[i] += 1;
            left -= 1;
        }
    }
    out
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
