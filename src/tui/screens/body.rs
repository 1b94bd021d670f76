//! Building the scrollable body of an item: wrapped prompt, numbered highlighted code, options.
//! Everything is wrapped here, so the line count is exact and nothing is cut off silently.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::bank::{Lang, marker};
use crate::session::Item;
use crate::tui::highlight;
use crate::tui::scroll::Scroll;
use crate::tui::theme::Theme;

/// Lines of a body plus where the highlighted option sits, to keep it on screen.
#[derive(Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    pub focus: Option<(usize, usize)>,
}

/// Wrap `text` to `width` columns at spaces, splitting words longer than a line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ') {
            let w = word.width();
            if used > 0 && used + 1 + w > width {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            for ch in word.chars() {
                let cw = ch.width().unwrap_or(0);
                if used + cw > width {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(ch);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

/// Prose as the author meant it, not as the YAML broke it: a single newline is a space, a blank
/// line starts a new paragraph. Indented lines (code) and list items keep their own lines.
pub fn reflow(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // Whether the last output line may take the next prose line.
    let mut open = false;
    for line in text.trim_end().lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if open || out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            open = false;
        } else if line.starts_with([' ', '\t']) {
            out.push(line.to_string());
            open = false;
        } else if open && !is_list_item(trimmed) {
            let last = out.last_mut().expect("open means a line exists");
            last.push(' ');
            last.push_str(trimmed);
        } else {
            out.push(trimmed.to_string());
            open = true;
        }
    }
    out.join("\n")
}

fn is_list_item(line: &str) -> bool {
    let numbered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()));
    line.starts_with("- ") || line.starts_with("* ") || line.starts_with("• ") || numbered
}

impl Doc {
    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// Prose (prompts, explanations): reflowed, then wrapped.
    pub fn prose(&mut self, text: &str, width: usize, style: Style) {
        self.text(&reflow(text), width, style);
    }

    pub fn text(&mut self, text: &str, width: usize, style: Style) {
        for l in wrap(text, width) {
            self.lines.push(Line::styled(l, style));
        }
    }

