//! The CSV's header row: which column holds which setting, checked before
//! any row is built.

use std::path::Path;

use crate::diag::{Error, Result, closest};

/// The columns a CSV may have, by lower-case header.
pub(crate) const COLUMNS: &[&str] = &[
    "names",
    "output",
    "start-date",
    "days",
    "paper",
    "sides",
    "photo",
    "note",
    "skip",
    "password",
    "partner1-password",
    "partner2-password",
    "split",
    "region",
    "lang",
    "format",
];

/// Columns whose cells are never printed, and blanked in `failed.csv`.
pub(crate) const SECRET: &[&str] = &["password", "partner1-password", "partner2-password"];

/// Columns whose cells are printed in the couple's book, and where: a hint
/// that leads a column to one of these says so, so that a counselor's own
/// notes are never renamed into a client's book. Free text (a note) also
/// gets the name of a column that is ignored, to keep such text in.
const PRINTED: &[(&str, &str, bool)] = &[
    (
        "names",
        "on the cover and the pages of the couple's book",
        false,
    ),
    ("note", "on the couple's welcome page", true),
    ("photo", "on the cover", false),
];

/// The CSV's header: which column holds which field.
pub(crate) struct Header {
    index: Vec<(&'static str, usize)>,
    /// The header's cells as written, for `failed.csv`.
    pub(crate) cells: Vec<String>,
    /// Columns that are not ours, as written: a client list has its own
    /// (`email`, `session day`), and those are left alone.
    pub(crate) ignored: Vec<String>,
    /// For a spreadsheet, the sheet's column of the first cell (0 is A),
    /// so that a message can name a cell's column letter.
    pub(crate) sheet_column: Option<u32>,
}

impl Header {
    /// How a message names a column: `start-date`, or in a spreadsheet
    /// `start-date (column B)`.
    pub(crate) fn named(&self, field: &str) -> String {
        match (self.sheet_column, self.column(field)) {
            (Some(first), Some(i)) => {
                format!("{field} (column {})", column_letters(first as usize + i))
            }
            _ => field.to_string(),
        }
    }

    /// The trimmed, non-empty cell of `field` in a row.
    pub(crate) fn get<'a>(&self, cells: &'a [String], field: &str) -> Option<&'a str> {
        cells
            .get(self.column(field)?)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    }

    /// The index of `field`'s column, when the header has it.
    pub(crate) fn column(&self, field: &str) -> Option<usize> {
        self.index
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, i)| *i)
    }

    /// The index of the first secret column, when the header has one.
    pub(crate) fn first_secret(&self) -> Option<usize> {
        self.index
            .iter()
            .filter(|(f, _)| SECRET.contains(f))
            .map(|(_, i)| *i)
            .min()
    }

    /// True when the cell at `index` is a secret (see [`SECRET`]).
    pub(crate) fn is_secret(&self, index: usize) -> bool {
        self.index
            .iter()
            .any(|(f, i)| *i == index && SECRET.contains(f))
    }
}

/// How a header cell is compared: spreadsheets capitalise and people type
/// `Start Date` or `start_date` for `start-date`.
fn normalise(raw: &str) -> String {
    let name = raw
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split([' ', '_', '-'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        // `Partner 1 password` is `partner1-password`.
        .replace("partner-1-", "partner1-")
        .replace("partner-2-", "partner2-");
    // A spreadsheet's `Language` is the `lang` column, as `--lang` is the
    // flag: left as it is, the column would be ignored and every row built
    // in the batch's language.
    if name == "language" {
        return "lang".to_string();
    }
    name
}

/// True when a column that is not ours looks like it holds passwords
/// (`pwd`, `Passcode`, `Kennwort`...): its cells would lock nothing, and
/// the couple's PDF would go out unlocked. Whole words only, so that
/// `zip code` or `spinach` are left alone.
fn looks_secret(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "pw",
        "pwd",
        "pin",
        "passwd",
        "secret",
        "kennwort",
        "passwort",
        "contraseña",
        "contrasena",
        "clave",
        "senha",
        "wachtwoord",
        "hasło",
        "haslo",
        "lösenord",
        "losenord",
        "salasana",
        "adgangskode",
        "passord",
        "parola",
        "heslo",
    ];
    let words: Vec<&str> = name.split('-').collect();
    let code_of = |w: &str| ["access", "pin", "pass", "secret", "unlock"].contains(&w);
    words.iter().enumerate().any(|(i, w)| {
        (w.starts_with("pass") && !w.starts_with("passport"))
            || WORDS.contains(w)
            || (*w == "code" && (words.len() == 1 || i > 0 && code_of(words[i - 1])))
    })
}

/// Ours, when `name` is one typo away from one of our columns (two for
/// the long ones): such a column is a mistake to stop on, not someone
/// else's column to leave alone, or its data would silently go missing.
fn near_miss(name: &str) -> Option<&'static str> {
    COLUMNS.iter().copied().find(|ours| {
        let allowed = if ours.len() >= 8 { 2 } else { 1 };
        strsim::damerau_levenshtein(name, ours) <= allowed
    })
}

