//! Regression tests named after what a hostile-input review found.

use crate::support::*;

// Unix: /dev/null and a link (Windows makes links only with privileges).
#[cfg(unix)]
#[test]
fn output_never_replaces_devices_links_inputs_or_non_pdfs() {
    let place = Test::new()
        .write("notes.txt", b"my notes")
        .config("[couple]\nnames = \"Ana & Ben\"\n")
        .write(
            "photo.jpg",
            std::fs::read(root().join("tests/fixtures/images/photo.jpg")).unwrap(),
        )
        .symlink("notes.txt", "link.pdf");
    let d = place.dir();
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
        let run = Test::at(d)
            .arg("build")
            .args(args.iter().copied())
            .status(2)
            .run();
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
    let test = Test::build().write("old.pdf", b"%PDF-1.7 old");
    let pdf = test.dir().join("old.pdf");
    // No write bits on Unix, the read-only attribute on Windows.
    let mut read_only = std::fs::metadata(&pdf).unwrap().permissions();
    read_only.set_readonly(true);
    std::fs::set_permissions(&pdf, read_only).unwrap();
    let out = test
        .args(["-o", "old.pdf"])
        .status(2)
        .stderr_has("the file is read-only")
        .run();
    assert_eq!(out.read("old.pdf"), b"%PDF-1.7 old");
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
        let run = Test::at(dir.path())
            .args(BUILD)
            .args(["--start-date", date])
            .status(2)
            .run();
        assert!(
            run.stderr.starts_with("error: --start-date"),
            "{date}: {}",
            run.stderr
        );
    }
    Test::at(dir.path())
        .args(BUILD)
        .args(["--start-date", "2200-12-31", "--days", "366", "-o", "a.pdf"])
        .run();
}

#[test]
fn invisible_names_are_empty_and_marks_need_a_font() {
    let dir = tempdir();
    for names in ["\u{200B} & Ben", "\u{0301} & Ben", "Ana & \u{200D}"] {
        Test::at(dir.path())
            .args(["build", "--names", names])
            .status(2)
            .stderr_has("name is empty")
            .run();
    }
    // A combining mark the label font lacks: refused up front, not an internal error.
    let run = Test::at(dir.path())
        .args(["build", "--names", "q\u{0302} & Ben"])
        .status(2)
        .run();
    assert!(
        run.stderr.starts_with("error: no font can show"),
        "{}",
        run.stderr
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn leaving_only_the_safety_note_is_refused() {
    Test::build()
        .args(["--only", "safety"])
        .status(2)
        .stderr_has("leave nothing but the safety note")
        .run();
}

// Unix: Windows makes links only with privileges.
#[cfg(unix)]
#[test]
fn eject_never_writes_through_links() {
    let run = Test::new()
        .create_dir("proj")
        .write("victim.txt", b"keep me")
        .symlink("../victim.txt", "proj/README.md")
        .args(["eject", "proj", "--force"])
        .status(2)
        .stderr_has("it is a link")
        .run();
    assert_eq!(run.read("victim.txt"), b"keep me");
    // Nothing was written before the refusal.
    assert_eq!(file_names(&run.path("proj")), ["README.md"]);
}

#[test]
fn batch_line_numbers_with_windows_line_endings() {
    Test::new()
        .csv(
            "c.csv",
            "names,days\r\nAna & Ben,5\r\nCy & Di,0\r\nEd & Flo,3\r\n",
        )
        .args(["batch", "c.csv"])
        .status(1)
        .stderr_has("c.csv:3: days 0:")
        .run();
}

#[test]
fn batch_refuses_unsafe_cells() {
    let long_note = "x".repeat(1300);
    let csv = format!(
        "names,output,note\nAna & Ben,\"a:b*.pdf\",\nCy & Di,con.pdf,\nEd & Flo,,{long_note}\nGil & Hal,X.pdf,\nIda & Jo,x.pdf,\n"
    );
    let run = Test::new()
        .csv("c.csv", csv)
        .args(["batch", "c.csv", "--jobs", "1"])
        .status(1)
        .stderr_has("c.csv:2: output \"a:b*.pdf\" must be a plain file name")
        .stderr_has("c.csv:3: output \"con.pdf\"")
        .stderr_has("c.csv:4: note: it has 1300 characters")
        .run();
    // "X.pdf" and "x.pdf" would be one file on many disks.
    let pdfs: Vec<_> = files_in(run.dir())
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 2, "{pdfs:?}");
}

#[test]
fn a_workbook_toml_that_is_not_a_file_is_reported() {
    Test::build()
        .create_dir("workbook.toml")
        .status(2)
        .stderr_has("the config is not a regular file")
        .run();
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
    let r = Test::in_dir(dir)
        .args(BUILD)
        .args(["-o", "out.pdf"])
        .status(2)
        .no_file("out.pdf")
        .run();
    insta::assert_snapshot!(r.stderr);
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
    Test::in_dir(dir)
        .args([
            "build",
            "--names",
            "Ana\u{a9}\u{fe0f} & Ben",
            "-o",
            "out.pdf",
        ])
        .run();
}

// Issue 30, 9: a rebuild never replaces answers a couple sent back.

/// `pdf` with its first text field of workbook's filled in, as a viewer
/// would save it.
fn filled_in(pdf: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let id = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_dict().is_ok_and(|d| {
                d.has(b"WBRecord")
                    && d.get(b"FT")
                        .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Tx"))
            })
        })
        .map(|(id, _)| *id)
        .expect("a text field of workbook's");
    doc.get_dictionary_mut(id)
        .unwrap()
        .set("V", lopdf::text_string("I am sorry I read your messages"));
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_rebuild_refuses_to_replace_a_filled_in_or_foreign_pdf_without_force() {
    let dir = tempdir();
    let d = dir.path();
    let fillable = || {
        Test::at(d)
            .args(BUILD)
            .args(["--fillable", "--only", "apology"])
    };
    fillable().args(["-o", "returned.pdf"]).run();
    // A blank workbook of ours is replaced as always.
    fillable().args(["-o", "returned.pdf"]).run();
    let returned = filled_in(&std::fs::read(d.join("returned.pdf")).unwrap());
    std::fs::write(d.join("returned.pdf"), &returned).unwrap();
    // Someone else's PDF.
    let mut other = lopdf::Document::with_version("1.7");
    let pages =
        other.add_object(lopdf::dictionary! { "Type" => "Pages", "Kids" => vec![], "Count" => 0 });
    let catalog = other.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages });
    other.trailer.set("Root", catalog);
    other.save(d.join("invoice.pdf")).unwrap();
    let invoice = std::fs::read(d.join("invoice.pdf")).unwrap();

    let mut messages = String::new();
    for target in ["returned.pdf", "invoice.pdf"] {
        let r = fillable().args(["-o", target]).status(2).run();
        messages.push_str(&r.stderr);
    }
    // A batch into a folder of returned files: that row fails, named.
    Test::at(d)
        .write("out/workbook-ana-ben.pdf", &returned)
        .csv("c.csv", "names\nAna & Ben\nCy & Di\n")
        .args(["batch", "c.csv", "--out-dir", "out"])
        .args(["--fillable", "--only", "apology"])
        .status(1)
        .stderr_has("it is a filled-in workbook holding 1 answer, which would be lost")
        .file("out/workbook-cy-di.pdf")
        .run();
    insta::assert_snapshot!(messages, @"
    error: cannot write returned.pdf: it is a filled-in workbook holding 1 answer, which would be lost
    hint: choose another file name with -o (or --out-dir), or pass --force to replace it
    error: cannot write invoice.pdf: it is a PDF that workbook did not write
    hint: choose another file name with -o (or --out-dir), or pass --force to replace it
    ");
    assert_eq!(std::fs::read(d.join("returned.pdf")).unwrap(), returned);
    assert_eq!(
        std::fs::read(d.join("out/workbook-ana-ben.pdf")).unwrap(),
        returned
    );
    assert_eq!(std::fs::read(d.join("invoice.pdf")).unwrap(), invoice);
    // --force replaces it.
    fillable().args(["-o", "returned.pdf", "--force"]).run();
    assert_ne!(std::fs::read(d.join("returned.pdf")).unwrap(), returned);
}

