//! The kinds' answers: building them edit by edit, and their credit.

use super::*;
use crate::bank::{Gap, PoolEntry};
use crate::session::item::tests::item;

pub fn gap_item() -> Item {
    Item {
        kind: Kind::Gap,
        options: Vec::new(),
        code: Some("print(___1___ ___2___ 3)".into()),
        gaps: vec![
            Gap {
                accept: vec!["2".into()],
                why: None,
            },
            Gap {
                accept: vec!["**".into(), "* *".into()],
                why: Some("Power.".into()),
            },
        ],
        ..item("g", "s", &[], 0)
    }
}

pub fn slots_item() -> Item {
    let entry = |t: &str| PoolEntry {
        text: t.into(),
        why: None,
    };
    Item {
        kind: Kind::Slots,
        options: Vec::new(),
        code: Some("x = ___1___\nx ___2___ 1".into()),
        pool: vec![entry("+="), entry("0"), entry("=+")],
        slots: vec!["0".into(), "+=".into()],
        ..item("sl", "s", &[], 0)
    }
}

pub fn order_item() -> Item {
    Item {
        kind: Kind::Order,
        options: Vec::new(),
        lines: vec!["a".into(), "b".into(), "c".into()],
        start: vec![2, 0, 1],
        ..item("o", "s", &[], 0)
    }
}

fn typed(item: &Item, cursor: usize, text: &str, mut answer: Option<Answer>) -> Option<Answer> {
    for c in text.chars() {
        answer = item.edit(answer.as_ref(), cursor, Edit::Type(c)).0;
    }
    answer
}

#[test]
fn gaps_score_per_gap_after_trimming() {
    let it = gap_item();
    let one = typed(&it, 0, " 2 ", None);
    assert_eq!(
        it.progress(one.as_ref()),
        Progress {
            earned: 1,
            given: 1,
            responses: 2
        }
    );
    assert!(!it.is_complete(one.as_ref()));
    let both = typed(&it, 1, "* *", one.clone());
    assert!(it.is_correct(both.as_ref()));
    let wrong = typed(&it, 1, "*", one);
    assert_eq!(it.credit(wrong.as_ref()), 0.5);
    assert!(it.is_complete(wrong.as_ref()));
}

#[test]
fn gap_backspace_and_clear_and_empty_means_no_answer() {
    let it = gap_item();
    let a = typed(&it, 0, "ab", None);
    let (a, _) = it.edit(a.as_ref(), 0, Edit::Backspace);
    assert_eq!(a, Some(Answer::Gap(vec!["a".into(), String::new()])));
    let (a, _) = it.edit(a.as_ref(), 0, Edit::Clear);
    assert_eq!(a, None);
    let long = typed(&it, 0, &"x".repeat(60), None);
    assert_eq!(
        gap::texts(&it, long.as_ref())[0].len(),
        crate::bank::model::MAX_GAP_CHARS
    );
}

#[test]
fn slots_fill_move_on_and_each_entry_fills_one_slot() {
    let it = slots_item();
    let (a, cursor) = it.edit(None, 0, Edit::Choose(1));
    assert_eq!((a.clone(), cursor), (Some(Answer::Slots(vec![Some(1), None])), 1));
    assert_eq!(
        it.progress(a.as_ref()),
        Progress {
            earned: 1,
            given: 1,
            responses: 2
        }
    );
    // Putting "0" in slot 2 takes it out of slot 1.
    let (moved, _) = it.edit(a.as_ref(), 1, Edit::Choose(1));
    assert_eq!(moved, Some(Answer::Slots(vec![None, Some(1)])));
    let (full, _) = it.edit(a.as_ref(), 1, Edit::Choose(0));
    assert!(it.is_correct(full.as_ref()));
    let (half, _) = it.edit(full.as_ref(), 1, Edit::Choose(2));
    assert_eq!(it.credit(half.as_ref()), 0.5);
    let (cleared, _) = it.edit(half.as_ref(), 1, Edit::Clear);
    assert!(!it.is_complete(cleared.as_ref()));
    // Choosing the entry a slot holds empties it; out-of-range entries change nothing.
    let (toggled, _) = it.edit(a.as_ref(), 0, Edit::Choose(1));
    assert_eq!(toggled, None);
    assert_eq!(it.edit(a.as_ref(), 0, Edit::Choose(7)).0, a);
}

