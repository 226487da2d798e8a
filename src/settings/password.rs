//! The password that locks an e-mailed workbook: checked where it came from
//! (a CSV cell, `--password-file`, `WORKBOOK_PASSWORD`), and kept in a type
//! that never shows it, so no message, log or debug print can leak it.

use std::fmt;
use std::path::Path;

use crate::diag::{Error, Origin, Problem, Result};
use crate::settings::Given;

/// PDF readers use at most the first 127 bytes of an AES-256 password
/// (ISO 32000-2, 7.6.4.3.3): a longer one would seem to work and not.
const MAX_BYTES: usize = 127;
/// A password file is one line; anything much larger is the wrong file.
const MAX_FILE: u64 = 4096;

/// A checked password. No `Display`; `Debug` prints `Password(***)`.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Checks a password as typed. The reasons never quote it.
    pub fn check(value: &str) -> Result<Self, Problem> {
        if value.is_empty() {
            return Err(Problem::new("the password is empty"));
        }
        if value.len() > MAX_BYTES {
            return Err(Problem::new(format!(
                "the password is {} bytes long; PDF readers use at most {MAX_BYTES}",
                value.len()
            )));
        }
        if value.chars().any(char::is_control) {
            return Err(Problem::new(
                "the password has a control character (a tab, or a line break in a cell)",
            ));
        }
        Ok(Password(value.to_string()))
    }

    /// The password itself, for the encryption step only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

/// `WORKBOOK_PASSWORD`, checked, when it is set.
pub(crate) fn from_env() -> Result<Option<Password>> {
    match std::env::var("WORKBOOK_PASSWORD") {
        Ok(value) => Password::check(&value)
            .map(Some)
            .map_err(|p| p.at(Origin::Flag("WORKBOOK_PASSWORD"), None)),
        Err(std::env::VarError::NotUnicode(_)) => Err(Error::usage(
            "WORKBOOK_PASSWORD: the password is not valid UTF-8",
            None,
        )),
        Err(std::env::VarError::NotPresent) => Ok(None),
    }
}

/// The first line of `--password-file FILE`, as a value to check. Only a
/// small regular file is read; its content is never shown in a message.
pub(crate) fn read_file(path: &Path) -> Result<Given> {
    let bad = |reason: String| {
        Error::usage(
            format!("--password-file {}: {reason}", path.display()),
            None,
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| bad(format!("cannot read it ({e})")))?;
    if !meta.is_file() {
        return Err(bad("it is not a regular file".into()));
    }
    if meta.len() > MAX_FILE {
        return Err(bad(format!(
            "it is {} bytes; a password file holds one line",
            meta.len()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read it ({e})")))?;
    let line = text.lines().next().unwrap_or("");
    Ok(Given {
        value: line.strip_suffix('\r').unwrap_or(line).to_string(),
        origin: Origin::Flag("--password-file"),
    })
}
