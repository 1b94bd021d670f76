//! Question blocks to `Question`s. A block that cannot be read gives a `ParseError` with its
//! line; the other blocks are still read.

use super::answers::body;
use super::lexer::{self, Block, Tok, Toks};
use super::syntax::{ParseError, convert, error, format_tag, text_of};
use super::{Body, Format, Question};

/// Every question of a GIFT file, in file order, read as they are taken: only one question's
/// tokens are held at a time. `$CATEGORY` lines are not questions and are left out.
pub fn parse(text: &str) -> impl Iterator<Item = Result<Question, ParseError>> + '_ {
    lexer::blocks(text).filter_map(|b| question(&b).transpose())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Question {
        parse(text).next().unwrap().unwrap()
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
