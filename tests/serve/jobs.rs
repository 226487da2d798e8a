//! The jobs through the server: the same bytes as the CLI, the CLI's
//! messages in the error summary, a client list accounted for line by
//! line, and practice settings saved only when good.

use std::path::Path;
use std::process::Command;

use crate::client::{EPOCH, Multipart, Server};

/// `workbook ARGS` in `dir`, as the server runs: the same epoch and locale.
fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("LANG", "en_GB.UTF-8")
        .env_remove("WORKBOOK_PASSWORD")
        .output()
        .unwrap()
}

fn book_form() -> Multipart {
    Multipart::new()
        .field("names", "Ana & Ben")
        .field("paper", "a4")
        .field("start-date", "2026-12-01")
        .field("fillable", "off")
        .field("fillable", "on")
        .finish()
}

/// The book of [`book_form`], built by the CLI in `dir` (with the
/// workbook.toml there, if any): the bytes the server must answer with.
fn book_from_cli(dir: &Path) -> Vec<u8> {
    let out = cli(
        dir,
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--paper",
            "a4",
            "--start-date",
            "2026-12-01",
            "--fillable",
            "-o",
            "cli.pdf",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(dir.join("cli.pdf")).unwrap()
}

#[test]
fn the_server_and_the_cli_build_the_same_bytes() {
    let server = Server::start(&[]);
    let reply = server.post("/build", &book_form());
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/pdf"));
    assert_eq!(
        reply.header("content-disposition"),
        Some("attachment; filename=\"workbook-ana-ben.pdf\"")
    );
    let dir = tempfile::tempdir().unwrap();
    let from_cli = book_from_cli(dir.path());
    assert!(reply.body == from_cli, "the two PDFs differ");
}

#[test]
fn a_bad_date_shows_the_clis_message_in_the_error_summary() {
    let server = Server::start(&[]);
    let form = Multipart::new()
        .field("names", "Ana & Ben")
        .field("start-date", "2026-13-01")
        .finish();
    let reply = server.post("/build", &form);
    assert_eq!(reply.status, 400);
    let page = reply.text();
    let dir = tempfile::tempdir().unwrap();
    let out = cli(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--start-date",
            "2026-13-01",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let message = stderr
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap()
        .replace('"', "&quot;");
    assert!(page.contains("<title>Error: A workbook"), "{page}");
    assert!(
        page.contains(&format!("<a href=\"#start-date\">{message}</a>")),
        "{message} not linked in {page}"
    );
    // The field keeps what was typed, and says what is wrong beside it.
    assert!(page.contains("value=\"2026-13-01\""), "{page}");
    assert!(page.contains("id=\"start-date-error\""), "{page}");
}

#[test]
fn a_client_list_gives_a_zip_that_accounts_for_every_line() {
    let server = Server::start(&[]);
    let list = "names,start-date\nAna & Ben,2026-12-01\nCy & Di,2026-13-01\n,\nEd & Flo,\nGus & Hal,2027-01-04\nIvy & Jo,\n";
    let form = Multipart::new()
        .file("csv", "clients.csv", list.as_bytes())
        .field("paper", "a4")
        .finish();
    let reply = server.post("/batch", &form);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/zip"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(reply.body)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(str::to_string).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "failed-clients.csv",
            "summary.txt",
            "workbook-ana-ben.pdf",
            "workbook-ed-flo.pdf",
            "workbook-gus-hal.pdf",
            "workbook-ivy-jo.pdf",
        ]
    );
    let read = |zip: &mut zip::ZipArchive<_>, name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let summary = read(&mut zip, "summary.txt");
    assert!(summary.starts_with("built 4 of 5 workbooks\n"), "{summary}");
    assert!(
        summary.contains("clients.csv: 7 lines: 1 header, 4 built, 1 failed, 1 blank"),
        "{summary}"
    );
    assert!(summary.contains("clients.csv:3: start-date"), "{summary}");
    assert!(
        !summary.contains("/tmp") && !summary.contains("workbook-serve"),
        "{summary}"
    );
    let failed = read(&mut zip, "failed-clients.csv");
    assert!(failed.contains("Cy & Di,2026-13-01"), "{failed}");
    assert!(!failed.contains("Ana"), "{failed}");
}

