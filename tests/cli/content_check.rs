//! The content format is checked before Typst runs: mistakes point at the
//! file, line and column.

use workbook::guide::Content;
use workbook::typeset::sources::Sources;

fn load_with(edit: impl FnOnce(&mut Sources)) -> String {
    let mut sources = Sources::embedded();
    edit(&mut sources);
    match Content::load(&sources) {
        Ok(_) => panic!("the edited content passed its check"),
        Err(e) => e.report(),
    }
}

/// The report for the embedded content with the first `from` in the file
/// at `path` replaced by `to`.
fn edited(path: &str, from: &str, to: &str) -> String {
    load_with(|s| replace(s, path, from, to))
}

fn replace(sources: &mut Sources, path: &str, from: &str, to: &str) {
    let text = sources.text(path).unwrap().to_string();
    assert!(text.contains(from), "{path} has no {from:?}");
    sources.insert(path, text.replacen(from, to, 1));
}

#[test]
fn the_embedded_content_passes() {
    let content = Content::load(&Sources::embedded()).unwrap();
    assert_eq!(content.exercises.len(), 25);
}

#[test]
fn malformed_exercise_toml() {
    let report = load_with(|s| {
        s.insert(
            "/workbook/exercises/apology.toml",
            "id = \"apology\"\ntitle = \"x\nwho = \"each\"\n",
        )
    });
    insta::assert_snapshot!(report, @r#"
    error: workbook/exercises/apology.toml:2:11: `title`: invalid basic string
    hint: a text needs its closing " on the same line; for text over several lines, use """ before and after
    "#);
}

#[test]
fn unknown_key_in_an_exercise() {
    let report = edited("/workbook/exercises/apology.toml", "minutes =", "minuets =");
    assert!(
        report.starts_with("error: workbook/exercises/apology.toml:"),
        "{report}"
    );
    assert!(report.contains("unknown field `minuets`"), "{report}");
    assert!(
        report.contains("hint: did you mean `minutes`? The keys here are"),
        "{report}"
    );
}

#[test]
fn wrong_block_fields_and_ranges() {
    let report = edited(
        "/workbook/exercises/apology.toml",
        "lines = ",
        "lines = 99 #",
    );
    assert!(
        report.contains("`lines` is 99; it must be from 1 to 30"),
        "{report}"
    );
    let report = edited(
        "/workbook/exercises/apology.toml",
        "kind = \"prompt\"",
        "kind = \"checklist\"",
    );
    assert!(
        report.contains("a checklist block has no `lines`"),
        "{report}"
    );
    let report = edited(
        "/workbook/exercises/apology.toml",
        "kind = \"prompt\"",
        "kind = \"poem\"",
    );
    assert!(report.contains("unknown variant `poem`"), "{report}");
}

#[test]
fn a_bad_room_to_write() {
    // `lines` is a number or "half-page"; anything else points at itself.
    let report = edited(
        "/workbook/exercises/apology.toml",
        "lines = \"half-page\"",
        "lines = \"half page\"",
    );
    insta::assert_snapshot!(report, @r#"
    error: workbook/exercises/apology.toml:40:9: `lines` is "half page"; it must be a number from 1 to 30 or "half-page"
    hint: "half-page" gives a reflective prompt about half a page to write on, on every paper
    "#);
    let report = edited(
        "/workbook/exercises/apology.toml",
        "lines = \"half-page\"",
        "lines = true",
    );
    insta::assert_snapshot!(report, @r#"error: workbook/exercises/apology.toml:40:9: `lines`: invalid type: boolean `true`, expected a number of lines from 1 to 30, or "half-page""#);
}

#[test]
fn a_placeholder_in_a_shared_exercise() {
    let report = edited(
        "/workbook/exercises/boundary-list.toml",
        "title = \"",
        "title = \"{name} ",
    );
    assert!(report.contains("unknown placeholder {name}"), "{report}");
    assert!(
        report.contains("hint: names can only be filled"),
        "{report}"
    );
}

#[test]
fn manifest_naming_a_missing_file() {
    let report = load_with(|s| s.remove("/workbook/chapters/05-nurturing-trust.typ"));
    let line = Sources::embedded()
        .text("/workbook/guide.toml")
        .unwrap()
        .lines()
        .position(|l| l.contains("05-nurturing-trust.typ"))
        .unwrap()
        + 1;
    assert_eq!(
        report,
        format!(
            "error: workbook/guide.toml:{line}:8: the file \"chapters/05-nurturing-trust.typ\" does not exist\n"
        )
    );
}

#[test]
fn manifest_naming_a_missing_exercise() {
    let report = load_with(|s| s.remove("/workbook/exercises/gratitude-log.toml"));
    assert!(
        report.starts_with("error: workbook/guide.toml:"),
        "{report}"
    );
    assert!(
        report.contains("no exercise file for \"gratitude-log\""),
        "{report}"
    );
}

#[test]
fn chapter_and_manifest_must_agree() {
    let report = edited(
        "/workbook/chapters/03-rebuilding-trust.typ",
        "#exercise(\"apology\")",
        "",
    );
    assert!(report.contains("03-rebuilding-trust.typ:"), "{report}");
    let report = load_with(|s| {
        let path = "/workbook/chapters/01-understanding-trust.typ";
        let text = format!("{}\n#exercise(\"apology\")\n", s.text(path).unwrap());
        s.insert(path, text);
    });
    assert!(report.contains("01-understanding-trust.typ:"), "{report}");
    assert!(
        report.contains("not listed for part \"understanding-trust\""),
        "{report}"
    );
}

#[test]
fn an_unplaced_exercise_file() {
    let report = load_with(|s| {
        let text = s
            .text("/workbook/exercises/apology.toml")
            .unwrap()
            .replace("id = \"apology\"", "id = \"extra\"");
        s.insert("/workbook/exercises/extra.toml", text);
    });
    assert!(
        report.contains("exercise \"extra\" is not placed in any part"),
        "{report}"
    );
}

#[test]
fn bad_sentence_starters() {
    // More starters than lines, a starter too long to leave room to
    // write, and starters on a block that has no lines.
    let report = load_with(|s| {
        replace(
            s,
            "/workbook/exercises/i-feel.toml",
            "starters = [\"I feel\", \"when\", \"because\"]",
            "starters = [\"I feel\", \"when\", \"because\", \"so\"]",
        )
    });
    insta::assert_snapshot!(report, @r#"
    error: workbook/exercises/i-feel.toml:21:12: `starters` has 4 entries and the prompt 3 lines; at most one starter a line
    hint: give the prompt more `lines`, or fewer starters
    "#);
    let report = load_with(|s| {
        replace(
            s,
            "/workbook/exercises/i-feel.toml",
            "\"because\"]",
            "\"because of everything that happened\"]",
        )
    });
    insta::assert_snapshot!(report, @r#"
    error: workbook/exercises/i-feel.toml:21:12: the starter "because of everything that happened" is 35 characters; at most 24, so that its line keeps room to write
    hint: a starter is a few words ("I feel", "when", "because")
    "#);
    let report = load_with(|s| {
        replace(
            s,
            "/workbook/exercises/i-feel.toml",
            "\"I feel\", \"when\", \"because\"",
            "\"\", \" \"",
        )
    });
    insta::assert_snapshot!(report, @r#"
    error: workbook/exercises/i-feel.toml:21:12: `starters` has no words: "" leaves a line without a starter, and at least one starter needs words
    hint: leave out `starters` for plain ruled lines
    "#);
    let report = load_with(|s| {
        replace(
            s,
            "/workbook/exercises/boundary-list.toml",
            "kind = \"table\"",
            "kind = \"table\"\nstarters = [\"I need\"]",
        )
    });
    insta::assert_snapshot!(report, @r#"
    error: workbook/exercises/boundary-list.toml:19:1: a table block has no `starters`
    hint: a table block takes: id, label, help, columns, rows, blank-rows, row-lines, narrow, fill
    "#);
}
