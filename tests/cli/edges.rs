//! Failures at the edges (issue 27, item 5), on every system: a panic on
//! an untrusted PDF is that file's error; the typing font keeps the name
//! PDFium needs. What needs Unix signals and terminals is in edges_unix.rs.

use std::path::{Path, PathBuf};

use crate::support::*;

/// Our temporary files in `dir` (none while it does not exist).
pub(crate) fn part_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    files_in(dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(".workbook-") && name.ends_with(".part")
        })
        .collect()
}

/// A folder holding `workbook-ana-ben.pdf`: a fillable book of the
/// apology only, small and quick to build.
fn fillable_apology() -> tempfile::TempDir {
    let dir = tempdir();
    let built = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--fillable",
            "--only",
            "apology",
        ],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    dir
}

/// A panic while `answers` reads a PDF (lopdf's, or ours, on a file made
/// to harm) is that file's error: exit 2, a plain message naming the file,
/// no panic message and no backtrace, nothing written.
#[test]
fn a_panic_reading_an_untrusted_pdf_exits_2_with_a_plain_message() {
    let dir = fillable_apology();
    let run: Run = workbook(dir.path())
        .env("WORKBOOK_TEST_PANIC_READING", "1")
        .env("RUST_BACKTRACE", "1")
        .args(["answers", "workbook-ana-ben.pdf", "-o", "answers.md"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
    error: workbook-ana-ben.pdf: this PDF cannot be read: the PDF reader stopped on something in it (a test asked the reader to panic)
    hint: it may be damaged: ask for the file again, saved from the viewer it was filled in with
    ");
    assert!(!dir.path().join("answers.md").exists());
    assert!(part_files(dir.path()).is_empty());
}

/// The typing font's resource name is one PDFium treats as a symbol font
/// (`CPDF_BAFontMap`, src/pdf/form_font.rs says why), so that PDFium types
/// Greek and Cyrillic in our embedded Open Sans rather than a system font:
/// every `/DA` names `/Wingdings`, and that resource is Open Sans, whole.
#[test]
fn the_typing_font_is_open_sans_under_the_name_pdfium_types_every_letter_with() {
    use lopdf::{Document, Object};
    let dir = fillable_apology();
    let doc = Document::load(dir.path().join("workbook-ana-ben.pdf")).unwrap();
    let form = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .unwrap();
    let da = |d: &lopdf::Dictionary| {
        d.get(b"DA")
            .ok()
            .and_then(|v| v.as_str().ok())
            .map(|v| String::from_utf8_lossy(v).into_owned())
    };
    assert!(
        da(form).unwrap().starts_with("/Wingdings 10 Tf"),
        "{:?}",
        da(form)
    );
    let mut text_fields = 0;
    for object in doc.objects.values() {
        let Ok(d) = object.as_dict() else { continue };
        if d.get(b"FT")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Tx")
        {
            text_fields += 1;
            let da = da(d).expect("a text field has its /DA");
            assert!(da.starts_with("/Wingdings "), "{da}");
        }
    }
    assert!(text_fields > 5, "{text_fields} text fields");
    let fonts = form
        .get(b"DR")
        .and_then(Object::as_dict)
        .and_then(|dr| dr.get(b"Font"))
        .and_then(Object::as_dict)
        .unwrap();
    assert_eq!(fonts.len(), 1);
    let font = fonts
        .get(b"Wingdings")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .unwrap();
    assert_eq!(
        font.get(b"Subtype").and_then(Object::as_name).unwrap(),
        b"Type0"
    );
    let base = font.get(b"BaseFont").and_then(Object::as_name).unwrap();
    assert!(
        base.starts_with(b"OpenSans"),
        "{}",
        String::from_utf8_lossy(base)
    );
}
