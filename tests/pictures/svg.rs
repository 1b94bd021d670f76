//! A ratatui buffer as an SVG picture of a terminal: one `<text>` per run of cells that share a
//! style, a `<rect>` behind runs with a background, the theme's colours as a dark palette.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const CELL_W: f64 = 8.4;
const CELL_H: f64 = 18.0;
const PAD: f64 = 14.0;
const BAR: f64 = 26.0;
const FG: &str = "#c9d1d9";
const BG: &str = "#0d1117";

fn hex(color: Color, default: &str) -> String {
    let named = match color {
        Color::Reset => default,
        Color::Black => "#484f58",
        Color::Red => "#ff7b72",
        Color::Green => "#3fb950",
        Color::Yellow => "#d29922",
        Color::Blue => "#58a6ff",
        Color::Magenta => "#bc8cff",
        Color::Cyan => "#39c5cf",
        Color::Gray => "#b1bac4",
        Color::DarkGray => "#6e7681",
        Color::LightRed => "#ffa198",
        Color::LightGreen => "#56d364",
        Color::LightYellow => "#e3b341",
        Color::LightBlue => "#79c0ff",
        Color::LightMagenta => "#d2a8ff",
        Color::LightCyan => "#56d4dd",
        Color::White => "#f0f6fc",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => return indexed(i),
    };
    named.to_string()
}

/// xterm's 256-colour table beyond the 16 named colours.
fn indexed(i: u8) -> String {
    match i {
        0..=15 => hex(
            [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White,
            ][i as usize],
            FG,
        ),
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let n = i - 16;
            format!(
                "#{:02x}{:02x}{:02x}",
                level(n / 36),
                level(n / 6 % 6),
                level(n % 6)
            )
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            format!("#{v:02x}{v:02x}{v:02x}")
        }
    }
}

#[derive(PartialEq, Clone)]
struct Style {
    fg: String,
    bg: Option<String>,
    bold: bool,
    italic: bool,
    dim: bool,
    underline: bool,
}

fn style_of(cell: &ratatui::buffer::Cell) -> Style {
    let m = cell.modifier;
    let (mut fg, mut bg) = (hex(cell.fg, FG), hex(cell.bg, BG));
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    Style {
        fg,
        bg: (bg != BG).then_some(bg),
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        dim: m.contains(Modifier::DIM),
        underline: m.contains(Modifier::UNDERLINED),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn render(buf: &Buffer, title: &str) -> String {
    let area = buf.area;
    let width = f64::from(area.width) * CELL_W + 2.0 * PAD;
    let height = f64::from(area.height) * CELL_H + 2.0 * PAD + BAR;
    let mut out = String::new();
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace\" font-size=\"14\">"
    )
    .unwrap();
    writeln!(out, "<title>{}</title>", escape(title)).unwrap();
    writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" rx=\"8\" fill=\"{BG}\"/>"
    )
    .unwrap();
    for (i, color) in ["#ff5f57", "#febc2e", "#28c840"].iter().enumerate() {
        writeln!(
            out,
            "<circle cx=\"{}\" cy=\"16\" r=\"6\" fill=\"{color}\"/>",
            20 + i * 20
        )
        .unwrap();
    }
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let style = style_of(&buf[(x, y)]);
            let start = x;
            let mut text = String::new();
            while x < area.width && style_of(&buf[(x, y)]) == style {
                text.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            run(&mut out, start, y, x - start, &text, &style);
        }
    }
    out.push_str("</svg>\n");
    out
}

fn run(out: &mut String, col: u16, row: u16, cells: u16, text: &str, style: &Style) {
    let x = PAD + f64::from(col) * CELL_W;
    let top = PAD + BAR + f64::from(row) * CELL_H;
    if let Some(bg) = &style.bg {
        writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{CELL_H}\" fill=\"{bg}\"/>",
            f64::from(cells) * CELL_W
        )
        .unwrap();
    }
    if text.trim().is_empty() {
        return;
    }
    let mut attrs = format!("fill=\"{}\"", style.fg);
    if style.bold {
        attrs.push_str(" font-weight=\"bold\"");
    }
    if style.italic {
        attrs.push_str(" font-style=\"italic\"");
    }
    if style.dim {
        attrs.push_str(" opacity=\"0.6\"");
    }
    if style.underline {
        attrs.push_str(" text-decoration=\"underline\"");
    }
    // textLength keeps every run on the cell grid whatever font the viewer picks.
    writeln!(
        out,
        "<text x=\"{x:.1}\" y=\"{:.1}\" textLength=\"{:.1}\" lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\" {attrs}>{}</text>",
        top + CELL_H * 0.75,
        f64::from(cells) * CELL_W,
        escape(text)
    )
    .unwrap();
}
