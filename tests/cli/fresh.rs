//! A new user on a fresh account, following the README: folders that do
//! not exist yet, typing mistakes in workbook.toml and on the command line,
//! and pipes that close early (issue 29, item 5).

use std::process::Stdio;

use crate::support::*;

/// A preview of the first page, small.
const PAGE_ONE: [&str; 7] = [
    "preview",
    "--names",
    "Ana & Ben",
    "--pages",
    "1",
    "--dpi",
    "30",
];

#[test]
fn previewing_into_a_folder_that_does_not_exist_yet_makes_it() {
    let out = Test::new().args(PAGE_ONE).args(["-o", "proofs/ana"]).run();
    assert_eq!(
        file_names(&out.path("proofs/ana")),
        ["workbook-ana-ben-01-page-01.png"]
    );
}

#[test]
fn previewing_without_o_and_a_start_date_last_january_keeps_the_images_together_and_warns() {
    // One new folder named after the book, nothing loose beside it. The
    // build time is 2026-11-25: January is long past.
    Test::new()
        .args(PAGE_ONE)
        .args(["--start-date", "2026-01-05"])
        .leaves_only(["workbook-ana-ben-preview"])
        .file("workbook-ana-ben-preview/workbook-ana-ben-01-page-01.png")
        .stderr_has("warning: the start date 2026-01-05 is more than a month ago, so the daily logs begin on a day already past")
        .run();
}

#[test]
fn writing_man_pages_into_a_folder_that_does_not_exist_yet_makes_it() {
    Test::new()
        .args(["manpage", "share/man/man1"])
        .file("share/man/man1/workbook-build.1")
        .run();
}

#[test]
fn a_mistyped_config_file_name_says_no_such_file() {
    let out = Test::new()
        .args(["list", "-c", "workbok.toml"])
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @r"
    error: no such file: workbok.toml
    hint: check the name, or run `workbook init` to write a starter workbook.toml
    ");
}

/// `workbook list -c FILE` reads the whole file and builds nothing.
fn list_with_config(text: &str) -> Test {
    Test::new()
        .config(text)
        .args(["list", "-c", "workbook.toml"])
}

#[test]
fn writing_the_paper_in_capitals_in_workbook_toml_is_accepted() {
    for paper in ["A4", "Letter", "UNIVERSAL"] {
        list_with_config(&format!("[print]\npaper = \"{paper}\"\n")).run();
    }
    list_with_config("[print]\npaper = \"A3\"\n")
        .status(2)
        .stderr_has("hint: the allowed values are a4, letter, universal")
        .run();
}

#[test]
fn leaving_the_quotes_off_a_name_in_workbook_toml_says_to_add_them() {
    let out = list_with_config("[counselor]\nname = Maria Kowalska\n")
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @r#"
    error: workbook.toml:2:8: `name`: invalid string expected `"`, `'`
    hint: put text in quotes, e.g. name = "Maria Kowalska"
    "#);
}

#[test]
fn skipping_one_exercise_without_brackets_says_it_is_a_list() {
    let out = list_with_config("[content]\nskip = \"connection-menu\"\n")
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @r#"
    error: workbook.toml:2:8: `skip`: invalid type: string "connection-menu", expected a sequence
    hint: `skip` takes a list, in square brackets: skip = ["connection-menu"], or ["a", "b"] for two
    "#);
}

#[test]
fn writing_and_between_the_names_suggests_the_ampersand() {
    let out = Test::new()
        .args(["build", "--names", "Ana and Ben"])
        .status(2)
        .leaves_nothing()
        .run();
    insta::assert_snapshot!(out.stderr, @r#"
    error: --names: expected two names separated by '&', as in "Ana & Ben"
    hint: write "Ana & Ben"
    "#);
}

#[test]
fn init_says_what_to_do_next() {
    let out = Test::new().arg("init").run();
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
        Test::new()
            .args(args.iter().copied())
            .tweak(move |cmd| {
                cmd.stdout(Stdio::from(writer));
            })
            .stderr("")
            .run();
    }
}
