//! Temporary files that a signal must not leave behind: a registry of the
//! paths we are writing, emptied from disk when Ctrl-C, SIGTERM or SIGHUP
//! (on Windows: Ctrl-C, Ctrl-Break, a closed console) stops the process,
//! which then ends by that signal; and a sweep of stale ones an earlier
//! crash left.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, SystemTime};

/// The prefix of every temporary file or folder we make beside a target.
pub(crate) const PREFIX: &str = ".workbook-";
/// The suffix of the same, so that a sweep finds only ours.
pub(crate) const SUFFIX: &str = ".part";
/// A part file this old is left over from a process that died without
/// cleaning up (SIGKILL, a power cut), not one being written now.
const STALE: Duration = Duration::from_secs(60 * 60);

/// The temporary paths now on disk; a folder is removed with its contents.
fn registry() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    static PATHS: OnceLock<Mutex<BTreeSet<PathBuf>>> = OnceLock::new();
    PATHS
        .get_or_init(Default::default)
        .lock()
        // A panicking writer leaves the set as it was: still the truth.
        .unwrap_or_else(|e| e.into_inner())
}

/// Removes every registered path, then ends the process by the same
/// signal (see [`remove_all_and_raise`]).
///
/// signal-hook rather than ctrlc: ctrlc's handler is not told which signal
/// arrived, so it could not end the process by the one that came; and
/// signal-hook's iterator runs this on an ordinary thread, where taking a
/// lock and deleting files is safe (a raw handler may do neither).
#[cfg(unix)]
pub(crate) fn on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        // Without the handler a signal still stops us; only the sweep of the
        // next run then removes what was left.
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            remove_all_and_raise(signal);
        }
    });
}

/// Removes every registered path, then puts the signal's default action
/// back and raises it again, so the process ends killed by that signal, as
/// if we had not caught it. An exit code of 130 would not do: a shell
/// running `for f in *; do workbook build …; done` stops the loop on Ctrl-C
/// only when the child died of SIGINT (bash's "wait and cooperative exit");
/// with a plain exit it goes on to the next build. Should raising fail,
/// the shell's code for the signal (128 + signal) is the fallback.
#[cfg(unix)]
fn remove_all_and_raise(signal: i32) -> ! {
    // Held until the end: no writer can rename or register meanwhile.
    let mut paths = registry();
    for path in std::mem::take(&mut *paths) {
        remove(&path);
    }
    // Resets the handler to the default and raises: for SIGINT, SIGTERM
    // and SIGHUP that ends the process here.
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    std::process::exit(128 + signal)
}

/// Windows: the console's control handler, for Ctrl-C, Ctrl-Break, a closed
/// console window, logoff and shutdown. Windows runs it on a thread of its
/// own, where taking a lock and deleting files is safe, and for the last
/// three ends the process as soon as it returns: so the files are removed
/// inside it, not handed to another thread as ctrlc does (its handler
/// returns at once, and a closed window would cut the cleanup short). Every
/// event ends the process as Windows' default handler does, with
/// STATUS_CONTROL_C_EXIT (0xC000013A).
#[cfg(windows)]
pub(crate) fn on_signals() {
    use windows_sys::Win32::Foundation::STATUS_CONTROL_C_EXIT;
    use windows_sys::Win32::System::Console::SetConsoleCtrlHandler;
    unsafe extern "system" fn handler(_event: u32) -> windows_sys::core::BOOL {
        remove_all_and_exit(STATUS_CONTROL_C_EXIT)
    }
    // SAFETY: the handler is a plain function that lives as long as the
    // process. Should registering fail, a Ctrl-C still stops us; only the
    // sweep of the next run then removes what was left.
    unsafe {
        SetConsoleCtrlHandler(Some(handler), 1);
    }
}

/// Elsewhere (no signals to catch): the sweep of the next run removes
/// what a stopped one left.
#[cfg(not(any(unix, windows)))]
pub(crate) fn on_signals() {}

/// Removes every registered path and ends the process with `code` (for a
/// limit that a build cannot be cancelled within, or a Windows console
/// event).
pub(crate) fn remove_all_and_exit(code: i32) -> ! {
    // Held until exit: no writer can rename or register meanwhile.
    let mut paths = registry();
    for path in std::mem::take(&mut *paths) {
        remove(&path);
    }
    std::process::exit(code)
}

/// A temporary path on disk until [`Registered::finish`] or drop.
pub(crate) struct Registered(PathBuf);

/// Makes a temporary file or folder with `create` and records its path as
/// one to remove if a signal stops the process. Both happen with the
/// registry locked, so a signal never finds it on disk but unrecorded.
pub(crate) fn create<T>(
    create: impl FnOnce() -> std::io::Result<T>,
    path_of: impl Fn(&T) -> &Path,
) -> std::io::Result<(T, Registered)> {
    let mut paths = registry();
    let made = create()?;
    let path = path_of(&made).to_path_buf();
    paths.insert(path.clone());
    Ok((made, Registered(path)))
}

/// Runs `step` with the registry locked: a signal waits for it to end.
/// For steps a signal must not cut in two: a file half-written into a
/// staging folder being removed, or renames that move the user's own
/// files aside and must finish or be undone.
pub(crate) fn guarded<T>(step: impl FnOnce() -> T) -> T {
    let _paths = registry();
    step()
}

impl Registered {
    /// Runs `step` (the rename into place) with the registry locked, so that
    /// a signal arriving meanwhile finds the path either still temporary or
    /// already gone, never half-way, then forgets the path.
    pub(crate) fn finish<T>(self, step: impl FnOnce() -> T) -> T {
        let mut paths = registry();
        let out = step();
        paths.remove(&self.0);
        drop(paths);
        std::mem::forget(self);
        out
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        registry().remove(&self.0);
    }
}

fn remove(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let _ = std::fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// Removes the temporary files and folders of ours in `dir` that are older
/// than an hour: left by a process killed beyond catching. Only names with
/// our prefix and suffix, only entries the current user owns, never links.
pub(crate) fn sweep(dir: &Path) {
    // Once a folder per process: a batch writes thousands of files into one
    // folder, and reading it again for each would cost O(n²).
    static SWEPT: OnceLock<Mutex<BTreeSet<PathBuf>>> = OnceLock::new();
    let mut swept = SWEPT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if !swept.insert(dir.to_path_buf()) {
        return;
    }
    drop(swept);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE);
        if old && !meta.file_type().is_symlink() && owned_by_us(&meta) {
            remove(&entry.path());
        }
    }
}

#[cfg(unix)]
fn owned_by_us(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

/// Windows keeps a file's owner in its security descriptor, not in the
/// metadata: there the prefix, suffix and age are the guard, and the
/// folder's permissions decide what may be removed.
#[cfg(not(unix))]
fn owned_by_us(_meta: &std::fs::Metadata) -> bool {
    true
}
