//! The one error type of the library, where a bad value came from, and the
//! small helpers every message uses: line and column, "did you mean".
//! `main` alone turns an error into a message and an exit code.

use std::fmt;
use std::path::PathBuf;

/// Where a value the user gave us came from; a message names it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag, as in `--days`.
    Flag(&'static str),
    /// A key of a TOML file, at the line and column of its value.
    Key {
        file: String,
        line: usize,
        column: usize,
        key: String,
    },
    /// A cell of a CSV file: its line, and its column by header.
    Cell {
        file: String,
        line: u64,
        column: String,
    },
}

/// Why a value was refused, before anyone says where it came from: checks
/// return this, and their caller attaches the [`Origin`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub reason: String,
    pub hint: Option<String>,
}

impl Problem {
    /// A reason without a hint.
    pub fn new(reason: impl Into<String>) -> Self {
        Problem {
            reason: reason.into(),
            hint: None,
        }
    }

    /// A reason with a hint.
    pub fn with_hint(reason: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem {
            reason: reason.into(),
            hint: Some(hint.into()),
        }
    }

    /// This problem, at `origin`, with the value shown as `shown` (for
    /// flags and cells; a file's position already points at it).
    pub fn at(self, origin: Origin, shown: Option<String>) -> Error {
        Error::Value {
            origin: Box::new(origin),
            shown,
            reason: self.reason,
            hint: self.hint,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::Key {
                file,
                line,
                column,
                key,
            } => write!(f, "{file}:{line}:{column}: {key}"),
            Origin::Cell { file, line, column } => write!(f, "{file}:{line}: {column}"),
        }
    }
}

/// Everything that can stop a command. Each variant says whose it is to
/// fix: bad input (exit 2) or ours and the system's (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line usage that clap could not catch (bad input).
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },

    /// A value that fails its check, named by where it came from (bad
    /// input): `--days 0: ...`, `workbook.toml:4:8: days: ...`,
    /// `couples.csv:3: days 0: ...`.
    #[error("{}", value_message(origin, shown.as_deref(), reason))]
    Value {
        /// Boxed: the error type stays small for every `Result`.
        origin: Box<Origin>,
        shown: Option<String>,
        reason: String,
        hint: Option<String>,
    },

    /// Some characters of user text have no glyph in any font (bad input).
    #[error("no font can show {chars} in {field}")]
    MissingGlyphs { field: String, chars: String },

    /// A content or config file is malformed (bad input): file, line, column.
    #[error("{file}:{line}:{column}: {message}")]
    Content {
        file: String,
        line: usize,
        column: usize,
        message: String,
        hint: Option<String>,
    },

    /// An output path that cannot be written (bad input).
    #[error("cannot write {}: {reason}", path.display())]
    OutputPath {
        path: PathBuf,
        reason: String,
        hint: Option<String>,
    },

    /// A font folder given with `--font-path` that cannot be used (bad input).
    #[error("--font-path {}: {reason}", path.display())]
    FontPath { path: PathBuf, reason: String },

    /// An image given by the user that cannot be used (bad input): `field` names
    /// what it is for, as in "--photo" or "[counselor] logo".
    #[error("{field} {}: {reason}", path.display())]
    Image {
        field: String,
        path: PathBuf,
        reason: String,
        hint: Option<String>,
    },

    /// A user's own sources (`--sources`) that Typst or the finishing
    /// steps cannot use (bad input).
    #[error("{message}")]
    UserTemplate { message: String, hints: Vec<String> },

    /// A fault of workbook itself: Typst errors in our own templates, or a
    /// PDF our own steps cannot read back. A bug to report.
    #[error("internal error: {message}")]
    Internal { message: String, hints: Vec<String> },

    /// Some rows of a batch failed; the others were built (exit 1).
    #[error("{message}")]
    BatchRows {
        message: String,
        hint: Option<String>,
    },

    /// Reading or writing failed for a reason outside the user's input.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn value_message(origin: &Origin, shown: Option<&str>, reason: &str) -> String {
    match (origin, shown) {
        (Origin::Key { .. }, _) | (_, None) => format!("{origin}: {reason}"),
        (_, Some(value)) => format!("{origin} {value}: {reason}"),
    }
}

