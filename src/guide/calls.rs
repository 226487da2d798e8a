//! Where a chapter file places exercises: its `#exercise("id")` calls,
//! found in Typst's own syntax tree, so that spacing, line breaks and
//! comments are read exactly as Typst reads them.

use typst::syntax::ast;
use typst::syntax::{LinkedNode, SyntaxKind, parse};

use std::collections::BTreeMap;

use super::ROOT;
use super::read_text;
use super::schema::Part;
use super::schema::{Exercise, Manifest};
use crate::diag::{Error, Result, closest};
use crate::sources::Sources;

/// One call of a guide function with a literal first argument.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Call {
    /// Byte offset of the call in the file.
    pub offset: usize,
    /// The first positional argument, when it is a string literal.
    pub id: Option<String>,
}

/// Every call of `function` in a chapter's markup, in reading order.
pub(crate) fn find(text: &str, function: &str) -> Vec<Call> {
    let root = parse(text);
    let mut out = Vec::new();
    visit(&LinkedNode::new(&root), function, &mut out);
    out
}

fn visit(node: &LinkedNode, function: &str, out: &mut Vec<Call>) {
    if let Some(call) = node.get().cast::<ast::FuncCall>()
        && let ast::Expr::Ident(callee) = call.callee()
        && callee.as_str() == function
    {
        let id = match call.args().items().next() {
            Some(ast::Arg::Pos(ast::Expr::Str(s))) => Some(s.get().to_string()),
            _ => None,
        };
        // Point at the `#` that starts the call in markup, as people see it.
        let offset = node.offset();
        let offset = if node
            .prev_leaf()
            .is_some_and(|l| l.kind() == SyntaxKind::Hash)
        {
            offset - 1
        } else {
            offset
        };
        out.push(Call { offset, id });
    }
    for child in node.children() {
        visit(&child, function, out);
    }
}

/// The exercises a chapter file places with `#exercise("id")` must be the
/// ones its part lists, in the same order, so that `list`, `--skip` and the
/// printed book agree.
pub(crate) fn check_chapter_calls(sources: &Sources, file: &str, part: &Part) -> Result<()> {
    let text = read_text(sources, file)?;
    let mut calls = Vec::new();
    for call in find(text, "exercise") {
        match call.id {
            Some(id) => calls.push((call.offset, id)),
            None => {
                return Err(Error::at(
                    file,
                    text,
                    call.offset,
                    "#exercise needs the exercise id as a quoted string".into(),
                    Some("for example: #exercise(\"apology\")".into()),
                ));
            }
        }
    }
    let listed: Vec<&str> = part
        .exercises
        .iter()
        .map(|e| e.get_ref().as_str())
        .collect();
    for (i, (offset, id)) in calls.iter().enumerate() {
        if listed.get(i) != Some(&id.as_str()) {
            let message = if listed.contains(&id.as_str()) {
                format!("exercise {id:?} is placed out of the order listed in guide.toml")
            } else {
                format!(
                    "exercise {id:?} is placed here but not listed for part {:?} in guide.toml",
                    part.id.get_ref()
                )
            };
            return Err(Error::at(file, text, *offset, message, None));
        }
    }
    if let Some(missing) = listed.get(calls.len()) {
        return Err(Error::at(
            file,
            text,
            text.len(),
            format!(
                "guide.toml lists exercise {missing:?} for this part, but the file never places it"
            ),
            Some(format!(
                "add #exercise(\"{missing}\") where the reader should do it"
            )),
        ));
    }
    Ok(())
}

/// A chapter's `#if-exercise("id")[...]` and `#if-part("id")[...]` must
/// name an exercise or part of the guide, or a typo would silently hide
/// its sentence from every copy.
pub(crate) fn check_conditions(
    sources: &Sources,
    manifest: &Manifest,
    exercises: &BTreeMap<String, Exercise>,
) -> Result<()> {
    for part in &manifest.parts {
        let file = format!(
            "{ROOT}/{}",
            part.get_ref().file.get_ref().trim_start_matches("./")
        );
        let text = read_text(sources, &file)?;
        let parts: Vec<&str> = manifest
            .parts
            .iter()
            .map(|p| p.get_ref().id.get_ref().as_str())
            .collect();
        let exercise_ids: Vec<&str> = exercises.keys().map(String::as_str).collect();
        let checks = [
            ("if-exercise", "an exercise", &exercise_ids),
            ("if-part", "a part", &parts),
        ];
        for (function, what, ids) in checks {
            for call in find(text, function) {
                if call.id.as_deref().is_some_and(|id| ids.contains(&id)) {
                    continue;
                }
                let named = call.id.as_deref().unwrap_or("");
                let hint = closest(named, ids.iter().copied())
                    .map(|c| format!("did you mean \"{c}\"? (see `workbook list`)"))
                    .unwrap_or_else(|| "see `workbook list` for the ids".into());
                let message = match &call.id {
                    Some(id) => {
                        format!("#{function} names {id:?}, which is not {what} of the guide")
                    }
                    None => format!("#{function} needs the id as a quoted string"),
                };
                return Err(Error::at(&file, text, call.offset, message, Some(hint)));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<Option<String>> {
        find(text, "exercise").into_iter().map(|c| c.id).collect()
    }

    #[test]
    fn finds_calls_outside_comments() {
        let text =
            "a #exercise(\"x\") b\n// #exercise(\"y\")\n/* #exercise(\"w\") */\n#exercise(\"z\")";
        assert_eq!(ids(text), [Some("x".into()), Some("z".into())]);
    }

    #[test]
    fn spacing_and_line_breaks_are_read_as_typst_reads_them() {
        let text = "#exercise( \"x\")\n#exercise(\n  \"y\",\n)\n#exercise(id)";
        assert_eq!(ids(text), [Some("x".into()), Some("y".into()), None]);
        assert_eq!(find(text, "exercise")[1].offset, 16);
    }
}
