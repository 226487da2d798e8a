//! A copy of the answers saved from the HTML edition ("Save a copy of my
//! answers"): a JSON file, `{"format": "workbook-answers", "version": 1,
//! "title", "book", "saved", "answers": [...]}`, each answer with the
//! same keys as `workbook answers --format json` gives for a filled PDF
//! (field, kind, part, exercise, partner, prompt, row, column, scale,
//! value). Read back into the same [`Answers`], so that its Markdown, CSV
//! and JSON are the PDF's. The format is documented in docs/src/html.md.

use serde::Deserialize;

use super::{Answer, Answers, Kind};
use crate::diag::{Error, Result};

/// The saved answers' format name and the version this program reads and
/// the HTML edition writes.
pub const FORMAT: &str = "workbook-answers";
pub const VERSION: u32 = 1;

#[derive(Deserialize)]
struct Saved {
    format: String,
    version: u32,
    #[serde(default)]
    title: Option<String>,
    answers: Vec<SavedAnswer>,
}

#[derive(Deserialize)]
struct SavedAnswer {
    field: String,
    kind: String,
    part: Option<String>,
    exercise: Option<String>,
    partner: Option<String>,
    prompt: Option<String>,
    row: Option<String>,
    column: Option<String>,
    scale: Option<String>,
    value: Option<serde_json::Value>,
}

/// Whether `bytes` look like a saved copy (JSON) rather than a PDF.
pub fn looks_saved(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
        .is_some_and(|b| *b == b'{')
}

impl Answers {
    /// Reads a copy of the answers saved from the HTML edition.
    pub fn read_saved(bytes: &[u8]) -> Result<Self> {
        let hint = || {
            Some(
                "give the file the workbook's page saved with \"Save a copy of my answers\""
                    .to_string(),
            )
        };
        let saved: Saved = serde_json::from_slice(
            bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
        )
        .map_err(|e| {
            Error::usage(
                format!("this is not a saved copy of workbook answers ({e})"),
                hint(),
            )
        })?;
        if saved.format != FORMAT {
            return Err(Error::usage(
                format!(
                    "this JSON is not a saved copy of workbook answers (its format is {:?})",
                    saved.format
                ),
                hint(),
            ));
        }
        if saved.version != VERSION {
            return Err(Error::usage(
                format!(
                    "this copy of the answers is version {}, and this workbook reads version {VERSION}",
                    saved.version
                ),
                Some("use the version of workbook that made the page, or a newer one".to_string()),
            ));
        }
        if saved.answers.len() > super::fields::MAX_FIELDS {
            return Err(Error::usage(
                format!(
                    "this file holds more than {} answers, far more than any workbook, so it was not read",
                    super::fields::MAX_FIELDS
                ),
                hint(),
            ));
        }
        let answers = saved
            .answers
            .into_iter()
            .map(|a| {
                let kind = match a.kind.as_str() {
                    "check" => Kind::Check,
                    "choice" => Kind::Choice,
                    _ => Kind::Text,
                };
                let value = match a.value {
                    Some(serde_json::Value::String(s)) => Some(s),
                    Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                    Some(serde_json::Value::Bool(true)) => Some("yes".to_string()),
                    _ => None,
                }
                .filter(|v| !v.trim().is_empty())
                // A ticked box reads as a PDF's does.
                .map(|v| {
                    if kind == Kind::Check {
                        "yes".to_string()
                    } else {
                        v.replace("\r\n", "\n")
                    }
                });
                Answer {
                    field: a.field,
                    kind,
                    part: a.part,
                    exercise: a.exercise,
                    partner: a.partner,
                    prompt: a.prompt,
                    row: a.row,
                    column: a.column,
                    scale: a.scale,
                    value,
                }
            })
            .collect();
        Ok(Answers {
            title: saved.title.filter(|t| !t.trim().is_empty()),
            answers,
            unreadable: Vec::new(),
            locked: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_copy_reads_as_a_pdfs_answers() {
        let json = br#"{"format":"workbook-answers","version":1,"title":"T","book":"b","saved":"2026-12-04T00:00:00Z",
          "answers":[{"field":"apology.ana.what-i-did","kind":"multiline","prompt":"What I did","value":"I lied.\r\nI am sorry."},
                     {"field":"x.check","kind":"check","value":"Yes"},
                     {"field":"x.empty","kind":"text","value":null}]}"#;
        assert!(looks_saved(json));
        let a = Answers::read_saved(json).unwrap();
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.answers[0].value.as_deref(), Some("I lied.\nI am sorry."));
        assert_eq!(a.answers[1].value.as_deref(), Some("yes"));
        assert_eq!(a.answers[2].value, None);
    }

    #[test]
    fn other_json_and_other_versions_are_refused() {
        let other = Answers::read_saved(br#"{"format":"x","version":1,"answers":[]}"#).unwrap_err();
        assert!(other.to_string().contains("not a saved copy"), "{other}");
        let newer =
            Answers::read_saved(br#"{"format":"workbook-answers","version":2,"answers":[]}"#)
                .unwrap_err();
        assert!(newer.to_string().contains("version 2"), "{newer}");
        assert!(!looks_saved(b"%PDF-1.7"));
    }
}
