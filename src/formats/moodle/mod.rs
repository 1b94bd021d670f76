//! Moodle XML, the quiz format that holds every pyexam kind: `xml` reads a file into elements
//! within limits (quick-xml), `to_items` makes bank items of its questions, `cloze` reads and
//! writes embedded answers, `export` writes a bank.
//!
//! What maps to what is documented in docs/authoring.md ("From Moodle / to Moodle").

mod cloze;
mod export;
mod to_items;
mod xml;

pub use export::{Export, export};
pub use to_items::{PLACES, import};
pub use xml::{MAX_DEPTH, MAX_ELEMENTS, XmlError};

/// Moodle XML files larger than this are refused before they are read: a quiz of text is
/// kilobytes, but Moodle embeds images as base64 `<file>` elements (which import leaves out
/// without keeping them), so the cap is above GIFT's 4 MiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
