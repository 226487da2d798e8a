//! Reading an image file: only a regular file, and only up to the size cap.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use super::{Failure, MAX_FILE_BYTES, Target};

/// The file's bytes, if it is a regular file of acceptable size. Devices,
/// FIFOs, sockets and folders are refused from their metadata, before any
/// `open`: opening a FIFO for reading blocks until a writer comes, and
/// `/dev/zero` never ends.
pub(super) fn read_regular_file(path: &Path, target: Target) -> Result<Vec<u8>, Failure> {
    let meta = fs::metadata(path).map_err(io_failure)?;
    check_metadata(path, &meta, target)?;
    let file = File::open(path).map_err(io_failure)?;
    // The path may have been swapped between the check and the open; what
    // counts is the file actually opened. (A swap to a FIFO in that moment
    // would still block the open: refusing that too needs O_NONBLOCK, which
    // needs the `libc` crate.)
    let meta = file.metadata().map_err(io_failure)?;
    check_metadata(path, &meta, target)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte over the cap tells a file that grew past it after the check.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_failure)?;
    check_size(bytes.len() as u64, target)?;
    Ok(bytes)
}

pub(super) fn check_metadata(
    path: &Path,
    meta: &fs::Metadata,
    target: Target,
) -> Result<(), Failure> {
    if !meta.is_file() {
        let mut what = file_kind(&meta.file_type()).to_string();
        if let Ok(link) = fs::symlink_metadata(path)
            && link.file_type().is_symlink()
        {
            let to = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            what = format!("a link to {}, {what}", to.display());
        }
        return Err(Failure::new(
            format!("not a regular file (it is {what})"),
            Some("give the path of a PNG, JPEG or WebP file".into()),
        ));
    }
    check_size(meta.len(), target)
}

pub(super) fn check_size(len: u64, target: Target) -> Result<(), Failure> {
    if len == 0 {
        return Err(Failure::new(
            "is empty (0 bytes)",
            Some("give the path of a PNG, JPEG or WebP file".into()),
        ));
    }
    if len > MAX_FILE_BYTES {
        return Err(Failure::new(
            format!(
                "is {}; the largest image file accepted is {}",
                megabytes(len),
                megabytes(MAX_FILE_BYTES)
            ),
            target.smaller_copy_hint(),
        ));
    }
    Ok(())
}

pub(super) fn file_kind(kind: &fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

pub(super) fn io_failure(err: io::Error) -> Failure {
    let reason = match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "cannot be read: permission denied".to_string(),
        _ => format!("cannot be read: {err}"),
    };
    Failure::new(reason, None)
}

pub(super) fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}
