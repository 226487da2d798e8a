//! Walking a folder the user gave us (`--sources`, `--font-path`, extra
//! exercises): one walker, with the policy for links, odd files and sizes
//! said by each caller rather than re-implemented three times.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// What to do with a file the policy does not take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Otherwise {
    /// Stop with an error naming the file.
    Refuse,
    /// Leave it out without a word.
    Skip,
}

/// How to walk one folder.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Policy {
    /// Go into sub-folders, or only list the folder itself.
    pub recursive: bool,
    /// Links, devices, pipes and sockets: never read, refused or skipped.
    pub odd: Otherwise,
    /// Which regular files matter (by name); the others are skipped.
    pub wanted: fn(&Path) -> bool,
    /// The largest file taken, in bytes.
    pub max_file: u64,
    /// A file over `max_file`: refused or skipped.
    pub bad_size: Otherwise,
    /// The most files taken.
    pub max_files: usize,
    /// The most bytes taken in all.
    pub max_total: u64,
}

/// A regular file found by [`files`].
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub path: PathBuf,
    pub len: u64,
}

/// Why a walk stopped: the file at fault (when one is), and the reason.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub path: Option<PathBuf>,
    pub reason: String,
}

impl Refusal {
    /// The message, with the file shown as the caller shows paths.
    pub(crate) fn message(&self, show: impl Fn(&Path) -> String) -> String {
        match &self.path {
            Some(p) => format!("{} {}", show(p), self.reason),
            None => self.reason.clone(),
        }
    }
}

/// The regular files under `dir` that `policy` takes, sorted by path, so
/// that the same folder always gives the same order. Links are never
/// followed: a link could lead outside the folder, to a device that never
/// ends, or to a pipe that blocks.
pub(crate) fn files(dir: &Path, policy: &Policy) -> Result<Vec<Found>, Refusal> {
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .min_depth(1)
        .max_depth(if policy.recursive { usize::MAX } else { 1 })
        .sort_by_file_name();
    let mut found = Vec::new();
    let mut total = 0;
    for entry in walker {
        let entry = entry.map_err(|e| Refusal {
            path: e.path().map(Path::to_path_buf),
            reason: format!(
                "cannot be read ({})",
                e.io_error().map_or(e.to_string(), |io| io.to_string())
            ),
        })?;
        let kind = entry.file_type();
        let path = entry.path();
        let refuse = |reason: &str| Refusal {
            path: Some(path.to_path_buf()),
            reason: reason.to_string(),
        };
        if kind.is_dir() || !(policy.wanted)(path) {
            continue;
        }
        if !kind.is_file() {
            match policy.odd {
                Otherwise::Skip => continue,
                Otherwise::Refuse if kind.is_symlink() => {
                    return Err(refuse(
                        "is a link; only regular files inside the folder are read",
                    ));
                }
                Otherwise::Refuse => return Err(refuse("is not a regular file")),
            }
        }
        let len = entry
            .metadata()
            .map_err(|e| refuse(&format!("cannot be read ({e})")))?
            .len();
        if len > policy.max_file {
            match policy.bad_size {
                Otherwise::Skip => continue,
                Otherwise::Refuse => {
                    return Err(refuse(&format!("is larger than {}", size(policy.max_file))));
                }
            }
        }
        total += len;
        if found.len() == policy.max_files || total > policy.max_total {
            return Err(Refusal {
                path: None,
                reason: format!(
                    "the folder holds more than {} or {} files",
                    size(policy.max_total),
                    policy.max_files
                ),
            });
        }
        found.push(Found {
            path: path.to_path_buf(),
            len,
        });
    }
    Ok(found)
}

/// "256 KiB", "32 MiB".
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            recursive: true,
            odd: Otherwise::Refuse,
            wanted: |_| true,
            max_file: 10,
            bad_size: Otherwise::Refuse,
            max_files: 3,
            max_total: 100,
        }
    }

    #[test]
    fn sorted_and_recursive_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b"), "1").unwrap();
        std::fs::write(dir.path().join("a"), "1").unwrap();
        std::fs::write(dir.path().join("sub/c"), "1").unwrap();
        let names = |p: &Policy| -> Vec<String> {
            files(dir.path(), p)
                .unwrap()
                .iter()
                .map(|f| {
                    f.path
                        .strip_prefix(dir.path())
                        .unwrap()
                        .display()
                        .to_string()
                })
                .collect()
        };
        assert_eq!(names(&policy()), ["a", "b", "sub/c"]);
        let flat = Policy {
            recursive: false,
            ..policy()
        };
        assert_eq!(names(&flat), ["a", "b"]);
    }

    // Unix: a link to a device (Windows makes links only with privileges).
    #[cfg(unix)]
    #[test]
    fn links_and_sizes_follow_the_policy() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big"), "x".repeat(11)).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("link")).unwrap();
        let err = files(dir.path(), &policy()).unwrap_err();
        assert_eq!(err.reason, "is larger than 0 KiB");
        let skip = Policy {
            odd: Otherwise::Skip,
            bad_size: Otherwise::Skip,
            ..policy()
        };
        assert!(files(dir.path(), &skip).unwrap().is_empty());
        let sizes_skipped = Policy {
            bad_size: Otherwise::Skip,
            ..policy()
        };
        let err = files(dir.path(), &sizes_skipped).unwrap_err();
        assert!(err.reason.starts_with("is a link"), "{}", err.reason);
    }
}
