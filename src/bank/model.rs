//! A validated question, whatever file or folder it came from.

use serde::{Deserialize, Serialize};

use super::marker;

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
    /// each option carries a hidden `check` expression; the keyed ones are exactly those whose
    /// check is truthy after `setup`, `code` (when Python) and `probe` have run.
    Checks,
    /// each option's text is code; a linter (`lint:`) decides which are clean of its codes.
    Lint,
    /// `match` items: the item's `rule`, evaluated for each card, names the card's bin.
    Match,
}

impl Verify {
    pub fn name(self) -> &'static str {
        match self {
            Verify::Output => "output",
            Verify::Raises => "raises",
            Verify::Truthy => "truthy",
            Verify::Raising => "raising",
            Verify::Checks => "checks",
            Verify::Lint => "lint",
            Verify::Match => "match",
        }
    }

    /// Kinds that run the item's own code (and so need it).
    pub fn needs_code(self) -> bool {
        matches!(self, Verify::Output | Verify::Raises)
    }
}

/// `verify: lint`: which tool judges the options and what it looks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lint {
    pub tool: LintTool,
    /// The codes the tool is asked about (only these are enabled), e.g. `[E225, E231]`.
    pub codes: Vec<String>,
    /// Whether the keyed options are the ones the tool finds `clean` (default) or `flagged`.
    #[serde(default)]
    pub keyed: LintKeyed,
    /// A program around each option: the line reading `<option>` is replaced by the option's
    /// text, indented like that line (a docstring inside a function, say).
    #[serde(default)]
    pub wrap: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LintTool {
    Pycodestyle,
    Pydocstyle,
    Pylint,
}

impl LintTool {
    pub fn name(self) -> &'static str {
        match self {
            LintTool::Pycodestyle => "pycodestyle",
            LintTool::Pydocstyle => "pydocstyle",
            LintTool::Pylint => "pylint",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LintKeyed {
    #[default]
    Clean,
    Flagged,
}

/// Item kinds: the real PCEP's single/multiple select, gap fill, drag & drop (code insertion)
/// and sort (code ordering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Choice,
    /// Type the missing text at each `___N___` marker of the code.
    Gap,
    /// Fill each `___N___` marker of the code with an entry of one pool.
    Slots,
    /// Arrange the lines of a program (or, with `lang: text`, concepts: a concept sort).
    Order,
    /// Arrange tiles into one line of code; decoy tiles stay unused.
    Tokens,
    /// Drop each card into one of several named bins.
    Match,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Gap => "gap",
            Kind::Slots => "slots",
            Kind::Order => "order",
            Kind::Tokens => "tokens",
            Kind::Match => "match",
        }
    }

    pub const ALL: [Kind; 6] = [
        Kind::Choice,
        Kind::Gap,
        Kind::Slots,
        Kind::Order,
        Kind::Tokens,
        Kind::Match,
    ];

    /// Kinds answered by arranging targets (pick and place, drag): order lines, tokens tiles.
    pub fn is_arranged(self) -> bool {
        matches!(self, Kind::Order | Kind::Tokens)
    }

    /// Kinds answered by putting an entry into a target (slots from the pool, cards into bins).
    pub fn is_filled(self) -> bool {
        matches!(self, Kind::Slots | Kind::Match)
    }
}

/// A snippet of a `slots` item's pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolEntry {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// A card of a `match` item: its text, the bin it belongs in, and why it belongs there (shown
/// when it is put elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub text: String,
    pub bin: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Typed answers are short: a name, an operator, a literal.
pub const MAX_GAP_CHARS: usize = 40;

/// One gap of a `gap` item: the answers accepted there (compared after trimming spaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub accept: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// A file beside an item's program (`files:`), as the exam lists a module or a package's files:
/// shown above the program under its name, and written next to it (`main.py`) in the folder
/// where the verifier and the tracer run it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    /// A relative path: `mod.py`, `pkg/__init__.py`, `data.txt`.
    pub name: String,
    /// Its text (may be empty: an empty `__init__.py`).
    #[serde(default)]
    pub code: String,
}

impl ItemFile {
    /// How the file is shown: Python when its name ends in `.py`, plain otherwise.
    pub fn lang(&self) -> Lang {
        if self.name.ends_with(".py") {
            Lang::Python
        } else {
            Lang::Text
        }
    }
}

