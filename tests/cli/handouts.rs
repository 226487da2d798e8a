//! `--handout ID`: one exercise (or a few) as a short handout with the
//! safety box and the practice's branding, and nothing of the book around it.

use crate::support::*;

/// Each copy's page numbers, from the handout's footers ("Handout · page
/// 2"): one list per copy, as the footer restarts with each copy.
fn copies(args: &[&str]) -> Vec<usize> {
    let mut all = vec!["--handout"];
    all.extend_from_slice(args);
    let compiled = compile(&all).unwrap();
    let mut copies: Vec<usize> = Vec::new();
    for text in page_texts(&compiled.document) {
        let n: usize = text
            .split("Handout · page ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a page without the handout footer: {text:.300}"));
        if n == 1 {
            copies.push(1);
        } else {
            *copies.last_mut().expect("a copy starts on page 1") = n;
        }
    }
    copies
}

#[test]
fn the_apology_handout_is_two_pages_a_copy_on_a4_and_letter() {
    for paper in ["a4", "letter"] {
        let named = copies(&["apology", "--names", "Ana & Ben", "--paper", paper]);
        assert_eq!(named.len(), 2, "{paper}: one copy per partner");
        assert!(named.iter().all(|&n| n <= 2), "{paper}: {named:?}");
        let blank = copies(&["apology", "--paper", paper]);
        assert_eq!(blank.len(), 1, "{paper}: one copy to write a name on");
        assert!((1..=2).contains(&blank[0]), "{paper}: {blank:?}");
    }
}

#[test]
fn every_exercise_listed_as_a_handout_fits_two_pages_a_copy() {
    let (_, content) = engine();
    let long = "Maximiliana Alexandrina & Bartholomew Christopher";
    for (id, exercise) in &content.exercises {
        if !exercise.handout {
            continue;
        }
        for args in [
            vec![id.as_str(), "--names", long, "--paper", "letter"],
            vec![id.as_str(), "--names", "Ana & Ben", "--paper", "a4"],
            vec![id.as_str(), "--paper", "letter"],
        ] {
            let pages = copies(&args);
            assert!(pages.iter().all(|&n| n <= 2), "{args:?}: {pages:?}");
        }
    }
}

#[test]
fn two_handouts_combine_in_one_file() {
    let compiled = compile(&[
        "--handout",
        "boundary-list",
        "--handout",
        "gratitude-log",
        "--names",
        "Ana & Ben",
    ])
    .unwrap();
    let text = text(&compiled.document);
    assert!(text.contains("Boundary list"), "{text:.500}");
    assert!(text.contains("Ana’s gratitude log"));
    assert!(text.contains("Ben’s gratitude log"));
    // One shared copy, two own copies.
    assert_eq!(text.matches("Safety first.").count(), 3);
}

#[test]
fn a_handout_has_the_safety_box_and_debrief_but_no_chapter_contents_or_printing_advice() {
    let compiled = compile(&["--handout", "apology", "--names", "Ana & Ben"]).unwrap();
    let text = text(&compiled.document);
    has_all(
        &text,
        &[
            "Safety first.",
            "988",
            "findahelpline.com",
            "To talk over with your counselor",
            "Which part of the apology was hardest to write",
            "Why it helps.",
            "How to do it.",
            "What I did, in plain words",
        ],
    );
    has_none(
        &text,
        &[
            "Contents",
            "How to print this workbook",
            "Actual size",
            "Rebuilding trust, step by step",
            "The apology template walks you through",
            "Before you begin: your safety",
        ],
    );
    assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
}

