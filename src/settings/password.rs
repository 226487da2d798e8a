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

/// What a CSV password cell holds to build that row without a password
/// on purpose: an empty cell in a password column is refused instead, so
/// that a password that fell off a row never goes unnoticed.
pub const NONE: &str = "-";

/// What `failed.csv` writes in place of a password: refused as one, so a
/// row run again from that file stops until the password is typed again.
pub const RETYPE: &str = "(type again)";

/// The first line of a password file (`flag` names which: `--password-file`,
/// `--partner1-password-file`, ...), as a value to check. Only a small
/// regular file is read; its content is never shown in a message.
pub(crate) fn read_file(flag: &'static str, path: &Path) -> Result<Given> {
    let bad = |reason: String| Error::usage(format!("{flag} {}: {reason}", path.display()), None);
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
        origin: Origin::Flag(flag),
    })
}

/// Where a build's passwords may come from, as given.
pub(crate) struct Givens {
    /// The shared password: a CSV cell, then `--password-file`.
    pub(crate) shared: [Option<Given>; 2],
    /// Each partner's: a CSV cell, then `--partner1-password-file` or
    /// `--partner2-password-file`.
    pub(crate) partners: [[Option<Given>; 2]; 2],
}

/// The passwords of one build: the shared one, and each partner's own.
pub(crate) type Chosen = (Option<Password>, [Option<Password>; 2]);

/// Chooses and checks a build's passwords. The shared one falls back to
/// `WORKBOOK_PASSWORD`; a partner's never does, since the other partner
/// may know it. A split build that locks anything locks each partner's
/// own file with a password of that partner's own, different from the
/// other two; a build that does not split takes no partner password.
pub(crate) fn choose(givens: Givens, env: Option<&Password>, split: bool) -> Result<Chosen> {
    let shared = match said(givens.shared)? {
        Some((choice, _)) => choice,
        None => env.cloned(),
    };
    let mut partners: [Option<Said>; 2] = [None, None];
    for (i, given) in givens.partners.into_iter().enumerate() {
        let [cell, file] = given;
        // An empty cell in a partner's column says nothing for a row that
        // does not split; for one that does, it may be a password lost on
        // the way, so it stops the row like the shared column's does.
        let cell = match cell {
            Some(c) if c.value.is_empty() && split => {
                return Err(Problem::with_hint(
                    "this row is split for the partners, and this partner's password cell is empty",
                    format!("type the password only this partner knows, or write {NONE} to leave their own file unlocked"),
                )
                .at(c.origin, None));
            }
            Some(c) if c.value.is_empty() => None,
            cell => cell,
        };
        partners[i] = said([cell, file])?.map(|(p, origin)| Said(p, origin));
    }
    if !split {
        if let Some(Said(_, origin)) = partners.iter().flatten().next() {
            return Err(Problem::with_hint(
                "a partner's password locks that partner's own file, and only --split partners writes one",
                "add --split partners (or `partners` in the row's split cell), or leave out the partners' passwords",
            )
            .at(origin.clone(), None));
        }
        return Ok((shared, [None, None]));
    }
    let anything_locked = shared.is_some() || partners.iter().flatten().any(|p| p.0.is_some());
    if anything_locked && partners.iter().any(Option::is_none) {
        return Err(Error::usage(
            "--split partners with a password: each partner's own file needs a password of that partner's own, or the other partner could open it with the shared one",
            Some(format!(
                "give --partner1-password-file FILE and --partner2-password-file FILE, each holding a password only that partner knows (in a batch: the partner1-password and partner2-password columns); write {NONE} in a cell to leave a partner's file unlocked on purpose"
            )),
        ));
    }
    let [a, b] = partners.map(|p| p.and_then(|Said(p, _)| p));
    let same = |x: &Option<Password>, y: &Option<Password>| x.is_some() && x == y;
    if same(&a, &b) {
        return Err(Error::usage(
            "the two partners' passwords are the same, so each could open the other's own pages",
            Some("give each partner a password of their own".to_string()),
        ));
    }
    if same(&a, &shared) || same(&b, &shared) {
        return Err(Error::usage(
            "a partner's password is the same as the shared book's, which the other partner knows",
            Some(
                "give each partner a password of their own, different from the shared one"
                    .to_string(),
            ),
        ));
    }
    Ok((shared, [a, b]))
}

/// A partner's password as said, with where it was said.
struct Said(Option<Password>, Origin);

/// The first of `given` that says something, with where: `None` inside
/// for [`NONE`] in a cell (a build without a password on purpose), a
/// checked password otherwise; `None` when nothing was given.
fn said(given: [Option<Given>; 2]) -> Result<Option<(Option<Password>, Origin)>> {
    let Some(given) = given.into_iter().flatten().next() else {
        return Ok(None);
    };
    if given.value == NONE && matches!(given.origin, Origin::Cell { .. }) {
        return Ok(Some((None, given.origin)));
    }
    match Password::check(&given.value) {
        Ok(p) => Ok(Some((Some(p), given.origin))),
        Err(p) => Err(p.at(given.origin, None)),
    }
}
