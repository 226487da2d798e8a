//! One CSV row: its cells as settings (each with its line and column, so
//! that a bad value is named where it is), and the file it is written to.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::header::Header;
use crate::diag::{Error, Origin, Problem, Result};
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
        // Extra cells, even empty ones, may mean that a comma moved a
        // password into another column: refused where one may be at stake.
        let extra = &self.cells[columns.min(self.cells.len())..];
        if extra.iter().any(|c| !c.trim().is_empty())
            || (!extra.is_empty() && header.first_secret().is_some())
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
                    column: header.named(column),
                },
            })
        };
        Ok(RowValues {
            names: cell("names"),
            // Each row's language loads its own project (see `Projects`).
            lang: cell("lang"),
            region: cell("region"),
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
            password: self.password_cell(header, "password", csv_path, &cell)?,
            partner_passwords: [
                self.password_cell(header, "partner1-password", csv_path, &cell)?,
                self.password_cell(header, "partner2-password", csv_path, &cell)?,
            ],
            split: cell("split"),
            format: cell("format"),
        })
    }

    /// A password cell, in a file that may have its column. A password
    /// must never fall off a row unnoticed (blanked in `failed.csv`, or
    /// lost in a copy): an empty shared `password` cell is refused, and
    /// what `failed.csv` wrote in its place too; `-` says "no password".
    /// A partner's empty cell is passed on empty, to be refused only when
    /// the row is split (see `settings::password::choose`).
    fn password_cell(
        &self,
        header: &Header,
        column: &str,
        csv_path: &Path,
        cell: &dyn Fn(&str) -> Option<Given>,
    ) -> Result<Option<Given>> {
        use crate::settings::password::{NONE, RETYPE};
        if header.column(column).is_none() {
            return Ok(None);
        }
        let origin = || Origin::Cell {
            file: csv_path.display().to_string(),
            line: self.first,
            column: header.named(column),
        };
        match cell(column) {
            Some(given) if given.value == RETYPE => Err(Problem::with_hint(
                "this row's password was taken out when the row was written to a file of failed rows",
                format!("type it again, or write {NONE} to build it without one"),
            )
            .at(given.origin, None)),
            Some(given) => Ok(Some(given)),
            None if column == "password" => Err(Problem::with_hint(
                "this row's password cell is empty, and the file has a password column",
                format!("type the password, or write {NONE} to build this workbook without one"),
            )
            .at(origin(), None)),
            None => Ok(Some(Given {
                value: String::new(),
                origin: origin(),
            })),
        }
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

/// Claims for the row on `line` every file it will write in `out_dir`:
/// a name no earlier row took (`-2`, `-3`... added when one did), and for
/// a split row its partners' files beside it. A partner file that an
/// earlier row already took is this row's error, naming that line: it
/// would otherwise replace another couple's workbook.
pub(crate) fn claim(
    out_dir: &Path,
    wanted: Option<&str>,
    opts: &BuildOptions,
    taken: &mut HashMap<String, u64>,
    line: u64,
) -> Result<Vec<PathBuf>> {
    // A PDF, or the HTML edition's page (`format`).
    let ext = opts.format.extension();
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
                .is_some_and(|e| e.eq_ignore_ascii_case(ext))
            {
                w.to_string()
            } else {
                format!("{w}.{ext}")
            }
        }
        None => Path::new(&crate::output::names::for_settings(opts))
            .with_extension(ext)
            .to_string_lossy()
            .into_owned(),
    };
    let stem = name.trim_end_matches(&format!(".{ext}")).to_string();
    let mut candidate = name.clone();
    let mut n = 2;
    // Compared without case: "X.pdf" and "x.pdf" are one file on many disks.
    while taken.contains_key(&candidate.to_lowercase()) {
        candidate = format!("{stem}-{n}.{ext}");
        n += 1;
    }
    let shared = out_dir.join(candidate);
    let targets = match opts.split {
        Some(_) => crate::output::names::split_targets(&shared, &opts.names).to_vec(),
        None => vec![shared],
    };
    let key = |t: &PathBuf| {
        t.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_lowercase()
    };
    for target in &targets[1..] {
        if let Some(other) = taken.get(&key(target)) {
            return Err(Error::usage(
                format!(
                    "this row's partner file {} would replace the workbook of line {other}",
                    target.display()
                ),
                Some("give this row an `output` cell with a name of its own".to_string()),
            ));
        }
    }
    for target in &targets {
        taken.insert(key(target), line);
    }
    Ok(targets)
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
