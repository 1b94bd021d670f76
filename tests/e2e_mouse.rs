//! The mouse in a real terminal: SGR mouse sequences (`ESC[<0;col;rowM` press, `…m` release,
//! 64/65 the wheel) sent to the real binary in a pseudo-terminal, at 100x30, 80x24 and 60x18.

mod pty;

use pty::Pty;

/// A left click at the 0-based cell (`col`, `row`).
fn click(p: &mut Pty, col: usize, row: usize) {
    p.keys(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    ));
}

/// Where `needle` starts on screen: (column, row), 0-based.
fn find(screen: &str, needle: &str) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .find_map(|(y, l)| l.find(needle).map(|b| (l[..b].chars().count(), y)))
        .unwrap_or_else(|| panic!("{needle:?} is not on screen:\n{screen}"))
}

/// From item 1, step with → to the first item whose option B is on screen (the draw may open
/// with an order, slots or gap item, or a choice item too long for the screen), and return it.
fn first_choice_item(p: &mut Pty) -> String {
    for n in 1..=30 {
        let screen = p.wait_for(&format!("Item {n}/30"));
        if screen.contains("( ) B") {
            return screen;
        }
        p.keys(pty::RIGHT);
    }
    panic!("no item of the mock shows option B");
}

#[test]
fn clicks_choose_options_press_footer_keys_and_jump_from_the_navigator() {
    for (cols, rows) in [(100, 30), (80, 24), (60, 18)] {
        let home = tempfile::tempdir().unwrap();
        // Seed 14 draws single-choice items first (a new item in the bank can change that).
        let mut p = Pty::spawn(&["exam", "pcep", "--seed", "14"], home.path(), cols, rows);
        p.start();
        let screen = first_choice_item(&mut p);
        // A click on option B chooses it.
        let (x, y) = find(&screen, "( ) B");
        click(&mut p, x + 6, y);
        p.wait_for("(•) B");
        // The footer's f flags the item (where the footer shows it).
        let screen = p.screen();
        let footer = screen.lines().last().unwrap().to_string();
        if let Some(b) = footer.find("f flag") {
            click(&mut p, footer[..b].chars().count() + 2, rows as usize - 1);
            p.wait_for("⚑");
        }
        // The navigator (g), then a click on item 5's cell jumps there.
        p.keys("g");
        let screen = p.wait_for("Items");
        let (x, y) = find(&screen, "  5·");
        click(&mut p, x + 2, y);
        p.wait_for("Item 5/30");
        // The wheel scrolls without moving off the item.
        p.keys("\x1b[<65;5;5M");
        p.wait_for("Item 5/30");
        p.keys("q");
        p.keys("y");
        p.wait_exit();
    }
}

#[test]
fn no_mouse_leaves_clicks_to_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(
        &["exam", "pcep", "--seed", "14", "--no-mouse"],
        home.path(),
        100,
        30,
    );
    p.start();
    let screen = first_choice_item(&mut p);
    let (x, y) = find(&screen, "( ) B");
    click(&mut p, x + 6, y);
    // A key afterwards (handled after the click) shows the click did nothing.
    p.keys("f");
    let screen = p.wait_for("⚑");
    assert!(screen.contains("( ) B") && !screen.contains("(•)"), "{screen}");
    p.keys("q");
    p.keys("y");
    p.wait_exit();
}

#[test]
fn dragging_order_line_1_onto_line_3_moves_it_there() {
    for (cols, rows) in [(80, 24), (60, 18)] {
        drag_line_1_onto_line_3(cols, rows);
    }
}

