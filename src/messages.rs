//! What workbook says on stderr: errors always; progress, notices and
//! warnings unless `--quiet`; each step with its time under `--verbose`;
//! `error:`, `warning:` and `hint:` in colour on a terminal; above a batch's
//! progress bar while one is shown.
//! Nothing here can fail or panic: a closed or full stderr (`2>/dev/full`,
//! `2>&1 | head`) must neither stop nor crash the work it reports on.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

const QUIET: u8 = 0;
const NORMAL: u8 = 1;
const VERBOSE: u8 = 2;

/// Set once by the command line, read by every message.
static LEVEL: AtomicU8 = AtomicU8::new(NORMAL);
/// Whether `error:`, `warning:` and `hint:` are coloured (see [`set_colour`]).
static COLOUR: AtomicBool = AtomicBool::new(false);

/// Colour on a terminal unless `NO_COLOR` is set; `CLICOLOR_FORCE` asks
/// for it anywhere (as ripgrep and cargo do). Read once, by `main`.
pub fn set_colour(terminal: bool, no_color: bool, force: bool) {
    COLOUR.store(!no_color && (terminal || force), Ordering::Relaxed);
}

/// `error:` in bold red, `warning:` in bold yellow, `hint:` in bold cyan,
/// at the start of a line, when colour is on.
fn paint(text: &str) -> std::borrow::Cow<'_, str> {
    if !COLOUR.load(Ordering::Relaxed) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 32);
    for line in text.split_inclusive('\n') {
        let coloured = [("error:", "1;31"), ("warning:", "1;33"), ("hint:", "1;36")]
            .iter()
            .find_map(|(word, code)| {
                line.strip_prefix(word)
                    .map(|rest| format!("\x1b[{code}m{word}\x1b[0m{rest}"))
            });
        out.push_str(coloured.as_deref().unwrap_or(line));
    }
    out.into()
}

/// `-q` prints only errors; `-v` adds each step and its time.
pub fn set_verbosity(quiet: bool, verbose: bool) {
    let level = if quiet {
        QUIET
    } else if verbose {
        VERBOSE
    } else {
        NORMAL
    };
    LEVEL.store(level, Ordering::Relaxed);
}

/// Whether `--quiet` was given: progress bars stay hidden too.
pub fn quiet() -> bool {
    LEVEL.load(Ordering::Relaxed) == QUIET
}

/// Writes `bytes` to stdout for a pipe or a terminal. A reader that stops
/// early (`| head`) closes the pipe: that ends the output quietly, as
/// success, rather than in a panic (which `print!` would give).
pub fn out(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes `text` to stderr whatever the verbosity: for errors. While a
/// progress bar is shown, the bar is taken down for the message and drawn
/// again below it, never drawn over (see [`above_bar`]).
pub fn error(text: &str) {
    let write = || {
        let _ = std::io::stderr().lock().write_all(paint(text).as_bytes());
    };
    // A clone, so the lock is not held while the bar draws.
    let shown = bar().lock().unwrap_or_else(|e| e.into_inner()).clone();
    match shown {
        Some(bar) => bar.suspend(write),
        None => write(),
    }
}

/// The progress bar on stderr now, if any.
fn bar() -> &'static Mutex<Option<indicatif::ProgressBar>> {
    static BAR: OnceLock<Mutex<Option<indicatif::ProgressBar>>> = OnceLock::new();
    BAR.get_or_init(Default::default)
}

/// Shows every message above `bar` until the returned guard is dropped:
/// a warning from any thread (a row's settings, Typst about a row's
/// template, the watchdog) takes the bar down, is written, and the bar is
/// drawn again, instead of being written into the middle of its line.
pub fn above_bar(shown: &indicatif::ProgressBar) -> AboveBar {
    *bar().lock().unwrap_or_else(|e| e.into_inner()) = Some(shown.clone());
    AboveBar(())
}

/// While alive, messages go above the progress bar (see [`above_bar`]).
pub struct AboveBar(());

impl Drop for AboveBar {
    fn drop(&mut self) {
        *bar().lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// Writes `text` to stderr unless `--quiet`.
pub fn say(text: &str) {
    if LEVEL.load(Ordering::Relaxed) >= NORMAL {
        error(text);
    }
}

/// `warning: ...` on stderr unless `--quiet`.
pub fn warn(message: &str) {
    say(&format!("warning: {message}\n"));
}

/// Runs one step of the pipeline; under `--verbose` says how long it took,
/// so that a slow build explains itself.
pub fn step<T>(name: &str, run: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = run();
    if LEVEL.load(Ordering::Relaxed) >= VERBOSE {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        error(&format!("{name:<8} {ms:>8.1} ms\n"));
    }
    result
}
