//! Regression tests named after what a hostile-input review found.

use crate::support::*;

// Unix: /dev/null and a link (Windows makes links only with privileges).
#[cfg(unix)]
#[test]
fn output_never_replaces_devices_links_inputs_or_non_pdfs() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("notes.txt"), b"my notes").unwrap();
    std::fs::write(d.join("workbook.toml"), "[couple]\nnames = \"Ana & Ben\"\n").unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/images/photo.jpg"
        ),
        d.join("photo.jpg"),
    )
    .unwrap();
    std::os::unix::fs::symlink("notes.txt", d.join("link.pdf")).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["-o", "/dev/null"],
            "error: cannot write /dev/null: it is not a regular file",
        ),
        (
            &["-o", "link.pdf"],
            "error: cannot write link.pdf: it is a link",
        ),
        (
            &["-o", "notes.txt"],
            "error: cannot write notes.txt: it exists and is not a PDF",
        ),
        (
            &["-o", "workbook.toml"],
            "error: cannot write workbook.toml: it is one of this build's inputs",
        ),
        (
            &["--photo", "photo.jpg", "-o", "photo.jpg"],
            "error: cannot write photo.jpg: it is one of this build's inputs",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = run(d, &all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with(expected), "{args:?}: {}", run.stderr);
    }
    assert_eq!(std::fs::read(d.join("notes.txt")).unwrap(), b"my notes");
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like()
    );
}

#[cfg(unix)]
trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}

#[cfg(unix)]
impl CharDevice for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_char_device()
    }
}

#[test]
fn a_read_only_pdf_is_not_replaced() {
    let dir = tempdir();
    let pdf = dir.path().join("old.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 old").unwrap();
    // No write bits on Unix, the read-only attribute on Windows.
    let mut read_only = std::fs::metadata(&pdf).unwrap().permissions();
    read_only.set_readonly(true);
    std::fs::set_permissions(&pdf, read_only).unwrap();
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "old.pdf"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the file is read-only"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-1.7 old");
}

#[test]
fn far_future_start_dates_are_refused_not_a_panic() {
    let dir = tempdir();
    for date in [
        "9999-12-01",
        "0000-01-01",
        "+2026-01-01",
        "2201-01-01",
        "1899-12-31",
    ] {
        let run = run(
            dir.path(),
            &["build", "--names", "Ana & Ben", "--start-date", date],
        );
        assert_eq!(run.code, 2, "{date}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: --start-date"),
            "{date}: {}",
            run.stderr
        );
    }
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--start-date",
            "2200-12-31",
            "--days",
            "366",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn invisible_names_are_empty_and_marks_need_a_font() {
    let dir = tempdir();
    for names in ["\u{200B} & Ben", "\u{0301} & Ben", "Ana & \u{200D}"] {
        let run = run(dir.path(), &["build", "--names", names]);
        assert_eq!(run.code, 2, "{names:?}");
        assert!(
            run.stderr.contains("name is empty"),
            "{names:?}: {}",
            run.stderr
        );
    }
    // A combining mark the label font lacks: refused up front, not an internal error.
    let run = run(dir.path(), &["build", "--names", "q\u{0302} & Ben"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: no font can show"),
        "{}",
        run.stderr
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn leaving_only_the_safety_note_is_refused() {
    let dir = tempdir();
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "--only", "safety"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("leave nothing but the safety note"),
        "{}",
        run.stderr
    );
}

// Unix: Windows makes links only with privileges.
#[cfg(unix)]
#[test]
fn eject_never_writes_through_links() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::create_dir(d.join("proj")).unwrap();
    std::fs::write(d.join("victim.txt"), b"keep me").unwrap();
    std::os::unix::fs::symlink("../victim.txt", d.join("proj/README.md")).unwrap();
    let run = run(d, &["eject", "proj", "--force"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("it is a link"), "{}", run.stderr);
    assert_eq!(std::fs::read(d.join("victim.txt")).unwrap(), b"keep me");
    // Nothing was written before the refusal.
    assert_eq!(files_in(&d.join("proj")), [d.join("proj/README.md")]);
}

#[test]
fn batch_line_numbers_with_windows_line_endings() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("c.csv"),
        "names,days\r\nAna & Ben,5\r\nCy & Di,0\r\nEd & Flo,3\r\n",
    )
    .unwrap();
    let run = run(dir.path(), &["batch", "c.csv"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("c.csv:3: days 0:"), "{}", run.stderr);
}

#[test]
fn batch_refuses_unsafe_cells() {
    let dir = tempdir();
    let long_note = "x".repeat(1300);
    let csv = format!(
        "names,output,note\nAna & Ben,\"a:b*.pdf\",\nCy & Di,con.pdf,\nEd & Flo,,{long_note}\nGil & Hal,X.pdf,\nIda & Jo,x.pdf,\n"
    );
    std::fs::write(dir.path().join("c.csv"), csv).unwrap();
    let run = run(dir.path(), &["batch", "c.csv", "--jobs", "1"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("c.csv:2: output \"a:b*.pdf\" must be a plain file name"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("c.csv:3: output \"con.pdf\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("c.csv:4: note: it has 1300 characters"),
        "{}",
        run.stderr
    );
    // "X.pdf" and "x.pdf" would be one file on many disks.
    let pdfs: Vec<_> = files_in(dir.path())
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 2, "{pdfs:?}");
}

#[test]
fn a_workbook_toml_that_is_not_a_file_is_reported() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("workbook.toml")).unwrap();
    let run = run(dir.path(), &["build", "--names", "Ana & Ben"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the config is not a regular file"),
        "{}",
        run.stderr
    );
}

/// The right edge of the furthest text on a page, in points.
fn text_right_edge(frame: &typst::layout::Frame, x: f64) -> f64 {
    let mut max: f64 = 0.0;
    for (pos, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(g) => {
                max = max.max(text_right_edge(&g.frame, x + pos.x.to_pt()))
            }
            typst::layout::FrameItem::Text(t) => {
                max = max.max(x + pos.x.to_pt() + t.width().to_pt())
            }
            _ => {}
        }
    }
    max
}

#[test]
fn long_unbroken_names_stay_on_the_page() {
    let wide = "W".repeat(60);
    let doc = compile(&["--names", &format!("{wide} & {wide}"), "--paper", "a4"])
        .unwrap()
        .document;
    for (i, page) in doc.pages().iter().enumerate() {
        let right = text_right_edge(&page.frame, 0.0);
        // The text area ends 20 mm from the edge; allow a hair for rounding.
        assert!(
            right <= page.frame.width().to_pt() - 20.0 * 72.0 / 25.4 + 0.5,
            "page {}: text reaches {right:.1} pt",
            i + 1
        );
    }
}

#[test]
fn emoji_in_a_counselors_exercise_is_named_not_an_internal_error() {
    // No embedded font has emoji: the PDF/UA export used to fail with an
    // "internal error" blaming the templates.
    let dir = practice_with(&[(
        "smile",
        prompt_exercise("smile", "Smile", "Be kind 💛 today.", 2),
    )]);
    let r = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "out.pdf"],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr);
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn decomposed_accents_and_variation_selectors_are_not_missing_glyphs() {
    // "Zoe" + U+0308 is drawn as "Zoë", and U+FE0F after "©" is never
    // drawn: neither needs a glyph of its own.
    let dir = practice_with(&[(
        "mine",
        prompt_exercise(
            "mine",
            "Zoe\u{308} and Franc\u{327}ois",
            "Made with care \u{a9}\u{fe0f}.",
            2,
        ),
    )]);
    let r = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana\u{a9}\u{fe0f} & Ben",
            "-o",
            "out.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}
