//! Booklets that staple: above 20 sheets a booklet is bound as volumes,
//! each its own booklet beginning with a cover, written all or none as
//! `…-vol1.pdf`, `…-vol2.pdf`; and the sentence starters of a prompt.

use crate::support::{compile, engine, files_in, page_texts, run, tempdir};

/// A long-reach stapler closes 20 sheets: 80 booklet pages.
const MOST_PAGES: usize = 80;

/// The id and page (0-based) of each part's opening, in reading order,
/// from the marks the book's template leaves there.
fn part_starts(doc: &typst_layout::PagedDocument) -> Vec<(String, usize)> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::utils::PicoStr;
    let label = Label::new(PicoStr::intern("part-start")).unwrap();
    let introspector = doc.introspector();
    (introspector.query(&Selector::Label(label)).iter())
        .map(|c| {
            let Value::Str(id) = &c.to_packed::<MetadataElem>().unwrap().value else {
                panic!("a part mark without its id")
            };
            let page = introspector
                .position(c.location().unwrap())
                .unwrap()
                .page
                .get()
                - 1;
            (id.to_string(), page)
        })
        .collect()
}

#[test]
fn the_default_booklet_is_bound_as_volumes_that_staple() {
    for paper in ["a4", "letter"] {
        let compiled = compile(&["--names", "Ana & Ben", "--paper", paper, "--booklet"]).unwrap();
        let pages = page_texts(&compiled.document);
        let volumes = &compiled.volumes;
        assert!(volumes.len() >= 2, "{paper}: {} pages in one", pages.len());
        // The volumes are the whole layout, in order, each whole sheets
        // of at most 20, each beginning with its own cover.
        assert_eq!(volumes.first().unwrap().start, 0);
        assert_eq!(volumes.last().unwrap().end, pages.len());
        for (i, pair) in volumes.windows(2).enumerate() {
            assert_eq!(pair[0].end, pair[1].start, "{paper}: volume {}", i + 1);
        }
        for (i, volume) in volumes.iter().enumerate() {
            assert!(
                volume.len() <= MOST_PAGES && volume.len().is_multiple_of(4),
                "{paper}: volume {} has {} pages",
                i + 1,
                volume.len()
            );
            let cover = &pages[volume.start];
            let says = format!("Volume {} of {}", i + 1, volumes.len());
            assert!(
                cover.contains("Rebuilding Trust") && cover.contains(&says),
                "{paper}: volume {} opens with {cover:?}",
                i + 1
            );
            // Each volume lists the whole book, naming the volumes.
            let contents = (pages[volume.clone()].iter())
                .find(|p| p.starts_with("Contents"))
                .unwrap_or_else(|| panic!("{paper}: volume {} has no contents", i + 1));
            assert!(
                contents.contains(&format!("Volume {} (this book)", i + 1)),
                "{contents}"
            );
            // Its running foot names the book, as the first volume's does,
            // not the part that ended the volume before.
            assert!(
                contents.contains("Rebuilding Trust · Ana & Ben"),
                "{paper}: volume {}: {contents}",
                i + 1
            );
        }
        // Every part once, in order; none runs from one volume into the next.
        let starts = part_starts(&compiled.document);
        let ids: Vec<&str> = starts.iter().map(|(id, _)| id.as_str()).collect();
        let (_, content) = engine();
        let all: Vec<&str> = content.parts().map(|p| p.id.get_ref().as_str()).collect();
        assert_eq!(ids, all, "{paper}");
        // A volume opens with a part, after its cover and contents (a
        // cover inside a part would leave that part's pages before it).
        for (i, volume) in volumes.iter().enumerate() {
            let first = (starts.iter()).find(|(_, p)| volume.contains(p));
            assert!(
                first.is_some_and(|(_, p)| p - volume.start <= 5),
                "{paper}: volume {} begins {:?}",
                i + 1,
                &pages[volume.start..volume.start + 6]
            );
        }
    }
}

/// The text of side `side` (1-based) of the PDF at `path`, folded.
fn side_text(path: &std::path::Path, side: usize) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-f", &side.to_string(), "-l", &side.to_string()])
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    crate::support::fold(&String::from_utf8_lossy(&out.stdout))
}

/// The Spanish Letter booklet is the longest (51 sheets in one): it is
/// bound as volumes with Spanish covers and contents, and with no warning
/// that the layout did not settle (it was four volumes, one layout pass
/// short of settling, until its support intro got shorter; it is three).
#[test]
fn the_spanish_letter_booklet_is_bound_as_volumes_with_spanish_covers() {
    let dir = tempdir();
    let r = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--lang",
            "es",
            "--paper",
            "letter",
            "--booklet",
            "-o",
            "x.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let names: Vec<String> = files_in(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.len() >= 2, "{names:?}");
    for (i, name) in names.iter().enumerate() {
        assert_eq!(name, &format!("x-vol{}.pdf", i + 1));
        let path = dir.path().join(name);
        let sides = lopdf::Document::load(&path).unwrap().get_pages().len();
        assert!(
            sides <= 40 && sides.is_multiple_of(2),
            "{name}: {sides} sides"
        );
        // The first side: the back cover and the volume's own front cover.
        let cover = side_text(&path, 1);
        let says = format!("Volumen {} de {}", i + 1, names.len());
        assert!(
            cover.contains("Reconstruir la confianza") && cover.contains(&says),
            "{name}: {cover}"
        );
        assert!(
            !cover.contains("Volume ") && !cover.contains("hapter"),
            "{name}: {cover}"
        );
        // The third side: the whole book's contents, this volume marked.
        let contents = side_text(&path, 3);
        let this = format!("Volumen {} (este cuadernillo)", i + 1);
        assert!(
            contents.contains("Índice") && contents.contains(&this),
            "{name}: {contents}"
        );
    }
    // The first volume holds the opening pages, the last the closing ones.
    let first = side_text(&dir.path().join(&names[0]), 1);
    assert!(first.contains("Las primeras páginas y "), "{first}");
    let last = side_text(&dir.path().join(names.last().unwrap()), 1);
    assert!(last.contains(", con las páginas del final"), "{last}");
}

