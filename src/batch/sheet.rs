//! A client list kept as a spreadsheet (`.xlsx`, `.ods`), read with
//! calamine and turned into the CSV text the batch reader already knows,
//! so that a sheet gets the same header checks, line accounting and
//! `failed.csv` as its CSV twin. Date cells become `YYYY-MM-DD`.

use std::path::Path;

use calamine::{Data, Ods, Reader, Xlsx, open_workbook};

use super::read::{Decoded, MAX_FILE};
use crate::diag::{Error, Result};

/// The kinds of file read here, by extension (any case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Xlsx,
    Ods,
    /// Excel 97-2003 (`.xls`, `.xlsb`): refused with the fix.
    Old,
}

/// Which spreadsheet `path` is, or `None` for a text file (CSV).
pub(crate) fn kind(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" => Some(Kind::Xlsx),
        "ods" => Some(Kind::Ods),
        "xls" | "xlsb" => Some(Kind::Old),
        _ => None,
    }
}

/// An OLE container: an `.xls`, or an `.xlsx` locked with a password
/// (Office encrypts the whole file into one).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads the first sheet, or the one named `--sheet NAME`, as CSV text,
/// with the sheet's column of its first cell (0 is A: a sheet whose
/// column A is empty starts at B).
pub(crate) fn read(path: &Path, kind: Kind, sheet: Option<&str>) -> Result<(Decoded, u32)> {
    let file = path.display();
    let save_as = || {
        Some(
            "save it from your spreadsheet as .xlsx, or as \"CSV UTF-8\", and run again"
                .to_string(),
        )
    };
    if kind == Kind::Old {
        return Err(Error::usage(
            format!("{file}: an Excel 97-2003 workbook (.xls or .xlsb) cannot be read"),
            save_as(),
        ));
    }
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::usage(format!("{file}: cannot read it ({e})"), None))?;
    if meta.len() > MAX_FILE {
        return Err(Error::usage(
            format!(
                "{file}: larger than {} MiB; a client list is far smaller",
                MAX_FILE >> 20
            ),
            Some("is this the right file?".to_string()),
        ));
    }
    let mut head = [0u8; 8];
    let locked = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && head == OLE_MAGIC;
    if locked {
        return Err(Error::usage(
            format!("{file}: the spreadsheet is locked with a password, so it cannot be read"),
            Some(
                "open it, remove the password (in Excel: File > Info > Protect Workbook > Encrypt with Password), save a copy and run on that; or save it as \"CSV UTF-8\""
                    .to_string(),
            ),
        ));
    }
    let unreadable = |e: String| {
        Error::usage(
            format!("{file}: cannot read it as a spreadsheet ({e})"),
            save_as(),
        )
    };
    let range = match kind {
        Kind::Ods => {
            let mut book: Ods<_> =
                open_workbook(path).map_err(|e: calamine::OdsError| unreadable(e.to_string()))?;
            let name = pick(&book.sheet_names(), sheet, &file.to_string())?;
            book.worksheet_range(&name)
                .map_err(|e| unreadable(e.to_string()))?
        }
        _ => {
            let mut book: Xlsx<_> =
                open_workbook(path).map_err(|e: calamine::XlsxError| unreadable(e.to_string()))?;
            let name = pick(&book.sheet_names(), sheet, &file.to_string())?;
            book.worksheet_range(&name)
                .map_err(|e| unreadable(e.to_string()))?
        }
    };
    let first_column = range.start().map_or(0, |(_, column)| column);
    Ok((
        Decoded {
            text: csv_text(&range),
            encoding: "UTF-8",
            lossy: false,
            // A spreadsheet holds every letter.
            plain_csv: false,
        },
        first_column,
    ))
}

/// The sheet to read: the named one, or the first.
fn pick(names: &[String], wanted: Option<&str>, file: &str) -> Result<String> {
    let listed = || {
        Some(format!(
            "the sheets are {}",
            names
                .iter()
                .map(|n| format!("{n:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w || n.eq_ignore_ascii_case(w))
            .cloned()
            .ok_or_else(|| {
                Error::usage(format!("--sheet {w:?}: {file} has no such sheet"), listed())
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::usage(format!("{file}: the workbook has no sheets"), None)),
    }
}

/// The sheet's rows as comma-separated lines, quoted where a cell needs it;
/// an empty row stays an empty line, so the summary counts it as blank.
fn csv_text(range: &calamine::Range<Data>) -> String {
    let mut text = String::new();
    for row in range.rows() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        let quoted: Vec<String> = cells
            .iter()
            .map(|c| {
                if c.contains([',', '"', '\r', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        text.push_str(&quoted.join(","));
        text.push_str("\r\n");
    }
    text
}

/// A cell as the text a CSV export would hold; a date cell as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // A whole number typed in a cell (days = 28) reads 28, not 28.0.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => serial_date(d.as_f64()),
        // OpenDocument keeps dates as text: 2026-12-01 or 2026-12-01T00:00:00.
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}

/// Excel's day number (1900 date system: day 0 is 1899-12-30 once its
/// leap-year bug is allowed for) as `YYYY-MM-DD`.
fn serial_date(serial: f64) -> String {
    let epoch = time::macros::date!(1899 - 12 - 30);
    let days = serial.floor() as i64;
    epoch
        .checked_add(time::Duration::days(days))
        .map(|d| d.to_string())
        .unwrap_or_else(|| serial.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_day_numbers() {
        assert_eq!(serial_date(46357.0), "2026-12-01");
        assert_eq!(serial_date(46357.75), "2026-12-01");
    }

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind(Path::new("a.XLSX")), Some(Kind::Xlsx));
        assert_eq!(kind(Path::new("a.ods")), Some(Kind::Ods));
        assert_eq!(kind(Path::new("a.xls")), Some(Kind::Old));
        assert_eq!(kind(Path::new("a.csv")), None);
    }
}
