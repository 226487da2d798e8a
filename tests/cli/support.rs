//! Helpers shared by the tests: running the binary (`Test`, in test.rs),
//! compiling in-process, and reading text (text.rs) and PDFs (pdf.rs) back.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use clap::Parser;
use typst::layout::{Frame, FrameItem};
use workbook::cli::{Cli, Command as Sub};
use workbook::guide::Content;
use workbook::typeset::fonts::Fonts;
use workbook::typeset::sources::Sources;
use workbook::typeset::world::Engine;

pub mod hostile;
mod pdf;
mod rng;
mod test;
mod text;
pub use pdf::*;
pub use rng::Rng;
pub use test::{BUILD, Outcome, Test};
pub use text::*;

/// The environment variables the tests set, each named in one place, so
/// that renaming one (the test hooks, say) is a one-line change.
pub mod var {
    /// Constants for the names that are the same everywhere, each its own
    /// value.
    macro_rules! same_everywhere {
        ($($name:ident),*) => { $(pub const $name: &str = stringify!($name);)* };
    }
    same_everywhere!(
        SOURCE_DATE_EPOCH,
        LANG,
        LC_ALL,
        LC_PAPER,
        CLICOLOR_FORCE,
        NO_COLOR,
        MANPAGER
    );

    pub const PASSWORD: &str = "WORKBOOK_PASSWORD";
    /// Test hook: the milliseconds to wait before a part file is renamed
    /// into place, so that a signal can arrive in between.
    pub const PAUSE_BEFORE_RENAME_MS: &str = "WORKBOOK_TEST_PAUSE_BEFORE_RENAME_MS";
    /// Test hook: the eject move that fails, counted from 1.
    pub const FAIL_EJECT_MOVE: &str = "WORKBOOK_TEST_FAIL_EJECT_MOVE";
    /// Test hook: the CSV line whose row panics in a batch.
    pub const PANIC_LINE: &str = "WORKBOOK_TEST_PANIC_LINE";
    /// Test hook: the number of batch files written before the disk is full.
    pub const DISK_FULL_AFTER: &str = "WORKBOOK_TEST_DISK_FULL_AFTER";
}

/// A fixed build time (2026-11-25 00:00 UTC) so that builds are comparable.
pub const EPOCH: &str = "1795564800";

