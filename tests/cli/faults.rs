//! Issue 13: faults leave nothing behind, and dates say only the day.
//! Each test is named after the case it covers.

use std::path::{Path, PathBuf};
#[cfg(unix)]
use std::process::Command;

use crate::support::*;

#[test]
fn without_source_date_epoch_the_pdf_carries_the_day_at_midnight_utc() {
    let before = time::OffsetDateTime::now_utc().date();
    let out = Test::build()
        .env_remove(var::SOURCE_DATE_EPOCH)
        .args(["-o", "a.pdf"])
        .run();
    let after = time::OffsetDateTime::now_utc().date();
    let date = pdf_creation_date(&out.read("a.pdf"));
    let day = |d: time::Date| {
        format!(
            "D:{:04}{:02}{:02}000000",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    };
    assert!(
        date.starts_with(&day(before)) || date.starts_with(&day(after)),
        "{date}"
    );
}

/// The part files of ours in a folder.
fn part_files(dir: &Path) -> Vec<PathBuf> {
    files_in(dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(".workbook-") && name.ends_with(".part")
        })
        .collect()
}

/// Starts the run paused before its rename (a debug-build hook) and
/// returns once its part file is in `watch` (below the run's folder).
#[cfg(unix)]
fn paused_while_writing(test: Test, watch: &str) -> (std::process::Child, Test) {
    use std::time::{Duration, Instant};
    let mut test = test.env(var::PAUSE_BEFORE_RENAME_MS, "20000");
    let child = test
        .command()
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while part_files(&test.dir().join(watch)).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no part file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, test)
}

/// Sends `signal` to a paused child and returns the signal it died of.
#[cfg(unix)]
fn signal(mut child: std::process::Child, signal: i32) -> i32 {
    // SAFETY: kill has no memory-safety preconditions; the pid is our child's.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let status = child.wait().unwrap();
    // Our handler removes the part files, then ends the process by the
    // same signal, so that a shell sees a child killed by it.
    std::os::unix::process::ExitStatusExt::signal(&status)
        .expect("the process dies by the signal, not with an exit code")
}

/// Runs `test`, sends `sig` while it writes into `watch`, and checks the
/// process died by it and that `watch` is left empty.
#[cfg(unix)]
fn signalled_leaves_nothing(test: Test, watch: &str, sig: i32) {
    let (child, test) = paused_while_writing(test, watch);
    assert_eq!(signal(child, sig), sig);
    let left = files_in(&test.dir().join(watch));
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn sigterm_during_build_leaves_no_part_file_and_dies_by_sigterm() {
    let test = Test::new().args(["build", "--names", "Zoe & Max", "-o", "out.pdf"]);
    signalled_leaves_nothing(test, "", libc::SIGTERM);
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_build_leaves_no_part_file_and_dies_by_sigint() {
    let test = Test::new().args(["build", "--names", "Zoe & Max", "-o", "out.pdf"]);
    signalled_leaves_nothing(test, "", libc::SIGINT);
}

#[cfg(unix)]
#[test]
fn sighup_during_batch_leaves_no_part_file_and_dies_by_sighup() {
    let test = Test::new()
        .csv("c.csv", "names\n\"A & B\"\n")
        .create_dir("out")
        .args(["batch", "c.csv", "--out-dir", "out"]);
    signalled_leaves_nothing(test, "out", libc::SIGHUP);
}

#[cfg(unix)]
#[test]
fn sigterm_during_eject_leaves_no_staging_folder_and_dies_by_sigterm() {
    let test = Test::new().args(["eject", "proj", "--names", "Zoe & Max"]);
    signalled_leaves_nothing(test, "", libc::SIGTERM);
}

#[cfg(unix)]
#[test]
fn sigterm_during_a_split_leaves_none_of_the_three_files_and_dies_by_sigterm() {
    let test = Test::new().args(["build", "--names", "Zoe & Max", "--split", "partners"]);
    signalled_leaves_nothing(test, "", libc::SIGTERM);
}

/// Dates a file or folder two hours back, older than a sweep spares.
fn two_hours_old(path: &Path) {
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let file = if path.is_dir() {
        std::fs::File::open(path)
    } else {
        std::fs::File::options().write(true).open(path)
    };
    file.unwrap().set_modified(two_hours_ago).unwrap();
}

#[test]
fn stale_part_files_of_ours_older_than_an_hour_are_swept_on_the_next_run() {
    let (stale, fresh, theirs) = (
        ".workbook-abc123.part",
        ".workbook-def456.part",
        ".other-abc.part",
    );
    let test = Test::build()
        .args(["-o", "a.pdf"])
        .write(stale, b"partial")
        .write(fresh, b"partial")
        .write(theirs, b"partial");
    for path in [stale, theirs] {
        two_hours_old(&test.dir().join(path));
    }
    // A stale part file of ours is swept; one being written now, and
    // another program's file, are left alone.
    test.no_file(stale).file(fresh).file(theirs).run();
}

/// Every path under `dir`, relative, sorted, with each file's bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_stale_staging_folder_of_ours_is_swept_by_the_next_eject() {
    let test = Test::new()
        .create_dir(".workbook-old.part/new/templates")
        .args(["eject", "proj", "--names", "Ana & Ben"]);
    two_hours_old(&test.dir().join(".workbook-old.part"));
    test.leaves_only(["proj"]).run();
}

#[test]
fn eject_creates_no_folder_before_the_options_are_checked() {
    Test::new()
        .args(["eject", "proj", "--names", "Ana & Ben", "--days", "0"])
        .status(2)
        .leaves_nothing()
        .run();
}

#[test]
fn eject_into_a_new_folder_leaves_no_staging_behind() {
    let out = Test::new()
        .args(["eject", "a/b/proj", "--names", "Ana & Ben"])
        .leaves_only(["a"])
        .file("a/b/proj/templates/workbook.typ")
        .run();
    assert!(part_files(&out.path("a/b")).is_empty());
}

/// Limits the files the run writes to `max` bytes (RLIMIT_FSIZE), which
/// fails a write the way a full disk does.
#[cfg(unix)]
fn file_size_limit(max: u64) -> impl FnOnce(&mut Command) {
    use std::os::unix::process::CommandExt;
    move |cmd| {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                // A write past the limit then fails with EFBIG instead of
                // killing the process with SIGXFSZ.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let limit = libc::rlimit {
                    rlim_cur: max,
                    rlim_max: max,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
}

/// Closes the run's standard output before it starts.
#[cfg(unix)]
fn closed_stdout(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: close is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::close(1);
            Ok(())
        });
    }
}

