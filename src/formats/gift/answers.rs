//! What the answer braces hold: true/false, numerical, essay, or `=`/`~` answers that make a
//! multiple choice, multiple answers, short answer or matching question.

use super::lexer::{Tok, Toks};
use super::syntax::{ParseError, error, text_of};
use super::{Answer, Body, Format};

/// More answers than any quiz has (pyexam itself shows at most 9 options): such a question is
/// refused before its answers are built, which bounds the memory a file can take.
pub const MAX_ANSWERS: usize = 1000;

pub(super) fn body(toks: &[Tok], format: Format, line: usize) -> Result<Body, ParseError> {
    if toks.is_empty() {
        return Ok(Body::Essay);
    }
    if toks.opens_with("#") {
        return Ok(Body::Numerical);
    }
    let head_end = toks.find_tok("#").unwrap_or(toks.len());
    let head = toks[..head_end].trimmed().text();
    let value = match head.to_ascii_uppercase().as_str() {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    };
    if let Some(value) = value {
        let mut feedback = toks[head_end..]
            .split(|t| !t.escaped && t.ch == '#')
            .skip(1)
            .map(|f| Some(text_of(f, format)).filter(|f| !f.is_empty()));
        return Ok(Body::TrueFalse {
            value,
            wrong_feedback: feedback.next().flatten(),
            right_feedback: feedback.next().flatten(),
        });
    }
    if !(toks.opens_with("=") || toks.opens_with("~")) {
        return error(
            toks[0].line,
            "answers start with '=' (right) or '~' (wrong); {T}/{F} is true/false, {#...} numerical",
        );
    }
    // Counted before any is built: `{~~~~...}` of a few MiB would be millions of answers.
    let count = toks.iter().filter(|t| starts_answer(t)).count();
    if count > MAX_ANSWERS {
        return error(
            line,
            format!("{count} answers; a question may have at most {MAX_ANSWERS}"),
        );
    }
    let answers = split_answers(toks, format);
    let pairs = answers.iter().filter(|a| a.text.contains("->")).count();
    let all_right = answers.iter().all(|a| a.right && a.weight.is_none());
    if pairs > 0 && all_right {
        if pairs < answers.len() {
            return error(line, "matching pairs ('=a -> b') mixed with plain answers");
        }
        let pairs = answers
            .iter()
            .map(|a| {
                let (left, right) = a.text.split_once("->").unwrap_or_default();
                (left.trim().to_string(), right.trim().to_string())
            })
            .collect();
        return Ok(Body::Matching(pairs));
    }
    if answers.iter().all(|a| a.right) {
        return Ok(Body::ShortAnswer(answers));
    }
    Ok(Body::Choice(answers))
}

/// `=a#fb ~%50%b ~c` into answers; every answer starts at an unescaped `=` or `~`.
fn split_answers(toks: &[Tok], format: Format) -> Vec<Answer> {
    let starts: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| starts_answer(t))
        .map(|(i, _)| i)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = starts.get(n + 1).copied().unwrap_or(toks.len());
            let part = &toks[start + 1..end];
            let (weight, part) = weight(part);
            let (text, feedback) = match part.find_tok("#") {
                Some(i) => (&part[..i], Some(text_of(&part[i + 1..], format))),
                None => (part, None),
            };
            Answer {
                right: toks[start].ch == '=',
                weight,
                text: text_of(text, format),
                feedback: feedback.filter(|f| !f.is_empty()),
                line: toks[start].line,
            }
        })
        .collect()
}

fn starts_answer(t: &Tok) -> bool {
    !t.escaped && (t.ch == '=' || t.ch == '~')
}

/// A leading `%50%` (or `%-33.3%`).
fn weight(toks: &[Tok]) -> (Option<f64>, &[Tok]) {
    let trimmed = toks.trimmed();
    if !trimmed.opens_with("%") {
        return (None, toks);
    }
    let Some(len) = trimmed[1..].find_tok("%") else {
        return (None, toks);
    };
    match trimmed[1..1 + len].text().trim().parse::<f64>() {
        Ok(w) => (Some(w), &trimmed[len + 2..]),
        Err(_) => (None, toks),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn one(text: &str) -> super::super::Question {
        parse(text).next().unwrap().unwrap()
    }

    #[test]
    fn weights_mark_the_keys_of_multiple_answers() {
        let q = one("Pick two {~%50%a ~%50%b ~%-100%c}");
        let Body::Choice(a) = q.body else { panic!() };
        let keys: Vec<_> = a.iter().map(|a| (a.is_key(), a.weight)).collect();
        assert_eq!(
            keys,
            [(true, Some(50.0)), (true, Some(50.0)), (false, Some(-100.0))]
        );
    }

    #[test]
    fn kinds_by_their_braces() {
        let kinds: Vec<_> = [
            "a {T}",
            "a {FALSE#no#yes}",
            "a {=x =y}",
            "a {=x -> 1 =y -> 2}",
            "a {#3:1}",
            "a {}",
            "just text",
        ]
        .iter()
        .map(|t| one(t).body.name())
        .collect();
        assert_eq!(
            kinds,
            [
                "true/false",
                "true/false",
                "short answer",
                "matching",
                "numerical",
                "essay",
                "description"
            ]
        );
        let q = one("a {FALSE#no#yes}");
        assert_eq!(
            q.body,
            Body::TrueFalse {
                value: false,
                wrong_feedback: Some("no".into()),
                right_feedback: Some("yes".into())
            }
        );
    }
}
