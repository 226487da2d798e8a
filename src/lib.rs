//! workbook: a personalised, printable couples' workbook, compiled with an
//! embedded Typst. This crate is the library behind the `workbook` binary.

pub mod batch;
pub mod branding;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod data;
pub mod error;
pub mod extra;
pub mod fieldkeys;
pub mod fields;
pub mod fonts;
pub mod images;
pub mod names;
pub mod options;
pub mod output;
pub mod paper;
pub mod pdf;
pub mod print;
pub mod render;
pub mod select;
pub mod sources;
pub mod world;

use content::Content;
use error::Result;
use options::BuildOptions;
use typst::foundations::Bytes;
use world::Engine;

/// A laid-out workbook with what it was made from, ready for export.
pub struct Compiled {
    pub document: typst_layout::PagedDocument,
    /// Typst's warnings about our templates (none expected).
    pub warnings: Vec<String>,
    pub data: Vec<u8>,
    /// The couple's own files (a prepared logo or photo), by virtual path.
    pub files: Vec<(String, Bytes)>,
    pub stamp: render::Stamp,
}

/// Lays out one workbook: select the parts, check the fonts cover the
/// names, write `data.json`, compile.
pub fn compile(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Compiled> {
    let selection = select::Selection::new(content, &opts.skip, &opts.only)?;
    // Refuse an impossible standard before spending time on layout.
    opts.print.pdf_standards()?;
    engine
        .fonts()
        .check_coverage("--names", &opts.names.joined())?;
    for (field, text) in opts.branding.texts() {
        engine.fonts().check_coverage(field, text)?;
    }
    let mut data = data::build(content, &selection, opts);
    let files = user_files(opts, &mut data)?;
    let (mut document, mut warnings, mut bytes, mut stamp) = compile_data(engine, &data, &files)?;
    // A booklet is folded from sheets of four pages: pad with notes pages.
    let pad = (4 - document.pages().len() % 4) % 4;
    if opts.print.booklet && pad > 0 {
        data["print"]["pad-pages"] = pad.into();
        (document, warnings, bytes, stamp) = compile_data(engine, &data, &files)?;
    }
    Ok(Compiled {
        document,
        warnings,
        data: bytes,
        files,
        stamp,
    })
}

/// The logo and the cover photo, read under limits and re-encoded, as
/// virtual files; `data.json` learns their paths.
fn user_files(opts: &BuildOptions, data: &mut serde_json::Value) -> Result<Vec<(String, Bytes)>> {
    let mut files = Vec::new();
    // Printed sizes: the logo at most 60 x 14 mm, the photo 120 x 60 mm.
    let wanted = [
        (
            opts.branding.logo.as_ref(),
            "[counselor] logo",
            "logo",
            (60.0, 14.0),
        ),
        (opts.photo.as_ref(), "--photo", "photo", (120.0, 60.0)),
    ];
    for (path, field, key, (w, h)) in wanted {
        if let Some(path) = path {
            let image = images::prepare(path, field, w, h)?;
            let virtual_path = format!("/user/{key}.png");
            data[key] = virtual_path.clone().into();
            files.push((virtual_path, Bytes::new(image.png)));
        }
    }
    Ok(files)
}

fn compile_data(
    engine: &Engine,
    data: &serde_json::Value,
    files: &[(String, Bytes)],
) -> Result<(
    typst_layout::PagedDocument,
    Vec<String>,
    Vec<u8>,
    render::Stamp,
)> {
    let bytes = serde_json::to_vec_pretty(data).expect("data.json serialises");
    // The identifier is derived from everything that shapes the document.
    let stamp = render::Stamp::now(String::from_utf8_lossy(&bytes).into_owned())?;
    let (document, warnings) = render::compile(engine, &bytes, files, &stamp)?;
    Ok((document, warnings, bytes, stamp))
}

/// Compiles one workbook to PDF bytes, ready to print: viewer preferences
/// set, and imposed on sheets for a booklet.
pub fn build_pdf(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Vec<u8>> {
    let compiled = compile(engine, content, opts)?;
    let pdf = render::export(
        engine,
        &compiled.data,
        &compiled.document,
        &compiled.stamp,
        &opts.print,
    )?;
    if opts.print.booklet {
        return pdf::booklet::impose(&pdf);
    }
    let duplex = match opts.print.sides {
        print::Sides::Single => pdf::viewer::Duplex::None,
        print::Sides::Duplex => pdf::viewer::Duplex::LongEdge,
    };
    let marks = if opts.print.fillable {
        Some(fields::marks(&compiled.document).map_err(pdf::internal_message)?)
    } else {
        None
    };
    pdf::finish(pdf, duplex, marks.as_deref())
}
