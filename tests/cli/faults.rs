//! Issue 13: faults leave nothing behind, and dates say only the day.
//! Each test is named after the case it covers.

use crate::support::*;

/// The Info dictionary's `CreationDate` of a PDF file.
fn creation_date(path: &std::path::Path) -> String {
    let doc = lopdf::Document::load(path).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .unwrap();
    let date = doc
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    String::from_utf8(date).unwrap()
}

#[test]
fn without_source_date_epoch_the_pdf_carries_the_day_at_midnight_utc() {
    let dir = tempdir();
    let before = time::OffsetDateTime::now_utc().date();
    let run: Run = workbook(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["build", "--names", "Ana & Ben", "-o", "a.pdf"])
        .output()
        .unwrap()
        .into();
    let after = time::OffsetDateTime::now_utc().date();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let date = creation_date(&dir.path().join("a.pdf"));
    let day = |d: time::Date| {
        format!(
            "D:{:04}{:02}{:02}000000",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    };
    assert!(
        date.starts_with(&day(before)) || date.starts_with(&day(after)),
        "{date}"
    );
}
