//! `--split partners`: the shared book and each partner's own pages, as
//! three files written all or none.

use std::path::Path;

use crate::support::*;

fn text_of(path: &Path) -> String {
    let doc = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    fold(&doc.extract_text(&pages).unwrap())
}

const FILES: [&str; 3] = [
    "workbook-ana-ben.pdf",
    "workbook-ana-ben-ana.pdf",
    "workbook-ana-ben-ben.pdf",
];

#[test]
fn each_exercise_copy_is_in_exactly_one_of_the_three_files() {
    let dir = tempdir();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--split",
            "partners",
            "--fillable",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = files_in(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut expected = FILES.map(String::from).to_vec();
    expected.sort();
    assert_eq!(names, expected);
    let [shared, ana, ben] = FILES.map(|f| text_of(&dir.path().join(f)));
    let fields = FILES.map(|f| field_names(&std::fs::read(dir.path().join(f)).unwrap()));
    let (_, content) = engine();
    for (id, exercise) in &content.exercises {
        // Which file holds each copy, by its heading and by its fields.
        let copies: Vec<(String, Option<&str>, usize)> = match exercise.who {
            workbook::guide::Who::Each => {
                let heading = exercise.heading.as_ref().unwrap().get_ref();
                vec![
                    (curly(&heading.replace("{name}", "Ana")), Some("ana"), 1),
                    (curly(&heading.replace("{name}", "Ben")), Some("ben"), 2),
                ]
            }
            workbook::guide::Who::Together => vec![(curly(&exercise.title), None, 0)],
        };
        for (heading, key, home) in copies {
            let texts = [&shared, &ana, &ben];
            // The trust and safety check's boxes are named for the check,
            // wherever they are: progress.<partner>.
            let check = exercise
                .blocks
                .iter()
                .all(|b| b.get_ref().kind == workbook::guide::BlockKind::Progress);
            let prefix = match key {
                Some(k) if check => format!("progress.{k}."),
                Some(k) => format!("{id}.{k}."),
                None => format!("{id}."),
            };
            for (i, names) in fields.iter().enumerate() {
                let here = names.iter().filter(|n| n.starts_with(&prefix)).count();
                if i == home {
                    assert!(here > 0, "{prefix}* missing from {}", FILES[i]);
                } else {
                    assert_eq!(here, 0, "{prefix}* is also in {}", FILES[i]);
                }
            }
            if key.is_some() {
                for (i, text) in texts.iter().enumerate() {
                    assert_eq!(
                        text.contains(&heading),
                        i == home,
                        "{heading} in {}",
                        FILES[i]
                    );
                }
            }
        }
    }
    // Shared exercises only in the shared book.
    let together = content
        .exercises
        .values()
        .filter(|e| e.who == workbook::guide::Who::Together)
        .count();
    assert_eq!(shared.matches("For Ana & Ben, together").count(), together);
    assert!(!ana.contains("For Ana & Ben, together") && !ben.contains("together ·"));
    // Where the own copies went, in the shared book.
    assert!(
        shared.contains("Ana’s copy is in Ana’s own booklet"),
        "{shared:.3000}"
    );
    assert!(shared.contains("one for Ana and one for Ben. Print each on its own"));
    // The cover and the safety page in every file.
    for text in [&shared, &ana, &ben] {
        assert!(text.contains("Before you begin: your safety"));
        assert!(text.contains("Signs that you are not safe with your partner"));
    }
    assert!(ana.contains("Ana’s own pages") && !ana.contains("Ben’s own pages"));
    assert!(!ana.contains("How to print this workbook"));
}

#[test]
fn dash_o_gives_the_stem_of_the_three_files() {
    let dir = tempdir();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Sam & Sam",
            "--split",
            "partners",
            "-o",
            "book.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for f in ["book.pdf", "book-sam-1.pdf", "book-sam-2.pdf"] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
}

#[test]
fn nothing_is_written_when_one_target_cannot_be() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("workbook-ana-ben-ben.pdf")).unwrap();
    let run1 = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "--split", "partners"],
    );
    assert_eq!(run1.code, 2, "{}", run1.stderr);
    assert!(
        run1.stderr.contains("workbook-ana-ben-ben.pdf"),
        "{}",
        run1.stderr
    );
    assert_eq!(
        files_in(dir.path()),
        [dir.path().join("workbook-ana-ben-ben.pdf")]
    );

    // A rename that fails half-way puts back the file it replaced.
    let dir = tempdir();
    // An earlier blank workbook of ours, which a build may replace (one
    // holding answers is kept: regressions.rs).
    let old = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--only",
            "apology",
            "-o",
            FILES[0],
        ],
    );
    assert_eq!(old.code, 0, "{}", old.stderr);
    let old = std::fs::read(dir.path().join(FILES[0])).unwrap();
    let out = workbook(dir.path())
        .args(["build", "--names", "Ana & Ben", "--split", "partners"])
        .env("WORKBOOK_TEST_FAIL_EJECT_MOVE", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(files_in(dir.path()), [dir.path().join(FILES[0])]);
    assert_eq!(std::fs::read(dir.path().join(FILES[0])).unwrap(), old);
}

