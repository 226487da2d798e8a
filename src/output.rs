//! Output file names and atomic writes: a PDF appears whole or not at all.

pub(crate) mod split;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::diag::{Error, Result};
use crate::settings::names::Names;

/// The longest slug we make from one name, so file names stay short.
const MAX_SLUG: usize = 32;

/// `workbook-ana-ben.pdf`, safe on Windows, macOS and Linux.
pub(crate) fn default_file_name(names: &Names) -> String {
    format!(
        "workbook-{}-{}.pdf",
        slug(&names.a, "partner-1"),
        slug(&names.b, "partner-2")
    )
}

/// `handout-apology-ana-ben.pdf`, or `handout-apology.pdf` without names;
/// a few exercises are named together, more than three by the first:
/// `handout-apology-and-3-more-ana-ben.pdf`.
pub(crate) fn handout_file_name(ids: &[String], names: Option<&Names>) -> String {
    let mut ids: Vec<String> = ids.iter().map(|id| slug(id, "exercise")).collect();
    // Each once, in the order given, as the handout prints them.
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    let what = if ids.len() > 3 {
        format!("{}-and-{}-more", ids[0], ids.len() - 1)
    } else {
        ids.join("-")
    };
    match names {
        Some(n) => format!(
            "handout-{what}-{}-{}.pdf",
            slug(&n.a, "partner-1"),
            slug(&n.b, "partner-2")
        ),
        None => format!("handout-{what}.pdf"),
    }
}

