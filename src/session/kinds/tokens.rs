//! Tokens (arrange tiles into one line of code): the candidate arranges every tile, decoys
//! included, in one row; the first `tiles.len()` positions make the line, the rest are left
//! unused. Each line position holding the key's tile (by text) earns 1/R, R the key's tiles, so
//! a decoy in the line costs the position it takes and every key tile it pushes out of place.
//! Moving works as on an order item: pick and place, or a swap with a neighbour.

use rand::Rng;
use rand::seq::SliceRandom;

use super::Edit;
use super::order::placed;
use crate::bank::PoolEntry;
use crate::session::item::{Answer, Item};

/// The text of tile `i` of the arrangement: a key tile, or a decoy past them.
pub fn text(item: &Item, i: usize) -> &str {
    match item.tiles.get(i) {
        Some(t) => t,
        None => item
            .decoys
            .get(i - item.tiles.len())
            .map_or("", |d| d.text.as_str()),
    }
}

/// How many tiles there are to arrange, decoys included.
pub fn count(item: &Item) -> usize {
    item.tiles.len() + item.decoys.len()
}

pub fn progress(item: &Item, answer: &Answer) -> (usize, usize) {
    let Answer::Tokens(arrangement) = answer else {
        return (0, 0);
    };
    let earned = arrangement
        .iter()
        .take(item.tiles.len())
        .enumerate()
        .filter(|(pos, tile)| text(item, **tile) == item.tiles[*pos])
        .count();
    (earned, item.tiles.len())
}

/// The tiles as they stand: the candidate's arrangement, else the shuffled one first shown.
pub fn arrangement(item: &Item, answer: Option<&Answer>) -> Vec<usize> {
    let n = count(item);
    match answer {
        Some(Answer::Tokens(a)) if a.len() == n => a.clone(),
        _ if item.start.len() == n => item.start.clone(),
        _ => (0..n).collect(),
    }
}

/// The line as arranged: the first `tiles.len()` tiles joined by one space.
pub fn line(item: &Item, answer: Option<&Answer>) -> String {
    let tiles = arrangement(item, answer);
    crate::bank::model::tiles_line(tiles.iter().take(item.tiles.len()).map(|&t| text(item, t)))
}

pub fn edit(item: &Item, current: Option<&Answer>, cursor: usize, edit: Edit) -> (Option<Answer>, usize) {
    let mut tiles = arrangement(item, current);
    match edit {
        Edit::Place { from, to } if from < tiles.len() && to < tiles.len() => {
            (Some(Answer::Tokens(placed(&tiles, from, to))), to)
        }
        Edit::Move(delta) => {
            let target = cursor as isize + delta;
            if cursor >= tiles.len() || target < 0 || target as usize >= tiles.len() {
                return (current.cloned(), cursor);
            }
            tiles.swap(cursor, target as usize);
            (Some(Answer::Tokens(tiles)), target as usize)
        }
        _ => (current.cloned(), cursor),
    }
}

/// A shuffled arrangement of tiles and decoys whose line never reads as the key (validation
/// ensures the tiles are not all the same, so one exists).
pub fn shuffled(tiles: &[String], decoys: &[PoolEntry], rng: &mut impl Rng) -> Vec<usize> {
    let n = tiles.len() + decoys.len();
    let text = |i: usize| {
        tiles
            .get(i)
            .map_or_else(|| decoys[i - tiles.len()].text.as_str(), String::as_str)
    };
    let reads_as_key = |o: &[usize]| {
        o.iter()
            .take(tiles.len())
            .enumerate()
            .all(|(pos, &t)| text(t) == tiles[pos])
    };
    let mut order: Vec<usize> = (0..n).collect();
    for _ in 0..8 {
        order.shuffle(rng);
        if !reads_as_key(&order) {
            return order;
        }
    }
    order = (0..n).collect();
    order.rotate_left(1);
    order
}
