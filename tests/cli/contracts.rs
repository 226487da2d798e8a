//! The pipeline's contracts: a bad value named by where it came from, one
//! rule for each value wherever it is given, chapters read through Typst's
//! own parser, and errors that say whose they are to fix.

use crate::support::{run, tempdir};
use workbook::guide::Content;
use workbook::typeset::sources::Sources;

/// The same bad value given as a flag, as a config key and as a CSV cell:
/// each message names its own origin, once.
#[test]
fn a_bad_value_names_its_origin() {
    let dir = tempdir();
    std::fs::write(dir.path().join("k.toml"), "[content]\ndays = 0\n").unwrap();
    std::fs::write(dir.path().join("c.csv"), "names,days\nAna & Ben,0\n").unwrap();
    let flag = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "--days", "0"],
    );
    let key = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-c", "k.toml"],
    );
    let cell = run(dir.path(), &["batch", "c.csv"]);
    assert_eq!((flag.code, key.code, cell.code), (2, 2, 1));
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
    let build = |config: &str| {
        std::fs::write(dir.path().join("w.toml"), config).unwrap();
        run(
            dir.path(),
            &[
                "build",
                "--names",
                "Ana & Ben",
                "-c",
                "w.toml",
                "-o",
                "x.pdf",
                "--only",
                "safety",
                "--only",
                "how-to-use",
            ],
        )
    };
    let crlf = build("[counselor]\nnote = \"Hello\\r\\nand welcome.\"\n");
    assert_eq!(crlf.code, 0, "{}", crlf.stderr);
    let tab = build("[counselor]\nnote = \"Hello\\tthere\"\n");
    assert_eq!(tab.code, 2);
    assert!(
        tab.stderr
            .starts_with("error: w.toml:2:8: note: it contains the control character U+0009"),
        "{}",
        tab.stderr
    );
    std::fs::write(
        dir.path().join("c.csv"),
        "names,note\nAna & Ben,\"Hello\r\nand welcome.\"\nCy & Di,\"Hello\tthere\"\n",
    )
    .unwrap();
    let batch = run(
        dir.path(),
        &["batch", "c.csv", "--only", "safety", "--only", "how-to-use"],
    );
    assert_eq!(batch.code, 1, "{}", batch.stderr);
    assert!(batch.stderr.contains("built 1 of 2"), "{}", batch.stderr);
    assert!(
        batch
            .stderr
            .contains("error: c.csv:4: note: it contains the control character U+0009"),
        "{}",
        batch.stderr
    );
}

fn load_with(edit: impl FnOnce(&mut Sources)) -> workbook::diag::Result<Content> {
    let mut sources = Sources::embedded();
    edit(&mut sources);
    Content::load(&sources)
}

const NOTES: &str = "/workbook/chapters/notes.typ";

/// Chapters are read as Typst reads them: a call with a space before its
/// id counts, a call inside a block comment does not (the old scanner
/// missed the first and counted the second).
#[test]
fn exercise_calls_are_read_from_the_syntax_tree() {
    let spaced = load_with(|s| {
        let text = s.text(NOTES).unwrap().to_string();
        s.insert(NOTES, format!("{text}\n#exercise( \"nope\")\n"));
    })
    .unwrap_err()
    .report();
    assert!(
        spaced.contains("exercise \"nope\" is placed here but not listed for part \"notes\""),
        "{spaced}"
    );
    let commented = load_with(|s| {
        let text = s.text(NOTES).unwrap().to_string();
        s.insert(NOTES, format!("{text}\n/* #exercise(\"nope\") */\n"));
    });
    assert!(commented.is_ok(), "{}", commented.unwrap_err().report());
    let not_a_string = load_with(|s| {
        let text = s.text(NOTES).unwrap().to_string();
        s.insert(NOTES, format!("{text}\n#exercise(id)\n"));
    })
    .unwrap_err()
    .report();
    assert!(
        not_a_string.contains("#exercise needs the exercise id as a quoted string"),
        "{not_a_string}"
    );
}

/// A booklet from a user's templates that do not pad cannot be
/// imposed: that is theirs to fix (exit 2), not a bug in workbook.
#[test]
fn imposition_errors_from_users_templates_are_theirs() {
    let dir = tempdir();
    let ejected = run(dir.path(), &["eject", "proj", "--names", "Ana & Ben"]);
    assert_eq!(ejected.code, 0, "{}", ejected.stderr);
    // A main template of its own that never pads: one page, always.
    std::fs::write(
        dir.path().join("proj/templates/workbook.typ"),
        "#set document(title: [Ours])\nOne page only.\n",
    )
    .unwrap();
    let built = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "proj",
            "--booklet",
            "-o",
            "b.pdf",
        ],
    );
    assert_eq!(built.code, 2, "{}", built.stderr);
    assert!(
        built.stderr.starts_with(
            "error: the booklet made from your templates: a booklet needs a multiple of four pages, the layout gave 1\n"
        ),
        "{}",
        built.stderr
    );
    assert!(!built.stderr.contains("internal error"), "{}", built.stderr);
    assert!(!dir.path().join("b.pdf").exists());
}

/// A link among a counselor's extra exercises is refused, never followed;
/// a link in a font folder is skipped, and the real fonts still load.
/// (Unix: Windows makes links only with privileges.)
#[cfg(unix)]
#[test]
fn folders_are_walked_without_following_links() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("ex")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("ex/zero.toml")).unwrap();
    std::fs::write(
        dir.path().join("w.toml"),
        "[content]\nextra-exercises = \"ex\"\n",
    )
    .unwrap();
    let extra = run(dir.path(), &["list", "-c", "w.toml"]);
    assert_eq!(extra.code, 2, "{}", extra.stderr);
    assert!(
        extra.stderr.contains("zero.toml is a link"),
        "{}",
        extra.stderr
    );

    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::os::unix::fs::symlink("/dev/zero", fonts.join("zero.ttf")).unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, fonts.join(path.file_name().unwrap())).unwrap();
    }
    let built = run(
        dir.path(),
        &[
            "build",
            "--names",
            "ნინო & Ben",
            "--font-path",
            "fonts",
            "-o",
            "g.pdf",
            "--only",
            "how-to-use",
        ],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
}

/// `#if-exercise` ids are checked like `#exercise` ones: a typo would
/// otherwise hide its sentence from every copy without a word.
#[test]
fn conditions_on_exercises_name_real_ones() {
    let typo = load_with(|s| {
        let text = s.text(NOTES).unwrap().to_string();
        s.insert(
            NOTES,
            format!("{text}\n#if-exercise(\"gratitude-logg\")[Keep your log.]\n"),
        );
    })
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
    let known = load_with(|s| {
        let text = s.text(NOTES).unwrap().to_string();
        s.insert(
            NOTES,
            format!("{text}\n#if-exercise(\"gratitude-log\")[Keep your log.]\n"),
        );
    });
    assert!(known.is_ok(), "{}", known.unwrap_err().report());
}

/// `#if-part` ids are checked too: a typo would hide an opener for good.
#[test]
fn conditions_on_parts_name_real_ones() {
    let typo = load_with(|s| {
        let text = s.text(NOTES).unwrap().to_string();
        s.insert(
            NOTES,
            format!("{text}\n#if-part(\"acountability\")[Well done.]\n"),
        );
    })
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