/// The `workbook` binary with a clean, fixed environment.
pub fn workbook(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_workbook"));
    cmd.current_dir(dir)
        .env(var::SOURCE_DATE_EPOCH, EPOCH)
        .env_remove(var::LC_ALL)
        .env_remove(var::LC_PAPER)
        .env_remove(var::CLICOLOR_FORCE)
        .env_remove(var::NO_COLOR)
        .env(var::LANG, "C");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `workbook ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    workbook(dir)
        .args(args)
        .output()
        .expect("the binary runs")
        .into()
}

/// A batch's run with its timing taken out, for snapshots.
pub fn stable(mut run: Run) -> Run {
    run.stderr = untimed(&run.stderr);
    run
}

/// A batch's standard error with its timing taken out, for snapshots.
pub fn untimed(stderr: &str) -> String {
    let mut stderr = stderr.to_string();
    if let Some(at) = stderr.find(" workbooks in ") {
        let end = at + stderr[at..].find(" s\n").unwrap();
        stderr.replace_range(at + " workbooks in ".len()..end, "[time]");
    }
    stderr
}

/// A fresh empty folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// The files in a folder, sorted, to show that nothing was written.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The names of the files in a folder, sorted; none if it is not there.
pub fn file_names(dir: &Path) -> Vec<String> {
    if !dir.exists() {
        return Vec::new();
    }
    files_in(dir)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// One engine for all in-process builds, as `batch` would share it.
pub fn engine() -> &'static (Engine, Content) {
    static ENGINE: OnceLock<(Engine, Content)> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let sources = Sources::embedded();
        let content = Content::load(&sources).expect("embedded content is valid");
        let fonts = Fonts::load(&sources, &[]).expect("embedded fonts load");
        (Engine::new(sources, fonts), content)
    })
}

/// Build options from `build` arguments, e.g. `["--names", "A & B"]`.
pub fn options(args: &[&str]) -> workbook::settings::BuildOptions {
    let cli =
        Cli::try_parse_from(["workbook", "build"].iter().chain(args)).expect("valid arguments");
    let Sub::Build(build) = cli.command else {
        unreachable!()
    };
    workbook::settings::BuildOptions::resolve(
        build,
        None,
        &workbook::settings::Environment::read().unwrap(),
    )
    .expect("valid options")
}

/// Build options from the workbook.toml at `config` and `build` arguments,
/// e.g. `["--names", "A & B"]`.
pub fn options_from_config(config: &Path, args: &[&str]) -> workbook::settings::BuildOptions {
    let loaded = workbook::settings::config::load(Some(config))
        .unwrap()
        .unwrap();
    let cli =
        Cli::try_parse_from(["workbook", "build"].iter().chain(args)).expect("valid arguments");
    let Sub::Build(build) = cli.command else {
        unreachable!()
    };
    workbook::settings::BuildOptions::resolve(
        build,
        Some(&loaded),
        &workbook::settings::Environment::read().unwrap(),
    )
    .expect("valid options")
}

/// Compiles in-process with `build` arguments, e.g. `["--names", "A & B"]`.
pub fn compile(args: &[&str]) -> workbook::diag::Result<workbook::Compiled> {
    let cli =
        Cli::try_parse_from(["workbook", "build"].iter().chain(args)).expect("valid arguments");
    let Sub::Build(build) = cli.command else {
        unreachable!()
    };
    let opts = workbook::settings::BuildOptions::resolve(
        build,
        None,
        &workbook::settings::Environment::read().unwrap(),
    )?;
    let (engine, content) = engine();
    let compiled = workbook::compile(engine, content, &opts);
    forget_layouts();
    compiled
}

/// Empties Typst's memo cache, which lives as long as the test process:
/// left alone it keeps every layout of every test (several GB), and a
/// machine running a few test suites at once starts to swap.
pub fn forget_layouts() {
    comemo::evict(0);
}

/// The text of each page, runs joined by spaces and white space folded.
pub fn page_texts(doc: &typst_layout::PagedDocument) -> Vec<String> {
    doc.pages()
        .iter()
        .map(|page| {
            let mut runs = Vec::new();
            collect_text(&page.frame, &mut runs);
            fold(&runs.join(" "))
        })
        .collect()
}

/// The whole document's text.
pub fn text(doc: &typst_layout::PagedDocument) -> String {
    page_texts(doc).join("\n")
}

fn collect_text(frame: &Frame, out: &mut Vec<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_text(&group.frame, out),
            FrameItem::Text(text) => out.push(text.text.to_string()),
            _ => {}
        }
    }
}

/// Collapses runs of white space, so searches do not depend on line breaks.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Typographer's quotes, as the templates set text from data files.
pub fn curly(s: &str) -> String {
    let mut out = String::new();
    let mut open = true;
    for c in s.replace("...", "…").chars() {
        match c {
            '"' => {
                out.push(if open { '“' } else { '”' });
                open = !open;
            }
            '\'' => out.push('’'),
            c => out.push(c),
        }
    }
    out
}

/// A filled shape's box on the page, in points: x, y, width, height.
#[derive(Debug, Clone, Copy)]
pub struct Filled {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Every filled shape on a page with its absolute box. Strokes of blocks
/// and tables are drawn by Typst as thin filled shapes, so write-in lines
/// show up here as boxes about 0.5 pt high.
pub fn filled_shapes(frame: &Frame) -> Vec<Filled> {
    let mut out = Vec::new();
    walk_shapes(frame, typst::layout::Point::zero(), &mut out, &|s| {
        s.fill.is_some()
    });
    out
}

/// The thin vertical rules on a page: a table's column lines and the
/// side rules of boxes (stroked lines, or thin filled shapes).
pub fn vertical_rules(frame: &Frame) -> Vec<Filled> {
    use typst::visualize::Geometry;
    let mut out = Vec::new();
    walk_shapes(frame, typst::layout::Point::zero(), &mut out, &|s| {
        s.fill.is_some() || (s.stroke.is_some() && matches!(s.geometry, Geometry::Line(_)))
    });
    out.retain(|s| s.w < 1.5 && s.h > 5.0);
    out
}

/// The thin horizontal rules on a page: ruled lines and block borders
/// (thin filled shapes) and table borders and `line`s (stroked lines).
pub fn rules(frame: &Frame) -> Vec<Filled> {
    use typst::visualize::Geometry;
    let mut out = Vec::new();
    walk_shapes(frame, typst::layout::Point::zero(), &mut out, &|s| {
        s.fill.is_some() || (s.stroke.is_some() && matches!(s.geometry, Geometry::Line(_)))
    });
    out.retain(|s| s.h < 1.5 && s.w > 1.0);
    out
}

fn walk_shapes(
    frame: &Frame,
    offset: typst::layout::Point,
    out: &mut Vec<Filled>,
    want: &dyn Fn(&typst::visualize::Shape) -> bool,
) {
    use typst::visualize::{CurveItem, Geometry};
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => walk_shapes(&group.frame, at, out, want),
            FrameItem::Shape(shape, _) if want(shape) => {
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                let mut see = |p: typst::layout::Point| {
                    x0 = x0.min(p.x.to_pt());
                    y0 = y0.min(p.y.to_pt());
                    x1 = x1.max(p.x.to_pt());
                    y1 = y1.max(p.y.to_pt());
                };
                match &shape.geometry {
                    Geometry::Rect(size) => {
                        see(typst::layout::Point::zero());
                        see(size.to_point());
                    }
                    Geometry::Line(p) => {
                        see(typst::layout::Point::zero());
                        see(*p);
                    }
                    Geometry::Curve(curve) => {
                        for item in curve.0.iter() {
                            match item {
                                CurveItem::Move(p) | CurveItem::Line(p) => see(*p),
                                CurveItem::Cubic(a, b, c) => {
                                    see(*a);
                                    see(*b);
                                    see(*c);
                                }
                                CurveItem::Close => {}
                            }
                        }
                    }
                }
                out.push(Filled {
                    x: at.x.to_pt() + x0,
                    y: at.y.to_pt() + y0,
                    w: x1 - x0,
                    h: y1 - y0,
                });
            }
            _ => {}
        }
    }
}

/// The left edge of the text on a page, in millimetres.
pub fn text_left_mm(frame: &Frame) -> f64 {
    fn walk(frame: &Frame, x: f64, min: &mut f64) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, x + pos.x.to_pt(), min),
                FrameItem::Text(_) => *min = min.min(x + pos.x.to_pt()),
                _ => {}
            }
        }
    }
    let mut min = f64::MAX;
    walk(frame, 0.0, &mut min);
    min * 25.4 / 72.0
}

/// Runs a build for Ana and Ben into a temporary folder and returns the
/// PDF's bytes.
pub fn build_pdf(args: &[&str]) -> Vec<u8> {
    build_pdf_without_names(&[&["--names", "Ana & Ben"], args].concat())
}

/// Runs `workbook build ARGS` into a temporary folder and returns the
/// PDF's bytes.
pub fn build_pdf_without_names(args: &[&str]) -> Vec<u8> {
    Test::new()
        .arg("build")
        .args(args.iter().copied())
        .args(["-o", "out.pdf"])
        .run()
        .read("out.pdf")
}

/// A practice folder (A4) whose workbook.toml adds the exercises given as
/// (id, TOML) from its `ex/` folder.
pub fn practice_with(exercises: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("ex")).unwrap();
    std::fs::write(
        dir.path().join("workbook.toml"),
        "[content]\nextra-exercises = \"ex\"\n[print]\npaper = \"a4\"\n",
    )
    .unwrap();
    for (id, toml) in exercises {
        std::fs::write(dir.path().join(format!("ex/{id}.toml")), toml).unwrap();
    }
    dir
}

/// A counselor's exercise for both partners, in the support part, with one
/// prompt of `lines` lines.
pub fn prompt_exercise(id: &str, title: &str, intro: &str, lines: u32) -> String {
    format!(
        "id = \"{id}\"\npart = \"support\"\ntitle = \"{title}\"\nwho = \"together\"\nintro = \"{intro}\"\n\n[[block]]\nkind = \"prompt\"\nid = \"jot\"\nlabel = \"Jot\"\nlines = {lines}\n"
    )
}