#[test]
fn settings_are_checked_as_the_cli_does_and_saved_only_when_good() {
    let server = Server::start(&[]);
    let toml = server.dir.path().join("workbook.toml");
    let long = "5".repeat(300);
    let bad = Multipart::new()
        .field("name", "Dr. Sam Example")
        .field("phone", &long)
        .finish();
    let reply = server.post("/settings", &bad);
    assert_eq!(reply.status, 400);
    assert!(
        reply.text().contains("<a href=\"#phone\">"),
        "{}",
        reply.text()
    );
    assert!(!toml.exists(), "saved although refused");
    let before = server.post("/build", &book_form()).body;
    let good = Multipart::new()
        .field("name", "Dr. Sam Example")
        .field("practice", "Example Couples Practice")
        .field("crisis-line", "988")
        .field("paper", "a4")
        .field("fillable", "off")
        .finish();
    let reply = server.post("/settings", &good);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.text().contains("Your settings are saved"));
    let saved = std::fs::read_to_string(&toml).unwrap();
    assert!(saved.contains("name = \"Dr. Sam Example\""), "{saved}");
    assert!(saved.contains("[print]\npaper = \"a4\""), "{saved}");
    // The next workbook is the one the CLI builds with that file.
    let after = server.post("/build", &book_form()).body;
    assert!(after != before, "the settings changed nothing");
    let from_cli = book_from_cli(server.dir.path());
    assert!(
        after == from_cli,
        "the server did not use the saved settings"
    );
}

#[test]
fn a_file_that_is_not_a_pdf_is_refused_by_name() {
    let server = Server::start(&[]);
    let form = Multipart::new()
        .file("file", "notes.txt", b"hello")
        .finish();
    let reply = server.post("/answers", &form);
    assert_eq!(reply.status, 400);
    assert!(
        reply
            .text()
            .contains("<a href=\"#file\">notes.txt: it is not a PDF</a>"),
        "{}",
        reply.text()
    );
}

#[test]
fn proofs_come_before_the_download_as_images_in_the_page() {
    let server = Server::start(&[]);
    let form = Multipart::new()
        .field("names", "Ana & Ben")
        .field("proof", "on")
        .finish();
    let reply = server.post("/build", &form);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let page = reply.text();
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    for words in ["The cover", "The safety page", "The support contacts"] {
        assert!(
            page.contains(&format!("alt=\"{words}, as it will print\"")),
            "{words}"
        );
    }
    assert!(
        page.matches("src=\"data:image/png;base64,iVBORw0KGgo")
            .count()
            >= 3
    );
    // The form is there again, with the names kept.
    assert!(page.contains("value=\"Ana &amp; Ben\""), "{page}");
}

#[test]
fn a_logo_is_checked_as_the_cli_does_and_saved_beside_the_settings() {
    let server = Server::start(&[]);
    let not_an_image = Multipart::new()
        .field("name", "Dr. Sam Example")
        .file("logo", "logo.png", b"not a png")
        .finish();
    let reply = server.post("/settings", &not_an_image);
    assert_eq!(reply.status, 400);
    assert!(
        reply
            .text()
            .contains("<a href=\"#logo\">[counselor] logo logo.png: "),
        "{}",
        reply.text()
    );
    assert!(!server.dir.path().join("workbook.toml").exists());
    let logo = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practice/logo.png"),
    )
    .unwrap();
    let good = Multipart::new()
        .field("name", "Dr. Sam Example")
        .file("logo", "our-logo.png", &logo)
        .finish();
    let reply = server.post("/settings", &good);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        std::fs::read(server.dir.path().join("logo.png")).unwrap(),
        logo
    );
    let saved = std::fs::read_to_string(server.dir.path().join("workbook.toml")).unwrap();
    assert!(saved.contains("logo = \"logo.png\""), "{saved}");
}

#[test]
fn progress_is_counts_only() {
    let server = Server::start(&[]);
    let h = [("Host".to_string(), server.host()), server.bearer()];
    let reply = crate::client::request(server.port, "GET", "/progress", &h, None);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "{\"running\":false,\"done\":0,\"total\":0}");
}

#[test]
fn a_client_list_is_accounted_for_line_by_line_before_anything_is_built() {
    let server = Server::start(&[]);
    let list = "names,start-date\nAna & Ben,2026-12-01\nCy & Di,2026-13-01\n,\nEd & Flo,\n";
    let form = Multipart::new()
        .file("csv", "clients.csv", list.as_bytes())
        .field("check", "on")
        .finish();
    let reply = server.post("/batch", &form);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let page = reply.text();
    assert!(
        page.contains("clients.csv: 5 lines: 1 header, 2 to build, 1 to fix, 1 blank"),
        "{page}"
    );
    assert!(page.contains("<tr><td>2</td><td>will be built as workbook-ana-ben.pdf</td></tr>"));
    assert!(page.contains("<tr class=\"to-fix\"><td>3</td><td>clients.csv:3: start-date"));
    assert!(page.contains("<tr><td>4</td><td>blank: skipped</td></tr>"));
    assert!(
        !page.contains("workbook-serve"),
        "the private folder shows: {page}"
    );
}

