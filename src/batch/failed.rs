//! `failed.csv`: the rows that were not built, under the header, in a file
//! to fix in the spreadsheet and run again.

use std::path::Path;

use super::{Header, Outcome, What};
use crate::diag::Error;

/// Its name in the output folder, after the list it comes from
/// (`clients.csv` gives `failed-clients.csv`), so that one list's failures
/// never replace another's; a list of failures run again keeps its name.
pub(crate) fn file_name(csv: &Path) -> String {
    let stem = csv
        .file_stem()
        .map(|s| crate::output::slug(&s.to_string_lossy(), "list"))
        .unwrap_or_else(|| "list".to_string());
    if stem.starts_with("failed-") {
        format!("{stem}.csv")
    } else {
        format!("failed-{stem}.csv")
    }
}

/// Writes the header and the rows to fix to `path`, as the input was
/// delimited, with secrets blanked and formulas guarded (a `'` before
/// them, which `batch` takes off again): a file to correct and run again.
/// UTF-8 with a byte order mark, so that Excel shows its accents right.
pub(crate) fn write(
    path: &Path,
    header: &Header,
    rows: &[&Outcome],
    delimiter: char,
) -> std::io::Result<()> {
    let text = text(header, rows, delimiter);
    crate::output::write_atomic(path, text.as_bytes()).map_err(|e| match e {
        Error::Io { source, .. } => source,
        other => std::io::Error::other(other.to_string()),
    })
}

/// The file's text: see [`write`].
fn text(header: &Header, rows: &[&Outcome], delimiter: char) -> String {
    let line = |cells: &[String], hide: &dyn Fn(usize, &str) -> Option<&'static str>| {
        let quoted: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| match hide(i, c) {
                Some(shown) => shown.to_string(),
                // Quoted, and a formula guarded, by the one CSV writer.
                None => crate::spreadsheet::cell(c, delimiter),
            })
            .collect();
        quoted.join(&delimiter.to_string()) + "\r\n"
    };
    let mut text = String::from("\u{feff}");
    text.push_str(&line(&header.cells, &|_, _| None));
    for row in rows {
        let (cells, unmapped) = match &row.what {
            What::Failed {
                cells, unmapped, ..
            } => (cells, *unmapped),
            What::NotBuilt(cells) => (cells, false),
            _ => continue,
        };
        // More cells than columns: a delimiter in a cell moved the rest.
        let shifted = unmapped || cells.len() > header.cells.len();
        text.push_str(&line(cells, &|i, cell| {
            hide(header, i, cell, shifted, unmapped)
        }));
    }
    text
}

/// What `failed.csv` writes instead of the cell at `index`, if anything:
/// a password becomes [`RETYPE`], refused when the file is run again, so
/// that no row is rebuilt unlocked. A row whose cells cannot be matched
/// to the header (`shifted`: more cells than columns, which moves a
/// password right; `unmapped`: a broken quote, which may swallow it into
/// any cell) keeps no cell where a password may have moved: from the first
/// password column on, or all but a names cell that holds only names.
fn hide(
    header: &Header,
    index: usize,
    cell: &str,
    shifted: bool,
    unmapped: bool,
) -> Option<&'static str> {
    use crate::settings::password::{NONE, RETYPE};
    let first_secret = header.first_secret()?;
    let names = header.column("names");
    if unmapped {
        let plain_names = Some(index) == names
            && !cell.contains(['\r', '\n', '"'])
            && cell.chars().count() <= 130;
        return (!plain_names).then_some("");
    }
    if shifted && index >= first_secret {
        return Some("");
    }
    match cell.trim() {
        _ if !header.is_secret(index) => None,
        "" => Some(""),
        NONE => None,
        _ => Some(RETYPE),
    }
}

/// True when both paths name one file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_failed_file_is_named_after_its_list() {
        assert_eq!(file_name(Path::new("in/clients.csv")), "failed-clients.csv");
        assert_eq!(
            file_name(Path::new("Spring Clients.CSV")),
            "failed-spring-clients.csv"
        );
        assert_eq!(
            file_name(Path::new("out/failed-clients.csv")),
            "failed-clients.csv"
        );
    }
    use crate::batch::read::{Kind, Records, decode, delimiter};

    #[test]
    fn failed_rows_read_back_as_written_with_passwords_to_type_again() {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let header =
            super::super::read_header(Path::new("c.csv"), cells(&["names", "password", "note"]))
                .unwrap();
        let failed = Outcome {
            first: 2,
            last: 3,
            what: What::Failed {
                message: String::new(),
                hint: None,
                cells: cells(&["Cy", "pw", "two; \"parts\"\nand lines"]),
                unmapped: false,
            },
        };
        let not_built = Outcome {
            first: 4,
            last: 4,
            what: What::NotBuilt(cells(&["Ed & Flo", "x", ""])),
        };
        let text = text(&header, &[&failed, &not_built], ';');
        let decoded = decode(text.as_bytes());
        let read: Vec<Kind> = Records::new(&decoded, delimiter(&decoded.text), 1200)
            .map(|r| r.kind)
            .collect();
        assert_eq!(
            read,
            [
                Kind::Cells(cells(&["names", "password", "note"])),
                Kind::Cells(cells(&["Cy", "(type again)", "two; \"parts\"\nand lines"])),
                Kind::Cells(cells(&["Ed & Flo", "(type again)", ""])),
            ]
        );
    }

    #[test]
    fn formulas_are_guarded_in_the_file_and_read_back_as_they_were() {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let header =
            super::super::read_header(Path::new("c.csv"), cells(&["names", "password", "note"]))
                .unwrap();
        let rows: Vec<Outcome> = [
            ["=HYPERLINK(\"x\") & B", "-", "+1"],
            ["Cy & Di", "-", "-2+3"],
            ["Ed & Flo", "-", "@SUM(A1)"],
            ["Gil & Hal", "-", "\tnote"],
            ["Ida & Jo", "-", "\rnote"],
            ["Kim & Lu", "-", " =1"],
        ]
        .iter()
        .enumerate()
        .map(|(i, row)| Outcome {
            first: i as u64 + 2,
            last: i as u64 + 2,
            what: What::NotBuilt(cells(row)),
        })
        .collect();
        let text = text(&header, &rows.iter().collect::<Vec<_>>(), ',');
        let lines: Vec<&str> = text.split("\r\n").collect();
        // No password, `-`, is a sign alone: text, left as it is.
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"x\"\") & B\",-,'+1");
        assert_eq!(lines[2], "Cy & Di,-,'-2+3");
        assert_eq!(lines[3], "Ed & Flo,-,'@SUM(A1)");
        assert_eq!(lines[4], "Gil & Hal,-,'\tnote");
        assert_eq!(lines[5], "Ida & Jo,-,\"'\rnote\"");
        assert_eq!(lines[6], "Kim & Lu,-,' =1");
        let decoded = decode(text.as_bytes());
        let read: Vec<Kind> = Records::new(&decoded, delimiter(&decoded.text), 1200)
            .skip(1)
            .map(|r| r.kind)
            .collect();
        let wrote: Vec<Kind> = rows
            .iter()
            .map(|o| match &o.what {
                What::NotBuilt(c) => Kind::Cells(c.clone()),
                _ => unreachable!(),
            })
            .collect();
        // A carriage return alone in a cell reads as a line break.
        let mut wrote = wrote;
        wrote[4] = Kind::Cells(cells(&["Ida & Jo", "-", "\nnote"]));
        assert_eq!(read, wrote);
    }
}
