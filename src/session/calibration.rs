//! Flags as confidence. In a mock a flag means "not sure"; in a drill or study session so does
//! `u`. A right answer the candidate was unsure of was lucky (it goes into the study queue as
//! Hard); a wrong answer they were sure of is a misconception, the costliest kind of miss.

use serde::Serialize;

use super::attempt::Attempt;
use super::summary::ItemResult;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Calibration {
    /// Right but flagged (mock) or marked unsure (drill, study): item ids.
    pub lucky: Vec<String>,
    /// Answered, wholly wrong (no credit) and not flagged: item ids. A partly right answer
    /// is partial knowledge, not a misconception.
    pub misconceptions: Vec<String>,
}

impl Calibration {
    pub fn of(results: &[ItemResult]) -> Calibration {
        let mut c = Calibration::default();
        for r in results {
            let unsure = r.flagged || r.unsure;
            if r.correct && unsure {
                c.lucky.push(r.id.to_string());
            } else if r.answered && r.credit == 0.0 && !unsure {
                c.misconceptions.push(r.id.to_string());
            }
        }
        c
    }
}

/// Whether item `i` of an attempt was answered wholly wrong (no credit at all) without a flag
/// or an unsure mark.
pub fn is_misconception(a: &Attempt, i: usize) -> bool {
    let answer = a.answers.get(i).and_then(|x| x.as_ref());
    answer.is_some() && a.items[i].credit(answer) == 0.0 && !a.is_flagged(i) && !a.is_unsure(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: &str, answered: bool, correct: bool, flagged: bool) -> ItemResult {
        ItemResult {
            id: id.into(),
            section: "s".into(),
            objective: None,
            answered,
            partly: false,
            correct,
            flagged,
            credit: if correct { 1.0 } else { 0.0 },
            tries: 0,
            unsure: false,
            secs: 0,
            shown: true,
        }
    }

    #[test]
    fn lucky_is_right_and_flagged_misconception_is_wrong_and_sure() {
        let results = [
            r("right", true, true, false),
            r("lucky", true, true, true),
            r("doubted", true, false, true),
            r("sure-wrong", true, false, false),
            r("blank", false, false, false),
        ];
        let c = Calibration::of(&results);
        assert_eq!(c.lucky, ["lucky"]);
        assert_eq!(c.misconceptions, ["sure-wrong"]);
    }

    #[test]
    fn a_partly_right_answer_is_not_a_misconception() {
        let mut partial = r("partial", true, false, false);
        partial.credit = 0.5;
        let c = Calibration::of(&[partial, r("wrong", true, false, false)]);
        assert_eq!(c.misconceptions, ["wrong"]);
    }
}