    /// Text with a first-line prefix and a hanging indent of the same width.
    pub fn hanging(&mut self, prefix: Vec<Span<'static>>, text: &str, width: usize, style: Style) {
        let indent: usize = prefix.iter().map(|s| s.content.width()).sum();
        for (i, l) in wrap(text, width.saturating_sub(indent)).into_iter().enumerate() {
            let mut spans = if i == 0 {
                prefix.clone()
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            spans.push(Span::styled(l, style));
            self.lines.push(Line::from(spans));
        }
    }

    /// An option's text after its mark. An option of several lines (a program's output) keeps
    /// a `┊` down its left edge, so a blank line inside it never reads as the gap between
    /// two options.
    pub fn option_text(
        &mut self,
        prefix: Vec<Span<'static>>,
        text: &str,
        width: usize,
        style: Style,
        theme: &Theme,
    ) {
        if !text.contains('\n') {
            return self.hanging(prefix, text, width, style);
        }
        let indent: usize = prefix.iter().map(|s| s.content.width()).sum();
        for (i, l) in wrap(text, width.saturating_sub(indent)).into_iter().enumerate() {
            let mut spans = if i == 0 {
                prefix.clone()
            } else {
                vec![
                    Span::raw(" ".repeat(indent.saturating_sub(2))),
                    Span::styled("┊ ", theme.dim()),
                ]
            };
            spans.push(Span::styled(l, style));
            self.lines.push(Line::from(spans));
        }
    }

    /// Code with line numbers and highlighting; long lines continue under a `┆` gutter.
    pub fn code(&mut self, code: &str, lang: Lang, width: usize, theme: &Theme) {
        self.code_filled(code, lang, width, theme, &|_| None);
    }

    /// Code whose `___N___` markers are drawn as `fill(N)` (a box with the text given there);
    /// a marker without a fill is shown as it is. Python is highlighted, other languages are
    /// shown plain; long lines wrap after a space so words stay whole.
    pub fn code_filled(&mut self, code: &str, lang: Lang, width: usize, theme: &Theme, fill: &Fill<'_>) {
        let lines = if lang.is_python() {
            highlight::lines(code)
        } else {
            highlight::plain(code)
        };
        let digits = lines.len().to_string().len().max(2);
        let avail = width.saturating_sub(digits + 3).max(8);
        for (n, runs) in lines.iter().enumerate() {
            let chars: Vec<(char, Style)> = with_fills(runs, theme, fill)
                .into_iter()
                .flat_map(|(text, style)| text.chars().map(move |c| (c, style)).collect::<Vec<_>>())
                .collect();
            for (i, (start, end)) in code_breaks(&chars, avail).into_iter().enumerate() {
                let gutter = if i == 0 {
                    format!("{:>digits$} │ ", n + 1)
                } else {
                    format!("{:>digits$} ┆ ", "")
                };
                let mut row = vec![Span::styled(gutter, theme.code_gutter())];
                for (ch, style) in &chars[start..end] {
                    let joins = row.len() > 1 && row.last().is_some_and(|s| s.style == *style);
                    match row.last_mut() {
                        Some(span) if joins => span.content.to_mut().push(*ch),
                        _ => row.push(Span::styled(ch.to_string(), *style)),
                    }
                }
                self.lines.push(Line::from(row));
            }
        }
    }

    /// One file of an item's listing: its name as a header line, then its code with line
    /// numbers of its own (an empty file says so).
    pub fn file(&mut self, name: &str, code: &str, lang: Lang, width: usize, theme: &Theme) {
        self.lines.push(file_title(name, width, theme));
        let code = code.trim_end_matches('\n');
        if code.trim().is_empty() {
            self.lines.push(Line::styled("   (empty file)", theme.dim()));
        } else {
            self.code(code, lang, width, theme);
        }
    }

    /// Options with radio or checkbox marks; `chosen` marks, `cursor` highlights.
    pub fn options(
        &mut self,
        item: &Item,
        chosen: &[usize],
        cursor: Option<usize>,
        width: usize,
        theme: &Theme,
    ) {
        let multiple = item.is_multiple();
        for (i, option) in item.options.iter().enumerate() {
            let on = chosen.contains(&i);
            let mark = match (multiple, on) {
                (false, true) => "(•)",
                (false, false) => "( )",
                (true, true) => "[x]",
                (true, false) => "[ ]",
            };
            let here = cursor == Some(i);
            let style = match (here, on) {
                (true, _) => theme.cursor(),
                (false, true) => theme.selected(),
                _ => theme.base(),
            };
            let start = self.lines.len();
            let pointer = if here { "›" } else { " " };
            let prefix = vec![Span::styled(format!("{pointer}{mark} {} ", letter(i)), style)];
            self.option_text(prefix, &option.text, width, style, theme);
            if here {
                self.focus = Some((start, self.lines.len()));
            }
        }
    }
}

/// A file's name as the header of its listing, then a short rule: `── pkg/__init__.py ───`.
pub fn file_title(name: &str, width: usize, theme: &Theme) -> Line<'static> {
    let head = format!("── {name} ");
    let fill = width.saturating_sub(head.width()).min(12);
    Line::styled(format!("{head}{}", "─".repeat(fill)), theme.title())
}

/// Where to cut one code line into rows of at most `avail` columns: after the last space that
/// fits, so words stay whole; a word longer than a row is cut where the row ends.
fn code_breaks<T>(chars: &[(char, T)], avail: usize) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let (mut used, mut end, mut after_space) = (0, start, None);
        while end < chars.len() {
            let cw = chars[end].0.width().unwrap_or(0);
            if used + cw > avail {
                break;
            }
            used += cw;
            if chars[end].0 == ' ' && end > start {
                after_space = Some(end + 1);
            }
            end += 1;
        }
        if end < chars.len()
            && let Some(cut) = after_space
        {
            end = cut;
        }
        rows.push((start, end.max(start + 1)));
        start = end.max(start + 1);
    }
    if rows.is_empty() {
        rows.push((0, 0));
    }
    rows
}

/// What a marker shows: its text and style, `None` to leave it as written.
pub type Fill<'a> = dyn Fn(usize) -> Option<(String, Style)> + 'a;

