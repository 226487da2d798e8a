//! The font families a user's own templates set all their text in
//! (`body-font` and `label-font` in `templates/style.typ`) must be among
//! the fonts of their folder: otherwise Typst would quietly set the whole
//! workbook in a fallback font, with only a warning.

use std::path::Path;

use super::fonts::Fonts;
use crate::diag::{Error, Result};
use crate::sources::Sources;

/// Where the templates name their families.
const STYLE: &str = "/templates/style.typ";
/// The settings there that name them, each a family or a list of them.
const SETTINGS: [&str; 2] = ["body-font", "label-font"];

/// Checks that each setting has at least one family the fonts provide.
/// A style file without these settings (rewritten by the user) is theirs
/// to manage, and Typst's own warnings then speak for it.
pub(crate) fn check(fonts: &Fonts, sources: &Sources, dir: &Path) -> Result<()> {
    let Some(style) = sources.text(STYLE) else {
        return Ok(());
    };
    for (number, line) in style.lines().enumerate() {
        let Some(setting) = SETTINGS
            .iter()
            .find(|s| line.trim_start().starts_with(&format!("#let {s} =")))
        else {
            continue;
        };
        let families = quoted(line.split_once('=').map(|(_, v)| v).unwrap_or(""));
        let known = |family: &str| {
            fonts
                .book
                .families()
                .any(|(name, _)| name.eq_ignore_ascii_case(family))
        };
        if !families.is_empty() && !families.iter().any(|f| known(f)) {
            return Err(Error::UserTemplate {
                message: format!(
                    "--sources {}: templates/style.typ:{}: {setting} uses {}, but no font of {} is in assets/fonts/ or --font-path",
                    dir.display(),
                    number + 1,
                    families.join(", "),
                    if families.len() == 1 { "that family" } else { "these families" },
                ),
                hints: vec![
                    "add the font files to assets/fonts/ (a fresh `workbook eject` has them), or name a family you have".into(),
                ],
            });
        }
    }
    Ok(())
}

/// The double-quoted strings of a Typst value such as `("A", "B")`.
fn quoted(value: &str) -> Vec<String> {
    value
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_families() {
        assert_eq!(quoted(" (\"Charis SIL\",)"), ["Charis SIL"]);
        assert_eq!(quoted(" (\"A\", \"B\")"), ["A", "B"]);
        assert!(quoted(" 12pt").is_empty());
    }
}
