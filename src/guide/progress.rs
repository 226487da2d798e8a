//! The trust and safety check (`workbook/progress.toml`): a short measure of
//! our own that each partner rates 0 to 10 at the start, once a week and at
//! the end. Optional, so that a folder ejected before it existed still
//! builds; the parts that print it need it.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::ROOT;
use crate::diag::{Error, Result, parse_toml};
use crate::sources::Sources;

/// Where the statements live.
pub const PATH: &str = "/workbook/progress.toml";
/// How many statements the check has: few enough to rate in two minutes.
const STATEMENTS: std::ops::RangeInclusive<usize> = 8..=10;
/// The longest statement, in characters: one or two lines of a table.
const MAX_STATEMENT: usize = 90;

/// `progress.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub title: String,
    /// What 0 and 10 mean.
    pub low: String,
    pub high: String,
    pub statements: Spanned<Vec<String>>,
    /// The statements about fear, by number from 1: kept out of the total,
    /// which a couple may compare or a counselor record, and a low score on
    /// one is a reason for a private talk with the counselor.
    #[serde(default)]
    pub fear: Vec<usize>,
}

impl Progress {
    /// Reads and checks the measure, when the sources have one.
    pub(crate) fn load(sources: &Sources) -> Result<Option<Self>> {
        if sources.get(PATH).is_none() {
            return Ok(None);
        }
        let text = super::read_text(sources, PATH)?;
        let progress: Progress = parse_toml(PATH, text)?;
        let list = &progress.statements;
        let err = |message: String| Error::at(PATH, text, list.span().start, message, None);
        let n = list.get_ref().len();
        if !STATEMENTS.contains(&n) {
            return Err(err(format!(
                "the check has {n} statements; it needs {} to {}, short enough to rate each week",
                STATEMENTS.start(),
                STATEMENTS.end()
            )));
        }
        if let Some(s) = list
            .get_ref()
            .iter()
            .find(|s| s.trim().is_empty() || s.chars().count() > MAX_STATEMENT)
        {
            return Err(err(format!(
                "the statement {s:?} must be 1 to {MAX_STATEMENT} characters"
            )));
        }
        let mut seen = std::collections::BTreeSet::new();
        if let Some(k) = progress
            .fear
            .iter()
            .find(|k| !(1..=n).contains(*k) || !seen.insert(**k))
        {
            return Err(err(format!(
                "`fear` names statement {k}, which is not one of 1 to {n}, or names it twice"
            )));
        }
        Ok(Some(progress))
    }

    /// Every text it prints, for the font check.
    pub(crate) fn texts(&self) -> impl Iterator<Item = &str> {
        [self.title.as_str(), &self.low, &self.high]
            .into_iter()
            .chain(self.statements.get_ref().iter().map(String::as_str))
    }
}

/// The key of statement `i` (0-based) in field names: `item-03`.
pub fn item_key(i: usize) -> String {
    format!("item-{:02}", i + 1)
}

/// Without `progress.toml`, nothing may print the check: no part file
/// calling a `#progress-...` function and no `progress` block.
pub(crate) fn check_unused(
    sources: &Sources,
    manifest: &super::Manifest,
    exercises: &std::collections::BTreeMap<String, super::Exercise>,
) -> Result<()> {
    let hint = || {
        Some(format!(
            "add {PATH} (see a fresh `workbook eject`), or take the check out"
        ))
    };
    for part in manifest.parts.iter().map(|p| p.get_ref()) {
        let path = format!("{ROOT}/{}", part.file.get_ref().trim_start_matches("./"));
        let text = sources
            .get(&path)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("");
        if let Some(offset) = text.find("#progress-") {
            return Err(Error::at(
                &path,
                text,
                offset,
                "this part prints the trust and safety check, but there is no progress.toml".into(),
                hint(),
            ));
        }
    }
    for (id, ex) in exercises {
        if ex
            .blocks
            .iter()
            .any(|b| b.get_ref().kind == super::BlockKind::Progress)
        {
            return Err(Error::at(
                &super::exercise_path(id),
                "",
                0,
                "a progress block needs the trust and safety check, but there is no progress.toml"
                    .into(),
                hint(),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_check_has_eight_to_ten_statements() {
        let p = Progress::load(&Sources::embedded()).unwrap().unwrap();
        assert!(STATEMENTS.contains(&p.statements.get_ref().len()));
        assert_eq!(item_key(2), "item-03");
        // Both statements about fear are marked, and only those.
        let fear: Vec<&str> = p
            .fear
            .iter()
            .map(|k| p.statements.get_ref()[k - 1].as_str())
            .collect();
        assert_eq!(fear.len(), 2);
        assert!(
            fear.iter()
                .all(|s| s.contains("safe") || s.contains("fear")),
            "{fear:?}"
        );
    }
}
