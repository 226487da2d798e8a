//! workbook: a personalised, printable couples' workbook, compiled with an
//! embedded Typst. This crate is the library behind the `workbook` binary;
//! the steps below are its pipeline, in the order data flows through them.

pub(crate) mod batch;
pub mod cli;
pub mod cmd;
pub(crate) mod data;
pub mod diag;
pub mod guide;
mod input;
pub(crate) mod output;
pub mod pdf;
pub mod settings;
pub mod typeset;

pub use typeset::compile::Compiled;

use std::path::{Path, PathBuf};

use data::Data;
use diag::Result;
use guide::Content;
use guide::select::Selection;
use settings::BuildOptions;
use typeset::fonts::Fonts;
use typeset::sources::Sources;
use typeset::world::Engine;

/// Step 1: the sources (embedded, or a user's folder over them), the guide
/// read and checked from them, a counselor's extra exercises, the fonts.
pub fn load(
    sources_dir: Option<&Path>,
    fonts: &[PathBuf],
    extra: Option<&Path>,
) -> Result<(Engine, Content)> {
    let sources = match sources_dir {
        Some(dir) => Sources::with_dir(dir)?,
        None => Sources::embedded(),
    };
    let mut content = Content::load(&sources)?;
    if let Some(dir) = extra {
        guide::extra::add(&mut content, dir)?;
    }
    let fonts = Fonts::load(&sources, fonts)?;
    let engine = Engine::new(sources, fonts).with_user_sources(sources_dir.is_some());
    Ok((engine, content))
}

/// Step 1, for the sources, fonts and extra exercises these options name.
pub fn load_for(opts: &BuildOptions) -> Result<(Engine, Content)> {
    load(
        opts.sources.as_deref(),
        &opts.font_paths,
        opts.extra_exercises.as_deref(),
    )
}

/// Step 2: lays out one workbook. Select the parts, refuse impossible
/// options and unprintable text before any layout, prepare the images,
/// write `data.json`, compile (twice for a booklet that needs padding).
pub fn compile(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Compiled> {
    let selection = Selection::new(content, &opts.skip, &opts.only)?;
    opts.print.check_layout()?;
    typeset::export::pdf_standards(&opts.print)?;
    let fonts = engine.fonts();
    fonts.check_coverage("--names", &opts.names.joined())?;
    for (field, text) in opts.branding.texts() {
        fonts.check_coverage(field, text)?;
    }
    for (field, text) in content.printed_texts(&selection) {
        fonts.check_coverage(&field, text)?;
    }
    let mut data = Data::new(content, &selection, opts);
    let files = typeset::images::prepare_user_files(opts, &mut data)?;
    let mut compiled = Compiled::new(engine, data.to_json(), files, opts.now)?;
    // A booklet is folded from sheets of four pages: pad with notes pages.
    // A duplex print ends on a whole sheet: one blank page when odd.
    let pages = compiled.document.pages().len();
    let pad = if opts.print.booklet {
        (4 - pages % 4) % 4
    } else if opts.print.sides == settings::print::Sides::Duplex {
        pages % 2
    } else {
        0
    };
    if pad > 0 {
        data.print.pad_pages = pad;
        compiled = Compiled::new(engine, data.to_json(), compiled.files, opts.now)?;
    }
    Ok(compiled)
}

/// Steps 2 to 4: lays out, exports and finishes one workbook, giving PDF
/// bytes ready to print: viewer preferences and form fields, or imposed
/// on sheets for a booklet. A fault found in a user's own templates
/// (`--sources`) is theirs to fix, not a bug in workbook.
pub fn build_pdf(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Vec<u8>> {
    let user = engine.user_sources();
    let compiled = compile(engine, content, opts)?;
    let marks = if opts.print.fillable {
        Some(typeset::marks::for_form(&compiled.document, user)?)
    } else {
        None
    };
    let pdf = typeset::export::export(
        engine,
        &compiled.data,
        &compiled.document,
        &compiled.stamp,
        &opts.print,
    )?;
    if opts.print.booklet {
        let blame = |e: diag::Error| e.blame_user_sources(user, BOOKLET_BLAME);
        return pdf::booklet::impose(&pdf).map_err(blame);
    }
    let blame = |e: diag::Error| e.blame_user_sources(user, typeset::marks::FIELD_BLAME);
    pdf::finish(pdf, opts.print.sides.into(), marks.as_deref()).map_err(blame)
}

/// What a user's templates that cannot be imposed are told.
const BOOKLET_BLAME: (&str, &str) = (
    "the booklet made from your templates",
    "a booklet needs whole sheets: compare templates/page.typ's padding with a fresh `workbook eject`",
);
