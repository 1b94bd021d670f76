//! Rules every kind shares: a field belongs to its kind, and the interactive kinds are proven
//! by `verify: output` against `expect`.

use crate::bank::model::{Card, Choice, Gap, Kind, PoolEntry, Verify};
use crate::bank::schema::RawQuestion;

/// What a question holds besides its stem, checked by its kind's rule module.
#[derive(Default)]
pub struct Parts {
    pub choices: Vec<Choice>,
    pub lines: Vec<String>,
    pub pool: Vec<PoolEntry>,
    pub slots: Vec<String>,
    pub gaps: Vec<Gap>,
    pub tiles: Vec<String>,
    pub decoys: Vec<PoolEntry>,
    pub bins: Vec<String>,
    pub cards: Vec<Card>,
}

/// The kind-specific fields a question gives, with the kind that uses each.
pub fn raw_fields(raw: &RawQuestion) -> Vec<(&'static str, Option<Kind>)> {
    let mut given = Vec::new();
    let mut add = |present: bool, name, kind| {
        if present {
            given.push((name, kind));
        }
    };
    add(!raw.choices.is_empty(), "choices", Some(Kind::Choice));
    add(!raw.lines.is_empty(), "lines", Some(Kind::Order));
    add(!raw.pool.is_empty(), "pool", Some(Kind::Slots));
    add(!raw.slots.is_empty(), "slots", Some(Kind::Slots));
    add(!raw.gaps.is_empty(), "gaps", Some(Kind::Gap));
    add(raw.lint.is_some(), "lint", Some(Kind::Choice));
    add(!raw.tiles.is_empty(), "tiles", Some(Kind::Tokens));
    add(!raw.decoys.is_empty(), "decoys", Some(Kind::Tokens));
    add(!raw.bins.is_empty(), "bins", Some(Kind::Match));
    add(!raw.cards.is_empty(), "cards", Some(Kind::Match));
    add(raw.rule.is_some(), "rule", Some(Kind::Match));
    // `expect` belongs to every interactive kind that runs a program.
    add(raw.expect.is_some(), "expect", None);
    given
}

pub fn misplaced_fields(
    given: &[(&str, Option<Kind>)],
    kind: Kind,
    id: &str,
    problem: &mut impl FnMut(String),
) {
    for (name, owner) in given {
        match owner {
            Some(owner) if *owner != kind => problem(format!(
                "question '{id}' (kind: {}) has `{name}`, which only {} items use",
                kind.name(),
                owner.name()
            )),
            None if matches!(kind, Kind::Choice | Kind::Match) => problem(format!(
                "question '{id}' (kind: {}) has `{name}`, which only gap, slots, order and tokens items use",
                kind.name()
            )),
            _ => {}
        }
    }
}

/// The interactive kinds are proven one way: their completed program prints `expect`.
pub fn interactive_verify(
    kind: Kind,
    verify: Option<Verify>,
    expect: Option<&str>,
    id: &str,
    problem: &mut impl FnMut(String),
) {
    match verify {
        Some(Verify::Output) if expect.is_none() => problem(format!(
            "question '{id}' has verify: output but no `expect` (what the completed program prints)"
        )),
        Some(v) if v != Verify::Output => problem(format!(
            "question '{id}' (kind: {}) can only have verify: output, not verify: {}",
            kind.name(),
            v.name()
        )),
        None if expect.is_some() => problem(format!(
            "question '{id}' has `expect` but no verify: output, so nothing checks it"
        )),
        _ => {}
    }
}
