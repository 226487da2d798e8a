//! Passwords and private data that must never land where they do not
//! belong (issues 26, 29 and 30): each partner's own file locked with their
//! own password, a password that never falls off a row, a hint that never
//! leads a counselor's notes into a client's book, and a split row that
//! never replaces another couple's workbook. Each test is named after
//! what a person did.

use std::path::Path;

use crate::support::*;

/// The least a split build needs: an exercise for each partner alone.
const SPLIT_SMALL: [&str; 4] = ["--only", "safety", "--only", "apology"];

/// Writes `lines` to files named by the first of each pair.
fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// True when `password` opens the PDF at `path` (lopdf decrypts it).
fn opens_with(path: &Path, password: &str) -> bool {
    let pdf = std::fs::read(path).unwrap();
    lopdf::Document::load_mem_with_options(&pdf, lopdf::LoadOptions::with_password(password))
        .is_ok()
}

/// True when the PDF at `path` is locked at all.
fn is_locked(path: &Path) -> bool {
    let pdf = std::fs::read(path).unwrap();
    lopdf::Document::load_mem(&pdf).is_ok_and(|d| d.trailer.get(b"Encrypt").is_ok())
}

/// A batch over `csv` (written to `c.csv`) into `out/`, one row at a time.
fn batch(dir: &Path, csv: &str, extra: &[&str]) -> Run {
    std::fs::write(dir.join("c.csv"), csv).unwrap();
    batch_of(dir, "c.csv", extra)
}

fn batch_of(dir: &Path, csv: &str, extra: &[&str]) -> Run {
    let mut args = vec!["batch", csv, "--out-dir", "out", "--jobs", "1"];
    args.extend_from_slice(&SPLIT_SMALL);
    args.extend_from_slice(extra);
    stable(run(dir, &args))
}

/// The file names in `dir/out`, sorted.
fn out_files(dir: &Path) -> Vec<String> {
    file_names(&dir.join("out"))
}

