//! Quiz formats of other tools, pure (text in, text out; `commands/formats.rs` reads and writes
//! the files): `gift` (Moodle's GIFT) and `moodle` (Moodle XML), each a reader and a writer,
//! beside the one conversion they share (`items`): a format's question becomes a bank item
//! (`Draft`, written by `yaml`), and a bank item is seen by an export as a `Shape` that every
//! format either has a type for or lists as not exported.
//!
//! What maps to what is documented in docs/authoring.md ("Importing and exporting GIFT", "From
//! Moodle / to Moodle").

pub mod gift;
pub mod html;
pub mod items;
pub mod moodle;
pub mod yaml;

pub use items::{Draft, DraftChoice, Import, Imported, Shape, Skipped, shape};

/// Prompts an import gives a missing-word question (the text with its gap becomes the code), and
/// by which an export recognises one.
pub const MISSING_WORD: &str = "Type the missing word.";
pub const MISSING_WORDS: &str = "Type the missing words.";