#[test]
fn order_moves_the_highlighted_line_and_scores_positions() {
    let it = order_item();
    assert_eq!(order::arrangement(&it, None), [2, 0, 1]);
    assert_eq!(
        it.progress(None).given,
        0,
        "the first arrangement is not an answer"
    );
    // c a b -> move c down: a c b (a right) -> move c down again: a b c.
    let (a, cursor) = it.edit(None, 0, Edit::Move(1));
    assert_eq!((a.clone(), cursor), (Some(Answer::Order(vec![0, 2, 1])), 1));
    assert_eq!(
        it.progress(a.as_ref()),
        Progress {
            earned: 1,
            given: 3,
            responses: 3
        }
    );
    assert!(it.is_complete(a.as_ref()));
    let (b, cursor) = it.edit(a.as_ref(), 1, Edit::Move(1));
    assert_eq!(cursor, 2);
    assert!(it.is_correct(b.as_ref()));
    // At the edge nothing moves.
    assert_eq!(it.edit(b.as_ref(), 2, Edit::Move(1)), (b.clone(), 2));
    assert_eq!(it.edit(None, 0, Edit::Move(-1)), (None, 0));
}

#[test]
fn duplicate_lines_are_interchangeable() {
    let it = Item {
        lines: vec!["x".into(), "x".into(), "y".into()],
        start: vec![2, 0, 1],
        ..order_item()
    };
    assert!(it.is_correct(Some(&Answer::Order(vec![1, 0, 2]))));
}

#[test]
fn shuffled_lines_never_read_as_the_key() {
    use rand::SeedableRng;
    let lines: Vec<String> = ["a", "a", "b"].iter().map(|s| s.to_string()).collect();
    for seed in 0..200 {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let order = order::shuffled(&lines, &mut rng);
        let text: Vec<&str> = order.iter().map(|&i| lines[i].as_str()).collect();
        assert_ne!(text, ["a", "a", "b"], "seed {seed}");
    }
}

#[test]
fn answers_describe_their_kind_when_saved() {
    let answers = [
        Answer::Gap(vec!["**".into()]),
        Answer::Slots(vec![Some(1), None]),
        Answer::Order(vec![2, 0, 1]),
    ];
    let json = serde_json::to_string(&answers).unwrap();
    assert_eq!(json, r#"[{"gap":["**"]},{"slots":[1,null]},{"order":[2,0,1]}]"#);
    let back: Vec<Answer> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, answers);
}

#[test]
fn answers_that_do_not_fit_their_item_are_refused() {
    assert!(order_item().fits(&Answer::Order(vec![2, 0, 1])));
    assert!(!order_item().fits(&Answer::Order(vec![0, 0, 1])));
    assert!(!order_item().fits(&Answer::Gap(vec![])));
    assert!(slots_item().fits(&Answer::Slots(vec![Some(2), None])));
    assert!(!slots_item().fits(&Answer::Slots(vec![Some(3), None])));
    assert!(gap_item().fits(&Answer::Gap(vec!["a".into(), String::new()])));
    assert!(!gap_item().fits(&Answer::Gap(vec!["a".into()])));
}

pub fn tokens_item() -> Item {
    Item {
        kind: Kind::Tokens,
        options: Vec::new(),
        code: Some("___1___\n    print(i)".into()),
        tiles: vec![
            "for".into(),
            "i".into(),
            "in".into(),
            "range(3)".into(),
            ":".into(),
        ],
        decoys: vec![PoolEntry {
            text: "range(4)".into(),
            why: Some("Four passes.".into()),
        }],
        start: vec![5, 0, 1, 2, 3, 4],
        ..item("t", "s", &[], 0)
    }
}

pub fn match_item() -> Item {
    let card = |t: &str, b: &str| crate::bank::Card {
        text: t.into(),
        bin: b.into(),
        why: None,
    };
    Item {
        kind: Kind::Match,
        options: Vec::new(),
        bins: vec!["int".into(), "float".into(), "str".into()],
        cards: vec![
            card("1", "int"),
            card("1.5", "float"),
            card("'a'", "str"),
            card("0x1", "int"),
        ],
        ..item("m", "s", &[], 0)
    }
}

