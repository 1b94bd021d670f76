//! The YAML shape of a bank file. Unknown fields are errors: a typo must not pass silently.
//! Fields the validator checks itself are optional here so that one file reports every problem.

use serde::Deserialize;

use super::model::{Choice, Gap, Kind, PoolEntry, Verify};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankFile {
    pub exam: String,
    pub topic: String,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    #[serde(default)]
    pub prompt: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub choices: Vec<RawChoice>,
    #[serde(default)]
    pub lines: Vec<String>,
    #[serde(default)]
    pub pool: Vec<RawPoolEntry>,
    #[serde(default)]
    pub slots: Vec<String>,
    #[serde(default)]
    pub gaps: Vec<RawGap>,
    #[serde(default)]
    pub expect: Option<String>,
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

/// A pool entry: the snippet alone, or `{ text, why }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawPoolEntry {
    Text(String),
    Full(FullPoolEntry),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullPoolEntry {
    pub text: String,
    #[serde(default)]
    pub why: Option<String>,
}

/// A gap: its accepted answers alone (`["**"]`), or `{ accept: [...], why }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawGap {
    Accept(Vec<String>),
    Full(FullGap),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullGap {
    pub accept: Vec<String>,
    #[serde(default)]
    pub why: Option<String>,
}

impl From<RawPoolEntry> for PoolEntry {
    fn from(raw: RawPoolEntry) -> Self {
        match raw {
            RawPoolEntry::Text(text) => PoolEntry { text, why: None },
            RawPoolEntry::Full(FullPoolEntry { text, why }) => PoolEntry { text, why },
        }
    }
}

impl From<RawGap> for Gap {
    fn from(raw: RawGap) -> Self {
        match raw {
            RawGap::Accept(accept) => Gap { accept, why: None },
            RawGap::Full(FullGap { accept, why }) => Gap { accept, why },
        }
    }
}
