//! The house style of `why` texts: one sentence that starts with a capital letter or with a
//! code token (`len()`, `__init__`, `"abc"`, a digit, a name from the item's code) and ends
//! with a period. Review reads them as sentences, so a lowercase fragment reads as a typo.

/// Python words that can open a sentence only as code.
const CODE_WORDS: &[&str] = &[
    "finally",
    "except",
    "try",
    "raise",
    "return",
    "yield",
    "lambda",
    "def",
    "class",
    "del",
    "elif",
    "else",
    "match",
    "pass",
    "break",
    "continue",
    "global",
    "nonlocal",
    "assert",
    "import",
    "await",
    "async",
    "self",
    "cls",
    "len",
    "print",
    "str",
    "int",
    "float",
    "dict",
    "tuple",
    "repr",
    "isinstance",
    "issubclass",
    "getattr",
    "setattr",
    "hasattr",
    "delattr",
    "bool",
    "bytes",
    "bytearray",
    "frozenset",
    "enumerate",
    "callable",
    "chr",
    "ord",
    "abs",
    "divmod",
    "pow",
    "eval",
    "exec",
    "globals",
    "locals",
    "staticmethod",
    "classmethod",
    "super",
];

/// English words that start sentences; as the first word they must be capitalised even when
/// the code happens to use them.
const ENGLISH: &[&str] = &[
    "a", "an", "the", "in", "is", "not", "and", "or", "for", "if", "with", "as", "from", "while", "it",
    "this", "that", "each", "every", "only", "no", "all", "any", "both", "one", "there", "here", "when",
    "then", "so", "but", "on", "at", "to", "by", "of", "be", "do", "its", "they", "these", "those", "such",
    "either", "neither", "after", "before", "since", "because", "even", "also", "unlike", "like", "without",
    "two", "three", "none", "nothing",
];

/// Whether `why` follows the style. `context` is the item's code, prompt and option texts:
/// a lowercase first word that names something there is code, not a sloppy start.
pub fn why_follows_style(why: &str, context: &str) -> bool {
    let why = why.trim();
    if !why.ends_with('.') {
        return false;
    }
    let Some(first) = why.chars().next() else {
        return false;
    };
    if first.is_uppercase() || !first.is_alphabetic() {
        return true;
    }
    let word = why
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ';', ':', '.', '!', '?']);
    if word.chars().any(|c| !c.is_alphabetic()) || CODE_WORDS.contains(&word) {
        return true;
    }
    if word.chars().count() == 1 {
        return word != "a";
    }
    !ENGLISH.contains(&word) && identifiers(context).any(|id| id == word)
}

fn identifiers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::why_follows_style as ok;

    #[test]
    fn capital_or_code_start_and_a_final_period() {
        let cases = [
            ("The loop ends early.", "", true),
            ("the loop ends early.", "", false),
            ("The loop ends early", "", false),
            ("len() counts characters.", "", true),
            ("__init__ runs once.", "", true),
            ("\"abc\" is a str.", "", true),
            ("3 is odd.", "", true),
            ("finally always runs.", "", true),
            ("x is still 5.", "", true),
            ("total is reset each time.", "total = 0", true),
            ("total is reset each time.", "", false),
            ("in checks keys.", "for k in d: pass", false),
            ("a list is mutable.", "a = []", false),
        ];
        for (why, context, expected) in cases {
            assert_eq!(ok(why, context), expected, "{why:?} with {context:?}");
        }
    }
}
