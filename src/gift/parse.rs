//! Question blocks to `Question`s. A block that cannot be read gives a `ParseError` with its
//! line; the other blocks are still read.

use super::lexer::{self, Block, Tok, Toks};
use super::text::convert;
use super::{Answer, Body, Format, Question};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// Every question of a GIFT file, in file order. `$CATEGORY` lines are not questions and are
/// left out.
pub fn parse(text: &str) -> Vec<Result<Question, ParseError>> {
    lexer::blocks(text)
        .iter()
        .filter_map(|b| question(b).transpose())
        .collect()
}

fn error<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        message: message.into(),
    })
}

fn question(block: &Block) -> Result<Option<Question>, ParseError> {
    let mut toks: &[Tok] = block.toks.trimmed();
    if toks.opens_with("$CATEGORY:") {
        // A category line may share its block with the question that follows it.
        match toks.find_tok("\n") {
            Some(end) => toks = toks[end..].trimmed(),
            None => return Ok(None),
        }
    }
    let line = toks.first().map_or(block.line, |t| t.line);
    let mut title = None;
    if toks.opens_with("::") {
        let Some(end) = toks[2..].find_tok("::") else {
            return error(line, "the title opened with '::' is never closed with '::'");
        };
        title = Some(toks[2..2 + end].trimmed().text()).filter(|t| !t.is_empty());
        toks = toks[end + 4..].trimmed();
    }
    let (format, rest) = format_tag(toks);
    let format = format.unwrap_or(Format::Moodle);
    let toks = rest;
    if let Some(close) = toks.find_tok("}")
        && toks.find_tok("{").is_none_or(|open| close < open)
    {
        return error(
            toks[close].line,
            "'}' closes no '{' (write \\} for a literal brace)",
        );
    }
    let Some(open) = toks.find_tok("{") else {
        return Ok(Some(Question {
            line,
            title,
            format,
            before: convert(toks.text().trim(), format),
            after: None,
            body: Body::Description,
            general_feedback: None,
        }));
    };
    let Some(len) = toks[open + 1..].find_tok("}") else {
        return error(
            toks[open].line,
            "'{' is never closed with '}' (write \\{ for a literal brace)",
        );
    };
    let inner = &toks[open + 1..open + 1 + len];
    if let Some(nested) = inner.find_tok("{") {
        return error(
            inner[nested].line,
            "'{' inside the answers: a question has one set of answers (write \\{ for a literal brace)",
        );
    }
    let tail = &toks[open + len + 2..];
    if let Some(more) = tail.find_tok("{") {
        return error(
            tail[more].line,
            "a second '{': a question has one set of answers (write \\{ for a literal brace)",
        );
    }
    let (answers, general_feedback) = match inner.find_tok("####") {
        Some(i) => (&inner[..i], Some(text_of(&inner[i + 4..], format))),
        None => (inner, None),
    };
    let after = tail.trimmed();
    Ok(Some(Question {
        line,
        title,
        format,
        before: convert(&toks[..open].text(), format),
        after: (!after.is_empty()).then(|| convert(&tail.text(), format)),
        body: body(answers.trimmed(), format, toks[open].line)?,
        general_feedback: general_feedback.filter(|f| !f.is_empty()),
    }))
}

/// A leading `[html]`, `[moodle]`, `[plain]` or `[markdown]`.
fn format_tag(toks: &[Tok]) -> (Option<Format>, &[Tok]) {
    for (tag, format) in [
        ("[html]", Format::Html),
        ("[moodle]", Format::Moodle),
        ("[plain]", Format::Plain),
        ("[markdown]", Format::Markdown),
    ] {
        if toks.opens_with(tag) {
            return (Some(format), &toks[tag.len()..]);
        }
    }
    (None, toks)
}

/// Answer and feedback texts may carry their own format tag; else the question's applies.
fn text_of(toks: &[Tok], inherited: Format) -> String {
    let (own, rest) = format_tag(toks.trimmed());
    convert(&rest.trimmed().text(), own.unwrap_or(inherited))
}

fn body(toks: &[Tok], format: Format, line: usize) -> Result<Body, ParseError> {
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
        .filter(|(_, t)| !t.escaped && (t.ch == '=' || t.ch == '~'))
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
    use super::*;

    fn one(text: &str) -> Question {
        parse(text).remove(0).unwrap()
    }

    #[test]
    fn multiple_choice_with_feedback_title_and_general_feedback() {
        let q = one("::Q2:: What is red? {\n =a colour # right\n ~a fruit #no\n####Red is a colour.\n}");
        assert_eq!(q.title.as_deref(), Some("Q2"));
        assert_eq!(q.before.trim(), "What is red?");
        assert_eq!(q.general_feedback.as_deref(), Some("Red is a colour."));
        let Body::Choice(a) = q.body else { panic!() };
        assert_eq!(
            a.iter()
                .map(|a| (a.is_key(), a.text.as_str(), a.feedback.as_deref(), a.line))
                .collect::<Vec<_>>(),
            [
                (true, "a colour", Some("right"), 2),
                (false, "a fruit", Some("no"), 3)
            ]
        );
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

    #[test]
    fn missing_word_keeps_the_text_after_the_braces() {
        let q = one("Grant is {~buried =entombed} in the tomb.");
        assert_eq!(
            (q.before.as_str(), q.after.as_deref()),
            ("Grant is ", Some(" in the tomb."))
        );
    }

    #[test]
    fn errors_carry_the_line() {
        let errors: Vec<_> = parse("a\nb {=x\n\nc } d\n\ne {x}\n\n::t a {T}")
            .into_iter()
            .map(|r| r.unwrap_err())
            .map(|e| (e.line, e.message))
            .collect();
        assert_eq!(
            errors,
            [
                (
                    2,
                    "'{' is never closed with '}' (write \\{ for a literal brace)".to_string()
                ),
                (4, "'}' closes no '{' (write \\} for a literal brace)".to_string()),
                (
                    6,
                    "answers start with '=' (right) or '~' (wrong); {T}/{F} is true/false, {#...} numerical"
                        .to_string()
                ),
                (
                    8,
                    "the title opened with '::' is never closed with '::'".to_string()
                ),
            ]
        );
    }
}
