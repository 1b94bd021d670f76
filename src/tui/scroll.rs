//! One scroll model for every long view (results, review, the exam's and drill's item stem):
//! moves start from the line on screen, never from an offset typed while everything fitted;
//! Home and End jump; a resize clamps; and the view marks text above (▲) as well as below.

use std::cell::Cell;

/// Where a long view is scrolled to. The view records what it drew (`drawn`), so the next
/// move starts from there.
#[derive(Debug, Clone, Default)]
pub struct Scroll {
    /// The first line asked for; the view clamps it to the text when it draws.
    wanted: u16,
    /// The first line the last frame showed, and the furthest it could have shown.
    shown: Cell<u16>,
    max: Cell<u16>,
}

impl Scroll {
    /// The first line to draw (before clamping to the text).
    pub fn wanted(&self) -> u16 {
        self.wanted
    }

    /// The first line the last frame showed.
    pub fn shown(&self) -> u16 {
        self.shown.get()
    }

    /// Move by `lines` (negative: up) from the line on screen, within the text as last drawn.
    pub fn by(&mut self, lines: i32) {
        let from = i32::from(self.shown.get());
        let to = (from + lines).clamp(0, i32::from(self.max.get()));
        self.wanted = to as u16;
        self.shown.set(self.wanted);
    }

    pub fn home(&mut self) {
        self.wanted = 0;
        self.shown.set(0);
    }

    /// To the end (clamped when drawn: the end of the text at the size it is drawn).
    pub fn end(&mut self) {
        self.wanted = u16::MAX;
    }

    /// What the view drew: its first line and the furthest first line the text allows.
    pub fn drawn(&self, top: u16, max: u16) {
        self.shown.set(top);
        self.max.set(max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_start_from_the_line_on_screen_and_stay_in_the_text() {
        let mut s = Scroll::default();
        // Everything fitted: ↓ and PgDn cannot build up an offset that hides the top later.
        s.drawn(0, 0);
        s.by(1);
        s.by(20);
        assert_eq!(s.wanted(), 0);
        // A long text at a small size: down, then a resize makes it fit again.
        s.drawn(0, 30);
        s.by(25);
        assert_eq!(s.wanted(), 25);
        s.drawn(10, 10); // the view clamped it after a resize
        s.by(-1);
        assert_eq!(s.wanted(), 9, "↑ moves at once, from the line on screen");
        s.end();
        assert_eq!(s.wanted(), u16::MAX);
        s.drawn(10, 10);
        s.home();
        assert_eq!((s.wanted(), s.shown()), (0, 0));
    }
}
