//! What `pyexam check` warns about beyond the rules: items that duplicate each other (the same
//! code once comments and spacing are gone, or prompt, key and code at least 90% alike) and options
//! that point at other options by position ("both of the above", "A and B"), which shuffling
//! turns into nonsense.

use std::collections::{BTreeSet, HashMap};

use super::{Kind, Question};
use crate::diagnostic::Problem;

/// Prompt, key and code each at least this alike (Dice coefficient of character pairs): one item.
pub const NEAR_DUPLICATE: f64 = 0.9;

/// Code shorter than this once normalised is too small to call a copy (`print(1)`).
const MIN_CODE: usize = 24;

/// Every warning for `questions`, in their order.
pub fn audit(questions: &[Question]) -> Vec<Problem> {
    let mut warnings = Vec::new();
    for q in questions {
        if let Some(message) = positional(q) {
            warnings.push(warning(q, message));
        }
    }
    warnings.extend(duplicates(questions));
    warnings
}

fn warning(q: &Question, message: String) -> Problem {
    Problem::warning(&q.origin.path, q.origin.line, q.origin.col, message)
}

/// Words before "above" that make it point at other options ("both of the above", "the
/// exceptions above"); "the code above" or "a counter above its limit" do not.
const OPTIONS_ABOVE: &[&str] = &[
    "the",
    "both",
    "all",
    "none",
    "either",
    "neither",
    "options",
    "answers",
    "statements",
    "choices",
    "exceptions",
    "errors",
    "ones",
    "two",
    "three",
];

/// The first option of a shuffled choice item that refers to others by position.
fn positional(q: &Question) -> Option<String> {
    if q.kind != Kind::Choice || !q.shuffle {
        return None;
    }
    q.choices.iter().enumerate().find_map(|(i, c)| {
        let text = c.text.to_lowercase();
        let words: Vec<&str> = text
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let points_up = words
            .iter()
            .enumerate()
            .any(|(k, w)| *w == "above" && k > 0 && OPTIONS_ABOVE.contains(&words[k - 1]));
        // "A and B", "Both B and D", "Options A, C and E": capital letters joined by and/or.
        let letter = |w: &str| matches!(w, "a" | "b" | "c" | "d" | "e");
        let plain = !c.text.contains(['\'', '"', '[', '(', '\n', '=', '+']);
        let by_letter = plain
            && words.len() <= 7
            && words.iter().any(|w| matches!(*w, "and" | "or"))
            && words.iter().filter(|w| letter(w)).count() >= 2
            && words.iter().all(|w| {
                letter(w) || matches!(*w, "and" | "or" | "both" | "only" | "options" | "option")
            });
        (points_up || by_letter).then(|| {
            format!(
                "question '{}' option {} (\"{}\") refers to other options by position, which shuffling breaks: name what it means, or set shuffle: false",
                q.id,
                i + 1,
                c.text
            )
        })
    })
}

/// Code with comments and all spacing removed.
fn normalized_code(code: &str) -> String {
    code.lines()
        .map(|l| match l.find('#') {
            // A # inside a string is rare in the banks; cutting there only shortens the key.
            Some(at) => &l[..at],
            None => l,
        })
        .flat_map(|l| l.chars().filter(|c| !c.is_whitespace()))
        .collect()
}

/// What an item asks and answers (prompt + key), its key alone and its code (normalised), each
/// compared on its own: a shared prompt or shared boilerplate with another key is no duplicate.
fn parts(q: &Question) -> [String; 3] {
    let words = |t: &str| t.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    let mut key: Vec<String> = q.keyed().iter().map(|i| words(&q.choices[*i].text)).collect();
    key.extend(q.expect.iter().map(|e| words(e)));
    // Tokens and match items have no keyed option: their tiles, and each card with its bin,
    // are what they answer.
    key.extend(q.tiles.iter().map(|t| words(t)));
    key.extend(
        q.cards
            .iter()
            .map(|c| format!("{} -> {}", words(&c.text), words(&c.bin))),
    );
    let key = key.join(" | ");
    let code = q.completed_code().map_or(String::new(), |c| normalized_code(&c));
    [format!("{} {key}", words(&q.prompt)), key, code]
}

/// The character pairs of `text`, for the Dice coefficient.
fn pairs(text: &str) -> BTreeSet<(char, char)> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

