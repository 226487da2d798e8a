//! The print design's promises (DESIGN.md, "Print design"), checked on
//! books made with a practice's own details: the maximal fixture, where
//! every `[counselor]` and `[support]` field is as long as the config
//! checks allow, and an ordinary one. Measured from the laid-out pages'
//! text positions: no two words overprint, no phone number is broken over
//! a line, no text is under 8 pt and no contact under 9 pt, and nothing is
//! within 12.7 mm of the paper's edge, handouts included.

use std::path::{Path, PathBuf};

use crate::layout::{Run, ink_boxes, runs};
use crate::support::*;

const MM: f64 = 72.0 / 25.4;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/contacts")
        .join(name)
        .join("workbook.toml")
}

/// The phone numbers each fixture configures, and the widely known ones
/// the book prints where a practice gives none.
const MAXIMAL_NUMBERS: &[&str] = &[
    "+1 (617) 555-0142",
    "+1 (617) 555-0199",
    "+1 617 555 0100",
    "555 0100",
];
const ORDINARY_NUMBERS: &[&str] = &[
    "+353 1 555 0142",
    "+353 87 555 0199",
    "116 123",
    "1800 341 900",
];

/// Compiles with the workbook.toml at `config` and `build` arguments.
fn compile_config(config: &Path, args: &[&str]) -> typst_layout::PagedDocument {
    let opts = options_from_config(config, args);
    let (engine, content) = engine();
    let document = workbook::compile(engine, content, &opts).unwrap().document;
    forget_layouts();
    document
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A run's box: from its cap height (a little above) to its descenders.
fn run_box(r: &Run) -> (f64, f64, f64, f64) {
    (r.x, r.y - 0.72 * r.size, r.x + r.width, r.y + 0.22 * r.size)
}

/// Lines of text: runs on one baseline (within half a point) that follow
/// each other closely, left to right. A table's columns are lines of their
/// own.
fn lines(page: &[Run]) -> Vec<Vec<Run>> {
    let mut sorted: Vec<Run> = page
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .cloned()
        .collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Vec<Run>> = Vec::new();
    for r in sorted {
        match out.last_mut() {
            Some(line)
                if (line[0].y - r.y).abs() < 0.5 && {
                    let end = line.last().unwrap();
                    r.x - (end.x + end.width) < 2.5 * r.size.max(end.size)
                } =>
            {
                line.push(r)
            }
            _ => out.push(vec![r]),
        }
    }
    out
}

fn line_text(line: &[Run]) -> String {
    line.iter().map(|r| r.text.as_str()).collect()
}

/// Whether the run is one of the calibration ruler's figures, which are
/// drawing, not text to read (on the page whose caption, in English or
/// Spanish, asks the reader to measure it).
fn ruler_figure(r: &Run, page_text: &str) -> bool {
    [
        "This line should measure exactly",
        "Esta línea debe medir exactamente",
    ]
    .iter()
    .any(|caption| page_text.contains(caption))
        && r.text.trim().chars().all(|c| c.is_ascii_digit())
        && r.text.trim().len() <= 2
}

/// Every promise checked on one document; `numbers` are the phone numbers
/// that must never be broken over a line.
fn check(what: &str, doc: &typst_layout::PagedDocument, numbers: &[&str]) {
    let texts = page_texts(doc);
    let edge = 12.7 * MM;
    let mut seen = vec![0; numbers.len()];
    for (n, page) in doc.pages().iter().enumerate() {
        let at = format!("{what} page {} ({:.50})", n + 1, texts[n]);
        let all = runs(&page.frame);
        // No text under 8 pt.
        for r in &all {
            if r.text.trim().is_empty() || ruler_figure(r, &texts[n]) {
                continue;
            }
            assert!(
                r.size >= 7.99,
                "{at}: {:?} is set at {:.2} pt",
                r.text,
                r.size
            );
        }
        // No two runs overprint.
        let boxes: Vec<_> = all
            .iter()
            .filter(|r| !r.text.trim().is_empty())
            .map(|r| (run_box(r), r))
            .collect();
        for (i, (a, ra)) in boxes.iter().enumerate() {
            for (b, rb) in &boxes[i + 1..] {
                let dx = a.2.min(b.2) - a.0.max(b.0);
                let dy = a.3.min(b.3) - a.1.max(b.1);
                assert!(
                    dx < 0.5 || dy < 0.5,
                    "{at}: {:?} ({:.1} pt) overprints {:?} ({:.1} pt) by {dx:.1} x {dy:.1} pt",
                    ra.text,
                    ra.size,
                    rb.text,
                    rb.size
                );
            }
        }
        // No text runs over a rule: a table's column line, a box's side.
        for rule in vertical_rules(&page.frame) {
            let x = rule.x + rule.w / 2.0;
            for (b, r) in &boxes {
                let dy = b.3.min(rule.y + rule.h) - b.1.max(rule.y);
                assert!(
                    !(dy > 0.5 && b.0 < x - 0.5 && b.2 > x + 0.5),
                    "{at}: {:?} ({:.1} pt) runs over a rule at {:.1} mm from the left",
                    r.text,
                    r.size,
                    x / MM
                );
            }
        }
        // Every phone number whole on one line, at 9 pt or more; never its
        // start at the end of one line and the rest on the next.
        let lines = lines(&all);
        for line in &lines {
            let text = squeeze(&line_text(line));
            for (k, number) in numbers.iter().enumerate() {
                let want = squeeze(number);
                if let Some(i) = text.find(&want) {
                    seen[k] += 1;
                    // The runs that make up the number.
                    let mut from = 0;
                    for r in line {
                        let len = squeeze(&r.text).len();
                        if from + len > i && from < i + want.len() {
                            assert!(
                                r.size >= 8.99,
                                "{at}: the number {number:?} is set at {:.2} pt",
                                r.size
                            );
                        }
                        from += len;
                    }
                }
            }
        }
        for (a, line) in lines.iter().enumerate() {
            let text = squeeze(&line_text(line));
            let x = line[0].x;
            let below = lines.iter().skip(a + 1).find(|l| {
                l[0].y > line[0].y + 1.0
                    && l[0].y < line[0].y + 2.5 * line[0].size
                    && (l[0].x - x).abs() < 3.0
            });
            let Some(below) = below else { continue };
            let next = squeeze(&line_text(below));
            for number in numbers {
                let want = squeeze(number);
                for cut in 1..want.len() {
                    if !want.is_char_boundary(cut) {
                        continue;
                    }
                    let (head, tail) = want.split_at(cut);
                    // Only a cut between two digit groups, as typed.
                    if head.chars().filter(char::is_ascii_digit).count() < 2
                        || tail.chars().filter(char::is_ascii_digit).count() < 2
                    {
                        continue;
                    }
                    assert!(
                        !(text.ends_with(head) && next.starts_with(tail)),
                        "{at}: {number:?} is broken over two lines: {:?} / {:?}",
                        line_text(line),
                        line_text(below)
                    );
                }
            }
        }
        // Nothing within 12.7 mm of an edge.
        let (w, h) = (page.frame.width().to_pt(), page.frame.height().to_pt());
        for (x0, y0, x1, y1, ink) in ink_boxes(&page.frame) {
            assert!(
                x0 >= edge - 0.1
                    && y0 >= edge - 0.1
                    && x1 <= w - edge + 0.1
                    && y1 <= h - edge + 0.1,
                "{at}: {ink:?} at {:.1}..{:.1} x {:.1}..{:.1} mm",
                x0 / MM,
                x1 / MM,
                y0 / MM,
                y1 / MM
            );
        }
    }
    for (k, number) in numbers.iter().enumerate() {
        assert!(seen[k] > 0, "{what}: {number:?} is never printed whole");
    }
}

const LONG_NAMES: &str = "Maximiliana Fitzgerald-Montgomery & Bartholomew Oyelaran-Whitfield";

fn layouts() -> Vec<Vec<&'static str>> {
    vec![
        vec!["--paper", "a4"],
        vec!["--paper", "letter"],
        vec!["--paper", "letter", "--sides", "duplex"],
        vec!["--paper", "a4", "--booklet"],
    ]
}

