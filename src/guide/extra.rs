//! A counselor's own exercises (`[content] extra-exercises`): files in our
//! exercise format, each naming the part it joins, checked like the
//! built-in ones and printed at the end of that part.

use std::path::Path;

use toml::Spanned;

use crate::diag::{Error, Result};
use crate::guide::{self, Content, Exercise};
use crate::input::{self, Otherwise, Policy};

/// Enough for a practice's own pages; more is a mistake in the folder.
const MAX_FILES: usize = 100;
const MAX_FILE_BYTES: u64 = 256 * 1024;

/// Adds every `*.toml` in `dir` to `content`.
pub(crate) fn add(content: &mut Content, dir: &Path) -> Result<()> {
    let bad =
        |reason: String| Error::usage(format!("extra-exercises {}: {reason}", dir.display()), None);
    let meta = std::fs::metadata(dir).map_err(|e| bad(format!("cannot open it ({e})")))?;
    if !meta.is_dir() {
        return Err(bad("not a folder".into()));
    }
    let policy = Policy {
        recursive: false,
        odd: Otherwise::Refuse,
        wanted: |p| p.extension().is_some_and(|e| e == "toml"),
        max_file: MAX_FILE_BYTES,
        bad_size: Otherwise::Refuse,
        max_files: MAX_FILES,
        max_total: MAX_FILES as u64 * MAX_FILE_BYTES,
    };
    let files =
        input::files(dir, &policy).map_err(|r| bad(r.message(|p| p.display().to_string())))?;
    for file in files {
        let path = file.path;
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| bad(format!("{shown}: {e}")))?;
        let exercise: Exercise = crate::diag::parse_toml(&shown, &text)?;
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        guide::checks::check_exercise(&shown, &text, &id, &exercise)?;
        let err = |at: &Spanned<String>, message: String, hint: Option<String>| {
            Error::at(&shown, &text, at.span().start, message, hint)
        };
        if content.exercises.contains_key(&id) || content.parts().any(|p| p.id.get_ref() == &id) {
            return Err(err(
                &exercise.id,
                format!("the id {id:?} is already used by the guide"),
                Some("choose another id (and file name)".into()),
            ));
        }
        let Some(part_id) = exercise.part.clone() else {
            return Err(Error::at(
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
