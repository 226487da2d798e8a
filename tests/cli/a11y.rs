//! How the PDF reads aloud (issue 17), from its structure tree read back
//! with lopdf: no empty labels, no kicker read as a paragraph of a heading,
//! tables with header cells, row headers and summaries, each naming its
//! page, and a logo described in the practice's own words. The reading order
//! itself is checked in CI with pikepdf (.ci/reading_order.py).

use lopdf::{Dictionary, Document, Object};

use crate::support::*;

/// Every structure element, in tree order, with its parent's type.
fn elements(doc: &Document) -> Vec<(String, Dictionary)> {
    fn walk(doc: &Document, o: &Object, parent: &str, out: &mut Vec<(String, Dictionary)>) {
        let d = match o {
            Object::Reference(id) => match doc.get_dictionary(*id) {
                Ok(d) => d,
                Err(_) => return,
            },
            Object::Dictionary(d) => d,
            _ => return,
        };
        if matches!(
            d.get(b"Type").and_then(Object::as_name),
            Ok(b"MCR" | b"OBJR")
        ) {
            return;
        }
        let s = kind(d);
        if d.has(b"S") {
            out.push((parent.to_owned(), d.clone()));
        }
        match d.get(b"K") {
            Ok(Object::Array(kids)) => kids.iter().for_each(|k| walk(doc, k, &s, out)),
            Ok(kid) => walk(doc, kid, &s, out),
            Err(_) => {}
        }
    }
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let mut out = Vec::new();
    walk(doc, root, "", &mut out);
    out
}

fn kind(d: &Dictionary) -> String {
    d.get(b"S")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

fn kids(d: &Dictionary) -> Vec<Object> {
    match d.get(b"K") {
        Ok(Object::Array(k)) => k.clone(),
        Ok(k) => vec![k.clone()],
        Err(_) => vec![],
    }
}

/// A table attribute (`/A` with `/O /Table`), such as /Summary or /Scope.
fn table_attr(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<Object> {
    let attrs = match d.get(b"A").ok()? {
        Object::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    attrs.iter().find_map(|a| {
        let a = doc.dereference(a).ok()?.1.as_dict().ok()?;
        (a.get(b"O").and_then(Object::as_name).ok()? == b"Table")
            .then(|| a.get(key).ok().cloned())
            .flatten()
    })
}

fn text(doc: &Document, o: &Object) -> String {
    let o = doc.dereference(o).unwrap().1;
    lopdf::decode_text_string(o).unwrap()
}

#[test]
fn the_tree_has_no_empty_labels_and_no_kicker_inside_a_heading() {
    let doc = Document::load_mem(&build_pdf(&["--paper", "a4"])).unwrap();
    let all = elements(&doc);
    // The checklists' tick boxes are drawn, so their labels had nothing to
    // say; they are gone, and the lists' other labels (bullets) stay.
    let labels: Vec<_> = all.iter().filter(|(_, d)| kind(d) == "Lbl").collect();
    assert!(!labels.is_empty());
    for (_, l) in &labels {
        assert!(
            !kids(l).is_empty() || l.has(b"Alt") || l.has(b"ActualText"),
            "an empty label: {l:?}"
        );
    }
    // "Chapter 1" over a chapter's title was a paragraph inside its H1; it
    // is an artifact now, and headings hold their own text only.
    let in_headings = all
        .iter()
        .filter(|(parent, d)| parent.starts_with('H') && kind(d) == "P")
        .count();
    assert_eq!(in_headings, 0, "paragraphs inside headings");
}

#[test]
fn tables_have_header_cells_row_headers_summaries_and_a_page() {
    let doc = Document::load_mem(&build_pdf(&["--paper", "a4"])).unwrap();
    let all = elements(&doc);
    let tables: Vec<_> = all.iter().filter(|(_, d)| kind(d) == "Table").collect();
    assert!(tables.len() >= 14, "{} tables", tables.len());
    for (_, t) in &tables {
        assert!(
            t.get(b"Pg").and_then(Object::as_reference).is_ok(),
            "a table without /Pg"
        );
    }
    let summaries: Vec<String> = tables
        .iter()
        .filter_map(|(_, t)| table_attr(&doc, t, b"Summary"))
        .map(|s| text(&doc, &s))
        .collect();
    // Every write-in table says so; only the safety page's list of numbers,
    // which is filled in already, has none.
    assert_eq!(summaries.len(), tables.len() - 1, "{summaries:#?}");
    // A table split across pages goes on as a second table that says so.
    assert!(
        summaries.iter().all(|s| s.starts_with("A table to fill in")
            || s.starts_with("The same table, continued: rows ")),
        "{summaries:#?}"
    );
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("The same table, continued: rows "))
    );
    assert!(
        summaries.contains(
            &"A table to fill in, one row a day: 14 rows, each starting with its day number."
                .to_owned()
        )
    );
    // Row headers: the logs' day numbers, the lists' row names, the scales'
    // statements and the safety page's "Crisis line".
    let th: Vec<_> = all.iter().filter(|(_, d)| kind(d) == "TH").collect();
    let rows = th
        .iter()
        .filter(|(_, d)| {
            table_attr(&doc, d, b"Scope").is_some_and(|s| s.as_name().ok() == Some(b"Row"))
        })
        .count();
    assert!(rows >= 100, "{rows} row headers");
}

/// A practice with a logo, and `extra` lines in its [counselor] table.
/// A build into `a.pdf` for a practice with a logo, and `extra` lines in
/// its [counselor] table.
fn practice_with_logo(extra: &str) -> Test {
    Test::build()
        .write(
            "logo.png",
            std::fs::read(root().join("tests/fixtures/practice/logo.png")).unwrap(),
        )
        .config(format!(
            "[counselor]\npractice = \"Example Couples Practice\"\nlogo = \"logo.png\"\n{extra}"
        ))
        .args(["-o", "a.pdf"])
}

/// The /Alt of every figure in the book the practice builds.
fn figure_alts(practice: Test) -> Vec<String> {
    let out = practice.run();
    let doc = Document::load(out.path("a.pdf")).unwrap();
    elements(&doc)
        .iter()
        .filter(|(_, d)| kind(d) == "Figure")
        .map(|(_, d)| text(&doc, d.get(b"Alt").expect("a figure without /Alt")))
        .collect()
}

#[test]
fn the_logo_is_described_in_the_practices_words_or_by_its_name() {
    let words = "Example Couples Practice: two overlapping circles";
    let practice = practice_with_logo(&format!("logo-alt = \"{words}\"\n"));
    assert_eq!(figure_alts(practice), vec![words.to_owned()]);
    assert_eq!(
        figure_alts(practice_with_logo("")),
        vec!["Logo of Example Couples Practice".to_owned()]
    );
}

#[test]
fn a_logo_description_is_checked_like_other_config_text() {
    let run = practice_with_logo(&format!("logo-alt = \"{}\"\n", "x".repeat(200)))
        .status(2)
        .no_file("a.pdf")
        .run();
    insta::assert_snapshot!(run.stderr, @r"
    error: workbook.toml:4:12: logo-alt: it has 200 characters; a logo's description takes at most 150
    hint: describe the logo in a sentence; a screen reader reads all of it each time
    ");
    let run = practice_with_logo("logo-alt = \"two\\u0007circles\"\n")
        .status(2)
        .run();
    insta::assert_snapshot!(run.stderr, @"error: workbook.toml:4:12: logo-alt: it contains the control character U+0007");
}
