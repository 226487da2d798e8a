//! Where the PDF goes: default names, atomic writes, refused targets.

use crate::support::*;

#[test]
fn default_file_name_from_the_names() {
    Test::new()
        .args(["build", "--names", "Zoë & Мария"])
        .leaves_only(["workbook-zoe-mariia.pdf"])
        .stderr_has("wrote workbook-zoe-mariia.pdf")
        .run();
}

#[test]
fn output_to_a_folder_is_refused() {
    let run = Test::build()
        .create_dir("out")
        .args(["-o", "out"])
        .status(2)
        .run();
    insta::assert_snapshot!(run.stderr, @r"
    error: cannot write out: it is a folder
    hint: give a file name, for example -o workbook.pdf
    ");
}

#[test]
fn output_in_a_missing_folder_is_refused() {
    let run = Test::build()
        .args(["-o", "missing/a.pdf"])
        .status(2)
        .leaves_nothing()
        .run();
    insta::assert_snapshot!(run.stderr, @r"
    error: cannot write missing/a.pdf: the folder missing does not exist
    hint: create the folder first, or choose another place with -o
    ");
}

#[cfg(unix)]
#[test]
fn output_in_a_read_only_folder_is_refused_and_leaves_it_alone() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::build()
        .write("ro/a.pdf", b"old")
        .args(["-o", "ro/a.pdf"])
        .status(2);
    let ro = test.dir().join("ro");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = test.run();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
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
    let run = Test::new()
        .write("a.pdf", b"old")
        .args(["build", "--names", "Ana", "-o", "a.pdf"])
        .status(2)
        .leaves_only(["a.pdf"])
        .run();
    assert_eq!(run.read("a.pdf"), b"old");
}

#[test]
fn a_good_build_replaces_the_old_file_whole() {
    // An earlier, blank workbook (one that holds answers, or that workbook
    // did not write, is kept: regressions.rs).
    let old = Test::build()
        .args(["--only", "apology", "-o", "a.pdf"])
        .run();
    let before = old.read("a.pdf");
    // No temporary file left.
    let run = old
        .then()
        .args(BUILD)
        .args(["-o", "a.pdf"])
        .leaves_only(["a.pdf"])
        .run();
    let bytes = run.read("a.pdf");
    assert_ne!(bytes, before);
    assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
}

#[test]
fn dash_writes_the_pdf_to_standard_output() {
    // `-o -` is the PDF on stdout (for a pipe), not a file named "-".
    // No file was written.
    let out = Test::build().args(["-o", "-"]).leaves_nothing().run();
    assert!(out.stdout.starts_with("%PDF-"));
    assert!(out.stdout.ends_with("%%EOF\n") || out.stdout.ends_with("%%EOF"));
}

#[test]
fn a_reader_that_stops_early_ends_the_build_quietly() {
    use std::io::Read;
    let mut test = Test::build().args(["-o", "-"]);
    let mut child = test
        .command()
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
    let r = Test::new()
        .csv("c.csv", "names\n\"A & B\"\n")
        .args(["batch", "c.csv", "-o", "x.pdf"])
        .status(2)
        .run();
    insta::assert_snapshot!(r.stderr);
    r.then()
        .args(["eject", "proj", "-o", "x.pdf"])
        .status(2)
        .stderr_has("`workbook eject` does not take -o")
        .leaves_only(["c.csv"])
        .run();
}