#[test]
fn print_design_holds_with_the_longest_contacts_a_practice_may_give() {
    for layout in layouts() {
        let mut args = vec!["--names", LONG_NAMES];
        args.extend(layout);
        let doc = compile_config(&fixture("maximal"), &args);
        check(&format!("maximal {args:?}"), &doc, MAXIMAL_NUMBERS);
    }
}

#[test]
fn print_design_holds_with_an_ordinary_practices_contacts() {
    for layout in layouts() {
        let mut args = vec!["--names", "Ana & Ben"];
        args.extend(layout);
        let doc = compile_config(&fixture("ordinary"), &args);
        check(&format!("ordinary {args:?}"), &doc, ORDINARY_NUMBERS);
    }
}

/// With no practice details, the support list prints the widely known
/// numbers and addresses under each row's name, in its narrowest column:
/// on half-letter pages, in Spanish (the longest), they stay inside it.
#[test]
fn print_design_holds_with_no_practice_details_on_the_smallest_pages() {
    for lang in ["en", "es"] {
        let args = [
            "--names",
            "Ana & Ben",
            "--lang",
            lang,
            "--paper",
            "letter",
            "--booklet",
        ];
        let doc = compile_config(&fixture("none"), &args);
        check(&format!("no details {args:?}"), &doc, &[]);
    }
}