/// Lower-case ASCII letters, digits and single dashes. Other scripts are
/// transliterated (`deunicode`), so "Мария" gives "mariia" and "李" gives "li".
pub(crate) fn slug(name: &str, fallback: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > MAX_SLUG {
        // Cut at a word boundary when one is not too far back.
        let cut = match out[..=MAX_SLUG].rfind('-') {
            Some(at) if at >= MAX_SLUG / 2 => at,
            _ => MAX_SLUG,
        };
        out.truncate(cut);
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// Checks before any work is done that `path` can receive a file: it is not
/// a folder, and its parent folder exists and is writable.
pub(crate) fn check_target(path: &Path) -> Result<()> {
    let bad = |reason: &str, hint: Option<&str>| Error::OutputPath {
        path: path.to_path_buf(),
        reason: reason.to_string(),
        hint: hint.map(str::to_string),
    };
    if path.is_dir() {
        return Err(bad(
            "it is a folder",
            Some("give a file name, for example -o workbook.pdf"),
        ));
    }
    if path.is_relative() {
        match std::env::current_dir() {
            Err(e) if e.raw_os_error() == Some(libc::ENAMETOOLONG) => {
                return Err(bad(
                    "the working folder's path is longer than the system allows",
                    Some("change to a folder nearer the top, or give -o a full, shorter path"),
                ));
            }
            Err(_) => {
                return Err(bad(
                    "the working folder no longer exists (it was deleted or moved)",
                    Some("change to a folder that exists, or give -o a full path"),
                ));
            }
            // The temporary file beside the target is opened by its full
            // path: a working folder deeper than PATH_MAX would fail only
            // after the whole build.
            Ok(cwd) if too_long(&cwd) => {
                return Err(bad(
                    "the working folder's path is longer than the system allows",
                    Some("change to a folder nearer the top, or give -o a full, shorter path"),
                ));
            }
            Ok(cwd) if too_long(&cwd.join(path)) => {
                return Err(bad(
                    "the path is longer than the system allows",
                    Some("choose a shorter path with -o"),
                ));
            }
            Ok(_) => {}
        }
    }
    let parent = parent_of(path);
    match std::fs::metadata(&parent) {
        Err(e) if is_too_long(&e) => Err(bad(
            "the path is longer than the system allows",
            Some("choose a shorter path with -o"),
        )),
        Err(e) if is_link_loop(&e) => Err(bad(
            &format!("the links in {} form a loop", parent.display()),
            Some("fix the link, or choose another place with -o"),
        )),
        Err(_) => Err(bad(
            &format!("the folder {} does not exist", parent.display()),
            Some("create the folder first, or choose another place with -o"),
        )),
        Ok(meta) if !meta.is_dir() => {
            Err(bad(&format!("{} is not a folder", parent.display()), None))
        }
        Ok(meta) if is_read_only(&meta) => Err(bad(
            &format!("the folder {} is read-only", parent.display()),
            Some("choose a folder you can write to with -o"),
        )),
        Ok(_) => Ok(()),
    }
}

/// Checks a PDF's target more strictly than [`check_target`]: an existing
/// path must be a regular file (not a device, pipe or link), writable, and
/// a PDF already, and it must not be one of the files this build reads.
/// Nothing the user already had is replaced by mistake.
pub(crate) fn check_pdf_target(path: &Path, inputs: &[&Path]) -> Result<()> {
    let Some(meta) = check_file_target(path, inputs)? else {
        return Ok(());
    };
    let mut head = [0u8; 5];
    let is_pdf = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"%PDF-";
    if !is_pdf && meta.len() > 0 {
        return Err(Error::OutputPath {
            path: path.to_path_buf(),
            reason: "it exists and is not a PDF, so it is not replaced".into(),
            hint: Some("choose another file name with -o".into()),
        });
    }
    if is_pdf && !FORCE.load(Ordering::Relaxed) {
        check_replaceable(path, &meta)?;
    }
    Ok(())
}

/// `--force`: replace a PDF that holds answers or that workbook did not
/// write. Set once by the command, before any target is checked; a flag
/// here rather than a parameter, as every PDF target of every command is
/// checked through [`check_pdf_target`].
static FORCE: AtomicBool = AtomicBool::new(false);

/// Sets `--force` for this run.
pub(crate) fn set_force(force: bool) {
    FORCE.store(force, Ordering::Relaxed);
}

/// Refuses to replace a PDF that a rebuild would lose: one a couple
/// filled in and sent back (its answers are in no other file), one that
/// is locked so that this cannot be told, or one some other program made.
/// A blank workbook that workbook wrote is replaced as always.
fn check_replaceable(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use crate::answers::Existing;
    let bad = |reason: String| Error::OutputPath {
        path: path.to_path_buf(),
        reason,
        hint: Some(
            "choose another file name with -o (or --out-dir), or pass --force to replace it".into(),
        ),
    };
    // Larger than any workbook: not one of ours.
    let existing = if meta.len() > 256 * 1024 * 1024 {
        Existing::Foreign
    } else {
        match std::fs::read(path) {
            Ok(bytes) => crate::answers::inspect(&bytes),
            Err(_) => Existing::Unreadable,
        }
    };
    match existing {
        Existing::Workbook { answers: 0 } => Ok(()),
        Existing::Workbook { answers } => Err(bad(format!(
            "it is a filled-in workbook holding {answers} answer{}, which would be lost",
            if answers == 1 { "" } else { "s" }
        ))),
        Existing::Locked => Err(bad(
            "it is locked with a password, so workbook cannot tell whether it holds answers".into(),
        )),
        Existing::Foreign => Err(bad("it is a PDF that workbook did not write".into())),
        Existing::Unreadable => Err(bad("it is a PDF that cannot be read, so it is kept".into())),
    }
}

/// Checks any file's target (a PDF's, the answers' of `workbook answers`):
/// a plain file name, a folder to write in, and an existing path only when
/// it is a writable regular file (never a device, pipe, socket or link,
/// which a rename would replace) and none of `inputs`. Returns the
/// existing file's metadata.
pub(crate) fn check_file_target(
    path: &Path,
    inputs: &[&Path],
) -> Result<Option<std::fs::Metadata>> {
    let bad = |reason: String, hint: &str| Error::OutputPath {
        path: path.to_path_buf(),
        reason,
        hint: Some(hint.to_string()),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(c) = name
        .chars()
        .find(|&c| crate::settings::names::is_refused(c))
    {
        return Err(bad(
            format!(
                "the file name has the control or invisible character U+{:04X}",
                c as u32
            ),
            "choose a plain file name",
        ));
    }
    if name.len() > 240 {
        return Err(bad(
            format!(
                "the file name is {} bytes long; most disks allow 255",
                name.len()
            ),
            "choose a shorter name",
        ));
    }
    check_target(path)?;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(None);
    };
    let hint = "choose another file name with -o";
    if meta.file_type().is_symlink() {
        return Err(bad(
            "it is a link; workbook replaces only regular files".into(),
            hint,
        ));
    }
    if !meta.is_file() {
        return Err(bad(
            "it is not a regular file (a device, pipe or socket)".into(),
            hint,
        ));
    }
    if is_read_only(&meta) {
        return Err(bad(
            "the file is read-only".into(),
            "make it writable first, or choose another name with -o",
        ));
    }
    if let Ok(target) = path.canonicalize() {
        for input in inputs {
            if input.canonicalize().is_ok_and(|i| i == target) {
                return Err(bad(
                    format!("it is one of this build's inputs ({})", input.display()),
                    hint,
                ));
            }
        }
    }
    Ok(Some(meta))
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// synced and then renamed over the target: on any failure the target is
/// left as it was and no partial file remains.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, bytes, false)
}

/// [`write_atomic`] for text that was locked (the answers of a workbook
/// with a password): the file stays readable by its owner only.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, bytes, true)
}

fn write_file(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    check_target(path)?;
    let parent = parent_of(path);
    // Named after the file the user asked for, not our temporary file.
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    crate::cleanup::sweep(&parent);
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(crate::cleanup::PREFIX)
        .suffix(crate::cleanup::SUFFIX);
    // The temporary file is private (0600, tempfile's default) while it is
    // written: a part file left by a crash may hold decrypted answers.
    let (mut tmp, registered) =
        crate::cleanup::create(|| builder.tempfile_in(&parent), |t| t.path()).map_err(io)?;
    // Through the plain file: tempfile's own writer adds the temporary
    // path to its errors, which would only confuse the user.
    tmp.as_file_mut().write_all(bytes).map_err(io)?;
    // Whole, it gets the permissions of any file the user creates (0666
    // less the umask), unless its content was locked.
    #[cfg(unix)]
    if !private {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o666 & !umask()))
            .map_err(io)?;
    }
    #[cfg(not(unix))]
    let _ = private;
    tmp.as_file().sync_all().map_err(io)?;
    crate::faults::pause_before_rename();
    registered
        .finish(|| tmp.persist(path))
        .map_err(|e| io(e.error))?;
    Ok(())
}

