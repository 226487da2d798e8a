//! A client list kept as an Excel workbook, read directly (issue 29,
//! item 3): the same workbooks, line accounting and failed rows as the
//! CSV the counselor would otherwise export. Small sheets are zipped by
//! hand below, to place each cell exactly; the client list with a
//! password is written by a real spreadsheet writer (rust_xlsxwriter) and
//! saved by LibreOffice (tests/fixtures/sheets/).

use std::io::Write;
use std::path::Path;

use crate::support::{Test, tempdir};

/// A small selection, so each row builds fast.
const SMALL: [&str; 4] = ["--only", "safety", "--only", "how-to-use"];

/// One cell of the test sheet: text, or an Excel date (a day number shown
/// with the built-in date format 14, as Excel stores a typed date).
enum Cell {
    Text(&'static str),
    Date(u32),
    Empty,
}

/// Writes a minimal .xlsx (one sheet, "Clients") as Excel lays one out:
/// inline strings, and dates as styled day numbers.
fn write_xlsx(path: &Path, rows: &[Vec<Cell>]) {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut sheet = format!("<worksheet xmlns=\"{MAIN}\"><sheetData>");
    for (r, row) in rows.iter().enumerate() {
        sheet += &format!("<row r=\"{}\">", r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            match cell {
                Cell::Text(t) => {
                    sheet += &format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>")
                }
                Cell::Date(d) => sheet += &format!("<c r=\"{at}\" s=\"1\"><v>{d}</v></c>"),
                Cell::Empty => {}
            }
        }
        sheet += "</row>";
    }
    sheet += "</sheetData></worksheet>";
    let files = [
        (
            "[Content_Types].xml",
            String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
                 <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>",
            ),
        ),
        (
            "_rels/.rels",
            format!(
                "<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><sheets><sheet name=\"Clients\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"{REL}/styles\" Target=\"styles.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/styles.xml",
            format!(
                "<styleSheet xmlns=\"{MAIN}\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in files {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// Writes a minimal .ods (one sheet, "Clients") as LibreOffice lays one
/// out: dates as `office:date-value`, an empty row as one repeated cell.
fn write_ods(path: &Path, rows: &[Vec<Cell>]) {
    let mut table = String::from("<table:table table:name=\"Clients\">");
    for row in rows {
        table += "<table:table-row>";
        for cell in row {
            table += &match cell {
                Cell::Text(t) => format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>"
                ),
                Cell::Date(d) => {
                    let day =
                        time::macros::date!(1899 - 12 - 30) + time::Duration::days(i64::from(*d));
                    format!(
                        "<table:table-cell office:value-type=\"date\" office:date-value=\"{day}\"><text:p>{day}</text:p></table:table-cell>"
                    )
                }
                Cell::Empty => "<table:table-cell/>".to_string(),
            };
        }
        table += "</table:table-row>";
    }
    table += "</table:table>";
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet>{table}</office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    // The mimetype first and uncompressed, as the format asks.
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    for (name, text) in [
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// The PDFs and failed.csv in `dir`, by name, with their bytes.
fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn running_the_batch_on_the_excel_client_list_builds_what_its_csv_export_builds() {
    twins("clients.xlsx", write_xlsx);
}

#[test]
fn running_the_batch_on_the_libreoffice_client_list_builds_what_its_csv_export_builds() {
    twins("clients.ods", write_ods);
}

/// Writes `sheet` with `write` and its CSV export beside it, runs the
/// batch on both and compares what each wrote.
fn twins(sheet: &str, write: fn(&Path, &[Vec<Cell>])) {
    use Cell::*;
    let dir = tempdir();
    // Dates as date cells, a blank row, a column of our own notes, a
    // password column whose `-` builds without one, and a row that fails.
    write(
        &dir.path().join(sheet),
        &[
            vec![
                Text("Names"),
                Text("Start Date"),
                Text("Private notes"),
                Text("password"),
            ],
            vec![
                Text("Ana &amp; Ben"),
                Date(46357),
                Text("called twice"),
                Text("-"),
            ],
            vec![Empty, Empty, Empty, Empty],
            vec![Text("Cy &amp; Di"), Date(46358), Empty, Text("-")],
            vec![Text("Eve &amp; Flo"), Text("08/12/2026"), Empty, Text("-")],
        ],
    );
    std::fs::write(
        dir.path().join("clients.csv"),
        "Names,Start Date,Private notes,password\r\n\
         Ana & Ben,2026-12-01,called twice,-\r\n\
         ,,,\r\n\
         Cy & Di,2026-12-02,,-\r\n\
         Eve & Flo,08/12/2026,,-\r\n",
    )
    .unwrap();
    let batch = |file: &str, out: &str| {
        Test::at(dir.path())
            .args(["batch", file, "--out-dir", out, "--jobs", "1"])
            .args(SMALL)
            .status(1)
    };
    batch(sheet, "sheet")
        .stderr_has(format!(
            "{sheet}: 5 lines: 1 header, 2 built, 1 failed, 1 blank"
        ))
        .stderr_has(format!(
            "{sheet}:5: start-date (column B) \"08/12/2026\": it could be 8 December 2026 (day first) or 12 August 2026 (month first)"
        ))
        .run();
    batch("clients.csv", "csv").run();
    let (sheet, csv) = (
        outputs(&dir.path().join("sheet")),
        outputs(&dir.path().join("csv")),
    );
    let names: Vec<&str> = sheet.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "failed-clients.csv",
            "workbook-ana-ben.pdf",
            "workbook-cy-di.pdf"
        ]
    );
    // The same PDFs, byte for byte, and the same row to fix.
    assert!(
        sheet == csv,
        "the sheet and its CSV twin built different files"
    );
}

#[test]
fn an_old_xls_or_a_locked_workbook_says_how_to_save_it() {
    let dir = tempdir();
    // Both are OLE containers; Office writes a password-locked .xlsx as one.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let batch = |file: &str| {
        Test::at(dir.path())
            .write(file, &ole)
            .args(["batch", file, "--out-dir", "out"])
            .status(2)
            .run()
    };
    let (locked, old) = (batch("locked.xlsx"), batch("old.xls"));
    insta::assert_snapshot!(format!("{}{}", locked.stderr, old.stderr), @r#"
    error: locked.xlsx: the spreadsheet is locked with a password, so it cannot be read
    hint: open it, remove the password (in Excel: File > Info > Protect Workbook > Encrypt with Password), save a copy and run on that; or save it as "CSV UTF-8"
    error: old.xls: an Excel 97-2003 workbook (.xls or .xlsb) cannot be read
    hint: save it from your spreadsheet as .xlsx, or as "CSV UTF-8", and run again
    "#);
    assert!(!dir.path().join("out").exists());
}

#[test]
fn asking_for_a_sheet_the_workbook_lacks_lists_its_sheets() {
    let dir = tempdir();
    write_xlsx(
        &dir.path().join("clients.xlsx"),
        &[vec![Cell::Text("names")], vec![Cell::Text("Ana &amp; Ben")]],
    );
    let out = Test::at(dir.path())
        .args([
            "batch",
            "clients.xlsx",
            "--sheet",
            "2027",
            "--out-dir",
            "out",
        ])
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @r#"
    error: --sheet "2027": clients.xlsx has no such sheet
    hint: the sheets are "Clients"
    "#);
}

/// A PDF as a reader meets it: locked or not, its page count, and its text
/// (opened with `password` when locked).
fn opened(path: &Path, password: &str) -> (bool, usize, String) {
    let pdf = std::fs::read(path).unwrap();
    let locked = lopdf::Document::load_mem(&pdf).is_ok_and(|d| d.trailer.get(b"Encrypt").is_ok());
    let doc =
        lopdf::Document::load_mem_with_options(&pdf, lopdf::LoadOptions::with_password(password))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = crate::support::fold(&doc.extract_text(&pages).unwrap());
    (locked, pages.len(), text)
}

/// The password of the client list's first couple.
const PASSWORD: &str = "violet harbour 2026";

/// The counselor's client list as "CSV UTF-8" saves it from the sheet
/// below: each cell as it shows.
const CSV_TWIN: &str = "\u{feff}Names,Start Date,Days,Private notes,Password\r\n\
    Ana & Ben,01.12.2026,7,affair disclosed in October,violet harbour 2026\r\n\
    ,,,,\r\n\
    Cy & Di,2026-12-02,14,,-\r\n";

/// The client list as Excel keeps it, written by a real spreadsheet
/// writer (rust_xlsxwriter, which lays a file out as Excel does): date
/// cells shown the European way and the ISO way, numbers of days, a blank
/// row, a column of private notes and a password column.
fn write_client_list(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Clients").unwrap();
    for (col, title) in ["Names", "Start Date", "Days", "Private notes", "Password"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, title).unwrap();
    }
    let european = Format::new().set_num_format("dd.mm.yyyy");
    let iso = Format::new().set_num_format("yyyy-mm-dd");
    let day = |d| ExcelDateTime::from_ymd(2026, 12, d).unwrap();
    sheet.write_string(1, 0, "Ana & Ben").unwrap();
    sheet
        .write_datetime_with_format(1, 1, day(1), &european)
        .unwrap();
    sheet.write_number(1, 2, 7).unwrap();
    sheet
        .write_string(1, 3, "affair disclosed in October")
        .unwrap();
    sheet.write_string(1, 4, PASSWORD).unwrap();
    // Row 3 is left blank.
    sheet.write_string(3, 0, "Cy & Di").unwrap();
    sheet
        .write_datetime_with_format(3, 1, day(2), &iso)
        .unwrap();
    sheet.write_number(3, 2, 14).unwrap();
    sheet.write_string(3, 4, "-").unwrap();
    book.save(path).unwrap();
}

/// A counselor keeps the client list in Excel: the batch builds the same
/// workbooks from it as from its "CSV UTF-8" export.
#[test]
fn an_xlsx_from_a_real_spreadsheet_writer_builds_what_its_csv_twin_builds() {
    let dir = tempdir();
    write_client_list(&dir.path().join("clients.xlsx"));
    built_alike(dir.path(), "clients.xlsx");
}

/// The same list kept in LibreOffice: tests/fixtures/sheets/clients.ods
/// is the .xlsx above as LibreOffice Calc 7.4 saved it (its README says
/// how), with its own date cells and a row 16,384 cells wide.
#[test]
fn an_ods_saved_by_libreoffice_builds_what_its_csv_twin_builds() {
    let dir = tempdir();
    std::fs::copy(
        crate::support::root().join("tests/fixtures/sheets/clients.ods"),
        dir.path().join("clients.ods"),
    )
    .unwrap();
    built_alike(dir.path(), "clients.ods");
}

/// Runs the batch on `sheet` in `dir` and on [`CSV_TWIN`] beside it, and
/// checks that both built the same files: each locked or not alike, with
/// the same pages and text (a locked file's bytes differ by design: its
/// key is new each time), the private notes printed in neither.
fn built_alike(dir: &Path, sheet: &str) {
    std::fs::write(dir.join("clients.csv"), CSV_TWIN).unwrap();
    let batch = |file: &str, out: &str| {
        Test::at(dir)
            .args(["batch", file, "--out-dir", out, "--jobs", "1"])
            .args(SMALL)
            .args(["--only", "gratitude-log"])
            .stderr_has(format!(
                "{file}: 4 lines: 1 header, 2 built, 0 failed, 1 blank"
            ))
            .stderr_has("1 file locked with a password")
            .stderr_lacks(PASSWORD)
            .run()
    };
    batch(sheet, "sheet");
    batch("clients.csv", "csv");
    let (from_sheet, from_csv) = (dir.join("sheet"), dir.join("csv"));
    let names = crate::support::file_names(&from_sheet);
    assert_eq!(names, ["workbook-ana-ben.pdf", "workbook-cy-di.pdf"]);
    assert_eq!(names, crate::support::file_names(&from_csv));
    for name in &names {
        let (a, b) = (
            opened(&from_sheet.join(name), PASSWORD),
            opened(&from_csv.join(name), PASSWORD),
        );
        assert_eq!(a.0, name.contains("ana-ben"), "{name} locked?");
        assert_eq!(a.0, b.0, "{name}: locked in one only");
        assert_eq!(a.1, b.1, "{name}: page counts differ");
        assert!(a.2 == b.2, "{name}: the texts differ");
        assert!(
            !a.2.contains("disclosed in October"),
            "{name} prints the notes"
        );
    }
    // The date cells and the numbers of days came through as the days
    // they hold, whatever format the cell shows them in.
    let (_, _, ana) = opened(&from_sheet.join("workbook-ana-ben.pdf"), PASSWORD);
    let (_, _, cy) = opened(&from_sheet.join("workbook-cy-di.pdf"), PASSWORD);
    assert!(
        ana.contains("From Tuesday 1 December 2026 to Monday 7 December 2026."),
        "{ana}"
    );
    assert!(
        cy.contains("From Wednesday 2 December 2026 to Tuesday 15 December 2026."),
        "{cy}"
    );
}
