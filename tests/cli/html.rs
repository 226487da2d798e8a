//! The HTML edition (`build --format html`): one self-contained page, the
//! same words as the PDF, every write-in area a control named as the
//! fillable PDF's field, paper-only options refused, and a saved copy of
//! the answers read back by `workbook answers`.

use std::collections::BTreeSet;

use crate::support::{compile, files_in, run, tempdir, text};

/// Builds the default book as HTML in a fresh folder; gives the page.
fn build_html(args: &[&str]) -> String {
    let dir = tempdir();
    let mut all = vec![
        "build",
        "--names",
        "Ana & Ben",
        "--format",
        "html",
        "-o",
        "book.html",
    ];
    all.extend_from_slice(args);
    let run = run(dir.path(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read_to_string(dir.path().join("book.html")).unwrap()
}

/// The text of some HTML, tags taken out and entities decoded.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The distinct words of a text, lower case, letters only.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .collect()
}

/// Every `attr="..."` value of the controls (`data-wb`) in a page.
fn control_names(html: &str) -> BTreeSet<String> {
    html.split("<")
        .filter(|t| t.contains(" data-wb"))
        .filter_map(|t| {
            let at = t.find(" name=\"")? + " name=\"".len();
            Some(t[at..at + t[at..].find('"')?].to_string())
        })
        .collect()
}

#[test]
fn html_is_one_self_contained_page_that_asks_for_nothing() {
    let html = build_html(&[]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<html lang=\"en"),
        "the page says its language"
    );
    let policy = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a security policy");
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(
        !policy.contains("connect-src") && !policy.contains("http"),
        "{policy}"
    );
    // Nothing is loaded from anywhere: no src or stylesheet outside the file.
    assert!(
        !html.contains("src=\"http") && !html.contains("<link"),
        "an outside resource"
    );
    assert_eq!(html.matches("<h1").count(), 1, "one h1");
    assert!(html.contains("<nav") && html.contains("<main id=\"main\""));
    assert!(html.contains("href=\"#main\""), "a skip link");
    assert!(html.contains("What you write stays on this device. Nothing is sent anywhere."));
    for button in [
        "Save a copy of my answers",
        "Load a saved copy",
        "Clear everything from this device",
    ] {
        assert!(html.contains(button), "{button}");
    }
    // Issue 33, item 7: the default book at most 1.5 MB.
    assert!(html.len() <= 1_500_000, "{} bytes", html.len());
}

#[test]
fn every_control_is_named_as_a_field_of_the_fillable_pdf() {
    let html = build_html(&[]);
    let names = control_names(&html);
    assert!(names.len() > 500, "{} controls", names.len());
    assert!(
        names.contains("apology.ana.what-i-did"),
        "one control a prompt"
    );
    assert!(names.contains("gratitude-log.ben.day-07"));
    // The PDF's areas: its fields without their `.line-N` (one a ruled line).
    let dir = tempdir();
    let built = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "--fillable", "-o", "f.pdf"],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
    let listed = run(
        dir.path(),
        &["answers", "f.pdf", "--all", "--format", "json"],
    );
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&listed.stdout).unwrap();
    let pdf: BTreeSet<String> = rows
        .iter()
        .map(|r| r["field"].as_str().unwrap().to_string())
        .collect();
    let stray: Vec<&String> = names.difference(&pdf).collect();
    assert!(stray.is_empty(), "controls with no PDF field: {stray:?}");
}

