//! One CSV row: its cells as settings (each with its line and column, so
//! that a bad value is named where it is), and the file it is written to.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::header::Header;
use crate::diag::{Error, Origin, Result};
use crate::settings::{BuildOptions, Given, RowValues};

/// The longest cell we take; a note has its own, smaller cap.
const MAX_CELL: usize = 2000;

/// One row, read and not yet built.
pub(crate) struct Row {
    pub(crate) line: u64,
    pub(crate) cells: Vec<String>,
}

impl Row {
    /// The row's settings, each cell with its origin.
    pub(crate) fn values(&self, header: &Header, csv_path: &Path) -> Result<RowValues> {
        if let Some(long) = self.cells.iter().find(|c| c.chars().count() > MAX_CELL) {
            return Err(Error::usage(
                format!(
                    "a cell has {} characters; at most {MAX_CELL}",
                    long.chars().count()
                ),
                None,
            ));
        }
        let csv_dir = csv_path.parent().unwrap_or(Path::new("."));
        let cell = |column: &str| {
            header.get(&self.cells, column).map(|value| Given {
                value: value.to_string(),
                origin: Origin::Cell {
                    file: csv_path.display().to_string(),
                    line: self.line,
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
            skip: cell("skip").map(|s| {
                s.value
                    .split([';', ' '])
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            }),
            password: cell("password"),
        })
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
        None => crate::output::default_file_name(&opts.names),
    };
    let mut taken = taken.lock().expect("no worker panics while holding it");
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