/// A highlighted line as (text, style) pieces, markers replaced by their fills. Markers are
/// found in the whole line, so one split across highlight runs is still replaced.
fn with_fills(runs: &highlight::Runs, theme: &Theme, fill: &Fill<'_>) -> Vec<(String, Style)> {
    let line: String = runs.iter().map(|(_, t)| t.as_str()).collect();
    let markers = marker::find(&line);
    let mut out = Vec::new();
    let (mut run_start, mut skip_to) = (0, 0);
    let mut next = markers.iter().peekable();
    for (capture, text) in runs {
        let style = theme.syntax(capture);
        let end = run_start + text.len();
        let mut from = run_start.max(skip_to);
        while let Some(m) = next.peek().filter(|m| m.start < end) {
            let shown = fill(m.number);
            if m.start > from {
                out.push((line[from..m.start].to_string(), style));
            }
            match shown {
                Some(f) => out.push(f),
                None => out.push((line[m.start..m.end].to_string(), style)),
            }
            from = m.end;
            next.next();
        }
        if from < end {
            out.push((line[from..end].to_string(), style));
        }
        skip_to = from;
        run_start = end;
    }
    out
}

pub fn letter(i: usize) -> char {
    (b'A' + i as u8) as char
}

/// Draw `doc` scrolled by `scroll`, keeping the focus in view. Returns whether more lies below.
pub fn render_doc(doc: Doc, scroll: u16, area: Rect, buf: &mut Buffer) -> bool {
    render_doc_at(doc, scroll, area, buf).1
}

/// `render_doc` for a view that scrolls: draws from where `scroll` asks (clamped to the text),
/// records what it drew, and marks text above the first line with ▲ at the top right. Returns
/// whether more lies below.
pub fn render_scrolled(doc: Doc, scroll: &Scroll, area: Rect, buf: &mut Buffer, theme: &Theme) -> bool {
    let max = doc.lines.len().saturating_sub(area.height as usize);
    let (top, more) = render_doc_at(doc, scroll.wanted(), area, buf);
    scroll.drawn(top, max.min(u16::MAX as usize) as u16);
    if top > 0 && area.width >= 12 {
        let mark = " ▲ more above ";
        let r = Rect {
            x: area.x + area.width.saturating_sub(mark.width() as u16),
            width: mark.width() as u16,
            height: 1,
            ..area
        };
        Paragraph::new(Span::styled(mark, theme.warn())).render(r, buf);
    }
    more
}

/// `render_doc`, also giving the first line it showed: `scroll` clamped to the end of the
/// text (and moved to bring the focus into view).
pub fn render_doc_at(doc: Doc, scroll: u16, area: Rect, buf: &mut Buffer) -> (u16, bool) {
    let height = area.height as usize;
    let total = doc.lines.len();
    let max_scroll = total.saturating_sub(height);
    let mut top = (scroll as usize).min(max_scroll);
    if let Some((start, end)) = doc.focus {
        // Bring the whole focus into view; when it is taller than the view, its first line.
        top = top.max(end.saturating_sub(height)).min(start).min(max_scroll);
    }
    let more_below = top + height < total;
    Paragraph::new(doc.lines)
        .scroll((top as u16, 0))
        .render(area, buf);
    (top as u16, more_below)
}

/// Rows the stem gets when stem and options do not fit together: the options keep a pane of
/// up to half the height, a rule separates them. (All of `height` when both fit.)
pub fn stem_rows(stem: usize, options: usize, height: u16) -> u16 {
    let h = height as usize;
    if stem + options <= h {
        return height;
    }
    let room = (h / 2).max(h.saturating_sub(stem + 1));
    let pane = options.min(room).max(1);
    h.saturating_sub(pane + 1) as u16
}

