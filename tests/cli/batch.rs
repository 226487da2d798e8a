//! `workbook batch` over client lists as spreadsheets write them (issue 12):
//! each test is named after the hostile case it reproduces.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

/// A small selection, so each row builds fast; what is printed does not
/// matter to these tests.
const SMALL: [&str; 4] = ["--only", "safety", "--only", "how-to-use"];

/// Writes `csv` to `c.csv` in a fresh folder and runs `batch` on it into
/// `out/`, one row at a time so messages come in line order.
fn batch(csv: &[u8], extra: &[&str]) -> (tempfile::TempDir, Run) {
    let dir = tempdir();
    std::fs::write(dir.path().join("c.csv"), csv).unwrap();
    let run = batch_in(dir.path(), extra);
    (dir, run)
}

fn batch_in(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["batch", "c.csv", "--out-dir", "out", "--jobs", "1"];
    args.extend_from_slice(&SMALL);
    args.extend_from_slice(extra);
    stable(run(dir, &args))
}

/// The PDFs written to `out/`, by file name.
fn pdfs(dir: &Path) -> Vec<String> {
    let mut names = file_names(&dir.join("out"));
    names.retain(|f| f.ends_with(".pdf"));
    names
}

#[test]
fn batch_unclosed_quote_never_mixes_couples() {
    let (dir, run) = batch(
        b"names,note\nAna & Ben,\"Hello\nCleo & Dan,hi\nEve & Fay,hi\n",
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        pdfs(dir.path()),
        ["workbook-cleo-dan.pdf", "workbook-eve-fay.pdf"]
    );
    insta::assert_snapshot!(run.stderr, @r"
    error: c.csv:2: the quoted cell opened on line 2 runs into line 3, which looks like a row of its own; a closing quote is probably missing
    built out/workbook-cleo-dan.pdf (line 3)
    built out/workbook-eve-fay.pdf (line 4)
    built 2 of 3 workbooks in [time] s
    c.csv: 4 lines: 1 header, 2 built, 1 failed, 0 blank
    error: 1 row failed:
      c.csv:2: the quoted cell opened on line 2 runs into line 3, which looks like a row of its own; a closing quote is probably missing
    hint: the rows to fix are in out/failed-c.csv: fix them there and run `workbook batch out/failed-c.csv` with the same options
    ");
    // A quote still open at the end of the file is that row's error; the
    // line after it is read as a row of its own, and fails as one.
    let (dir, run) = batch(
        b"names,note\nCleo & Dan,hi\nAna & Ben,\"Hello\nthere\n",
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(pdfs(dir.path()), ["workbook-cleo-dan.pdf"]);
    assert!(
        run.stderr
            .contains("c.csv:3: the quote opened on line 3 is never closed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("c.csv: 4 lines: 1 header, 1 built, 2 failed, 0 blank")
    );
    // A quoted cell that swallows line breaks beyond the note's cap.
    let long = "x".repeat(700);
    let csv = format!("names,note\nAna & Ben,\"{long}\n{long}\"\nCleo & Dan,hi\n");
    let (dir, run) = batch(csv.as_bytes(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(pdfs(dir.path()), ["workbook-cleo-dan.pdf"]);
    assert!(
        run.stderr.contains(
            "c.csv:2: the quoted cell opened on line 2 runs over several lines and more than 1200 characters"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("c.csv: 4 lines: 1 header, 1 built, 2 failed, 0 blank")
    );
}

/// A Polish practice saves its client list from Excel as plain "CSV":
/// "Łukasz" comes out "?ukasz". Each such row is built as it stands but
/// warned about, saying which format keeps the letters.
#[test]
fn a_question_mark_from_plain_csv_says_to_save_as_csv_utf8() {
    // Windows-1252: "ë" survived, "Ł" and "ń" became "?".
    let (dir, run) = batch(
        b"names,note\n?ukasz & Zo\xeb,Why? Because.\nAna & Ben,\nJa? & Ha?ia,\n",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(pdfs(dir.path()).len(), 3);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("plain CSV"))
        .collect();
    insta::assert_snapshot!(warnings.join("\n"), @r#"
    warning: c.csv:2: names "?ukasz & Zoë": this file was saved as plain CSV, which cannot hold some letters: save as CSV UTF-8
    warning: c.csv:4: names "Ja? & Ha?ia": this file was saved as plain CSV, which cannot hold some letters: save as CSV UTF-8
    "#);
    // Saved as "CSV UTF-8" (a byte order mark first), a `?` is what was
    // typed: no warning.
    let (_, run) = batch("\u{feff}names\nJa? & Ben\n".as_bytes(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("plain CSV"), "{}", run.stderr);
}

#[test]
fn batch_one_bad_byte_never_drops_the_rest() {
    // As Excel writes "CSV" on Windows: Windows-1252, said once.
    let (dir, run) = batch(b"names\nZo\xeb & Ben\nCy & Di\nEd & Flo\n", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        pdfs(dir.path()),
        [
            "workbook-cy-di.pdf",
            "workbook-ed-flo.pdf",
            "workbook-zoe-ben.pdf"
        ]
    );
    assert_eq!(
        run.stderr.matches("read as Windows-1252").count(),
        1,
        "{}",
        run.stderr
    );
    // A UTF-8 file with one row pasted from elsewhere: that row is
    // reported, the rest is built with its accents.
    let (dir, run) = batch(b"names\nZo\xc3\xab & Ben\nAna \xe9 & Ben\nCy & Di\n", &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        pdfs(dir.path()),
        ["workbook-cy-di.pdf", "workbook-zoe-ben.pdf"]
    );
    assert!(
        run.stderr.contains(
            "error: c.csv:3: cannot read this row: some of its bytes are not valid UTF-8"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn batch_reads_what_excel_and_numbers_export() {
    let utf16 = |text: &str, le: bool| -> Vec<u8> {
        let bom: [u8; 2] = if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
        bom.into_iter()
            .chain(text.encode_utf16().flat_map(
                move |u| {
                    if le { u.to_le_bytes() } else { u.to_be_bytes() }
                },
            ))
            .collect()
    };
    // Excel's "Unicode text": UTF-16 LE, tab-separated, CRLF.
    let (dir, run) = batch(&utf16("Names\tDays\r\nZoë & Ben\t7\r\n", true), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("reading c.csv as UTF-16 LE"),
        "{}",
        run.stderr
    );
    assert_eq!(pdfs(dir.path()), ["workbook-zoe-ben.pdf"]);
    let (dir, run) = batch(&utf16("names\nZoë & Ben\n", false), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(pdfs(dir.path()), ["workbook-zoe-ben.pdf"]);
    // Excel where the decimal mark is a comma: `;`, UTF-8 with a BOM.
    let (dir, run) = batch(
        "\u{feff}names;note\r\nZoë & Ben;\"Hi; welcome, both\"\r\n".as_bytes(),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(pdfs(dir.path()), ["workbook-zoe-ben.pdf"]);
    // Numbers: plain UTF-8, commas, LF.
    let (dir, run) = batch("names,start-date\nZoë & Ben,2026-12-01\n".as_bytes(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(pdfs(dir.path()), ["workbook-zoe-ben.pdf"]);
}

#[test]
fn batch_ignores_other_columns_but_not_near_misses() {
    let (dir, run) = batch(
        b"Names,email,Session Day\nAna & Ben,a@example.org,Monday\n",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(pdfs(dir.path()), ["workbook-ana-ben.pdf"]);
    assert!(
        run.stderr.starts_with(
            "warning: c.csv:1: ignoring the columns \"email\", \"Session Day\": workbook does not use them\n"
        ),
        "{}",
        run.stderr
    );
    // A typo of one of ours would drop its data silently: it stops.
    let (dir, run) = batch(b"names,stat-date\nAna & Ben,2026-12-01\n", &[]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @r#"
    error: c.csv:1: unknown column "stat-date"
    hint: did you mean `start-date`? the columns are names, output, start-date, days, paper, sides, photo, note, skip, password, partner1-password, partner2-password, split, region, lang, format
    "#);
    assert!(!dir.path().join("out").exists(), "nothing is written");
    // `Start Date` and `start_date` are ours, as spreadsheets spell them.
    let (_, run) = batch(b"Names,Start Date\nAna & Ben,2026-02-30\n", &[]);
    assert!(
        run.stderr.contains("c.csv:2: start-date \"2026-02-30\""),
        "{}",
        run.stderr
    );
}

#[test]
fn batch_skips_blank_rows_and_warns_of_the_same_couple_twice() {
    let (dir, run) = batch(
        b"names,days,note\n,,\nAna & Ben,5,\n\n  ,  ,\nben & ANA,6,\nCy & Di,,\n",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        pdfs(dir.path()),
        [
            "workbook-ana-ben.pdf",
            "workbook-ben-ana.pdf",
            "workbook-cy-di.pdf"
        ]
    );
    insta::assert_snapshot!(run.stderr, @r"
    warning: c.csv:6: the same couple as on line 3; both are built, as separate files
    built out/workbook-ana-ben.pdf (line 3)
    built out/workbook-ben-ana.pdf (line 6)
    built out/workbook-cy-di.pdf (line 7)
    built 3 of 3 workbooks in [time] s
    c.csv: 7 lines: 1 header, 3 built, 0 failed, 3 blank
    ");
}

#[test]
fn batch_creates_the_out_dir_and_says_not_a_folder_only_of_a_non_folder() {
    let dir = tempdir();
    std::fs::write(dir.path().join("c.csv"), "names\nAna & Ben\n").unwrap();
    let mut args = vec!["batch", "c.csv", "--out-dir", "a/b/c"];
    args.extend_from_slice(&SMALL);
    let made = run(dir.path(), &args);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(dir.path().join("a/b/c/workbook-ana-ben.pdf").is_file());
    std::fs::write(dir.path().join("file"), "x").unwrap();
    args[3] = "file";
    let refused = run(dir.path(), &args);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("--out-dir file: not a folder"),
        "{}",
        refused.stderr
    );
    // Bad input stops before the folder is made.
    std::fs::write(dir.path().join("bad.csv"), "nmes\nAna & Ben\n").unwrap();
    let bad = run(dir.path(), &["batch", "bad.csv", "--out-dir", "new"]);
    assert_eq!(bad.code, 2);
    assert!(!dir.path().join("new").exists());
}

#[test]
fn batch_writes_failed_rows_to_failed_csv_with_secrets_blanked() {
    let (dir, run) = batch(
        b"names;password;note\nAna & Ben;s3cret;hi\nCy;hunter2;\"two; parts\"\nEd & Flo;pw;\n",
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("hunter2") && !run.stderr.contains("s3cret"));
    let failed = std::fs::read_to_string(dir.path().join("out/failed-c.csv")).unwrap();
    assert_eq!(
        failed,
        "\u{feff}names;password;note\r\nCy;(type again);\"two; parts\"\r\n"
    );
    // Fixed and run again: every row builds, and the stale list goes.
    std::fs::write(dir.path().join("c.csv"), "names\nCy & Di\n").unwrap();
    let run = batch_in(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!dir.path().join("out/failed-c.csv").exists());
}

/// Waits for `child` at most a minute: a hang fails the test instead of
/// stalling the suite.
fn wait(mut child: std::process::Child) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("it hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

const FIVE: &str = "names\nAna & Ben\nCy & Di\nEd & Flo\nGil & Hal\nIda & Jo\n";

/// A batch of [`FIVE`] couples into `out/` with `jobs` workers.
fn five(jobs: usize) -> Test {
    Test::new()
        .csv("c.csv", FIVE)
        .args(["batch", "c.csv", "--out-dir", "out", "--jobs"])
        .arg(jobs.to_string())
        .args(SMALL)
}

#[test]
fn batch_never_hangs_with_stderr_closed_or_full() {
    // Closed: `2>&1 | head -n 2` once head has gone.
    let mut closed = five(2);
    let mut child = closed.command().stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stderr.take());
    let status = wait(child);
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
    assert_eq!(pdfs(closed.dir()).len(), 5);
    // Full: `2>/dev/full`, a device only Linux has.
    if cfg!(target_os = "linux") {
        let mut full = five(2);
        let child = full
            .command()
            .stderr(std::fs::File::create("/dev/full").unwrap())
            .spawn()
            .unwrap();
        let status = wait(child);
        assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
        assert_eq!(pdfs(full.dir()).len(), 5);
    }
}

// `/dev/full` is a device only Linux has.
#[cfg(target_os = "linux")]
#[test]
fn build_with_a_full_stderr_exits_0_or_1_never_101() {
    let dir = tempdir();
    let full = || std::fs::File::create("/dev/full").unwrap();
    let mut args = vec!["build", "--names", "Ana & Ben", "-o", "a.pdf"];
    args.extend_from_slice(&SMALL);
    let ok = workbook(dir.path())
        .args(&args)
        .stderr(full())
        .status()
        .unwrap();
    assert_eq!(ok.code(), Some(0));
    let bad = workbook(dir.path())
        .args(["build", "--names", "Ana"])
        .stderr(full())
        .status()
        .unwrap();
    assert_eq!(bad.code(), Some(2));
}

#[test]
fn batch_a_panic_in_one_row_is_that_rows_failure() {
    let run = five(2)
        .env(var::PANIC_LINE, "3")
        .status(1)
        .stderr_has("error: c.csv:3: internal error: workbook crashed building this row (a test asked the row on line 3 to panic)")
        .stderr_has("c.csv: 6 lines: 1 header, 4 built, 1 failed, 0 blank")
        .run();
    assert_eq!(pdfs(run.dir()).len(), 4);
}

#[test]
fn batch_a_full_disk_stops_at_the_first_failed_write() {
    let out = five(1).env(var::DISK_FULL_AFTER, "1").status(1).run();
    assert_eq!(pdfs(out.dir()), ["workbook-ana-ben.pdf"]);
    let stderr = untimed(&out.stderr);
    assert_eq!(
        stderr.matches("No space left on device").count(),
        2,
        "{}",
        stderr
    );
    insta::assert_snapshot!(stderr, @r"
    built out/workbook-ana-ben.pdf (line 2)
    error: c.csv:3: out/workbook-cy-di.pdf: No space left on device (os error 28)
    hint: the disk (or your quota) is full: free some space, or write somewhere else
    built 1 of 5 workbooks in [time] s
    c.csv: 6 lines: 1 header, 1 built, 1 failed, 0 blank, 3 not built
    error: stopped at the first failed write, for want of space: c.csv:3: out/workbook-cy-di.pdf: No space left on device (os error 28)
    hint: the rows to fix are in out/failed-c.csv: fix them there and run `workbook batch out/failed-c.csv` with the same options
    ");
}

#[test]
fn batch_a_full_disk_is_one_error_with_parallel_workers_too() {
    let run = five(2)
        .env(var::DISK_FULL_AFTER, "0")
        .status(1)
        .stderr_has("1 failed, 0 blank, 4 not built")
        .run();
    assert!(pdfs(run.dir()).is_empty());
    // One row's error, and the same in the closing line.
    assert_eq!(
        run.stderr.matches("No space left on device").count(),
        2,
        "{}",
        run.stderr
    );
    let failed = run.read_to_string("out/failed-c.csv");
    assert_eq!(failed.lines().count(), 6, "every row is there to run again");
}

#[test]
fn batch_a_bad_shared_value_is_one_error_before_any_row() {
    let dir = tempdir();
    std::fs::write(dir.path().join("c.csv"), FIVE).unwrap();
    std::fs::write(dir.path().join("logo.png"), "not an image").unwrap();
    std::fs::write(
        dir.path().join("workbook.toml"),
        "[counselor]\nlogo = \"logo.png\"\n",
    )
    .unwrap();
    let run = batch_in(dir.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("[counselor] logo"), "{}", run.stderr);
    assert!(!dir.path().join("out").exists());
    std::fs::remove_file(dir.path().join("workbook.toml")).unwrap();
    let run = Test::at(dir.path())
        .args(["batch", "c.csv", "--out-dir", "out"])
        .env(var::SOURCE_DATE_EPOCH, "yesterday")
        .status(2)
        .no_file("out")
        .run();
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}

#[test]
fn batch_line_numbers_for_cr_lf_and_crlf() {
    for end in ["\r", "\n", "\r\n"] {
        let csv = [
            "names,days,note",
            "Ana & Ben,5,\"a",
            "b\"",
            "Cy & Di,0,",
            "",
        ]
        .join(end);
        let (_, run) = batch(csv.as_bytes(), &[]);
        assert_eq!(run.code, 1, "{end:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("error: c.csv:4: days 0:"),
            "{end:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("c.csv: 4 lines: 1 header, 2 built, 1 failed, 0 blank")
        );
    }
}

#[test]
fn batch_a_cell_over_its_cap_is_refused_without_reading_it_whole() {
    let csv = format!("names,note\nAna & Ben,{}\nCy & Di,\n", "x".repeat(100_000));
    let (dir, run) = batch(csv.as_bytes(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("c.csv:2: a cell has 100000 characters; at most 2000"),
        "{}",
        run.stderr
    );
    assert_eq!(pdfs(dir.path()), ["workbook-cy-di.pdf"]);
    // 300 MB: refused by its size, before a byte is read.
    let dir = tempdir();
    let file = std::fs::File::create(dir.path().join("c.csv")).unwrap();
    file.set_len(300 << 20).unwrap();
    let started = Instant::now();
    let run = batch_in(dir.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("c.csv: larger than 64 MiB"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}
