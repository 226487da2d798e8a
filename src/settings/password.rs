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

// SASLprep comes from `stringprep`, the crate lopdf itself runs on the
// password when it encrypts (revision 6): the check here and the
// encryption can then never disagree about a character, and it adds no
// code to the build.

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
        // What the encryption will do with it, checked now: a password
        // SASLprep refuses would fail only after the whole build.
        let prepared = stringprep::saslprep(value).map_err(|_| refused(value))?;
        if prepared.is_empty() {
            return Err(Problem::with_hint(
                "the password is only characters that PDF readers remove (zero-width or formatting marks)",
                ALLOWED,
            ));
        }
        if prepared.len() > MAX_BYTES {
            return Err(Problem::new(format!(
                "the password is {} bytes long as PDF readers prepare it; they use at most {MAX_BYTES}",
                prepared.len()
            )));
        }
        Ok(Password(value.to_string()))
    }

    /// A warning when SASLprep changes the password (a no-break space
    /// becomes a space, a zero-width space goes): readers that follow PDF
    /// 2.0 open the file, and one that skips the step would refuse it.
    /// Names the characters, never the password.
    pub(crate) fn mapped(&self) -> Option<String> {
        let prepared = stringprep::saslprep(&self.0).ok()?;
        if prepared == self.0 {
            return None;
        }
        let mut changed: Vec<String> = Vec::new();
        for c in self.0.chars() {
            let one = c.to_string();
            if stringprep::saslprep(&one).is_ok_and(|p| p != one) {
                let named = describe(c);
                if !changed.contains(&named) {
                    changed.push(named);
                }
            }
        }
        let what = match changed.split_last() {
            None => "letters written in a form PDF readers rewrite (Unicode normalisation)".into(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        };
        Some(format!(
            "the password has {what}; PDF readers that follow PDF 2.0 change these before they use it, and a reader that does not would refuse the password, so it is safer without them"
        ))
    }

    /// The password itself, for the encryption step only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

/// What a password may hold, for every message that refuses one.
const ALLOWED: &str = "a password may hold letters and digits of any language, spaces and punctuation; not private-use, unassigned or formatting characters, and not right-to-left letters (Hebrew, Arabic) mixed with others (SASLprep, RFC 4013, which PDF 2.0 readers apply)";

/// Why SASLprep refused `value`: the first character it refuses alone, or
/// else the mix of writing directions.
fn refused(value: &str) -> Problem {
    let bad = value
        .chars()
        .find(|c| stringprep::saslprep(&c.to_string()).is_err());
    let reason = match bad {
        Some(c) => format!("the password has {}, which PDF passwords cannot hold", describe(c)),
        None if value.chars().next().is_some_and(is_combining) => {
            "the password starts with a combining mark (an accent with no letter before it)".into()
        }
        None => "the password mixes right-to-left letters (Hebrew, Arabic) with left-to-right ones, which PDF passwords cannot do".into(),
    };
    Problem::with_hint(reason, ALLOWED)
}

/// A combining mark (an accent typed alone), roughly: the blocks that hold them.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A character by code point, and by name for the ones people meet.
fn describe(c: char) -> String {
    let what = match c as u32 {
        0x00A0 => "a no-break space",
        0x200B => "a zero-width space",
        0x200C | 0x200D => "a zero-width joiner",
        0x2060 | 0xFEFF => "a word joiner",
        0x00AD => "a soft hyphen",
        0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => "a wide or narrow space",
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => "a private-use character",
        _ if stringprep::saslprep(&c.to_string()).is_err() => {
            "a character Unicode leaves unassigned or reserves for formatting"
        }
        _ => "a character written another way once prepared",
    };
    format!("U+{:04X} ({what})", c as u32)
}

/// Says `message` once per run: a batch resolves the same password file
/// for every row.
pub(crate) fn warn_once(message: &str) {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SAID: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    let said = SAID.get_or_init(Default::default);
    if said
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(message.to_string())
    {
        crate::diag::warn(message);
    }
}

/// Checks a password given at `origin` and warns, naming `origin`, when
/// PDF readers would change it.
pub(crate) fn check_at(value: &str, origin: &Origin) -> Result<Password> {
    let password = Password::check(value).map_err(|p| p.at(origin.clone(), None))?;
    if let Some(note) = password.mapped() {
        warn_once(&format!("{origin}: {note}"));
    }
    Ok(password)
}

/// `WORKBOOK_PASSWORD`, checked, when it is set.
pub(crate) fn from_env() -> Result<Option<Password>> {
    match std::env::var("WORKBOOK_PASSWORD") {
        Ok(value) => check_at(&value, &Origin::Flag("WORKBOOK_PASSWORD")).map(Some),
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
    let line = line.strip_suffix('\r').unwrap_or(line);
    // Kept, as typed, but said: an editor may have added it unseen.
    if line.ends_with([' ', '\t', '\u{a0}']) {
        warn_once(&format!(
            "{flag} {}: the password ends with a space, which is kept as part of it; remove it from the file if it is not meant to be there",
            path.display()
        ));
    }
    Ok(Given {
        value: line.to_string(),
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
    let password = check_at(&given.value, &given.origin)?;
    Ok(Some((Some(password), given.origin)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saslprep_refusals_name_the_character_and_mappings_are_noted() {
        let refused = |v: &str| {
            Password::check(v)
                .map(|_| panic!("{:?} was accepted", v.escape_unicode().to_string()))
                .unwrap_err()
                .reason
        };
        assert!(refused("abc\u{E000}def").contains("U+E000 (a private-use character)"));
        assert!(refused("shalom שלום").contains("mixes right-to-left"));
        assert!(Password::check("שלום עולם").is_ok());
        // A soft hyphen is mapped to nothing (a zero-width space, oddly,
        // to a space: RFC 3454 lists it with the spaces).
        assert!(refused("\u{AD}").contains("only characters"));
        let nbsp = Password::check("correct\u{a0}horse").unwrap();
        assert!(nbsp.mapped().unwrap().contains("U+00A0 (a no-break space)"));
        assert_eq!(Password::check("plain words 42").unwrap().mapped(), None);
    }
}
