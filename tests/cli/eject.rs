//! `eject` and `--sources`: the guide as files to edit, checked the same way.

use crate::support::*;

/// `workbook build` in `dir` from the ejected folder `proj`.
fn from_proj(dir: &std::path::Path) -> Test {
    Test::at(dir).args(BUILD).args(["--sources", "proj"])
}

fn ejected() -> tempfile::TempDir {
    let dir = tempdir();
    Test::at(dir.path())
        .args(["eject", "proj", "--names", "Ana & Ben"])
        .run();
    dir
}

#[test]
fn eject_writes_a_complete_project_that_builds() {
    let dir = ejected();
    let proj = dir.path().join("proj");
    for f in [
        "README.md",
        "data.json",
        "couple.json",
        "workbook/guide.toml",
        "workbook/FORMAT.md",
        "templates/workbook.typ",
        "assets/fonts/charis/LICENSE.txt",
    ] {
        assert!(proj.join(f).is_file(), "{f} missing");
    }
    // The names are in couple.json only, so that data.json is the same
    // for every couple (what lets a batch reuse one couple's layout).
    let couple = std::fs::read_to_string(proj.join("couple.json")).unwrap();
    assert!(couple.contains("\"a\": \"Ana\""), "{couple}");
    let data = std::fs::read_to_string(proj.join("data.json")).unwrap();
    assert!(!data.contains("Ana"), "names in data.json");
    // Every file the templates read is in the folder: a build from it alone works.
    from_proj(dir.path()).args(["-o", "a.pdf"]).run();
}

#[test]
fn eject_refuses_to_overwrite_without_force() {
    let dir = ejected();
    std::fs::write(
        dir.path().join("proj/workbook/chapters/notes.typ"),
        "#import \"/templates/guide.typ\": *\nMy own notes page.\n#notes-pages(1)\n",
    )
    .unwrap();
    Test::at(dir.path())
        .args(["eject", "proj"])
        .status(2)
        .stderr_has("it already exists")
        .stderr_has("--force")
        .run();
    let kept =
        std::fs::read_to_string(dir.path().join("proj/workbook/chapters/notes.typ")).unwrap();
    assert!(kept.contains("My own notes page."));
    Test::at(dir.path())
        .args(["eject", "proj", "--force"])
        .run();
}

#[test]
fn edits_in_the_sources_folder_show_up() {
    let dir = ejected();
    let guide = dir.path().join("proj/workbook/guide.toml");
    let edited = std::fs::read_to_string(&guide).unwrap().replace(
        "title = \"Understanding trust\"",
        "title = \"What trust means\"",
    );
    std::fs::write(&guide, edited).unwrap();
    let opts = options(&[
        "--names",
        "Ana & Ben",
        "--sources",
        dir.path().join("proj").to_str().unwrap(),
    ]);
    let workbook::Project {
        engine, content, ..
    } = workbook::Project::load(&opts).unwrap();
    let doc = workbook::compile(&engine, &content, &opts)
        .unwrap()
        .document;
    assert!(text(&doc).contains("Chapter 1 What trust means"));
}

#[test]
fn mistakes_in_the_sources_are_the_users_to_fix() {
    let dir = ejected();
    let notes = dir.path().join("proj/workbook/chapters/notes.typ");
    std::fs::write(
        &notes,
        "#import \"/templates/guide.typ\": *\n#exercise(\"nope\")\n",
    )
    .unwrap();
    let run = from_proj(dir.path()).status(2).run();
    assert!(run.stderr.starts_with("error: workbook/chapters/notes.typ:2:1: exercise \"nope\" is placed here but not listed"), "{}", run.stderr);
    // A Typst error in the user's own template is an error, not an internal one.
    std::fs::write(
        &notes,
        "#import \"/templates/guide.typ\": *\n#undefined-function()\n",
    )
    .unwrap();
    let run = from_proj(dir.path())
        .status(2)
        .stderr_has("hint: this comes from the files in --sources")
        .run();
    assert!(
        run.stderr.starts_with(
            "error: proj/workbook/chapters/notes.typ:2:2: unknown variable: undefined-function\n    |\n  2 | #undefined-function()\n    |  ^^^^^^^^^^^^^^^^^^\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: in chapter text, # starts code: write \\# for the character itself"),
        "{}",
        run.stderr
    );
    assert!(
        files_in(dir.path()).iter().all(|f| f.is_dir()),
        "no PDF written"
    );
}

#[cfg(unix)]
#[test]
fn links_and_odd_files_in_the_sources_are_refused() {
    let dir = ejected();
    let proj = dir.path().join("proj");
    std::os::unix::fs::symlink("/dev/zero", proj.join("templates/zero.typ")).unwrap();
    from_proj(dir.path())
        .status(2)
        .stderr("error: --sources proj: templates/zero.typ is a link; only regular files inside the folder are read\n")
        .run();
    std::fs::remove_file(proj.join("templates/zero.typ")).unwrap();
    std::os::unix::fs::symlink("/etc", proj.join("workbook/etc")).unwrap();
    from_proj(dir.path())
        .status(2)
        .stderr_has("workbook/etc is a link")
        .run();
}

#[test]
fn only_couple_json_differs_between_couples() {
    let dir = tempdir();
    for (folder, names) in [("one", "Ana & Ben"), ("two", "Chloe Okafor & Dev")] {
        Test::at(dir.path())
            .args(["eject", folder, "--names", names])
            .run();
    }
    let read =
        |folder: &str, file: &str| std::fs::read(dir.path().join(folder).join(file)).unwrap();
    assert_eq!(read("one", "data.json"), read("two", "data.json"));
    assert_ne!(read("one", "couple.json"), read("two", "couple.json"));
}

#[test]
fn templates_that_read_the_names_from_data_json_still_build() {
    // A folder ejected before couple.json existed reads the names and the
    // title from data.json: with --sources they are there too.
    let dir = ejected();
    let proj = dir.path().join("proj");
    let data_typ = proj.join("templates/data.typ");
    let old = std::fs::read_to_string(&data_typ).unwrap().replace(
        "#let couple = json(\"/couple.json\")",
        "#let couple = json(\"/data.json\")",
    );
    assert!(old.contains("#let couple = json(\"/data.json\")"));
    std::fs::write(&data_typ, old).unwrap();
    std::fs::remove_file(proj.join("couple.json")).unwrap();
    let pdf = from_proj(dir.path())
        .args(["-o", "a.pdf"])
        .run()
        .read("a.pdf");
    assert_eq!(
        pdf_title(&pdf),
        "Rebuilding Trust: a workbook for Ana & Ben"
    );
}
