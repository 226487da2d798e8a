//! Standard output as a sink (`-o -`): refused on a terminal or when the
//! process started with it closed, written in pieces so that a reader
//! that stops early is told from one that took nothing.

use std::path::PathBuf;

use crate::diag::{Error, Result};

/// Whether the process started with standard output closed (`>&-`). Rust's
/// runtime then opens /dev/null in its place, read-write, so writes would
/// succeed into nothing; a shell's `> /dev/null` opens it write-only, and
/// that stays a deliberate, quiet discard.
#[cfg(unix)]
pub(crate) fn stdout_was_closed() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    // SAFETY: fcntl on a descriptor number only reads its flags.
    let flags = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL) };
    if flags < 0 {
        return true;
    }
    let Ok(dev_null) = std::fs::metadata("/dev/null") else {
        return false;
    };
    // Through std's metadata of a duplicate (closed when dropped), not
    // libc's stat, whose st_rdev is a u64 on Linux and an i32 on macOS.
    let Ok(stdout) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return true;
    };
    let Ok(meta) = std::fs::File::from(stdout).metadata() else {
        return true;
    };
    meta.rdev() == dev_null.rdev() && flags & libc::O_ACCMODE == libc::O_RDWR
}

/// Windows: a process started without a standard output has no handle
/// for it, and Rust's runtime then discards what is written there.
#[cfg(windows)]
pub(crate) fn stdout_was_closed() -> bool {
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Console::{GetStdHandle, STD_OUTPUT_HANDLE};
    // SAFETY: GetStdHandle only reads the process's standard handle.
    let handle = unsafe { GetStdHandle(STD_OUTPUT_HANDLE) };
    handle.is_null() || handle == INVALID_HANDLE_VALUE
}

/// Elsewhere (no system we build for today) no check is made.
#[cfg(not(any(unix, windows)))]
pub(crate) fn stdout_was_closed() -> bool {
    false
}

/// Refuses standard output before any work: never a terminal, where a PDF
/// would be screenfuls of bytes, nor a stream the process started without.
pub(crate) fn check() -> Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return Err(Error::usage(
            "-o -: standard output is a terminal, where a PDF would be unreadable bytes",
            Some("redirect it (`-o - > book.pdf`, `-o - | lpr`) or give -o FILE".to_string()),
        ));
    }
    if stdout_was_closed() {
        return Err(Error::Io {
            path: PathBuf::from("standard output"),
            source: std::io::Error::other("it is closed, so the PDF would be lost"),
        });
    }
    Ok(())
}

/// Writes a PDF to standard output, for a pipe or a redirect.
pub(crate) fn write(pdf: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    // Written in pieces no larger than any pipe's buffer, to know whether
    // any reached the reader.
    let mut written = 0;
    let result = pdf.chunks(4096).try_for_each(|piece| {
        out.write_all(piece)?;
        written += piece.len();
        Ok(())
    });
    match result.and_then(|()| out.flush()) {
        // A reader that took some and stopped (`| head`): like other
        // tools, stop quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && written > 0 => Ok(()),
        // A reader gone before the first byte: the PDF went nowhere.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            path: PathBuf::from("standard output"),
            source: std::io::Error::other(
                "the program that was to read it had already stopped, so the PDF would be lost",
            ),
        }),
        result => result.map_err(|source| Error::Io {
            path: PathBuf::from("standard output"),
            source,
        }),
    }
}
