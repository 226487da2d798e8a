//! `--skip` and `--only`: which parts and exercises go into a workbook.

use std::collections::BTreeSet;

use crate::diag::{Error, Result, closest};
use crate::guide::Content;
use crate::settings::BuildOptions;
use crate::settings::edition::Edition;

/// The parts that are always printed, whatever is skipped, and why: the
/// safety note for everyone's sake, the how-to-print page because its
/// rulers catch a printer that scales pages before sixty are wasted.
pub(crate) const ALWAYS: [(&str, &str); 2] = [
    (
        "how-to-print",
        "its rulers catch a printer that shrinks pages, before the whole book is printed",
    ),
    (
        "safety",
        "it comes before any exercise, for everyone's sake",
    ),
];

fn always(id: &str) -> bool {
    ALWAYS.iter().any(|(a, _)| *a == id)
}

/// The ids that stay in the book.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selection {
    pub(crate) parts: BTreeSet<String>,
    pub(crate) exercises: BTreeSet<String>,
}

impl Selection {
    /// The selection for a build's `--skip` and `--only`, in the edition
    /// it asks for: a counselor's guide needs the guide's counselor files,
    /// and covers the chapters and exercises the couple's copy keeps.
    pub(crate) fn for_options(content: &Content, opts: &BuildOptions) -> Result<Self> {
        if opts.edition == Edition::Counselor && content.counselor.is_none() {
            return Err(Error::usage(
                format!(
                    "--edition counselor: these sources have no counselor's edition ({})",
                    crate::guide::counselor::MANIFEST.trim_start_matches('/')
                ),
                Some("copy workbook/counselor/ from a fresh `workbook eject`, or build without --sources".to_string()),
            ));
        }
        Selection::new(content, &opts.skip, &opts.only)
    }

    /// With `only` empty, everything but `skip`; otherwise only the named
    /// parts (with all their exercises) and exercises (with the part that
    /// holds them), less `skip`. The parts in [`ALWAYS`] are always kept.
    pub(crate) fn new(content: &Content, skip: &[String], only: &[String]) -> Result<Self> {
        // Old ids stand for the ones that took their place.
        let current = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|id| content.current_id(id).to_string())
                .collect()
        };
        let (skip, only) = (&current(skip)[..], &current(only)[..]);
        let ids = content.ids();
        for id in skip.iter().chain(only) {
            check_id(&ids, id)?;
        }
        if let Some((id, why)) = ALWAYS.iter().find(|(a, _)| skip.iter().any(|s| s == a)) {
            let what = if *id == "safety" {
                "the safety note"
            } else {
                "the how-to-print page"
            };
            return Err(Error::usage(
                format!("--skip {id}: {what} is always included"),
                Some(why.to_string()),
            ));
        }
        let mut sel = Selection::default();
        for part in content.parts() {
            let pid = part.id.get_ref();
            let part_named = only.is_empty() || only.contains(pid) || always(pid);
            let mut kept_any = false;
            for ex in &part.exercises {
                let eid = ex.get_ref();
                let named = part_named || only.contains(eid);
                if named && !skip.contains(eid) {
                    sel.exercises.insert(eid.clone());
                    kept_any = true;
                }
            }
            if (part_named || kept_any) && !skip.contains(pid) {
                sel.parts.insert(pid.clone());
            } else {
                for ex in &part.exercises {
                    sel.exercises.remove(ex.get_ref());
                }
            }
        }
        if sel.parts.iter().all(|p| always(p)) {
            return Err(Error::usage(
                "--skip/--only leave nothing but the safety note and the how-to-print page to print",
                Some("see `workbook list` for the ids, and keep at least one part".to_string()),
            ));
        }
        Ok(sel)
    }
}

fn check_id(ids: &[String], id: &str) -> Result<()> {
    if ids.iter().any(|known| known == id) {
        return Ok(());
    }
    let closest = closest(id, ids.iter().map(String::as_str));
    let mut message = format!("unknown part or exercise id {id:?}");
    if let Some(c) = closest {
        message.push_str(&format!("; did you mean {c:?}?"));
    }
    Err(Error::usage(
        message,
        Some(format!(
            "the ids are: {} (see `workbook list`)",
            ids.join(", ")
        )),
    ))
}