#[test]
fn a_split_with_three_passwords_locks_each_file_with_its_own() {
    let dir = tempdir();
    write_files(
        dir.path(),
        &[
            ("shared.txt", "our shared words\n"),
            ("ana.txt", "only Ana knows this\n"),
            ("ben.txt", "only Ben knows that\n"),
        ],
    );
    let mut args = vec!["build", "--names", "Ana & Ben", "--split", "partners"];
    args.extend_from_slice(&SPLIT_SMALL);
    args.extend([
        "--password-file",
        "shared.txt",
        "--partner1-password-file",
        "ana.txt",
        "--partner2-password-file",
        "ben.txt",
    ]);
    let run = run(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for secret in ["our shared", "only Ana", "only Ben"] {
        assert!(!run.stderr.contains(secret), "{}", run.stderr);
    }
    assert!(
        run.stderr
            .contains("wrote workbook-ana-ben-ana.pdf (locked with Ana's own password)"),
        "{}",
        run.stderr
    );
    let file = |name: &str| dir.path().join(name);
    let passwords = [
        "our shared words",
        "only Ana knows this",
        "only Ben knows that",
    ];
    let files = [
        "workbook-ana-ben.pdf",
        "workbook-ana-ben-ana.pdf",
        "workbook-ana-ben-ben.pdf",
    ];
    for (i, name) in files.iter().enumerate() {
        assert!(is_locked(&file(name)), "{name} is locked");
        for (j, password) in passwords.iter().enumerate() {
            assert_eq!(
                opens_with(&file(name), password),
                i == j,
                "{name} with password {j}"
            );
        }
    }
}

#[test]
fn a_split_given_only_the_shared_password_stops_and_says_why() {
    let dir = tempdir();
    write_files(dir.path(), &[("pw.txt", "one for all\n")]);
    let mut out = String::new();
    let cases: [&[&str]; 3] = [
        &["--split", "partners", "--password-file", "pw.txt"],
        &["--split", "partners", "--partner1-password-file", "pw.txt"],
        &["--partner1-password-file", "pw.txt"],
    ];
    for case in cases {
        let mut args = vec!["build", "--names", "Ana & Ben"];
        args.extend_from_slice(&SPLIT_SMALL);
        args.extend_from_slice(case);
        let run = run(dir.path(), &args);
        assert_eq!(run.code, 2, "{case:?}: {}", run.stderr);
        assert!(!run.stderr.contains("one for all"));
        out.push_str(&format!(
            "$ workbook build {}\n{}\n",
            case.join(" "),
            run.stderr
        ));
    }
    // The shared one from the environment counts too.
    Test::at(dir.path())
        .env(var::PASSWORD, "from the environment")
        .args(BUILD)
        .args(["--split", "partners"])
        .args(SPLIT_SMALL)
        .status(2)
        .leaves_only(["pw.txt"])
        .run();
    insta::assert_snapshot!(out);
}

#[test]
fn partners_given_the_same_password_are_refused() {
    let dir = tempdir();
    write_files(
        dir.path(),
        &[("a.txt", "same words\n"), ("b.txt", "same words\n")],
    );
    let mut args = vec!["build", "--names", "Ana & Ben", "--split", "partners"];
    args.extend_from_slice(&SPLIT_SMALL);
    for shared in [None, Some("a.txt")] {
        let mut args = args.clone();
        let second = if shared.is_some() { "c.txt" } else { "b.txt" };
        std::fs::write(dir.path().join("c.txt"), "other words\n").unwrap();
        args.extend([
            "--partner1-password-file",
            "a.txt",
            "--partner2-password-file",
            second,
        ]);
        if let Some(s) = shared {
            args.extend(["--password-file", s]);
        }
        let run = run(dir.path(), &args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        let want = if shared.is_some() {
            "error: a partner's password is the same as the shared book's, which the other partner knows"
        } else {
            "error: the two partners' passwords are the same, so each could open the other's own pages"
        };
        assert!(run.stderr.starts_with(want), "{}", run.stderr);
    }
    assert!(
        files_in(dir.path())
            .iter()
            .all(|f| f.extension().is_none_or(|e| e != "pdf"))
    );
}

#[test]
fn a_batch_locks_each_partners_file_from_its_own_column() {
    let dir = tempdir();
    let run = batch(
        dir.path(),
        "names,split,password,partner1-password,Partner 2 Password\n\
         Ana & Ben,partners,shared words,Ana's words,Ben's words\n\
         Cy & Di,,,-,\n\
         Ed & Flo,,-,,\n",
        &[],
    );
    // Cy & Di's shared password cell is empty: refused, not built unlocked.
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "c.csv:3: password: this row's password cell is empty, and the file has a password column"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 files locked with a password"),
        "{}",
        run.stderr
    );
    assert_eq!(
        out_files(dir.path()),
        [
            "failed-c.csv",
            "workbook-ana-ben-ana.pdf",
            "workbook-ana-ben-ben.pdf",
            "workbook-ana-ben.pdf",
            "workbook-ed-flo.pdf"
        ]
    );
    let out = |f: &str| dir.path().join("out").join(f);
    assert!(opens_with(&out("workbook-ana-ben-ana.pdf"), "Ana's words"));
    assert!(!opens_with(
        &out("workbook-ana-ben-ana.pdf"),
        "shared words"
    ));
    assert!(opens_with(&out("workbook-ana-ben-ben.pdf"), "Ben's words"));
    assert!(opens_with(&out("workbook-ana-ben.pdf"), "shared words"));
    // `-` builds without a password, on purpose.
    assert!(!is_locked(&out("workbook-ed-flo.pdf")));
}

#[test]
fn rerunning_failed_csv_keeps_passwords_or_refuses() {
    let dir = tempdir();
    let first = batch(
        dir.path(),
        "names,start-date,password\nAna & Ben,2026-13-01,Hunter2-Secret!\nCy & Di,,s3cret words\n",
        &[],
    );
    assert_eq!(first.code, 1, "{}", first.stderr);
    let failed = std::fs::read_to_string(dir.path().join("out/failed-c.csv")).unwrap();
    assert!(!failed.contains("Hunter2"), "{failed}");
    assert_eq!(
        failed,
        "\u{feff}names,start-date,password\r\nAna & Ben,2026-13-01,(type again)\r\n"
    );
    // Fixed as told, but the password is not typed again: the row stops,
    // and nothing is built unlocked.
    let fixed = failed.replace("2026-13-01", "2026-12-01");
    std::fs::write(dir.path().join("fixed.csv"), &fixed).unwrap();
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    let again = batch_of(dir.path(), "fixed.csv", &[]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(!dir.path().join("out/workbook-ana-ben.pdf").exists());
    let message = again
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:") || l.starts_with("hint:") || l.starts_with("  "))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(message, @r"
    error: fixed.csv:2: password: this row's password was taken out when the row was written to a file of failed rows
    hint: type it again, or write - to build it without one
    error: 1 row failed:
      fixed.csv:2: password: this row's password was taken out when the row was written to a file of failed rows
    hint: the rows to fix are in out/failed-fixed.csv: fix them there and run `workbook batch out/failed-fixed.csv` with the same options
    ");
    // Typed again, it builds locked; `-` builds it unlocked, on purpose.
    for (cell, locked) in [("a new password", true), ("-", false)] {
        std::fs::write(
            dir.path().join("fixed.csv"),
            fixed.replace("(type again)", cell),
        )
        .unwrap();
        // A locked PDF is kept unless --force (its answers cannot be
        // counted): this one holds none, so it may go.
        let run = batch_of(dir.path(), "fixed.csv", &["--force"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(
            is_locked(&dir.path().join("out/workbook-ana-ben.pdf")),
            locked
        );
        assert_eq!(run.stderr.contains("1 file locked with a password"), locked);
    }
}

#[test]
fn a_row_with_extra_cells_or_a_broken_quote_never_copies_its_password_to_failed_csv() {
    let dir = tempdir();
    let run = batch(
        dir.path(),
        "names,note,password,split\n\
         Ana & Ben,Loves hiking, the sea,Hunter2-Secret!,\n\
         Cy & Di,\"Loves books,Swordfish-99,\n",
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let failed = std::fs::read_to_string(dir.path().join("out/failed-c.csv")).unwrap();
    for secret in ["Hunter2", "Swordfish"] {
        assert!(!failed.contains(secret), "{failed}");
        assert!(!run.stderr.contains(secret), "{}", run.stderr);
    }
    // What can still be told apart stays, to fix and run again.
    assert!(
        failed.contains("\nAna & Ben,Loves hiking,,,\r\n"),
        "{failed}"
    );
    assert!(failed.contains("\nCy & Di,\r\n"), "{failed}");
}

#[test]
fn a_split_row_never_replaces_another_couples_workbook() {
    // Line 2's couple's file is the name line 3's split gives Ana's pages.
    let dir = tempdir();
    let run = batch(
        dir.path(),
        "names,split\nAna & Ben Ana,\nAna & Ben,partners\n",
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "c.csv:3: this row's partner file out/workbook-ana-ben-ana.pdf would replace the workbook of line 2"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        out_files(dir.path()),
        ["failed-c.csv", "workbook-ana-ben-ana.pdf"]
    );
    let kept = std::fs::read(dir.path().join("out/workbook-ana-ben-ana.pdf")).unwrap();
    assert!(
        pdf_title(&kept).contains("Ana & Ben Ana"),
        "{}",
        pdf_title(&kept)
    );

    // An output cell that names a split row's partner file.
    let dir = tempdir();
    let run = batch(
        dir.path(),
        "names,output,split\nCy & Di,workbook-ana-ben-ben,\nAna & Ben,,partners\n",
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("would replace the workbook of line 2"));
    let kept = std::fs::read(dir.path().join("out/workbook-ana-ben-ben.pdf")).unwrap();
    assert!(pdf_title(&kept).contains("Cy & Di"));

    // The other way round, the later row takes a name of its own.
    let dir = tempdir();
    let run = batch(
        dir.path(),
        "names,split\nAna & Ben,partners\nAna & Ben Ana,\n",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        out_files(dir.path()),
        [
            "workbook-ana-ben-ana-2.pdf",
            "workbook-ana-ben-ana.pdf",
            "workbook-ana-ben-ben.pdf",
            "workbook-ana-ben.pdf"
        ]
    );
    let own = std::fs::read(dir.path().join("out/workbook-ana-ben-ana.pdf")).unwrap();
    assert!(
        !pdf_title(&own).contains("Ana & Ben Ana"),
        "{}",
        pdf_title(&own)
    );
}

#[test]
fn renaming_notes_as_hinted_does_not_print_private_notes_silently() {
    let dir = tempdir();
    let run = batch(
        dir.path(),
        "names,Notes\nAna & Ben,affair disclosed in October\n",
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @r#"
    error: c.csv:1: unknown column "Notes"
    hint: did you mean `note`? `note` is printed on the couple's welcome page; to keep your own notes in this file, name the column e.g. `private notes`, which is ignored; the columns are names, output, start-date, days, paper, sides, photo, note, skip, password, partner1-password, partner2-password, split, region, lang, format
    "#);
    // Renamed as the hint says, the notes stay out of the book.
    let run = batch(
        dir.path(),
        "names,private notes\nAna & Ben,affair disclosed in October\n",
        &["--only", "how-to-use"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::process::Command::new("pdftotext")
        .args(["out/workbook-ana-ben.pdf", "-"])
        .current_dir(dir.path())
        .output();
    let pdf = std::fs::read(dir.path().join("out/workbook-ana-ben.pdf")).unwrap();
    assert!(!String::from_utf8_lossy(&pdf).contains("affair disclosed"));
    if let Ok(text) = text {
        assert!(!String::from_utf8_lossy(&text.stdout).contains("disclosed in"));
    }
}

#[test]
fn every_header_problem_is_named_in_one_run() {
    let dir = tempdir();
    let run = batch(
        dir.path(),
        "names,stat-date,Notes,pwd,names\nAna & Ben,,,x,\n",
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(out_files(dir.path()).is_empty());
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_password_column_not_spelled_password_stops_the_batch() {
    let dir = tempdir();
    for header in ["pwd", "Passcode", "pass phrase", "PW", "Kennwort", "PIN"] {
        let run = batch(
            dir.path(),
            &format!("names,{header}\nAna & Ben,Hunter2-Secret!\n"),
            &[],
        );
        assert_eq!(run.code, 2, "{header}: {}", run.stderr);
        assert!(
            run.stderr.contains("looks like it holds passwords")
                && run.stderr.contains("name it `password`"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("Hunter2"));
        assert!(out_files(dir.path()).is_empty(), "{header}");
    }
    // A column that only sounds alike is someone else's, left alone.
    let run = batch(dir.path(), "names,zip code\nAna & Ben,D02\n", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_locked_build_says_so() {
    let dir = tempdir();
    write_files(dir.path(), &[("pw.txt", "a long passphrase\n")]);
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--only",
            "how-to-use",
            "--password-file",
            "pw.txt",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wrote workbook-ana-ben.pdf (locked with a password)\n"
    );
}
