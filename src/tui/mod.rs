//! The terminal shell: setup and restore, the event loop, and carrying out effects.

pub mod app;
pub mod highlight;
pub mod keymap;
pub mod mouse;
pub mod screens;
pub mod scroll;
pub mod theme;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;
use std::time::Instant;

use chrono::Utc;
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use app::{App, Effect, Msg, Screen};
use screens::frame;

use crate::session::Summary;
use crate::store::{Store, StoreError, Stored};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        if area.width < frame::MIN_WIDTH || area.height < frame::MIN_HEIGHT {
            frame::too_small(area, buf, theme);
            return;
        }
        let notice = self.notice.as_deref();
        match &self.screen {
            Screen::Exam(e) => screens::exam::render(e, self.now, notice, theme, area, buf),
            Screen::Results(a) | Screen::DrillSummary(a) => {
                let progress = match a.mode {
                    crate::session::Mode::Mock => self.progress(&a.exam, Some(a)),
                    crate::session::Mode::Drill | crate::session::Mode::Study => None,
                };
                let study = (a.mode == crate::session::Mode::Study)
                    .then(|| self.study_queue(&a.exam, Some(a), 0))
                    .flatten();
                let extras = screens::results::Extras {
                    progress: progress.as_ref(),
                    study: study.as_ref(),
                    invocation: &self.invocation,
                    scroll: &self.results_scroll,
                };
                screens::results::render(a, extras, notice, theme, area, buf)
            }
            Screen::Review(r) => screens::review::render(r, notice, theme, area, buf),
            Screen::Drill(d) => screens::drill::render(d, notice, theme, area, buf),
            Screen::History(h) => screens::history::render(self, h, theme, area, buf),
            Screen::Menu(m) => screens::menu::render(self, m, theme, area, buf),
            Screen::Mastery(m) => screens::mastery::render(m, notice, theme, area, buf),
            Screen::Plan(p) => screens::plan::render(p, notice, theme, area, buf),
            Screen::Step(s) => screens::step::render(s, notice, theme, area, buf),
        }
    }
}

/// Carry out effects and make the journal durable; failures become a notice on screen, never
/// a crash. Returns true on Exit.
pub fn apply(app: &mut App, store: &Store, effects: Vec<Effect>) -> bool {
    let exit = apply_unsynced(app, store, effects);
    let synced = sync(app, store);
    exit && synced
}

/// fdatasync the journal; a failure becomes a notice. True when all is on disk.
fn sync(app: &mut App, store: &Store) -> bool {
    match store.sync_journal() {
        Ok(()) => true,
        Err(e) => {
            app.notice = Some(format!("Could not save: {e}"));
            false
        }
    }
}

/// `apply` without the final fdatasync: journal records are written (a kill cannot undo a
/// finished `write`) but not yet forced to the disk.
fn apply_unsynced(app: &mut App, store: &Store, effects: Vec<Effect>) -> bool {
    let mut exit = false;
    let mut failed = false;
    // The journal goes only once the attempt it holds is durably saved.
    let mut unsaved = false;
    for effect in effects {
        // What the effect was doing, for the notice when it fails.
        let doing = match &effect {
            Effect::SetJournalAside(_) => "Could not set the saved exam aside",
            Effect::RestoreJournal(_) => "Could not restore the exam",
            Effect::OpenAttempt(_) => "Could not open the attempt",
            Effect::ClearJournal(_) | Effect::ClearDrill => "Could not remove the finished journal",
            _ => "Could not save",
        };
        let result = match effect {
            Effect::ClaimJournal(_) | Effect::SaveJournal(_) => match write_journal(store, &effect) {
                // Another pyexam writes this journal: leave the exam before anything is lost.
                Err(busy @ StoreError::Busy { .. }) => {
                    app.journal_refused(busy.to_string());
                    return !app.has_menu;
                }
                result => result,
            },
            Effect::ClaimDrill | Effect::SaveDrill(_) => {
                let result = match &effect {
                    Effect::SaveDrill(d) => store.append_drill(d),
                    _ => store.claim_drill(),
                };
                match result {
                    // Another pyexam drills in this home and journals its drill: this one
                    // still reaches history when it ends, it is only not journaled.
                    Err(StoreError::Busy { holder, .. }) => {
                        if matches!(effect, Effect::ClaimDrill) {
                            app.notice = Some(format!(
                                "Another pyexam is drilling in this home ({holder}): this drill is kept in history when it ends, but a crash would lose it."
                            ));
                        }
                        Ok(())
                    }
                    result => result,
                }
            }
            Effect::ClearDrill | Effect::ClearJournal(_) if unsaved => Ok(()),
            Effect::ClearDrill => store.clear_drill(),
            Effect::ClearJournal(exam) => store.clear_journal(&exam).map(|()| store.release_journal(&exam)),
            Effect::SetJournalAside(exam) => store
                .set_journal_aside(&exam)
                .inspect_err(|_| {
                    // Still saved (another pyexam has it open, or the disk refused): keep offering it.
                    if let Ok(Some(session)) = store.load_journal(&exam) {
                        app.keep_saved(session);
                    }
                })
                .map(|kept| {
                    app.set_aside = store.set_aside_journals();
                    let name = kept.file_name().unwrap_or_default().to_string_lossy();
                    app.farewell.push(format!(
                    "The unfinished exam was kept as {} (set aside, not deleted; the menu can restore it).",
                    kept.display()
                ));
                    app.notice = Some(format!("Set aside as {name}; the menu can restore it."));
                }),
            Effect::SaveAttempt(attempt) => match store.save_attempt(&attempt) {
                Ok(path) => {
                    let name = path
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    app.history.push(Stored {
                        name,
                        number: store.attempt_count(),
                        summary: Summary::of(&attempt),
                    });
                    app.attempt_saved();
                    Ok(())
                }
                Err(e) => {
                    app.attempt_not_saved(attempt, e.to_string(), app.now);
                    (unsaved, failed) = (true, true);
                    continue;
                }
            },
            Effect::RestoreJournal(file) => store.restore_journal(&file).map(|session| {
                app.notice = Some(format!(
                    "The {} exam is saved again: Resume continues it.",
                    session.code
                ));
                app.keep_saved(session);
                app.set_aside = store.set_aside_journals();
            }),
            Effect::OpenAttempt(name) => store.load_attempt(&name).map(|attempt| {
                app.open_review(attempt);
            }),
            Effect::Exit => {
                exit = true;
                Ok(())
            }
        };
        if let Err(e) = result {
            app.notice = Some(format!("{doing}: {e}"));
            failed = true;
        }
    }
    // Never leave with unsaved work on a failed write: stay so the user can see it.
    exit && !failed
}

