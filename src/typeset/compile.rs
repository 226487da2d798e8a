//! Laying out the workbook with Typst in our World, stamped so that equal
//! inputs give equal bytes.

use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use super::diagnostics::{diagnostics_error, warning_text};
use super::images::UserFiles;
use super::stamp::Stamp;
use super::world::{DataFiles, Engine};
use crate::diag::Result;

/// A laid-out workbook with what it was made from, ready for export.
pub struct Compiled {
    /// The pages, as Typst laid them out.
    pub document: PagedDocument,
    /// Typst's warnings about our templates (none expected).
    pub warnings: Vec<String>,
    /// The bytes of `/data.json` and `/couple.json`.
    pub data: DataFiles,
    /// The couple's own files (a prepared logo or photo), by virtual path.
    pub files: UserFiles,
    /// The date and identifier the PDF will carry.
    pub stamp: Stamp,
    /// A booklet bound as volumes: the pages (0-based) of each, each
    /// imposed as a booklet of its own. Empty for one booklet or book.
    pub volumes: Vec<std::ops::Range<usize>>,
}

impl Compiled {
    /// Lays out the templates over these data files and the couple's own files.
    pub fn new(
        engine: &Engine,
        data: DataFiles,
        files: UserFiles,
        now: time::OffsetDateTime,
    ) -> Result<Self> {
        // The identifier is derived from everything that shapes the document.
        let stamp = Stamp::new(
            now,
            String::from_utf8_lossy(&[data.data.as_slice(), &data.couple].concat()).into_owned(),
        );
        let (document, warnings) = compile(engine, &data, &files, &stamp)?;
        // Typst's warnings about a user's own templates are theirs to see (an
        // unknown font family, say); about ours they are bugs the tests catch.
        if engine.user_sources() {
            for warning in &warnings {
                crate::messages::warn(warning);
            }
        }
        Ok(Compiled {
            document,
            warnings,
            data,
            files,
            stamp,
            volumes: Vec::new(),
        })
    }
}

impl Compiled {
    /// The PDF of this layout, with the standards the options ask for.
    pub fn export(
        &self,
        engine: &Engine,
        print: &crate::settings::print::PrintOptions,
    ) -> Result<Vec<u8>> {
        super::export::export(engine, &self.data, &self.document, &self.stamp, print)
    }

    /// Lays out `data`; a booklet or a duplex book whose last sheet is not
    /// whole is laid out again with pages to fill it.
    pub(crate) fn padded(
        engine: &Engine,
        data: &mut crate::data::Data,
        files: UserFiles,
        now: time::OffsetDateTime,
    ) -> Result<Self> {
        let compiled = Compiled::new(engine, data.to_files(engine.user_sources()), files, now)?;
        // A booklet is folded from sheets of four pages; a duplex print
        // ends on a whole sheet (one blank page when odd).
        let pages = compiled.document.pages().len();
        let pad = if data.print.booklet {
            (4 - pages % 4) % 4
        } else if data.print.sides == crate::settings::print::Sides::Duplex {
            pages % 2
        } else {
            0
        };
        if pad == 0 {
            return Ok(compiled);
        }
        data.print.pad_pages = pad;
        Compiled::new(
            engine,
            data.to_files(engine.user_sources()),
            compiled.files,
            now,
        )
    }
}

/// Lays out the workbook for one couple. Typst's warnings come back as
/// text: from our own templates they are bugs (tests assert there are none),
/// but not worth failing a user's build over.
pub fn compile(
    engine: &Engine,
    data: &DataFiles,
    extra: &[(String, Bytes)],
    stamp: &Stamp,
) -> Result<(PagedDocument, Vec<String>)> {
    let world = engine.world(data, stamp.date, extra);
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        .map(|w| warning_text(&world, w))
        .collect();
    let document = warned
        .output
        .map_err(|errors| diagnostics_error(&world, &errors, engine.user_dir()))?;
    Ok((document, warnings))
}
