//! The checks that content passes before Typst sees it: the manifest's
//! parts and steps, each exercise and its blocks, placeholders, and
//! exercise files that no part places.

use std::collections::{BTreeMap, BTreeSet};

use super::blocks::{MAX_BLOCKS, MAX_TEXT, check_block};
use super::calls::check_chapter_calls;
use super::schema::{Exercise, Manifest, PartKind, Who};
use super::{ROOT, exercise_path};
use crate::diag::{Error, Result};
use crate::sources::Sources;

pub(super) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

pub(crate) fn check_manifest(
    sources: &Sources,
    path: &str,
    text: &str,
    manifest: &Manifest,
) -> Result<()> {
    let err = |span: std::ops::Range<usize>, message: String, hint: Option<String>| {
        Error::at(path, text, span.start, message, hint)
    };
    let mut part_ids = BTreeSet::new();
    let mut placed = BTreeSet::new();
    for part in &manifest.parts {
        let part = part.get_ref();
        let id = part.id.get_ref();
        if let Some(weeks) = &part.weeks {
            if part.kind != PartKind::Chapter {
                return Err(err(
                    weeks.span(),
                    "only a chapter has `weeks`".into(),
                    Some("front and back matter are not part of the weekly schedule".into()),
                ));
            }
            if !(1..=12).contains(weeks.get_ref()) {
                return Err(err(
                    weeks.span(),
                    format!("`weeks` is {}; it must be from 1 to 12", weeks.get_ref()),
                    None,
                ));
            }
        }
        if !is_kebab(id) {
            return Err(err(
                part.id.span(),
                format!("part id {id:?} must be kebab-case"),
                Some("use lower-case letters, digits and dashes, e.g. \"my-chapter\"".into()),
            ));
        }
        if !part_ids.insert(id.clone()) {
            return Err(err(
                part.id.span(),
                format!("part id {id:?} is used twice"),
                None,
            ));
        }
        let file = part.file.get_ref();
        let full = format!("{ROOT}/{}", file.trim_start_matches("./"));
        if file.starts_with('/') || file.contains("..") || !full.ends_with(".typ") {
            return Err(err(
                part.file.span(),
                format!("{file:?} must be a .typ file inside the workbook folder"),
                Some("paths are relative to guide.toml, e.g. \"chapters/intro.typ\"".into()),
            ));
        }
        if sources.get(&full).is_none() {
            return Err(err(
                part.file.span(),
                format!("the file {file:?} does not exist"),
                None,
            ));
        }
        for ex in &part.exercises {
            let ex_id = ex.get_ref();
            if !is_kebab(ex_id) {
                return Err(err(
                    ex.span(),
                    format!("exercise id {ex_id:?} must be kebab-case"),
                    None,
                ));
            }
            if part_ids.contains(ex_id) {
                return Err(err(
                    ex.span(),
                    format!("{ex_id:?} is already a part id"),
                    None,
                ));
            }
            if !placed.insert(ex_id.clone()) {
                return Err(err(
                    ex.span(),
                    format!("exercise {ex_id:?} is placed twice"),
                    Some("each exercise belongs to one part".into()),
                ));
            }
            if sources.get(&exercise_path(ex_id)).is_none() {
                return Err(err(
                    ex.span(),
                    format!(
                        "no exercise file for {ex_id:?}: exercises/{ex_id}.toml does not exist"
                    ),
                    None,
                ));
            }
        }
        check_chapter_calls(sources, &full, part)?;
    }
    for (old, new) in &manifest.aliases {
        if part_ids.contains(old) || placed.contains(old) {
            return Err(err(
                new.span(),
                format!("{old:?} is still a part or exercise id, so it cannot be an alias"),
                None,
            ));
        }
        if !part_ids.contains(new.get_ref()) && !placed.contains(new.get_ref()) {
            return Err(err(
                new.span(),
                format!(
                    "the alias {old:?} names {:?}, which is not a part or exercise id",
                    new.get_ref()
                ),
                None,
            ));
        }
    }
    if !part_ids.contains("safety") {
        return Err(Error::at(
            path,
            text,
            0,
            "the guide has no part with id \"safety\"".into(),
            Some("the safety note must come before any exercise".into()),
        ));
    }
    for (i, step) in manifest.steps.iter().enumerate() {
        let s = step.get_ref();
        if *s.number.get_ref() != i as u32 + 1 {
            return Err(err(
                s.number.span(),
                format!(
                    "step {} is out of order; steps are numbered 1, 2, 3, ...",
                    s.number.get_ref()
                ),
                None,
            ));
        }
        if !part_ids.contains(s.part.get_ref()) {
            return Err(err(
                s.part.span(),
                format!(
                    "step {} names the unknown part {:?}",
                    s.number.get_ref(),
                    s.part.get_ref()
                ),
                None,
            ));
        }
    }
    Ok(())
}

