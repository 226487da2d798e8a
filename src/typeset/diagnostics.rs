//! Typst's diagnostics, rendered for people: with the template's file, line
//! and column, and whose they are to fix (ours, or a user's `--sources`).
//!
//! Not typst-kit's renderer (`typst_kit::diagnostics::emit`, 0.15.1, the
//! version of our Typst): it writes codespan-reporting's whole block, its
//! own `error:` header, frame and `= hint:` notes, to a terminal writer.
//! Ours are values ([`Error`]) that `main` prints once through `messages`
//! (which never panics and decides colour once), and that a batch puts on
//! one line per failed row; the block would repeat `error:` and break
//! those lines. It would also bring codespan-reporting 0.11, termcolor and
//! a second unicode-width for what [`snippet`] does in thirty lines.

use std::path::Path;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};

use super::world::BuildWorld;
use crate::diag::Error;

/// Errors from our own templates are our bugs: report them as internal
/// errors with the template position, so a bug report can point at it.
/// Errors in a user's `--sources` folder are theirs to fix.
pub(super) fn diagnostics_error(
    world: &BuildWorld,
    errors: &[SourceDiagnostic],
    user_dir: Option<&Path>,
) -> Error {
    let user_sources = user_dir.is_some();
    let mut lines = Vec::new();
    let mut hints = Vec::new();
    for diag in errors.iter().filter(|d| d.severity == Severity::Error) {
        // A user's file is named as they know it (my-workbook/templates/…),
        // with its line and a caret under the place, as typst's CLI does.
        let place = match user_dir {
            Some(dir) => locate_in(world, diag, dir),
            None => locate(world, diag),
        };
        let place = place.map(|p| format!("{p}: ")).unwrap_or_default();
        let mut line = format!("{place}{}", diag.message);
        if user_sources && let Some(snippet) = snippet(world, diag) {
            line.push_str(&snippet);
        }
        if user_sources && hash_in_prose(world, diag) {
            let hint =
                "in chapter text, # starts code: write \\# for the character itself".to_string();
            if !hints.contains(&hint) {
                hints.push(hint);
            }
        }
        if !lines.contains(&line) {
            lines.push(line);
        }
        for hint in diag.hints.iter().map(|h| h.v.to_string()) {
            // Typst's CLI has a --root option; workbook has none, and its
            // root is the --sources folder.
            let hint = if hint.contains("`--root`") {
                "workbook reads only the files inside the --sources folder: copy the file into it"
                    .to_string()
            } else {
                hint
            };
            if !hints.contains(&hint) {
                hints.push(hint);
            }
        }
    }
    if lines.is_empty() {
        lines.push("Typst failed without a message".into());
    }
    if user_sources {
        hints.push(
            "this comes from the files in --sources; fix them, or build without --sources".into(),
        );
        return Error::UserTemplate {
            message: lines.join("\n  "),
            hints,
        };
    }
    hints.push(
        "this is a bug in workbook's templates; please report it with the command you ran".into(),
    );
    Error::Internal {
        message: lines.join("\n  "),
        hints,
    }
}

/// `my-workbook/templates/page.typ:12:5`: the user's folder, then the file.
fn locate_in(world: &BuildWorld, diag: &SourceDiagnostic, dir: &Path) -> Option<String> {
    let place = locate(world, diag)?;
    if dir.as_os_str().is_empty() {
        return Some(place);
    }
    Some(format!("{}", dir.join(place).display()))
}

/// The source line of a diagnostic with a caret under its span:
///
/// ```text
///    |
///  2 | #undefined-function()
///    |  ^^^^^^^^^^^^^^^^^^
/// ```
fn snippet(world: &BuildWorld, diag: &SourceDiagnostic) -> Option<String> {
    use typst::World;
    let id = diag.span.id()?;
    let source = world.source(id).ok()?;
    let range = world.range(diag.span)?;
    let lines = source.lines();
    let line = lines.byte_to_line(range.start)?;
    let column = lines.byte_to_column(range.start)?;
    let text = source.text();
    let start = lines.line_to_byte(line)?;
    let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
    let code = text[start..end].trim_end();
    // The caret covers the span on its first line, at least one column.
    let width = text[range.start..range.end.min(end).max(range.start)]
        .chars()
        .count()
        .max(1);
    let number = (line + 1).to_string();
    let pad = " ".repeat(number.len());
    Some(format!(
        "\n  {pad} |\n  {number} | {code}\n  {pad} | {}{}",
        " ".repeat(column),
        "^".repeat(width)
    ))
}

/// Whether the error sits right after a `#` in a chapter's prose, where a
/// writer likely meant the character ("#1 priority") and Typst read code.
fn hash_in_prose(world: &BuildWorld, diag: &SourceDiagnostic) -> bool {
    use typst::World;
    let Some(id) = diag.span.id() else {
        return false;
    };
    let in_chapter = id
        .vpath()
        .get_without_slash()
        .starts_with("workbook/chapters/");
    let after_hash = world
        .source(id)
        .ok()
        .zip(world.range(diag.span))
        .is_some_and(|(source, range)| source.text()[..range.start].ends_with('#'));
    in_chapter && after_hash
}

/// A warning as we print it: where it is (when it has a place), then
/// Typst's words.
pub(super) fn warning_text(world: &BuildWorld, warning: &SourceDiagnostic) -> String {
    let place = locate(world, warning)
        .map(|p| format!("{p}: "))
        .unwrap_or_default();
    format!("{place}{}", warning.message)
}

/// `templates/page.typ:12:5` for a diagnostic's span, when it has one.
fn locate(world: &BuildWorld, diag: &SourceDiagnostic) -> Option<String> {
    use typst::World;
    let id = diag.span.id()?;
    let source = world.source(id).ok()?;
    let range = world.range(diag.span)?;
    let line = source.lines().byte_to_line(range.start)? + 1;
    let column = source.lines().byte_to_column(range.start)? + 1;
    Some(format!(
        "{}:{line}:{column}",
        id.vpath().get_without_slash()
    ))
}
