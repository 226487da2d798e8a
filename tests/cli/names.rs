//! Names reach Typst as data: whatever people type prints as typed, and
//! what cannot be printed is refused before anything is written.

use crate::support::*;

#[test]
fn hostile_names_print_literally() {
    let cases = [
        ("#panic(\"x\")", "$x$"),
        ("<b>", "\"]); #set page(width: 1pt) //"),
        ("../../etc/passwd", "@ana *bold* _it_"),
    ];
    for (a, b) in cases {
        let names = format!("{a} & {b}");
        let doc = compile(&["--names", &names])
            .unwrap_or_else(|e| panic!("{names}: {}", e.report()))
            .document;
        let cover = &page_texts(&doc)[0];
        assert!(cover.contains(a), "cover lacks {a:?}: {cover}");
        assert!(cover.contains(&fold(b)), "cover lacks {b:?}: {cover}");
        // The page width survived the attempt to set it.
        assert!(doc.pages()[0].frame.width().to_pt() > 500.0);
    }
}

#[test]
fn hostile_names_through_the_binary_write_a_safe_file_name() {
    Test::new()
        .args(["build", "--names", "../../etc/passwd & #panic(\"x\")"])
        .leaves_only(["workbook-etc-passwd-panic-x.pdf"])
        .run();
}

#[test]
fn long_and_decomposed_names() {
    let sixty = "Maximiliana Theodora Wilhelmina Fitzgerald-Montgomery Jones";
    assert_eq!(sixty.chars().count(), 59);
    let sixty = format!("{sixty}x");
    let doc = compile(&["--names", &format!("{sixty} & Ben")])
        .unwrap()
        .document;
    assert!(text(&doc).contains(&sixty));
    // "Zoë & Łukasz" typed with a combining diaeresis comes out composed.
    let doc = compile(&["--names", "Zoe\u{308} & \u{141}ukasz"])
        .unwrap()
        .document;
    let cover = &page_texts(&doc)[0];
    assert!(
        cover.contains("Zo\u{eb}") && cover.contains("\u{141}ukasz"),
        "{cover}"
    );
}

#[test]
fn refused_names_exit_2_and_write_nothing() {
    let long = format!("{} & Ben", "x".repeat(61));
    for names in [
        "Ana",
        "Ana & Ben & Cy",
        " & Ben",
        "Ana & ",
        long.as_str(),
        "An\u{7}a & Ben",
        "Ana & Be\u{202E}n",
        "Ana & B\u{2066}en",
    ] {
        let run = Test::new()
            .args(["build", "--names", names])
            .status(2)
            .leaves_nothing()
            .run();
        assert!(run.stderr.starts_with("error: --names: "), "{}", run.stderr);
    }
}

#[test]
fn refused_name_messages() {
    let msgs: Vec<String> = ["Ana", " & Ben", "Ana & Be\u{202E}n"]
        .iter()
        .map(|n| {
            Test::new()
                .args(["build", "--names", n])
                .status(2)
                .run()
                .stderr
        })
        .collect();
    insta::assert_snapshot!(msgs.join(""), @r#"
    error: --names: expected two names separated by one '&', as in "Ana & Ben", got 1 part
    error: --names: the first name is empty; write both names, as in "Ana & Ben"
    error: --names: the second name contains the invisible character U+202E, which is not allowed
    "#);
}

#[test]
fn names_no_font_can_show_are_refused_with_a_hint() {
    let run = Test::new()
        .args(["build", "--names", "李 & Ben"])
        .status(2)
        .leaves_nothing()
        .run();
    insta::assert_snapshot!(run.stderr, @r"
    error: no font can show '李' (U+674E) in --names
    hint: add a folder of fonts that cover these characters with --font-path DIR
    ");
}

#[test]
fn font_path_must_be_a_folder_of_fonts() {
    let run = Test::build()
        .args(["--font-path", "nowhere"])
        .status(2)
        .run();
    assert!(
        run.stderr
            .starts_with("error: --font-path nowhere: cannot open it"),
        "{}",
        run.stderr
    );
    run.then()
        .create_dir("empty")
        .args(BUILD)
        .args(["--font-path", "empty"])
        .status(2)
        .stderr_has("no usable .ttf")
        .run();
}

#[test]
fn font_path_adds_fonts_for_other_scripts() {
    // Georgian is not in the embedded fonts; the fixture is a DejaVu Sans
    // subset with just the letters of these names.
    let fixture = root().join("tests/fixtures/fonts");
    let georgian = ["build", "--names", "ნინო & გიორგი", "-o", "a.pdf"];
    let refused = Test::new()
        .args(georgian)
        .status(2)
        .stderr_has("no font can show 'ნ' (U+10DC)")
        .run();
    refused
        .then()
        .args(georgian)
        .args(["--font-path", fixture.to_str().unwrap()])
        .leaves_only(["a.pdf"])
        .run();
}
