//! workbook: a personalised, printable couples' workbook, compiled with an
//! embedded Typst. This crate is the library behind the `workbook` binary;
//! the steps below are its pipeline, in the order data flows through them.

pub mod batch;
pub mod cli;
pub mod cmd;
pub mod data;
pub mod diag;
pub mod guide;
mod input;
pub mod output;
pub mod pdf;
pub mod settings;
pub mod typeset;

use std::path::{Path, PathBuf};

use data::Data;
use diag::{Error, Result};
use guide::Content;
use guide::select::Selection;
use settings::BuildOptions;
use typeset::compile::Stamp;
use typeset::fonts::Fonts;
use typeset::images::UserFiles;
use typeset::sources::Sources;
use typeset::world::Engine;

/// A laid-out workbook with what it was made from, ready for export.
pub struct Compiled {
    pub document: typst_layout::PagedDocument,
    /// Typst's warnings about our templates (none expected).
    pub warnings: Vec<String>,
    /// The bytes of `/data.json`.
    pub data: Vec<u8>,
    /// The couple's own files (a prepared logo or photo), by virtual path.
    pub files: UserFiles,
    pub stamp: Stamp,
}

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
    let mut compiled = compile_data(engine, &data, files, opts)?;
    // A booklet is folded from sheets of four pages: pad with notes pages.
    let pad = (4 - compiled.document.pages().len() % 4) % 4;
    if opts.print.booklet && pad > 0 {
        data.print.pad_pages = pad;
        compiled = compile_data(engine, &data, compiled.files, opts)?;
    }
    Ok(compiled)
}

fn compile_data(
    engine: &Engine,
    data: &Data,
    files: UserFiles,
    opts: &BuildOptions,
) -> Result<Compiled> {
    let bytes = data.to_json();
    // The identifier is derived from everything that shapes the document.
    let stamp = Stamp::new(opts.now, String::from_utf8_lossy(&bytes).into_owned());
    let (document, warnings) = typeset::compile::compile(engine, &bytes, &files, &stamp)?;
    Ok(Compiled {
        document,
        warnings,
        data: bytes,
        files,
        stamp,
    })
}

/// Steps 2 to 4: lays out, exports and finishes one workbook, giving PDF
/// bytes ready to print: viewer preferences and form fields, or imposed
/// on sheets for a booklet. A fault found in a user's own templates
/// (`--sources`) is theirs to fix, not a bug in workbook.
pub fn build_pdf(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Vec<u8>> {
    let user = engine.user_sources();
    let compiled = compile(engine, content, opts)?;
    let marks = if opts.print.fillable {
        Some(form_marks(&compiled.document, user)?)
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
        return pdf::booklet::impose(&pdf).map_err(|e| {
            e.blame_user_sources(user, "the booklet made from your templates", "a booklet needs whole sheets: compare templates/page.typ's padding with a fresh `workbook eject`")
        });
    }
    pdf::finish(pdf, opts.print.sides.into(), marks.as_deref())
        .map_err(|e| e.blame_user_sources(user, "the write-in areas of your templates", FIELD_HINT))
}

const FIELD_HINT: &str = "every <field> mark needs the link that templates/fields.typ puts with it; compare with a fresh `workbook eject`";

/// The write-in areas for `--fillable`, read from the layout; there must be
/// at least one.
fn form_marks(
    document: &typst_layout::PagedDocument,
    user: bool,
) -> Result<Vec<typeset::marks::Mark>> {
    let marks = typeset::marks::marks(document).map_err(|e| {
        pdf::internal_message(e).blame_user_sources(
            user,
            "the write-in areas of your templates",
            FIELD_HINT,
        )
    })?;
    if marks.is_empty() {
        return Err(Error::usage(
            "--fillable: the pages built here have no write-in areas, so there is nothing to fill in",
            Some("choose parts with exercises (see `workbook list`); with --sources, templates mark their write-in areas as templates/fields.typ shows".to_string()),
        ));
    }
    Ok(marks)
}
