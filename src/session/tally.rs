//! How many items are answered: the one count the navigator, the submit dialog, the menu's
//! Resume and Restore, the saved-exam lines and the results' pacing all show. An item is
//! answered when every response is given, partly answered when some are, unanswered when none.

use serde::{Deserialize, Serialize};

use super::item::{Answer, Item};

/// How far one item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    Not,
    Partly,
    Fully,
}

impl Item {
    pub fn answered(&self, answer: Option<&Answer>) -> Answered {
        let p = self.progress(answer);
        match p.given {
            0 => Answered::Not,
            given if p.responses > 0 && given >= p.responses => Answered::Fully,
            _ => Answered::Partly,
        }
    }
}

/// Answered, partly answered and unanswered items of one exam; they add up to its items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub answered: usize,
    pub partly: usize,
    pub unanswered: usize,
}

impl Tally {
    pub fn of(states: impl IntoIterator<Item = Answered>) -> Tally {
        let mut t = Tally::default();
        for s in states {
            match s {
                Answered::Fully => t.answered += 1,
                Answered::Partly => t.partly += 1,
                Answered::Not => t.unanswered += 1,
            }
        }
        t
    }

    /// Each item with its answer (`answers` may be shorter: the rest are unanswered).
    pub fn of_answers(items: &[Item], answers: &[Option<Answer>]) -> Tally {
        Tally::of(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| item.answered(answers.get(i).and_then(Option::as_ref))),
        )
    }

    pub fn total(&self) -> usize {
        self.answered + self.partly + self.unanswered
    }

    /// "27/30 answered, 1 partly": how menus and saved-exam lines say it.
    pub fn brief(&self) -> String {
        let mut s = format!("{}/{} answered", self.answered, self.total());
        if self.partly > 0 {
            s.push_str(&format!(", {} partly", self.partly));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_add_up_and_partly_is_said_only_when_there_is_some() {
        use Answered::*;
        let t = Tally::of([Fully, Fully, Partly, Not]);
        assert_eq!((t.answered, t.partly, t.unanswered, t.total()), (2, 1, 1, 4));
        assert_eq!(t.brief(), "2/4 answered, 1 partly");
        assert_eq!(Tally::of([Fully, Not]).brief(), "1/2 answered");
    }
}
