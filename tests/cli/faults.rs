//! Issue 13: faults leave nothing behind, and dates say only the day.
//! Each test is named after the case it covers.

use crate::support::*;

/// The Info dictionary's `CreationDate` of a PDF file.
fn creation_date(path: &std::path::Path) -> String {
    let doc = lopdf::Document::load(path).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .unwrap();
    let date = doc
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    String::from_utf8(date).unwrap()
}

#[test]
fn without_source_date_epoch_the_pdf_carries_the_day_at_midnight_utc() {
    let dir = tempdir();
    let before = time::OffsetDateTime::now_utc().date();
    let run: Run = workbook(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["build", "--names", "Ana & Ben", "-o", "a.pdf"])
        .output()
        .unwrap()
        .into();
    let after = time::OffsetDateTime::now_utc().date();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let date = creation_date(&dir.path().join("a.pdf"));
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
fn part_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    files_in(dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(".workbook-") && name.ends_with(".part")
        })
        .collect()
}

/// Starts `workbook ARGS` paused before its rename (a debug-build hook),
/// waits for its part file in `watch`, sends `signal`, and returns the
/// exit code.
#[cfg(unix)]
fn signal_while_writing(
    dir: &std::path::Path,
    watch: &std::path::Path,
    args: &[&str],
    signal: i32,
) -> i32 {
    use std::time::{Duration, Instant};
    let mut child = workbook(dir)
        .env("WORKBOOK_DEBUG_PAUSE_BEFORE_RENAME_MS", "20000")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while part_files(watch).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no part file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill has no memory-safety preconditions; the pid is our child's.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let status = child.wait().unwrap();
    // An exit code, not death by the signal: our handler ran.
    status
        .code()
        .expect("the process exits, not killed by the signal")
}

