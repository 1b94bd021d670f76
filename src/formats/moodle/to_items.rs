//! Moodle XML questions to bank items (built by `formats::items`): multichoice and truefalse to
//! `choice`, shortanswer to `gap`, matching, ddwtos and gapselect to `slots`, ordering to
//! `order`, multianswer (Cloze) to `gap` or `slots`. Other types are skipped with their line.

use super::cloze::{self, PartKind};
use super::xml::{self, Element, XmlError};
use crate::bank::{Lang, marker};
use crate::formats::html;
use crate::formats::import::{self, Converted, Import};
use crate::formats::items::{self, Draft, DraftChoice, Skipped};

/// The prompt of a drag-and-drop or drop-down text whose places are not in a code block.
pub const PLACES: &str = "Put an answer in each place.";

/// The bank file of `xml`'s questions, or why the file cannot be read at all.
pub fn import(text: &str, exam: &str, topic: &str, source: &str) -> Result<Import, XmlError> {
    let root = xml::parse(text.strip_prefix('\u{feff}').unwrap_or(text))?;
    if root.name != "quiz" {
        return Err(XmlError {
            line: root.line,
            message: format!(
                "the root element is <{}>; a Moodle XML file is one <quiz>",
                root.name
            ),
        });
    }
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    let mut converted = Vec::new();
    for q in root.children_named("question") {
        let kind = q.attr("type").unwrap_or("");
        if kind == "category" {
            continue;
        }
        let files: usize = q.children.iter().map(|c| c.children_named("file").count()).sum();
        if files > 0 {
            notes.push(Skipped {
                line: q.line,
                reason: format!(
                    "{files} embedded file(s) (images and the like) left out: a bank item is text"
                ),
            });
        }
        match convert(q, kind, &mut notes) {
            Ok(draft) => converted.push(Converted {
                line: q.line,
                title: q.text_of("name"),
                draft,
            }),
            Err(reason) => skipped.push(Skipped {
                line: q.line,
                reason: format!("({kind}): {reason}"),
            }),
        }
    }
    Ok(import::finish(converted, skipped, notes, exam, topic, source))
}

fn convert(q: &Element, kind: &str, notes: &mut Vec<Skipped>) -> Result<Draft, String> {
    let text = rich(q, "questiontext").unwrap_or_default();
    let explanation = rich(q, "generalfeedback").filter(|e| !e.is_empty());
    match kind {
        "multichoice" => {
            let single = q
                .text_of("single")
                .is_none_or(|s| matches!(s.to_ascii_lowercase().as_str(), "true" | "1"));
            let answers: Vec<(&Element, f64)> =
                q.children_named("answer").map(|a| (a, fraction(a))).collect();
            if answers.len() > items::MAX_CHOICES {
                return Err(format!(
                    "{} answers; pyexam shows at most {}",
                    answers.len(),
                    items::MAX_CHOICES
                ));
            }
            let choices = answers
                .iter()
                .map(|(a, f)| {
                    let correct = if single { *f >= 100.0 } else { *f > 0.0 };
                    if single && *f > 0.0 && *f < 100.0 {
                        notes.push(Skipped {
                            line: a.line,
                            reason: format!(
                                "answer of {f}% credit taken as wrong: a single-answer item has one key"
                            ),
                        });
                    }
                    DraftChoice {
                        text: rich(a, "").unwrap_or_default(),
                        correct,
                        why: rich(a, "feedback").filter(|f| !f.is_empty()),
                    }
                })
                .collect();
            let (prompt, code) = prompt_and_code(&text);
            let mut draft = items::choice(prompt, code, choices, explanation)?;
            if q.text_of("shuffleanswers")
                .is_some_and(|s| s == "0" || s == "false")
            {
                draft.shuffle = Some(false);
            }
            Ok(draft)
        }
        "truefalse" => {
            let answers: Vec<(String, f64, Option<String>)> = q
                .children_named("answer")
                .map(|a| {
                    let text = raw(a).to_ascii_lowercase();
                    (text, fraction(a), rich(a, "feedback").filter(|f| !f.is_empty()))
                })
                .collect();
            let right = answers
                .iter()
                .find(|(_, f, _)| *f >= 100.0)
                .ok_or("no answer has full credit")?;
            let wrong = answers.iter().find(|(_, f, _)| *f < 100.0);
            let value = match right.0.as_str() {
                "true" => true,
                "false" => false,
                other => return Err(format!("the right answer reads '{other}', not true or false")),
            };
            let (prompt, code) = prompt_and_code(&text);
            items::true_false(
                prompt,
                code,
                value,
                wrong.and_then(|w| w.2.clone()),
                right.2.clone(),
                explanation,
            )
        }
        "shortanswer" => {
            if html::take_fence(&text).is_some() {
                return Err("a code block: a gap sits inside the code, so write the item in YAML with a ___1___ marker (or use Cloze)".into());
            }
            let answers: Vec<(String, f64)> = q
                .children_named("answer")
                .map(|a| (raw(a), fraction(a)))
                .collect();
            let accepted = items::accepted(&answers, q.line, notes)?;
            if let Some(wild) = accepted.iter().find(|a| a.contains('*')) {
                notes.push(Skipped {
                    line: q.line,
                    reason: format!(
                        "answer '{wild}' is kept as written: Moodle's * wildcard has no pyexam form (a gap accepts exactly the answers listed)"
                    ),
                });
            }
            items::short_answer(text, accepted, explanation)
        }
        "matching" => {
            let (prompt, code) = prompt_and_code(&text);
            if code.is_some() {
                return Err("a code block: slots sit inside the code, so write the item in YAML".into());
            }
            let pairs: Vec<(String, String)> = q
                .children_named("subquestion")
                .map(|s| {
                    (
                        rich(s, "").unwrap_or_default(),
                        s.text_of("answer")
                            .map(|a| html::decode_entities(&a))
                            .unwrap_or_default(),
                    )
                })
                .collect();
            items::matching(prompt, &pairs, explanation)
        }
        "ordering" => {
            let mut answers: Vec<(f64, String)> = q
                .children_named("answer")
                .map(|a| (fraction(a), line_of(a)))
                .collect();
            // The fraction is each item's place; the file's order when they are all equal.
            answers.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (prompt, code) = prompt_and_code(&text);
            if code.is_some() {
                return Err("a code block beside the lines: an order item's program is its lines".into());
            }
            let mut draft = items::order(prompt, answers.into_iter().map(|(_, l)| l).collect(), explanation)?;
            // pyexam's own export tags a concept sort (lines that are not code).
            let tags = q.child("tags").into_iter().flat_map(|t| t.children_named("tag"));
            if tags
                .filter_map(|t| t.text_of("text"))
                .any(|t| t.trim() == super::export::CONCEPTS_TAG)
            {
                draft.lang = crate::bank::Lang::Text;
            }
            Ok(draft)
        }
        "ddwtos" | "gapselect" => {
            let tag = if kind == "ddwtos" {
                "dragbox"
            } else {
                "selectoption"
            };
            let choices: Vec<(String, String)> = q
                .children_named(tag)
                .map(|c| {
                    let text = html::decode_entities(&c.text_of("text").unwrap_or_default());
                    (text, c.text_of("group").unwrap_or_else(|| "1".into()))
                })
                .collect();
            places(&text, &choices, explanation, q.line, notes)
        }
        "multianswer" => cloze_item(&text, explanation, notes, q.line),
        "essay" => Err("an essay has no answer key to score".into()),
        "description" => Err("no answers: a description is not a question".into()),
        "numerical" | "calculated" | "calculatedsimple" | "calculatedmulti" => {
            Err("pyexam has no numeric-answer kind".into())
        }
        "" => Err("a <question> without a type".into()),
        other => Err(format!("pyexam has no kind for Moodle's '{other}' questions")),
    }
}

