//! A new user on a fresh account, following the README: folders that do
//! not exist yet, typing mistakes in workbook.toml and on the command line,
//! and pipes that close early (issue 29, item 5).

use std::process::Stdio;

use crate::support::{run, tempdir, workbook};

#[test]
fn previewing_into_a_folder_that_does_not_exist_yet_makes_it() {
    let dir = tempdir();
    let out = run(
        dir.path(),
        &[
            "preview",
            "--names",
            "Ana & Ben",
            "--pages",
            "1",
            "--dpi",
            "30",
            "-o",
            "proofs/ana",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pngs: Vec<_> = std::fs::read_dir(dir.path().join("proofs/ana"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(pngs, ["workbook-ana-ben-01-page-01.png"]);
}

#[test]
fn previewing_without_o_and_a_start_date_last_january_keeps_the_images_together_and_warns() {
    let dir = tempdir();
    let out = run(
        dir.path(),
        &[
            "preview",
            "--names",
            "Ana & Ben",
            "--pages",
            "1",
            "--dpi",
            "30",
            "--start-date",
            "2026-01-05",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // One new folder named after the book, nothing loose beside it.
    let here: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(here, ["workbook-ana-ben-preview"]);
    assert!(
        dir.path()
            .join("workbook-ana-ben-preview/workbook-ana-ben-01-page-01.png")
            .is_file()
    );
    // The build time is 2026-11-25: January is long past.
    assert!(
        out.stderr.contains(
            "warning: the start date 2026-01-05 is more than a month ago, so the daily logs begin on a day already past"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn writing_man_pages_into_a_folder_that_does_not_exist_yet_makes_it() {
    let dir = tempdir();
    let out = run(dir.path(), &["manpage", "share/man/man1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(dir.path().join("share/man/man1/workbook-build.1").is_file());
}

#[test]
fn a_mistyped_config_file_name_says_no_such_file() {
    let dir = tempdir();
    let out = run(dir.path(), &["list", "-c", "workbok.toml"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r"
    error: no such file: workbok.toml
    hint: check the name, or run `workbook init` to write a starter workbook.toml
    ");
}

/// `workbook list -c FILE` reads the whole file and builds nothing.
fn list_with_config(text: &str) -> crate::support::Run {
    let dir = tempdir();
    std::fs::write(dir.path().join("workbook.toml"), text).unwrap();
    let mut cmd = workbook(dir.path());
    cmd.args(["list", "-c", "workbook.toml"])
        .stdout(Stdio::null())
        .output()
        .unwrap()
        .into()
}

#[test]
fn writing_the_paper_in_capitals_in_workbook_toml_is_accepted() {
    for paper in ["A4", "Letter", "UNIVERSAL"] {
        let out = list_with_config(&format!("[print]\npaper = \"{paper}\"\n"));
        assert_eq!(out.code, 0, "{paper}: {}", out.stderr);
    }
    let out = list_with_config("[print]\npaper = \"A3\"\n");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("hint: the allowed values are a4, letter, universal"),
        "{}",
        out.stderr
    );
}

#[test]
fn leaving_the_quotes_off_a_name_in_workbook_toml_says_to_add_them() {
    let out = list_with_config("[counselor]\nname = Maria Kowalska\n");
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r#"
    error: workbook.toml:2:8: `name`: invalid string expected `"`, `'`
    hint: put text in quotes, e.g. name = "Maria Kowalska"
    "#);
}

#[test]
fn skipping_one_exercise_without_brackets_says_it_is_a_list() {
    let out = list_with_config("[content]\nskip = \"connection-menu\"\n");
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r#"
    error: workbook.toml:2:8: `skip`: invalid type: string "connection-menu", expected a sequence
    hint: `skip` takes a list, in square brackets: skip = ["connection-menu"], or ["a", "b"] for two
    "#);
}

#[test]
fn writing_and_between_the_names_suggests_the_ampersand() {
    let dir = tempdir();
    let out = run(dir.path(), &["build", "--names", "Ana and Ben"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.stderr, @r#"
    error: --names: expected two names separated by '&', as in "Ana & Ben"
    hint: write "Ana & Ben"
    "#);
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn init_says_what_to_do_next() {
    let dir = tempdir();
    let out = run(dir.path(), &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stderr, @r#"
    wrote ./workbook.toml
    next: edit ./workbook.toml, then run `workbook preview --names "Ana & Ben"` to see its pages
    "#);
}

#[test]
fn piping_into_a_reader_that_already_stopped_exits_quietly() {
    // A pipe whose reading end is closed: every write fails at once, as
    // after `| head` has read its lines.
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"][..],
        &["list"][..],
        &["--help"][..],
        &["build", "--help"][..],
        &["--version"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let dir = tempdir();
        let out = workbook(dir.path())
            .args(args)
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}
