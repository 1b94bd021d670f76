//! Every style in one place. `NO_COLOR` gives a monochrome theme in which every state is still
//! visible through marks and bold/reverse/underline.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn base(&self) -> Style {
        Style::new()
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn key_hint(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn selected(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn flag(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn good(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn bad(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    /// The countdown: plain, then yellow under 10 minutes, red (and blinking-free bold) under 5.
    pub fn clock(&self, remaining_secs: u64) -> Style {
        match remaining_secs {
            s if s < 5 * 60 => self.bad().add_modifier(Modifier::REVERSED),
            s if s < 10 * 60 => self.warn(),
            _ => Style::new().add_modifier(Modifier::BOLD),
        }
    }
    pub fn code_gutter(&self) -> Style {
        self.dim()
    }
    /// A syntax highlight class from tree-sitter's capture names.
    pub fn syntax(&self, capture: &str) -> Style {
        if !self.color {
            return match capture {
                "keyword" => Style::new().add_modifier(Modifier::BOLD),
                "comment" => Style::new().add_modifier(Modifier::ITALIC),
                _ => Style::new(),
            };
        }
        match capture {
            "keyword" => Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            "string" | "escape" => Style::new().fg(Color::Green),
            "number" | "constant" | "constant.builtin" => Style::new().fg(Color::Yellow),
            "comment" => Style::new().fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            "function" | "function.method" => Style::new().fg(Color::Blue),
            "function.builtin" | "constructor" | "type" => Style::new().fg(Color::Cyan),
            "operator" => Style::new().fg(Color::LightRed),
            _ => Style::new(),
        }
    }
}