pub(crate) fn check_exercise(path: &str, text: &str, id: &str, ex: &Exercise) -> Result<()> {
    let err = |offset: usize, message: String, hint: Option<String>| {
        Error::at(path, text, offset, message, hint)
    };
    if ex.id.get_ref() != id {
        return Err(err(
            ex.id.span().start,
            format!(
                "id {:?} does not match the file name {id}.toml",
                ex.id.get_ref()
            ),
            None,
        ));
    }
    // The partners by their order in --names fit any exercise; the reader
    // of a copy and the other partner only one for each partner.
    let placeholders: &[&str] = match ex.who {
        Who::Each => &["{name}", "{other}", "{partner 1}", "{partner 2}"],
        Who::Together => &["{partner 1}", "{partner 2}"],
    };
    match (&ex.heading, ex.who) {
        (None, Who::Each) => {
            return Err(err(
                0,
                "an exercise for each partner needs a heading with {name}".into(),
                Some("for example: heading = \"{name}'s apology\"".into()),
            ));
        }
        (Some(h), Who::Each) if !h.get_ref().contains("{name}") => {
            return Err(err(
                h.span().start,
                "the heading must contain {name}".into(),
                None,
            ));
        }
        (Some(h), Who::Together) => {
            return Err(err(
                h.span().start,
                "heading is only for exercises with who = \"each\"".into(),
                Some("a shared exercise is headed by its title".into()),
            ));
        }
        _ => {}
    }
    if ex.blocks.len() > MAX_BLOCKS {
        return Err(err(
            ex.blocks[MAX_BLOCKS].span().start,
            format!(
                "an exercise has at most {MAX_BLOCKS} blocks; this one has {}",
                ex.blocks.len()
            ),
            Some("split it into several exercises".into()),
        ));
    }
    for (key, printed) in ex.texts() {
        let chars = printed.chars().count();
        if chars > MAX_TEXT {
            // The text's own place, when it can be found in the file.
            let head: String = printed.chars().take(40).collect();
            let offset = text.find(&head).unwrap_or(0);
            return Err(err(
                offset,
                format!("`{key}` has {chars} characters; at most {MAX_TEXT}"),
                Some("shorten it, or split it over several blocks".into()),
            ));
        }
    }
    if ex.blocks.is_empty() {
        return Err(err(
            0,
            "an exercise needs at least one [[block]]".into(),
            None,
        ));
    }
    let mut ids = BTreeSet::new();
    for block in &ex.blocks {
        let b = block.get_ref();
        if !is_kebab(b.id.get_ref()) {
            return Err(err(
                b.id.span().start,
                format!("block id {:?} must be kebab-case", b.id.get_ref()),
                None,
            ));
        }
        if !ids.insert(b.id.get_ref().clone()) {
            return Err(err(
                b.id.span().start,
                format!("block id {:?} is used twice", b.id.get_ref()),
                None,
            ));
        }
        check_block(block.span().start, b)
            .map_err(|(offset, message, hint)| err(offset, message, hint))?;
    }
    check_placeholders(path, text, placeholders)
}

/// `{name}` and `{other}` only make sense in an exercise for each partner;
/// any other `{word}` is a typo that would print as it is.
fn check_placeholders(path: &str, text: &str, allowed: &[&str]) -> Result<()> {
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let start = from + i;
        let rest = &text[start..];
        let end = rest.find('}').map(|e| e + 1).unwrap_or(1);
        let word = &rest[..end];
        // A short word in braces, spaces allowed inside ("{partner 3}").
        let inner = word.trim_start_matches('{').trim_end_matches('}');
        let is_placeholder = word.len() > 2
            && inner.len() <= 24
            && inner.starts_with(|c: char| c.is_ascii_alphanumeric())
            && inner.ends_with(|c: char| c.is_ascii_alphanumeric())
            && inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '));
        if is_placeholder && !allowed.contains(&word) {
            let hint = if allowed.len() == 2 {
                "names can only be filled in exercises with who = \"each\" ({name}, {other}); {partner 1} and {partner 2} work anywhere".to_string()
            } else {
                format!("the placeholders are {}", allowed.join(", "))
            };
            return Err(Error::at(
                path,
                text,
                start,
                format!("unknown placeholder {word}"),
                Some(hint),
            ));
        }
        from = start + 1;
    }
    Ok(())
}

/// An exercise file that no part places would silently never print.
pub(crate) fn check_unplaced(sources: &Sources, placed: &BTreeMap<String, Exercise>) -> Result<()> {
    let prefix = format!("{ROOT}/exercises/");
    for (path, _) in sources.under(&prefix) {
        let Some(id) = path
            .strip_prefix(&prefix)
            .and_then(|p| p.strip_suffix(".toml"))
        else {
            continue;
        };
        if !placed.contains_key(id) {
            return Err(Error::at(
                path,
                "",
                0,
                format!("exercise {id:?} is not placed in any part"),
                Some(format!(
                    "list it in a part's `exercises` in workbook/guide.toml and add #exercise(\"{id}\") to that part's file"
                )),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_by_order_are_placeholders_anywhere() {
        let shared = ["{partner 1}", "{partner 2}"];
        assert!(check_placeholders("x.toml", "What {partner 1} needs", &shared).is_ok());
        let typo = check_placeholders("x.toml", "What {partner 3} needs", &shared)
            .unwrap_err()
            .report();
        assert!(typo.contains("unknown placeholder {partner 3}"), "{typo}");
        assert!(check_placeholders("x.toml", "a {set} of {  spaced  }", &["{set}"]).is_ok());
    }
}
