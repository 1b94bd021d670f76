//! The interactive kinds' keys proven by CPython: the completed program (key inserted; for a
//! gap, every accepted answer) prints `expect`, and an order item has no second order one
//! adjacent swap away. Each broken key fails naming the item.

use std::path::Path;

use pyexam::bank::{self, BankSource};

#[path = "common/broken.rs"]
mod broken;

use broken::check_verify;

/// A copy of the kinds fixture with `from` replaced by `to` in `file` (under mini/).
fn broken(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    broken::broken_copy("kinds", "mini", file, from, to)
}

/// `check --verify` on a broken copy fails, and some line of its report holds `needle`.
fn verify_fails(dir: tempfile::TempDir, needle: &str) {
    let (code, out) = check_verify(dir.path());
    assert_eq!(code, 1, "should fail:\n{out}");
    assert!(
        out.lines().any(|l| l.contains(needle)),
        "wanted {needle:?} in:\n{out}"
    );
}

fn fails_with(file: &str, from: &str, to: &str, needle: &str) {
    verify_fails(broken(file, from, to), needle);
}

#[test]
fn the_kinds_fixture_verifies() {
    let dir = broken("basics.yaml", "", "");
    assert_eq!(check_verify(dir.path()), (0, String::new()));
}

#[test]
fn a_wrong_slot_key_fails_naming_the_item() {
    fails_with(
        "basics.yaml",
        "slots: [\"0\", \"+=\"]",
        "slots: [\"1\", \"+=\"]",
        "error: question 'mini-basics-004' (verify: output): the completed code printed \"7\" but expect says \"6\"",
    );
}

#[test]
fn every_accepted_gap_answer_must_print_expect() {
    // "*" is accepted too now: 2 * 3 prints 6, not 8.
    fails_with(
        "basics.yaml",
        "accept: [\"**\"]",
        "accept: [\"**\", \"*\"]",
        "error: question 'mini-basics-003' (verify: output): the completed code with accepted answer set 2 printed \"6\" but expect says \"8\"",
    );
}

#[test]
fn a_wrong_order_key_fails() {
    fails_with(
        "basics.yaml",
        "      - \"x = x + 2\"\n      - \"print(x)\"",
        "      - \"print(x)\"\n      - \"x = x + 2\"",
        "error: question 'mini-basics-005' (verify: output): the completed code printed \"1\" but expect says \"3\"",
    );
}

#[test]
fn an_order_with_a_second_arrangement_one_swap_away_is_broken() {
    // a = 1 and b = 2 can be swapped and the program still prints 3.
    fails_with(
        "basics.yaml",
        "      - \"x = 1\"\n      - \"x = x + 2\"\n      - \"print(x)\"",
        "      - \"a = 1\"\n      - \"b = 2\"\n      - \"print(a + b)\"",
        "error: question 'mini-basics-005' (verify: output): swapping lines 1 and 2 also prints \"3\": the order is not unique",
    );
}

#[test]
fn a_crashing_completion_reports_the_error() {
    fails_with(
        "loops.yaml",
        "      - [\"range\"]",
        "      - [\"rang\"]",
        "error: question 'mini-loops-003' (verify: output): expected normal exit but Python stopped with: NameError: name 'rang' is not defined",
    );
}

#[test]
fn completed_code_puts_the_key_in_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/kinds");
    let banks = bank::load(&BankSource::Dir(dir)).banks;
    let code = |id: &str| banks.question(id).unwrap().completed_code().unwrap();
    assert_eq!(code("mini-basics-003"), "print(2 ** 3)\n");
    assert!(
        code("mini-basics-004").contains("    result = 0\n")
            && code("mini-basics-004").contains("result += v")
    );
    assert_eq!(code("mini-basics-005"), "x = 1\nx = x + 2\nprint(x)\n");
    assert_eq!(code("mini-loops-003").lines().next(), Some("for i in range(3):"));
    // The second accepted answer of gap 2 (" 3 ", trimmed) makes the second program.
    assert_eq!(banks.question("mini-loops-003").unwrap().completions().len(), 2);
}

/// `files:` items (tests/fixtures/banks/files): the verifier writes each file beside main.py,
/// so a file's text is part of what the key is proven against.
fn files_fail_with(from: &str, to: &str, needle: &str) {
    verify_fails(
        broken::broken_copy("files", "modfiles", "imports.yaml", from, to),
        needle,
    );
}

