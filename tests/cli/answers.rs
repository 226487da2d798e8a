//! `workbook answers`: a fillable workbook is filled in here with lopdf, as
//! a viewer would (an incremental update, as pdf.js saves, and a full
//! rewrite, as pikepdf and pypdf save), then read back in each format.
//! .ci/fill_pdfjs.mjs and .ci/fill_pdfium.py do the same with the engines
//! of Firefox and Chrome.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use lopdf::{Document, IncrementalDocument, Object, ObjectId, decode_text_string, text_string};

use crate::support::{Run, Test, files_in, has_all, tempdir, var, workbook};

/// Runs `workbook answers ARGS` with no password in the environment.
fn answers(dir: &Path, args: &[&str]) -> Run {
    workbook(dir)
        .env_remove(var::PASSWORD)
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
        let mut only = Vec::new();
        for id in [
            "apology",
            "gratitude-log",
            "connection-menu",
            "self-care-plan",
            "commitments",
        ] {
            only.extend(["--only", id]);
        }
        Test::build()
            .args(["--fillable", "--paper", "a4"])
            .args(["--start-date", "2026-12-01", "--days", "7"])
            .args(only)
            .args(["-o", "blank.pdf"])
            .run()
            .read("blank.pdf")
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
    (
        "gratitude-log.ben.day-03",
        Typed::Text("+48 22 123 45 67 on 7.12.2026"),
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
    has_all(
        &a.stdout,
        &[
            "Łukasz, Zoë, Σοφία, Мария",
            "- [x] Holding hands on a walk",
            "- Sleep: 3",
            // A phone number and a date as typed; only the stars would
            // be read as Markdown.
            "| +48 22 123 45 67 on 7.12.2026 |",
            "| =1+1 \\*stars\\* |",
        ],
    );
}

#[test]
fn answers_as_csv_and_json_one_row_per_field() {
    let dir = tempdir();
    let (incremental, _) = filled(dir.path());
    let file = incremental.to_str().unwrap();
    let csv = answers(dir.path(), &[file, "--format", "csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    // A byte order mark first, on standard output too (Excel reads a
    // redirected file by it).
    let rows = csv
        .stdout
        .strip_prefix('\u{feff}')
        .expect("a byte order mark");
    insta::assert_snapshot!("answers_csv", rows);
    let lines = rows.split("\r\n").filter(|l| !l.is_empty()).count();
    // A header, six answers, and one typed line break inside a quoted cell.
    assert_eq!(lines, 1 + TYPED.len() + 1, "{}", csv.stdout);
    assert!(rows.contains("\"'=1+1 *stars*\"") || rows.contains(",'=1+1 *stars*"));

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
    assert_eq!(written, csv.stdout);
}

/// What Python's `csv` module reads from `path` (decoded as `utf-8-sig`,
/// with `delimiter`), as JSON rows; the byte order mark is checked too.
fn read_with_python(path: &Path, delimiter: &str) -> Vec<Vec<String>> {
    let script = r#"
import csv, json, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no byte order mark"
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .arg(delimiter)
        .output()
        .expect("python3 runs (the CI scripts need it too)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A counselor redirects the answers into a file (`> a.csv`), for Excel
/// or a script: Python's `csv` opens it with `utf-8-sig`, with the `;`
/// dialect when `--delimiter ';'` asked for it, and every value is there
/// as typed (less the `'` before a formula, which Excel hides).
#[test]
fn answers_csv_redirected_to_a_file_opens_in_python_with_every_value_intact() {
    let dir = tempdir();
    let (incremental, _) = filled(dir.path());
    let file = incremental.to_str().unwrap();
    let json = answers(dir.path(), &[file, "--format", "json"]);
    let want: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    for (delimiter, extra) in [(",", None), (";", Some(";"))] {
        let target = dir.path().join(if extra.is_some() {
            "a-semicolon.csv"
        } else {
            "a.csv"
        });
        let mut cmd = workbook(dir.path());
        cmd.env_remove(var::PASSWORD)
            .args(["answers", file, "--format", "csv"])
            .stdout(std::fs::File::create(&target).unwrap());
        if let Some(d) = extra {
            cmd.args(["--delimiter", d]);
        }
        assert!(cmd.status().unwrap().success());
        let rows = read_with_python(&target, delimiter);
        assert_eq!(
            rows[0],
            ["exercise", "partner", "prompt", "row", "column", "value"]
        );
        assert_eq!(rows.len(), 1 + want.len(), "{rows:?}");
        for (row, want) in rows[1..].iter().zip(&want) {
            assert_eq!(row.len(), 6, "{row:?}");
            let text = |key: &str| want[key].as_str().unwrap_or("").to_string();
            assert_eq!(row[1], text("partner"));
            assert_eq!(row[2], text("prompt"));
            assert_eq!(row[3], text("row"));
            assert_eq!(row[4], text("column"));
            // A typed line break comes back as the CRLF a spreadsheet
            // writes; a formula with the `'` that keeps it text.
            let value = row[5].replace("\r\n", "\n");
            let value = value.strip_prefix('\'').unwrap_or(&value);
            assert_eq!(value, text("value"), "{row:?}");
        }
        let values: Vec<&str> = rows.iter().map(|r| r[5].as_str()).collect();
        has_all(
            &values.join("\n"),
            &[
                "Łukasz, Zoë, Σοφία, Мария",
                "You made tea, \"just because\"",
                "'=1+1 *stars*",
                "1 Dec 2026",
            ],
        );
    }
}

#[test]
fn delimiter_is_for_csv_only() {
    Test::new()
        .args(["answers", "x.pdf", "--delimiter", ";"])
        .status(2)
        .stderr_has("--delimiter is for CSV")
        .run();
    Test::new()
        .args(["answers", "x.pdf", "--format", "csv", "--delimiter", "|"])
        .status(2)
        .stderr_has("use , or ; or tab")
        .run();
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
    let other = hostile(
        vec![lopdf::Dictionary::from_iter([
            ("FT", Object::Name(b"Tx".to_vec())),
            ("T", text_string("email")),
            ("V", text_string("someone@example.org")),
        ])],
        |_| {},
    );
    std::fs::write(dir.path().join("other.pdf"), other).unwrap();
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
    Test::at(dir.path())
        .env(var::PASSWORD, "correct horse 42")
        .args(["answers", "locked.pdf", "--all"])
        .stdout(right.stdout.as_str())
        .run();
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

// Hostile PDFs (issue 30): files made to hurt the reader, built here with
// lopdf: a form of `fields`, each a dictionary with /T and /FT set.

/// A record as workbook writes it (/WBRecord, JSON in a text string).
fn record(pairs: &[(&str, &str)]) -> Object {
    let map: std::collections::BTreeMap<&str, &str> = pairs.iter().copied().collect();
    text_string(&serde_json::to_string(&map).unwrap())
}

/// A text field named `name`, with `value` and a record in one exercise.
fn text_field(name: &str, value: Object, row: Option<(&str, &str)>) -> lopdf::Dictionary {
    let mut info = vec![
        ("part", "Part one"),
        ("exercise", "Exercise 1: Lists"),
        ("prompt", "What I noticed"),
    ];
    if let Some((r, c)) = row {
        info.push(("row", r));
        info.push(("column", c));
    }
    lopdf::Dictionary::from_iter([
        ("FT", Object::Name(b"Tx".to_vec())),
        ("T", text_string(name)),
        ("V", value),
        ("WBRecord", record(&info)),
    ])
}

/// A PDF whose form holds `fields` (added as objects, in order), plus the
/// extra objects `more` adds to the document.
fn hostile(fields: Vec<lopdf::Dictionary>, more: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let ids: Vec<Object> = fields
        .into_iter()
        .map(|f| Object::Reference(doc.add_object(f)))
        .collect();
    let form = doc.add_object(lopdf::Dictionary::from_iter([(
        "Fields",
        Object::Array(ids),
    )]));
    let pages = doc.add_object(lopdf::Dictionary::from_iter([
        ("Type", Object::Name(b"Pages".to_vec())),
        ("Kids", Object::Array(vec![])),
        ("Count", Object::Integer(0)),
    ]));
    let catalog = doc.add_object(lopdf::Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages)),
        ("AcroForm", Object::Reference(form)),
    ]));
    doc.trailer.set("Root", Object::Reference(catalog));
    more(&mut doc);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// `size` zero bytes, Flate-compressed: about a thousandth of the size.
fn deflated_zeros(size: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    for _ in 0..size / block.len() {
        z.write_all(&block).unwrap();
    }
    z.finish().unwrap()
}

#[test]
fn answers_on_a_flate_bomb_stays_small() {
    let dir = tempdir();
    // 256 MB of zeros as a field's value, in about 256 KB of file.
    let bomb = lopdf::Stream::new(
        lopdf::Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]),
        deflated_zeros(256 << 20),
    );
    let pdf = hostile(
        vec![text_field("lists.kept", text_string("A kept answer"), None)],
        |doc| {
            let value = doc.add_object(bomb);
            let field = text_field("lists.bomb", Object::Reference(value), None);
            let field = doc.add_object(field);
            let form = doc.catalog().unwrap().get(b"AcroForm").unwrap();
            let form = form.as_reference().unwrap();
            let form = doc.get_dictionary_mut(form).unwrap();
            let fields = form.get_mut(b"Fields").unwrap().as_array_mut().unwrap();
            fields.push(Object::Reference(field));
        },
    );
    std::fs::write(dir.path().join("bomb.pdf"), &pdf).unwrap();
    let started = std::time::Instant::now();
    let r = answers(dir.path(), &["bomb.pdf"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("A kept answer"), "{}", r.stdout);
    insta::assert_snapshot!(r.stderr, @"warning: bomb.pdf: 1 form field could not be read, so its answer is missing below: lists.bomb (its value is longer than 64 KB)");
    assert_eq!(files_in(dir.path()), vec![dir.path().join("bomb.pdf")]);
}

#[test]
fn answers_on_an_object_stream_bomb_exits_2_before_unpacking_it() {
    let dir = tempdir();
    let pdf = hostile(
        vec![text_field("lists.kept", text_string("x"), None)],
        |doc| {
            let stream = lopdf::Stream::new(
                lopdf::Dictionary::from_iter([
                    // Renamed below: lopdf's writer drops object streams.
                    ("Type", Object::Name(b"ObjXtm".to_vec())),
                    ("N", Object::Integer(1)),
                    ("First", Object::Integer(4)),
                    ("Filter", Object::Name(b"FlateDecode".to_vec())),
                ]),
                deflated_zeros(64 << 20),
            );
            doc.add_object(stream);
        },
    );
    let at = pdf.windows(7).position(|w| w == b"/ObjXtm").unwrap();
    let mut pdf = pdf;
    pdf[at..at + 7].copy_from_slice(b"/ObjStm");
    std::fs::write(dir.path().join("bomb.pdf"), &pdf).unwrap();
    let r = answers(dir.path(), &["bomb.pdf"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    insta::assert_snapshot!(r.stderr, @"
    error: bomb.pdf: this PDF holds a stream that grows past 4 MB when unpacked, far more than any workbook, so it was not read
    hint: give the filled-in workbook the couple sent back
    ");
    assert!(r.stdout.is_empty());
}

#[test]
fn answers_refuses_a_form_of_more_fields_than_any_workbook() {
    let dir = tempdir();
    let fields = (0..20_001)
        .map(|i| text_field(&format!("f{i}"), text_string("x"), None))
        .collect();
    std::fs::write(dir.path().join("many.pdf"), hostile(fields, |_| {})).unwrap();
    let r = answers(dir.path(), &["many.pdf"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    insta::assert_snapshot!(r.stderr, @"
    error: many.pdf: this PDF's form has more than 20000 fields, far more than any workbook, so it was not read
    hint: give the filled-in workbook the couple sent back
    ");
    assert!(r.stdout.is_empty());
}

#[test]
fn answers_refuses_a_pdf_of_more_objects_than_any_workbook_while_reading_it() {
    let dir = tempdir();
    let pdf = hostile(
        vec![text_field("lists.kept", text_string("x"), None)],
        |doc| {
            for i in 0..100_001 {
                doc.add_object(Object::Integer(i));
            }
        },
    );
    std::fs::write(dir.path().join("many.pdf"), pdf).unwrap();
    let r = answers(dir.path(), &["many.pdf"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    insta::assert_snapshot!(r.stderr, @"
    error: many.pdf: this PDF holds more than 100000 objects, far more than any workbook, so it was not read
    hint: give the filled-in workbook the couple sent back
    ");
}

#[test]
fn answers_indexes_table_cells_so_5000_cells_take_no_time() {
    let dir = tempdir();
    // 100 rows of 50 columns, as a log of a hundred days would be, and
    // 5,000 cells that each name their own row and column.
    let rows: Vec<(String, String)> = (0..5000)
        .map(|i| (format!("Day {}", i / 50), format!("Column {}", i % 50)))
        .collect();
    let fields = rows
        .iter()
        .enumerate()
        .map(|(i, (r, c))| {
            text_field(
                &format!("log.cell-{i}"),
                text_string(&format!("v{i}")),
                Some((r, c)),
            )
        })
        .collect();
    std::fs::write(dir.path().join("table.pdf"), hostile(fields, |_| {})).unwrap();
    let sparse = (0..5000)
        .map(|i| {
            text_field(
                &format!("log.cell-{i}"),
                text_string(&format!("v{i}")),
                Some((&format!("Row {i}"), &format!("Column {i}"))),
            )
        })
        .collect();
    std::fs::write(dir.path().join("sparse.pdf"), hostile(sparse, |_| {})).unwrap();

    let started = std::time::Instant::now();
    let table = answers(dir.path(), &["table.pdf"]);
    let sparse = answers(dir.path(), &["sparse.pdf"]);
    // Generous for a debug build on a busy machine; it was minutes.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert_eq!(
        (table.code, sparse.code),
        (0, 0),
        "{}{}",
        table.stderr,
        sparse.stderr
    );
    let table_rows = table
        .stdout
        .lines()
        .filter(|l| l.starts_with("| Day "))
        .count();
    assert_eq!(table_rows, 100);
    assert!(
        table.stdout.contains("| Day 99 | v4950 | v4951 |"),
        "{}",
        &table.stdout[..500]
    );
    // The sparse one is a list, not 25 million empty cells.
    assert!(sparse.stdout.len() < 400_000, "{}", sparse.stdout.len());
    assert!(sparse.stdout.contains("- Row 4999: Column 4999: v4999\n"));
}

#[test]
fn answers_names_a_damaged_field_in_a_warning() {
    let dir = tempdir();
    let pdf = hostile(
        vec![text_field("lists.kept", text_string("A kept answer"), None)],
        |doc| {
            // A parent whose second kid is an object the file lacks (what a
            // corrupted object becomes once a reader skips it).
            let kept = doc.add_object(text_field("b", text_string("Also kept"), None));
            let parent = doc.add_object(lopdf::Dictionary::from_iter([
                ("T", text_string("apology")),
                (
                    "Kids",
                    Object::Array(vec![Object::Reference(kept), Object::Reference((9999, 0))]),
                ),
            ]));
            let form = doc.catalog().unwrap().get(b"AcroForm").unwrap();
            let form = form.as_reference().unwrap();
            let form = doc.get_dictionary_mut(form).unwrap();
            let fields = form.get_mut(b"Fields").unwrap().as_array_mut().unwrap();
            fields.push(Object::Reference(parent));
        },
    );
    std::fs::write(dir.path().join("damaged.pdf"), pdf).unwrap();
    let r = answers(dir.path(), &["damaged.pdf"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("A kept answer") && r.stdout.contains("Also kept"));
    insta::assert_snapshot!(r.stderr, @"warning: damaged.pdf: 1 form field could not be read, so its answer is missing below: object 9999 0 (under apology)");
}

#[test]
fn answers_escapes_radio_values_and_line_breaks_in_markdown_and_guards_csv() {
    let dir = tempdir();
    let radio = lopdf::Dictionary::from_iter([
        ("FT", Object::Name(b"Btn".to_vec())),
        ("Ff", Object::Integer(1 << 15)),
        ("T", text_string("scale")),
        (
            "V",
            Object::Name(b"<img src=x onerror=alert(1)>\n# Fake heading".to_vec()),
        ),
        (
            "WBRecord",
            record(&[("part", "Part\n# Injected"), ("row", "Sleep\n- [x] forged")]),
        ),
    ]);
    let pdf = hostile(
        vec![
            radio,
            text_field("lists.minus", text_string("-2+3"), Some(("a", "b"))),
            text_field("lists.space", text_string(" =1+1"), Some(("c", "d"))),
        ],
        |_| {},
    );
    std::fs::write(dir.path().join("x.pdf"), pdf).unwrap();
    let md = answers(dir.path(), &["x.pdf"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    for line in md.stdout.lines() {
        assert!(
            !line.starts_with("# Fake")
                && !line.starts_with("# Injected")
                && !line.starts_with("- [x] forged"),
            "{line:?} in\n{}",
            md.stdout
        );
    }
    // Every `<` is escaped: no tag reaches a Markdown renderer.
    assert!(!md.stdout.replace("\\<", "").contains('<'), "{}", md.stdout);
    assert!(
        md.stdout
            .contains("- Sleep - \\[x] forged: \\<img src=x onerror=alert(1)> # Fake heading\n"),
        "{}",
        md.stdout
    );
    let csv = answers(dir.path(), &["x.pdf", "--format", "csv"]);
    assert!(csv.stdout.contains(",'-2+3\r\n"), "{}", csv.stdout);
    assert!(csv.stdout.contains(",' =1+1\r\n"), "{}", csv.stdout);
}
