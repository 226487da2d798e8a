//! Typst's diagnostics, rendered for people: with the template's file, line
//! and column, and whose they are to fix (ours, or a user's `--sources`).

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
    user_sources: bool,
) -> Error {
    let mut lines = Vec::new();
    let mut hints = Vec::new();
    for diag in errors.iter().filter(|d| d.severity == Severity::Error) {
        let place = locate(world, diag)
            .map(|p| format!("{p}: "))
            .unwrap_or_default();
        let line = format!("{place}{}", diag.message);
        if !lines.contains(&line) {
            lines.push(line);
        }
        for hint in diag.hints.iter().map(|h| h.v.to_string()) {
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

/// `templates/page.typ:12:5` for a diagnostic's span, when it has one.
pub(super) fn locate(world: &BuildWorld, diag: &SourceDiagnostic) -> Option<String> {
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
