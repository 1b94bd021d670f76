//! GIFT text to question blocks: comment lines removed, blank lines split questions, and every
//! character tagged with its line and whether a backslash escaped it. Escaped characters never
//! act as syntax, so the parser only ever looks at unescaped ones.

/// One character of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub ch: char,
    /// Written with a backslash (`\~`, `\n`...): text, never syntax.
    pub escaped: bool,
    /// 1-based line in the GIFT file.
    pub line: usize,
}

/// The lines of one question (or `$CATEGORY` line), blank lines being the separator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub line: usize,
    pub toks: Vec<Tok>,
}

/// Characters a backslash makes literal; `\n` is a line break, `\\` a backslash.
const ESCAPABLE: &[char] = &['~', '=', '#', '{', '}', ':', '\\'];

/// The blocks one at a time, so that only the question being read is held as tokens.
pub fn blocks(text: &str) -> impl Iterator<Item = Block> + '_ {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n').enumerate();
    std::iter::from_fn(move || {
        let mut current: Option<Block> = None;
        for (i, raw) in lines.by_ref() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let number = i + 1;
            if line.trim_start().starts_with("//") {
                continue;
            }
            if line.trim().is_empty() {
                if current.is_some() {
                    return current;
                }
                continue;
            }
            let block = current.get_or_insert_with(|| Block {
                line: number,
                toks: Vec::new(),
            });
            if !block.toks.is_empty() {
                block.toks.push(Tok {
                    ch: '\n',
                    escaped: false,
                    line: number,
                });
            }
            lex_line(line, number, &mut block.toks);
        }
        current
    })
}

fn lex_line(line: &str, number: usize, toks: &mut Vec<Tok>) {
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        let tok = |ch, escaped| Tok {
            ch,
            escaped,
            line: number,
        };
        match (ch, chars.peek().copied()) {
            ('\\', Some('n')) => {
                chars.next();
                toks.push(tok('\n', true));
            }
            ('\\', Some(next)) if ESCAPABLE.contains(&next) => {
                chars.next();
                toks.push(tok(next, true));
            }
            // Any other backslash is text (`\t` in code stays `\t`), as GIFT editors write it.
            _ => toks.push(tok(ch, false)),
        }
    }
}

/// Helpers over a run of tokens.
pub trait Toks {
    fn text(&self) -> String;
    fn trimmed(&self) -> &[Tok];
    /// Index of the first unescaped occurrence of `pattern`.
    fn find_tok(&self, pattern: &str) -> Option<usize>;
    fn opens_with(&self, pattern: &str) -> bool;
}

impl Toks for [Tok] {
    fn text(&self) -> String {
        self.iter().map(|t| t.ch).collect()
    }

    /// Without unescaped whitespace at either end (an escaped `\n` is content).
    fn trimmed(&self) -> &[Tok] {
        let space = |t: &Tok| !t.escaped && t.ch.is_whitespace();
        let start = self.iter().position(|t| !space(t)).unwrap_or(self.len());
        let end = self.iter().rposition(|t| !space(t)).map_or(start, |i| i + 1);
        &self[start..end]
    }

    fn find_tok(&self, pattern: &str) -> Option<usize> {
        let pattern: Vec<char> = pattern.chars().collect();
        self.windows(pattern.len())
            .position(|w| w.iter().zip(&pattern).all(|(t, c)| !t.escaped && t.ch == *c))
    }

    /// Looks at the first tokens only (not a search of the whole run for `pattern`).
    fn opens_with(&self, pattern: &str) -> bool {
        let mut toks = self.iter();
        pattern
            .chars()
            .all(|c| toks.next().is_some_and(|t| !t.escaped && t.ch == c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_split_and_comments_vanish() {
        let text = "// header\n::a:: one {T}\n\n  \n// note\ntwo\n{F}\n";
        let blocks: Vec<Block> = blocks(text).collect();
        let texts: Vec<(usize, String)> = blocks.iter().map(|b| (b.line, b.toks.text())).collect();
        assert_eq!(
            texts,
            [(2, "::a:: one {T}".to_string()), (6, "two\n{F}".to_string())]
        );
        assert_eq!(blocks[1].toks.last().unwrap().line, 7);
    }

    #[test]
    fn escapes_are_text_not_syntax() {
        let b = &blocks(r"a\{b\}\~\=\#\:\\ \n \t").next().unwrap();
        assert_eq!(b.toks.text(), "a{b}~=#:\\ \n \\t");
        assert_eq!(b.toks.find_tok("{"), None);
        assert_eq!(b.toks.find_tok("\\"), Some(12));
        assert!(b.toks.iter().filter(|t| t.escaped).count() == 8);
    }

    #[test]
    fn trimming_keeps_escaped_whitespace() {
        let b = &blocks(r"  \n x  ").next().unwrap();
        assert_eq!(b.toks.trimmed().text(), "\n x");
    }
}