#[test]
fn a_split_cannot_go_to_standard_output_or_into_a_booklet() {
    let dir = tempdir();
    let mut out = String::new();
    for args in [
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--split",
            "partners",
            "-o",
            "-",
        ][..],
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--split",
            "partners",
            "--booklet",
        ],
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--split",
            "partners",
            "--only",
            "boundary-list",
        ],
    ] {
        let run = workbook(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .output()
            .unwrap();
        let run = Run::from(run);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        out.push_str(&format!("$ workbook {}\n{}\n", args.join(" "), run.stderr));
    }
    assert!(files_in(dir.path()).is_empty());
    insta::assert_snapshot!(out);
}

#[test]
fn batch_splits_rows_by_column_or_flag() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("c.csv"),
        "names,split\nAna & Ben,partners\nCy & Di,\n",
    )
    .unwrap();
    let run1 = run(dir.path(), &["batch", "c.csv", "--out-dir", "out"]);
    assert_eq!(run1.code, 0, "{}", run1.stderr);
    let names = |d: &str| -> Vec<String> {
        files_in(&dir.path().join(d))
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        names("out"),
        [
            "workbook-ana-ben-ana.pdf",
            "workbook-ana-ben-ben.pdf",
            "workbook-ana-ben.pdf",
            "workbook-cy-di.pdf"
        ]
    );
    let run2 = run(
        dir.path(),
        &["batch", "c.csv", "--out-dir", "all", "--split", "partners"],
    );
    assert_eq!(run2.code, 0, "{}", run2.stderr);
    assert_eq!(names("all").len(), 6);
    let run3 = run(
        dir.path(),
        &[
            "batch",
            "c.csv",
            "--out-dir",
            "b",
            "--split",
            "partners",
            "--booklet",
        ],
    );
    assert_eq!(run3.code, 2, "{}", run3.stderr);
    assert!(!dir.path().join("b").exists());
}

#[test]
fn duplex_partner_files_start_each_copy_on_a_front_page() {
    let dir = tempdir();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--split",
            "partners",
            "--sides",
            "duplex",
            "--paper",
            "letter",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for f in FILES {
        let doc = lopdf::Document::load(dir.path().join(f)).unwrap();
        assert_eq!(doc.get_pages().len() % 2, 0, "{f} ends on a whole sheet");
    }
    let doc = lopdf::Document::load(dir.path().join(FILES[1])).unwrap();
    let mut starts = 0;
    for (n, _) in doc.get_pages() {
        if fold(&doc.extract_text(&[n]).unwrap()).contains("For Ana, on your own") {
            starts += 1;
            assert_eq!(n % 2, 1, "an own copy starts on page {n}, a back page");
        }
    }
    assert!(starts >= 10, "{starts} copies found");
}
