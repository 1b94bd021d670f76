//! What the GIFT parser's parts share: the error of a question that cannot be read, and the
//! text of a run of tokens in its markup (`[html]` becomes text, a `<pre>` block a fenced one).

use super::Format;
use super::lexer::{Tok, Toks};
use crate::formats::html;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

pub fn error<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        message: message.into(),
    })
}

/// Banks hold plain text and code, so `[html]` is turned into text; `[markdown]`, `[plain]` and
/// `[moodle]` text is kept as written.
pub fn convert(text: &str, format: Format) -> String {
    match format {
        Format::Html => html::to_text(text),
        Format::Moodle | Format::Plain | Format::Markdown => text.to_string(),
    }
}

/// A leading `[html]`, `[moodle]`, `[plain]` or `[markdown]`.
pub fn format_tag(toks: &[Tok]) -> (Option<Format>, &[Tok]) {
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
pub fn text_of(toks: &[Tok], inherited: Format) -> String {
    let (own, rest) = format_tag(toks.trimmed());
    convert(&rest.trimmed().text(), own.unwrap_or(inherited))
}
