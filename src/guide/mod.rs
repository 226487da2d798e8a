//! The guide: `guide.toml`, the chapter files and the exercise files,
//! loaded and checked before Typst sees them, plus a counselor's extra
//! exercises and the selection of parts for one copy.

mod blocks;
mod calls;
pub(crate) mod checks;
pub mod counselor;
pub(crate) mod extra;
pub(crate) mod handout;
pub mod lang;
pub mod layout;
pub mod progress;
pub mod schema;
pub(crate) mod select;
pub mod strings;

use std::collections::{BTreeMap, BTreeSet};

pub use schema::{
    Block, BlockKind, Exercise, HALF_PAGE, Lines, Manifest, Moment, Part, PartKind, Period, Step,
    Who,
};

use crate::diag::{Error, Result, parse_toml};
use crate::sources::Sources;
use checks::{check_exercise, check_manifest, check_unplaced};
use select::Selection;

/// Where the guide's files live among the sources.
pub const ROOT: &str = "/workbook";
const MANIFEST: &str = "/workbook/guide.toml";

/// The whole guide, checked: the manifest and every exercise it places.
#[derive(Debug, Clone)]
pub struct Content {
    pub manifest: Manifest,
    /// Exercises by id.
    pub exercises: BTreeMap<String, Exercise>,
    /// Counselors' extra exercises, which their part's text does not place:
    /// the templates print them at the end of the part.
    pub extra: BTreeSet<String>,
    /// The trust and safety check, when the sources have one.
    pub progress: Option<progress::Progress>,
    /// The counselor's edition, when the sources have one.
    pub counselor: Option<counselor::CounselorGuide>,
    /// The words Rust writes (titles), in the guide's language.
    pub strings: strings::Strings,
}

impl Content {
    /// Loads and checks the guide from `sources`.
    pub fn load(sources: &Sources) -> Result<Self> {
        let text = read_text(sources, MANIFEST)?;
        let manifest: Manifest = parse_toml(MANIFEST, text)?;
        let mut exercises = BTreeMap::new();
        check_manifest(sources, MANIFEST, text, &manifest)?;
        for part in &manifest.parts {
            for id in &part.get_ref().exercises {
                let path = exercise_path(id.get_ref());
                let ex_text = read_text(sources, &path)?;
                let exercise: Exercise = parse_toml(&path, ex_text)?;
                check_exercise(&path, ex_text, id.get_ref(), &exercise)?;
                exercises.insert(id.get_ref().clone(), exercise);
            }
        }
        check_unplaced(sources, &exercises)?;
        calls::check_conditions(sources, &manifest, &exercises)?;
        let progress = progress::Progress::load(sources)?;
        if progress.is_none() {
            progress::check_unused(sources, &manifest, &exercises)?;
        }
        let counselor = counselor::CounselorGuide::load(sources, &manifest, &exercises)?;
        Ok(Content {
            manifest,
            exercises,
            extra: BTreeSet::new(),
            progress,
            counselor,
            strings: strings::Strings::load(sources, "en")?,
        })
    }

    /// Parts in reading order.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.manifest.parts.iter().map(|p| p.get_ref())
    }

    /// Every text this copy prints from the guide's files, named by where
    /// it comes from, so that a letter no font has is named precisely.
    pub(crate) fn printed_texts(&self, selection: &Selection) -> Vec<(String, &str)> {
        let manifest = &self.manifest;
        let mut out = vec![
            ("guide.toml (title)".to_string(), manifest.title.as_str()),
            (
                "guide.toml (subtitle)".to_string(),
                manifest.subtitle.as_str(),
            ),
        ];
        for part in self.parts() {
            let id = part.id.get_ref();
            if selection.parts.contains(id) {
                out.push((format!("guide.toml (part {id})"), &part.title));
            }
        }
        // The five steps are all listed, taught in this copy or not.
        for step in &manifest.steps {
            let step = step.get_ref();
            let number = step.number.get_ref();
            out.push((format!("guide.toml (step {number})"), &step.title));
        }
        if let Some(p) = &self.progress {
            out.extend(p.texts().map(|t| ("progress.toml".to_string(), t)));
        }
        if let Some(c) = &self.counselor {
            for s in &c.sessions {
                let n = s.number.get_ref();
                out.extend(
                    s.texts()
                        .map(|t| (format!("counselor/sessions.toml (session {n})"), t)),
                );
            }
        }
        for (id, exercise) in &self.exercises {
            if selection.exercises.contains(id) {
                for (key, text) in exercise.texts() {
                    out.push((format!("exercise {id} ({key})"), text));
                }
            }
        }
        out
    }

    /// The id to use for `id`: itself, or the id that took the place of
    /// one that went away.
    pub fn current_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.manifest
            .aliases
            .get(id)
            .map_or(id, |new| new.get_ref())
    }

    /// A warning for each id in `ids` that went away, naming its
    /// replacement, so that old configs keep working and say so.
    pub fn renamed_warnings<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Vec<String> {
        let mut seen = BTreeSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(id.as_str()))
            .filter_map(|id| {
                let new = self.manifest.aliases.get(id)?;
                Some(format!(
                    "{id:?} is now part of {:?}: it is used instead (write {:?} to silence this)",
                    new.get_ref(),
                    new.get_ref()
                ))
            })
            .collect()
    }

    /// Every id that `--skip` and `--only` accept: parts, then exercises.
    pub fn ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for part in self.parts() {
            ids.push(part.id.get_ref().clone());
            ids.extend(part.exercises.iter().map(|e| e.get_ref().clone()));
        }
        ids
    }
}

/// `/workbook/exercises/<id>.toml`
pub fn exercise_path(id: &str) -> String {
    format!("{ROOT}/exercises/{id}.toml")
}

pub(crate) fn read_text<'a>(sources: &'a Sources, path: &str) -> Result<&'a str> {
    match sources.get(path) {
        None => Err(Error::at(path, "", 0, "file not found".into(), None)),
        Some(bytes) => std::str::from_utf8(bytes)
            .map_err(|e| Error::at(path, "", 0, format!("not valid UTF-8 text ({e})"), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_content_passes_its_checks() {
        Content::load(&Sources::embedded()).unwrap();
    }
}
