//! Keys to messages, per screen, in one place.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Msg, Overlay, Screen};

pub fn map(screen: &Screen, key: KeyEvent) -> Option<Msg> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c')) {
        // Ctrl-C behaves like a closed terminal: save what there is and leave.
        return Some(Msg::Interrupt);
    }
    // The scratch pad takes every key as text; Enter starts a line, Esc closes it.
    if let Screen::Exam(e) = screen
        && e.overlay == Some(Overlay::Notes)
    {
        return match key.code {
            KeyCode::Esc => Some(Msg::Cancel),
            KeyCode::Enter => Some(Msg::Type('\n')),
            KeyCode::Backspace => Some(Msg::Backspace),
            KeyCode::Char(c) => Some(Msg::Type(c)),
            _ => None,
        };
    }
    let editing = match screen {
        Screen::Exam(e) => e.editing && e.overlay.is_none(),
        Screen::Drill(d) => d.editing && !d.help,
        _ => false,
    };
    if editing {
        // Typing into a gap: every printable key is text, so no letter triggers a command.
        return match key.code {
            KeyCode::Esc => Some(Msg::Cancel),
            KeyCode::Enter => Some(Msg::Confirm),
            KeyCode::Backspace => Some(Msg::Backspace),
            KeyCode::Up | KeyCode::BackTab => Some(Msg::Up),
            KeyCode::Down | KeyCode::Tab => Some(Msg::Down),
            KeyCode::Char(c) => Some(Msg::Type(c)),
            _ => None,
        };
    }
    let in_dialog = matches!(
        screen,
        Screen::Exam(e) if matches!(e.overlay, Some(Overlay::ConfirmSubmit | Overlay::ConfirmQuit))
    );
    let in_navigator =
        matches!(screen, Screen::Exam(e) if matches!(e.overlay, Some(Overlay::Navigator { .. })));
    let choosing = matches!(screen, Screen::Exam(_) | Screen::Drill(_)) && !in_navigator;
    let msg = match key.code {
        KeyCode::Char('y') if in_dialog => Msg::Confirm,
        KeyCode::Char('n') if in_dialog => Msg::Cancel,
        KeyCode::Up if key.modifiers.contains(KeyModifiers::SHIFT) => Msg::MoveUp,
        KeyCode::Down if key.modifiers.contains(KeyModifiers::SHIFT) => Msg::MoveDown,
        KeyCode::Char('K') if choosing => Msg::MoveUp,
        KeyCode::Char('J') if choosing => Msg::MoveDown,
        KeyCode::Char('i') if choosing => Msg::Edit,
        KeyCode::Char('x') | KeyCode::Backspace | KeyCode::Delete if choosing => Msg::Clear,
        KeyCode::Enter => Msg::Confirm,
        KeyCode::Esc => Msg::Cancel,
        KeyCode::Up | KeyCode::Char('k') => Msg::Up,
        KeyCode::Down | KeyCode::Char('j') => Msg::Down,
        KeyCode::Right | KeyCode::Char('n') => Msg::Next,
        KeyCode::Left | KeyCode::Char('p') => Msg::Previous,
        KeyCode::Char('l') if in_navigator => Msg::Next,
        KeyCode::Char('h') if in_navigator => Msg::Previous,
        KeyCode::Tab if matches!(screen, Screen::Review(_) | Screen::History(_)) => Msg::CycleFilter,
        KeyCode::Char('t') if matches!(screen, Screen::History(_)) => Msg::CycleFilter,
        KeyCode::PageDown => Msg::ScrollDown,
        KeyCode::PageUp => Msg::ScrollUp,
        KeyCode::Char(' ') => Msg::Toggle,
        KeyCode::Char('x') | KeyCode::Backspace | KeyCode::Delete if matches!(screen, Screen::Exam(_)) => {
            Msg::Clear
        }
        KeyCode::Char(c @ '1'..='9') => Msg::Choose(c as usize - '1' as usize),
        // Letters choose options A-E; f and g are taken by flag and the navigator, so options
        // F and beyond are chosen with their digits.
        KeyCode::Char(c @ 'a'..='e') if choosing => Msg::Choose(c as usize - 'a' as usize),
        KeyCode::Char('f') if matches!(screen, Screen::Review(_)) => Msg::CycleFilter,
        KeyCode::Char('f') => Msg::Flag,
        KeyCode::Char('u') if matches!(screen, Screen::Drill(_)) => Msg::Unsure,
        KeyCode::Char('g') => Msg::Navigator,
        KeyCode::Char('s') => Msg::Submit,
        KeyCode::Char('?') => Msg::Help,
        KeyCode::Char('w') if matches!(screen, Screen::Exam(_)) => Msg::Notes,
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Char('r') => Msg::OpenReview,
        KeyCode::Char('h') => Msg::OpenHistory,
        KeyCode::Char('m') => Msg::OpenMastery,
        KeyCode::Char('t') => Msg::StepThrough,
        KeyCode::Home => Msg::First,
        KeyCode::End => Msg::Last,
        _ => return None,
    };
    Some(msg)
}
