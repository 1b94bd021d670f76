//! The conversion every format shares (a leaf: it uses no other part of `formats`). Import: a
//! question of another format becomes a `Draft`,
//! a bank item in the YAML shape of a bank file, built here so that GIFT and Moodle XML make the
//! same item of the same question (multiple choice, true/false, short answer, missing word,
//! matching). Export: a bank item is seen as a `Shape`, the closest question type of a quiz
//! format, by an exhaustive `match` over `Kind` (a new kind must say what it exports as).

use std::collections::HashSet;

use crate::bank::{Kind, Lang, Question, marker};

/// Prompts an import gives a missing-word question (the text with its gap becomes the code), and
/// by which an export recognises one.
pub const MISSING_WORD: &str = "Type the missing word.";
pub const MISSING_WORDS: &str = "Type the missing words.";

/// Options and pool entries are chosen with the keys 1-9 (as `bank::validate` requires).
pub const MAX_CHOICES: usize = 9;

/// A bank item as an import writes it (`formats::yaml`). Empty lists and `None` are left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub id: String,
    pub kind: Kind,
    pub prompt: String,
    pub code: Option<String>,
    pub lang: Lang,
    pub pool: Vec<String>,
    pub slots: Vec<String>,
    pub gaps: Vec<Vec<String>>,
    pub lines: Vec<String>,
    pub choices: Vec<DraftChoice>,
    pub shuffle: Option<bool>,
    pub explanation: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftChoice {
    pub text: String,
    pub correct: bool,
    pub why: Option<String>,
}

/// A question left out (or a note on one kept), with its line in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// Multiple choice (one key) or multiple answers (several): 2 to 9 distinct options, at least one
/// key and one wrong option.
pub fn choice(
    prompt: String,
    code: Option<(String, Lang)>,
    choices: Vec<DraftChoice>,
    explanation: Option<String>,
) -> Result<Draft, String> {
    let n = choices.len();
    if n < 2 {
        return Err(format!("needs at least 2 answers, has {n}"));
    }
    if n > MAX_CHOICES {
        return Err(format!("{n} answers; pyexam shows at most {MAX_CHOICES}"));
    }
    let keys = choices.iter().filter(|c| c.correct).count();
    if keys == 0 {
        return Err("no right answer".into());
    }
    if keys == n {
        return Err("every answer is right".into());
    }
    for (i, c) in choices.iter().enumerate() {
        if c.text.trim().is_empty() {
            return Err(format!("answer {} is empty", i + 1));
        }
        if choices[..i].iter().any(|o| o.text == c.text) {
            return Err(format!("two answers read '{}'", c.text));
        }
    }
    let (code, lang) = split_code(code);
    with_prompt(Draft {
        prompt,
        code,
        lang,
        choices,
        explanation,
        ..Draft::default()
    })
}

/// True/false: the options True and False in that order, not shuffled; `wrong` and `right` are
/// the feedback on a wrong and a right answer.
pub fn true_false(
    prompt: String,
    code: Option<(String, Lang)>,
    value: bool,
    wrong: Option<String>,
    right: Option<String>,
    explanation: Option<String>,
) -> Result<Draft, String> {
    let choices = [("True", value), ("False", !value)]
        .into_iter()
        .map(|(text, correct)| DraftChoice {
            text: text.into(),
            correct,
            why: if correct { right.clone() } else { wrong.clone() },
        })
        .collect();
    let mut draft = choice(prompt, code, choices, explanation)?;
    draft.shuffle = Some(false);
    Ok(draft)
}

/// The full-credit answers of a short answer, each once, in order; a partial-credit one is left
/// out with a note (`(text, percent)` in, the accepted texts out).
pub fn accepted(
    answers: &[(String, f64)],
    line: usize,
    notes: &mut Vec<Skipped>,
) -> Result<Vec<String>, String> {
    let mut accepted = Vec::new();
    // A set beside the list: `accepted.contains` made 100k answers take seconds (quadratic).
    let mut seen = HashSet::new();
    for (text, percent) in answers {
        if *percent < 100.0 {
            if *percent > 0.0 {
                notes.push(Skipped {
                    line,
                    reason: format!(
                        "answer '{text}' ({percent}%) left out: a gap accepts full-credit answers only"
                    ),
                });
            }
        } else if !text.is_empty() && seen.insert(text.as_str()) {
            accepted.push(text.clone());
        }
    }
    if accepted.is_empty() {
        return Err("no full-credit answer".into());
    }
    Ok(accepted)
}

/// Short answer: the question as the prompt, one gap as the whole code.
pub fn short_answer(
    prompt: String,
    accepted: Vec<String>,
    explanation: Option<String>,
) -> Result<Draft, String> {
    with_prompt(Draft {
        kind: Kind::Gap,
        prompt,
        code: Some("___1___\n".into()),
        lang: Lang::Text,
        gaps: vec![accepted],
        explanation,
        ..Draft::default()
    })
}

