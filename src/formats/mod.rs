//! Quiz formats of other tools, pure (text in, text out; `commands/formats.rs` reads and writes
//! the files): `gift` (Moodle's GIFT) and `moodle` (Moodle XML), each a reader and a writer,
//! beside the one conversion they share (`items`): a format's question becomes a bank item
//! (`Draft`; `import` numbers them, `yaml` writes the bank file), and a bank item is seen by an
//! export as a `Shape` that every format either has a type for or lists as not exported.
//! Dependencies run one way: formats -> import -> yaml -> items.
//!
//! What maps to what is documented in docs/authoring.md ("Importing and exporting GIFT", "From
//! Moodle / to Moodle").

pub mod gift;
pub mod html;
pub mod import;
pub mod items;
pub mod moodle;
pub mod yaml;

pub use import::{Converted, Import, Imported, finish};
pub use items::{Draft, DraftChoice, MISSING_WORD, MISSING_WORDS, Shape, Skipped, shape};
