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
    /// Answered wrong and not flagged: item ids.
    pub misconceptions: Vec<String>,
}

impl Calibration {
    pub fn of(results: &[ItemResult]) -> Calibration {
        let mut c = Calibration::default();
        for r in results {
            let unsure = r.flagged || r.unsure;
            if r.correct && unsure {
                c.lucky.push(r.id.to_string());
            } else if r.answered && !r.correct && !unsure {
                c.misconceptions.push(r.id.to_string());
            }
        }
        c
    }
}

/// Whether item `i` of an attempt was answered wrong without a flag or an unsure mark.
pub fn is_misconception(a: &Attempt, i: usize) -> bool {
    let answered = a.answers.get(i).is_some_and(|x| x.is_some());
    answered && !a.is_correct(i) && !a.is_flagged(i) && !a.is_unsure(i)
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
            correct,
            flagged,
            credit: if correct { 1.0 } else { 0.0 },
            tries: 0,
            unsure: false,
            secs: 0,
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
}
