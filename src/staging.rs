//! Writing many files all or nothing (for `eject`): every file is written
//! and synced in a staging folder beside its target first, so a full disk
//! fails before anything of the user's is touched; then a new folder is
//! renamed into place whole, or, into an existing one, the files are
//! renamed one by one with what was already moved put back on failure.

use std::path::{Component, Path, PathBuf};

use crate::cleanup;
use crate::diag::{Error, Result};

/// Writes `files` (paths relative to `dir`, with their bytes) into `dir`.
/// On any error nothing new remains and every file that was there before
/// is as it was. Targets are checked by the caller beforehand.
pub(crate) fn write_all(dir: &Path, files: &[(PathBuf, &[u8])]) -> Result<()> {
    // The nearest folder that exists: the staging folder goes there, on the
    // same file system as the targets, so that renames cannot fail half-way
    // with "crosses devices".
    let mut base = dir.to_path_buf();
    let mut missing = Vec::new();
    while std::fs::symlink_metadata(&base).is_err() {
        let Some(name) = base.file_name() else { break };
        missing.push(name.to_os_string());
        if !base.pop() || base.as_os_str().is_empty() {
            base = PathBuf::from(".");
            break;
        }
    }
    missing.reverse();
    cleanup::sweep(&base);
    let (staging, _registered) = cleanup::create(
        || {
            tempfile::Builder::new()
                .prefix(cleanup::PREFIX)
                .suffix(cleanup::SUFFIX)
                .tempdir_in(&base)
        },
        |d| d.path(),
    )
    .map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let fresh: PathBuf = staging.path().join("new");
    // The folder to build inside the staging folder: the missing part of
    // `dir` for a new one, else a folder of its own.
    let new_root = missing.iter().fold(fresh.clone(), |p, c| p.join(c));
    for (rel, bytes) in files {
        // Guarded: a signal waits for this file, then removes the folder.
        cleanup::guarded(|| stage(&new_root.join(rel), bytes)).map_err(|source| Error::Io {
            path: dir.join(rel),
            source,
        })?;
    }
    crate::faults::pause_before_rename();
    let staged = Staged {
        dir,
        base: &base,
        missing: &missing,
        fresh: &fresh,
        new_root: &new_root,
        staging: staging.path(),
    };
    // The renames run guarded, whole: a signal waits until the project is
    // in place or rolled back, so the user's files that were moved aside
    // (kept in the staging folder) are never removed with it.
    cleanup::guarded(|| staged.move_all(files))
}

/// Where a project was staged, and where it goes.
struct Staged<'a> {
    dir: &'a Path,
    /// The nearest folder that exists, holding the staging folder.
    base: &'a Path,
    /// The names from `base` down to `dir` that do not exist yet.
    missing: &'a [std::ffi::OsString],
    fresh: &'a Path,
    new_root: &'a Path,
    staging: &'a Path,
}

impl Staged<'_> {
    /// Moves the staged project into place: one rename for a new folder,
    /// or file by file into an existing one, undone on the first failure.
    fn move_all(&self, files: &[(PathBuf, &[u8])]) -> Result<()> {
        let dir = self.dir;
        if let Some(first) = self.missing.first() {
            // A new folder: one rename puts the whole project in place.
            let target = self.base.join(first);
            return fail_point(0)
                .and_then(|_| std::fs::rename(self.fresh.join(first), &target))
                .map_err(|source| Error::Io {
                    path: dir.to_path_buf(),
                    source,
                });
        }
        let old = self.staging.join("old");
        let mut journal = Vec::new();
        for (n, (rel, _)) in files.iter().enumerate() {
            if let Err(source) =
                fail_point(n).and_then(|_| move_in(dir, rel, self.new_root, &old, &mut journal))
            {
                roll_back(journal);
                return Err(Error::Io {
                    path: dir.join(rel),
                    source,
                });
            }
        }
        Ok(())
    }
}

/// Writes one file in the staging folder and syncs it, so that a full disk
/// shows here (delayed allocation reports it only at the sync).
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// One step of moving into an existing folder, as it can be undone.
enum Step {
    /// A folder that did not exist.
    Created(PathBuf),
    /// A file put in place, and where the one it replaced was kept.
    Moved {
        target: PathBuf,
        kept: Option<PathBuf>,
    },
}

/// Moves one staged file to its target, keeping a replaced file in `old`.
fn move_in(
    dir: &Path,
    rel: &Path,
    new_root: &Path,
    old: &Path,
    journal: &mut Vec<Step>,
) -> std::io::Result<()> {
    let target = dir.join(rel);
    let mut on_the_way = dir.to_path_buf();
    if let Some(parent) = rel.parent() {
        for part in parent.components() {
            if let Component::Normal(name) = part {
                on_the_way.push(name);
                if std::fs::symlink_metadata(&on_the_way).is_err() {
                    std::fs::create_dir(&on_the_way)?;
                    journal.push(Step::Created(on_the_way.clone()));
                }
            }
        }
    }
    let kept = if std::fs::symlink_metadata(&target).is_ok() {
        let keep = old.join(rel);
        if let Some(parent) = keep.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::rename(&target, &keep)?;
        Some(keep)
    } else {
        None
    };
    let moved = std::fs::rename(new_root.join(rel), &target);
    journal.push(Step::Moved {
        target: target.clone(),
        kept,
    });
    moved
}

/// Undoes the steps, last first: new files removed, replaced ones put back,
/// created folders removed. Best effort: an error here has nothing better
/// to fall back on than the next step.
fn roll_back(journal: Vec<Step>) {
    for step in journal.into_iter().rev() {
        match step {
            Step::Moved { target, kept } => {
                let _ = std::fs::remove_file(&target);
                if let Some(kept) = kept {
                    let _ = std::fs::rename(&kept, &target);
                }
            }
            Step::Created(dir) => {
                let _ = std::fs::remove_dir(&dir);
            }
        }
    }
}

/// Where a test may fail the rename step number `n` (src/faults.rs).
fn fail_point(n: usize) -> std::io::Result<()> {
    crate::faults::fail_move(n)
}
