//! `--split partners`: the shared book and each partner's own pages, as
//! three files written all or none.

use crate::support::*;

const FILES: [&str; 3] = [
    "workbook-ana-ben.pdf",
    "workbook-ana-ben-ana.pdf",
    "workbook-ana-ben-ben.pdf",
];

#[test]
fn each_exercise_copy_is_in_exactly_one_of_the_three_files() {
    let out = Test::build()
        .args(["--split", "partners", "--fillable"])
        .leaves_only(FILES)
        .run();
    let [shared, ana, ben] = FILES.map(|f| out.pdf_text(f));
    let fields = FILES.map(|f| field_names(&out.read(f)));
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
    Test::new()
        .args(["build", "--names", "Sam & Sam", "--split", "partners"])
        .args(["-o", "book.pdf"])
        .file("book.pdf")
        .file("book-sam-1.pdf")
        .file("book-sam-2.pdf")
        .run();
}

#[test]
fn nothing_is_written_when_one_target_cannot_be() {
    Test::build()
        .create_dir("workbook-ana-ben-ben.pdf")
        .args(["--split", "partners"])
        .status(2)
        .stderr_has("workbook-ana-ben-ben.pdf")
        .leaves_only(["workbook-ana-ben-ben.pdf"])
        .run();

    // A rename that fails half-way puts back the file it replaced.
    // An earlier blank workbook of ours, which a build may replace (one
    // holding answers is kept: regressions.rs).
    let old = Test::build()
        .args(["--only", "apology", "-o", FILES[0]])
        .run();
    let before = old.read(FILES[0]);
    let out = old
        .then()
        .args(BUILD)
        .args(["--split", "partners"])
        .env(var::FAIL_EJECT_MOVE, "1")
        .status(1)
        .leaves_only([FILES[0]])
        .run();
    assert_eq!(out.read(FILES[0]), before);
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
        let run = Test::at(dir.path())
            .args(args.iter().copied())
            .status(2)
            .stdout("")
            .run();
        out.push_str(&format!("$ workbook {}\n{}\n", args.join(" "), run.stderr));
    }
    assert!(files_in(dir.path()).is_empty());
    insta::assert_snapshot!(out);
}

#[test]
fn batch_splits_rows_by_column_or_flag() {
    let first = Test::new()
        .csv("c.csv", "names,split\nAna & Ben,partners\nCy & Di,\n")
        .args(["batch", "c.csv", "--out-dir", "out"])
        .run();
    let dir = first.dir();
    let names = |d: &str| -> Vec<String> {
        files_in(&dir.join(d))
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
    Test::at(dir)
        .args(["batch", "c.csv", "--out-dir", "all", "--split", "partners"])
        .run();
    assert_eq!(names("all").len(), 6);
    Test::at(dir)
        .args(["batch", "c.csv", "--out-dir", "b", "--split", "partners"])
        .arg("--booklet")
        .status(2)
        .no_file("b")
        .run();
}

#[test]
fn duplex_partner_files_start_each_copy_on_a_front_page() {
    let out = Test::build()
        .args([
            "--split", "partners", "--sides", "duplex", "--paper", "letter",
        ])
        .run();
    for f in FILES {
        let pages = out.page_sizes(f).len();
        assert_eq!(pages % 2, 0, "{f} ends on a whole sheet");
    }
    let doc = lopdf::Document::load(out.path(FILES[1])).unwrap();
    let mut starts = 0;
    for (n, _) in doc.get_pages() {
        if fold(&doc.extract_text(&[n]).unwrap()).contains("For Ana, on your own") {
            starts += 1;
            assert_eq!(n % 2, 1, "an own copy starts on page {n}, a back page");
        }
    }
    assert!(starts >= 10, "{starts} copies found");
}