/// Reads and checks the header row: a near miss of one of our columns, a
/// column that looks like a password under another name, a column twice,
/// or no `names` column stops the batch before anything is built, with
/// every such problem named at once; columns that are not ours are listed
/// in `ignored`.
pub(crate) fn read_header(path: &Path, cells: Vec<String>) -> Result<Header> {
    let mut index: Vec<(&'static str, usize)> = Vec::new();
    let mut ignored = Vec::new();
    // Each problem, with its hint.
    let mut problems: Vec<(String, Option<String>)> = Vec::new();
    for (i, raw) in cells.iter().enumerate() {
        let name = normalise(raw);
        if name.is_empty() {
            // An empty header cell: a spreadsheet's trailing delimiter.
            continue;
        }
        let Some(ours) = COLUMNS.iter().copied().find(|c| *c == name) else {
            if let Some(near) = near_miss(&name) {
                let wanted = closest(&name, COLUMNS.iter().copied()).unwrap_or(near);
                let own = raw.trim().to_lowercase();
                let hint = match PRINTED.iter().find(|(c, _, _)| *c == wanted) {
                    Some((column, place, true)) => format!(
                        "did you mean `{column}`? `{column}` is printed {place}; to keep your own {own} in this file, name the column e.g. `private {own}`, which is ignored"
                    ),
                    Some((column, place, false)) => {
                        format!("did you mean `{column}`? `{column}` is printed {place};")
                    }
                    None => format!("did you mean `{wanted}`?"),
                };
                problems.push((format!("unknown column {:?}", raw.trim()), Some(hint)));
            } else if looks_secret(&name) {
                problems.push((
                    format!(
                        "the column {:?} looks like it holds passwords, but workbook reads them only from a column named `password`, so these workbooks would not be locked",
                        raw.trim()
                    ),
                    Some(format!(
                        "name it `password` (its cells lock each couple's PDF and are never printed), or, if it holds no passwords, give it a name without {:?}",
                        raw.trim()
                    )),
                ));
            } else {
                ignored.push(raw.trim().to_string());
            }
            continue;
        };
        if index.iter().any(|(f, _)| *f == ours) {
            problems.push((format!("the column {ours:?} appears twice"), None));
            continue;
        }
        index.push((ours, i));
    }
    if !index.iter().any(|(f, _)| *f == "names") && problems.is_empty() {
        return Err(Error::Usage {
            message: format!("{}:1: the header has no `names` column", path.display()),
            hint: Some("the first row names the columns, e.g. names,start-date,paper".into()),
        });
    }
    if !problems.is_empty() {
        let columns = format!("the columns are {}", COLUMNS.join(", "));
        let named = problems
            .iter()
            .any(|(_, h)| h.as_deref().is_some_and(|h| h.starts_with("did you mean")));
        let (message, hint) = match problems.as_slice() {
            [(one, Some(hint))] if named => {
                let join = if hint.ends_with(['?', ';']) {
                    " "
                } else {
                    "; "
                };
                (one.clone(), Some(format!("{hint}{join}{columns}")))
            }
            [(one, hint)] => (one.clone(), hint.clone()),
            many => {
                let lines: Vec<String> = many
                    .iter()
                    .map(|(p, h)| match h {
                        Some(h) => format!("{p}: {h}"),
                        None => p.clone(),
                    })
                    .collect();
                let message = format!(
                    "the header has {} problems:\n  {}",
                    many.len(),
                    lines.join("\n  ")
                );
                (message, named.then_some(columns))
            }
        };
        return Err(Error::Usage {
            message: format!("{}:1: {message}", path.display()),
            hint,
        });
    }
    Ok(Header {
        index,
        cells,
        ignored,
        sheet_column: None,
    })
}

/// A spreadsheet's column letters: 0 is A, 25 is Z, 26 is AA.
fn column_letters(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn spreadsheet_column_letters() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(super::column_letters)
            .collect();
        assert_eq!(
            letters,
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }

    use super::*;

    #[test]
    fn near_misses_are_ours_and_other_columns_are_not() {
        for typo in ["name", "stat-date", "notes", "day", "photos", "pasword"] {
            assert!(near_miss(&normalise(typo)).is_some(), "{typo}");
        }
        for other in ["email", "session day", "phone", "client id", "comments"] {
            assert!(near_miss(&normalise(other)).is_none(), "{other}");
        }
        assert_eq!(normalise("Partner 2 Password"), "partner2-password");
        assert_eq!(normalise("Language"), "lang");
        assert_eq!(normalise("LANG"), "lang");
    }

    #[test]
    fn columns_that_hold_passwords_under_another_name_are_found() {
        for secret in [
            "pwd",
            "PW",
            "Passcode",
            "pass phrase",
            "PIN",
            "access code",
            "Kennwort",
            "Contraseña",
            "mot de passe",
            "client password",
            "Code",
        ] {
            assert!(looks_secret(&normalise(secret)), "{secret}");
        }
        for other in [
            "zip code",
            "post code",
            "country code",
            "spinach",
            "passport number",
            "email",
            "private notes",
            "pinned",
            "compass",
        ] {
            assert!(!looks_secret(&normalise(other)), "{other}");
        }
        assert_eq!(normalise(" Start_Date "), "start-date");
        assert_eq!(normalise("\u{feff}NAMES"), "names");
    }
}
