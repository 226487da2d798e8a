//! `workbook answers`: a fillable workbook is filled in here with lopdf, as
//! a viewer would (an incremental update, as pdf.js saves, and a full
//! rewrite, as pikepdf and pypdf save), then read back in each format.
//! .ci/fill_pdfjs.mjs and .ci/fill_pdfium.py do the same with the engines
//! of Firefox and Chrome.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use lopdf::{Document, IncrementalDocument, Object, ObjectId, decode_text_string, text_string};

use crate::support::{Run, tempdir, workbook};

/// Runs `workbook answers ARGS` with no password in the environment.
fn answers(dir: &Path, args: &[&str]) -> Run {
    workbook(dir)
        .env_remove("WORKBOOK_PASSWORD")
        .arg("answers")
        .args(args)
        .output()
        .expect("the binary runs")
        .into()
}

/// A small fillable book, built once: the exercises of each kind.
fn blank() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        let dir = tempdir();
        let r = crate::support::run(
            dir.path(),
            &[
                "build",
                "--names",
                "Ana & Ben",
                "--fillable",
                "--paper",
                "a4",
                "--start-date",
                "2026-12-01",
                "--days",
                "7",
                "--only",
                "apology",
                "--only",
                "gratitude-log",
                "--only",
                "connection-menu",
                "--only",
                "self-care-plan",
                "--only",
                "commitments",
                "-o",
                "blank.pdf",
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        std::fs::read(dir.path().join("blank.pdf")).unwrap()
    })
}

/// Every terminal field by full name: its object, and for a radio group
/// its buttons.
fn fields(doc: &Document) -> HashMap<String, (ObjectId, Vec<ObjectId>)> {
    fn walk(
        doc: &Document,
        id: ObjectId,
        prefix: &str,
        out: &mut HashMap<String, (ObjectId, Vec<ObjectId>)>,
    ) {
        let d = doc.get_dictionary(id).unwrap();
        let t = decode_text_string(d.get(b"T").unwrap()).unwrap();
        let name = if prefix.is_empty() {
            t
        } else {
            format!("{prefix}.{t}")
        };
        match d.get(b"Kids") {
            Ok(Object::Array(kids)) => {
                let kids: Vec<ObjectId> = kids.iter().map(|k| k.as_reference().unwrap()).collect();
                if doc.get_dictionary(kids[0]).unwrap().has(b"T") {
                    for k in kids {
                        walk(doc, k, &name, out);
                    }
                } else {
                    out.insert(name, (id, kids));
                }
            }
            _ => {
                out.insert(name, (id, Vec::new()));
            }
        }
    }
    let mut out = HashMap::new();
    let form = doc.catalog().unwrap().get(b"AcroForm").unwrap();
    let form = doc.get_dictionary(form.as_reference().unwrap()).unwrap();
    for f in form.get(b"Fields").unwrap().as_array().unwrap() {
        walk(doc, f.as_reference().unwrap(), "", &mut out);
    }
    out
}

