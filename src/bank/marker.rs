//! Slot and gap markers in code: `___1___`, `___2___` ... (three underscores, the number, three
//! underscores). Never valid-looking Python, easy to type, drawn on screen as numbered boxes.

/// One marker: its number and its byte range in the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub number: usize,
    pub start: usize,
    pub end: usize,
}

/// Every marker in `code`, in order.
pub fn find(code: &str) -> Vec<Marker> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 7 <= bytes.len() {
        if bytes[i..].starts_with(b"___") {
            let digits = bytes[i + 3..].iter().take_while(|b| b.is_ascii_digit()).count();
            let end = i + 3 + digits;
            if digits > 0 && bytes[end..].starts_with(b"___") {
                if let Ok(number) = code[i + 3..end].parse() {
                    out.push(Marker {
                        number,
                        start: i,
                        end: end + 3,
                    });
                }
                i = end + 3;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `code` with each marker replaced by `fill(number)`; markers without a fill stay as they are.
pub fn fill(code: &str, fill: impl Fn(usize) -> Option<String>) -> String {
    let mut out = String::with_capacity(code.len());
    let mut last = 0;
    for m in find(code) {
        out.push_str(&code[last..m.start]);
        match fill(m.number) {
            Some(text) => out.push_str(&text),
            None => out.push_str(&code[m.start..m.end]),
        }
        last = m.end;
    }
    out.push_str(&code[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_numbered_markers_only() {
        let code = "x = ___1___ + ___12___\n__init__ ___ ___a___ ___2__";
        let found: Vec<usize> = find(code).iter().map(|m| m.number).collect();
        assert_eq!(found, [1, 12]);
        assert_eq!(
            fill(code, |n| Some(format!("<{n}>"))).lines().next(),
            Some("x = <1> + <12>")
        );
    }

    #[test]
    fn unfilled_markers_stay() {
        assert_eq!(
            fill("a ___1___ ___2___", |n| (n == 1).then(|| "b".into())),
            "a b ___2___"
        );
    }
}
