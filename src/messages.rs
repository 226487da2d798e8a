//! What workbook says on stderr: errors always; progress, notices and
//! warnings unless `--quiet`; each step with its time under `--verbose`.
//! Nothing here can fail or panic: a closed or full stderr (`2>/dev/full`,
//! `2>&1 | head`) must neither stop nor crash the work it reports on.

use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Instant;

const QUIET: u8 = 0;
const NORMAL: u8 = 1;
const VERBOSE: u8 = 2;

/// Set once by the command line, read by every message.
static LEVEL: AtomicU8 = AtomicU8::new(NORMAL);

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

/// Writes `text` to stderr whatever the verbosity: for errors.
pub fn error(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
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