#[test]
fn a_handout_carries_the_practices_branding_and_numbers() {
    let config = root().join("tests/fixtures/practice/workbook.toml");
    let out = Test::new()
        .args(["build", "-c", config.to_str().unwrap()])
        .args(["--handout", "gratitude-log", "-o", "h.pdf"])
        .run();
    let text = out.pdf_text("h.pdf");
    let doc = lopdf::Document::load(out.path("h.pdf")).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    has_all(
        &text,
        &[
            "Example Couples Practice",
            "Dr. Sam Example",
            "+1 555 0100",
            "988 (call or text)",
            "1 800 799 7233",
            "Fallback’s gratitude log",
        ],
    );
    // The config's 14 days, not the default 28.
    assert!(
        text.contains(" 14 ") && !text.contains(" 15 "),
        "{text:.2000}"
    );
    // The logo is drawn on each copy.
    let images = pages
        .iter()
        .map(|&p| doc.get_page_images(doc.get_pages()[&p]).unwrap().len())
        .sum::<usize>();
    assert!(images >= 2, "{images} images");
}

#[test]
fn without_names_the_name_lines_are_blank_and_the_text_speaks_to_the_reader() {
    let compiled = compile(&["--handout", "apology"]).unwrap();
    let text = text(&compiled.document);
    assert!(text.contains("Your name"));
    assert!(text.contains("For each of you, on your own"));
    assert!(text.contains("If you are the one who was hurt, you can skip this page."));
    assert!(text.contains("How it affected you "), "{text:.2000}");
    for absent in ["Partner One", "Partner Two", "{name}", "{other}", ", ,"] {
        assert!(!text.contains(absent), "{absent:?} is in the handout");
    }
    let pdf = build_pdf_without_names(&["--handout", "apology", "--fillable"]);
    let names = field_names(&pdf);
    assert!(names.contains(&"apology.name".to_string()), "{names:?}");
    assert!(
        names.contains(&"apology.what-i-did.line-1".to_string()),
        "{names:?}"
    );
    let pdf = build_pdf(&["--handout", "apology", "--fillable"]);
    let names = field_names(&pdf);
    // A prompt's ruled lines are a field each, under the prompt's name.
    assert!(names.contains(&"apology.ana.what-i-did.line-1".to_string()));
    assert!(names.contains(&"apology.ben.what-i-did.line-1".to_string()));
}

#[test]
fn handout_files_are_named_after_the_exercises_and_the_couple() {
    let first = Test::new()
        .args(["build", "--handout", "apology", "--names", "Ana & Ben"])
        .run();
    first
        .then()
        .args(["build", "--handout", "i-feel"])
        .leaves_only(["handout-apology-ana-ben.pdf", "handout-i-feel.pdf"])
        .run();
}

#[test]
fn a_duplex_handout_starts_each_partners_copy_on_a_front_page() {
    let compiled = compile(&[
        "--handout",
        "boundary-list",
        "--handout",
        "i-feel",
        "--names",
        "Ana & Ben",
        "--sides",
        "duplex",
    ])
    .unwrap();
    let texts = page_texts(&compiled.document);
    for heading in ["Ana’s “I feel” practice", "Ben’s “I feel” practice"] {
        let page = texts.iter().position(|t| t.contains(heading)).unwrap();
        assert_eq!(page % 2, 0, "{heading} starts on page {}", page + 1);
    }
    assert_eq!(texts.len() % 2, 0, "ends on a whole sheet");
}

#[test]
fn an_old_id_names_its_replacement() {
    Test::new()
        .args(["build", "--handout", "daily-check-in", "-o", "h.pdf"])
        .stderr_has("\"gratitude-log\"")
        .run();
}

#[test]
fn bad_handout_ids_and_options_exit_2() {
    let dir = tempdir();
    let mut out = String::new();
    for args in [
        &["build", "--handout", "apologie"][..],
        &["build", "--handout", "safety"],
        &["build", "--handout", "trust-patterns"],
        &["build", "--handout", "apology", "--booklet"],
        &[
            "build",
            "--handout",
            "apology",
            "--split",
            "partners",
            "--names",
            "A & B",
        ],
        &["batch", "x.csv", "--handout", "apology"],
    ] {
        let run = Test::at(dir.path())
            .args(args.iter().copied())
            .status(2)
            .run();
        out.push_str(&format!("$ workbook {}\n{}\n", args.join(" "), run.stderr));
    }
    assert!(files_in(dir.path()).is_empty());
    insta::assert_snapshot!(out);
}
