//! Moodle's embedded answers (Cloze, question type `multianswer`): `{1:SHORTANSWER:=a~=b}`,
//! `{:MULTICHOICE:=right#fb~wrong}` and their short names, inside the question text. In answers,
//! `} # ~ / " \` are written behind a backslash.

/// What kind of part: typed (a gap) or chosen from a list (a slot), or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Typed,
    Chosen,
    /// NUMERICAL, MULTIRESPONSE...: the name as written.
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub kind: PartKind,
    pub type_name: String,
    /// (text, percent): `=` is 100, `%50%` 50, no mark 0.
    pub answers: Vec<(String, f64)>,
    /// Byte range of the whole `{...}` in the text.
    pub start: usize,
    pub end: usize,
}

const TYPED: &[&str] = &["SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"];
const CHOSEN: &[&str] = &[
    "MULTICHOICE",
    "MC",
    "MULTICHOICE_V",
    "MCV",
    "MULTICHOICE_H",
    "MCH",
    "MULTICHOICE_S",
    "MCS",
    "MULTICHOICE_VS",
    "MCVS",
    "MULTICHOICE_HS",
    "MCHS",
];
const OTHER: &[&str] = &[
    "NUMERICAL",
    "NM",
    "MULTIRESPONSE",
    "MR",
    "MULTIRESPONSE_H",
    "MRH",
    "MULTIRESPONSE_S",
    "MRS",
    "MULTIRESPONSE_HS",
    "MRHS",
];

/// Every part in `text`, in order. A `{` that does not open `{weight:TYPE:` is text.
pub fn parts(text: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find('{') {
        let start = at + i;
        at = start + 1;
        let Some((type_name, body_start)) = head(&text[start + 1..]) else {
            continue;
        };
        let body_start = start + 1 + body_start;
        let Some(len) = unescaped(&text[body_start..], '}') else {
            continue;
        };
        let body = &text[body_start..body_start + len];
        let upper = type_name.to_ascii_uppercase();
        let kind = if TYPED.contains(&upper.as_str()) {
            PartKind::Typed
        } else if CHOSEN.contains(&upper.as_str()) {
            PartKind::Chosen
        } else {
            PartKind::Other
        };
        let end = body_start + len + 1;
        out.push(Part {
            kind,
            type_name: upper,
            answers: answers(body),
            start,
            end,
        });
        at = end;
    }
    out
}

/// `1:SHORTANSWER:` (the weight may be missing): the type and where the answers start.
fn head(text: &str) -> Option<(&str, usize)> {
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = text[digits..].strip_prefix(':')?;
    let name_len = rest.find(':')?;
    let name = &rest[..name_len];
    let upper = name.to_ascii_uppercase();
    let known = [TYPED, CHOSEN, OTHER].iter().any(|l| l.contains(&upper.as_str()));
    known.then_some((name, digits + 1 + name_len + 1))
}

/// Byte index of the first `c` not behind a backslash.
fn unescaped(text: &str, c: char) -> Option<usize> {
    let mut escaped = false;
    for (i, ch) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == c {
            return Some(i);
        }
    }
    None
}

/// `=a#fb~%50%b~c` into (text, percent).
fn answers(body: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    // `{:MC:~a~=b}`: a `~` may stand before the first answer too.
    let mut rest = body.strip_prefix('~').unwrap_or(body);
    loop {
        let end = unescaped(rest, '~').unwrap_or(rest.len());
        let answer = &rest[..end];
        let answer = &answer[..unescaped(answer, '#').unwrap_or(answer.len())];
        let (percent, text) = if let Some(t) = answer.strip_prefix('=') {
            (100.0, t)
        } else if let Some(t) = answer.strip_prefix('%') {
            match t
                .split_once('%')
                .and_then(|(w, t)| Some((w.trim().parse().ok()?, t)))
            {
                Some((w, t)) => (w, t),
                None => (0.0, answer),
            }
        } else {
            (0.0, answer)
        };
        out.push((unescape(text.trim()), percent));
        if end >= rest.len() {
            break;
        }
        rest = &rest[end + 1..];
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next) => out.push(next),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// An answer as Cloze text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '}' | '#' | '~' | '/' | '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_answers_and_escapes() {
        let text = "d = {1: 2}; {1:SHORTANSWER:=a\\}b~=c#fine~%50%d} and {:MC:~x~=y#yes} {2:NM:=3}";
        let p = parts(text);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].kind, PartKind::Typed);
        assert_eq!(
            p[0].answers,
            [
                ("a}b".to_string(), 100.0),
                ("c".to_string(), 100.0),
                ("d".to_string(), 50.0)
            ]
        );
        assert_eq!(
            &text[p[0].start..p[0].end],
            "{1:SHORTANSWER:=a\\}b~=c#fine~%50%d}"
        );
        assert_eq!(p[1].kind, PartKind::Chosen);
        assert_eq!(p[1].answers, [("x".to_string(), 0.0), ("y".to_string(), 100.0)]);
        assert_eq!((p[2].kind, p[2].type_name.as_str()), (PartKind::Other, "NM"));
        assert_eq!(escape("a}#~/\"\\b"), "a\\}\\#\\~\\/\\\"\\\\b");
        let again = parts(&format!("{{1:SAC:={}}}", escape("a}#~/\"\\b")));
        assert_eq!(again[0].answers[0].0, "a}#~/\"\\b");
    }
}
