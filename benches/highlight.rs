//! Python highlighting of the banks' code blocks: cold (`highlight::highlight`, no cache) and
//! cached (`highlight::lines`, what a redraw pays), plus the one-off cost of building the
//! tree-sitter configuration that the first highlighted frame pays.
//!
//! `cargo bench --bench highlight`

use divan::Bencher;
use pyexam::bank::{self, BankSource};
use pyexam::tui::highlight;

fn main() {
    divan::main();
}

/// Which shipped code block: the median one by length, or the longest.
const BLOCKS: &[&str] = &["median", "longest"];

fn code_blocks() -> Vec<String> {
    let banks = bank::load(&BankSource::Embedded).banks;
    let mut blocks: Vec<String> = banks
        .questions
        .iter()
        .filter_map(|q| q.code.clone())
        .map(|c| c.trim_end_matches('\n').to_string())
        .collect();
    blocks.sort_by_key(|c| c.len());
    blocks
}

fn block(which: &str) -> String {
    let blocks = code_blocks();
    match which {
        "median" => blocks[blocks.len() / 2].clone(),
        _ => blocks.last().unwrap().clone(),
    }
}

#[divan::bench(args = BLOCKS)]
fn cold(bencher: Bencher, which: &str) {
    let code = block(which);
    highlight::highlight(&code); // build the configuration outside the measurement
    bencher.bench(|| highlight::highlight(divan::black_box(&code)));
}

#[divan::bench(args = BLOCKS)]
fn cached(bencher: Bencher, which: &str) {
    let code = block(which);
    highlight::lines(&code);
    bencher.bench(|| highlight::lines(divan::black_box(&code)));
}

/// Every code block of every bank once, cold: what highlighting all items up front would cost.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn cold_all_blocks(bencher: Bencher) {
    let blocks = code_blocks();
    highlight::highlight(&blocks[0]);
    bencher.bench(|| {
        blocks
            .iter()
            .map(|c| highlight::highlight(c).len())
            .sum::<usize>()
    });
}

/// The configuration `highlight` builds once per process (in a `OnceLock`): compiling
/// tree-sitter-python's highlight query. The first frame with code pays this.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn config_build() -> tree_sitter_highlight::HighlightConfiguration {
    let mut config = tree_sitter_highlight::HighlightConfiguration::new(
        tree_sitter_python::LANGUAGE.into(),
        "python",
        tree_sitter_python::HIGHLIGHTS_QUERY,
        "",
        "",
    )
    .unwrap();
    config.configure(highlight::CAPTURES);
    config
}