#[cfg(unix)]
#[test]
fn eject_on_a_full_disk_leaves_no_half_written_project() {
    // The fonts are larger than this; the templates are not.
    let out = Test::new()
        .tweak(file_size_limit(64 * 1024))
        .args(["eject", "proj", "--names", "Ana & Ben"])
        .status(1)
        .leaves_nothing()
        .run();
    assert!(out.stderr.starts_with("error: proj/"), "{}", out.stderr);
}

/// A project of the user's own in `proj`, to be ejected over.
fn own_project() -> Test {
    Test::new()
        .write("proj/templates/workbook.typ", "my own")
        .write("proj/notes.txt", "mine")
        .args(["eject", "proj", "--force", "--names", "Ana & Ben"])
}

#[cfg(unix)]
#[test]
fn eject_force_on_a_full_disk_leaves_the_users_files_untouched() {
    let test = own_project().tweak(file_size_limit(64 * 1024)).status(1);
    let before = tree(&test.dir().join("proj"));
    let out = test.run();
    assert_eq!(tree(&out.path("proj")), before);
}

#[test]
fn eject_force_failing_half_way_puts_back_what_was_moved() {
    // The 40th rename fails (a test hook of debug builds): by then the
    // README, the assets and more have been moved into place.
    let test = own_project()
        .write("proj/README.md", "my readme")
        .env(var::FAIL_EJECT_MOVE, "40")
        .status(1)
        .stderr_has("injected failure");
    let before = tree(&test.dir().join("proj"));
    let out = test.run();
    assert_eq!(tree(&out.path("proj")), before);
}

const PASSWORD: &str = "correct horse 42";

/// `workbook build` in the test's folder with `WORKBOOK_PASSWORD` set.
fn locked_in(test: Test, password: &str) -> Test {
    test.args(BUILD).env(var::PASSWORD, password)
}

/// `workbook build` in a fresh folder with `WORKBOOK_PASSWORD` set.
fn locked(password: &str) -> Test {
    locked_in(Test::new(), password)
}

/// A locked PDF opened (and decrypted) with `password`.
fn open_locked(pdf: &[u8], password: &str) -> lopdf::Result<lopdf::Document> {
    lopdf::Document::load_mem_with_options(pdf, lopdf::LoadOptions::with_password(password))
}

/// Every object of a locked PDF, decrypted with `password`, less the
/// encryption dictionary (whose salts are random).
fn decrypted_objects(pdf: &[u8], password: &str) -> Vec<(lopdf::ObjectId, String)> {
    let doc = open_locked(pdf, password).expect("opens with it");
    let encrypt = doc
        .trailer
        .get(b"Encrypt")
        .and_then(|e| e.as_reference())
        .ok();
    doc.objects
        .iter()
        .filter(|(id, _)| Some(**id) != encrypt)
        .map(|(id, o)| (*id, format!("{o:?}")))
        .collect()
}

#[test]
fn a_password_from_the_environment_locks_the_pdf_with_aes_256_r6() {
    let out = locked(PASSWORD)
        .args(["-o", "a.pdf"])
        .stderr_lacks(PASSWORD)
        .run();
    let pdf = out.read("a.pdf");
    assert!(pdf.starts_with(b"%PDF-1.7"));
    assert!(
        open_locked(&pdf, "wrong").is_err(),
        "a wrong password does not open it"
    );
    // Read as it is, without the password: the encryption dictionary is plain.
    let raw = lopdf::Document::load_mem(&pdf).unwrap();
    assert!(raw.is_encrypted());
    let encrypt = raw.get_encrypted().unwrap();
    let int = |k: &[u8]| encrypt.get(k).unwrap().as_i64().unwrap();
    assert_eq!(
        encrypt.get(b"Filter").unwrap().as_name().unwrap(),
        b"Standard"
    );
    assert_eq!((int(b"V"), int(b"R")), (5, 6));
    let p = int(b"P");
    // PDF's 1-based bits: 3 print, 9 fill in forms, 10 extract for
    // accessibility, 12 print at full quality; not 4 modify or 5 copy.
    for (bit, want) in [
        (3, true),
        (4, false),
        (5, false),
        (9, true),
        (10, true),
        (12, true),
    ] {
        assert_eq!(p & (1 << (bit - 1)) != 0, want, "P bit {bit} of {p:b}");
    }
    let doc = open_locked(&pdf, PASSWORD).unwrap();
    let adbe = doc
        .catalog()
        .unwrap()
        .get(b"Extensions")
        .and_then(|e| e.as_dict())
        .and_then(|e| e.get(b"ADBE"))
        .and_then(|a| a.as_dict())
        .unwrap();
    assert_eq!(adbe.get(b"ExtensionLevel").unwrap().as_i64().unwrap(), 8);
    assert_eq!(adbe.get(b"BaseVersion").unwrap().as_name().unwrap(), b"1.7");
    // Still tagged: the structure tree survives encryption.
    assert!(doc.catalog().unwrap().has(b"StructTreeRoot"));
}

