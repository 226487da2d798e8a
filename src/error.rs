//! The one error type of the library; `main` turns it into a message and an exit code.

use std::path::PathBuf;

/// Everything that can stop a command. Variants marked "bad input" are the
/// user's to fix and exit with code 2; the rest exit with code 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line usage that clap could not catch (bad input).
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },

    /// The `--names` value is not two acceptable names (bad input).
    #[error("--names: {0}")]
    Names(String),

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

    /// Typst reported errors in a user's own sources (bad input).
    #[error("{message}")]
    UserTemplate { message: String, hints: Vec<String> },

    /// Typst reported errors while compiling our own templates: a bug here.
    #[error("internal error: {message}")]
    Typst { message: String, hints: Vec<String> },

    /// Some rows of a batch failed; the others were built (exit 1).
    #[error("{message}")]
    BatchRows { message: String },

    /// Reading or writing failed for a reason outside the user's input.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Shorthand for a usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: impl Into<Option<String>>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// True when the user can fix this by changing what they gave us.
    pub fn is_bad_input(&self) -> bool {
        !matches!(
            self,
            Error::Typst { .. } | Error::Io { .. } | Error::BatchRows { .. }
        )
    }

    /// The process exit code for this error, as in DESIGN.md.
    pub fn exit_code(&self) -> u8 {
        if self.is_bad_input() { 2 } else { 1 }
    }

    /// Suggestions printed as `hint:` lines after the error.
    pub fn hints(&self) -> Vec<String> {
        match self {
            Error::Usage { hint, .. }
            | Error::Content { hint, .. }
            | Error::OutputPath { hint, .. }
            | Error::Image { hint, .. } => hint.iter().cloned().collect(),
            Error::MissingGlyphs { .. } => vec![
                "add a folder of fonts that cover these characters with --font-path DIR".into(),
            ],
            Error::Typst { hints, .. } | Error::UserTemplate { hints, .. } => hints.clone(),
            _ => Vec::new(),
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

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
