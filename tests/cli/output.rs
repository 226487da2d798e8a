//! Where the PDF goes: default names, atomic writes, refused targets.

use crate::support::*;

#[test]
fn default_file_name_from_the_names() {
    let dir = tempdir();
    let run = run(dir.path(), &["build", "--names", "Zoë & Мария"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        files_in(dir.path()),
        [dir.path().join("workbook-zoe-mariia.pdf")]
    );
    assert!(run.stderr.contains("wrote workbook-zoe-mariia.pdf"));
}

#[test]
fn output_to_a_folder_is_refused() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let run = run(dir.path(), &["build", "--names", "Ana & Ben", "-o", "out"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @r"
    error: cannot write out: it is a folder
    hint: give a file name, for example -o workbook.pdf
    ");
}

#[test]
fn output_in_a_missing_folder_is_refused() {
    let dir = tempdir();
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "missing/a.pdf"],
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @r"
    error: cannot write missing/a.pdf: the folder missing does not exist
    hint: create the folder first, or choose another place with -o
    ");
    assert!(files_in(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn output_in_a_read_only_folder_is_refused_and_leaves_it_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::write(ro.join("a.pdf"), b"old").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "ro/a.pdf"],
    );
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: cannot write ro/a.pdf: the folder ro is read-only"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(ro.join("a.pdf")).unwrap(), b"old");
    assert_eq!(files_in(&ro), [ro.join("a.pdf")]);
}

#[test]
fn a_failed_build_keeps_the_old_file() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.pdf"), b"old").unwrap();
    let run = run(dir.path(), &["build", "--names", "Ana", "-o", "a.pdf"]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"old");
    assert_eq!(files_in(dir.path()), [dir.path().join("a.pdf")]);
}

#[test]
fn a_good_build_replaces_the_old_file_whole() {
    let dir = tempdir();
    // An earlier, blank workbook (one that holds answers, or that workbook
    // did not write, is kept: regressions.rs).
    let old = run(
        dir.path(),
        &[
            "build",
            "--names",
            "Ana & Ben",
            "--only",
            "apology",
            "-o",
            "a.pdf",
        ],
    );
    assert_eq!(old.code, 0, "{}", old.stderr);
    let old = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let run = run(
        dir.path(),
        &["build", "--names", "Ana & Ben", "-o", "a.pdf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(dir.path().join("a.pdf")).unwrap();
    assert_ne!(bytes, old);
    assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
    assert_eq!(
        files_in(dir.path()),
        [dir.path().join("a.pdf")],
        "no temporary file left"
    );
}

#[test]
fn dash_writes_the_pdf_to_standard_output() {
    // `-o -` is the PDF on stdout (for a pipe), not a file named "-".
    let dir = tempdir();
    let out = workbook(dir.path())
        .args(["build", "--names", "Ana & Ben", "-o", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(b"%PDF-"));
    assert!(out.stdout.ends_with(b"%%EOF\n") || out.stdout.ends_with(b"%%EOF"));
    assert!(files_in(dir.path()).is_empty(), "no file was written");
}

#[test]
fn a_reader_that_stops_early_ends_the_build_quietly() {
    use std::io::Read;
    let dir = tempdir();
    let mut child = workbook(dir.path())
        .args(["build", "--names", "Ana & Ben", "-o", "-"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 5];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The pipe is closed here, as `| head -c 5` would.
    let out = child.wait_with_output().unwrap();
    assert_eq!(&head, b"%PDF-");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn batch_and_eject_refuse_dash_o() {
    let dir = tempdir();
    std::fs::write(dir.path().join("c.csv"), "names\n\"A & B\"\n").unwrap();
    let r = run(dir.path(), &["batch", "c.csv", "-o", "x.pdf"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr);
    let r = run(dir.path(), &["eject", "proj", "-o", "x.pdf"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`workbook eject` does not take -o"),
        "{}",
        r.stderr
    );
    assert_eq!(files_in(dir.path()), [dir.path().join("c.csv")]);
}
