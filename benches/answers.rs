//! `workbook answers` on hostile PDFs (issue 30): a Flate bomb as a field's
//! value, a million fields, and a 5,000-cell table, each read by the real
//! binary in a process of its own, with its wall time and peak memory
//! (the kernel's count for the child, from wait4). The targets: under
//! 512 MB and 10 s for each. Run with `cargo bench --bench answers`; it
//! exits 1 when a target is missed.

use std::path::Path;
use std::time::{Duration, Instant};

const MEMORY_MB: u64 = 512;
const TIME: Duration = Duration::from_secs(10);

// The same hostile shapes the `answers` fuzz target mutates.
#[path = "../tests/cli/support/hostile.rs"]
#[allow(unreachable_pub)] // pub for the test binary that shares it
mod hostile;

/// 1 GB of zeros as one answer, in about a megabyte of file.
fn bomb() -> Vec<u8> {
    hostile::bomb(1 << 10)
}

fn million_fields() -> Vec<u8> {
    hostile::fields(1_000_000)
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
        ("5,000-cell table", hostile::table),
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