/// Draw an item: its stem (prompt and code) and its options. When both fit they flow as one
/// page. When they do not, the options keep a pane at the bottom (up to half the height) so
/// the choices never scroll out of sight, and the stem above scrolls with PgUp/PgDn.
/// Returns whether more of the stem lies below.
pub fn render_item(
    stem: Doc,
    options: Doc,
    scroll: &Scroll,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> bool {
    let height = area.height as usize;
    if stem.lines.len() + options.lines.len() <= height {
        let offset = stem.lines.len();
        let mut doc = stem;
        doc.focus = options.focus.map(|(a, b)| (a + offset, b + offset));
        doc.lines.extend(options.lines);
        scroll.drawn(0, 0);
        return render_doc(doc, 0, area, buf);
    }
    let stem_area = Rect {
        height: stem_rows(stem.lines.len(), options.lines.len(), area.height),
        ..area
    };
    let pane = area.height - stem_area.height - 1;
    let rule = Rect {
        y: stem_area.y + stem_area.height,
        height: 1,
        ..area
    };
    let options_area = Rect {
        y: rule.y + 1,
        height: pane,
        ..area
    };
    let more = render_scrolled(stem, scroll, stem_area, buf, theme);
    let options_cut = options.lines.len() > pane as usize;
    let label = match (more, options_cut) {
        (true, true) => "─ ▼ more text: PgDn ─ more options: ↓ ",
        (true, false) => "─ ▼ more text above the options: PgDn ",
        (false, true) => "─ more options below: ↓ ",
        (false, false) => "",
    };
    let line: String = label
        .chars()
        .chain(std::iter::repeat('─'))
        .take(area.width as usize)
        .collect();
    Paragraph::new(Line::styled(line, theme.dim())).render(rule, buf);
    render_doc(options, 0, options_area, buf);
    more
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
    }

    #[test]
    fn a_blank_line_inside_an_option_keeps_the_options_edge() {
        let theme = Theme { color: false };
        let mut doc = Doc::default();
        let prefix = vec![Span::raw("( ) A ")];
        doc.option_text(prefix.clone(), "1\n\n2", 40, theme.base(), &theme);
        doc.option_text(prefix, "one line", 40, theme.base(), &theme);
        let rows: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(rows, ["( ) A 1", "    ┊ ", "    ┊ 2", "( ) A one line"]);
    }

    #[test]
    fn a_filled_gap_never_reads_as_python_brackets() {
        use crate::tui::screens::kinds::marker_box;
        assert_eq!(marker_box(1, Some("'pen'"), false), "⟦'pen'⟧");
        assert_eq!(marker_box(2, None, false), "⟦__2__⟧");
        assert!(!marker_box(1, Some("x"), true).contains('['));
    }

    #[test]
    fn code_in_another_language_is_shown_plain() {
        let theme = Theme { color: true };
        let code = "[project]\nname = \"x\"  # not Python";
        let mut toml = Doc::default();
        toml.code(code, Lang::Toml, 60, &theme);
        for line in &toml.lines {
            assert_eq!(line.spans.len(), 2, "gutter and one plain run: {line:?}");
            assert_eq!(line.spans[1].style, theme.syntax(""));
        }
        let mut python = Doc::default();
        python.code(code, Lang::Python, 60, &theme);
        assert!(
            python.lines.iter().any(|l| l.spans.len() > 2),
            "Python is highlighted"
        );
    }

    #[test]
    fn prose_reflows_but_code_and_lists_keep_their_lines() {
        let yaml = "The + and - between two\nstrings are not defined.\n\nSo:\n- first\n  x = 1\n- second\nends here\n";
        assert_eq!(
            reflow(yaml),
            "The + and - between two strings are not defined.\n\nSo:\n- first\n  x = 1\n- second ends here"
        );
        assert_eq!(reflow("one\n\n\n\ntwo"), "one\n\ntwo");
    }

    #[test]
    fn code_wraps_after_a_space_and_cuts_only_words_too_long_for_a_row() {
        let chars = |s: &str| s.chars().map(|c| (c, "")).collect::<Vec<_>>();
        let rows = |s: &str, w| {
            let c = chars(s);
            code_breaks(&c, w)
                .into_iter()
                .map(|(a, b)| c[a..b].iter().map(|x| x.0).collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(rows("id INT PRIMARY KEY", 14), ["id INT ", "PRIMARY KEY"]);
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(rows("", 4), [""]);
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(wrap("日本語テキスト", 6), ["日本語", "テキス", "ト"]);
    }
}
