//! Time and memory limits for building from a user's own sources. A Typst
//! compile cannot be cancelled, so a watchdog thread ends the process when
//! one runs too long or grows too large: the error names the user's
//! sources, our temporary files are removed, and the exit code is 2. The
//! memory limit needs the system to report the process's memory (Linux,
//! macOS and Windows do); where it cannot, a warning says so once.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::diag::Error;

/// The defaults are settings (`--time-limit`, `--memory-limit`).
pub use crate::settings::{DEFAULT_MEMORY, DEFAULT_TIME};
/// How often the watchdog looks: often enough to catch fast allocation,
/// rare enough to cost nothing (one small system call or /proc read).
const TICK: Duration = Duration::from_millis(25);

/// The limits for one process's builds from user sources.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The longest one workbook may take.
    pub time: Duration,
    /// The most resident memory the process may use, in bytes.
    pub memory: u64,
    /// The sources folder, as the user named it, for the message.
    pub sources: PathBuf,
}

/// Something to print before the process ends at a limit (a batch's
/// summary of the rows built so far).
type Hook = Box<dyn Fn() + Send + Sync>;

fn hook() -> &'static Mutex<Option<Hook>> {
    static HOOK: OnceLock<Mutex<Option<Hook>>> = OnceLock::new();
    HOOK.get_or_init(Default::default)
}

/// Sets what is printed first when a limit ends the process.
pub(crate) fn before_exit(f: impl Fn() + Send + Sync + 'static) {
    *hook().lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(f));
}

/// A running watchdog; it stops when dropped (the build finished).
pub(crate) struct Watch {
    done: Arc<(Mutex<bool>, Condvar)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut active = guard().lock().unwrap_or_else(|e| e.into_inner());
        active.1 = active.1.saturating_sub(1);
        if active.1 == 0 {
            MAX_REQUEST.store(usize::MAX, Ordering::Relaxed);
        }
        drop(active);
        let (lock, wake) = &*self.done;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        wake.notify_all();
    }
}

/// Watches one build under `limits` until the returned guard is dropped.
pub(crate) fn watch(limits: &Limits) -> Watch {
    {
        let mut active = guard().lock().unwrap_or_else(|e| e.into_inner());
        active.0 = Some(limits.clone());
        active.1 += 1;
        MAX_REQUEST.store(
            usize::try_from(limits.memory).unwrap_or(usize::MAX),
            Ordering::Relaxed,
        );
    }
    let done = Arc::new((Mutex::new(false), Condvar::new()));
    let watch = Watch { done: done.clone() };
    let limits = limits.clone();
    if resident_bytes().is_none() {
        memory_unknown(&limits);
    }
    let started = Instant::now();
    std::thread::spawn(move || {
        let (lock, wake) = &*done;
        let mut finished = lock.lock().unwrap_or_else(|e| e.into_inner());
        while !*finished {
            let (guard, _) = wake
                .wait_timeout(finished, TICK)
                .unwrap_or_else(|e| e.into_inner());
            finished = guard;
            if *finished {
                break;
            }
            if started.elapsed() > limits.time {
                stop(
                    &limits,
                    format!(
                        "building from your sources took longer than {} s, so it was stopped",
                        limits.time.as_secs()
                    ),
                    "a loop in your templates may not end; check your latest edits, or allow more time with --time-limit SECS",
                );
            }
            if resident_bytes().is_some_and(|rss| rss > limits.memory) {
                stop(
                    &limits,
                    format!(
                        "building from your sources used more than {} MiB of memory, so it was stopped",
                        limits.memory / (1024 * 1024)
                    ),
                    "a loop in your templates may build a huge value (a range or an array); check your latest edits, or allow more with --memory-limit MIB",
                );
            }
        }
    });
    watch
}

/// The largest single allocation allowed now: the memory limit while a
/// build from user sources runs, no limit otherwise.
static MAX_REQUEST: AtomicUsize = AtomicUsize::new(usize::MAX);

/// The limits being watched, and how many builds watch them (a batch
/// builds several at once).
fn guard() -> &'static Mutex<(Option<Limits>, usize)> {
    static ACTIVE: OnceLock<Mutex<(Option<Limits>, usize)>> = OnceLock::new();
    ACTIVE.get_or_init(|| Mutex::new((None, 0)))
}

/// The allocator of the `workbook` binary: the system's, except that while
/// a build from `--sources` runs, one request larger than the whole memory
/// limit (`#let s = "x" * 100000000000000`) ends the process as the
/// watchdog does (the message, the batch's summary, part files removed,
/// exit 2) instead of reaching the system. Asked for that much, the system
/// refuses, and Rust then aborts the process with no message (exit 134):
/// stable Rust has no way to turn an allocation failure into an error.
///
/// Chosen over a child process per untrusted build: that would mean
/// sending options, fonts and results between processes and a job object
/// on Windows, for the one case the watchdog cannot see coming (a single
/// huge request; growth in many small steps is the watchdog's).
pub struct Refusing;

