//! The Spanish edition: `--lang es` builds the same book in Spanish, with
//! the English book's form-field names, Spanish dates and the couple's
//! country's safety numbers; an unknown language is refused.

use crate::support::*;

fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    fold(&doc.extract_text(&pages).unwrap())
}

/// Every phrase of the templates' English (three words or more, without
/// placeholders or markup) that the Spanish file says differently.
fn english_phrases() -> Vec<String> {
    let read = |lang: &str| -> toml::Table {
        let path = format!("{}/workbook/i18n/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap().parse().unwrap()
    };
    fn flat(prefix: &str, table: &toml::Table, out: &mut Vec<(String, String)>) {
        for (k, v) in table {
            let key = format!("{prefix}{k}");
            match v {
                toml::Value::String(s) => out.push((key, s.clone())),
                toml::Value::Table(t) if k != "regional" => flat(&format!("{key}."), t, out),
                _ => {}
            }
        }
    }
    let (mut en, mut es) = (Vec::new(), Vec::new());
    flat("", &read("en"), &mut en);
    flat("", &read("es"), &mut es);
    en.into_iter()
        .filter(|(k, v)| {
            v.split_whitespace().count() >= 3
                && !v.contains(['{', '*', '#', '_'])
                && es.iter().any(|(k2, v2)| k2 == k && v2 != v)
        })
        .map(|(_, v)| fold(&curly(&v)))
        .collect()
}

#[test]
fn the_spanish_book_has_no_english_left() {
    let text = pdf_text(&build_pdf(&["--lang", "es", "--start-date", "2026-12-08"]));
    let phrases = english_phrases();
    assert!(phrases.len() > 40, "{} phrases", phrases.len());
    for phrase in &phrases {
        assert!(!text.contains(phrase.as_str()), "English left: {phrase:?}");
    }
    // Nor the guide's own: no English part or exercise title.
    for title in [
        "Before you begin: your safety",
        "Understanding trust",
        "The apology template",
        "Our support list",
        "Numbers to keep close",
    ] {
        assert!(!text.contains(title), "{title}");
    }
    for spanish in [
        "Reconstruir la confianza",
        "Antes de empezar: tu seguridad",
        "Plantilla para pedir perdón",
        "Números para tener a mano",
        "Ana y Ben",
    ] {
        assert!(text.contains(spanish), "{spanish}");
    }
}

#[test]
fn the_spanish_booklets_subject_is_spanish() {
    // The note that an imposed booklet is not tagged, in the PDF's Info
    // dictionary, comes from es.toml (`titles.booklet-subject`).
    let pdf = build_pdf(&["--lang", "es", "--booklet", "--only", "rebuilding-trust"]);
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let subject = doc.get_dictionary(info).unwrap().get(b"Subject").unwrap();
    let subject = lopdf::decode_text_string(subject).unwrap();
    assert!(
        subject.starts_with("Cuadernillo para imprimir"),
        "{subject}"
    );
    assert!(subject.contains("no está etiquetado"), "{subject}");
    assert!(!subject.contains("not tagged"), "{subject}");
}

#[test]
fn dated_logs_use_spanish_weekdays_and_months() {
    let text = pdf_text(&build_pdf(&["--lang", "es", "--start-date", "2026-12-08"]));
    // The gratitude log starts in week 9: Tuesday 2 February 2027.
    assert!(text.contains("de febrero de 2027"), "no Spanish month");
    assert!(
        ["lun ", "mar ", "mié ", "jue ", "vie ", "sáb ", "dom "]
            .iter()
            .filter(|d| text.contains(*d))
            .count()
            >= 5,
        "no Spanish weekdays"
    );
    for english in ["Tuesday", "February", "Mon ", "Tue ", "Wed "] {
        assert!(!text.contains(english), "{english}");
    }
}

#[test]
fn the_spanish_fillable_book_has_the_english_field_names() {
    let english = field_names(&build_pdf(&["--fillable"]));
    let spanish = field_names(&build_pdf(&["--lang", "es", "--fillable"]));
    assert!(english.len() > 1000, "{} fields", english.len());
    assert_eq!(english, spanish);
}

#[test]
fn the_safety_numbers_follow_the_couples_country() {
    let everywhere = pdf_text(&build_pdf(&["--lang", "es"]));
    for n in [
        "988",
        "024",
        "Línea de la Vida 800 911 2000",
        "findahelpline.com",
    ] {
        assert!(everywhere.contains(n), "{n}");
    }
    let spain = pdf_text(&build_pdf(&["--lang", "es", "--region", "ES"]));
    for n in ["112", "024", "016"] {
        assert!(spain.contains(n), "{n}");
    }
    assert!(!spain.contains("988"));
    let mexico = pdf_text(&build_pdf(&["--lang", "es", "--region", "mx"]));
    assert!(mexico.contains("Línea de la Vida 800 911 2000"));
    assert!(!mexico.contains("988") && !mexico.contains("024"));
    // A practice's own number always wins.
    let dir = tempdir();
    std::fs::write(
        dir.path().join("workbook.toml"),
        "lang = \"es\"\nregion = \"ES\"\n[support]\ncrisis-line = \"900 555 123\"\n",
    )
    .unwrap();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "-c",
            "workbook.toml",
            "-o",
            "x.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let own = pdf_text(&std::fs::read(dir.path().join("x.pdf")).unwrap());
    assert!(own.contains("900 555 123") && !own.contains("024"));
}

#[test]
fn an_unknown_language_is_refused_naming_those_there_are() {
    let dir = tempdir();
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "--lang", "xx"],
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @r#"error: --lang "xx": the guide is written in en and es"#);
    let run = crate::support::run(dir.path(), &["list", "--lang", "fr"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the guide is written in en and es"),
        "{}",
        run.stderr
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn workbook_list_shows_spanish_titles() {
    let dir = tempdir();
    let run = run(dir.path(), &["list", "--lang", "es"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Plantilla para pedir perdón"));
    assert!(run.stdout.contains("apology"), "ids stay English");
}

#[test]
fn the_spanish_facilitator_edition_handout_and_private_pages_build() {
    for args in [
        &["--edition", "counselor"][..],
        &["--handout", "apology"],
        &["--split", "partners", "-o", "libro.pdf"],
    ] {
        let dir = tempdir();
        let mut all = vec!["build", "--names", "Ana & Ben", "--lang", "es"];
        all.extend_from_slice(args);
        let run = run(dir.path(), &all);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        for pdf in files_in(dir.path()) {
            let text = pdf_text(&std::fs::read(&pdf).unwrap());
            assert!(
                !text.contains("Partner A") && !text.contains(" on your own"),
                "{pdf:?}"
            );
        }
    }
}

/// A small selection, so each row of a batch builds fast: the how-to and
/// safety pages say which language a book is in.
const FEW: [&str; 4] = ["--only", "safety", "--only", "how-to-use"];

#[test]
fn a_batch_builds_each_row_in_its_own_language() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("c.csv"),
        "names,Lang\nAna & Ben,en\nCleo & Dan,ES\nEve & Fay,\nGil & Hal,xx\n",
    )
    .unwrap();
    let mut args = vec!["batch", "c.csv", "--out-dir", "out", "--jobs", "1"];
    args.extend_from_slice(&FEW);
    let run = stable(run(dir.path(), &args));
    // A bad row fails alone, as any bad cell does: exit 1, the others built.
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The row's error comes as soon as the row is read, before or after
    // the builds: the summary is what stays in this order.
    assert!(
        run.stderr
            .contains("error: c.csv:5: lang \"xx\": the guide is written in en and es\n"),
        "{}",
        run.stderr
    );
    let summary = &run.stderr[run.stderr.find("built 3 of 4").unwrap()..];
    insta::assert_snapshot!(summary, @r#"
    built 3 of 4 workbooks in [time] s
    c.csv: 5 lines: 1 header, 3 built, 1 failed, 0 blank
    error: 1 row failed:
      c.csv:5: lang "xx": the guide is written in en and es
    hint: the rows to fix are in out/failed-c.csv: fix them there and run `workbook batch out/failed-c.csv` with the same options
    "#);
    let text = |file: &str| pdf_text(&std::fs::read(dir.path().join("out").join(file)).unwrap());
    let (english, spanish) = (
        ["Before you begin: your safety", "Ana & Ben"],
        ["Antes de empezar: tu seguridad", "Cleo y Dan"],
    );
    let ana = text("workbook-ana-ben.pdf");
    has_all(&ana, &english);
    has_none(&ana, &spanish[..1]);
    let cleo = text("workbook-cleo-dan.pdf");
    has_all(&cleo, &spanish);
    has_none(&cleo, &english[..1]);
    // An empty cell is the batch's language: English by default.
    has_all(&text("workbook-eve-fay.pdf"), &english[..1]);
    assert_eq!(
        file_names(&dir.path().join("out")),
        [
            "failed-c.csv",
            "workbook-ana-ben.pdf",
            "workbook-cleo-dan.pdf",
            "workbook-eve-fay.pdf"
        ]
    );
    let failed = std::fs::read_to_string(dir.path().join("out/failed-c.csv")).unwrap();
    // As every failed file is written, for Excel: a BOM and CRLF.
    assert_eq!(failed, "\u{feff}names,Lang\r\nGil & Hal,xx\r\n");
}

#[test]
fn a_batchs_empty_lang_cells_take_its_language_and_a_region_its_numbers() {
    let dir = tempdir();
    std::fs::write(dir.path().join("workbook.toml"), "lang = \"es\"\n").unwrap();
    std::fs::write(
        dir.path().join("c.csv"),
        "names,language,region\nAna & Ben,,MX\nCleo & Dan,es,ES\nEve & Fay,en,\n",
    )
    .unwrap();
    let run = stable(run(
        dir.path(),
        &[
            "batch",
            "c.csv",
            "--out-dir",
            "out",
            "--jobs",
            "2",
            "--only",
            "support",
        ],
    ));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = |file: &str| pdf_text(&std::fs::read(dir.path().join("out").join(file)).unwrap());
    // From workbook.toml, with Mexico's numbers.
    let mexico = text("workbook-ana-ben.pdf");
    has_all(&mexico, &["Ana y Ben", "Línea de la Vida 800 911 2000"]);
    has_none(&mexico, &["988", "024", "Ana & Ben"]);
    let spain = text("workbook-cleo-dan.pdf");
    has_all(&spain, &["Cleo y Dan", "112", "024", "016"]);
    has_none(&spain, &["988", "Línea de la Vida"]);
    // A cell wins over workbook.toml.
    let english = text("workbook-eve-fay.pdf");
    has_all(&english, &["Eve & Fay", "Support contacts"]);
    has_none(&english, &["Eve y Fay"]);
}
