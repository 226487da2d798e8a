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
