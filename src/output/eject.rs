//! `workbook eject`: a project's files written into a folder, all of them
//! or none, never through a link or over something that is not a file.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};
use crate::sources::Sources;

/// The README written beside an ejected project.
pub(crate) const README: &str = include_str!("eject-readme.md");
/// The one way to build an ejected folder with plain Typst, run inside it;
/// the docs' eject chapter and the ejected README give the same command
/// (tested).
pub(crate) const TYPST_COMMAND: &str = "typst compile templates/workbook.typ workbook.pdf --root . --font-path assets/fonts --ignore-system-fonts";

/// Writes every file into `dir` (for `eject`), refusing to replace
/// existing files unless `force`: all of them or, on any error, none
/// (see `staging`). Returns the paths written.
pub(crate) fn write(project: &Sources, dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let targets: Vec<(PathBuf, &[u8])> = project
        .iter()
        .map(|(p, b)| (dir.join(p.trim_start_matches('/')), b))
        .collect();
    // Check every target before writing any, so that a refusal leaves
    // nothing half-written: no link anywhere on the way (it could lead
    // outside the folder), nothing but regular files to replace.
    for (target, _) in &targets {
        let rel = target.strip_prefix(dir).expect("joined onto dir");
        let mut on_the_way = dir.to_path_buf();
        for part in rel.components() {
            on_the_way.push(part);
            let Ok(meta) = std::fs::symlink_metadata(&on_the_way) else {
                break;
            };
            let last = on_the_way == *target;
            let problem = if meta.file_type().is_symlink() {
                Some("it is a link; eject writes only real files and folders")
            } else if last && !meta.is_file() {
                Some("it is not a regular file")
            } else if !last && !meta.is_dir() {
                Some("it is in the way of a folder")
            } else if last && !force {
                Some("it already exists")
            } else {
                None
            };
            if let Some(reason) = problem {
                return Err(Error::OutputPath {
                    path: on_the_way.clone(),
                    reason: reason.into(),
                    hint: Some(
                        "eject into an empty folder, or pass --force to replace existing files"
                            .into(),
                    ),
                });
            }
        }
    }
    if let Ok(meta) = std::fs::symlink_metadata(dir)
        && !meta.is_dir()
    {
        return Err(Error::OutputPath {
            path: dir.to_path_buf(),
            reason: "it is not a folder".into(),
            hint: Some("give a folder to eject into: workbook eject DIR".into()),
        });
    }
    let files: Vec<(PathBuf, &[u8])> = targets
        .iter()
        .map(|(t, b)| {
            let rel = t.strip_prefix(dir).expect("joined onto dir");
            (rel.to_path_buf(), *b)
        })
        .collect();
    crate::staging::write_all(dir, &files)?;
    Ok(targets.into_iter().map(|(t, _)| t).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_gives_the_same_typst_command() {
        let docs = include_str!("../../docs/src/eject.md").replace('\n', " ");
        assert!(super::README.contains(super::TYPST_COMMAND));
        assert!(
            docs.contains(super::TYPST_COMMAND),
            "docs/src/eject.md has another command"
        );
    }
}