fn drag_line_1_onto_line_3(cols: u16, rows: u16) {
    let (_home, mut p, screen) = kinds_item("Arrange the lines", cols, rows);
    let line_text = |s: &str, n: usize| -> (usize, String) {
        s.lines()
            .enumerate()
            .find_map(|(y, l)| {
                let (num, text) = l.split_once(" │ ")?;
                (num.trim().trim_start_matches('›').trim() == n.to_string())
                    .then(|| (y, text.trim().to_string()))
            })
            .unwrap_or_else(|| panic!("no order line {n}:\n{s}"))
    };
    let (row1, first) = line_text(&screen, 1);
    let (row3, _) = line_text(&screen, 3);
    // Press on line 1, move, release on line 3.
    p.keys(&format!(
        "\x1b[<0;10;{}M\x1b[<32;10;{}M\x1b[<0;10;{}m",
        row1 + 1,
        row3 + 1,
        row3 + 1
    ));
    let after = p.wait_until(|s| line_text(s, 3).1 == first, "line 1 dropped at place 3");
    assert_ne!(line_text(&after, 1).1, first, "{after}");
    p.keys("q");
    p.keys("y");
    p.wait_exit();
}

/// The kinds fixture's mock at `cols`x`rows`, moved on to the first item showing `marker`.
fn kinds_item(marker: &str, cols: u16, rows: u16) -> (tempfile::TempDir, Pty, String) {
    let home = tempfile::tempdir().unwrap();
    let banks = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/kinds");
    let mut p = Pty::spawn(
        &[
            "--banks",
            banks.to_str().unwrap(),
            "exam",
            "mini",
            "--seed",
            "1",
            "--stretch",
        ],
        home.path(),
        cols,
        rows,
    );
    p.start();
    let mut screen = p.wait_for("Item 1/6");
    for i in 2..=6 {
        if screen.contains(marker) {
            break;
        }
        p.keys("n");
        screen = p.wait_for(&format!("Item {i}/6"));
    }
    assert!(screen.contains(marker), "{screen}");
    (home, p, screen)
}

#[test]
fn clicks_and_drops_fill_slots_and_a_click_on_a_gap_types_into_it() {
    for (cols, rows) in [(80, 24), (60, 18)] {
        slots_and_gap(cols, rows);
    }
}

fn slots_and_gap(cols: u16, rows: u16) {
    let (_home, mut p, screen) = kinds_item("pool (each entry fills one slot)", cols, rows);
    // Drag pool entry A onto slot 2.
    let (ax, ay) = find(&screen, "  A ");
    let (sx, sy) = find(&screen, "2 [");
    p.keys(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        ax + 3,
        ay + 1,
        sx + 3,
        sy + 1
    ));
    let screen = p.wait_until(|s| s.contains("✓ in slot 2"), "entry A in slot 2");
    // A click on slot 1, then a click on entry B: B goes into slot 1.
    let (sx, sy) = find(&screen, "1 [");
    click(&mut p, sx + 1, sy);
    let (bx, by) = find(&screen, "  B ");
    click(&mut p, bx + 2, by);
    p.wait_until(|s| s.contains("✓ in slot 1"), "entry B in slot 1");
    p.keys("q");
    p.keys("y");
    p.wait_exit();

    let (_home, mut p, screen) = kinds_item("Type the missing text", cols, rows);
    let (gx, gy) = find(&screen, "gap 1");
    click(&mut p, gx + 1, gy);
    p.wait_for("letters are text");
    p.keys("x");
    p.keys("\x1b");
    p.wait_until(|s| !s.contains("letters are text"), "typing ended");
    p.keys("q");
    p.keys("y");
    p.wait_exit();
}

#[test]
fn the_dialogs_key_hints_are_buttons() {
    for (cols, rows) in [(80, 24), (60, 18)] {
        let home = tempfile::tempdir().unwrap();
        let mut p = Pty::spawn(&["exam", "pcep", "--seed", "3"], home.path(), cols, rows);
        p.start();
        p.wait_for("Item 1/30");
        // The submit dialog's Esc/n goes back to the exam, as the key does.
        p.keys("s");
        let screen = p.wait_for("Submit the exam?");
        let (x, y) = find(&screen, "Esc/n");
        click(&mut p, x + 1, y);
        p.wait_until(|s| !s.contains("Submit the exam?"), "the submit dialog closed");
        // The quit dialog's Enter/y saves and quits, as the key does.
        p.keys("q");
        let screen = p.wait_for("Save and quit?");
        let (x, y) = find(&screen, "Enter/y");
        click(&mut p, x + 2, y);
        p.wait_exit();
    }
}
