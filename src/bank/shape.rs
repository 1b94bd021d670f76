//! The shape of an exam's bank beside the official one (`pyexam check --stats`, issue 32): its
//! formats, how many Select-N items are "Select two" of four options, and how long the code of
//! its output items is.

use super::{BankSet, Kind, Question, Verify};

/// One exam's bank, counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BankShape {
    pub single: usize,
    pub multiple: usize,
    /// Items of each interactive kind, in `Kind::ALL` order (choice left out).
    pub interactive: Vec<(Kind, usize)>,
    /// Select-N items with two keys among four options.
    pub two_of_four: usize,
    /// `verify: output` choice items and the median lines of their code.
    pub output_items: usize,
    pub output_median: Option<f64>,
    pub stretch: usize,
}

impl BankShape {
    pub fn of(banks: &BankSet, exam: &str) -> BankShape {
        let qs: Vec<&Question> = banks.questions.iter().filter(|q| q.exam == exam).collect();
        let choice = || qs.iter().filter(|q| q.kind == Kind::Choice);
        let multiple = choice().filter(|q| q.keyed().len() > 1).count();
        let two_of_four = choice()
            .filter(|q| q.keyed().len() == 2 && q.choices.len() == 4)
            .count();
        let mut lines: Vec<usize> = choice()
            .filter(|q| q.verify == Some(Verify::Output))
            .map(|q| code_lines(q.code.as_deref().unwrap_or("")))
            .collect();
        lines.sort_unstable();
        let output_median = match lines.len() {
            0 => None,
            n if n % 2 == 1 => Some(lines[n / 2] as f64),
            n => Some((lines[n / 2 - 1] + lines[n / 2]) as f64 / 2.0),
        };
        BankShape {
            single: choice().count() - multiple,
            multiple,
            interactive: Kind::ALL[1..]
                .iter()
                .map(|&k| (k, qs.iter().filter(|q| q.kind == k).count()))
                .collect(),
            two_of_four,
            output_items: lines.len(),
            output_median,
            stretch: qs.iter().filter(|q| q.stretch).count(),
        }
    }

    pub fn total(&self) -> usize {
        self.single + self.multiple + self.interactive.iter().map(|(_, n)| n).sum::<usize>()
    }

    /// Interactive items a standard mock can draw (typed gaps are not).
    pub fn drawable_interactive(&self) -> usize {
        self.interactive
            .iter()
            .filter(|(k, _)| *k != Kind::Gap)
            .map(|(_, n)| n)
            .sum()
    }
}

/// Lines of code that hold something (blank lines do not count).
pub fn code_lines(code: &str) -> usize {
    code.lines().filter(|l| !l.trim().is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::BankSource;

    #[test]
    fn counts_formats_and_medians() {
        assert_eq!(code_lines("a = 1\n\nprint(a)\n"), 2);
        let banks = crate::bank::load(&BankSource::Embedded).banks;
        let shape = BankShape::of(&banks, "pcep");
        let all = banks.questions.iter().filter(|q| q.exam == "pcep").count();
        assert_eq!(shape.total(), all);
        assert!(shape.output_median.is_some());
        assert!(shape.two_of_four <= shape.multiple);
    }
}
