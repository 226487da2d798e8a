//! The pipeline's contracts: a bad value named by where it came from, one
//! rule for each value wherever it is given, chapters read through Typst's
//! own parser, and errors that say whose they are to fix.

use crate::support::*;
use workbook::guide::Content;
use workbook::typeset::sources::Sources;

/// The same bad value given as a flag, as a config key and as a CSV cell:
/// each message names its own origin, once.
#[test]
fn a_bad_value_names_its_origin() {
    let flag = Test::build()
        .write("k.toml", "[content]\ndays = 0\n")
        .csv("c.csv", "names,days\nAna & Ben,0\n")
        .args(["--days", "0"])
        .status(2)
        .run();
    let key = Test::at(flag.dir())
        .args(BUILD)
        .args(["-c", "k.toml"])
        .status(2)
        .run();
    let cell = Test::at(flag.dir())
        .args(["batch", "c.csv"])
        .status(1)
        .run();
    let cell_line = cell
        .stderr
        .lines()
        .find(|l| l.starts_with("error: c.csv"))
        .unwrap_or_default();
    insta::assert_snapshot!(format!("{}{}{cell_line}\n", flag.stderr, key.stderr), @r"
    error: --days 0: the daily logs can run from 1 to 366 days
    hint: leave it out for 28 days (four weeks)
    error: k.toml:2:8: days: the daily logs can run from 1 to 366 days
    hint: leave it out for 28 days (four weeks)
    error: c.csv:2: days 0: the daily logs can run from 1 to 366 days
    ");
}

/// A practice's note follows one rule in workbook.toml and in a CSV cell:
/// Windows line ends are fine in both, a tab is refused by both.
#[test]
fn notes_follow_one_rule_in_the_config_and_the_csv() {
    let dir = tempdir();
    let only = ["--only", "safety", "--only", "how-to-use"];
    let build = |config: &str| {
        Test::at(dir.path())
            .write("w.toml", config)
            .args(BUILD)
            .args(["-c", "w.toml", "-o", "x.pdf"])
            .args(only)
    };
    build("[counselor]\nnote = \"Hello\\r\\nand welcome.\"\n").run();
    let tab = build("[counselor]\nnote = \"Hello\\tthere\"\n")
        .status(2)
        .run();
    assert!(
        tab.stderr
            .starts_with("error: w.toml:2:8: note: it contains the control character U+0009"),
        "{}",
        tab.stderr
    );
    Test::at(dir.path())
        .csv(
            "c.csv",
            "names,note\nAna & Ben,\"Hello\r\nand welcome.\"\nCy & Di,\"Hello\tthere\"\n",
        )
        .args(["batch", "c.csv"])
        .args(only)
        .status(1)
        .stderr_has("built 1 of 2")
        .stderr_has("error: c.csv:4: note: it contains the control character U+0009")
        .run();
}

/// The embedded content, loaded with `line` added at the end of the
/// notes chapter.
fn notes_with(line: &str) -> workbook::diag::Result<Content> {
    const NOTES: &str = "/workbook/chapters/notes.typ";
    let mut sources = Sources::embedded();
    let text = sources.text(NOTES).unwrap().to_string();
    sources.insert(NOTES, format!("{text}\n{line}\n"));
    Content::load(&sources)
}

/// Chapters are read as Typst reads them: a call with a space before its
/// id counts, a call inside a block comment does not (the old scanner
/// missed the first and counted the second).
#[test]
fn exercise_calls_are_read_from_the_syntax_tree() {
    let spaced = notes_with("#exercise( \"nope\")").unwrap_err().report();
    assert!(
        spaced.contains("exercise \"nope\" is placed here but not listed for part \"notes\""),
        "{spaced}"
    );
    let commented = notes_with("/* #exercise(\"nope\") */");
    assert!(commented.is_ok(), "{}", commented.unwrap_err().report());
    let not_a_string = notes_with("#exercise(id)").unwrap_err().report();
    assert!(
        not_a_string.contains("#exercise needs the exercise id as a quoted string"),
        "{not_a_string}"
    );
}

/// A booklet from a user's templates that do not pad cannot be
/// imposed: that is theirs to fix (exit 2), not a bug in workbook.
#[test]
fn imposition_errors_from_users_templates_are_theirs() {
    let ejected = Test::new()
        .args(["eject", "proj", "--names", "Ana & Ben"])
        .run();
    // A main template of its own that never pads: one page, always.
    let built = ejected
        .then()
        .write(
            "proj/templates/workbook.typ",
            "#set document(title: [Ours])\nOne page only.\n",
        )
        .args(BUILD)
        .args(["--sources", "proj", "--booklet", "-o", "b.pdf"])
        .status(2)
        .stderr_lacks("internal error")
        .no_file("b.pdf")
        .run();
    assert!(
        built.stderr.starts_with(
            "error: the booklet made from your templates: a booklet needs a multiple of four pages, the layout gave 1\n"
        ),
        "{}",
        built.stderr
    );
}

/// A link among a counselor's extra exercises is refused, never followed;
/// a link in a font folder is skipped, and the real fonts still load.
/// (Unix: Windows makes links only with privileges.)
#[cfg(unix)]
#[test]
fn folders_are_walked_without_following_links() {
    let extra = Test::new()
        .create_dir("ex")
        .symlink("/dev/zero", "ex/zero.toml")
        .write("w.toml", "[content]\nextra-exercises = \"ex\"\n")
        .args(["list", "-c", "w.toml"])
        .status(2)
        .stderr_has("zero.toml is a link")
        .run();

    let mut fonts = extra
        .then()
        .create_dir("fonts")
        .symlink("/dev/zero", "fonts/zero.ttf");
    let fixture = root().join("tests/fixtures/fonts");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let path = entry.unwrap().path();
        fonts = fonts.write(
            std::path::Path::new("fonts").join(path.file_name().unwrap()),
            std::fs::read(&path).unwrap(),
        );
    }
    fonts
        .args(["build", "--names", "ნინო & Ben", "--font-path", "fonts"])
        .args(["-o", "g.pdf", "--only", "how-to-use"])
        .run();
}

/// `#if-exercise` ids are checked like `#exercise` ones: a typo would
/// otherwise hide its sentence from every copy without a word.
#[test]
fn conditions_on_exercises_name_real_ones() {
    let typo = notes_with("#if-exercise(\"gratitude-logg\")[Keep your log.]")
        .unwrap_err()
        .report();
    assert!(
        typo.contains(
            "#if-exercise names \"gratitude-logg\", which is not an exercise of the guide"
        ),
        "{typo}"
    );
    assert!(
        typo.contains("hint: did you mean \"gratitude-log\"?"),
        "{typo}"
    );
    let known = notes_with("#if-exercise(\"gratitude-log\")[Keep your log.]");
    assert!(known.is_ok(), "{}", known.unwrap_err().report());
}

/// `#if-part` ids are checked too: a typo would hide an opener for good.
#[test]
fn conditions_on_parts_name_real_ones() {
    let typo = notes_with("#if-part(\"acountability\")[Well done.]")
        .unwrap_err()
        .report();
    assert!(
        typo.contains("#if-part names \"acountability\", which is not a part of the guide"),
        "{typo}"
    );
    assert!(
        typo.contains("hint: did you mean \"accountability\"?"),
        "{typo}"
    );
}