#[test]
fn print_design_holds_on_handouts_with_full_branding() {
    for (config, numbers) in [("maximal", MAXIMAL_NUMBERS), ("ordinary", ORDINARY_NUMBERS)] {
        for paper in ["a4", "letter"] {
            for extra in [&["--names", LONG_NAMES][..], &[]] {
                let mut args = vec![
                    "--handout",
                    "apology",
                    "--handout",
                    "support-contacts",
                    "--paper",
                    paper,
                ];
                args.extend_from_slice(extra);
                let doc = compile_config(&fixture(config), &args);
                // The safety box holds the support numbers; the counselor's
                // after-hours line among them.
                let numbers: Vec<&str> = numbers.to_vec();
                check(&format!("{config} handout {args:?}"), &doc, &numbers);
                // The foot is one line on every page.
                for (n, page) in doc.pages().iter().enumerate() {
                    let h = page.frame.height().to_pt();
                    let foot: std::collections::BTreeSet<i64> = runs(&page.frame)
                        .iter()
                        .filter(|r| r.y > h - 22.0 * MM && !r.text.trim().is_empty())
                        .map(|r| r.y.round() as i64)
                        .collect();
                    assert_eq!(foot.len(), 1, "{config} {args:?} page {}: {foot:?}", n + 1);
                }
            }
        }
    }
}

/// The leftmost ink of each page's body (its text, rules and boxes, above
/// the running footer), in mm from the paper's left edge; `None` for a
/// page with nothing on it.
fn body_left_mm(page: &typst_layout::Page) -> Option<f64> {
    let h = page.frame.height().to_pt();
    ink_boxes(&page.frame)
        .into_iter()
        .filter(|(_, y0, _, _, _)| *y0 < h - 22.0 * MM)
        .map(|(x0, ..)| x0 / MM)
        .reduce(f64::min)
}

#[test]
fn print_design_gives_every_page_one_left_edge() {
    // (paper and sides, the left edge in mm: the paper's left margin.)
    for (args, edge) in [
        (&["--paper", "a4"][..], 20.0),
        (&["--paper", "letter"], 20.0),
        (&["--paper", "letter", "--sides", "duplex"], 22.0),
    ] {
        let mut all = vec!["--names", LONG_NAMES];
        all.extend_from_slice(args);
        let doc = compile_config(&fixture("ordinary"), &all);
        let texts = page_texts(&doc);
        for (n, page) in doc.pages().iter().enumerate().skip(1) {
            // A page left blank says so in its middle, and nothing else.
            if texts[n].contains("This page is left blank for notes.") {
                continue;
            }
            let Some(left) = body_left_mm(page) else {
                continue;
            };
            assert!(
                (left - edge).abs() <= 1.0,
                "{args:?} page {} ({:.60}): the body starts at {left:.1} mm, not {edge} mm",
                n + 1,
                texts[n]
            );
        }
    }
}

#[test]
fn print_design_leaves_no_bare_ruled_filler_and_a_one_page_contents() {
    let doc = compile(&["--names", "Ana & Ben", "--paper", "a4"])
        .unwrap()
        .document;
    let texts = page_texts(&doc);
    let filler = texts
        .iter()
        .filter(|t| t.contains("More room to write"))
        .count();
    assert!(filler <= 2, "{filler} pages of \"More room to write\"");
    // The facilitator edition has none: its reading text ends where it ends.
    for args in [
        &["--paper", "a4"][..],
        &["--paper", "letter", "--sides", "duplex"],
        &["--paper", "a4", "--booklet"],
    ] {
        let mut all = vec!["--names", "Ana & Ben", "--edition", "counselor"];
        all.extend_from_slice(args);
        let doc = compile(&all).unwrap().document;
        let filler = page_texts(&doc)
            .iter()
            .filter(|t| t.contains("More room to write"))
            .count();
        assert_eq!(filler, 0, "{args:?}: {filler} pages of ruled filler");
    }
    for (args, most) in [
        (&["--paper", "a4"][..], 1),
        (&["--paper", "letter"], 1),
        (&["--paper", "letter", "--sides", "duplex"], 1),
        (&["--paper", "a4", "--booklet"], 2),
    ] {
        let mut all = vec!["--names", LONG_NAMES];
        all.extend_from_slice(args);
        let doc = compile_config(&fixture("maximal"), &all);
        let texts = page_texts(&doc);
        let first = texts
            .iter()
            .position(|t| t.starts_with("Contents"))
            .unwrap();
        // The last entry, the notes pages, is on the contents' last page.
        let pages = (first..first + most)
            .position(|i| texts[i].contains("Exercise 25 · Our support list"))
            .map(|k| k + 1);
        assert!(
            pages.is_some(),
            "{args:?}: the contents take more than {most} page(s)"
        );
        // Each exercise once, with the pages of every copy.
        let contents = texts[first..first + most].join(" ");
        assert_eq!(contents.matches("Exercise 5 ·").count(), 1, "{contents}");
        assert!(
            contents.contains("Exercise 5 · The apology template"),
            "{contents}"
        );
    }
}
