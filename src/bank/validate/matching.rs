//! Rules for match items (drop cards into named bins): 2 to 4 bins, 3 to 8 cards, every card's
//! bin one of the bins, and a rule with `{card}` when `verify: match` proves them.

use crate::bank::model::{Card, Verify};
use crate::bank::schema::RawCard;

pub const MIN_BINS: usize = 2;
/// Bins are chosen with the keys 1-4 (and dropped on with the mouse): few, as on the exam.
pub const MAX_BINS: usize = 4;
pub const MIN_CARDS: usize = 3;
pub const MAX_CARDS: usize = 8;

pub fn check(
    bins: Vec<String>,
    raw_cards: Vec<RawCard>,
    verify: Option<Verify>,
    rule: Option<&str>,
    id: &str,
    problem: &mut impl FnMut(String),
) -> (Vec<String>, Vec<Card>) {
    let cards: Vec<Card> = raw_cards
        .into_iter()
        .map(|c| Card {
            text: c.text.0,
            bin: c.bin.0,
            why: c.why,
        })
        .collect();
    if !(MIN_BINS..=MAX_BINS).contains(&bins.len()) {
        problem(format!(
            "question '{id}' (kind: match) has {} bins; it needs {MIN_BINS} to {MAX_BINS}",
            bins.len()
        ));
    }
    for (i, bin) in bins.iter().enumerate() {
        if bin.trim().is_empty() {
            problem(format!("question '{id}' bin {} is empty", i + 1));
        } else if bins[..i].contains(bin) {
            problem(format!("question '{id}' has the bin '{bin}' twice"));
        }
    }
    if !(MIN_CARDS..=MAX_CARDS).contains(&cards.len()) {
        problem(format!(
            "question '{id}' (kind: match) has {} cards; it needs {MIN_CARDS} to {MAX_CARDS}",
            cards.len()
        ));
    }
    for (i, card) in cards.iter().enumerate() {
        if card.text.trim().is_empty() {
            problem(format!("question '{id}' card {} is empty", i + 1));
        } else if cards[..i].iter().any(|c| c.text == card.text) {
            problem(format!("question '{id}' has the card '{}' twice", card.text));
        }
        if !bins.contains(&card.bin) {
            problem(format!(
                "question '{id}' card '{}' goes in bin '{}', which is not one of its bins ({})",
                card.text,
                card.bin,
                bins.join(", ")
            ));
        }
    }
    let used = bins.iter().filter(|b| cards.iter().any(|c| c.bin == **b)).count();
    if cards.len() >= MIN_CARDS && used < 2 {
        problem(format!(
            "question '{id}' puts every card in one bin: no placement could be wrong"
        ));
    }
    match (verify, rule) {
        (Some(Verify::Match), None) => problem(format!(
            "question '{id}' has verify: match but no `rule` (an expression with {{card}} that names a card's bin)"
        )),
        (Some(Verify::Match), Some(r)) if !r.contains("{card}") => problem(format!(
            "question '{id}' has a rule without {{card}}: it would name the same bin for every card"
        )),
        (Some(Verify::Match), Some(_)) | (None, None) => {}
        (None, Some(_)) => problem(format!(
            "question '{id}' has a `rule` but no verify: match, so nothing runs it"
        )),
        (Some(v), _) => problem(format!(
            "question '{id}' (kind: match) can only have verify: match, not verify: {}",
            v.name()
        )),
    }
    (bins, cards)
}
