//! The coverage maps in docs/syllabus/ are generated from exams.yaml and the items' `objective:`
//! (one source of truth): this test fails when a map is stale and names the command that
//! rewrites them.

use std::path::Path;

use pyexam::bank::{self, BankSource, coverage};

#[test]
fn coverage_maps_are_generated_from_the_banks() {
    let banks = bank::load(&BankSource::Embedded).banks;
    let write = std::env::var_os("PYEXAM_WRITE_SYLLABUS").is_some();
    let mut stale = Vec::new();
    for spec in &banks.exams {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/syllabus/{}.md", spec.id));
        let want = coverage::markdown(spec, &banks);
        if write {
            std::fs::write(&path, &want).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale coverage maps: {stale:?}; refresh them with `{}`",
        coverage::REFRESH
    );
}

#[test]
fn a_map_names_every_item_under_its_objective() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/objectives");
    let banks = bank::load(&BankSource::Dir(dir)).banks;
    let map = coverage::markdown(banks.exam("mini").unwrap(), &banks);
    assert!(map.starts_with("# MINI-01 syllabus coverage\n"));
    assert!(map.contains("\n## loops: Loops\n\n6 items (3 drawn per mock, 60%).\n"));
    assert!(map.contains(
        "- **L.2** Control loops with while and break (3): mini-loops-004, mini-loops-005, mini-loops-006\n"
    ));
    assert!(map.contains("\n## extra: Extra Practice\n\n3 items (drill only).\n"));
    for q in &banks.questions {
        assert_eq!(map.matches(q.id.as_str()).count(), 1, "{} named once", q.id);
    }
}