fn write_journal(store: &Store, effect: &Effect) -> Result<(), StoreError> {
    match effect {
        Effect::SaveJournal(session) => store.append_journal(session),
        Effect::ClaimJournal(exam) => store.claim_journal(exam),
        _ => Ok(()),
    }
}

/// Run the app until it exits. The loop sleeps until the next key or the next whole second
/// (the countdown's resolution): no busy polling. SIGTERM and SIGHUP save and exit; the signal
/// number is returned so the process can exit with 128 + signal, as shells expect.
pub fn run(app: &mut App, store: &Store, mouse: bool) -> std::io::Result<Option<i32>> {
    run_then(app, store, mouse, |_| {})
}

/// `run`, calling `after_first_frame` once the first frame is on screen and before any key is
/// read: work the first screen does not show (the menu's history) does not delay it.
pub fn run_then(
    app: &mut App,
    store: &Store,
    mouse: bool,
    after_first_frame: impl FnOnce(&mut App),
) -> std::io::Result<Option<i32>> {
    let mut after_first_frame = Some(after_first_frame);
    let stop = Arc::new(AtomicUsize::new(0));
    watch_signals(Arc::clone(&stop))?;
    let beat = Arc::new(AtomicU64::new(0));
    watch_heartbeat(Arc::clone(&beat));
    let mut terminal = ratatui::try_init()?;
    let _restore = RestoreGuard;
    if mouse {
        // Restored by `restore` (also from the panic hook below), so a crash never leaves the
        // terminal reporting mouse moves as text.
        crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)?;
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
            hook(info);
        }));
    }
    // Start from a blank screen: whatever a crashed run or the shell left must not show
    // through cells the first frame leaves empty.
    // (The backend's clear: `Terminal::clear` would ask the terminal for the cursor position.)
    ratatui::backend::Backend::clear(terminal.backend_mut())?;
    let mut dirty = true;
    // The last frame of the exam screen: an idle second redraws only its header (the clock).
    let mut last_frame: Option<Buffer> = None;
    // The frame on screen, whatever the screen: what a click is read against.
    let mut on_screen = Buffer::empty(Rect::default());
    let mut drag = mouse::Drag::default();
    let mut clock_only = false;
    loop {
        beat.fetch_add(1, Ordering::Relaxed);
        let now = Utc::now();
        let signal = stop.load(Ordering::Relaxed);
        if signal != 0 {
            let effects = app.update(Msg::Interrupt, now);
            apply(app, store, effects);
            return Ok(Some(signal as i32));
        }
        if dirty {
            app.now = now;
            let cached = if clock_only { last_frame.take() } else { None };
            let area = hung_up(
                terminal.draw(|f| draw(app, f, cached, &mut last_frame, &mut on_screen)),
                &stop,
            )?
            .area;
            app.page = screens::page_rows(app, area);
            dirty = false;
            if let Some(later) = after_first_frame.take() {
                later(app);
                dirty = true;
                continue;
            }
        }
        clock_only = false;
        let until_next_second =
            Duration::from_millis(1000 - u64::from(now.timestamp_subsec_millis()).min(999));
        if hung_up(event::poll(until_next_second), &stop)? {
            let msg = match hung_up(event::read(), &stop)? {
                Event::Key(key) if key.kind == KeyEventKind::Press => keymap::map(&app.screen, key),
                Event::Mouse(event) if mouse => mouse::msg(&app.screen, &on_screen, event, &mut drag),
                Event::Resize(..) => {
                    dirty = true;
                    None
                }
                _ => None,
            };
            if let Some(msg) = msg {
                let effects = app.update(msg, Utc::now());
                // Journal the key (one small write: on screen means in the kernel, which a
                // kill cannot undo), answer it on screen, then fdatasync before the next key:
                // the disk's flush never delays what the user sees.
                let exit = apply_unsynced(app, store, effects);
                if exit && sync(app, store) {
                    return Ok(None);
                }
                app.now = Utc::now();
                let area = hung_up(
                    terminal.draw(|f| draw(app, f, None, &mut last_frame, &mut on_screen)),
                    &stop,
                )?
                .area;
                app.page = screens::page_rows(app, area);
                let notice = app.notice.clone();
                sync(app, store);
                dirty = app.notice != notice;
            }
        } else {
            let notice = app.notice.clone();
            let effects = app.update(Msg::Tick, Utc::now());
            // Only screens with a clock change with time; an idle exam changes only its header
            // (and its footer when a time notice appears).
            let exam = matches!(app.screen, Screen::Exam(_));
            dirty = exam || !effects.is_empty();
            // (The clock's own checkpoint record changes nothing on screen either.)
            clock_only =
                exam && app.notice == notice && effects.iter().all(|e| matches!(e, Effect::SaveJournal(_)));
            if apply(app, store, effects) {
                return Ok(None);
            }
        }
    }
}