#[cfg(unix)]
#[test]
fn sigterm_during_build_leaves_no_part_file_and_exits_143() {
    let dir = tempdir();
    let code = signal_while_writing(
        dir.path(),
        dir.path(),
        &["build", "--names", "Zoe & Max", "-o", "out.pdf"],
        libc::SIGTERM,
    );
    assert_eq!(code, 143);
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_build_leaves_no_part_file_and_exits_130() {
    let dir = tempdir();
    let code = signal_while_writing(
        dir.path(),
        dir.path(),
        &["build", "--names", "Zoe & Max", "-o", "out.pdf"],
        libc::SIGINT,
    );
    assert_eq!(code, 130);
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn sighup_during_batch_leaves_no_part_file_and_exits_129() {
    let dir = tempdir();
    std::fs::write(dir.path().join("c.csv"), "names\n\"A & B\"\n").unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let code = signal_while_writing(
        dir.path(),
        &dir.path().join("out"),
        &["batch", "c.csv", "--out-dir", "out"],
        libc::SIGHUP,
    );
    assert_eq!(code, 129);
    assert!(files_in(&dir.path().join("out")).is_empty());
}

#[cfg(unix)]
#[test]
fn sigterm_during_eject_leaves_no_staging_folder_and_exits_143() {
    let dir = tempdir();
    let code = signal_while_writing(
        dir.path(),
        dir.path(),
        &["eject", "proj", "--names", "Zoe & Max"],
        libc::SIGTERM,
    );
    assert_eq!(code, 143);
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn sigterm_during_a_split_leaves_none_of_the_three_files_and_exits_143() {
    let dir = tempdir();
    let code = signal_while_writing(
        dir.path(),
        dir.path(),
        &["build", "--names", "Zoe & Max", "--split", "partners"],
        libc::SIGTERM,
    );
    assert_eq!(code, 143);
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[test]
fn stale_part_files_of_ours_older_than_an_hour_are_swept_on_the_next_run() {
    let dir = tempdir();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let stale = dir.path().join(".workbook-abc123.part");
    let fresh = dir.path().join(".workbook-def456.part");
    let theirs = dir.path().join(".other-abc.part");
    for path in [&stale, &fresh, &theirs] {
        std::fs::write(path, b"partial").unwrap();
    }
    for path in [&stale, &theirs] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
    }
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "a.pdf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!stale.exists(), "a stale part file of ours is swept");
    assert!(fresh.exists(), "one being written now is left alone");
    assert!(theirs.exists(), "another program's file is left alone");
}

/// Every path under `dir`, relative, sorted, with each file's bytes.
fn tree(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Option<Vec<u8>>)> {
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
    let dir = tempdir();
    let stale = dir.path().join(".workbook-old.part");
    std::fs::create_dir_all(stale.join("new/templates")).unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::open(&stale)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    let run = run(dir.path(), &["eject", "proj", "--names", "Ana & Ben"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(files_in(dir.path()), [dir.path().join("proj")]);
}

#[test]
fn eject_creates_no_folder_before_the_options_are_checked() {
    let dir = tempdir();
    let run = run(
        dir.path(),
        &["eject", "proj", "--names", "Ana & Ben", "--days", "0"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[test]
fn eject_into_a_new_folder_leaves_no_staging_behind() {
    let dir = tempdir();
    let run = run(dir.path(), &["eject", "a/b/proj", "--names", "Ana & Ben"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(files_in(dir.path()), [dir.path().join("a")]);
    assert!(dir.path().join("a/b/proj/templates/workbook.typ").is_file());
    assert!(part_files(&dir.path().join("a/b")).is_empty());
}

/// Runs `workbook ARGS` with files limited to `max` bytes (RLIMIT_FSIZE),
/// which fails a write the way a full disk does.
#[cfg(unix)]
fn run_with_file_size_limit(dir: &std::path::Path, max: u64, args: &[&str]) -> Run {
    use std::os::unix::process::CommandExt;
    let mut cmd = workbook(dir);
    cmd.args(args);
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
    cmd.output().unwrap().into()
}

#[cfg(unix)]
#[test]
fn eject_on_a_full_disk_leaves_no_half_written_project() {
    let dir = tempdir();
    // The fonts are larger than this; the templates are not.
    let run = run_with_file_size_limit(
        dir.path(),
        64 * 1024,
        &["eject", "proj", "--names", "Ana & Ben"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: proj/"), "{}", run.stderr);
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn eject_force_on_a_full_disk_leaves_the_users_files_untouched() {
    let dir = tempdir();
    let proj = dir.path().join("proj");
    std::fs::create_dir_all(proj.join("templates")).unwrap();
    std::fs::write(proj.join("templates/workbook.typ"), "my own").unwrap();
    std::fs::write(proj.join("notes.txt"), "mine").unwrap();
    let before = tree(&proj);
    let run = run_with_file_size_limit(
        dir.path(),
        64 * 1024,
        &["eject", "proj", "--force", "--names", "Ana & Ben"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(tree(&proj), before);
}

#[test]
fn eject_force_failing_half_way_puts_back_what_was_moved() {
    let dir = tempdir();
    let proj = dir.path().join("proj");
    std::fs::create_dir_all(proj.join("templates")).unwrap();
    std::fs::write(proj.join("README.md"), "my readme").unwrap();
    std::fs::write(proj.join("templates/workbook.typ"), "my own").unwrap();
    std::fs::write(proj.join("notes.txt"), "mine").unwrap();
    let before = tree(&proj);
    // The 40th rename fails (a test hook of debug builds): by then the
    // README, the assets and more have been moved into place.
    let run: Run = workbook(dir.path())
        .env("WORKBOOK_DEBUG_FAIL_EJECT_MOVE", "40")
        .args(["eject", "proj", "--force", "--names", "Ana & Ben"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("injected failure"), "{}", run.stderr);
    assert_eq!(tree(&proj), before);
}

const PASSWORD: &str = "correct horse 42";

/// `workbook build` with `WORKBOOK_PASSWORD` set.
fn build_locked(dir: &std::path::Path, password: &str, args: &[&str]) -> Run {
    workbook(dir)
        .env("WORKBOOK_PASSWORD", password)
        .args(["build", "--names", "Ana & Ben"])
        .args(args)
        .output()
        .unwrap()
        .into()
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
    let dir = tempdir();
    let run = build_locked(dir.path(), PASSWORD, &["-o", "a.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains(PASSWORD));
    let pdf = std::fs::read(dir.path().join("a.pdf")).unwrap();
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
    let dir = tempdir();
    std::fs::write(
        dir.path().join("pw.txt"),
        format!("{PASSWORD}\r\nnot this\n"),
    )
    .unwrap();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--password-file",
            "pw.txt",
            "-o",
            "a.pdf",
            "--fillable",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = std::fs::read(dir.path().join("a.pdf")).unwrap();
    assert!(open_locked(&pdf, PASSWORD).is_ok());
    assert!(open_locked(&pdf, "not this").is_err());
    // An empty first line is refused, and the file's text is not quoted.
    std::fs::write(dir.path().join("pw.txt"), "\nsecret-second-line\n").unwrap();
    let run = crate::support::run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--password-file",
            "pw.txt",
            "-o",
            "b.pdf",
        ],
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @"error: --password-file: the password is empty");
    assert!(!dir.path().join("b.pdf").exists());
}

#[test]
fn a_password_with_pdf_a_stops_with_exit_2() {
    let dir = tempdir();
    let run = build_locked(
        dir.path(),
        PASSWORD,
        &[
            "--pdf-standard",
            "ua-1",
            "--pdf-standard",
            "a-2b",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @r"
    error: --pdf-standard a-2b: PDF/A forbids encryption, so a workbook with a password cannot be archival
    hint: leave out the password for an archival copy, or choose --pdf-standard ua-1
    ");
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn a_bad_password_is_refused_without_showing_it() {
    let dir = tempdir();
    let secret = "tab\tsecret";
    let run = build_locked(dir.path(), secret, &["-o", "a.pdf"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @"error: WORKBOOK_PASSWORD: the password has a control character (a tab, or a line break in a cell)");
    let long = "x".repeat(128);
    let run = build_locked(dir.path(), &long, &["-o", "a.pdf"]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains(&long), "{}", run.stderr);
    assert!(run.stderr.contains("at most 127"), "{}", run.stderr);
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn two_locked_builds_differ_in_bytes_but_decrypt_to_identical_content() {
    let dir = tempdir();
    for name in ["a.pdf", "b.pdf"] {
        let run = build_locked(dir.path(), PASSWORD, &["-o", name, "--fillable"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let a = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let b = std::fs::read(dir.path().join("b.pdf")).unwrap();
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
    let dir = tempdir();
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "evil\u{202E}fdp.exe"],
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @"
    error: cannot write evil\u{202e}fdp.exe: the file name has the control or invisible character U+202E
    hint: choose a plain file name
    ");
    std::fs::write(
        dir.path().join("c.csv"),
        "names,output\n\"A & B\",\"x\u{2066}y\"\n\"C & D\",ok\n",
    )
    .unwrap();
    let run = crate::support::run(dir.path(), &["batch", "c.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("must be a plain file name"),
        "{}",
        run.stderr
    );
    assert!(dir.path().join("ok.pdf").is_file());
    // The CSV, the one PDF, and failed-c.csv with the refused row.
    assert!(
        files_in(dir.path()).len() == 3,
        "{:?}",
        files_in(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn a_deleted_working_folder_is_caught_before_building() {
    let dir = tempdir();
    let gone = dir.path().join("gone");
    std::fs::create_dir(&gone).unwrap();
    // A shell enters the folder, removes it, then becomes workbook.
    let run: Run = std::process::Command::new("sh")
        .current_dir(&gone)
        .env("SOURCE_DATE_EPOCH", EPOCH)
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
    let dir = tempdir();
    let long = format!("{}/a.pdf", vec!["d".repeat(200); 30].join("/"));
    let run = run(dir.path(), &["build", "--names", "Ana & Ben", "-o", &long]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            ": the path is longer than the system allows\nhint: choose a shorter path with -o"
        ),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_caught_before_building() {
    let dir = tempdir();
    std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "loop/a.pdf"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
    error: cannot write loop/a.pdf: the links in loop form a loop
    hint: fix the link, or choose another place with -o
    ");
}

#[cfg(unix)]
#[test]
fn dash_o_into_a_closed_standard_output_exits_1() {
    use std::os::unix::process::CommandExt;
    let dir = tempdir();
    let mut cmd = workbook(dir.path());
    cmd.args(["build", "--names", "Ana & Ben", "-o", "-"])
        .stderr(std::process::Stdio::piped());
    // SAFETY: close is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::close(1);
            Ok(())
        });
    }
    let run: Run = cmd.output().unwrap().into();
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"error: standard output: it is closed, so the PDF would be lost");
}

#[cfg(unix)]
#[test]
fn a_full_disk_names_the_users_file_and_hints_at_space() {
    let dir = tempdir();
    let run = run_with_file_size_limit(
        dir.path(),
        64 * 1024,
        &["build", "--names", "Ana & Ben", "-o", "out.pdf"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
    error: out.pdf: File too large (os error 27)
    hint: the disk (or your quota) is full: free some space, or write somewhere else
    ");
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn a_sources_file_name_typst_rejects_exits_2_not_a_panic() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.path().join("src/templates")).unwrap();
    std::fs::write(dir.path().join("src/templates/back\\slash.typ"), "Hi").unwrap();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: --sources src: templates/back\\slash.typ: Typst cannot use this file name"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("a.pdf").exists());
}

/// A small, seeded random source (xorshift64*): the same cases every run,
/// so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &'a [&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
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
            let _ = workbook::Project::open(None, &[], Some(&ex));
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

/// An ejected project in `dir/src` whose main template ends with `tail`.
fn sources_with(dir: &std::path::Path, tail: &str) {
    let run = run(dir, &["eject", "src", "--names", "Ana & Ben"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = dir.join("src/templates/workbook.typ");
    let mut text = std::fs::read_to_string(&main).unwrap();
    text.push_str(tail);
    std::fs::write(main, text).unwrap();
}

#[test]
fn a_compile_over_the_time_limit_exits_2_naming_the_sources() {
    let dir = tempdir();
    sources_with(
        dir.path(),
        "\n#for i in range(100000) { for j in range(100000) { } }\n",
    );
    let started = std::time::Instant::now();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "--time-limit",
            "1",
            "-o",
            "a.pdf",
        ],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
    error: --sources src: building from your sources took longer than 1 s, so it was stopped
    hint: a loop in your templates may not end; check your latest edits, or allow more time with --time-limit SECS
    ");
    assert!(!dir.path().join("a.pdf").exists());
    assert!(part_files(dir.path()).is_empty());
}

#[test]
fn a_compile_over_the_memory_limit_exits_2_naming_the_sources() {
    let dir = tempdir();
    sources_with(dir.path(), "\n#let huge = range(100000000)\n");
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "--memory-limit",
            "300",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    // The watchdog sees the memory grow; a single request over the limit
    // (this range asks for 512 MiB at once) is refused by the allocator
    // before it is made.
    assert!(
        run.stderr.starts_with(
            "error: --sources src: building from your sources used more than 300 MiB of memory, so it was stopped\n"
        ) || run.stderr.starts_with(
            "error: --sources src: building from your sources asked for 512 MiB at once, more than the memory limit of 300 MiB, so it was stopped\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("a.pdf").exists());
}

#[test]
fn a_limit_in_batch_prints_the_summary_of_rows_so_far_first() {
    let dir = tempdir();
    // Only Zoe's workbook loops: the data decides, as a real mistake would.
    sources_with(
        dir.path(),
        "\n#if json(\"/data.json\").names.a == \"Zoe\" { for i in range(100000) { for j in range(100000) { } } }\n",
    );
    std::fs::write(
        dir.path().join("c.csv"),
        "names\n\"Ana & Ben\"\n\"Zoe & Max\"\n",
    )
    .unwrap();
    // Generous, so that Ana's workbook is built in time on a loaded machine.
    let run = run(
        dir.path(),
        &[
            "batch",
            "c.csv",
            "--sources",
            "src",
            "--time-limit",
            "15",
            "--jobs",
            "1",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let summary = run
        .stderr
        .find("built 1 of 1 workbooks before the limit stopped the batch")
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let error = run.stderr.find("error: --sources src:").unwrap();
    assert!(summary < error, "{}", run.stderr);
    assert!(dir.path().join("workbook-ana-ben.pdf").is_file());
    assert!(part_files(dir.path()).is_empty());
}

#[test]
fn typst_warnings_about_user_sources_are_printed_as_warning_lines() {
    let dir = tempdir();
    sources_with(dir.path(), "\n#text(font: \"No Such Family\")[x]\n");
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("warning: templates/workbook.typ:")
                && l.ends_with("unknown font family: no such family")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sources_folder_whose_fonts_lack_a_template_family_is_an_error() {
    let dir = tempdir();
    sources_with(dir.path(), "");
    std::fs::remove_dir_all(dir.path().join("src/assets/fonts/charis")).unwrap();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
    error: --sources src: templates/style.typ:7: body-font uses Charis SIL, but no font of that family is in assets/fonts/ or --font-path
    hint: add the font files to assets/fonts/ (a fresh `workbook eject` has them), or name a family you have
    ");
    assert!(!dir.path().join("a.pdf").exists());
}

#[test]
fn untrusted_exercises_are_capped_before_typst_with_file_and_line() {
    let rows: Vec<String> = (0..1000).map(|i| format!("\"row {i}\"")).collect();
    let table = format!(
        "id = \"big\"\npart = \"support\"\ntitle = \"Big\"\nwho = \"together\"\nintro = \"x\"\n\n[[block]]\nkind = \"table\"\nid = \"t\"\ncolumns = [\"A\"]\nrows = [{}]\n",
        rows.join(", ")
    );
    let dir = practice_with(&[("big", table)]);
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "a.pdf"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
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
        let dir = practice_with(&[(id, toml)]);
        let run = crate::support::run(
            dir.path(),
            &["build", "--names", "Ana & Ben", "-o", "a.pdf"],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!("error: ex/{id}.toml:")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(want), "{}", run.stderr);
        assert!(!dir.path().join("a.pdf").exists());
    }
}

#[test]
fn a_sources_file_over_32_mib_is_refused_before_typst() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.path().join("src/assets")).unwrap();
    // Sparse: the size is what counts, not the bytes written.
    std::fs::File::create(dir.path().join("src/assets/huge.bin"))
        .unwrap()
        .set_len(33 * 1024 * 1024)
        .unwrap();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: --sources src: assets/huge.bin"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("a.pdf").exists());
}

// Issue 30: the hostile round.

/// A small fillable workbook locked with [`PASSWORD`] (in `pw.txt`), as
/// `locked.pdf` in `dir`.
fn locked_fillable(dir: &std::path::Path) {
    std::fs::write(dir.join("pw.txt"), format!("{PASSWORD}\n")).unwrap();
    let run = build_locked(
        dir,
        PASSWORD,
        &["--fillable", "--only", "apology", "-o", "locked.pdf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn answers_dash_o_refuses_fifos_links_and_devices_like_build() {
    let dir = tempdir();
    let d = dir.path();
    locked_fillable(d);
    let fifo = std::ffi::CString::new(d.join("pipe").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a NUL-terminated path we own.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("elsewhere.md", d.join("link.md")).unwrap();
    let mut messages = String::new();
    for target in ["pipe", "link.md", "/dev/null"] {
        let run: Run = workbook(d)
            .env_remove("WORKBOOK_PASSWORD")
            .args([
                "answers",
                "locked.pdf",
                "--password-file",
                "pw.txt",
                "-o",
                target,
            ])
            .output()
            .unwrap()
            .into();
        assert_eq!(run.code, 2, "{target}: {}", run.stderr);
        messages.push_str(&run.stderr);
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
    use std::time::{Duration, Instant};
    let dir = tempdir();
    let d = dir.path();
    locked_fillable(d);
    let args = [
        "answers",
        "locked.pdf",
        "--password-file",
        "pw.txt",
        "--all",
        "-o",
        "answers.md",
    ];
    let mut child = workbook(d)
        .env("WORKBOOK_DEBUG_PAUSE_BEFORE_RENAME_MS", "20000")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while part_files(d).is_empty() {
        assert!(started.elapsed() < Duration::from_secs(60), "no part file");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The part file holds decrypted answers: its owner's only.
    let mode = std::fs::metadata(&part_files(d)[0])
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // SAFETY: kill has no memory-safety preconditions; the pid is our child's.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    assert!(part_files(d).is_empty());
    assert!(!d.join("answers.md").exists());
    // Written whole, the answers of a locked workbook stay private too.
    let run: Run = workbook(d).args(args).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mode = std::fs::metadata(d.join("answers.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_password_saslprep_refuses_exits_2_before_building_and_says_what_is_allowed() {
    let dir = tempdir();
    let mut messages = String::new();
    for secret in ["shalom שלום 42", "private\u{E000}use", "new\u{0378}char"] {
        let started = std::time::Instant::now();
        let run = build_locked(dir.path(), secret, &["-o", "a.pdf"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        // Refused in the check, not after a whole build.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert!(!run.stderr.contains(secret), "{}", run.stderr);
        messages.push_str(&run.stderr);
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
    let dir = tempdir();
    let secret = "correct\u{a0}horse\u{200b} 42";
    let run = build_locked(dir.path(), secret, &["--only", "apology", "-o", "a.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: String = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    insta::assert_snapshot!(warnings, @"warning: WORKBOOK_PASSWORD: the password has U+00A0 (a no-break space) and U+200B (a zero-width space); PDF readers that follow PDF 2.0 change these before they use it, and a reader that does not would refuse the password, so it is safer without them");
    // Readers that apply SASLprep open it with the password as typed, and
    // as SASLprep makes it.
    let pdf = std::fs::read(dir.path().join("a.pdf")).unwrap();
    assert!(open_locked(&pdf, secret).is_ok());
    // (A zero-width space is one of the spaces RFC 3454 maps to a space.)
    assert!(open_locked(&pdf, "correct horse  42").is_ok());
}

#[test]
fn a_password_file_with_a_trailing_space_warns() {
    let dir = tempdir();
    std::fs::write(dir.path().join("pw.txt"), "correct horse 42 \n").unwrap();
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--only",
            "apology",
            "--password-file",
            "pw.txt",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr.lines().filter(|l| l.starts_with("warning:")).collect::<String>(), @"warning: --password-file pw.txt: the password ends with a space, which is kept as part of it; remove it from the file if it is not meant to be there");
    let pdf = std::fs::read(dir.path().join("a.pdf")).unwrap();
    assert!(open_locked(&pdf, "correct horse 42 ").is_ok());
}

#[cfg(unix)]
#[test]
fn answers_into_closed_or_full_standard_output_exits_1_with_a_plain_message() {
    use std::os::unix::process::CommandExt;
    let dir = tempdir();
    locked_fillable(dir.path());
    let answers = |stdout: Option<std::fs::File>| -> Run {
        let mut cmd = workbook(dir.path());
        cmd.args([
            "answers",
            "locked.pdf",
            "--password-file",
            "pw.txt",
            "--all",
        ])
        .stderr(std::process::Stdio::piped());
        match stdout {
            Some(f) => {
                cmd.stdout(f);
            }
            // SAFETY: close is async-signal-safe.
            None => unsafe {
                cmd.pre_exec(|| {
                    libc::close(1);
                    Ok(())
                });
            },
        }
        cmd.output().unwrap().into()
    };
    let closed = answers(None);
    assert_eq!(closed.code, 1, "{}", closed.stderr);
    let full = answers(Some(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap(),
    ));
    assert_eq!(full.code, 1, "{}", full.stderr);
    insta::assert_snapshot!(format!("{}{}", closed.stderr, full.stderr), @"
    error: standard output: it is closed, so the answers would be lost
    error: standard output: No space left on device (os error 28)
    hint: the disk (or your quota) is full: free some space, or write somewhere else
    ");
    assert!(!full.stderr.contains("bug"));
}

#[cfg(unix)]
#[test]
fn build_dash_o_into_a_pipe_whose_reader_has_gone_exits_1() {
    let dir = tempdir();
    let mut child = workbook(dir.path())
        .args(["build", "--names", "Ana & Ben", "-o", "-"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader exits at once, before the PDF is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let run: Run = out.into();
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"error: standard output: the program that was to read it had already stopped, so the PDF would be lost");
}

#[cfg(unix)]
#[test]
fn a_working_folder_deeper_than_path_max_fails_before_building() {
    use std::os::unix::process::CommandExt;
    let dir = tempdir();
    let level = std::ffi::CString::new("d".repeat(200)).unwrap();
    let mut cmd = workbook(dir.path());
    cmd.args(["build", "--names", "Ana & Ben", "-o", "a.pdf"]);
    // One relative step at a time, in the child before it runs: no single
    // path could reach that deep.
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
    let started = std::time::Instant::now();
    let run: Run = cmd.output().unwrap().into();
    assert_eq!(run.code, 2, "{}", run.stderr);
    // Before the build: a second or so, not a whole workbook's layout.
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    insta::assert_snapshot!(run.stderr, @"
    error: cannot write a.pdf: the working folder's path is longer than the system allows
    hint: change to a folder nearer the top, or give -o a full, shorter path
    ");
}

#[cfg(unix)]
#[test]
fn batch_out_dir_and_init_on_a_link_loop_say_it_is_a_loop() {
    let dir = tempdir();
    std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
    std::fs::write(dir.path().join("c.csv"), "names\nAna & Ben\n").unwrap();
    let batch = run(dir.path(), &["batch", "c.csv", "--out-dir", "loop"]);
    let init = run(dir.path(), &["init", "loop"]);
    assert_eq!(
        (batch.code, init.code),
        (2, 2),
        "{}{}",
        batch.stderr,
        init.stderr
    );
    insta::assert_snapshot!(format!("{}{}", batch.stderr, init.stderr), @"
    error: --out-dir loop: the links there form a loop
    hint: fix the link, or give another folder
    error: loop: the links there form a loop
    hint: fix the link, or give another folder
    ");
}

#[test]
fn a_dot_dot_path_in_sources_does_not_hint_at_a_root_option() {
    let dir = tempdir();
    sources_with(dir.path(), "\n#read(\"../../secret.txt\")\n");
    let run = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("--root"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hint: workbook reads only the files inside the --sources folder"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("a.pdf").exists());
}

#[test]
fn a_batch_photo_error_names_the_csv_cell_not_dash_dash_photo() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("c.csv"),
        "names,photo\nAna & Ben,missing.jpg\n",
    )
    .unwrap();
    let run = run(dir.path(), &["batch", "c.csv", "--out-dir", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("c.csv:2: photo "), "{}", run.stderr);
    assert!(!run.stderr.contains("--photo"), "{}", run.stderr);
}

#[test]
fn preview_with_an_empty_page_list_exits_2_before_building() {
    let dir = tempdir();
    let run = run(
        dir.path(),
        &["preview", "--names", "Ana & Ben", "--pages", ""],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
    error: --pages \"\": names no page, so there would be nothing to draw
    hint: give names (cover,note,safety,support) or page numbers and ranges such as 1,3-5, or leave --pages out
    ");
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn preview_and_batch_preview_honour_the_time_limit_for_sources() {
    let dir = tempdir();
    sources_with(
        dir.path(),
        "\n#for i in range(100000) { for j in range(100000) { } }\n",
    );
    std::fs::write(dir.path().join("c.csv"), "names\nAna & Ben\n").unwrap();
    let limits = ["--sources", "src", "--time-limit", "1"];
    let started = std::time::Instant::now();
    let preview = run(
        dir.path(),
        &[&["preview", "--names", "Ana & Ben"][..], &limits].concat(),
    );
    let batch = run(
        dir.path(),
        &[
            &["batch", "c.csv", "--preview", "1", "--out-dir", "out"][..],
            &limits,
        ]
        .concat(),
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(40));
    assert_eq!(
        (preview.code, batch.code),
        (2, 2),
        "{}{}",
        preview.stderr,
        batch.stderr
    );
    for r in [&preview, &batch] {
        assert!(
            r.stderr.contains(
                "error: --sources src: building from your sources took longer than 1 s, so it was stopped"
            ),
            "{}",
            r.stderr
        );
    }
    assert!(
        !files_in(dir.path())
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "png"))
    );
}

#[test]
fn preview_of_a_huge_page_is_refused_with_its_size_not_an_abort() {
    let dir = tempdir();
    sources_with(dir.path(), "");
    let main = dir.path().join("src/templates/workbook.typ");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(
        &main,
        format!("#page(width: 300cm, height: 300cm)[huge]\n{text}"),
    )
    .unwrap();
    let run = run(
        dir.path(),
        &[
            "preview",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "--pages",
            "1",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"
    error: page 1 would be 11339 x 11339 pixels at 96 dpi (129 million); the most drawn is 100 million
    hint: lower --dpi, or check the page size in your templates
    ");
    assert!(
        !files_in(dir.path())
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "png"))
    );
}

#[test]
fn a_huge_allocation_in_sources_exits_2_with_a_message_not_an_abort() {
    let dir = tempdir();
    sources_with(dir.path(), "\n#let s = \"x\" * 100000000000000\n#s.len()\n");
    let one = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--sources",
            "src",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(one.code, 2, "{}", one.stderr);
    insta::assert_snapshot!(one.stderr, @"
    error: --sources src: building from your sources asked for 95367431 MiB at once, more than the memory limit of 2048 MiB, so it was stopped
    hint: a value in your templates may be made far too large (a string or an array repeated many times); check your latest edits
    ");
    std::fs::write(dir.path().join("c.csv"), "names\nAna & Ben\nCy & Di\n").unwrap();
    let batch = run(
        dir.path(),
        &[
            "batch",
            "c.csv",
            "--sources",
            "src",
            "--out-dir",
            "out",
            "--jobs",
            "1",
        ],
    );
    assert_eq!(batch.code, 2, "{}", batch.stderr);
    // The summary of what was built comes first, as for the other limits.
    assert!(
        batch
            .stderr
            .contains("built 0 of 0 workbooks before the limit stopped the batch"),
        "{}",
        batch.stderr
    );
    assert!(!dir.path().join("a.pdf").exists());
    assert!(part_files(dir.path()).is_empty());
}
