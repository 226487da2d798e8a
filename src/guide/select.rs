//! `--skip` and `--only`: which parts and exercises go into a workbook.

use std::collections::BTreeSet;

use crate::diag::{Error, Result, closest};
use crate::guide::Content;

/// The part that is always printed, whatever is skipped.
pub(crate) const ALWAYS: &str = "safety";

/// The ids that stay in the book.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selection {
    pub(crate) parts: BTreeSet<String>,
    pub(crate) exercises: BTreeSet<String>,
}

impl Selection {
    /// With `only` empty, everything but `skip`; otherwise only the named
    /// parts (with all their exercises) and exercises (with the part that
    /// holds them), less `skip`. The safety note is always kept.
    pub(crate) fn new(content: &Content, skip: &[String], only: &[String]) -> Result<Self> {
        let ids = content.ids();
        for id in skip.iter().chain(only) {
            check_id(&ids, id)?;
        }
        if skip.iter().any(|s| s == ALWAYS) {
            return Err(Error::usage(
                format!("--skip {ALWAYS}: the safety note is always included"),
                Some("it comes before any exercise, for everyone's sake".to_string()),
            ));
        }
        let mut sel = Selection::default();
        for part in content.parts() {
            let pid = part.id.get_ref();
            let part_named = only.is_empty() || only.contains(pid) || pid == ALWAYS;
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
        if !sel.parts.iter().any(|p| p != ALWAYS) {
            return Err(Error::usage(
                "--skip/--only leave nothing but the safety note to print",
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
