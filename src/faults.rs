//! Faults the tests cause on purpose: a row or a PDF reader that panics,
//! a disk that fills up, a rename that fails, a pause before a rename (for
//! a signal to land in). Nothing else makes them happen on demand. Each is switched on by an
//! environment variable named `WORKBOOK_TEST_…`, read only where the hooks
//! are compiled in: debug builds (plain `cargo test`) and builds with the
//! `test-hooks` feature (`cargo test --release --features test-hooks`). A
//! normal release binary reads none of them.

use std::time::Duration;

/// `WORKBOOK_TEST_PANIC_LINE=N`: the batch row on line N panics while built.
pub(crate) fn panic_at(line: u64) {
    if number("PANIC_LINE") == Some(line) {
        panic!("a test asked the row on line {line} to panic");
    }
}

/// `WORKBOOK_TEST_PANIC_READING=1`: `answers` panics once the PDF is
/// loaded, as lopdf would on a file it cannot handle.
pub(crate) fn panic_reading() {
    if number("PANIC_READING") == Some(1) {
        panic!("a test asked the reader to panic");
    }
}

/// `WORKBOOK_TEST_DISK_FULL_AFTER=N`: every batch write after the first N
/// fails as on a full disk (`ENOSPC`).
pub(crate) fn disk_full(written_before: u64) -> std::io::Result<()> {
    match number("DISK_FULL_AFTER") {
        // ENOSPC is 28 on Linux and macOS alike.
        Some(n) if written_before >= n => Err(std::io::Error::from_raw_os_error(28)),
        _ => Ok(()),
    }
}

/// `WORKBOOK_TEST_FAIL_EJECT_MOVE=N`: eject's rename step number N fails,
/// to test that everything moved before it is put back.
pub(crate) fn fail_move(n: usize) -> std::io::Result<()> {
    match number("FAIL_EJECT_MOVE") {
        Some(at) if at == n as u64 => Err(std::io::Error::other("injected failure (test hook)")),
        _ => Ok(()),
    }
}

/// `WORKBOOK_TEST_PAUSE_BEFORE_RENAME_MS=N`: sleeps N ms before a
/// temporary file (or eject's staging folder) is renamed into place, so a
/// test can signal the process while the part file exists.
pub(crate) fn pause_before_rename() {
    if let Some(ms) = number("PAUSE_BEFORE_RENAME_MS") {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

/// The hook `WORKBOOK_TEST_{name}` as a number, when it is set.
fn number(name: &str) -> Option<u64> {
    var(name)?.parse().ok()
}

#[cfg(any(debug_assertions, feature = "test-hooks"))]
fn var(name: &str) -> Option<String> {
    std::env::var(format!("WORKBOOK_TEST_{name}")).ok()
}

/// Without the hooks, nothing is read: every call above folds to nothing.
#[cfg(not(any(debug_assertions, feature = "test-hooks")))]
fn var(_name: &str) -> Option<String> {
    None
}
