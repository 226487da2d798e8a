//! Checks, before any work is done, that a target can take a file: a
//! plain file name in a folder that exists and can be written, never a
//! folder, a link, a device, one of the build's inputs, or a PDF holding
//! answers that a rebuild would lose.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::diag::{Error, Result};

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
            Err(e) if is_too_long(&e) => {
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

/// Checks an HTML page's target as strictly as a PDF's: an existing file
/// is replaced only when it is a page this program wrote (its answers live
/// in the browser, not in the file), or empty.
pub(crate) fn check_html_target(path: &Path, inputs: &[&Path]) -> Result<()> {
    let Some(meta) = check_file_target(path, inputs)? else {
        return Ok(());
    };
    let mut head = Vec::new();
    let _ = std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(|e| Error::OutputPath {
                path: path.to_path_buf(),
                reason: format!("it cannot be read ({e})"),
                hint: None,
            })?,
            4096,
        ),
        &mut head,
    );
    if meta.len() > 0 && !super::html::is_ours(&head) && !FORCE.load(Ordering::Relaxed) {
        return Err(Error::OutputPath {
            path: path.to_path_buf(),
            reason: "it exists and is not a workbook's HTML page, so it is not replaced".into(),
            hint: Some("choose another file name with -o, or pass --force to replace it".into()),
        });
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
