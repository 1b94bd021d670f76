//! A validated question, whatever file or folder it came from.

use serde::{Deserialize, Serialize};

/// How a question's key is proven by running CPython (see docs/authoring.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verify {
    /// stdout equals the keyed option's text.
    Output,
    /// the code ends with an uncaught exception the keyed option names.
    Raises,
    /// each option is an expression; the keyed ones are exactly the truthy ones.
    Truthy,
    /// each option is a statement; the keyed ones are exactly those that raise.
    Raising,
}

impl Verify {
    pub fn name(self) -> &'static str {
        match self {
            Verify::Output => "output",
            Verify::Raises => "raises",
            Verify::Truthy => "truthy",
            Verify::Raising => "raising",
        }
    }

    /// Kinds that run the item's own code (and so need it).
    pub fn needs_code(self) -> bool {
        matches!(self, Verify::Output | Verify::Raises)
    }
}

/// Item kinds. The real PCEP also has gap fill, ordering and code insertion; they slot in here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Choice,
}

/// The language of an item's code block: Python is highlighted, the rest is shown plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Python,
    Toml,
    Json,
    Ini,
    Sql,
    Shell,
    Text,
}

impl Lang {
    // By reference, so serde's `skip_serializing_if` can call it.
    pub fn is_python(&self) -> bool {
        *self == Lang::Python
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Toml => "toml",
            Lang::Json => "json",
            Lang::Ini => "ini",
            Lang::Sql => "sql",
            Lang::Shell => "shell",
            Lang::Text => "text",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Where a question is defined, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: String,
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub exam: String,
    pub topic: String,
    pub prompt: String,
    pub code: Option<String>,
    pub lang: Lang,
    pub kind: Kind,
    pub choices: Vec<Choice>,
    pub explanation: String,
    pub verify: Option<Verify>,
    pub stdin: Option<String>,
    pub probe: Option<String>,
    pub requires: Vec<String>,
    pub shuffle: bool,
    /// The syllabus objective; `None` only where its topic lists no objectives.
    pub objective: Option<String>,
    pub origin: Origin,
}

impl Question {
    /// Indices of the keyed options, in file order.
    pub fn keyed(&self) -> Vec<usize> {
        self.choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| i)
            .collect()
    }
}