/// The name the program under test runs as, beside its `files`.
pub const MAIN_FILE: &str = "main.py";

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
    /// Files beside the program, in the order shown (`files:`).
    pub files: Vec<ItemFile>,
    pub lang: Lang,
    pub kind: Kind,
    pub choices: Vec<Choice>,
    /// `order`: the lines in key order.
    pub lines: Vec<String>,
    /// `slots`: every snippet offered, distractors included.
    pub pool: Vec<PoolEntry>,
    /// `slots`: the key, the pool text for slot 1, 2, ...
    pub slots: Vec<String>,
    /// `gap`: what is accepted in gap 1, 2, ...
    pub gaps: Vec<Gap>,
    /// `tokens`: the line's tiles in key order.
    pub tiles: Vec<String>,
    /// `tokens`: tiles that belong nowhere in the line, each with its why.
    pub decoys: Vec<PoolEntry>,
    /// `match`: the bins' names, in the order shown.
    pub bins: Vec<String>,
    /// `match`: the cards, each with its bin.
    pub cards: Vec<Card>,
    /// `match` with `verify: match`: a Python expression with `{card}` that names a card's bin.
    pub rule: Option<String>,
    /// Beyond the official difficulty: a standard mock draws at most one per section.
    pub stretch: bool,
    /// What the completed program prints (`verify: output` on the interactive kinds).
    pub expect: Option<String>,
    pub explanation: String,
    pub verify: Option<Verify>,
    pub stdin: Option<String>,
    pub probe: Option<String>,
    /// Python run before `code` when verifying, never shown (a connection, tables, files).
    pub setup: Option<String>,
    /// `verify: checks`: each option's hidden check expression, in option order.
    pub checks: Vec<String>,
    /// `verify: lint`: the tool and codes that judge the options.
    pub lint: Option<Lint>,
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

    /// The item's program with its key in place: a gap's first accepted answer, each slot's
    /// key, the lines in key order; a choice item's code as it is. `None` when it has no code.
    /// (The verifier runs this, and a trace of the item steps through it.)
    pub fn completed_code(&self) -> Option<String> {
        self.completions().into_iter().next()
    }

    /// Every program that must print `expect`: for a gap item one per accepted answer (gap by
    /// gap, the k-th accepted answer or the gap's last), otherwise just `completed_code`.
    pub fn completions(&self) -> Vec<String> {
        let variants = match self.kind {
            Kind::Gap => self.gaps.iter().map(|g| g.accept.len()).max().unwrap_or(1).max(1),
            _ => 1,
        };
        let code = self.code.as_deref();
        let key = Key {
            lines: &self.lines,
            slots: &self.slots,
            gaps: &self.gaps,
            tiles: &self.tiles,
        };
        (0..variants)
            .filter_map(|k| program_with_key(self.kind, code, key, k))
            .collect()
    }

    /// Whether the item's lines or code are Python (a concept sort, `lang: text`, is not).
    pub fn is_code(&self) -> bool {
        self.lang.is_python()
    }
}

/// The parts of an item that make its key, whatever its kind.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    pub lines: &'a [String],
    pub slots: &'a [String],
    pub gaps: &'a [Gap],
    pub tiles: &'a [String],
}

/// A `tokens` item's line from its tiles: joined by one space, except before a tile that
/// starts with `:`, `,`, `.`, `)` or `]` and after one that ends with `(`, `[` or `.` (as code
/// is written; Python reads both the same).
pub fn tiles_line<'a>(tiles: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for tile in tiles {
        let glued =
            out.is_empty() || out.ends_with(['(', '[', '.']) || tile.starts_with([':', ',', '.', ')', ']']);
        if !glued {
            out.push(' ');
        }
        out.push_str(tile);
    }
    out
}

/// A `tokens` item's program with `line` at its marker (`___1___`), or the line alone.
pub fn with_line(code: Option<&str>, line: &str) -> String {
    match code {
        Some(code) => {
            let mut out = marker::fill(code, |n| (n == 1).then(|| line.to_string()));
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out
        }
        None => format!("{line}\n"),
    }
}

/// An item's program with its key in place: each slot's key, the lines in key order, each
/// gap's `k`-th accepted answer (or its last); a choice item's code as it is (`None` without
/// code). Shared by the question (verifier, tracer) and the item snapshot (step view), so both
/// always name the same program.
pub fn program_with_key(kind: Kind, code: Option<&str>, key: Key<'_>, k: usize) -> Option<String> {
    Some(match kind {
        Kind::Choice | Kind::Match => code?.to_string(),
        Kind::Order => join_lines(key.lines.iter().map(String::as_str)),
        Kind::Tokens => with_line(code, &tiles_line(key.tiles.iter().map(String::as_str))),
        Kind::Slots => marker::fill(code.unwrap_or(""), |n| key.slots.get(n - 1).cloned()),
        Kind::Gap => marker::fill(code.unwrap_or(""), |n| {
            let accept = &key.gaps.get(n - 1)?.accept;
            accept.get(k).or(accept.last()).map(|a| a.trim().to_string())
        }),
    })
}

/// Lines as one program, ending in a newline.
pub fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out: String = lines.collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_join_as_code_is_written() {
        let line = |t: &[&str]| tiles_line(t.iter().copied());
        assert_eq!(
            line(&["for", "i", "in", "range(5, 2, -1)", ":"]),
            "for i in range(5, 2, -1):"
        );
        assert_eq!(line(&["print(", "a", ",", "b", ")"]), "print(a, b)");
        assert_eq!(line(&["x", "=", "[", "1", "]"]), "x = [1]");
        assert_eq!(
            line(&["super()", ".__init__(", "name", ")"]),
            "super().__init__(name)"
        );
        assert_eq!(
            with_line(Some("if x:\n    ___1___\n"), "y = 1"),
            "if x:\n    y = 1\n"
        );
        assert_eq!(with_line(None, "y = 1"), "y = 1\n");
    }
}
