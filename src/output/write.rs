//! Atomic writes: through a temporary file in the same folder, synced and
//! renamed over the target, so a file appears whole or not at all.

use std::io::Write;
use std::path::Path;

use super::target::{check_target, parent_of};
use crate::diag::{Error, Result};

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
