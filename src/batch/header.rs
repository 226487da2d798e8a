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
];
/// The CSV's header: which column holds which field.
pub(crate) struct Header {
    index: Vec<(String, usize)>,
}

impl Header {
    /// The trimmed, non-empty cell of `field` in a row.
    pub(crate) fn get<'a>(&self, cells: &'a [String], field: &str) -> Option<&'a str> {
        let (_, i) = self.index.iter().find(|(f, _)| f == field)?;
        cells.get(*i).map(|c| c.trim()).filter(|c| !c.is_empty())
    }
}

/// Reads and checks the header row: unknown, repeated or missing columns
/// stop the batch before anything is built.
pub(crate) fn read_header(path: &Path, reader: &mut csv::Reader<std::fs::File>) -> Result<Header> {
    let bad = |message: String, hint: Option<String>| Error::Usage {
        message: format!("{}:1: {message}", path.display()),
        hint,
    };
    let headers = reader
        .headers()
        .map_err(|e| bad(format!("cannot read the header row ({e})"), None))?
        .clone();
    let mut index = Vec::new();
    for (i, raw) in headers.iter().enumerate() {
        let name = raw
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        if !COLUMNS.contains(&name.as_str()) {
            let closest = closest(&name, COLUMNS.iter().copied())
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            return Err(bad(
                format!("unknown column {raw:?}"),
                Some(format!("{closest}the columns are {}", COLUMNS.join(", "))),
            ));
        }
        if index.iter().any(|(f, _)| *f == name) {
            return Err(bad(format!("the column {name:?} appears twice"), None));
        }
        index.push((name, i));
    }
    if !index.iter().any(|(f, _)| f == "names") {
        return Err(bad(
            "the header has no `names` column".into(),
            Some("the first row names the columns, e.g. names,start-date,paper".into()),
        ));
    }
    Ok(Header { index })
}
