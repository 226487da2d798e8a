//! A counselor's own exercises (`[content] extra-exercises`): files in our
//! exercise format, each naming the part it joins, checked like the
//! built-in ones and printed at the end of that part.

use std::path::Path;

use toml::Spanned;

use crate::content::{self, Content, Exercise};
use crate::error::{Error, Result};

/// Enough for a practice's own pages; more is a mistake in the folder.
const MAX_FILES: usize = 100;
const MAX_FILE_BYTES: u64 = 256 * 1024;

/// Adds every `*.toml` in `dir` to `content`.
pub fn add(content: &mut Content, dir: &Path) -> Result<()> {
    let bad =
        |reason: String| Error::usage(format!("extra-exercises {}: {reason}", dir.display()), None);
    let meta = std::fs::metadata(dir).map_err(|e| bad(format!("cannot open it ({e})")))?;
    if !meta.is_dir() {
        return Err(bad("not a folder".into()));
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| bad(format!("cannot read it ({e})")))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    if files.len() > MAX_FILES {
        return Err(bad(format!(
            "{} exercise files; at most {MAX_FILES}",
            files.len()
        )));
    }
    for path in files {
        let shown = path.display().to_string();
        let meta = std::fs::symlink_metadata(&path).map_err(|e| bad(format!("{shown}: {e}")))?;
        if !meta.is_file() {
            return Err(bad(format!("{shown} is not a regular file")));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(bad(format!("{shown} is larger than 256 KiB")));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| bad(format!("{shown}: {e}")))?;
        let exercise: Exercise = content::parse_toml(&shown, &text)?;
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        content::check_exercise(&shown, &text, &id, &exercise)?;
        let err = |at: &Spanned<String>, message: String, hint: Option<String>| {
            content::content_error(&shown, &text, at.span().start, message, hint)
        };
        if content.exercises.contains_key(&id) || content.parts().any(|p| p.id.get_ref() == &id) {
            return Err(err(
                &exercise.id,
                format!("the id {id:?} is already used by the guide"),
                Some("choose another id (and file name)".into()),
            ));
        }
        let Some(part_id) = exercise.part.clone() else {
            return Err(content::content_error(
                &shown,
                &text,
                0,
                "an extra exercise needs `part`: the id of the part it joins".into(),
                Some("for example: part = \"healing-together\" (see `workbook list`)".into()),
            ));
        };
        let Some(part) = content
            .manifest
            .parts
            .iter_mut()
            .map(|p| p.get_mut())
            .find(|p| p.id.get_ref() == part_id.get_ref())
        else {
            let ids: Vec<String> = content.parts().map(|p| p.id.get_ref().clone()).collect();
            return Err(err(
                &part_id,
                format!("unknown part {:?}", part_id.get_ref()),
                Some(format!("the parts are {}", ids.join(", "))),
            ));
        };
        part.exercises.push(Spanned::new(0..0, id.clone()));
        content.extra.insert(id.clone());
        content.exercises.insert(id, exercise);
    }
    Ok(())
}