impl Error {
    /// Shorthand for a usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: impl Into<Option<String>>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A PDF that our own finishing steps cannot read back: our bug,
    /// unless the caller finds it came from a user's own templates.
    pub(crate) fn finishing(message: impl std::fmt::Display) -> Self {
        Error::internal(format!("post-processing the PDF failed: {message}"))
    }

    /// A bug of ours, with the hint to report it.
    pub fn internal(message: impl Into<String>) -> Self {
        Error::Internal {
            message: message.into(),
            hints: vec![
                "this is a bug in workbook; please report it with the command you ran".into(),
            ],
        }
    }

    /// An error at byte `offset` of `text`, reported as file:line:column.
    pub fn at(
        file: &str,
        text: &str,
        offset: usize,
        message: String,
        hint: Option<String>,
    ) -> Self {
        let (line, column) = line_column(text, offset);
        Error::Content {
            file: file.trim_start_matches('/').to_string(),
            line,
            column,
            message,
            hint,
        }
    }

    /// True when the user can fix this by changing what they gave us.
    pub fn is_bad_input(&self) -> bool {
        match self {
            Error::Usage { .. }
            | Error::Value { .. }
            | Error::MissingGlyphs { .. }
            | Error::Content { .. }
            | Error::OutputPath { .. }
            | Error::FontPath { .. }
            | Error::Image { .. }
            | Error::UserTemplate { .. } => true,
            Error::Internal { .. } | Error::BatchRows { .. } | Error::Io { .. } => false,
        }
    }

    /// The process exit code for this error, as in DESIGN.md.
    pub fn exit_code(&self) -> u8 {
        if self.is_bad_input() { 2 } else { 1 }
    }

    /// Where the bad value came from, when the error is about one.
    pub fn origin(&self) -> Option<&Origin> {
        match self {
            Error::Value { origin, .. } => Some(origin.as_ref()),
            _ => None,
        }
    }

    /// With the user's own sources, a fault found in what they built is
    /// theirs to fix, not a bug in workbook: `blame` says which step it
    /// was, and how to fix it.
    pub fn blame_user_sources(self, user_sources: bool, blame: (&str, &str)) -> Self {
        let (what, hint) = blame;
        match self {
            Error::Internal { message, .. } if user_sources => Error::UserTemplate {
                message: format!("{what}: {message}"),
                hints: vec![hint.to_string()],
            },
            other => other,
        }
    }

    /// Suggestions printed as `hint:` lines after the error.
    pub fn hints(&self) -> Vec<String> {
        match self {
            Error::Usage { hint, .. }
            | Error::Value { hint, .. }
            | Error::Content { hint, .. }
            | Error::BatchRows { hint, .. }
            | Error::OutputPath { hint, .. }
            | Error::Image { hint, .. } => hint.iter().cloned().collect(),
            Error::MissingGlyphs { .. } => vec![
                "add a folder of fonts that cover these characters with --font-path DIR".into(),
            ],
            Error::Internal { hints, .. } | Error::UserTemplate { hints, .. } => hints.clone(),
            Error::Io { source, .. } if is_out_of_space(source) => vec![
                "the disk (or your quota) is full: free some space, or write somewhere else".into(),
            ],
            Error::FontPath { .. } | Error::Io { .. } => Vec::new(),
        }
    }

    /// The full message as printed on stderr: `error: ...` then `hint: ...` lines.
    pub fn report(&self) -> String {
        let mut out = format!("error: {self}\n");
        for hint in self.hints() {
            out.push_str(&format!("hint: {hint}\n"));
        }
        out
    }
}

pub use crate::messages::{say, warn};

/// A write that failed for want of space: a full disk, a quota, or a file
/// size limit (which is how the tests make a disk "full").
fn is_out_of_space(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || e.kind() == std::io::ErrorKind::FileTooLarge
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The known word closest to what was typed, if one is close enough to be
/// what was meant. One threshold for ids, keys and columns alike.
pub fn closest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(typed, k), k))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Parses TOML into `T`, turning toml's byte spans into line and column,
/// with the key at fault named and "did you mean" for unknown keys.
pub fn parse_toml<T: for<'de> serde::Deserialize<'de>>(file: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let message = e.message().trim_end().replace('\n', " ");
        let key = key_at(text, offset);
        let hint = toml_hint(&message, key.as_deref());
        let message = match key {
            Some(key) if !message.contains(&format!("`{key}`")) => format!("`{key}`: {message}"),
            _ => message,
        };
        Error::at(file, text, offset, message, hint)
    })
}

