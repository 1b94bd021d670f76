//! The YAML shape of a bank file. Unknown fields are errors: a typo must not pass silently.
//! Fields the validator checks itself are optional here so that one file reports every problem.

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::model::{Choice, Gap, ItemFile, Kind, Lang, Lint, PoolEntry, Verify};

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
    /// Files beside the program: `- { name: mod.py, code: ... }`.
    #[serde(default)]
    pub files: Vec<ItemFile>,
    #[serde(default)]
    pub lang: Lang,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub choices: Vec<RawChoice>,
    #[serde(default)]
    pub lines: Vec<String>,
    #[serde(default)]
    pub pool: Vec<RawPoolEntry>,
    #[serde(default)]
    pub slots: Vec<Snippet>,
    #[serde(default)]
    pub gaps: Vec<RawGap>,
    /// `tokens`: the line's tiles in key order.
    #[serde(default)]
    pub tiles: Vec<Snippet>,
    /// `tokens`: tiles the line does not use.
    #[serde(default)]
    pub decoys: Vec<RawPoolEntry>,
    /// `match`: the bins' names.
    #[serde(default)]
    pub bins: Vec<Snippet>,
    /// `match`: the cards and their bins.
    #[serde(default)]
    pub cards: Vec<RawCard>,
    /// `match` with `verify: match`: the expression that names a card's bin.
    #[serde(default)]
    pub rule: Option<String>,
    #[serde(default)]
    pub stretch: bool,
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
    pub setup: Option<String>,
    #[serde(default)]
    pub lint: Option<Lint>,
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
    /// `verify: checks`: the hidden expression that decides this option.
    #[serde(default)]
    pub check: Option<String>,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCard {
    pub text: Snippet,
    pub bin: Snippet,
    #[serde(default)]
    pub why: Option<String>,
}

/// A pool entry: the snippet alone, or `{ text, why }`.
#[derive(Debug)]
pub enum RawPoolEntry {
    Text(String),
    Full(FullPoolEntry),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullPoolEntry {
    pub text: Snippet,
    #[serde(default)]
    pub why: Option<String>,
}

/// A gap: its accepted answers alone (`["**"]`), or `{ accept: [...], why }`.
#[derive(Debug)]
pub enum RawGap {
    Accept(Vec<String>),
    Full(FullGap),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullGap {
    pub accept: Vec<Snippet>,
    #[serde(default)]
    pub why: Option<String>,
}

impl From<RawPoolEntry> for PoolEntry {
    fn from(raw: RawPoolEntry) -> Self {
        match raw {
            RawPoolEntry::Text(text) => PoolEntry { text, why: None },
            RawPoolEntry::Full(FullPoolEntry { text, why }) => PoolEntry { text: text.0, why },
        }
    }
}

impl From<RawGap> for Gap {
    fn from(raw: RawGap) -> Self {
        match raw {
            RawGap::Accept(accept) => Gap { accept, why: None },
            RawGap::Full(FullGap { accept, why }) => Gap {
                accept: accept.into_iter().map(|s| s.0).collect(),
                why,
            },
        }
    }
}

// Hand-written rather than `#[serde(untagged)]`, so that a typo inside the long form gets
// serde's "unknown field `wy`, expected `text` or `why`" instead of "did not match any variant".
impl<'de> Deserialize<'de> for RawPoolEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawPoolEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a snippet, or a map with `text` and `why`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawPoolEntry::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(RawPoolEntry::Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(RawPoolEntry::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                FullPoolEntry::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawPoolEntry::Full)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawGap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawGap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of accepted answers, or a map with `accept` and `why`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<Snippet>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(|v| RawGap::Accept(v.into_iter().map(|s| s.0).collect()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                FullGap::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawGap::Full)
            }
        }
        d.deserialize_any(V)
    }
}

/// A snippet of code as text; a bare integer (`0`, unquoted in YAML) is taken as its digits.
#[derive(Debug)]
pub struct Snippet(pub String);

impl<'de> Deserialize<'de> for Snippet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Snippet;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a snippet of code (quote it if it is not a plain word or integer)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Snippet(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Snippet(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Snippet(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
