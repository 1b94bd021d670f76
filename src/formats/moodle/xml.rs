//! Moodle XML as a small tree of elements, read with quick-xml (a real XML tokenizer: CDATA,
//! references, attributes and well-formedness are its job, not string matching's) within limits
//! that make hostile files fail fast with one line: no DOCTYPE (so no entity definitions, no
//! billion laughs), no entity but XML's five and numeric ones, at most `MAX_DEPTH` nested
//! elements and `MAX_ELEMENTS` in all. `<file>` contents (base64 images) are never kept.

use quick_xml::Reader;
use quick_xml::events::Event;

/// Moodle XML nests five deep (quiz/question/answer/feedback/text); anything far deeper is not
/// a quiz, and a recursion-free reader still should not build it.
pub const MAX_DEPTH: usize = 32;
/// A quiz of a thousand questions has some 30,000 elements.
pub const MAX_ELEMENTS: usize = 200_000;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The element's own text (text and CDATA between its children), references decoded.
    pub text: String,
    /// Line of the start tag's end.
    pub line: usize,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text of `<name>` (or of its `<text>` child, Moodle's usual wrapping), trimmed.
    pub fn text_of(&self, name: &str) -> Option<String> {
        let el = self.child(name)?;
        let text = el.child("text").map_or(el.text.as_str(), |t| t.text.as_str());
        Some(text.trim().to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub line: usize,
    pub message: String,
}

/// The root element of `xml`, or the first reason it is not well-formed or within the limits.
pub fn parse(xml: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = true;
    let mut lines = LineCounter::default();
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut elements = 0usize;
    // Depth inside a `<file>` element, whose text is skipped.
    let mut in_file = 0usize;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            XmlError {
                line: lines.line(xml, at),
                message: format!("not well-formed XML: {e}"),
            }
        })?;
        let fail = |lines: &mut LineCounter, message: String| XmlError {
            line: lines.line(xml, at),
            message,
        };
        match event {
            Event::DocType(_) => {
                return Err(fail(
                    &mut lines,
                    "a DOCTYPE declaration: Moodle XML has none, and pyexam reads no DTD (its entities could expand without bound)".into(),
                ));
            }
            Event::Decl(decl) => {
                if let Some(Ok(enc)) = decl.encoding() {
                    let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                    if enc != "utf-8" && enc != "utf8" {
                        return Err(fail(
                            &mut lines,
                            format!(
                                "the file declares the encoding '{enc}'; Moodle writes UTF-8 and pyexam reads only UTF-8"
                            ),
                        ));
                    }
                }
            }
            Event::Start(start) => {
                if root.is_some() {
                    return Err(fail(&mut lines, "a second root element after the first".into()));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(fail(
                        &mut lines,
                        format!("elements nested more than {MAX_DEPTH} deep; Moodle XML nests about 5"),
                    ));
                }
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(fail(
                        &mut lines,
                        format!(
                            "more than {MAX_ELEMENTS} elements; a quiz of a thousand questions has about 30,000"
                        ),
                    ));
                }
                let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                let mut attrs = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| fail(&mut lines, format!("a bad attribute: {e}")))?;
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| fail(&mut lines, format!("a bad attribute value: {e}")))?;
                    attrs.push((
                        String::from_utf8_lossy(attr.key.as_ref()).into_owned(),
                        value.into_owned(),
                    ));
                }
                if name == "file" || in_file > 0 {
                    in_file += 1;
                }
                let line = lines.line(xml, reader.buffer_position() as usize);
                stack.push(Element {
                    name,
                    attrs,
                    line,
                    ..Element::default()
                });
            }
            Event::End(_) => {
                in_file = in_file.saturating_sub(1);
                let done = stack.pop().expect("quick-xml checks that every end has a start");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::Text(text) => {
                let text = text
                    .xml10_content()
                    .map_err(|e| fail(&mut lines, format!("bad text: {e}")))?;
                push_text(&mut stack, &text, in_file, &mut lines, xml, at)?;
            }
            Event::CData(data) => {
                let text = data
                    .decode()
                    .map_err(|e| fail(&mut lines, format!("bad CDATA: {e}")))?;
                push_text(&mut stack, &text, in_file, &mut lines, xml, at)?;
            }
            Event::GeneralRef(reference) => {
                let c = if reference.is_char_ref() {
                    reference
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .ok_or_else(|| fail(&mut lines, "a character reference to no character".into()))?
                } else {
                    let name = String::from_utf8_lossy(&reference).into_owned();
                    match name.as_str() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        _ => {
                            return Err(fail(
                                &mut lines,
                                format!(
                                    "the entity &{name}; is not defined (XML knows &lt; &gt; &amp; &apos; &quot; and &#NN;)"
                                ),
                            ));
                        }
                    }
                };
                push_text(
                    &mut stack,
                    c.encode_utf8(&mut [0; 4]),
                    in_file,
                    &mut lines,
                    xml,
                    at,
                )?;
            }
            // `expand_empty_elements` reports `<a/>` as a start and an end.
            Event::Comment(_) | Event::PI(_) | Event::Empty(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlError {
            line: open.line,
            message: format!("<{}> is never closed", open.name),
        });
    }
    root.ok_or_else(|| XmlError {
        line: 1,
        message: "no element at all: a Moodle XML file is one <quiz> element".into(),
    })
}

fn push_text(
    stack: &mut [Element],
    text: &str,
    in_file: usize,
    lines: &mut LineCounter,
    xml: &str,
    at: usize,
) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some(_) if in_file > 0 => Ok(()),
        Some(top) => {
            top.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(XmlError {
            line: lines.line(xml, at),
            message: "text outside the root element".into(),
        }),
    }
}

/// Lines of byte offsets that only grow (as the reader's do): each byte is counted once.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    fn line(&mut self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        if offset < self.offset {
            return 1 + text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        }
        self.line += text.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.line + 1
    }
}

/// `text` for XML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_text_cdata_and_references() {
        let root = parse(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n<question type=\"x&amp;y\"><name><text>A &lt; B &#65;</text></name>\n<questiontext><text><![CDATA[<p>hi</p>]]></text><file name=\"a.png\">QUJD</file></questiontext><empty/></question></quiz>",
        )
        .unwrap();
        let q = &root.children[0];
        assert_eq!(q.attr("type"), Some("x&y"));
        assert_eq!(q.text_of("name").as_deref(), Some("A < B A"));
        assert_eq!(q.text_of("questiontext").as_deref(), Some("<p>hi</p>"));
        assert_eq!(q.child("questiontext").unwrap().child("file").unwrap().text, "");
        assert!(q.child("empty").is_some());
        assert_eq!((root.line, q.line), (2, 3));
    }

    #[test]
    fn hostile_shapes_are_refused_with_their_line() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<quiz>&lol2;</quiz>";
        let e = parse(laughs).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.starts_with("a DOCTYPE declaration"), "{e:?}");
        let e = parse("<quiz>&lol;</quiz>").unwrap_err();
        assert!(e.message.starts_with("the entity &lol; is not defined"), "{e:?}");
        let deep = "<a>".repeat(40) + &"</a>".repeat(40);
        assert!(parse(&deep).unwrap_err().message.contains("nested more than 32"));
        assert!(
            parse("<quiz><a></b></quiz>")
                .unwrap_err()
                .message
                .starts_with("not well-formed")
        );
        assert!(parse("<quiz>").unwrap_err().message.contains("never closed"));
        assert!(parse("").is_err());
        assert!(parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><quiz/>").is_err());
    }
}
