//! For counselors: workbook.toml, branding, init and batch builds.

use std::path::{Path, PathBuf};

use crate::support::*;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/practice").join(name)
}

/// The fixture practice's config and logo, copied into a fresh folder.
fn practice_dir() -> tempfile::TempDir {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("exercises")).unwrap();
    for f in [
        "workbook.toml",
        "logo.png",
        "couples.csv",
        "exercises/values-map.toml",
    ] {
        std::fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// "Ana & Ben" built with the practice's workbook.toml in `dir`.
fn practice_options(dir: &Path) -> workbook::settings::BuildOptions {
    options_from_config(&dir.join("workbook.toml"), &["--names", "Ana & Ben"])
}

#[test]
fn the_fixture_practice_builds_18_of_20_and_names_the_bad_rows() {
    let run = Test::in_dir(practice_dir())
        .create_dir("out")
        .args(["batch", "couples.csv", "--out-dir", "out", "--jobs", "2"])
        .status(1)
        .stderr_has("built 18 of 20 workbooks")
        .stderr_has("2 rows failed:")
        .stderr_has("couples.csv:7: names: expected two names")
        .run();
    let built: Vec<_> = files_in(&run.path("out"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(built.len(), 18, "{built:?}");
    // The two bad rows, under the header, to fix and run again.
    let failed = run.read_to_string("out/failed-couples.csv");
    assert_eq!(failed.lines().count(), 3, "{failed}");
    assert!(
        run.stderr
            .contains("couples.csv:7: names: expected two names"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("couples.csv:9: start-date \"2026-02-30\": that day does not exist"),
        "{}",
        run.stderr
    );
    // Each workbook carries the practice's branding and contacts.
    let pdf = run.read("out/workbook-ana-ben.pdf");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn branding_reaches_the_cover_footer_note_and_support_pages() {
    let dir = practice_dir();
    let opts = practice_options(dir.path());
    let (engine, content) = engine();
    let compiled = workbook::compile(engine, content, &opts).unwrap();
    let pages = page_texts(&compiled.document);
    assert!(
        pages[0].contains("Example Couples Practice"),
        "cover: {}",
        pages[0]
    );
    assert!(
        pages[1].contains("A note before you begin") && pages[1].contains("Dr. Sam Example"),
        "{}",
        pages[1]
    );
    assert!(
        pages[3].contains(" · Ana & Ben · Example Couples Practice"),
        "{}",
        pages[3]
    );
    let all = pages.join("\n");
    let safety = &all[all.find("Numbers to keep close").unwrap()..];
    assert!(
        safety.contains("Emergency services 911")
            && safety.contains("Crisis line 988 (call or text)"),
        "{:.300}",
        safety
    );
    let support = &all[all.rfind("Our support list").unwrap()..];
    assert!(support.contains("Our counselor Dr. Sam Example, Example Couples Practice +1 555 0100 hello@example.org example.org"), "{:.400}", support);
    // The config's start date and 14 days reached the logs (chapter 2's
    // start in week 2).
    assert!(all.contains("from Tuesday 8 December 2026 to Monday 21 December 2026."));
    // The logo is small in every footer: an image on an ordinary page.
    fn images(frame: &typst::layout::Frame) -> usize {
        frame
            .items()
            .map(|(_, i)| match i {
                typst::layout::FrameItem::Group(g) => images(&g.frame),
                typst::layout::FrameItem::Image(..) => 1,
                _ => 0,
            })
            .sum()
    }
    assert_eq!(
        images(&compiled.document.pages()[3].frame),
        1,
        "the footer logo"
    );
    // The logo is an image on the cover.
    assert!(
        compiled.document.pages()[0]
            .frame
            .items()
            .any(|(_, i)| matches!(i, typst::layout::FrameItem::Group(_)))
    );
}

#[test]
fn flags_win_over_the_file() {
    let out = Test::in_dir(practice_dir())
        .args(BUILD)
        .args(["--paper", "letter", "-o", "a.pdf"])
        .run();
    let sizes = out.page_sizes("a.pdf");
    assert!((sizes[0].0 - 612.0).abs() < 0.5, "{sizes:?}");
    // Without --names, the file's names are used.
    out.then().args(["build", "-o", "b.pdf"]).run();
}

#[test]
fn config_mistakes_point_at_the_line() {
    let run = Test::build()
        .config("[print]\npaper = \"a4\"\ninksaver = true\n")
        .status(2)
        .run();
    insta::assert_snapshot!(run.stderr, @r"
    error: workbook.toml:3:1: unknown field `inksaver`, expected one of `paper`, `sides`, `booklet`, `ruling`, `ink-saver`, `fillable`, `pdf-standard`
    hint: did you mean `ink-saver`? The keys here are paper, sides, booklet, ruling, ink-saver, fillable, pdf-standard
    ");
    let run = run
        .then()
        .config("[couple]\nnames = \"Ana\"\n")
        .arg("build")
        .status(2)
        .run();
    assert!(
        run.stderr
            .starts_with("error: workbook.toml:2:9: names: expected two names"),
        "{}",
        run.stderr
    );
    let run = run
        .then()
        .config("[couple]\nstart-date = \"tomorrow\"\n")
        .args(BUILD)
        .status(2)
        .leaves_only(["workbook.toml"])
        .run();
    assert!(
        run.stderr
            .starts_with("error: workbook.toml:2:14: start-date: it is not a date"),
        "{}",
        run.stderr
    );
}

#[test]
fn long_branding_values_are_capped_or_wrap() {
    let practice = "P".repeat(300);
    let run = Test::build()
        .config(format!("[counselor]\npractice = \"{practice}\"\n"))
        .status(2)
        .run();
    assert!(
        run.stderr.starts_with(
            "error: workbook.toml:2:12: practice: it has 300 characters; at most 120 fit the layout"
        ),
        "{}",
        run.stderr
    );
    // A 300-character note fits: it wraps on its page.
    let note = "We are glad you are here. ".repeat(12);
    run.then()
        .config(format!("[counselor]\nnote = \"{}\"\n", note.trim()))
        .args(BUILD)
        .args(["-o", "a.pdf"])
        .run();
}

#[test]
fn init_writes_a_starter_and_keeps_an_existing_one() {
    let run = Test::new().arg("init").run();
    let written = run.read_to_string("workbook.toml");
    assert!(written.contains("[counselor]") && written.contains("# logo = \"logo.png\""));
    let run = run
        .then()
        .config("# mine\n")
        .arg("init")
        .status(2)
        .stderr_has("it already exists")
        .stderr_has("--force")
        .run();
    assert_eq!(run.read_to_string("workbook.toml"), "# mine\n");
    let run = run.then().args(["init", "--force"]).run();
    assert!(run.read_to_string("workbook.toml").contains("[print]"));
    // The starter builds once names are given (it has none of its own).
    run.then().args(BUILD).args(["-o", "a.pdf"]).run();
}

#[test]
fn batch_header_problems_stop_before_building() {
    let run = Test::new()
        .csv("a.csv", "name,paper\nAna & Ben,a4\n")
        .args(["batch", "a.csv"])
        .status(2)
        .run();
    insta::assert_snapshot!(run.stderr, @r#"
    error: a.csv:1: unknown column "name"
    hint: did you mean `names`? `names` is printed on the cover and the pages of the couple's book; the columns are names, output, start-date, days, paper, sides, photo, note, skip, password, partner1-password, partner2-password, split, region, lang, format
    "#);
    let run = run
        .then()
        .csv("b.csv", "paper\na4\n")
        .args(["batch", "b.csv"])
        .status(2)
        .stderr_has("the header has no `names` column")
        .run();
    let run = run.then().args(["batch", "missing.csv"]).status(2).run();
    assert!(
        files_in(run.dir())
            .iter()
            .all(|f| f.extension().unwrap() == "csv")
    );
}

#[test]
fn batch_reads_real_world_csv() {
    // A BOM, upper-case headers, quoted cells with commas and line breaks,
    // a formula that must print as text, and two rows with the same names.
    let csv = "\u{feff}Names,NOTE\n\"=HYPERLINK(\"\"http://x\"\") & Ben\",\"Dear both,\nwelcome.\"\nAna & Ben,\nAna & Ben,\n";
    let run = Test::new()
        .csv("c.csv", csv)
        .args(["batch", "c.csv", "--jobs", "1"])
        .run();
    let mut names = file_names(run.dir());
    names.retain(|f| f.ends_with(".pdf"));
    assert_eq!(
        names,
        [
            "workbook-ana-ben-2.pdf",
            "workbook-ana-ben.pdf",
            "workbook-hyperlink-http-x-ben.pdf"
        ]
    );
}

#[test]
fn a_counselors_own_exercise_joins_its_part() {
    let dir = practice_dir();
    let opts = practice_options(dir.path());
    let workbook::Project {
        engine, content, ..
    } = workbook::Project::load(&opts).unwrap();
    let text = text(
        &workbook::compile(&engine, &content, &opts)
            .unwrap()
            .document,
    );
    let at = text
        .rfind("Our values map")
        .expect("the extra exercise is printed");
    assert!(
        at > text.rfind("Ben’s self-care plan").unwrap()
            && at
                < text
                    .match_indices("Our commitments")
                    // The part's heading, not a running footer ("… · Ana & Ben").
                    .filter(|(i, h)| !text[i + h.len()..].starts_with(" ·"))
                    .last()
                    .unwrap()
                    .0
    );
    assert!(
        text.contains("Exercise 23 Our values map"),
        "numbered after the chapter's own"
    );
    // It can be skipped like any other.
    let mut skipping = opts.clone();
    skipping.skip = vec!["values-map".into()];
    let text = crate::support::text(
        &workbook::compile(&engine, &content, &skipping)
            .unwrap()
            .document,
    );
    assert!(!text.contains("Our values map"));
    // A mistake in it points at the counselor's file.
    Test::in_dir(dir)
        .write("exercises/values-map.toml", "id = \"values-map\"\npart = \"no-such-part\"\ntitle = \"x\"\nwho = \"together\"\nintro = \"x\"\n[[block]]\nkind = \"signature\"\nid = \"s\"\n")
        .args(BUILD)
        .status(2)
        .stderr_has("values-map.toml:2:8: unknown part \"no-such-part\"")
        .run();
}
