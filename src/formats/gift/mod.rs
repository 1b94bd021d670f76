//! GIFT, Moodle's quiz interchange format: parsing (written from Moodle's format documentation:
//! `lexer` makes blocks of tokens, `parse` questions of them, `answers` reads the braces), the
//! questions as bank items (`to_items`) and a bank as GIFT (`export`).
//!
//! What maps to what is documented in docs/authoring.md ("Importing and exporting GIFT").

mod answers;
mod export;
mod lexer;
mod parse;
mod syntax;
mod to_items;

pub use super::import::{Import, Imported};
pub use super::items::Skipped;
pub use answers::MAX_ANSWERS;
pub use export::{Export, export};
pub use parse::parse;
pub use syntax::ParseError;
pub use to_items::import;

/// GIFT files larger than this are refused before they are read (`pyexam import gift`): a quiz
/// is kilobytes, and reading takes several bytes of memory per byte of text.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The markup of a piece of text: `[moodle]` (the default), `[html]`, `[plain]`, `[markdown]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Moodle,
    Html,
    Plain,
    Markdown,
}

/// One `=` or `~` answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// `=` (the right answer) rather than `~`.
    pub right: bool,
    /// `%50%` and the like, in percent.
    pub weight: Option<f64>,
    pub text: String,
    /// `#...` after the answer.
    pub feedback: Option<String>,
    pub line: usize,
}

impl Answer {
    /// Right by `=` or by a positive weight (multiple answers: `~%50%`).
    pub fn is_key(&self) -> bool {
        match self.weight {
            Some(w) => w > 0.0,
            None => self.right,
        }
    }
}

/// What the answer braces hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `{=a ~b ~c}`, or multiple answers with `~%50%` weights.
    Choice(Vec<Answer>),
    /// `{T}` / `{FALSE#wrong feedback#right feedback}`.
    TrueFalse {
        value: bool,
        wrong_feedback: Option<String>,
        right_feedback: Option<String>,
    },
    /// `{=a =b}`: every answer is accepted.
    ShortAnswer(Vec<Answer>),
    /// `{=left -> right ...}`; a pair with an empty left is a distractor.
    Matching(Vec<(String, String)>),
    /// `{#...}`
    Numerical,
    /// `{}`
    Essay,
    /// No braces at all: text shown between questions.
    Description,
}

impl Body {
    pub fn name(&self) -> &'static str {
        match self {
            Body::Choice(_) => "multiple choice",
            Body::TrueFalse { .. } => "true/false",
            Body::ShortAnswer(_) => "short answer",
            Body::Matching(_) => "matching",
            Body::Numerical => "numerical",
            Body::Essay => "essay",
            Body::Description => "description",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Line of the question's first character.
    pub line: usize,
    pub title: Option<String>,
    pub format: Format,
    /// The text before the answer braces, converted from its format (HTML becomes text, a
    /// `<pre>` block a fenced one).
    pub before: String,
    /// Text after the braces: a missing-word question when there is any.
    pub after: Option<String>,
    pub body: Body,
    /// `####...`
    pub general_feedback: Option<String>,
}
