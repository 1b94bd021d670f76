//! The coverage maps in docs/syllabus/ stay true: every id they name exists, and every item of
//! the exam is named under some objective.

use std::collections::BTreeSet;
use std::path::Path;

use pyexam::bank::{self, BankSource};

#[test]
fn coverage_maps_name_exactly_the_bank_items() {
    let banks = bank::load(&BankSource::Embedded).banks;
    for exam in banks.exam_ids() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/syllabus/{exam}.md"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let prefix = format!("{exam}-");
        let named: BTreeSet<String> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|w| {
                w.starts_with(&prefix)
                    && w.rsplit('-')
                        .next()
                        .is_some_and(|n| n.len() == 3 && n.chars().all(|c| c.is_ascii_digit()))
            })
            .map(str::to_string)
            .collect();
        let items: BTreeSet<String> = banks
            .questions
            .iter()
            .filter(|q| q.exam == exam)
            .map(|q| q.id.clone())
            .collect();
        let unknown: Vec<_> = named.difference(&items).collect();
        let unmapped: Vec<_> = items.difference(&named).collect();
        assert!(
            unknown.is_empty(),
            "{}: names ids no bank has: {unknown:?}",
            path.display()
        );
        assert!(
            unmapped.is_empty(),
            "{}: items under no objective: {unmapped:?}",
            path.display()
        );
    }
}