#[test]
fn the_files_fixture_verifies_with_its_files_beside_main() {
    let dir = broken::broken_copy("files", "modfiles", "imports.yaml", "", "");
    assert_eq!(check_verify(dir.path()), (0, String::new()));
}

#[test]
fn a_key_that_a_changed_file_makes_wrong_fails() {
    files_fail_with(
        "return x * 2",
        "return x * 3",
        "error: question 'modfiles-imports-001' (verify: output): the key says \"init pkg\\n42 pkg\" but Python printed \"init pkg\\n63 pkg\"",
    );
    files_fail_with(
        "SEVEN = 7",
        "SEVEN = 8",
        "error: question 'modfiles-imports-002' (verify: output): the completed code with accepted answer set 1 printed \"8\" but expect says \"7\"",
    );
    files_fail_with(
        "level = 3",
        "level = 4",
        "error: question 'modfiles-imports-003' (verify: truthy): options that are truthy: none; keyed: 1",
    );
}

#[test]
fn a_wrong_key_fails_with_files() {
    // The key moved to an option Python does not print.
    files_fail_with(
        "          42 pkg\n        correct: true\n      - text: 42 pkg\n",
        "          42 pkg\n      - text: 42 pkg\n        correct: true\n",
        "error: question 'modfiles-imports-001' (verify: output): the key says \"42 pkg\" but Python printed \"init pkg\\n42 pkg\"",
    );
    // Without pkg/__init__.py, pkg is a namespace package with no NAME: the files are what the
    // program imports.
    files_fail_with(
        "      - name: pkg/__init__.py",
        "      - name: other/__init__.py",
        "error: question 'modfiles-imports-001' (verify: output): expected normal exit but Python stopped with: AttributeError: module 'pkg' has no attribute 'NAME'",
    );
}

/// A copy of the formats fixture (tokens, match, concept sort) with `from` replaced by `to`.
fn formats_fails_with(from: &str, to: &str, needle: &str) {
    verify_fails(
        broken::broken_copy("formats", "fmt", "one.yaml", from, to),
        needle,
    );
}

#[test]
fn the_formats_fixture_verifies() {
    let dir = broken::broken_copy("formats", "fmt", "one.yaml", "", "");
    assert_eq!(check_verify(dir.path()), (0, String::new()));
}

#[test]
fn a_tokens_line_runs_in_its_program() {
    formats_fails_with(
        "tiles: [\"for\", \"i\", \"in\", \"range(5, 2, -1)\", \":\"]",
        "tiles: [\"for\", \"i\", \"in\", \"range(5, 1, -1)\", \":\"]",
        "error: question 'fmt-one-001' (verify: output): the completed code printed \"5 4 3 2\" but expect says \"5 4 3\"",
    );
}

#[test]
fn a_decoy_that_also_works_is_refused() {
    formats_fails_with(
        "text: \"range(5, 3, -1)\"",
        "text: \"range(5, 2, -1) \"",
        "the decoy \"range(5, 2, -1) \" in place of tile 4 also prints \"5 4 3\"",
    );
}

#[test]
fn a_tokens_line_with_swappable_tiles_is_refused() {
    // `- + 1` and `+ - 1` are both -1.
    formats_fails_with(
        "tiles: [\"for\", \"i\", \"in\", \"range(5, 2, -1)\", \":\"]",
        "tiles: [\"for\", \"i\", \"in\", \"range(5, 2,\", \"-\", \"+\", \"1)\", \":\"]",
        "error: question 'fmt-one-001' (verify: output): swapping tiles 5 and 6 also prints \"5 4 3\": the line is not unique",
    );
}

#[test]
fn a_match_rule_proves_every_card() {
    formats_fails_with(
        "{ text: \"0o7\", bin: int, why: \"0o starts an octal int.\" }",
        "{ text: \"0o7\", bin: float, why: \"0o starts an octal int.\" }",
        "error: question 'fmt-one-002' (verify: match): the rule puts card \"0o7\" in \"int\" but the key says \"float\"",
    );
    formats_fails_with(
        "{ text: \"7\", bin: int }",
        "{ text: \"seven\", bin: int }",
        "the rule for card \"seven\" raised NameError",
    );
}