#[test]
fn a_password_file_gives_its_first_line_and_is_never_shown() {
    let out = Test::build()
        .write("pw.txt", format!("{PASSWORD}\r\nnot this\n"))
        .args(["--password-file", "pw.txt", "-o", "a.pdf", "--fillable"])
        .run();
    let pdf = out.read("a.pdf");
    assert!(open_locked(&pdf, PASSWORD).is_ok());
    assert!(open_locked(&pdf, "not this").is_err());
    // An empty first line is refused, and the file's text is not quoted.
    let out = out
        .then()
        .write("pw.txt", "\nsecret-second-line\n")
        .args(BUILD)
        .args(["--password-file", "pw.txt", "-o", "b.pdf"])
        .status(2)
        .no_file("b.pdf")
        .run();
    insta::assert_snapshot!(out.stderr, @"error: --password-file: the password is empty");
}

#[test]
fn a_password_with_pdf_a_stops_with_exit_2() {
    let out = locked(PASSWORD)
        .args(["--pdf-standard", "ua-1", "--pdf-standard", "a-2b"])
        .args(["-o", "a.pdf"])
        .status(2)
        .leaves_nothing()
        .run();
    insta::assert_snapshot!(out.stderr, @r"
    error: --pdf-standard a-2b: PDF/A forbids encryption, so a workbook with a password cannot be archival
    hint: leave out the password for an archival copy, or choose --pdf-standard ua-1
    ");
}

#[test]
fn a_bad_password_is_refused_without_showing_it() {
    let secret = "tab\tsecret";
    let out = locked(secret).args(["-o", "a.pdf"]).status(2).run();
    insta::assert_snapshot!(out.stderr, @"error: WORKBOOK_PASSWORD: the password has a control character (a tab, or a line break in a cell)");
    let long = "x".repeat(128);
    locked_in(out.then(), &long)
        .args(["-o", "a.pdf"])
        .status(2)
        .stderr_lacks(&long)
        .stderr_has("at most 127")
        .leaves_nothing()
        .run();
}

#[test]
fn two_locked_builds_differ_in_bytes_but_decrypt_to_identical_content() {
    let a = locked(PASSWORD).args(["-o", "a.pdf", "--fillable"]).run();
    let b = locked_in(a.then(), PASSWORD)
        .args(["-o", "b.pdf", "--fillable"])
        .run();
    let (a, b) = (b.read("a.pdf"), b.read("b.pdf"));
    assert_ne!(a, b, "salts and IVs are random");
    assert_eq!(
        decrypted_objects(&a, PASSWORD),
        decrypted_objects(&b, PASSWORD)
    );
}
#[test]
fn a_csv_cell_password_overrides_the_file_and_the_environment() {
    use clap::Parser;
    use workbook::diag::Origin;
    use workbook::settings::password::Password;
    use workbook::settings::{BuildOptions, Environment, Given, RowValues};
    let dir = tempdir();
    let file = dir.path().join("pw.txt");
    std::fs::write(&file, "from the file\n").unwrap();
    let args = |with_file: bool| {
        let mut argv = vec!["workbook", "build", "--names", "A & B"];
        if with_file {
            argv.extend(["--password-file", file.to_str().unwrap()]);
        }
        let workbook::cli::Command::Build(b) = workbook::cli::Cli::parse_from(argv).command else {
            unreachable!()
        };
        b
    };
    let env = Environment {
        password: Some(Password::check("from the environment").unwrap()),
        ..Environment::read().unwrap()
    };
    let row = || RowValues {
        password: Some(Given {
            value: "from the cell".into(),
            origin: Origin::Cell {
                file: "c.csv".into(),
                line: 2,
                column: "password".into(),
            },
        }),
        ..RowValues::default()
    };
    let resolve =
        |with_file, row| BuildOptions::resolve_row(args(with_file), None, row, &env).unwrap();
    let password = |s: &str| Some(Password::check(s).unwrap());
    assert_eq!(resolve(true, row()).password, password("from the cell"));
    assert_eq!(
        resolve(true, RowValues::default()).password,
        password("from the file")
    );
    assert_eq!(
        resolve(false, RowValues::default()).password,
        password("from the environment")
    );
    // Debug output (logs, panics) never shows it.
    let shown = format!("{:?}", resolve(true, row()));
    assert!(!shown.contains("from the cell"), "{shown}");
    assert!(shown.contains("Password(***)"));
}

#[test]
fn control_and_bidi_characters_are_refused_in_output_file_names() {
    let out = Test::build()
        .args(["-o", "evil\u{202E}fdp.exe"])
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @"
    error: cannot write evil\u{202e}fdp.exe: the file name has the control or invisible character U+202E
    hint: choose a plain file name
    ");
    let out = out
        .then()
        .csv(
            "c.csv",
            "names,output\n\"A & B\",\"x\u{2066}y\"\n\"C & D\",ok\n",
        )
        .args(["batch", "c.csv"])
        .status(1)
        .stderr_has("must be a plain file name")
        .file("ok.pdf")
        .run();
    // The CSV, the one PDF, and failed-c.csv with the refused row.
    assert!(out.files().len() == 3, "{:?}", out.files());
}

#[cfg(unix)]
#[test]
fn a_deleted_working_folder_is_caught_before_building() {
    let dir = tempdir();
    let gone = dir.path().join("gone");
    std::fs::create_dir(&gone).unwrap();
    // A shell enters the folder, removes it, then becomes workbook.
    let run: Run = Command::new("sh")
        .current_dir(&gone)
        .env(var::SOURCE_DATE_EPOCH, EPOCH)
        .arg("-c")
        .arg(format!(
            "rmdir \"$PWD\" && exec '{}' build --names 'Ana & Ben' -o a.pdf",
            env!("CARGO_BIN_EXE_workbook")
        ))
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
    error: cannot write a.pdf: the working folder no longer exists (it was deleted or moved)
    hint: change to a folder that exists, or give -o a full path
    ");
}

#[cfg(unix)]
#[test]
fn a_path_longer_than_the_system_allows_is_caught_before_building() {
    let long = format!("{}/a.pdf", vec!["d".repeat(200); 30].join("/"));
    Test::build()
        .args(["-o", &long])
        .status(2)
        .stderr_has(
            ": the path is longer than the system allows\nhint: choose a shorter path with -o",
        )
        .run();
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_caught_before_building() {
    let out = Test::build()
        .symlink("loop", "loop")
        .args(["-o", "loop/a.pdf"])
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @"
    error: cannot write loop/a.pdf: the links in loop form a loop
    hint: fix the link, or choose another place with -o
    ");
}

#[cfg(unix)]
#[test]
fn dash_o_into_a_closed_standard_output_exits_1() {
    let out = Test::build()
        .args(["-o", "-"])
        .tweak(closed_stdout)
        .status(1)
        .run();
    insta::assert_snapshot!(out.stderr, @"error: standard output: it is closed, so the PDF would be lost");
}

#[cfg(unix)]
#[test]
fn a_full_disk_names_the_users_file_and_hints_at_space() {
    let out = Test::build()
        .args(["-o", "out.pdf"])
        .tweak(file_size_limit(64 * 1024))
        .status(1)
        .leaves_nothing()
        .run();
    insta::assert_snapshot!(out.stderr, @"
    error: out.pdf: File too large (os error 27)
    hint: the disk (or your quota) is full: free some space, or write somewhere else
    ");
}

/// `build` arguments for a workbook from the sources in `src`, into `a.pdf`.
const FROM_SOURCES: [&str; 4] = ["--sources", "src", "-o", "a.pdf"];

#[cfg(unix)]
#[test]
fn a_sources_file_name_typst_rejects_exits_2_not_a_panic() {
    let out = Test::build()
        .write("src/templates/back\\slash.typ", "Hi")
        .args(FROM_SOURCES)
        .status(2)
        .no_file("a.pdf")
        .run();
    assert!(
        out.stderr.starts_with(
            "error: --sources src: templates/back\\slash.typ: Typst cannot use this file name"
        ),
        "{}",
        out.stderr
    );
}

/// Pieces that have broken parsers before: separators, quotes, TOML syntax,
/// control and bidi characters, combining marks, other scripts, emoji,
/// huge numbers and long runs.
const PIECES: &[&str] = &[
    "a",
    "Ana",
    " ",
    "&",
    "&&",
    "\"",
    "'",
    "\\",
    "=",
    "[",
    "]",
    "[[block]]",
    "{",
    "}",
    "#",
    "\n",
    "\r\n",
    "\t",
    "\0",
    "\u{202E}",
    "\u{2066}",
    "\u{FEFF}",
    "\u{0301}",
    "e\u{0301}",
    "李",
    "Мария",
    "مريم",
    "💛",
    "👩‍❤️‍👨",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "nan",
    "true",
    "2026-02-30",
    "\"\"\"",
    "kind = \"table\"",
    "rows = 100000",
    "columns = []",
    "lines = 0",
    "lines = 4294967296",
    "id = \"\"",
    "#for i in range(9) {}",
    "$",
    "<x>",
    "@preview/x",
    "../",
    "/etc/passwd",
];

/// `base` with a few random edits: pieces inserted, spans deleted, or cut.
fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut text: Vec<char> = base.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(text.len() + 1);
        match rng.below(4) {
            0 | 1 => {
                let piece: Vec<char> = rng.pick(PIECES).chars().collect();
                text.splice(at..at, piece);
            }
            2 => {
                let end = (at + rng.below(12)).min(text.len());
                text.drain(at..end);
            }
            _ => {
                let repeat = rng.pick(PIECES).repeat(1 + rng.below(200));
                text.splice(at..at, repeat.chars());
            }
        }
    }
    text.into_iter().collect()
}

/// Runs `f`, turning a panic into a test failure that shows the input.
fn no_panic(what: &str, input: &str, f: impl FnOnce()) {
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    assert!(caught.is_ok(), "{what} panicked on {input:?}");
}

#[test]
fn random_names_configs_and_exercises_never_panic_or_exit_outside_0_1_2() {
    use workbook::settings::config;
    use workbook::settings::names::Names;
    let started = std::time::Instant::now();
    let mut rng = Rng(0x5EED_2026_1129);
    let dir = tempdir();
    let practice = std::fs::read_to_string("tests/fixtures/practice/workbook.toml").unwrap();
    let exercise =
        std::fs::read_to_string("tests/fixtures/practice/exercises/values-map.toml").unwrap();
    let mut names_seen = Vec::new();

    // Names, in process: the parser alone.
    for _ in 0..2000 {
        let name = mutate(&mut rng, "Ana & Ben");
        no_panic("Names::parse", &name, || {
            let _ = Names::parse(&name);
        });
        names_seen.push(name);
    }

    // Config files, in process: read, then merged with the flags.
    let config_path = dir.path().join("workbook.toml");
    for _ in 0..300 {
        let text = mutate(&mut rng, &practice);
        std::fs::write(&config_path, &text).unwrap();
        no_panic("config::load + resolve", &text, || {
            if let Ok(Some(loaded)) = config::load(Some(&config_path)) {
                let _ = workbook::settings::BuildOptions::resolve(
                    options_args(&["--names", "Ana & Ben"]),
                    Some(&loaded),
                    &workbook::settings::Environment::read().unwrap(),
                );
            }
        });
    }

    // A counselor's exercises, in process: loaded and checked as content.
    let ex = dir.path().join("ex");
    std::fs::create_dir(&ex).unwrap();
    for _ in 0..150 {
        let text = mutate(&mut rng, &exercise);
        std::fs::write(ex.join("values-map.toml"), &text).unwrap();
        no_panic("loading an extra exercise", &text, || {
            let _ = workbook::Project::open(None, &[], Some(&ex), "en");
        });
    }

    // And whole builds through the binary: only exit codes 0, 1 and 2.
    std::fs::write(
        dir.path().join("workbook.toml"),
        "[content]\nextra-exercises = \"ex\"\n[print]\npaper = \"a4\"\n",
    )
    .unwrap();
    for i in 0..6 {
        let text = mutate(&mut rng, &exercise);
        std::fs::write(ex.join("values-map.toml"), &text).unwrap();
        let name = &names_seen[rng.below(names_seen.len())];
        let names = if i % 2 == 0 {
            name.as_str()
        } else {
            "Ana & Ben"
        };
        let run = run(dir.path(), &["build", "--names", names, "-o", "out.pdf"]);
        assert!(
            [0, 1, 2].contains(&run.code),
            "exit {} for names {names:?} and exercise {text:?}: {}",
            run.code,
            run.stderr
        );
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "the random test must stay under a minute: {:?}",
        started.elapsed()
    );
}

/// `build` arguments as clap parses them.
fn options_args(args: &[&str]) -> workbook::cli::BuildArgs {
    use clap::Parser;
    let cli = workbook::cli::Cli::parse_from(["workbook", "build"].iter().chain(args));
    let workbook::cli::Command::Build(build) = cli.command else {
        unreachable!()
    };
    build
}

/// A folder with an ejected project in `src` whose main template ends
/// with `tail`.
fn sources_with(tail: &str) -> Test {
    let out = Test::new()
        .args(["eject", "src", "--names", "Ana & Ben"])
        .run();
    let main = out.path("src/templates/workbook.typ");
    let mut text = std::fs::read_to_string(&main).unwrap();
    text.push_str(tail);
    std::fs::write(main, text).unwrap();
    out.then()
}

/// A template line that runs for ever.
const ENDLESS: &str = "\n#for i in range(100000) { for j in range(100000) { } }\n";

#[test]
fn a_compile_over_the_time_limit_exits_2_naming_the_sources() {
    let test = sources_with(ENDLESS);
    let started = std::time::Instant::now();
    let out = test
        .args(BUILD)
        .args(FROM_SOURCES)
        .args(["--time-limit", "1"])
        .status(2)
        .no_file("a.pdf")
        .run();
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    insta::assert_snapshot!(out.stderr, @"
    error: --sources src: building from your sources took longer than 1 s, so it was stopped
    hint: a loop in your templates may not end; check your latest edits, or allow more time with --time-limit SECS
    ");
    assert!(part_files(out.dir()).is_empty());
}

#[test]
fn a_compile_over_the_memory_limit_exits_2_naming_the_sources() {
    let out = sources_with("\n#let huge = range(100000000)\n")
        .args(BUILD)
        .args(FROM_SOURCES)
        .args(["--memory-limit", "300"])
        .status(2)
        .no_file("a.pdf")
        .run();
    // The watchdog sees the memory grow; a single request over the limit
    // (this range asks for 512 MiB at once) is refused by the allocator
    // before it is made.
    assert!(
        out.stderr.starts_with(
            "error: --sources src: building from your sources used more than 300 MiB of memory, so it was stopped\n"
        ) || out.stderr.starts_with(
            "error: --sources src: building from your sources asked for 512 MiB at once, more than the memory limit of 300 MiB, so it was stopped\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_limit_in_batch_prints_the_summary_of_rows_so_far_first() {
    // Only Zoe's workbook loops: the data decides, as a real mistake would.
    // The limit is generous, so that Ana's workbook is built in time on a
    // loaded machine.
    let out = sources_with(
        "\n#if json(\"/data.json\").names.a == \"Zoe\" { for i in range(100000) { for j in range(100000) { } } }\n",
    )
    .csv("c.csv", "names\n\"Ana & Ben\"\n\"Zoe & Max\"\n")
    .args(["batch", "c.csv", "--sources", "src"])
    .args(["--time-limit", "15", "--jobs", "1"])
    .status(2)
    .file("workbook-ana-ben.pdf")
    .run();
    let summary = out
        .stderr
        .find("built 1 of 1 workbooks before the limit stopped the batch")
        .unwrap_or_else(|| panic!("{}", out.stderr));
    let error = out.stderr.find("error: --sources src:").unwrap();
    assert!(summary < error, "{}", out.stderr);
    assert!(part_files(out.dir()).is_empty());
}

#[test]
fn typst_warnings_about_user_sources_are_printed_as_warning_lines() {
    let out = sources_with("\n#text(font: \"No Such Family\")[x]\n")
        .args(BUILD)
        .args(FROM_SOURCES)
        .run();
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with("warning: templates/workbook.typ:")
                && l.ends_with("unknown font family: no such family")),
        "{}",
        out.stderr
    );
}

#[test]
fn a_sources_folder_whose_fonts_lack_a_template_family_is_an_error() {
    let test = sources_with("");
    std::fs::remove_dir_all(test.dir().join("src/assets/fonts/charis")).unwrap();
    let style_path = test.dir().join("src/templates/style.typ");
    let style = std::fs::read_to_string(style_path).unwrap();
    let out = test
        .args(BUILD)
        .args(FROM_SOURCES)
        .status(2)
        .no_file("a.pdf")
        .run();
    // The line named is the one that sets the family, wherever an edit
    // to the style moves it.
    let line = 1 + style
        .lines()
        .position(|l| l.starts_with("#let body-font"))
        .unwrap();
    let stderr = out
        .stderr
        .replace(&format!("style.typ:{line}:"), "style.typ:LINE:");
    insta::assert_snapshot!(stderr, @"
    error: --sources src: templates/style.typ:LINE: body-font uses Charis SIL, but no font of that family is in assets/fonts/ or --font-path
    hint: add the font files to assets/fonts/ (a fresh `workbook eject` has them), or name a family you have
    ");
}

#[test]
fn untrusted_exercises_are_capped_before_typst_with_file_and_line() {
    let rows: Vec<String> = (0..1000).map(|i| format!("\"row {i}\"")).collect();
    let table = format!(
        "id = \"big\"\npart = \"support\"\ntitle = \"Big\"\nwho = \"together\"\nintro = \"x\"\n\n[[block]]\nkind = \"table\"\nid = \"t\"\ncolumns = [\"A\"]\nrows = [{}]\n",
        rows.join(", ")
    );
    let out = Test::in_dir(practice_with(&[("big", table)]))
        .args(BUILD)
        .args(["-o", "a.pdf"])
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @"
    error: ex/big.toml:7:1: `rows` has 1000 entries; at most 200
    hint: a page holds far fewer: split the block
    ");

    let items: Vec<String> = (0..500).map(|i| format!("\"item {i}\"")).collect();
    let checklist = format!(
        "id = \"many\"\npart = \"support\"\ntitle = \"Many\"\nwho = \"together\"\nintro = \"x\"\n\n[[block]]\nkind = \"checklist\"\nid = \"c\"\nitems = [{}]\n",
        items.join(", ")
    );
    let long = prompt_exercise("long", "Long", &"word ".repeat(1000), 3);
    for (id, toml, want) in [
        ("many", checklist, "`items` has 500 entries; at most 100"),
        ("long", long, "`intro` has 5000 characters; at most 4000"),
    ] {
        let out = Test::in_dir(practice_with(&[(id, toml)]))
            .args(BUILD)
            .args(["-o", "a.pdf"])
            .status(2)
            .stderr_has(want)
            .no_file("a.pdf")
            .run();
        assert!(
            out.stderr.starts_with(&format!("error: ex/{id}.toml:")),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn a_sources_file_over_32_mib_is_refused_before_typst() {
    let test = Test::build().create_dir("src/assets");
    // Sparse: the size is what counts, not the bytes written.
    std::fs::File::create(test.dir().join("src/assets/huge.bin"))
        .unwrap()
        .set_len(33 * 1024 * 1024)
        .unwrap();
    let out = test.args(FROM_SOURCES).status(2).no_file("a.pdf").run();
    assert!(
        out.stderr
            .starts_with("error: --sources src: assets/huge.bin"),
        "{}",
        out.stderr
    );
}

// Issue 30: the hostile round.

/// A folder with a small fillable workbook locked with [`PASSWORD`] (also
/// in `pw.txt`), as `locked.pdf`.
fn locked_fillable() -> Outcome {
    locked(PASSWORD)
        .write("pw.txt", format!("{PASSWORD}\n"))
        .args(["--fillable", "--only", "apology", "-o", "locked.pdf"])
        .run()
}

/// `workbook answers locked.pdf` with the password from `pw.txt`.
const ANSWERS: [&str; 4] = ["answers", "locked.pdf", "--password-file", "pw.txt"];

#[cfg(unix)]
#[test]
fn answers_dash_o_refuses_fifos_links_and_devices_like_build() {
    let locked = locked_fillable();
    let d = locked.dir();
    let fifo = std::ffi::CString::new(d.join("pipe").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a NUL-terminated path we own.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("elsewhere.md", d.join("link.md")).unwrap();
    let mut messages = String::new();
    for target in ["pipe", "link.md", "/dev/null"] {
        let out = Test::at(d)
            .env_remove(var::PASSWORD)
            .args(ANSWERS)
            .args(["-o", target])
            .status(2)
            .run();
        messages.push_str(&out.stderr);
    }
    insta::assert_snapshot!(messages, @"
    error: cannot write pipe: it is not a regular file (a device, pipe or socket)
    hint: choose another file name with -o
    error: cannot write link.md: it is a link; workbook replaces only regular files
    hint: choose another file name with -o
    error: cannot write /dev/null: it is not a regular file (a device, pipe or socket)
    hint: choose another file name with -o
    ");
    // Each is still what it was.
    let kind = |name: &str| std::fs::symlink_metadata(d.join(name)).unwrap().file_type();
    use std::os::unix::fs::FileTypeExt;
    assert!(kind("pipe").is_fifo());
    assert!(kind("link.md").is_symlink());
    assert!(!d.join("elsewhere.md").exists());
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[cfg(unix)]
#[test]
fn sigterm_during_answers_dash_o_leaves_no_part_file_and_answers_stay_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let locked = locked_fillable();
    let d = locked.dir();
    let answers = || {
        Test::at(d)
            .args(ANSWERS)
            .args(["--all", "-o", "answers.md"])
    };
    let (child, _) = paused_while_writing(answers(), "");
    // The part file holds decrypted answers: its owner's only.
    assert_eq!(mode(&part_files(d)[0]), 0o600);
    assert_eq!(signal(child, libc::SIGTERM), libc::SIGTERM);
    assert!(part_files(d).is_empty());
    assert!(!d.join("answers.md").exists());
    // Written whole, the answers of a locked workbook stay private too.
    let out = answers().run();
    assert_eq!(mode(&out.path("answers.md")), 0o600);
}

#[test]
fn a_password_saslprep_refuses_exits_2_before_building_and_says_what_is_allowed() {
    let dir = tempdir();
    let mut messages = String::new();
    for secret in ["shalom שלום 42", "private\u{E000}use", "new\u{0378}char"] {
        let started = std::time::Instant::now();
        let out = locked_in(Test::at(dir.path()), secret)
            .args(["-o", "a.pdf"])
            .status(2)
            .stderr_lacks(secret)
            .run();
        // Refused in the check, not after a whole build.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        messages.push_str(&out.stderr);
    }
    insta::assert_snapshot!(messages, @"
    error: WORKBOOK_PASSWORD: the password mixes right-to-left letters (Hebrew, Arabic) with left-to-right ones, which PDF passwords cannot do
    hint: a password may hold letters and digits of any language, spaces and punctuation; not private-use, unassigned or formatting characters, and not right-to-left letters (Hebrew, Arabic) mixed with others (SASLprep, RFC 4013, which PDF 2.0 readers apply)
    error: WORKBOOK_PASSWORD: the password has U+E000 (a private-use character), which PDF passwords cannot hold
    hint: a password may hold letters and digits of any language, spaces and punctuation; not private-use, unassigned or formatting characters, and not right-to-left letters (Hebrew, Arabic) mixed with others (SASLprep, RFC 4013, which PDF 2.0 readers apply)
    error: WORKBOOK_PASSWORD: the password has U+0378 (a character Unicode leaves unassigned or reserves for formatting), which PDF passwords cannot hold
    hint: a password may hold letters and digits of any language, spaces and punctuation; not private-use, unassigned or formatting characters, and not right-to-left letters (Hebrew, Arabic) mixed with others (SASLprep, RFC 4013, which PDF 2.0 readers apply)
    ");
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn a_password_that_saslprep_maps_builds_with_a_warning() {
    let secret = "correct\u{a0}horse\u{200b} 42";
    let out = locked(secret)
        .args(["--only", "apology", "-o", "a.pdf"])
        .run();
    insta::assert_snapshot!(out.warnings(), @"warning: WORKBOOK_PASSWORD: the password has U+00A0 (a no-break space) and U+200B (a zero-width space); PDF readers that follow PDF 2.0 change these before they use it, and a reader that does not would refuse the password, so it is safer without them");
    // Readers that apply SASLprep open it with the password as typed, and
    // as SASLprep makes it.
    let pdf = out.read("a.pdf");
    assert!(open_locked(&pdf, secret).is_ok());
    // (A zero-width space is one of the spaces RFC 3454 maps to a space.)
    assert!(open_locked(&pdf, "correct horse  42").is_ok());
}

#[test]
fn a_password_file_with_a_trailing_space_warns() {
    let out = Test::build()
        .write("pw.txt", "correct horse 42 \n")
        .args([
            "--only",
            "apology",
            "--password-file",
            "pw.txt",
            "-o",
            "a.pdf",
        ])
        .run();
    insta::assert_snapshot!(out.warnings(), @"warning: --password-file pw.txt: the password ends with a space, which is kept as part of it; remove it from the file if it is not meant to be there");
    assert!(open_locked(&out.read("a.pdf"), "correct horse 42 ").is_ok());
}

#[cfg(unix)]
#[test]
fn answers_into_closed_or_full_standard_output_exits_1_with_a_plain_message() {
    let locked = locked_fillable();
    let answers = || Test::at(locked.dir()).args(ANSWERS).arg("--all").status(1);
    let closed = answers().tweak(closed_stdout).run();
    let full = answers()
        .tweak(|cmd| {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            cmd.stdout(full);
        })
        .stderr_lacks("bug")
        .run();
    insta::assert_snapshot!(format!("{}{}", closed.stderr, full.stderr), @"
    error: standard output: it is closed, so the answers would be lost
    error: standard output: No space left on device (os error 28)
    hint: the disk (or your quota) is full: free some space, or write somewhere else
    ");
}

#[cfg(unix)]
#[test]
fn build_dash_o_into_a_pipe_whose_reader_has_gone_exits_1() {
    let mut test = Test::build().args(["-o", "-"]);
    let mut child = test
        .command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader exits at once, before the PDF is written.
    drop(child.stdout.take());
    let run: Run = child.wait_with_output().unwrap().into();
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"error: standard output: the program that was to read it had already stopped, so the PDF would be lost");
}

#[cfg(unix)]
#[test]
fn a_working_folder_deeper_than_path_max_fails_before_building() {
    use std::os::unix::process::CommandExt;
    let level = std::ffi::CString::new("d".repeat(200)).unwrap();
    // One relative step at a time, in the child before it runs: no single
    // path could reach that deep.
    let deep = move |cmd: &mut Command| {
        // SAFETY: mkdir and chdir are async-signal-safe; the name is ours.
        unsafe {
            cmd.pre_exec(move || {
                for _ in 0..25 {
                    if libc::mkdir(level.as_ptr(), 0o755) != 0 || libc::chdir(level.as_ptr()) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
    };
    let started = std::time::Instant::now();
    let out = Test::build()
        .args(["-o", "a.pdf"])
        .tweak(deep)
        .status(2)
        .run();
    // Before the build: a second or so, not a whole workbook's layout.
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    insta::assert_snapshot!(out.stderr, @"
    error: cannot write a.pdf: the working folder's path is longer than the system allows
    hint: change to a folder nearer the top, or give -o a full, shorter path
    ");
}

#[cfg(unix)]
#[test]
fn batch_out_dir_and_init_on_a_link_loop_say_it_is_a_loop() {
    let batch = Test::new()
        .symlink("loop", "loop")
        .csv("c.csv", "names\nAna & Ben\n")
        .args(["batch", "c.csv", "--out-dir", "loop"])
        .status(2)
        .run();
    let init = Test::at(batch.dir()).args(["init", "loop"]).status(2).run();
    insta::assert_snapshot!(format!("{}{}", batch.stderr, init.stderr), @"
    error: --out-dir loop: the links there form a loop
    hint: fix the link, or give another folder
    error: loop: the links there form a loop
    hint: fix the link, or give another folder
    ");
}

#[test]
fn a_dot_dot_path_in_sources_does_not_hint_at_a_root_option() {
    sources_with("\n#read(\"../../secret.txt\")\n")
        .args(BUILD)
        .args(FROM_SOURCES)
        .status(2)
        .stderr_lacks("--root")
        .stderr_has("hint: workbook reads only the files inside the --sources folder")
        .no_file("a.pdf")
        .run();
}

#[test]
fn a_batch_photo_error_names_the_csv_cell_not_dash_dash_photo() {
    Test::new()
        .csv("c.csv", "names,photo\nAna & Ben,missing.jpg\n")
        .args(["batch", "c.csv", "--out-dir", "out"])
        .status(1)
        .stderr_has("c.csv:2: photo ")
        .stderr_lacks("--photo")
        .run();
}

/// Whether a folder holds a PNG: a preview that was refused draws none.
fn has_png(dir: &Path) -> bool {
    files_in(dir)
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "png"))
}

#[test]
fn preview_with_an_empty_page_list_exits_2_before_building() {
    let out = Test::new()
        .args(["preview", "--names", "Ana & Ben", "--pages", ""])
        .status(2)
        .leaves_nothing()
        .run();
    insta::assert_snapshot!(out.stderr, @"
    error: --pages \"\": names no page, so there would be nothing to draw
    hint: give names (cover,note,safety,support) or page numbers and ranges such as 1,3-5, or leave --pages out
    ");
}

#[test]
fn preview_and_batch_preview_honour_the_time_limit_for_sources() {
    let limits = ["--sources", "src", "--time-limit", "1"];
    let stopped =
        "error: --sources src: building from your sources took longer than 1 s, so it was stopped";
    let test = sources_with(ENDLESS).csv("c.csv", "names\nAna & Ben\n");
    let started = std::time::Instant::now();
    let preview = test
        .args(["preview", "--names", "Ana & Ben"])
        .args(limits)
        .status(2)
        .stderr_has(stopped)
        .run();
    Test::at(preview.dir())
        .args(["batch", "c.csv", "--preview", "1", "--out-dir", "out"])
        .args(limits)
        .status(2)
        .stderr_has(stopped)
        .run();
    assert!(started.elapsed() < std::time::Duration::from_secs(40));
    assert!(!has_png(preview.dir()));
}

#[test]
fn preview_of_a_huge_page_is_refused_with_its_size_not_an_abort() {
    let test = sources_with("");
    let main = test.dir().join("src/templates/workbook.typ");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(
        &main,
        format!("#page(width: 300cm, height: 300cm)[huge]\n{text}"),
    )
    .unwrap();
    let out = test
        .args(["preview", "--names", "Ana & Ben", "--sources", "src"])
        .args(["--pages", "1"])
        .status(2)
        .run();
    insta::assert_snapshot!(out.stderr, @"
    error: page 1 would be 11339 x 11339 pixels at 96 dpi (129 million); the most drawn is 100 million
    hint: lower --dpi, or check the page size in your templates
    ");
    assert!(!has_png(out.dir()));
}

#[test]
fn a_huge_allocation_in_sources_exits_2_with_a_message_not_an_abort() {
    let one = sources_with("\n#let s = \"x\" * 100000000000000\n#s.len()\n")
        .args(BUILD)
        .args(FROM_SOURCES)
        .status(2)
        .run();
    insta::assert_snapshot!(one.stderr, @"
    error: --sources src: building from your sources asked for 95367431 MiB at once, more than the memory limit of 2048 MiB, so it was stopped
    hint: a value in your templates may be made far too large (a string or an array repeated many times); check your latest edits
    ");
    // The summary of what was built comes first, as for the other limits.
    let batch = one
        .then()
        .csv("c.csv", "names\nAna & Ben\nCy & Di\n")
        .args(["batch", "c.csv", "--sources", "src", "--out-dir", "out"])
        .args(["--jobs", "1"])
        .status(2)
        .stderr_has("built 0 of 0 workbooks before the limit stopped the batch")
        .no_file("a.pdf")
        .run();
    assert!(part_files(batch.dir()).is_empty());
}
