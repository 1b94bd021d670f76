//! The YAML shape of a bank file. Unknown fields are errors: a typo must not pass silently.
//! Fields the validator checks itself are optional here so that one file reports every problem.

use serde::Deserialize;

use super::model::{Choice, Kind, Lang, Verify};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankFile {
    pub exam: String,
    pub topic: String,
    /// The file another format was converted from (`pyexam import gift`): such a bank may lack
    /// explanations, which are then warnings instead of errors.
    #[serde(default)]
    pub imported_from: Option<String>,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    /// The syllabus objective the item tests (an id listed in exams.yaml).
    #[serde(default)]
    pub objective: Option<String>,
    #[serde(default)]
    pub prompt: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub lang: Lang,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub choices: Vec<RawChoice>,
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub verify: Option<Verify>,
    #[serde(default)]
    pub stdin: Option<String>,
    #[serde(default)]
    pub probe: Option<String>,
    #[serde(default)]
    pub requires: Vec<String>,
    #[serde(default)]
    pub shuffle: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    #[serde(default)]
    pub why: Option<String>,
}

impl From<RawChoice> for Choice {
    fn from(raw: RawChoice) -> Self {
        Choice {
            text: raw.text,
            correct: raw.correct,
            why: raw.why,
        }
    }
}