#[test]
fn a_long_booklet_writes_its_volumes_all_named_after_the_target() {
    let dir = tempdir();
    let r = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "--booklet", "-o", "x.pdf"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> = files_in(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.len() >= 2 && !names.contains(&"x.pdf".to_string()),
        "{names:?}"
    );
    for (i, name) in names.iter().enumerate() {
        assert_eq!(name, &format!("x-vol{}.pdf", i + 1));
        assert!(r.stderr.contains(&format!("wrote {name}")), "{}", r.stderr);
        let path = dir.path().join(name);
        let doc = lopdf::Document::load(&path).unwrap();
        let sides = doc.get_pages().len();
        // Two sides a sheet, at most 20 sheets.
        assert!(
            sides <= 40 && sides.is_multiple_of(2),
            "{name}: {sides} sides"
        );
        // The first side: the back cover and the front cover.
        let first = side_text(&path, 1);
        assert!(
            first.contains(&format!("Volume {} of {}", i + 1, names.len())),
            "{name}: {first}"
        );
    }
    // Standard output holds one file: refused after layout, nothing written.
    let r = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "--booklet", "-o", "-"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("bound as") && r.stderr.contains("hint: give -o a file name"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_short_booklet_stays_one_file_named_as_asked() {
    let dir = tempdir();
    let r = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--booklet",
            "--only",
            "safety",
            "--only",
            "rebuilding-trust",
            "--only",
            "support",
            "-o",
            "x.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(files_in(dir.path()), [dir.path().join("x.pdf")]);
    let compiled = compile(&[
        "--names",
        "Ana & Ben",
        "--booklet",
        "--only",
        "safety",
        "--only",
        "rebuilding-trust",
        "--only",
        "support",
    ])
    .unwrap();
    assert!(compiled.volumes.is_empty());
    let pages = page_texts(&compiled.document);
    assert!(pages.len() <= MOST_PAGES, "{} pages", pages.len());
    assert!(!pages[0].contains("Volume 1"), "{}", pages[0]);
}

#[test]
fn a_batch_of_booklets_writes_each_rows_volumes() {
    let dir = tempdir();
    std::fs::write(dir.path().join("c.csv"), "names\n\"Ana & Ben\"\n").unwrap();
    let r = run(
        dir.path(),
        &["batch", "c.csv", "--booklet", "--out-dir", "out"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> = files_in(&dir.path().join("out"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.len() >= 2, "{names:?}");
    for (i, name) in names.iter().enumerate() {
        assert_eq!(name, &format!("workbook-ana-ben-vol{}.pdf", i + 1));
    }
}

#[test]
fn the_i_feel_lines_begin_with_sentence_starters_and_keep_their_fields() {
    let compiled = compile(&[
        "--names",
        "Ana & Ben",
        "--only",
        "rebuilding-trust",
        "--fillable",
    ])
    .unwrap();
    let pages = page_texts(&compiled.document);
    let page = (pages.iter())
        .position(|p| p.contains("Ana’s “I feel” practice"))
        .expect("Ana's I feel page");
    let text = &pages[page];
    let at = text.find("Something about time together").unwrap();
    assert!(
        text[at..].starts_with(
            "Something about time together I feel when because Something about keeping in touch"
        ),
        "{}",
        &text[at..]
    );
    // Each of the prompt's three lines is still a field of its own, which
    // starts after its starter, right of where the starter-less lines start.
    let marks = workbook::typeset::marks::marks(&compiled.document).unwrap();
    let lines: Vec<_> = (marks.iter())
        .filter(|m| {
            m.name
                .starts_with("i-feel.ana.practice-time-together.line-")
        })
        .collect();
    assert_eq!(
        lines.len(),
        3,
        "{:?}",
        lines.iter().map(|m| &m.name).collect::<Vec<_>>()
    );
    // Where a line without a starter starts its field: the apology's.
    let edge = (marks.iter())
        .filter(|m| m.name.starts_with("apology.") && m.name.ends_with(".line-1"))
        .map(|m| m.x)
        .fold(f64::INFINITY, f64::min);
    assert!(edge.is_finite());
    for line in &lines {
        assert!(
            line.x > edge + 5.0,
            "{} at {} (edge {edge})",
            line.name,
            line.x
        );
    }
    assert!(
        (lines.iter()).any(|m| m.tooltip.contains("I feel")),
        "{:?}",
        lines.iter().map(|m| &m.tooltip).collect::<Vec<_>>()
    );
}