/// Whether a full path, with room for our temporary file's name beside
/// it, is longer than the system lets a program open.
fn too_long(path: &Path) -> bool {
    // PATH_MAX counts the terminating NUL; a part file's name is longer
    // than the target's by at most this much.
    const ROOM: usize = 40;
    #[cfg(unix)]
    let max = libc::PATH_MAX as usize;
    // Windows' classic limit (MAX_PATH), without the long-path opt-in.
    #[cfg(not(unix))]
    let max = 260;
    path.as_os_str().len() + ROOM >= max
}

/// Whether `path` is a link that points back at itself (a loop of
/// links): it is then neither a folder nor missing, and a message saying
/// either would mislead.
pub(crate) fn is_link_loop_at(path: &Path) -> bool {
    std::fs::metadata(path).is_err_and(|e| is_link_loop(&e))
}

/// The process's umask, read without changing it (Linux shows it in
/// /proc; setting and restoring it would race with other threads' files).
#[cfg(unix)]
fn umask() -> u32 {
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or(0o022)
    })
}

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

pub(crate) fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A folder with no write permission bits. We honour the bits even when
/// running as root, where the kernel would let us write anyway: the user
/// marked the folder read-only for a reason.
#[cfg(unix)]
fn is_read_only(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o222 == 0
}

/// Windows: a file's read-only attribute. A folder's is no such thing
/// (Windows ignores it for writing, and Explorer sets it on folders it
/// customises), so a folder counts as writable and a real refusal comes
/// from the write itself.
#[cfg(not(unix))]
fn is_read_only(meta: &std::fs::Metadata) -> bool {
    !meta.is_dir() && meta.permissions().readonly()
}

/// The system's codes for a path too long and for links that loop; none
/// known elsewhere, where the plain "does not exist" message serves.
#[cfg(unix)]
const TOO_LONG: Option<i32> = Some(libc::ENAMETOOLONG);
#[cfg(unix)]
const LINK_LOOP: Option<i32> = Some(libc::ELOOP);
#[cfg(windows)]
const TOO_LONG: Option<i32> =
    Some(windows_sys::Win32::Foundation::ERROR_FILENAME_EXCED_RANGE as i32);
#[cfg(windows)]
const LINK_LOOP: Option<i32> =
    Some(windows_sys::Win32::Foundation::ERROR_CANT_RESOLVE_FILENAME as i32);
#[cfg(not(any(unix, windows)))]
const TOO_LONG: Option<i32> = None;
#[cfg(not(any(unix, windows)))]
const LINK_LOOP: Option<i32> = None;

fn is_too_long(e: &std::io::Error) -> bool {
    TOO_LONG.is_some() && e.raw_os_error() == TOO_LONG
}

fn is_link_loop(e: &std::io::Error) -> bool {
    LINK_LOOP.is_some() && e.raw_os_error() == LINK_LOOP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Ana", "x"), "ana");
        assert_eq!(slug("Zoë Ann", "x"), "zoe-ann");
        assert_eq!(slug("Łukasz", "x"), "lukasz");
        assert_eq!(slug("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(slug("Мария", "x"), "mariia");
        assert_eq!(slug("#panic(\"x\")", "x"), "panic-x");
        assert_eq!(slug("💛", "partner-1"), "yellow-heart");
        assert_eq!(slug("!!!", "partner-1"), "partner-1");
        assert!(slug(&"a".repeat(60), "x").len() <= MAX_SLUG);
        assert_eq!(
            slug("I hold back from opening up, in case I get hurt", "x"),
            "i-hold-back-from-opening-up-in"
        );
    }

    #[test]
    fn handout_names() {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let names = Names::parse("Ana & Zoë").unwrap();
        assert_eq!(
            handout_file_name(&ids(&["apology"]), Some(&names)),
            "handout-apology-ana-zoe.pdf"
        );
        assert_eq!(
            handout_file_name(&ids(&["boundary-list", "gratitude-log"]), None),
            "handout-boundary-list-gratitude-log.pdf"
        );
        assert_eq!(
            handout_file_name(&ids(&["a", "b", "a", "c", "d"]), None),
            "handout-a-and-3-more.pdf"
        );
    }
}