#[test]
fn the_handouts_page_without_a_tick_says_so_there() {
    let server = Server::start(&[]);
    let form = Multipart::new().field("page", "handouts").finish();
    let reply = server.post("/build", &form);
    assert_eq!(reply.status, 400);
    let page = reply.text();
    assert!(page.contains("<title>Error: Handouts"), "{page}");
    assert!(
        page.contains("<a href=\"#handout\">tick at least one exercise to print</a>"),
        "{page}"
    );
}

/// A PDF's text, white space folded.
fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form's small book (the how-to and safety pages) in `lang`.
fn small_book(lang: &str) -> Multipart {
    Multipart::new()
        .field("names", "Ana & Ben")
        .field("lang", lang)
        .field("only", "safety, how-to-use")
        .finish()
}

fn get(server: &Server, path: &str) -> String {
    let h = [("Host".to_string(), server.host()), server.bearer()];
    crate::client::request(server.port, "GET", path, &h, None).text()
}

#[test]
fn the_form_builds_the_book_in_the_language_chosen_and_refuses_an_unknown_one() {
    let server = Server::start(&[]);
    // Each language in its own words, the server's own (English) chosen.
    for path in ["/build", "/handouts", "/facilitator", "/batch"] {
        let page = get(&server, path);
        assert!(
            page.contains("<option value=\"en\" lang=\"en\" selected>English</option>")
                && page.contains("<option value=\"es\" lang=\"es\">Español</option>"),
            "{path}: {page}"
        );
    }
    let reply = server.post("/build", &small_book("es"));
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/pdf"));
    let text = pdf_text(&reply.body);
    assert!(
        text.contains("Antes de empezar: tu seguridad") && text.contains("Ana y Ben"),
        "{text}"
    );
    assert!(!text.contains("Before you begin"), "{text}");
    // English still, on the same server.
    let text = pdf_text(&server.post("/build", &small_book("en")).body);
    assert!(text.contains("Before you begin: your safety"), "{text}");

    let reply = server.post("/build", &small_book("xx"));
    assert_eq!(reply.status, 400);
    let page = reply.text();
    let message = page
        .split_once("<a href=\"#lang\">")
        .and_then(|(_, rest)| rest.split_once("</a>"))
        .map(|(message, _)| message)
        .unwrap_or_else(|| panic!("no error linked to the lang field: {page}"));
    insta::assert_snapshot!(message, @"--lang &quot;xx&quot;: the guide is written in en and es");
    assert!(page.contains("id=\"lang-error\""), "{page}");
}

#[test]
fn the_servers_language_comes_from_its_settings() {
    let settings = tempfile::tempdir().unwrap();
    let toml = settings.path().join("workbook.toml");
    std::fs::write(&toml, "lang = \"es\"\n").unwrap();
    let server = Server::start(&["-c", toml.to_str().unwrap()]);
    let page = get(&server, "/build");
    assert!(
        page.contains("<option value=\"es\" lang=\"es\" selected>Español</option>"),
        "{page}"
    );
    // A form without the field gets the server's language.
    let form = Multipart::new()
        .field("names", "Ana & Ben")
        .field("only", "safety, how-to-use")
        .finish();
    let reply = server.post("/build", &form);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(pdf_text(&reply.body).contains("Antes de empezar: tu seguridad"));
}

#[test]
fn a_client_lists_lang_column_wins_over_the_forms_language() {
    let server = Server::start(&[]);
    let list = "names,lang\nAna & Ben,en\nCy & Di,\nEd & Flo,fr\n";
    let form = Multipart::new()
        .file("csv", "clients.csv", list.as_bytes())
        .field("lang", "es")
        .field("only", "safety, how-to-use")
        .finish();
    let reply = server.post("/batch", &form);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(reply.body)).unwrap();
    let mut read = |name: &str| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut bytes).unwrap();
        bytes
    };
    assert!(pdf_text(&read("workbook-ana-ben.pdf")).contains("Before you begin: your safety"));
    // An empty cell: the form's language.
    assert!(pdf_text(&read("workbook-cy-di.pdf")).contains("Antes de empezar: tu seguridad"));
    let failed = String::from_utf8(read("failed-clients.csv")).unwrap();
    assert!(failed.contains("Ed & Flo,fr"), "{failed}");
    let summary = String::from_utf8(read("summary.txt")).unwrap();
    assert!(
        summary.contains("clients.csv:4: lang \"fr\": the guide is written in en and es"),
        "{summary}"
    );
}
