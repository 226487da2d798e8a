//! Faults the CLI tests cause on purpose: a row that panics, a disk that
//! fills up. Nothing else can make them happen on demand, and the batch
//! must survive both. Read from the environment in debug builds only: a
//! release binary has no such switch.

/// `WORKBOOK_TEST_PANIC_LINE=N`: the row on line N panics while built.
pub(crate) fn panic_at(line: u64) {
    if cfg!(debug_assertions) && var("WORKBOOK_TEST_PANIC_LINE") == Some(line) {
        panic!("a test asked the row on line {line} to panic");
    }
}

/// `WORKBOOK_TEST_DISK_FULL_AFTER=N`: every write after the first N
/// fails as on a full disk (`ENOSPC`).
pub(crate) fn disk_full(written_before: u64) -> std::io::Result<()> {
    match var("WORKBOOK_TEST_DISK_FULL_AFTER") {
        Some(n) if cfg!(debug_assertions) && written_before >= n => {
            // ENOSPC is 28 on Linux and macOS alike.
            Err(std::io::Error::from_raw_os_error(28))
        }
        _ => Ok(()),
    }
}

fn var(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.parse().ok()
}