/// The text of `el`'s `<name>` child (or of `el` itself when `name` is empty) in its `format`:
/// HTML (the default) becomes text with fenced code; plain text and Markdown stay as written.
fn rich(el: &Element, name: &str) -> Option<String> {
    let el = if name.is_empty() { el } else { el.child(name)? };
    let raw = el.child("text").map_or(el.text.as_str(), |t| t.text.as_str());
    Some(match el.attr("format").unwrap_or("html") {
        "plain_text" | "markdown" => raw.trim().to_string(),
        "moodle_auto_format" => html::to_text(&raw.replace('\n', "<br>")),
        _ => html::to_text(raw),
    })
}

/// An answer Moodle compares as typed (short answer, true/false): its text as it is, whatever
/// its format says.
fn raw(a: &Element) -> String {
    a.child("text")
        .map_or(a.text.as_str(), |t| t.text.as_str())
        .trim()
        .to_string()
}

/// An ordering item's line: plain text exactly as written (its indentation is part of it),
/// HTML as text or as the code of a `<pre>`.
fn line_of(a: &Element) -> String {
    let raw = a.child("text").map_or(a.text.as_str(), |t| t.text.as_str());
    match a.attr("format").unwrap_or("html") {
        "plain_text" | "markdown" => raw.trim_end_matches(['\n', '\r']).to_string(),
        _ => {
            let text = html::to_text(raw);
            match html::take_fence(&text) {
                Some((around, code, _)) if around.is_empty() => code.trim_end_matches('\n').to_string(),
                _ => text,
            }
        }
    }
}

fn fraction(a: &Element) -> f64 {
    a.attr("fraction")
        .and_then(|f| f.trim().parse().ok())
        .unwrap_or(0.0)
}

/// The text and the code block in it, with the block's language.
fn prompt_and_code(text: &str) -> (String, Option<(String, Lang)>) {
    match html::take_fence(text) {
        Some((around, code, lang)) => (around, Some((code, items::lang_named(&lang)))),
        None => (text.trim().to_string(), None),
    }
}

