//! Reading a PDF that may come from anyone with its panics caught: lopdf
//! is hardened against malformed files, but a panic it still has (or one
//! of ours on a shape nobody foresaw) must be that file's error, exit 2
//! with a plain message, never a crash with a backtrace. The panic's own
//! message is kept out of stderr while a read runs; the error says it.

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::{Error, Result};

thread_local! {
    /// Whether this thread is reading an untrusted PDF now.
    static READING: Cell<bool> = const { Cell::new(false) };
}
/// How many reads run now (lopdf reads on rayon's threads too).
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// Runs `read` with a panic in it turned into a usage error (exit 2).
pub(super) fn read<T>(read: impl FnOnce() -> Result<T>) -> Result<T> {
    quiet_hook();
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    let was = READING.replace(true);
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(read));
    READING.set(was);
    ACTIVE.fetch_sub(1, Ordering::SeqCst);
    outcome.unwrap_or_else(|panic| Err(refused(&*panic)))
}

/// The error for a file the reader stopped on.
fn refused(panic: &(dyn std::any::Any + Send)) -> Error {
    let why = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no reason given".into());
    Error::usage(
        format!("this PDF cannot be read: the PDF reader stopped on something in it ({why})"),
        Some("it may be damaged: ask for the file again, saved from the viewer it was filled in with".to_string()),
    )
}

/// Installs, once, a panic hook that says nothing for a panic on a thread
/// reading an untrusted PDF (or on rayon's threads while one is read), and
/// passes every other panic to the hook that was there before.
fn quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let pooled = rayon::current_thread_index().is_some();
            let quiet = READING.get() || (pooled && ACTIVE.load(Ordering::SeqCst) > 0);
            if !quiet {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_reading_is_a_usage_error_naming_it() {
        let error = read::<()>(|| panic!("index 7 out of range")).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert_eq!(
            error.to_string(),
            "this PDF cannot be read: the PDF reader stopped on something in it (index 7 out of range)"
        );
        // Afterwards, the thread is no longer reading.
        assert!(!READING.get());
        assert_eq!(read(|| Ok(5)).unwrap(), 5);
    }
}
