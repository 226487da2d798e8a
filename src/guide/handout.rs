//! `--handout ID`: the exercises a handout prints, checked like every other
//! id (an old id stands for the one that replaced it, a typo gets the
//! closest id), and the options a handout cannot take.

use crate::diag::{Error, Result, closest};
use crate::guide::Content;
use crate::guide::layout::Layout;
use crate::guide::select::Selection;
use crate::settings::BuildOptions;

/// What one file prints: a handout's exercises (with the parts that hold
/// them, for their schedule), else the book's parts and exercises after
/// `--skip` and `--only`.
pub(crate) fn selection(
    content: &Content,
    opts: &BuildOptions,
    layout: &Layout,
) -> Result<Selection> {
    let Some(handout) = layout.handout() else {
        return Selection::for_options(content, opts);
    };
    check_options(opts)?;
    let mut selection = Selection::default();
    for id in ids(content, handout)? {
        if let Some(part) = content
            .parts()
            .find(|p| p.exercises.iter().any(|e| *e.get_ref() == id))
        {
            selection.parts.insert(part.id.get_ref().clone());
        }
        selection.exercises.insert(id);
    }
    Ok(selection)
}

/// The handout's exercises by their current ids, in the order given, each
/// once; an id that is not an exercise is refused with the closest one.
pub(crate) fn ids(content: &Content, given: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for typed in given {
        let id = content.current_id(typed);
        if !content.exercises.contains_key(id) {
            return Err(unknown(content, typed));
        }
        if !can_be_handout(content, id) {
            return Err(Error::usage(
                format!(
                    "--handout {typed}: this exercise takes more than two pages a copy, too long for a handout"
                ),
                Some(format!(
                    "print it from the book instead: workbook build --only {id}"
                )),
            ));
        }
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    Ok(out)
}

/// Whether an exercise can be a handout: every one whose copy fits two
/// pages at the default `--days`, on A4 and Letter, with names or without
/// (the tests hold each to that); a longer one says `handout = false`.
pub(crate) fn can_be_handout(content: &Content, id: &str) -> bool {
    content.exercises.get(id).is_some_and(|e| e.handout)
}

fn unknown(content: &Content, typed: &str) -> Error {
    let exercises: Vec<&str> = content
        .parts()
        .flat_map(|p| p.exercises.iter().map(|e| e.get_ref().as_str()))
        .collect();
    let able: Vec<&str> = exercises
        .iter()
        .copied()
        .filter(|id| can_be_handout(content, id))
        .collect();
    let hint = Some(format!(
        "the exercises that can be handouts are: {} (see `workbook list`)",
        able.join(", ")
    ));
    if content.parts().any(|p| p.id.get_ref() == typed) {
        return Error::usage(
            format!("--handout {typed}: this is a part of the book, not an exercise"),
            hint,
        );
    }
    let mut message = format!("--handout {typed}: no exercise has this id");
    if let Some(c) = closest(typed, exercises.iter().copied()) {
        message.push_str(&format!("; did you mean {c:?}?"));
    }
    Error::usage(message, hint)
}

/// A handout is one small flat file: it cannot also be split, folded into
/// a booklet, or cut down with --skip/--only (it holds only what it names).
fn check_options(opts: &BuildOptions) -> Result<()> {
    let refuse = |other: &str, why: &str, hint: &str| {
        Err(Error::usage(
            format!("--handout and {other}: {why}"),
            Some(hint.to_string()),
        ))
    };
    if opts.edition == crate::settings::edition::Edition::Counselor {
        return refuse(
            "--edition counselor",
            "handouts are the couple's exercises, and the counselor's edition is a guide for you",
            "build the handout without --edition counselor",
        );
    }
    if opts.split.is_some() {
        return refuse(
            "--split",
            "a handout is already one exercise, in one file",
            "build the handout without --split, or the whole book with --split partners",
        );
    }
    if opts.print.booklet {
        return refuse(
            "--booklet",
            "a handout is one or two pages, too few to fold into a booklet",
            "leave out --booklet (or set booklet = false in workbook.toml)",
        );
    }
    Ok(())
}