// Issue 30, 10: runs into one out-dir.

#[test]
fn failed_rows_go_to_a_file_named_after_their_list_so_lists_keep_theirs() {
    let into_out = ["--out-dir", "out", "--only", "apology"];
    let first = Test::new()
        .csv("clients.csv", "names,days\nAna & Ben,0\n")
        .csv("others.csv", "names\nCy & Di\n")
        .args(["batch", "clients.csv"])
        .args(into_out)
        .status(1)
        .stderr_has("out/failed-clients.csv")
        .run();
    let second = first
        .then()
        .args(["batch", "others.csv"])
        .args(into_out)
        .run();
    assert_eq!(
        file_names(&second.path("out")),
        ["failed-clients.csv", "workbook-cy-di.pdf"]
    );
}

#[cfg(unix)]
#[test]
fn a_second_batch_into_a_locked_out_dir_stops_with_a_clear_error() {
    use std::os::fd::AsRawFd;
    let test = Test::new()
        .create_dir("out")
        .csv("c.csv", "names\nAna & Ben\n")
        .args(["batch", "c.csv", "--out-dir", "out"])
        .status(2);
    // Another run holds the folder.
    let held = std::fs::File::open(test.dir().join("out")).unwrap();
    // SAFETY: flock on a descriptor we own.
    assert_eq!(unsafe { libc::flock(held.as_raw_fd(), libc::LOCK_EX) }, 0);
    let r = test.run();
    insta::assert_snapshot!(r.stderr, @"
    error: --out-dir out: another `workbook batch` is writing there now
    hint: wait for it to finish, or choose another --out-dir
    ");
    assert!(files_in(&r.path("out")).is_empty());
    drop(held);
    r.then()
        .args(["batch", "c.csv", "--out-dir", "out", "--only", "apology"])
        .run();
}
