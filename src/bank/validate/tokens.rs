//! Rules for tokens items (arrange tiles into one line of code): 4 to 9 tiles in key order, a
//! few decoys that differ from every tile, and at most one marker line in the code.

use crate::bank::marker;
use crate::bank::model::PoolEntry;
use crate::bank::schema::RawPoolEntry;

/// The official items arrange 4 to 9 tiles.
pub const MIN_TILES: usize = 4;
pub const MAX_TILES: usize = 9;
/// Decoys beside the tiles: enough to tempt, few enough to fit a screen.
pub const MAX_DECOYS: usize = 3;

pub fn check(
    tiles: Vec<String>,
    raw_decoys: Vec<RawPoolEntry>,
    code: Option<&str>,
    id: &str,
    problem: &mut impl FnMut(String),
) -> (Vec<String>, Vec<PoolEntry>) {
    let decoys: Vec<PoolEntry> = raw_decoys.into_iter().map(PoolEntry::from).collect();
    if !(MIN_TILES..=MAX_TILES).contains(&tiles.len()) {
        problem(format!(
            "question '{id}' (kind: tokens) has {} tiles; a line is made of {MIN_TILES} to {MAX_TILES}",
            tiles.len()
        ));
    } else if tiles.iter().all(|t| *t == tiles[0]) {
        problem(format!(
            "question '{id}' has only identical tiles: no arrangement could be wrong"
        ));
    }
    if decoys.len() > MAX_DECOYS {
        problem(format!(
            "question '{id}' has {} decoys; at most {MAX_DECOYS}",
            decoys.len()
        ));
    }
    for (i, tile) in tiles.iter().enumerate() {
        if tile.trim().is_empty() || tile.contains('\n') {
            problem(format!("question '{id}' tile {} is empty or spans lines", i + 1));
        }
    }
    for (i, decoy) in decoys.iter().enumerate() {
        if decoy.text.trim().is_empty() || decoy.text.contains('\n') {
            problem(format!("question '{id}' decoy {} is empty or spans lines", i + 1));
        } else if tiles.contains(&decoy.text) {
            problem(format!(
                "question '{id}' has the decoy '{}', which is also a tile of the line",
                decoy.text
            ));
        } else if decoys[..i].iter().any(|d| d.text == decoy.text) {
            problem(format!("question '{id}' has the decoy '{}' twice", decoy.text));
        }
    }
    if let Some(code) = code {
        let found = marker::find(code);
        let on_own_line = |start: usize, end: usize| {
            let before = code[..start].rsplit('\n').next().unwrap_or("");
            let after = code[end..].split('\n').next().unwrap_or("");
            before.trim().is_empty() && after.trim().is_empty()
        };
        match found.as_slice() {
            [m] if m.number == 1 && on_own_line(m.start, m.end) => {}
            _ => problem(format!(
                "question '{id}' (kind: tokens) has code, which needs exactly one marker ___1___ on a line of its own, where the line goes"
            )),
        }
    }
    (tiles, decoys)
}