#[test]
fn tokens_score_line_positions_and_a_decoy_costs_its_place() {
    let it = tokens_item();
    assert_eq!(it.responses(), 5);
    assert_eq!(it.targets(), 6, "decoys are moved too");
    assert_eq!(tokens::line(&it, None), "range(4) for i in range(3)");
    assert_eq!(
        it.progress(None).given,
        0,
        "the first arrangement is not an answer"
    );
    // Move the decoy from the front to the end: the key line, every position right.
    let (a, cursor) = it.edit(None, 0, Edit::Place { from: 0, to: 5 });
    assert_eq!(cursor, 5);
    assert_eq!(a, Some(Answer::Tokens(vec![0, 1, 2, 3, 4, 5])));
    assert!(it.is_correct(a.as_ref()));
    assert_eq!(tokens::line(&it, a.as_ref()), "for i in range(3):");
    // The decoy in place of range(3): 4 of 5.
    let (b, _) = it.edit(a.as_ref(), 3, Edit::Move(2));
    assert_eq!(b, Some(Answer::Tokens(vec![0, 1, 2, 5, 4, 3])));
    let p = it.progress(b.as_ref());
    assert_eq!((p.earned, p.given, p.responses), (4, 5, 5));
    // At the edge nothing moves; choosing does nothing on a tokens item.
    assert_eq!(it.edit(a.as_ref(), 5, Edit::Move(1)), (a.clone(), 5));
    assert_eq!(it.edit(a.as_ref(), 0, Edit::Choose(1)), (a.clone(), 0));
}

#[test]
fn shuffled_tiles_never_read_as_the_key() {
    use rand::SeedableRng;
    let it = tokens_item();
    for seed in 0..200 {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let start = tokens::shuffled(&it.tiles, &it.decoys, &mut rng);
        let shown = Item {
            start,
            ..tokens_item()
        };
        assert!(
            !shown.is_correct(Some(&Answer::Tokens(shown.start.clone()))),
            "seed {seed}"
        );
    }
}

#[test]
fn match_scores_per_card_and_moves_on() {
    let it = match_item();
    assert_eq!(it.responses(), 4);
    let (a, cursor) = it.edit(None, 0, Edit::Choose(0));
    assert_eq!(
        (a.clone(), cursor),
        (Some(Answer::Match(vec![Some(0), None, None, None])), 1)
    );
    let (a, _) = it.edit(a.as_ref(), 1, Edit::Choose(2));
    let (a, _) = it.edit(a.as_ref(), 2, Edit::Choose(2));
    let p = it.progress(a.as_ref());
    assert_eq!((p.earned, p.given, p.responses), (2, 3, 4));
    assert!(!it.is_complete(a.as_ref()));
    let (a, cursor) = it.edit(a.as_ref(), 3, Edit::Choose(0));
    assert_eq!(cursor, 3, "the last card keeps the cursor");
    assert!(it.is_complete(a.as_ref()));
    assert_eq!(it.credit(a.as_ref()), 0.75);
    // Choosing a card's bin again takes it out; so does Clear; bins past the last do nothing.
    let (b, _) = it.edit(a.as_ref(), 3, Edit::Choose(0));
    assert_eq!(it.progress(b.as_ref()).given, 3);
    let (c, _) = it.edit(a.as_ref(), 0, Edit::Clear);
    assert_eq!(it.progress(c.as_ref()).given, 3);
    assert_eq!(it.edit(a.as_ref(), 0, Edit::Choose(3)).0, a);
    let (only, _) = it.edit(None, 0, Edit::Choose(0));
    assert_eq!(
        it.edit(only.as_ref(), 0, Edit::Clear).0,
        None,
        "nothing left is no answer"
    );
}

#[test]
fn new_kinds_answers_are_tagged_and_checked_against_their_item() {
    let answers = [Answer::Tokens(vec![1, 0]), Answer::Match(vec![Some(1), None])];
    let json = serde_json::to_string(&answers).unwrap();
    assert_eq!(json, r#"[{"tokens":[1,0]},{"match":[1,null]}]"#);
    assert_eq!(serde_json::from_str::<Vec<Answer>>(&json).unwrap(), answers);
    assert!(tokens_item().fits(&Answer::Tokens(vec![5, 4, 3, 2, 1, 0])));
    assert!(!tokens_item().fits(&Answer::Tokens(vec![0, 1, 2, 3, 4])));
    assert!(match_item().fits(&Answer::Match(vec![Some(2), None, None, Some(0)])));
    assert!(!match_item().fits(&Answer::Match(vec![Some(3), None, None, None])));
    assert!(!match_item().fits(&Answer::Slots(vec![None; 4])));
}