// SAFETY: every call is passed to `System` unchanged, or the process ends.
unsafe impl std::alloc::GlobalAlloc for Refusing {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        admit(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        admit(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        admit(size);
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.realloc(ptr, layout, size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

/// One relaxed load per allocation: nothing a build would notice.
#[inline]
fn admit(size: usize) {
    if size > MAX_REQUEST.load(Ordering::Relaxed) {
        refuse(size);
    }
}

#[cold]
fn refuse(size: usize) -> ! {
    // From here on every request is allowed: the message and the exit
    // allocate a little, through this same allocator.
    MAX_REQUEST.store(usize::MAX, Ordering::Relaxed);
    let limits = guard().lock().unwrap_or_else(|e| e.into_inner()).0.clone();
    let Some(limits) = limits else {
        std::process::abort()
    };
    stop(
        &limits,
        format!(
            "building from your sources asked for {} MiB at once, more than the memory limit of {} MiB, so it was stopped",
            size / (1024 * 1024),
            limits.memory / (1024 * 1024)
        ),
        "a value in your templates may be made far too large (a string or an array repeated many times); check your latest edits",
    )
}

/// Ends the process: the batch's summary, the error, our temporary files
/// removed, exit 2 (the sources are the user's to fix).
fn stop(limits: &Limits, reason: String, hint: &str) -> ! {
    if let Some(f) = hook().lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        f();
    }
    let error = Error::UserTemplate {
        message: format!("--sources {}: {reason}", limits.sources.display()),
        hints: vec![hint.to_string()],
    };
    // Through `messages`, never `eprint!`: that panics when stderr is full
    // (`2>/dev/full`), and a panic here would end only this thread, leaving
    // the runaway build running with nothing left to stop it.
    crate::messages::error(&error.report());
    crate::cleanup::remove_all_and_exit(error.exit_code().into())
}

/// Where the system does not report a process's memory, the memory limit
/// cannot be kept: said once a process (a batch builds many workbooks),
/// never silently ignored.
fn memory_unknown(limits: &Limits) {
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| crate::messages::warn(&unknown_memory_message(limits)));
}

fn unknown_memory_message(limits: &Limits) -> String {
    format!(
        "--memory-limit {} MiB cannot be enforced here: this system does not report a process's memory, so only the time limit ({} s) applies to building from {}",
        limits.memory / (1024 * 1024),
        limits.time.as_secs(),
        limits.sources.display()
    )
}

/// The process's resident memory in bytes: from /proc on Linux.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages * u64::try_from(page).ok()?)
}

/// The process's resident memory in bytes: the task's resident size on
/// macOS (what Activity Monitor's "Real Memory" shows).
#[cfg(target_os = "macos")]
fn resident_bytes() -> Option<u64> {
    let size = std::mem::size_of::<libc::proc_taskinfo>();
    let size = libc::c_int::try_from(size).ok()?;
    // SAFETY: proc_taskinfo is plain integers, for which zero is valid.
    let mut info: libc::proc_taskinfo = unsafe { std::mem::zeroed() };
    // SAFETY: proc_pidinfo writes at most `size` bytes into `info`, which
    // we own; it returns how many it wrote.
    let written = unsafe {
        libc::proc_pidinfo(
            libc::getpid(),
            libc::PROC_PIDTASKINFO,
            0,
            (&raw mut info).cast(),
            size,
        )
    };
    (written == size).then_some(info.pti_resident_size)
}

/// The process's resident memory in bytes: its working set on Windows
/// (what Task Manager shows as memory in use).
#[cfg(windows)]
fn resident_bytes() -> Option<u64> {
    use windows_sys::Win32::System::ProcessStatus::{
        K32GetProcessMemoryInfo, PROCESS_MEMORY_COUNTERS,
    };
    use windows_sys::Win32::System::Threading::GetCurrentProcess;
    let size = u32::try_from(std::mem::size_of::<PROCESS_MEMORY_COUNTERS>()).ok()?;
    // SAFETY: the counters are plain integers, for which zero is valid.
    let mut counters: PROCESS_MEMORY_COUNTERS = unsafe { std::mem::zeroed() };
    counters.cb = size;
    // SAFETY: the pseudo-handle of our own process needs no closing, and
    // the call writes at most `size` bytes into `counters`, which we own.
    let ok = unsafe { K32GetProcessMemoryInfo(GetCurrentProcess(), &mut counters, size) };
    if ok == 0 {
        return None;
    }
    u64::try_from(counters.WorkingSetSize).ok()
}

/// Elsewhere the system is not asked (no interface we can rely on), and
/// [`memory_unknown`] says so.
#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    windows
)))]
fn resident_bytes() -> Option<u64> {
    None
}

impl Limits {
    /// The limits for a build from `--sources`, none for the built-in guide.
    pub fn for_options(opts: &crate::settings::BuildOptions) -> Option<Limits> {
        opts.sources.as_ref().map(|dir| Limits {
            time: opts.time_limit,
            memory: opts.memory_limit,
            sources: dir.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the docs promise the memory limit, the system must report the
    /// process's memory, and plausibly (more than 1 MiB, less than 1 TiB).
    #[cfg(any(target_os = "linux", target_os = "macos", windows))]
    #[test]
    fn memory_is_known_where_the_limit_is_promised() {
        let bytes = resident_bytes().expect("the system reports our memory");
        assert!((1 << 20..1 << 40).contains(&bytes), "{bytes} bytes");
    }

    #[test]
    fn an_unenforced_memory_limit_is_named_with_what_still_applies() {
        let limits = Limits {
            time: DEFAULT_TIME,
            memory: DEFAULT_MEMORY,
            sources: PathBuf::from("my-workbook"),
        };
        assert_eq!(
            unknown_memory_message(&limits),
            "--memory-limit 2048 MiB cannot be enforced here: this system does not report a process's memory, so only the time limit (60 s) applies to building from my-workbook"
        );
    }
}