fn dice(a: &BTreeSet<(char, char)>, b: &BTreeSet<(char, char)>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

fn duplicates(questions: &[Question]) -> Vec<Problem> {
    let mut warnings = Vec::new();
    let mut by_code: HashMap<String, &Question> = HashMap::new();
    for q in questions {
        let Some(code) = q.completed_code() else { continue };
        let code = normalized_code(&code);
        if code.len() < MIN_CODE {
            continue;
        }
        match by_code.get(&code) {
            Some(first) => warnings.push(warning(
                q,
                format!(
                    "question '{}' has the same code as '{}' (comments and spacing aside): a near-duplicate; ask something else",
                    q.id, first.id
                ),
            )),
            None => {
                by_code.insert(code, q);
            }
        }
    }
    type Pairs = BTreeSet<(char, char)>;
    let texts: Vec<[(Pairs, usize); 3]> = questions
        .iter()
        .map(|q| parts(q).map(|t| (pairs(&t), t.chars().count())))
        .collect();
    // Dice can reach 0.9 only between texts of similar length: the rest is skipped cheaply.
    let close = |(a, la): &(Pairs, usize), (b, lb): &(Pairs, usize)| -> Option<f64> {
        let (short, long) = if la < lb { (*la, *lb) } else { (*lb, *la) };
        if (short as f64) < NEAR_DUPLICATE * 0.8 * long as f64 {
            return None;
        }
        let d = dice(a, b);
        (d >= NEAR_DUPLICATE).then_some(d)
    };
    for (j, q) in questions.iter().enumerate() {
        for (i, first) in questions[..j].iter().enumerate() {
            let (a, b) = (&texts[i], &texts[j]);
            let alike = (0..3).map(|k| close(&a[k], &b[k])).collect::<Option<Vec<f64>>>();
            if let Some(scores) = alike {
                let least = scores.into_iter().fold(1.0, f64::min);
                warnings.push(warning(
                    q,
                    format!(
                        "question '{}' asks and answers nearly what '{}' does (prompt, key and code at least {:.0}% alike): a near-duplicate; ask something else",
                        q.id,
                        first.id,
                        (100.0 * least).floor()
                    ),
                ));
                break;
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Choice, Lang, Origin};

    fn choice(options: &[&str]) -> Question {
        Question {
            id: "demo-basics-001".into(),
            exam: "demo".into(),
            topic: "basics".into(),
            prompt: "Which?".into(),
            code: None,
            files: Vec::new(),
            lang: Lang::Python,
            kind: Kind::Choice,
            choices: options
                .iter()
                .enumerate()
                .map(|(i, t)| Choice {
                    text: (*t).into(),
                    correct: i == 0,
                    why: None,
                })
                .collect(),
            lines: Vec::new(),
            pool: Vec::new(),
            slots: Vec::new(),
            tiles: Vec::new(),
            decoys: Vec::new(),
            bins: Vec::new(),
            cards: Vec::new(),
            rule: None,
            stretch: false,
            gaps: Vec::new(),
            expect: None,
            explanation: "Because.".into(),
            verify: None,
            stdin: None,
            probe: None,
            setup: None,
            checks: Vec::new(),
            lint: None,
            requires: Vec::new(),
            shuffle: true,
            objective: None,
            origin: Origin {
                path: "x.yaml".into(),
                line: 1,
                col: 1,
            },
        }
    }

    #[test]
    fn dice_of_equal_texts_is_one_and_of_unrelated_ones_small() {
        let a = pairs("which sequence of calls does a tcp server make");
        assert_eq!(dice(&a, &a), 1.0);
        assert!(dice(&a, &pairs("what does print(1 / 0) raise")) < 0.5);
    }

    #[test]
    fn options_that_point_at_others_are_found_and_code_outputs_are_not() {
        let points = |text: &str| positional(&choice(&[text, "x"])).is_some();
        assert!(points("An except clause catches both of the exceptions above."));
        assert!(points("All of the above"));
        assert!(points("Both A and C"));
        assert!(!points("['A', 'B']"));
        assert!(!points("A\nD"));
        assert!(!points("It raises its counter above its initial value"));
        assert!(!points("The code above prints 3"));
    }

    #[test]
    fn comments_and_spacing_do_not_make_code_different() {
        assert_eq!(
            normalized_code("x = 1  # one\nprint( x )\n"),
            normalized_code("x=1\nprint(x)")
        );
    }
}