/// What is typed: text, a ticked box, a chosen option.
enum Typed {
    Text(&'static str),
    Tick,
    Choose(&'static str),
}

const TYPED: &[(&str, Typed)] = &[
    (
        "apology.ana.what-i-did",
        Typed::Text("I read your messages.\nI am sorry — Łukasz, Zoë, Σοφία, Мария"),
    ),
    (
        "gratitude-log.ben.day-02",
        Typed::Text("You made tea, \"just because\""),
    ),
    ("gratitude-log.ben.day-05", Typed::Text("=1+1 *stars*")),
    (
        "connection-menu.ben.gestures.holding-hands-on-a-walk",
        Typed::Tick,
    ),
    (
        "self-care-plan.ana.how-i-am-doing.sleep",
        Typed::Choose("3"),
    ),
    ("commitments.signatures.ben.date", Typed::Text("1 Dec 2026")),
];

/// Sets the values in `doc`'s objects (into `target`, which may be the
/// new revision of an incremental update).
fn fill(source: &Document, target: &mut Document) {
    let by_name = fields(source);
    for (name, typed) in TYPED {
        // An area of ruled lines is a field a line: one typed line each.
        if let Typed::Text(text) = typed
            && !by_name.contains_key(*name)
        {
            for (i, line) in text.lines().enumerate() {
                let (id, _) = by_name
                    .get(&format!("{name}.line-{}", i + 1))
                    .unwrap_or_else(|| panic!("no field {name} or {name}.line-{}", i + 1));
                set_in(source, target, *id, "V", text_string(line));
            }
            continue;
        }
        let (id, kids) = by_name
            .get(*name)
            .unwrap_or_else(|| panic!("no field {name}"));
        let mut set =
            |id: ObjectId, key: &str, value: Object| set_in(source, target, id, key, value);
        match typed {
            Typed::Text(text) => set(*id, "V", text_string(text)),
            Typed::Tick => {
                set(*id, "V", Object::Name(b"Yes".to_vec()));
                set(*id, "AS", Object::Name(b"Yes".to_vec()));
            }
            Typed::Choose(option) => {
                set(*id, "V", Object::Name(option.as_bytes().to_vec()));
                for kid in kids {
                    let states = source.get_dictionary(*kid).unwrap().get(b"AP").unwrap();
                    let on = match states {
                        Object::Dictionary(ap) => match ap.get(b"N").unwrap() {
                            Object::Dictionary(n) => n.has(option.as_bytes()),
                            _ => false,
                        },
                        _ => false,
                    };
                    let state = if on { option.as_bytes() } else { b"Off" };
                    set(*kid, "AS", Object::Name(state.to_vec()));
                }
            }
        }
    }
}

/// Sets `key` of object `id` in `target`, copying it from `source` first.
fn set_in(source: &Document, target: &mut Document, id: ObjectId, key: &str, value: Object) {
    if !target.has_object(id) {
        let o = source.get_object(id).unwrap().clone();
        target.set_object(id, o);
    }
    if let Ok(Object::Dictionary(d)) = target.get_object_mut(id) {
        d.set(key, value);
    }
}

/// The blank book filled in and saved in `dir` both ways: an incremental
/// update and a full rewrite.
fn filled(dir: &Path) -> (PathBuf, PathBuf) {
    let prev = Document::load_mem(blank()).unwrap();
    let mut update = IncrementalDocument::create_from(blank().to_vec(), prev.clone());
    fill(&prev, &mut update.new_document);
    let incremental = dir.join("filled-incremental.pdf");
    let mut bytes = Vec::new();
    update.save_to(&mut bytes).unwrap();
    std::fs::write(&incremental, bytes).unwrap();

    let mut whole = prev.clone();
    let source = prev;
    fill(&source, &mut whole);
    let rewritten = dir.join("filled-rewritten.pdf");
    whole.save(&rewritten).unwrap();
    (incremental, rewritten)
}

#[test]
fn answers_come_back_grouped_in_markdown_from_either_kind_of_save() {
    let dir = tempdir();
    let (incremental, rewritten) = filled(dir.path());
    let before = std::fs::read(&incremental).unwrap();
    let a = answers(dir.path(), &[incremental.to_str().unwrap()]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    let b = answers(dir.path(), &[rewritten.to_str().unwrap()]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert_eq!(a.stdout, b.stdout, "both saves read the same");
    insta::assert_snapshot!("answers_markdown", a.stdout);
    // It never writes to the PDF it reads.
    assert_eq!(std::fs::read(&incremental).unwrap(), before);
    for typed in [
        "Łukasz, Zoë, Σοφία, Мария",
        "- [x] Holding hands on a walk",
        "- Sleep: 3",
    ] {
        assert!(a.stdout.contains(typed), "{typed}:\n{}", a.stdout);
    }
}

#[test]
fn answers_as_csv_and_json_one_row_per_field() {
    let dir = tempdir();
    let (incremental, _) = filled(dir.path());
    let file = incremental.to_str().unwrap();
    let csv = answers(dir.path(), &[file, "--format", "csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    insta::assert_snapshot!("answers_csv", csv.stdout);
    let lines = csv.stdout.split("\r\n").filter(|l| !l.is_empty()).count();
    // A header, six answers, and one typed line break inside a quoted cell.
    assert_eq!(lines, 1 + TYPED.len() + 1, "{}", csv.stdout);
    assert!(csv.stdout.contains("\"'=1+1 *stars*\"") || csv.stdout.contains(",'=1+1 *stars*"));

    let json = answers(dir.path(), &[file, "--format", "JSON"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows.len(), TYPED.len());
    let row = |field: &str| {
        rows.iter()
            .find(|r| r["field"] == field)
            .unwrap_or_else(|| panic!("no row for {field}"))
    };
    let apology = row("apology.ana.what-i-did");
    assert_eq!(apology["partner"], "Ana");
    assert_eq!(apology["prompt"], "What I did, in plain words");
    assert_eq!(
        apology["value"],
        "I read your messages.\nI am sorry — Łukasz, Zoë, Σοφία, Мария"
    );
    let day = row("gratitude-log.ben.day-02");
    assert_eq!(day["partner"], "Ben");
    assert_eq!(day["column"], "Something I appreciated about Ana");
    assert!(day["row"].as_str().unwrap().starts_with("Day 2, "), "{day}");
    assert_eq!(
        row("connection-menu.ben.gestures.holding-hands-on-a-walk")["value"],
        "yes"
    );
    assert_eq!(row("self-care-plan.ana.how-i-am-doing.sleep")["value"], "3");
    assert_eq!(
        row("commitments.signatures.ben.date")["row"],
        "Date signed by Ben"
    );

    // -o writes a file (CSV with a byte order mark, for Excel).
    let out = answers(dir.path(), &[file, "--format", "csv", "-o", "answers.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = std::fs::read_to_string(dir.path().join("answers.csv")).unwrap();
    assert_eq!(written.strip_prefix('\u{feff}'), Some(csv.stdout.as_str()));
}

#[test]
fn all_shows_what_was_left_empty() {
    let dir = tempdir();
    let (incremental, _) = filled(dir.path());
    let file = incremental.to_str().unwrap();
    let some = answers(dir.path(), &[file, "--format", "json"]);
    let all = answers(dir.path(), &[file, "--format", "json", "--all"]);
    let count = |r: &Run| {
        serde_json::from_str::<Vec<serde_json::Value>>(&r.stdout)
            .unwrap()
            .len()
    };
    assert_eq!(count(&some), TYPED.len());
    assert!(count(&all) > 100, "{}", count(&all));
    let md = answers(dir.path(), &[file, "--all"]);
    assert!(md.stdout.contains("- [ ] "), "unticked boxes are listed");
    assert!(md.stdout.contains("*(left empty)*"));
}

#[test]
fn answers_refuses_what_is_not_a_filled_workbook() {
    let dir = tempdir();
    let plain = crate::support::run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--only",
            "apology",
            "-o",
            "plain.pdf",
        ],
    );
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    // Any other PDF: one with a form field of someone else's.
    let mut other = Document::with_version("1.7");
    let field = other.add_object(lopdf::Dictionary::from_iter([
        ("FT", Object::Name(b"Tx".to_vec())),
        ("T", text_string("email")),
        ("V", text_string("someone@example.org")),
    ]));
    let form = other.add_object(lopdf::Dictionary::from_iter([(
        "Fields",
        Object::Array(vec![Object::Reference(field)]),
    )]));
    let pages = other.add_object(lopdf::Dictionary::from_iter([
        ("Type", Object::Name(b"Pages".to_vec())),
        ("Kids", Object::Array(vec![])),
        ("Count", Object::Integer(0)),
    ]));
    let catalog = other.add_object(lopdf::Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages)),
        ("AcroForm", Object::Reference(form)),
    ]));
    other.trailer.set("Root", Object::Reference(catalog));
    other.save(dir.path().join("other.pdf")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a PDF").unwrap();

    let mut messages = String::new();
    for file in ["plain.pdf", "other.pdf", "missing.pdf", "notes.txt", "."] {
        let r = answers(dir.path(), &[file]);
        assert_eq!(r.code, 2, "{file}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{file}: {}", r.stdout);
        messages.push_str(&format!("$ workbook answers {file}\n{}\n", r.stderr));
    }
    insta::assert_snapshot!("answers_refused", messages);
    assert!(messages.contains("plain.pdf: this PDF has no workbook fields"));
    assert!(messages.contains("other.pdf: this PDF has no workbook fields"));
}

#[test]
fn answers_of_a_locked_workbook_need_its_password() {
    let dir = tempdir();
    std::fs::write(dir.path().join("pw.txt"), "correct horse 42\n").unwrap();
    std::fs::write(dir.path().join("wrong.txt"), "wrong horse\n").unwrap();
    let r = crate::support::run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--only",
            "apology",
            "--fillable",
            "--password-file",
            "pw.txt",
            "-o",
            "locked.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let none = answers(dir.path(), &["locked.pdf"]);
    let wrong = answers(dir.path(), &["locked.pdf", "--password-file", "wrong.txt"]);
    insta::assert_snapshot!(
        "answers_locked",
        format!("{}\n{}", none.stderr, wrong.stderr)
    );
    assert_eq!((none.code, wrong.code), (2, 2));
    let right = answers(
        dir.path(),
        &["locked.pdf", "--password-file", "pw.txt", "--all"],
    );
    assert_eq!(right.code, 0, "{}", right.stderr);
    assert!(
        right
            .stdout
            .contains("Exercise 1: The apology template — Ana"),
        "{}",
        right.stdout
    );
    let env = workbook(dir.path())
        .env("WORKBOOK_PASSWORD", "correct horse 42")
        .args(["answers", "locked.pdf", "--all"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&env.stdout), right.stdout);
    // -o never names the PDF being read.
    let same = answers(
        dir.path(),
        &[
            "locked.pdf",
            "--password-file",
            "pw.txt",
            "-o",
            "locked.pdf",
        ],
    );
    assert_eq!(same.code, 2);
    assert!(
        same.stderr.contains("that is the PDF being read"),
        "{}",
        same.stderr
    );
}
