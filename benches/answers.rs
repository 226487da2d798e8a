//! `workbook answers` on hostile PDFs (issue 30): a Flate bomb as a field's
//! value, a million fields, and a 5,000-cell table, each read by the real
//! binary in a process of its own, with its wall time and peak memory
//! (the kernel's count for the child, from wait4). The targets: under
//! 512 MB and 10 s for each. Run with `cargo bench --bench answers`; it
//! exits 1 when a target is missed.

use std::path::Path;
use std::time::{Duration, Instant};

use lopdf::{Dictionary, Document, Object, text_string};

const MEMORY_MB: u64 = 512;
const TIME: Duration = Duration::from_secs(10);

/// A text field as workbook writes one, with its record.
fn field(name: &str, value: Object, row: Option<(&str, &str)>) -> Dictionary {
    let mut record = serde_json::json!({
        "part": "Part one",
        "exercise": "Exercise 1: Lists",
        "prompt": "What I noticed",
    });
    if let Some((r, c)) = row {
        record["row"] = r.into();
        record["column"] = c.into();
    }
    Dictionary::from_iter([
        ("FT", Object::Name(b"Tx".to_vec())),
        ("T", text_string(name)),
        ("V", value),
        ("WBRecord", text_string(&record.to_string())),
    ])
}

/// A one-form PDF of `fields`, with what `more` adds.
fn pdf(fields: Vec<Dictionary>, more: impl FnOnce(&mut Document, &mut Vec<Object>)) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let mut ids: Vec<Object> = fields
        .into_iter()
        .map(|f| Object::Reference(doc.add_object(f)))
        .collect();
    more(&mut doc, &mut ids);
    let form = doc.add_object(Dictionary::from_iter([("Fields", Object::Array(ids))]));
    let pages = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Pages".to_vec())),
        ("Kids", Object::Array(vec![])),
        ("Count", Object::Integer(0)),
    ]));
    let catalog = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages)),
        ("AcroForm", Object::Reference(form)),
    ]));
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("written to memory");
    bytes
}

/// `size` zero bytes, Flate-compressed (about a thousandth of the size).
fn deflated_zeros(size: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    for _ in 0..size / block.len() {
        z.write_all(&block).expect("in memory");
    }
    z.finish().expect("in memory")
}

fn bomb() -> Vec<u8> {
    pdf(
        vec![field("lists.kept", text_string("kept"), None)],
        |doc, ids| {
            // 1 GB of zeros as one answer, in about a megabyte of file.
            let stream = lopdf::Stream::new(
                Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]),
                deflated_zeros(1 << 30),
            );
            let value = doc.add_object(stream);
            ids.push(Object::Reference(doc.add_object(field(
                "lists.bomb",
                Object::Reference(value),
                None,
            ))));
        },
    )
}

fn million_fields() -> Vec<u8> {
    let fields = (0..1_000_000)
        .map(|i| field(&format!("f{i}"), text_string("x"), None))
        .collect();
    pdf(fields, |_, _| {})
}

fn table() -> Vec<u8> {
    let fields = (0..5000)
        .map(|i| {
            field(
                &format!("log.cell-{i}"),
                text_string(&format!("v{i}")),
                Some((&format!("Day {}", i / 50), &format!("Column {}", i % 50))),
            )
        })
        .collect();
    pdf(fields, |_, _| {})
}

/// Runs `workbook answers FILE`, giving its wall time, peak memory in MB
/// and exit code. The child is reaped by `wait4`, which also gives its
/// peak memory (std's `wait` does not), hence the allowed lint.
#[allow(clippy::zombie_processes)]
fn answers(file: &Path) -> (Duration, u64, i32) {
    use std::os::unix::process::ExitStatusExt;
    let started = Instant::now();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_workbook"))
        .arg("answers")
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut status = 0;
    // SAFETY: wait4 fills the zeroed rusage we own, for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    let code = std::process::ExitStatus::from_raw(status)
        .code()
        .unwrap_or(-1);
    // ru_maxrss is in KiB on Linux.
    (elapsed, usage.ru_maxrss as u64 / 1024, code)
}

/// A case: its name, and the PDF it reads.
type Case = (&'static str, fn() -> Vec<u8>);

fn main() {
    let cases: [Case; 3] = [
        ("flate bomb (1 GB of zeros in one answer)", bomb),
        ("a million fields", million_fields),
        ("5,000-cell table", table),
    ];
    // The files are made by a process of their own: a child forked from a
    // process that held them would start with its memory counted.
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--make") {
        let dir = Path::new(&args[at + 1]);
        for (i, (_, make)) in cases.iter().enumerate() {
            std::fs::write(dir.join(format!("case-{i}.pdf")), make()).expect("written");
        }
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let made = std::process::Command::new(std::env::current_exe().expect("this bench"))
        .arg("--make")
        .arg(dir.path())
        .status()
        .expect("the bench runs");
    assert!(made.success(), "the files were not made");
    let mut missed = false;
    println!("| case | file | exit | time | peak memory |\n|---|---|---|---|---|");
    for (i, (name, _)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("case-{i}.pdf"));
        let size = std::fs::metadata(&path).expect("made").len();
        let (time, mb, code) = answers(&path);
        println!(
            "| {name} | {:.1} MB | {code} | {:.2} s | {mb} MB |",
            size as f64 / 1e6,
            time.as_secs_f64()
        );
        missed |= time > TIME || mb > MEMORY_MB;
    }
    if missed {
        eprintln!("a case took over {TIME:?} or {MEMORY_MB} MB");
        std::process::exit(1);
    }
}
