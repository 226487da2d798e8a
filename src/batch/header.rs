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
    "split",
];

/// Columns whose cells are never printed, and blanked in `failed.csv`.
pub(crate) const SECRET: &[&str] = &["password"];

/// The CSV's header: which column holds which field.
pub(crate) struct Header {
    index: Vec<(&'static str, usize)>,
    /// The header's cells as written, for `failed.csv`.
    pub(crate) cells: Vec<String>,
    /// Columns that are not ours, as written: a client list has its own
    /// (`email`, `session day`), and those are left alone.
    pub(crate) ignored: Vec<String>,
}

impl Header {
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
    raw.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split([' ', '_', '-'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
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
/// column twice, or no `names` column stops the batch before anything is
/// built; columns that are not ours are listed in `ignored`.
pub(crate) fn read_header(path: &Path, cells: Vec<String>) -> Result<Header> {
    let bad = |message: String, hint: Option<String>| Error::Usage {
        message: format!("{}:1: {message}", path.display()),
        hint,
    };
    let mut index: Vec<(&'static str, usize)> = Vec::new();
    let mut ignored = Vec::new();
    for (i, raw) in cells.iter().enumerate() {
        let name = normalise(raw);
        if name.is_empty() {
            // An empty header cell: a spreadsheet's trailing delimiter.
            continue;
        }
        let Some(ours) = COLUMNS.iter().copied().find(|c| *c == name) else {
            if near_miss(&name).is_some() {
                let closest = closest(&name, COLUMNS.iter().copied())
                    .or_else(|| near_miss(&name))
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                return Err(bad(
                    format!("unknown column {:?}", raw.trim()),
                    Some(format!("{closest}the columns are {}", COLUMNS.join(", "))),
                ));
            }
            ignored.push(raw.trim().to_string());
            continue;
        };
        if index.iter().any(|(f, _)| *f == ours) {
            return Err(bad(format!("the column {ours:?} appears twice"), None));
        }
        index.push((ours, i));
    }
    if !index.iter().any(|(f, _)| *f == "names") {
        return Err(bad(
            "the header has no `names` column".into(),
            Some("the first row names the columns, e.g. names,start-date,paper".into()),
        ));
    }
    Ok(Header {
        index,
        cells,
        ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_ours_and_other_columns_are_not() {
        for typo in ["name", "stat-date", "notes", "day", "photos", "pasword"] {
            assert!(near_miss(&normalise(typo)).is_some(), "{typo}");
        }
        for other in ["email", "session day", "phone", "client id", "comments"] {
            assert!(near_miss(&normalise(other)).is_none(), "{other}");
        }
        assert_eq!(normalise(" Start_Date "), "start-date");
        assert_eq!(normalise("\u{feff}NAMES"), "names");
    }
}
