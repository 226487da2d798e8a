//! One CSV row: its cells as settings (each with its line and column, so
//! that a bad value is named where it is), and the file it is written to.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::header::Header;
use crate::diag::{Error, Origin, Result};
use crate::settings::{BuildOptions, Given, RowValues};

/// One row, read and not yet built.
pub(crate) struct Row {
    /// The lines it was read from; a cell's messages name the first.
    pub(crate) first: u64,
    pub(crate) last: u64,
    pub(crate) cells: Vec<String>,
}

impl Row {
    /// The row's settings, each cell with its origin.
    pub(crate) fn values(&self, header: &Header, csv_path: &Path) -> Result<RowValues> {
        let columns = header.cells.len();
        if self.cells[columns.min(self.cells.len())..]
            .iter()
            .any(|c| !c.trim().is_empty())
        {
            // Its cells are shifted, or a delimiter is missing from a
            // quote: either way, which cell is which is not known.
            return Err(Error::usage(
                format!(
                    "this row has {} cells; the header names {columns} columns",
                    self.cells.len()
                ),
                Some("put text with a delimiter in it in double quotes".to_string()),
            ));
        }
        let csv_dir = csv_path.parent().unwrap_or(Path::new("."));
        let cell = |column: &str| {
            header.get(&self.cells, column).map(|value| Given {
                value: value.to_string(),
                origin: Origin::Cell {
                    file: csv_path.display().to_string(),
                    line: self.first,
                    column: column.to_string(),
                },
            })
        };
        Ok(RowValues {
            names: cell("names"),
            start_date: cell("start-date"),
            days: cell("days"),
            paper: cell("paper"),
            sides: cell("sides"),
            note: cell("note"),
            photo: cell("photo").map(|p| csv_dir.join(p.value)),
            photo_cell: cell("photo").map(|p| p.origin),
            skip: cell("skip").map(|s| {
                s.value
                    .split([';', ' '])
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            }),
            password: cell("password"),
            split: cell("split"),
        })
    }

    /// Who the row is for, compared without case, spacing or order, to
    /// find the same couple twice.
    pub(crate) fn couple(&self, header: &Header) -> Option<String> {
        let names = header.get(&self.cells, "names")?.to_lowercase();
        let mut two: Vec<String> = names
            .split('&')
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        two.sort();
        Some(two.join(" & "))
    }
}

/// Chooses a file name in `out_dir` that no earlier row of this run took.
pub(crate) fn output_path(
    out_dir: &Path,
    wanted: Option<&str>,
    opts: &BuildOptions,
    taken: &Mutex<HashSet<String>>,
) -> Result<PathBuf> {
    let name = match wanted {
        Some(w) => {
            let file = Path::new(w);
            if file.components().count() != 1 || w.starts_with('.') || !is_portable_name(w) {
                return Err(Error::usage(
                    format!("output {w:?} must be a plain file name inside the output folder"),
                    None,
                ));
            }
            if file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            {
                w.to_string()
            } else {
                format!("{w}.pdf")
            }
        }
        None => crate::settings::edition::default_file_name(opts),
    };
    // A row that panicked while holding the lock left the set whole.
    let mut taken = taken
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let stem = name.trim_end_matches(".pdf").to_string();
    let mut candidate = name.clone();
    let mut n = 2;
    // Compared without case: "X.pdf" and "x.pdf" are one file on many disks.
    while taken.contains(&candidate.to_lowercase()) {
        candidate = format!("{stem}-{n}.pdf");
        n += 1;
    }
    taken.insert(candidate.to_lowercase());
    Ok(out_dir.join(candidate))
}

/// A file name that works on Windows, macOS and Linux.
fn is_portable_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    let reserved = ["con", "prn", "aux", "nul"].contains(&stem.as_str())
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit());
    !reserved
        && !name
            .chars()
            .any(|c| crate::settings::names::is_refused(c) || "\\/:*?\"<>|".contains(c))
}
