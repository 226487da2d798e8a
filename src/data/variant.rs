//! What a handout, or one file of a book split for the partners, adds to
//! `data.json`: the templates lay out the handout or the partner's own
//! pages instead of the whole book when they find it.

use serde::Serialize;

use super::Data;
use crate::guide::Content;
use crate::guide::layout::Layout;
use crate::settings::BuildOptions;
use crate::settings::split::SplitFile;

/// `--handout`: the exercises in the order given.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct HandoutData {
    pub(crate) ids: Vec<String>,
    /// No names were given: lines to write them on instead.
    pub(crate) blank_names: bool,
}

/// The handout's data, when this file is one.
pub(crate) fn handout(content: &Content, layout: &Layout) -> Option<HandoutData> {
    let ids = layout.handout()?;
    Some(HandoutData {
        // Checked already, when the selection was made.
        ids: crate::guide::handout::ids(content, ids).unwrap_or_default(),
        blank_names: layout.blank_names(),
    })
}

/// Adjusts the book's data for a handout: its logs are not part of the
/// book's weekly schedule, so they start on the first day, not in the
/// week of their chapter.
pub(crate) fn finish(data: &mut Data<'_>) {
    if data.handout.is_some() {
        for exercise in data.exercises.values_mut() {
            exercise.week = None;
        }
    }
}

/// The title PDF viewers show and screen readers read, for each kind of file.
pub(crate) fn document_title(content: &Content, opts: &BuildOptions, layout: &Layout) -> String {
    let title = &content.manifest.title;
    let couple = content.strings.joined(&opts.names);
    let get = |key: &str, args: &[(&str, &str)]| {
        let mut all = vec![("title", title.as_str()), ("couple", couple.as_str())];
        all.extend_from_slice(args);
        content.strings.get(key, &all)
    };
    if let Some(typed) = layout.handout()
        && let Ok(ids) = crate::guide::handout::ids(content, typed)
        && !ids.is_empty()
    {
        let titles: Vec<&str> = ids
            .iter()
            .map(|id| content.exercises[id].title.as_str())
            .collect();
        let titles = titles.join(", ");
        let key = if layout.blank_names() {
            "titles.handout-blank"
        } else {
            "titles.handout"
        };
        return get(key, &[("titles", &titles)]);
    }
    match layout.split_file() {
        Some(SplitFile::A) => get("titles.own-pages", &[("name", &opts.names.a)]),
        Some(SplitFile::B) => get("titles.own-pages", &[("name", &opts.names.b)]),
        _ => get("titles.workbook", &[]),
    }
}
