//! Failures at the edges (issue 27, item 5) that need Unix: a runaway
//! build is stopped whatever became of stderr; a signal ends every command
//! that writes files by that same signal, with nothing half-written left;
//! a warning in a batch is written above the progress bar.

#![cfg(unix)]

use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::edges::part_files;
use crate::support::*;

/// An ejected project in `dir/src` whose main template never ends.
fn endless_sources(dir: &Path) {
    let run = run(dir, &["eject", "src", "--names", "Ana & Ben"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = dir.join("src/templates/workbook.typ");
    let mut text = std::fs::read_to_string(&main).unwrap();
    text.push_str("\n#for i in range(100000) { for j in range(100000) { } }\n");
    std::fs::write(main, text).unwrap();
}

/// Waits for `child` at most `limit`; a child still running then is
/// killed and the test fails (a runaway build nothing stopped).
fn wait_at_most(mut child: Child, limit: Duration) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {limit:?}: nothing stopped it");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The build of `endless_sources` under a 1 s limit, its stderr as `how`.
fn runaway_build(dir: &Path, stderr: Stdio, close_stderr: bool) -> ExitStatus {
    let mut cmd = workbook(dir);
    cmd.args([
        "build",
        "--names",
        "Ana & Ben",
        "--sources",
        "src",
        "--time-limit",
        "1",
        "-o",
        "a.pdf",
    ])
    .stdout(Stdio::null())
    .stderr(stderr);
    if close_stderr {
        use std::os::unix::process::CommandExt;
        // SAFETY: close is async-signal-safe; fd 2 is the child's own.
        unsafe {
            cmd.pre_exec(|| {
                libc::close(2);
                Ok(())
            });
        }
    }
    wait_at_most(cmd.spawn().unwrap(), Duration::from_secs(90))
}

/// `2>/dev/full`: the watchdog's message cannot be written, and the build
/// is stopped all the same, with exit 2 and no file left (`eprint!` would
/// panic the watchdog's thread and the loop would run on).
#[cfg(target_os = "linux")]
#[test]
fn a_runaway_build_is_stopped_when_stderr_is_full() {
    let dir = tempdir();
    endless_sources(dir.path());
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = runaway_build(dir.path(), full.into(), false);
    assert_eq!(status.code(), Some(2), "{status:?}");
    assert!(!dir.path().join("a.pdf").exists());
    assert!(part_files(dir.path()).is_empty());
}

/// `2>&-`: stderr closed, the build is stopped with exit 2 all the same.
#[test]
fn a_runaway_build_is_stopped_when_stderr_is_closed() {
    let dir = tempdir();
    endless_sources(dir.path());
    let status = runaway_build(dir.path(), Stdio::null(), true);
    assert_eq!(status.code(), Some(2), "{status:?}");
    assert!(!dir.path().join("a.pdf").exists());
    assert!(part_files(dir.path()).is_empty());
}

/// The signal that ended `status`, if one did.
fn killed_by(status: ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

/// Starts `workbook ARGS` paused before its first rename, waits for its
/// part file in `watch`, sends `signal`, and returns how it ended.
fn signalled_while_writing(dir: &Path, watch: &Path, args: &[&str], signal: i32) -> ExitStatus {
    let child = workbook(dir)
        .env("WORKBOOK_TEST_PAUSE_BEFORE_RENAME_MS", "20000")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
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
    wait_at_most(child, Duration::from_secs(30))
}

/// Ctrl-C in the middle of a compile (no part file yet): the process dies
/// of SIGINT itself, and writes nothing.
#[test]
fn ctrl_c_during_a_compile_ends_the_build_by_sigint() {
    let dir = tempdir();
    endless_sources(dir.path());
    let child = workbook(dir.path())
        .args(["build", "--names", "Ana & Ben", "--sources", "src"])
        .args(["--time-limit", "60", "-o", "a.pdf"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Long enough for the handler to be installed and the loop to run.
    std::thread::sleep(Duration::from_secs(3));
    // SAFETY: kill has no memory-safety preconditions; the pid is our child's.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
    let status = wait_at_most(child, Duration::from_secs(30));
    assert_eq!(killed_by(status), Some(libc::SIGINT), "{status:?}");
    assert!(!dir.path().join("a.pdf").exists());
    assert!(part_files(dir.path()).is_empty());
}

/// `preview` writes its images through part files too: SIGTERM removes the
/// one being written and ends the process by SIGTERM.
#[test]
fn sigterm_during_preview_ends_it_by_sigterm_with_no_part_file() {
    let dir = tempdir();
    let out = dir.path().join("proofs");
    let status = signalled_while_writing(
        dir.path(),
        &out,
        &[
            "preview",
            "--names",
            "Ana & Ben",
            "--pages",
            "1",
            "-o",
            "proofs",
        ],
        libc::SIGTERM,
    );
    assert_eq!(killed_by(status), Some(libc::SIGTERM), "{status:?}");
    assert!(files_in(&out).is_empty(), "{:?}", files_in(&out));
}

/// `manpage` too: no page half-written, death by the signal.
#[test]
fn sigint_during_manpage_ends_it_by_sigint_with_no_part_file() {
    let dir = tempdir();
    let status = signalled_while_writing(dir.path(), dir.path(), &["manpage", "."], libc::SIGINT);
    assert_eq!(killed_by(status), Some(libc::SIGINT), "{status:?}");
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

/// The reason for dying by the signal rather than exiting 130: Ctrl-C in
/// a shell loop of builds (the terminal sends SIGINT to the whole process
/// group) stops the loop. bash goes on to the next command when its child
/// merely exits 130; it stops when the child died of SIGINT.
#[test]
fn ctrl_c_stops_a_shell_loop_of_builds() {
    use std::os::unix::process::CommandExt;
    let dir = tempdir();
    let bin = env!("CARGO_BIN_EXE_workbook");
    let script = format!(
        "for n in 1 2; do '{bin}' build --names 'Ana & Ben' -o $n.pdf; echo \"after $n\"; done"
    );
    let mut shell = std::process::Command::new("bash");
    shell
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("WORKBOOK_TEST_PAUSE_BEFORE_RENAME_MS", "20000")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0);
    let running = shell.spawn().unwrap();
    let started = Instant::now();
    while part_files(dir.path()).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no part file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // As a terminal's Ctrl-C: the signal to the whole group.
    let group = running.id() as i32;
    // SAFETY: kill has no memory-safety preconditions; the group is our child's.
    assert_eq!(unsafe { libc::kill(-group, libc::SIGINT) }, 0);
    let output = running.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("after"), "the loop went on: {stdout}");
    assert_eq!(killed_by(output.status), Some(libc::SIGINT));
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

/// A warning printed while a batch's progress bar is on the terminal goes
/// above the bar (the bar is taken down, the warning written, the bar drawn
/// again), never into the middle of the bar's line. Run on a pseudo
/// terminal, so the bar is drawn as a user sees it.
#[cfg(target_os = "linux")]
#[test]
fn a_warning_during_a_batch_is_written_above_the_progress_bar() {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    let dir = tempdir();
    let d = dir.path();
    let ejected = run(d, &["eject", "src", "--names", "Ana & Ben"]);
    assert_eq!(ejected.code, 0, "{}", ejected.stderr);
    // Only the third couple's book makes Typst warn (a missing font), so
    // the warning comes once the bar is drawn.
    let main = d.join("src/templates/workbook.typ");
    let mut text = std::fs::read_to_string(&main).unwrap();
    text.push_str(
        "\n#if json(\"/data.json\").names.a == \"Zoe\" { text(font: \"No Such Family\")[x] }\n",
    );
    std::fs::write(main, text).unwrap();
    std::fs::write(d.join("c.csv"), "names\nAna & Ben\nCy & Di\nZoe & Max\n").unwrap();
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 200,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors we then own.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0);
    // SAFETY: both descriptors are fresh from openpty and owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let child = workbook(d)
        .args([
            "batch",
            "c.csv",
            "--sources",
            "src",
            "--jobs",
            "1",
            "--out-dir",
            "out",
        ])
        .stdout(Stdio::null())
        .stderr(slave)
        .spawn()
        .unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        // Ends with EIO once the child, the last holder of the other end, exits.
        let _ = std::fs::File::from(master).read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    });
    let status = wait_at_most(child, Duration::from_secs(300));
    assert_eq!(status.code(), Some(0), "{status:?}");
    let screen = reader.join().unwrap();
    let at = screen
        .find("warning:")
        .unwrap_or_else(|| panic!("no warning: {screen:?}"));
    assert!(screen.contains("rows ("), "no bar drawn: {screen:?}");
    // What stands on the warning's line before it, once every \r and
    // "clear line" has had its effect and colours are taken out: nothing.
    let line = &screen[screen[..at].rfind('\n').map_or(0, |n| n + 1)..at];
    let after_clear = ["\r", "\x1b[2K", "\x1b[K"]
        .iter()
        .filter_map(|c| line.rfind(c).map(|i| i + c.len()))
        .max()
        .unwrap_or(0);
    let left = strip_colours(&line[after_clear..]);
    assert!(
        left.is_empty(),
        "the warning was written after {left:?}: {screen:?}"
    );
}

#[cfg(target_os = "linux")]
/// `text` without its ANSI colour sequences (`ESC [ … m`).
fn strip_colours(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let end = tail
            .find(|c: char| c.is_ascii_alphabetic())
            .map_or(tail.len(), |e| e + 1);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}