/// The words only paper has, in `lang`: the calibration ruler's captions
/// (`print.ruler-*`) and the reflection prompt that ends a chapter whose
/// last page has room left (`writein.stayed-*`), a screen having neither.
fn paper_only_words(lang: &str) -> BTreeSet<String> {
    let path = format!("{}/workbook/i18n/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
    let file: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    let mut texts = String::new();
    for (group, prefix) in [("print", "ruler-"), ("writein", "stayed-")] {
        for (key, value) in file[group].as_table().unwrap() {
            if key.starts_with(prefix) {
                texts.push_str(value.as_str().unwrap());
                texts.push(' ');
            }
        }
    }
    words(&texts)
}

/// Every part of the page's `<main>` has only words of the PDF (`pdf`),
/// and the page has every word of the PDF but the paper's own
/// ([`paper_only_words`]) and the pieces of a word the PDF hyphenated
/// at a line's end; `ours` is the title of the page's own box (its note and
/// buttons), which is not the book's.
fn same_words_as_the_pdf(html: &str, pdf: &BTreeSet<String>, ours: &str, lang: &str) {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let mut chapters = 0;
    for section in main.split("<h2").skip(1) {
        // After the heading's own attributes.
        let section = &section[section.find('>').unwrap() + 1..];
        let title = plain(&section[..section.find("</h2>").unwrap()]);
        // The page's own note and buttons are not the book's.
        if title.trim() == ours {
            continue;
        }
        // A table's caption is the PDF's table summary, which is in its
        // structure tree rather than on the page.
        let shown: String = section
            .split("<caption")
            .enumerate()
            .map(|(i, s)| {
                if i == 0 {
                    s
                } else {
                    s.split_once("</caption>").map_or("", |(_, r)| r)
                }
            })
            .collect();
        let here = words(&plain(&shown));
        let missing: Vec<&String> = here.iter().filter(|w| !pdf.contains(*w)).collect();
        assert!(
            missing.is_empty(),
            "{title}: words not in the PDF: {missing:?}"
        );
        chapters += 1;
    }
    assert!(chapters >= 12, "{chapters} parts");
    // And the book's words are on the page: all but the paper's furniture.
    let on_page = words(&plain(html));
    let paper = paper_only_words(lang);
    let absent: Vec<&String> = pdf
        .iter()
        .filter(|w| !on_page.contains(*w) && !paper.contains(*w))
        // "capít" and "ulo": a word hyphenated across two lines of the PDF.
        .filter(|w| !on_page.iter().any(|whole| whole.contains(w.as_str())))
        .collect();
    assert!(
        absent.is_empty(),
        "{} of {} words of the PDF are not in the HTML: {absent:?}",
        absent.len(),
        pdf.len()
    );
}

#[test]
fn each_chapter_has_the_pdfs_words() {
    let html = build_html(&[]);
    let pdf = words(&text(&compile(&["--names", "Ana & Ben"]).unwrap().document));
    same_words_as_the_pdf(&html, &pdf, "Your answers", "en");
}

/// The `[html]` table of a language's strings file.
fn html_strings(lang: &str) -> toml::Table {
    let path = format!("{}/workbook/i18n/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
    let file: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    file["html"].as_table().unwrap().clone()
}

#[test]
fn the_spanish_page_says_es_and_has_the_spanish_pdfs_words() {
    let html = build_html(&["--lang", "es"]);
    assert!(
        html.contains("<html lang=\"es\">"),
        "the page says its language"
    );
    let (en, es) = (html_strings("en"), html_strings("es"));
    // The page's own words (the note, the buttons, what its script says)
    // are the Spanish file's, and none of the English file's is left.
    for key in [
        "private",
        "save",
        "load",
        "clear",
        "skip",
        "saved",
        "clear-confirm",
    ] {
        let (english, spanish) = (en[key].as_str().unwrap(), es[key].as_str().unwrap());
        assert!(html.contains(spanish), "{key}: {spanish}");
        assert!(!html.contains(english), "{key}: {english}");
    }
    assert!(html.contains("Lo que escribes se queda en este dispositivo."));
    // The same words as the Spanish PDF, part by part.
    let doc = lopdf::Document::load_mem(&crate::support::build_pdf(&["--lang", "es"])).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let pdf = words(&doc.extract_text(&pages).unwrap());
    same_words_as_the_pdf(&html, &pdf, es["answers-title"].as_str().unwrap(), "es");
}

#[test]
fn paper_options_are_refused_for_html() {
    let dir = tempdir();
    for flag in [
        &["--paper", "letter"][..],
        &["--booklet"],
        &["--sides", "duplex"],
        &["--ruling", "college"],
        &["--ink-saver"],
    ] {
        let mut args = vec!["build", "--names", "Ana & Ben", "--format", "html"];
        args.extend_from_slice(flag);
        let r = run(dir.path(), &args);
        assert_eq!(r.code, 2, "{flag:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("only means something on paper"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(files_in(dir.path()), Vec::<std::path::PathBuf>::new());
}

/// `preview` draws printed pages and `eject` writes the PDF's Typst
/// project: asked for HTML, each says so rather than quietly making the
/// PDF's pages.
#[test]
fn preview_and_eject_refuse_format_html_and_write_nothing() {
    let dir = tempdir();
    let r = run(
        dir.path(),
        &["preview", "--names", "Ana & Ben", "--format", "html"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    insta::assert_snapshot!(r.stderr, @r"
    error: --format html: `workbook preview` draws the printed pages as images
    hint: build the HTML edition with `workbook build --format html` and open it in a browser
    ");
    let r = run(dir.path(), &["eject", "project", "--format", "html"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    insta::assert_snapshot!(r.stderr, @r"
    error: --format html: `workbook eject` writes the Typst project of the PDF
    hint: build the HTML edition with `workbook build --format html` and open it in a browser
    ");
    assert_eq!(files_in(dir.path()), Vec::<std::path::PathBuf>::new());
}

#[test]
fn format_html_in_workbook_toml_names_the_file_html() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("workbook.toml"),
        "format = \"html\"\n[couple]\nnames = \"Ana & Ben\"\n",
    )
    .unwrap();
    let r = run(dir.path(), &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(dir.path().join("workbook-ana-ben.html")).unwrap();
    assert!(page.contains("apology.ana.what-i-did"));
}

#[test]
fn a_saved_copy_of_the_answers_reads_like_a_filled_pdf() {
    let html = build_html(&[]);
    let table = html
        .split("<script type=\"application/json\" id=\"wb-fields\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap()
        .replace("<\\/", "</");
    let table: serde_json::Value = serde_json::from_str(&table).unwrap();
    // What the page's script saves: the table's fields with their values.
    let answers: Vec<serde_json::Value> = table["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut a = f.clone();
            let value = match f["field"].as_str().unwrap() {
                "apology.ana.what-i-did" => serde_json::json!("I broke my word."),
                "gratitude-log.ben.day-07" => serde_json::json!("You made soup."),
                _ => serde_json::Value::Null,
            };
            a["value"] = value;
            a
        })
        .collect();
    let saved = serde_json::json!({"format": "workbook-answers", "version": 1, "book": table["book"],
        "title": table["title"], "saved": "2026-12-04T22:00:00Z", "answers": answers});
    let dir = tempdir();
    std::fs::write(dir.path().join("my-answers.json"), saved.to_string()).unwrap();
    let md = run(dir.path(), &["answers", "my-answers.json"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout.contains("I broke my word.") && md.stdout.contains("You made soup."),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("Ana & Ben"),
        "the book's title: {}",
        md.stdout
    );
    let json = run(
        dir.path(),
        &["answers", "my-answers.json", "--format", "json"],
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    let apology = rows
        .iter()
        .find(|r| r["field"] == "apology.ana.what-i-did")
        .unwrap();
    assert_eq!(apology["partner"], "Ana");
    assert!(
        apology["exercise"].as_str().unwrap().contains("apology"),
        "{apology}"
    );
}

/// Builds the book as a page locked with a password, with `args` added;
/// gives what the build said on stderr, and the page.
fn locked_page(args: &[&str]) -> (String, String) {
    let dir = tempdir();
    let r = crate::support::workbook(dir.path())
        .args(["build", "--names", "Ana & Ben", "--format", "html"])
        .args(args)
        .args(["-o", "locked.html"])
        .env("WORKBOOK_PASSWORD", "correct horse battery")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr).into_owned();
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    let page = std::fs::read_to_string(dir.path().join("locked.html")).unwrap();
    (stderr, page)
}

#[test]
fn a_password_locks_the_page_and_hides_the_names() {
    let (stderr, page) = locked_page(&[]);
    assert!(stderr.contains("(locked with a password)"));
    assert!(page.contains("<title>A locked workbook</title>"));
    assert!(page.contains("\"iterations\":600000"));
    // What shows: everything but the sealed data (base64, where any few
    // letters may turn up by chance).
    let shown = page
        .split("<script type=\"application/json\"")
        .next()
        .unwrap();
    for hidden in ["Ana", "Ben", "apology", "What you write stays"] {
        assert!(!shown.contains(hidden), "{hidden} shows before unlocking");
    }
}

#[test]
fn a_locked_spanish_page_asks_in_spanish() {
    let (_, page) = locked_page(&["--lang", "es"]);
    let shown = page.split("<script").next().unwrap();
    assert!(
        shown.starts_with("<!DOCTYPE html><html lang=\"es\">"),
        "{shown}"
    );
    let es = html_strings("es");
    for key in [
        "lock-title",
        "lock-text",
        "lock-password",
        "lock-open",
        "lock-opening",
        "lock-wrong",
    ] {
        assert!(shown.contains(es[key].as_str().unwrap()), "{key}");
    }
    assert!(
        !shown.contains("locked") && !shown.contains("Password"),
        "{shown}"
    );
}

#[test]
fn a_batch_rows_format_cell_makes_a_page_or_a_pdf() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("couples.csv"),
        "names,format\nAna & Ben,html\nCara & Dev,pdf\nEli & Fay,\n",
    )
    .unwrap();
    let r = run(dir.path(), &["batch", "couples.csv", "--out-dir", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(dir.path().join("out/workbook-ana-ben.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    let pdf = std::fs::read(dir.path().join("out/workbook-cara-dev.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        dir.path().join("out/workbook-eli-fay.pdf").is_file(),
        "an empty cell is a PDF"
    );
    assert!(!dir.path().join("out/workbook-ana-ben.pdf").exists());
}
