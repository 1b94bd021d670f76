//! HTML, as quiz formats carry question text, to the plain text and code of a bank item, and
//! back. Tags go; entities are decoded; `<br>` is a line break and a paragraph a blank line;
//! whitespace runs of the source are one space, as a browser shows them; a `<pre>` block (or a
//! `<code>` element of several lines) becomes a fenced block, with its `language-xxx` class as
//! the fence's language, which an import then takes as the item's code.

/// `html` as text, every code block fenced (```lang ... ```).
pub fn to_text(html: &str) -> String {
    let mut parts: Vec<Part> = vec![Part::Text(String::new())];
    let mut rest = html;
    let text = |parts: &mut Vec<Part>, s: &str| {
        if let Some(Part::Text(t)) = parts.last_mut() {
            t.push_str(s);
        } else {
            parts.push(Part::Text(s.to_string()));
        }
    };
    while let Some(lt) = rest.find('<') {
        text(&mut parts, &collapse(&decode_entities(&rest[..lt])));
        let Some(gt) = rest[lt..].find('>') else {
            text(&mut parts, &collapse(&decode_entities(&rest[lt..])));
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let closing = tag.trim_start().starts_with('/');
        let name = tag
            .trim()
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        rest = &rest[lt + gt + 1..];
        match (name.as_str(), closing) {
            ("pre", false) => {
                let end = find_ignoring_case(rest, "</pre>").unwrap_or(rest.len());
                let inner = &rest[..end];
                let lang = language(tag).or_else(|| language(inner.split('>').next().unwrap_or("")));
                let code = decode_entities(&strip_tags(inner));
                parts.push(Part::Code { lang, code });
                rest = rest.get(end + "</pre>".len()..).unwrap_or("");
            }
            ("code", false) => {
                let end = find_ignoring_case(rest, "</code>").unwrap_or(rest.len());
                let inner = decode_entities(&strip_tags(&rest[..end]));
                if inner.trim().contains('\n') {
                    parts.push(Part::Code {
                        lang: language(tag),
                        code: inner,
                    });
                } else {
                    text(&mut parts, &collapse(&inner));
                }
                rest = rest.get(end + "</code>".len()..).unwrap_or("");
            }
            ("br", _) => text(&mut parts, "\n"),
            ("p" | "div" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "blockquote", _) => {
                text(&mut parts, "\n\n")
            }
            ("li" | "tr", false) => text(&mut parts, "\n- "),
            _ => {}
        }
    }
    text(&mut parts, &collapse(&decode_entities(rest)));
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Text(t) => {
                let t = tidy(&t);
                if !t.is_empty() {
                    if !out.is_empty() {
                        out.push_str("\n\n");
                    }
                    out.push_str(&t);
                }
            }
            Part::Code { lang, code } => {
                let code = code
                    .strip_prefix("\r\n")
                    .or_else(|| code.strip_prefix('\n'))
                    .unwrap_or(&code);
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                let newline = if code.ends_with('\n') { "" } else { "\n" };
                out.push_str(&format!("```{}\n{code}{newline}```", lang.unwrap_or_default()));
            }
        }
    }
    out
}

enum Part {
    Text(String),
    Code { lang: Option<String>, code: String },
}

/// A `language-xxx` (or `lang-xxx`) class in a tag.
fn language(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower
        .find("language-")
        .map(|i| i + 9)
        .or_else(|| lower.find("lang-").map(|i| i + 5))?;
    let name: String = lower[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Whitespace runs as one space (a line break in HTML source is a space on screen).
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(if c == '\u{a0}' { ' ' } else { c });
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Lines trimmed, runs of blank lines one blank line, none at either end.
fn tidy(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in text.split('\n').map(str::trim) {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// A fenced code block (```lang ... ```) taken out of markdown text: (text around it, code,
/// language). The code keeps its lines exactly, with a final line break.
pub fn take_fence(text: &str) -> Option<(String, String, String)> {
    let start = fence_at(text, 0)?;
    let lang_end = text[start..].find('\n')? + start;
    let lang = text[start + 3..lang_end].trim().to_string();
    let body_start = lang_end + 1;
    let close = fence_at(text, body_start)?;
    let code = text[body_start..close].to_string();
    let after_close = text[close + 3..].find('\n').map_or(text.len(), |i| close + 3 + i);
    let before = text[..start].trim();
    let after = text[after_close..].trim();
    let around = match (before.is_empty(), after.is_empty()) {
        (_, true) => before.to_string(),
        (true, false) => after.to_string(),
        (false, false) => format!("{before}\n\n{after}"),
    };
    Some((around, code, lang))
}

/// Byte index of the next "```" that starts a line, from `from` on.
fn fence_at(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = text[at..].find("```")? + at;
        if i == 0 || text[..i].ends_with('\n') {
            return Some(i);
        }
        at = i + 3;
    }
}

/// Byte index of `needle` (ASCII) in `haystack`, in any case. Lowercasing the rest of the text
/// for each `<pre>` instead made many blocks quadratic.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// HTML's entities: the named ones quiz text uses, and every numeric one.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|i| i + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let terminated = rest[end..].starts_with(';');
        match entity(name).filter(|_| terminated) {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n).filter(|&c| c != '\0');
    }
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "times" => '×',
        "divide" => '÷',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "rarr" => '→',
        "larr" => '←',
        "middot" => '·',
        "copy" => '©',
        "deg" => '°',
        _ => return None,
    })
}

/// Text as HTML element content: `<`, `>` and `&` as entities. (A `"` stays: Cloze answers
/// escape it with a backslash, which `\&quot;` would defeat.)
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain text as HTML paragraphs: a blank line between paragraphs, `<br>` for a single break.
pub fn paragraphs(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text_and_pre_a_fence() {
        let html = "<p>What does <b>this</b>\n   print?</p><pre><code class=\"language-python\">if a &lt; b:\n    print(1)</code></pre>";
        assert_eq!(
            to_text(html),
            "What does this print?\n\n```python\nif a < b:\n    print(1)\n```"
        );
        assert_eq!(to_text("<PRE>a</Pre>b<pre>c"), "```\na\n```\n\nb\n\n```\nc\n```");
        assert_eq!(
            to_text("One<br>two<p>three &amp; &#52;&#x32; &bogus; &lt</p>"),
            "One\ntwo\n\nthree & 42 &bogus; &lt"
        );
    }

    #[test]
    fn text_goes_back_to_html() {
        assert_eq!(
            paragraphs("a < b\nc\n\nd & e"),
            "<p>a &lt; b<br>c</p><p>d &amp; e</p>"
        );
        assert_eq!(to_text(&paragraphs("a < b\nc\n\nd & e")), "a < b\nc\n\nd & e");
    }

    #[test]
    fn a_fence_is_taken_out_with_its_language() {
        let text = "What is printed?\n\n```python\nx = 1\n\nprint(x)\n```\nPick one.";
        assert_eq!(
            take_fence(text),
            Some((
                "What is printed?\n\nPick one.".to_string(),
                "x = 1\n\nprint(x)\n".to_string(),
                "python".to_string()
            ))
        );
        assert_eq!(take_fence("no ``` fence here"), None);
    }
}