/// Text with gaps in it (`___N___` already in place): the text becomes the code, the prompt
/// says to type the missing words.
pub fn missing_words(
    text: &str,
    gaps: Vec<Vec<String>>,
    explanation: Option<String>,
) -> Result<Draft, String> {
    let prompt = if gaps.len() == 1 {
        MISSING_WORD
    } else {
        MISSING_WORDS
    };
    Ok(Draft {
        kind: Kind::Gap,
        prompt: prompt.into(),
        code: Some(format!("{}\n", text.trim())),
        lang: Lang::Text,
        gaps,
        explanation,
        ..Draft::default()
    })
}

/// Matching: one slot per pair (`left -> ___N___`), the right-hand sides (and the distractors,
/// pairs with an empty left) as the pool.
pub fn matching(
    prompt: String,
    pairs: &[(String, String)],
    explanation: Option<String>,
) -> Result<Draft, String> {
    // Counted first, as for choices: every later step is then over at most nine pairs.
    if pairs.len() > MAX_CHOICES {
        return Err(format!(
            "{} pairs; a slot pool holds at most {MAX_CHOICES} entries",
            pairs.len()
        ));
    }
    let mut pool: Vec<String> = Vec::new();
    for (left, right) in pairs {
        if right.is_empty() {
            return Err(format!("'{left} ->' has no right-hand side"));
        }
        if left.contains('\n') || right.contains('\n') {
            return Err("a pair spans lines; slots hold one line each".into());
        }
        if pool.contains(right) {
            return Err(format!(
                "'{right}' is the match of two items; a slot pool holds each entry once"
            ));
        }
        pool.push(right.clone());
    }
    let matched: Vec<&(String, String)> = pairs.iter().filter(|(l, _)| !l.is_empty()).collect();
    if matched.is_empty() {
        return Err("no pairs to match".into());
    }
    let code: String = matched
        .iter()
        .enumerate()
        .map(|(i, (left, _))| format!("{left} -> ___{}___\n", i + 1))
        .collect();
    with_prompt(Draft {
        kind: Kind::Slots,
        prompt,
        code: Some(code),
        lang: Lang::Text,
        slots: matched.iter().map(|(_, r)| r.clone()).collect(),
        pool,
        explanation,
        ..Draft::default()
    })
}

/// Slots in a text or program (`___N___` in place): `keys[i]` fills slot i+1, from `pool`.
pub fn slots(
    prompt: String,
    code: (String, Lang),
    pool: Vec<String>,
    keys: Vec<String>,
    explanation: Option<String>,
) -> Result<Draft, String> {
    if pool.len() > MAX_CHOICES {
        return Err(format!(
            "{} answers to place; a slot pool holds at most {MAX_CHOICES}",
            pool.len()
        ));
    }
    if keys.is_empty() {
        return Err("no place to fill".into());
    }
    for (i, entry) in pool.iter().enumerate() {
        if entry.trim().is_empty() {
            return Err(format!("answer {} is empty", i + 1));
        }
        if entry.contains('\n') {
            return Err(format!("answer {} spans lines; a slot holds one line", i + 1));
        }
        if pool[..i].contains(entry) {
            return Err(format!("two answers read '{entry}'; a slot pool holds each once"));
        }
    }
    for (i, key) in keys.iter().enumerate() {
        if keys[..i].contains(key) {
            return Err(format!(
                "'{key}' fills two places; each pool entry fills one slot"
            ));
        }
    }
    let (code, lang) = split_code(Some(code));
    with_prompt(Draft {
        kind: Kind::Slots,
        prompt,
        code,
        lang,
        pool,
        slots: keys,
        explanation,
        ..Draft::default()
    })
}

/// Gaps in a program (`___N___` in place), `gaps[i]` accepted in gap i+1.
pub fn code_gaps(
    prompt: String,
    code: (String, Lang),
    gaps: Vec<Vec<String>>,
    explanation: Option<String>,
) -> Result<Draft, String> {
    let (code, lang) = split_code(Some(code));
    with_prompt(Draft {
        kind: Kind::Gap,
        prompt,
        code,
        lang,
        gaps,
        explanation,
        ..Draft::default()
    })
}

/// Ordering: the lines in their right order (3 to 12 of them, as `bank::validate` requires).
pub fn order(prompt: String, lines: Vec<String>, explanation: Option<String>) -> Result<Draft, String> {
    if lines.len() < 3 {
        return Err(format!("needs at least 3 lines to order, has {}", lines.len()));
    }
    if lines.len() > 12 {
        return Err(format!("{} lines; pyexam orders at most 12", lines.len()));
    }
    if let Some(i) = lines.iter().position(|l| l.trim().is_empty()) {
        return Err(format!("line {} is empty", i + 1));
    }
    if let Some(i) = lines.iter().position(|l| l.contains('\n')) {
        return Err(format!(
            "item {} spans lines; an order item moves single lines",
            i + 1
        ));
    }
    with_prompt(Draft {
        kind: Kind::Order,
        prompt,
        lines,
        explanation,
        ..Draft::default()
    })
}

fn split_code(code: Option<(String, Lang)>) -> (Option<String>, Lang) {
    match code {
        Some((code, lang)) if !code.trim().is_empty() => {
            let code = if code.ends_with('\n') { code } else { code + "\n" };
            (Some(code), lang)
        }
        _ => (None, Lang::Python),
    }
}