/// Where the places of a text go: in its code block (the prompt is the text around it), or, with
/// no block, the whole text is the code (as text) under `prompt`. `Err` when places are both in
/// and outside a block. `replace` makes the text with every place (a byte range, in order) as a
/// marker.
fn with_places(
    text: &str,
    ranges: &[(usize, usize)],
    prompt: &str,
) -> Result<(String, String, Lang), String> {
    let marked = mark(text, ranges);
    match html::take_fence(&marked) {
        Some((around, code, lang)) => {
            if !marker::find(&around).is_empty() {
                return Err("places both inside and outside the code block".into());
            }
            Ok((around, code, items::lang_named(&lang)))
        }
        None => Ok((prompt.to_string(), marked.trim().to_string(), Lang::Text)),
    }
}

/// `text` with the i-th range replaced by `___i___`.
fn mark(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, (start, end)) in ranges.iter().enumerate() {
        out.push_str(&text[last..*start]);
        out.push_str(&format!("___{}___", i + 1));
        last = *end;
    }
    out.push_str(&text[last..]);
    out
}

/// ddwtos and gapselect: `[[n]]` in the text is a place for choice n. The pool is every choice of
/// a group some place uses (a choice of another group fits no place, in Moodle too).
fn places(
    text: &str,
    choices: &[(String, String)],
    explanation: Option<String>,
    line: usize,
    notes: &mut Vec<Skipped>,
) -> Result<Draft, String> {
    let mut ranges = Vec::new();
    let mut keys = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find("[[") {
        let start = at + i;
        // `[[[1]]]` (a place in brackets) is found from the second bracket.
        at = start + 1;
        let from = start + 2;
        let digits = text[from..].chars().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || !text[from + digits..].starts_with("]]") {
            continue;
        }
        at = from;
        let n: usize = text[at..at + digits]
            .parse()
            .map_err(|_| "a place number too large")?;
        let Some(choice) = n.checked_sub(1).and_then(|i| choices.get(i)) else {
            return Err(format!(
                "the place [[{n}]] names no answer (there are {})",
                choices.len()
            ));
        };
        ranges.push((start, at + digits + 2));
        keys.push(choice);
        at += digits + 2;
    }
    if ranges.is_empty() {
        return Err("no [[n]] place in the text".into());
    }
    let groups: Vec<&str> = {
        let mut g: Vec<&str> = keys.iter().map(|(_, g)| g.as_str()).collect();
        g.dedup();
        g.sort_unstable();
        g.dedup();
        g
    };
    let left_out = choices
        .iter()
        .filter(|(_, g)| !groups.contains(&g.as_str()))
        .count();
    if left_out > 0 {
        notes.push(Skipped {
            line,
            reason: format!("{left_out} answer(s) of a group no place uses left out"),
        });
    }
    if groups.len() > 1 {
        notes.push(Skipped {
            line,
            reason: format!("the groups {} share one pool in pyexam", groups.join(", ")),
        });
    }
    let pool: Vec<String> = choices
        .iter()
        .filter(|(_, g)| groups.contains(&g.as_str()))
        .map(|(t, _)| t.clone())
        .collect();
    let keys: Vec<String> = keys.iter().map(|(t, _)| t.clone()).collect();
    let (prompt, code, lang) = with_places(text, &ranges, PLACES)?;
    items::slots(prompt, (code, lang), pool, keys, explanation)
}

/// Cloze: typed parts make a gap item, chosen parts a slots item (their options one pool).
fn cloze_item(
    text: &str,
    explanation: Option<String>,
    notes: &mut Vec<Skipped>,
    line: usize,
) -> Result<Draft, String> {
    let parts = cloze::parts(text);
    if parts.is_empty() {
        return Err("no embedded answer ({1:SHORTANSWER:...}) in the text".into());
    }
    if let Some(p) = parts.iter().find(|p| p.kind == PartKind::Other) {
        return Err(format!("a {} part has no pyexam kind", p.type_name));
    }
    let typed = parts.iter().filter(|p| p.kind == PartKind::Typed).count();
    if typed > 0 && typed < parts.len() {
        return Err("typed and chosen parts together: a pyexam item has gaps or slots, not both".into());
    }
    let ranges: Vec<(usize, usize)> = parts.iter().map(|p| (p.start, p.end)).collect();
    if typed > 0 {
        let gaps = parts
            .iter()
            .map(|p| items::accepted(&p.answers, line, notes))
            .collect::<Result<Vec<_>, _>>()?;
        let prompt = if gaps.len() == 1 {
            crate::formats::MISSING_WORD
        } else {
            crate::formats::MISSING_WORDS
        };
        let (prompt, code, lang) = with_places(text, &ranges, prompt)?;
        return items::code_gaps(prompt, (code, lang), gaps, explanation);
    }
    let mut pool: Vec<String> = Vec::new();
    let mut keys = Vec::new();
    for p in &parts {
        let right: Vec<&(String, f64)> = p.answers.iter().filter(|(_, f)| *f >= 100.0).collect();
        let [(key, _)] = right.as_slice() else {
            return Err(format!(
                "a {} part has {} full-credit answers, a slot one",
                p.type_name,
                right.len()
            ));
        };
        keys.push(key.clone());
        for (text, _) in &p.answers {
            if !pool.contains(text) {
                pool.push(text.clone());
            }
        }
    }
    let (prompt, code, lang) = with_places(text, &ranges, PLACES)?;
    items::slots(prompt, (code, lang), pool, keys, explanation)
}
