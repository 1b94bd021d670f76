//! Text formats. Banks hold plain text and code, so `[html]` is turned into text (a `<pre>` block
//! into a fenced one, which import then takes as the item's code); `[markdown]`, `[plain]` and
//! `[moodle]` text is kept as written.

use super::Format;

pub fn convert(text: &str, format: Format) -> String {
    match format {
        Format::Html => html_to_text(text),
        Format::Moodle | Format::Plain | Format::Markdown => text.to_string(),
    }
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

fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            out.push_str(&decode_entities(&rest[lt..]));
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        rest = &rest[lt + gt + 1..];
        match (name, tag.starts_with('/')) {
            ("pre", false) => {
                let end = find_ignoring_case(rest, "</pre>").unwrap_or(rest.len());
                let inner = strip_tags(&rest[..end]);
                let inner = inner.strip_prefix('\n').unwrap_or(&inner);
                let newline = if inner.ends_with('\n') { "" } else { "\n" };
                out.push_str(&format!("\n```\n{inner}{newline}```\n"));
                rest = rest.get(end + 6..).unwrap_or("");
            }
            ("br", _) => out.push('\n'),
            ("p" | "div", true) => out.push_str("\n\n"),
            ("li", false) => out.push_str("\n- "),
            _ => {}
        }
    }
    out.push_str(&decode_entities(rest));
    out.trim().to_string()
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
    decode_entities(&out)
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text_and_pre_a_fence() {
        let html = "<p>What does <b>this</b> print?</p><pre><code>if a &lt; b:\n    print(1)</code></pre>";
        assert_eq!(
            convert(html, Format::Html),
            "What does this print?\n\n\n```\nif a < b:\n    print(1)\n```"
        );
        assert_eq!(
            convert("<PRE>a</Pre>b<pre>c", Format::Html),
            "```\na\n```\nb\n```\nc\n```"
        );
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