fn with_prompt(mut draft: Draft) -> Result<Draft, String> {
    draft.prompt = draft.prompt.trim().to_string();
    if draft.prompt.is_empty() {
        return Err("no question text".into());
    }
    Ok(draft)
}

/// A bank item as the question types of quiz formats see it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape<'a> {
    /// A choice item whose options are exactly True, False (in that order), one of them keyed.
    TrueFalse {
        value: bool,
        wrong_why: Option<&'a str>,
        right_why: Option<&'a str>,
    },
    /// Any other choice item: multiple choice, or multiple answers with several keys.
    Choice,
    /// A gap item that is a question and one gap (`code: ___1___`, `lang: text`).
    ShortAnswer { accepted: &'a [String] },
    /// A gap item that is one line of text with one gap, prompted "Type the missing word.".
    MissingWord {
        before: &'a str,
        after: &'a str,
        accepted: &'a [String],
    },
    /// A slots item whose text is `left -> ___N___` lines: (left, key) pairs, and the pool
    /// entries no slot takes.
    Matching {
        pairs: Vec<(&'a str, &'a str)>,
        distractors: Vec<&'a str>,
    },
    /// Gaps inside a program or a longer text.
    CodeGaps,
    /// Slots inside a program or a longer text.
    CodeSlots,
    /// Lines to arrange.
    Order,
    /// Tiles to arrange into one line (decoys among them).
    Tokens,
    /// Any item with files beside its code (how many): a question of either format holds one
    /// code block that import reads back.
    WithFiles(usize),
    /// Cards to sort into named bins.
    Match,
}

pub fn shape(q: &Question) -> Shape<'_> {
    if !q.files.is_empty() {
        return Shape::WithFiles(q.files.len());
    }
    match q.kind {
        Kind::Choice => {
            let texts: Vec<&str> = q.choices.iter().map(|c| c.text.as_str()).collect();
            if texts == ["True", "False"] && q.keyed().len() == 1 {
                let value = q.choices[0].correct;
                let (right, wrong) = if value { (0, 1) } else { (1, 0) };
                return Shape::TrueFalse {
                    value,
                    wrong_why: q.choices[wrong].why.as_deref(),
                    right_why: q.choices[right].why.as_deref(),
                };
            }
            Shape::Choice
        }
        Kind::Gap => {
            let code = q.code.as_deref().unwrap_or("");
            let plain = q.lang == Lang::Text && q.gaps.len() == 1;
            if plain && code.trim_end() == "___1___" {
                return Shape::ShortAnswer {
                    accepted: &q.gaps[0].accept,
                };
            }
            let line = code.strip_suffix('\n').unwrap_or(code);
            if plain && q.prompt.trim() == MISSING_WORD && !line.contains('\n') {
                if let Some((before, after)) = line.split_once("___1___") {
                    return Shape::MissingWord {
                        before,
                        after,
                        accepted: &q.gaps[0].accept,
                    };
                }
            }
            Shape::CodeGaps
        }
        Kind::Slots => match matching_pairs(q) {
            Some((pairs, distractors)) => Shape::Matching { pairs, distractors },
            None => Shape::CodeSlots,
        },
        Kind::Order => Shape::Order,
        Kind::Tokens => Shape::Tokens,
        Kind::Match => Shape::Match,
    }
}

type Pairs<'a> = Vec<(&'a str, &'a str)>;

/// The pairs of a slots item written as matching (`left -> ___i___` on line i, text).
fn matching_pairs(q: &Question) -> Option<(Pairs<'_>, Vec<&str>)> {
    if q.lang != Lang::Text {
        return None;
    }
    let code = q.code.as_deref()?;
    let lines: Vec<&str> = code.strip_suffix('\n').unwrap_or(code).split('\n').collect();
    if lines.len() != q.slots.len() {
        return None;
    }
    let mut pairs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let left = line.strip_suffix(&format!(" -> ___{}___", i + 1))?;
        // A left side holding `->` would split at the wrong arrow in GIFT.
        if left.trim().is_empty()
            || left.trim() != left
            || left.contains("->")
            || !marker::find(left).is_empty()
        {
            return None;
        }
        pairs.push((left, q.slots[i].as_str()));
    }
    let distractors = q
        .pool
        .iter()
        .map(|p| p.text.as_str())
        .filter(|p| !q.slots.iter().any(|s| s == p))
        .collect();
    Some((pairs, distractors))
}

/// The language a code block names (a fence's word, a `language-xxx` class); Python when it
/// names none or one pyexam does not know.
pub fn lang_named(name: &str) -> Lang {
    match name.trim().to_ascii_lowercase().as_str() {
        "toml" => Lang::Toml,
        "json" => Lang::Json,
        "ini" => Lang::Ini,
        "sql" => Lang::Sql,
        "shell" | "sh" | "bash" | "console" => Lang::Shell,
        "text" | "plain" | "plaintext" | "txt" => Lang::Text,
        _ => Lang::Python,
    }
}
