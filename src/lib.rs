//! workbook: a personalised, printable couples' workbook compiled with an embedded Typst; the
//! library behind the `workbook` binary. The steps below are its pipeline, in data-flow order.

pub mod answers;
pub(crate) mod batch;
pub(crate) mod cleanup;
pub mod cli;
pub mod cmd;
pub(crate) mod data;
pub mod diag;
mod faults;
pub mod guide;
mod input;
pub mod messages;
pub(crate) mod output;
pub mod pdf;
pub mod serve;
pub mod settings;
mod spreadsheet;
mod staging;
pub mod typeset;

pub use typeset::compile::Compiled;

use std::path::{Path, PathBuf};

use data::Data;
use diag::Result;
use guide::Content;
use guide::select::Selection;
use messages::step;
use settings::BuildOptions;
use typeset::fonts::Fonts;
use typeset::images::prepare_user_files;
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
    if let Some(dir) = sources_dir {
        typeset::families::check(&fonts, &sources, dir)?;
    }
    let engine = Engine::new(sources, fonts).with_user_sources(sources_dir.is_some());
    Ok((engine, content))
}

/// Step 1, for the sources, fonts and extra exercises these options name,
/// with the limits a build from the user's own sources runs under.
pub fn load_for(opts: &BuildOptions) -> Result<(Engine, Content)> {
    let (engine, content) = load(
        opts.sources.as_deref(),
        &opts.font_paths,
        opts.extra_exercises.as_deref(),
    )?;
    Ok((
        engine.with_limits(typeset::limits::Limits::for_options(opts)),
        content,
    ))
}

/// Step 2: lays out one workbook. Select the parts, refuse impossible
/// options and unprintable text before any layout, prepare the images,
/// write `data.json`, compile (twice when a booklet or a duplex book needs
/// pages to fill its last sheet).
pub fn compile(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Compiled> {
    let selection = step("check", || -> Result<Selection> {
        let selection = guide::handout::selection(content, opts)?;
        opts.print.check_layout()?;
        typeset::export::pdf_standards(&opts.print)?;
        engine.fonts().check_printable(content, &selection, opts)?;
        Ok(selection)
    })?;
    let mut data = Data::new(content, &selection, opts, engine.fonts());
    let files = step("images", || prepare_user_files(opts, &mut data))?;
    step("compile", || {
        Compiled::padded(engine, &mut data, files, opts.now)
    })
}

/// Steps 2 to 4: lays out, exports and finishes one workbook, giving PDF
/// bytes ready to print: viewer preferences and form fields, or imposed
/// on sheets for a booklet; locked with a password when one is given. A
/// fault found in a user's own templates is theirs to fix, not our bug.
pub fn build_pdf(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Vec<u8>> {
    let user = engine.user_sources();
    // Typst cannot be cancelled: a runaway build from --sources ends the process.
    let _watch = engine.watch();
    let compiled = compile(engine, content, opts)?;
    let marks = (opts.print.fillable)
        .then(|| typeset::marks::for_form(&compiled.document, user))
        .transpose()?;
    let pdf = step("export", || compiled.export(engine, &opts.print))?;
    let pdf = if opts.print.booklet {
        let blame = |e: diag::Error| e.blame_user_sources(user, pdf::booklet::BLAME);
        step("finish", || pdf::booklet::impose(&pdf)).map_err(blame)?
    } else {
        let blame = |e: diag::Error| e.blame_user_sources(user, typeset::marks::FIELD_BLAME);
        step("finish", || {
            pdf::finish(pdf, opts.print.sides.into(), marks.as_deref())
        })
        .map_err(blame)?
    };
    // Last: encryption covers everything the steps before added.
    match opts.password_of(opts.split_file) {
        Some(password) => step("encrypt", || pdf::encrypt::lock(&pdf, password)),
        None => Ok(pdf),
    }
}
