//! The fuzz target for `answers`: a seeded mutation loop over workbook PDFs
//! and the hostile shapes issue 30 found (a Flate bomb as a value, more
//! fields than any workbook, a 5,000-cell table, a locked workbook, a cut
//! cross-reference table). Each mutated file is read and rendered in every
//! format in-process; it must neither panic out of `Answers::read` nor take
//! longer than a workbook-sized file may (10 s).
//!
//! Why not cargo-fuzz: it needs the nightly toolchain (this machine has one,
//! 1.97.0-nightly, but not cargo-fuzz, and the hosted CI runners have
//! neither) and a sanitizer-instrumented build of everything `answers`
//! links, Typst included: a second cold build of the whole tree, about ten
//! minutes on two cores, that CI would pay for on every run. This loop
//! reuses the test build and runs the same reader on the same shapes. A
//! plain loop rather than proptest: it runs for a time budget, not a case
//! count, and a failure names the seed and the round that reproduce it (and
//! leaves the file in the temporary folder).
//!
//! `cargo test` runs it for [`DEFAULT_ROUNDS`] rounds from a fixed seed.
//! `.ci/run` runs it again for a time budget from a new seed:
//! `WORKBOOK_FUZZ_SECONDS=90 WORKBOOK_FUZZ_SEED=N cargo test --test cli fuzz_answers`.

use std::panic::AssertUnwindSafe;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use lopdf::{Document, text_string};
use workbook::answers::{Answers, Format};
use workbook::settings::password::Password;

use crate::support::{Rng, hostile, run, tempdir};

/// Rounds of the default, seeded run: 15 to 30 s of wall time on the shared
/// 2-core machine, about 8 s of CPU, with the seed files.
const DEFAULT_ROUNDS: u64 = 300;
/// The longest one read and render may take (issue 30: 10 s for a
/// workbook-sized file, in a release build; a debug build is slower).
const SLOW: Duration = Duration::from_secs(10);
const PASSWORD: &str = "correct horse 42";

/// A seed file: its name, its bytes, and whether it opens with the password.
struct Seed {
    name: &'static str,
    bytes: Vec<u8>,
    locked: bool,
}

/// A small fillable workbook built by the binary, plain or locked.
fn fillable(locked: bool) -> Vec<u8> {
    let dir = tempdir();
    std::fs::write(dir.path().join("pw.txt"), format!("{PASSWORD}\n")).unwrap();
    let mut args = vec![
        "build",
        "--names",
        "Ana & Ben",
        "--fillable",
        "--only",
        "apology",
        "--only",
        "gratitude-log",
        "--only",
        "commitments",
        "-o",
        "w.pdf",
    ];
    if locked {
        args.extend(["--password-file", "pw.txt"]);
    }
    let r = run(dir.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::read(dir.path().join("w.pdf")).unwrap()
}

/// The plain workbook with every text field typed into, with text that
/// is hostile to Markdown and to spreadsheets.
fn filled(blank: &[u8]) -> Vec<u8> {
    let mut doc = Document::load_mem(blank).unwrap();
    let typed = [
        "=HYPERLINK(\"http://x\")",
        "- a list\n# not a heading",
        "<img src=x onerror=alert(1)>",
        "\tTab, \"quoted\", and a comma",
        "@SUM(1)",
        "Ana’s answer: Ł Σ Ж",
    ];
    let ids: Vec<_> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict().is_ok_and(|d| {
                d.get(b"FT")
                    .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Tx"))
            })
        })
        .map(|(id, _)| *id)
        .collect();
    for (n, id) in ids.into_iter().enumerate() {
        let value = text_string(typed[n % typed.len()]);
        doc.get_dictionary_mut(id).unwrap().set("V", value);
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// More fields than any workbook (and than `answers` reads): the million
/// fields of issue 30, scaled to what a loop can afford to mutate.
fn many_fields() -> Vec<u8> {
    hostile::fields(25_000)
}

/// The seeds, made once per test process.
fn seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let blank = fillable(false);
        // Cut inside the cross-reference table (a file saved half-way).
        let xref = blank.windows(9).rposition(|w| w == b"startxref").unwrap();
        let cut = blank[..xref.saturating_sub(40)].to_vec();
        vec![
            Seed {
                name: "filled",
                bytes: filled(&blank),
                locked: false,
            },
            Seed {
                name: "locked",
                bytes: fillable(true),
                locked: true,
            },
            Seed {
                name: "truncated xref",
                bytes: cut,
                locked: false,
            },
            Seed {
                name: "bomb",
                bytes: hostile::bomb(64),
                locked: false,
            },
            Seed {
                name: "many fields",
                bytes: many_fields(),
                locked: false,
            },
            Seed {
                name: "table",
                bytes: hostile::table(),
                locked: false,
            },
            Seed {
                name: "blank",
                bytes: blank,
                locked: false,
            },
        ]
    })
}

/// Tokens a mutation puts in place of others: the words a PDF's structure
/// hangs on, and numbers at the edges of every integer type.
const TOKENS: &[&[u8]] = &[
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"trailer",
    b"startxref",
    b"/Length",
    b"/Kids",
    b"/Parent",
    b"/V",
    b"/T",
    b"/FT",
    b"/Filter /FlateDecode",
    b"/ObjStm",
    b"/Type /XRef",
    b" R",
    b"0",
    b"-1",
    b"2147483648",
    b"4294967296",
    b"99999999999999999999",
    b"1e308",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"\\",
    b"<FEFF",
];