/// Draw the app; with `cached` (the last exam frame, unchanged but for the clock), redraw
/// only the header over it. Keeps the exam screen's frame for the next idle second.
fn draw(
    app: &App,
    f: &mut ratatui::Frame,
    cached: Option<Buffer>,
    last_frame: &mut Option<Buffer>,
    on_screen: &mut Buffer,
) {
    let area = f.area();
    let big_enough = area.width >= frame::MIN_WIDTH && area.height >= frame::MIN_HEIGHT;
    match (&app.screen, cached) {
        (Screen::Exam(e), Some(cached))
            if big_enough && e.started && e.overlay.is_none() && cached.area == area =>
        {
            *f.buffer_mut() = cached;
            let (head, _, _) = frame::split(area);
            screens::exam::header(e, app.now, &app.theme, head, f.buffer_mut());
        }
        _ => f.render_widget(app, area),
    }
    *last_frame = matches!(app.screen, Screen::Exam(_)).then(|| f.buffer_mut().clone());
    on_screen.clone_from(f.buffer_mut());
}

/// A terminal that vanished fails reads before its SIGHUP is handled; report it as the hang-up
/// it is (exit 129) rather than as a terminal error, giving the signal a moment to land.
fn hung_up<T>(result: std::io::Result<T>, stop: &AtomicUsize) -> std::io::Result<T> {
    result.map_err(|e| {
        std::thread::sleep(Duration::from_millis(200));
        match stop.load(Ordering::Relaxed) {
            0 => e,
            signal => std::io::Error::other(Interrupted(signal as i32)),
        }
    })
}

/// The event loop ended because of this signal.
#[derive(Debug)]
pub struct Interrupted(pub i32);

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "interrupted by signal {}", self.0)
    }
}

impl std::error::Error for Interrupted {}

/// SIGTERM and SIGHUP set `stop` for the event loop, which saves and exits within a second.
/// A hung-up terminal can leave crossterm reading end-of-file in a loop that never returns to
/// ours; if the loop has not exited 1.5 seconds after the signal, leave from here. Nothing is
/// lost by that: every answer, flag and move was journaled when it happened. The thread blocks
/// on the signal, so it costs no wake-ups while the exam sits idle.
fn watch_signals(stop: Arc<AtomicUsize>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop.store(signal as usize, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(1500));
            restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// The event loop beats at least once a second. If it stops beating while the terminal has
/// hung up, it is stuck in crossterm's read loop with no signal coming to end it (crossterm
/// 0.29 retries end-of-file forever): leave, as SIGHUP would. A live terminal never reports a
/// hang-up, so a slow disk or a stopped process (Ctrl-Z) cannot trigger this.
fn watch_heartbeat(beat: Arc<AtomicU64>) {
    const CHECK: Duration = Duration::from_secs(2);
    std::thread::spawn(move || {
        let (mut last, mut stale, mut before) = (beat.load(Ordering::Relaxed), 0u32, Instant::now());
        loop {
            std::thread::sleep(CHECK);
            let now = Instant::now();
            let overslept = now - before > 2 * CHECK;
            before = now;
            let current = beat.load(Ordering::Relaxed);
            if current != last || overslept {
                (last, stale) = (current, 0);
                continue;
            }
            stale += 1;
            if stale >= 3 && stdin_hung_up() {
                std::process::exit(128 + signal_hook::consts::SIGHUP);
            }
        }
    });
}

fn stdin_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd for the duration of the call; a zero timeout never blocks.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Restores the terminal however `run` ends (ratatui's panic hook covers panics).
struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restore the terminal, unless it has hung up: there is nothing left to restore then, and
/// ratatui's restore would fail to print its error to the closed terminal and panic.
fn restore() {
    if !stdin_hung_up() {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        ratatui::restore();
    }
}
