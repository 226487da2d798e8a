//! workbook: a personalised, printable couples' workbook, compiled with an
//! embedded Typst. This crate is the library behind the `workbook` binary.

pub mod cli;
pub mod cmd;
pub mod content;
pub mod data;
pub mod error;
pub mod fonts;
pub mod names;
pub mod options;
pub mod output;
pub mod paper;
pub mod render;
pub mod select;
pub mod sources;
pub mod world;

use content::Content;
use error::Result;
use options::BuildOptions;
use world::Engine;

/// A laid-out workbook with what it was made from, ready for export.
pub struct Compiled {
    pub document: typst_layout::PagedDocument,
    pub data: Vec<u8>,
    pub stamp: render::Stamp,
}

/// Lays out one workbook: select the parts, check the fonts cover the
/// names, write `data.json`, compile.
pub fn compile(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Compiled> {
    let selection = select::Selection::new(content, &opts.skip, &opts.only)?;
    engine
        .fonts()
        .check_coverage("--names", &opts.names.joined())?;
    let data = data::build(content, &selection, opts);
    let data = serde_json::to_vec_pretty(&data).expect("data.json serialises");
    // The identifier is derived from everything that shapes the document.
    let stamp = render::Stamp::now(String::from_utf8_lossy(&data).into_owned())?;
    let document = render::compile(engine, &data, &stamp)?;
    Ok(Compiled {
        document,
        data,
        stamp,
    })
}

/// Compiles one workbook to PDF bytes.
pub fn build_pdf(engine: &Engine, content: &Content, opts: &BuildOptions) -> Result<Vec<u8>> {
    let compiled = compile(engine, content, opts)?;
    render::export(engine, &compiled.data, &compiled.document, &compiled.stamp)
}