/// One mutation of `bytes`, chosen by `rng`; `other` is another seed to
/// splice from.
fn mutate(bytes: &mut Vec<u8>, other: &[u8], rng: &mut Rng) {
    if bytes.is_empty() {
        bytes.extend_from_slice(b"%PDF-1.7\n");
    }
    let at = rng.below(bytes.len());
    match rng.below(7) {
        // A few bytes flipped.
        0 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        // A run of random bytes.
        1 => {
            let len = (1 + rng.below(64)).min(bytes.len() - at);
            for b in &mut bytes[at..at + len] {
                *b = rng.next() as u8;
            }
        }
        // A range cut out.
        2 => {
            let len = rng.below(4096).min(bytes.len() - at);
            bytes.drain(at..at + len);
        }
        // Cut short.
        3 => bytes.truncate(at),
        // A structural token put in.
        4 => {
            let token = TOKENS[rng.below(TOKENS.len())];
            let len = rng.below(8).min(bytes.len() - at);
            bytes.splice(at..at + len, token.iter().copied());
        }
        // A number made extreme: the digits at `at` replaced.
        5 => {
            let start = bytes[at..].iter().position(u8::is_ascii_digit);
            if let Some(start) = start.map(|s| at + s) {
                let end = bytes[start..]
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .map_or(bytes.len(), |e| start + e);
                let token = TOKENS[17 + rng.below(6)];
                bytes.splice(start..end, token.iter().copied());
            }
        }
        // A piece of another seed spliced in.
        _ => {
            if !other.is_empty() {
                let from = rng.below(other.len());
                let len = rng.below(8192).min(other.len() - from);
                bytes.splice(at..at, other[from..from + len].iter().copied());
            }
        }
    }
}

/// Reads and renders one file, as `workbook answers` does in each format.
fn read_all(bytes: &[u8], password: Option<&Password>) -> workbook::diag::Result<usize> {
    let answers = Answers::read(bytes, password)?;
    let mut len = 0;
    for format in [Format::Md, Format::Csv, Format::Json] {
        len += answers.render(format, true).len();
    }
    Ok(len)
}

#[test]
fn fuzz_answers_survives_mutated_workbooks() {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = var("WORKBOOK_FUZZ_SEED").unwrap_or(27);
    let budget = var("WORKBOOK_FUZZ_SECONDS").map(Duration::from_secs);
    let seeds = seeds();
    let password = Password::check(PASSWORD).unwrap();
    // More objects than any workbook holds (issue 30's million fields,
    // past the cap of 100,000): refused while it is read, in time. Read
    // whole once, not mutated: it alone is 13 MB.
    let started = Instant::now();
    let refused = read_all(&hostile::fields(110_000), None).expect_err("over the cap");
    assert!(started.elapsed() < SLOW, "{:?}", started.elapsed());
    assert!(
        refused.to_string().contains("more than 100000 objects"),
        "{refused}"
    );
    // Each seed read whole first: the shapes alone must hold too.
    for s in seeds {
        let started = Instant::now();
        let read = read_all(&s.bytes, s.locked.then_some(&password));
        assert!(
            started.elapsed() < SLOW,
            "{}: {:?}",
            s.name,
            started.elapsed()
        );
        if matches!(s.name, "filled" | "locked" | "blank" | "table") {
            assert!(read.is_ok(), "{}: {:?}", s.name, read.err());
        }
    }
    let mut rng = Rng(seed.max(1));
    let started = Instant::now();
    let (mut rounds, mut read, mut refused) = (0u64, 0u64, 0u64);
    loop {
        let done = match budget {
            Some(budget) => started.elapsed() > budget,
            None => rounds >= DEFAULT_ROUNDS,
        };
        if done {
            break;
        }
        // The small seeds most of the time: mutations of the big ones cost
        // more and find the same paths.
        let s = if rng.below(10) < 8 {
            &seeds[rng.below(3)]
        } else {
            &seeds[rng.below(seeds.len())]
        };
        let other = &seeds[rng.below(3)].bytes;
        let mut bytes = s.bytes.clone();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut bytes, other, &mut rng);
        }
        let one = Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            read_all(&bytes, s.locked.then_some(&password))
        }));
        let took = one.elapsed();
        let again = format!(
            "WORKBOOK_FUZZ_SEED={seed}, round {rounds}, seed file {}",
            s.name
        );
        match outcome {
            Ok(Ok(_)) => read += 1,
            Ok(Err(_)) => refused += 1,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("answers-fuzz-{seed}-{rounds}.pdf"));
                let _ = std::fs::write(&path, &bytes);
                panic!(
                    "a panic got out of Answers::read ({again}); the file: {}",
                    path.display()
                );
            }
        }
        if took > SLOW {
            let path = std::env::temp_dir().join(format!("answers-fuzz-{seed}-{rounds}.pdf"));
            let _ = std::fs::write(&path, &bytes);
            panic!("took {took:?} ({again}); the file: {}", path.display());
        }
        rounds += 1;
    }
    println!(
        "fuzz_answers: seed {seed}, {rounds} rounds in {:.1} s: {read} read, {refused} refused",
        started.elapsed().as_secs_f64()
    );
}
