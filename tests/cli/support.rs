//! Helpers shared by the tests: running the binary, compiling in-process,
//! and reading text and page sizes back.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use clap::Parser;
use typst::layout::{Frame, FrameItem};
use workbook::cli::{Cli, Command as Sub};
use workbook::content::Content;
use workbook::fonts::Fonts;
use workbook::sources::Sources;
use workbook::world::Engine;

/// A fixed build time (2026-11-25 00:00 UTC) so that builds are comparable.
pub const EPOCH: &str = "1795564800";

/// The `workbook` binary with a clean, fixed environment.
pub fn workbook(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_workbook"));
    cmd.current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("LC_ALL")
        .env_remove("LC_PAPER")
        .env("LANG", "C");
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

/// Compiles in-process with `build` arguments, e.g. `["--names", "A & B"]`.
pub fn compile(args: &[&str]) -> workbook::error::Result<workbook::Compiled> {
    let cli =
        Cli::try_parse_from(["workbook", "build"].iter().chain(args)).expect("valid arguments");
    let Sub::Build(build) = cli.command else {
        unreachable!()
    };
    let opts = workbook::cmd::build::options_from_args(build)?;
    let (engine, content) = engine();
    workbook::compile(engine, content, &opts)
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

/// Page sizes in PDF points, read from the written file.
pub fn pdf_page_sizes(path: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(path).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
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