/// The key whose value or name starts at `offset`, for messages.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let (line, _) = line_column(text, offset);
    let line = text.lines().nth(line - 1)?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let plain = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (!key.is_empty() && plain).then(|| key.to_string())
}

/// "did you mean" for unknown keys, the allowed values for bad ones.
fn toml_hint(message: &str, key: Option<&str>) -> Option<String> {
    // TOML reads an unquoted 2026-12-01 as a date value, which arrives as a map.
    if message.starts_with("invalid type: map, expected a string") {
        return Some("put the value in quotes, e.g. start-date = \"2026-12-01\"".into());
    }
    if message.starts_with("invalid type:") && message.ends_with("expected a string") {
        return Some("put the value in quotes: text is written \"like this\", numbers too, as in phone = \"617 555 0142\"".into());
    }
    if message.contains("invalid basic string") {
        return Some(
            "a text needs its closing \" on the same line; for text over several lines, use \"\"\" before and after".into(),
        );
    }
    // `name = Maria Kowalska`: TOML reads a bare word as the start of a
    // string that lacks its quotes.
    if message.starts_with("invalid string") || message.starts_with("invalid unquoted") {
        return Some("put text in quotes, e.g. name = \"Maria Kowalska\"".into());
    }
    // `skip = "x"` where a list belongs.
    if message.starts_with("invalid type:") && message.ends_with("expected a sequence") {
        let typed = message.split('"').nth(1).unwrap_or("id");
        return Some(match key {
            Some(key) => format!(
                "`{key}` takes a list, in square brackets: {key} = [\"{typed}\"], or [\"a\", \"b\"] for two"
            ),
            None => format!("this takes a list, in square brackets: [\"{typed}\"]"),
        });
    }
    let (_, expected) = message.split_once("expected one of ")?;
    let options: Vec<&str> = expected
        .split(", ")
        .map(|o| o.trim_matches(|c| c == '`' || c == ' '))
        .collect();
    if message.starts_with("unknown field") {
        let typed = message.split('`').nth(1).unwrap_or("");
        return Some(match closest(typed, options.iter().copied()) {
            Some(o) => format!(
                "did you mean `{o}`? The keys here are {}",
                options.join(", ")
            ),
            None => format!("the keys here are {}", options.join(", ")),
        });
    }
    Some(format!("the allowed values are {}", options.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("é\nx", 3), (2, 1));
        assert_eq!(line_column("é", 1), (1, 1));
    }

    #[test]
    fn a_number_where_text_belongs_hints_at_quotes() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Counselor {
            phone: String,
        }
        let report = parse_toml::<Counselor>("w.toml", "phone = 6175550142\n")
            .unwrap_err()
            .report();
        assert!(report.contains("hint: put the value in quotes"), "{report}");
    }

    #[test]
    fn closest_words() {
        assert_eq!(closest("apologee", ["apology", "safety"]), Some("apology"));
        assert_eq!(closest("zzz", ["apology", "safety"]), None);
    }

    #[test]
    fn each_origin_is_named_once() {
        let problem = || Problem::new("the daily logs can run from 1 to 366 days");
        let flag = problem().at(Origin::Flag("--days"), Some("0".into()));
        let key = problem().at(
            Origin::Key {
                file: "workbook.toml".into(),
                line: 4,
                column: 8,
                key: "days".into(),
            },
            Some("0".into()),
        );
        let cell = problem().at(
            Origin::Cell {
                file: "couples.csv".into(),
                line: 3,
                column: "days".into(),
            },
            Some("0".into()),
        );
        assert_eq!(
            flag.to_string(),
            "--days 0: the daily logs can run from 1 to 366 days"
        );
        assert_eq!(
            key.to_string(),
            "workbook.toml:4:8: days: the daily logs can run from 1 to 366 days"
        );
        assert_eq!(
            cell.to_string(),
            "couples.csv:3: days 0: the daily logs can run from 1 to 366 days"
        );
    }
}
