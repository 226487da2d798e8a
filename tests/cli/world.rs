//! The Typst world: only our files, no packages, template bugs reported
//! as internal errors with their position.

use workbook::guide::Content;
use workbook::typeset::fonts::Fonts;
use workbook::typeset::sources::Sources;
use workbook::typeset::world::Engine;

fn compile_with(edit: impl FnOnce(&mut Sources)) -> workbook::diag::Error {
    let mut sources = Sources::embedded();
    edit(&mut sources);
    let content = Content::load(&sources).unwrap();
    let fonts = Fonts::load(&sources, &[]).unwrap();
    let engine = Engine::new(sources, fonts);
    let opts = crate::support::options(&["--names", "Ana & Ben"]);
    match workbook::compile(&engine, &content, &opts) {
        Ok(_) => panic!("the edited templates compiled"),
        Err(e) => e,
    }
}

#[test]
fn packages_are_refused_with_a_clear_message() {
    let err = compile_with(|s| {
        let text = format!(
            "#import \"@preview/cetz:0.3.0\": *\n{}",
            s.text("/templates/workbook.typ").unwrap()
        );
        s.insert("/templates/workbook.typ", text);
    });
    assert_eq!(err.exit_code(), 1);
    let report = err.report();
    assert!(
        report.starts_with("error: internal error: templates/workbook.typ:1:9: "),
        "{report}"
    );
    assert!(
        report.contains("packages are not available in workbook, which works offline"),
        "{report}"
    );
}

#[test]
fn a_template_bug_is_an_internal_error_with_its_position() {
    let err = compile_with(|s| {
        let cover = s.text("/templates/cover.typ").unwrap();
        let text = format!("{cover}\n#let broken() = undefined-thing\n#broken()\n");
        s.insert("/templates/cover.typ", text);
    });
    let report = err.report();
    assert!(
        report.starts_with("error: internal error: templates/cover.typ:"),
        "{report}"
    );
    assert!(
        report.contains("unknown variable: undefined-thing"),
        "{report}"
    );
    assert!(
        report.contains("hint: this is a bug in workbook's templates"),
        "{report}"
    );
}

#[test]
fn files_outside_the_set_cannot_be_read() {
    let err = compile_with(|s| {
        let text = format!(
            "#read(\"/etc/passwd\")\n{}",
            s.text("/templates/workbook.typ").unwrap()
        );
        s.insert("/templates/workbook.typ", text);
    });
    let report = err.report();
    assert!(report.contains("file not found"), "{report}");
}
