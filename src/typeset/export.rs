//! Exporting the laid-out workbook as a PDF: tagged PDF/UA-1 by default,
//! or the standards the print options ask for.

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::diagnostics::diagnostics_error;
use super::stamp::Stamp;
use super::world::Engine;
use crate::diag::{Error, Result};
use crate::settings::print::{PrintOptions, Standard};

/// Exports the PDF with the standards and tagging that the print options
/// ask for (tagged PDF/UA-1 by default).
pub fn export(
    engine: &Engine,
    data: &super::world::DataFiles,
    document: &PagedDocument,
    stamp: &Stamp,
    print: &PrintOptions,
) -> Result<Vec<u8>> {
    let standards = pdf_standards(print)?;
    let options = PdfOptions {
        ident: Smart::Custom(stamp.ident.clone()),
        creator: Smart::Custom(Some(format!("workbook {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(stamp.date)),
        standards,
        tagged: print.tagged(),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let world = engine.world(data, stamp.date, &[]);
        diagnostics_error(&world, &errors, engine.user_dir())
    })
}

/// Checks the standards the options ask for, and gives typst's form of them.
pub fn pdf_standards(print: &PrintOptions) -> Result<PdfStandards> {
    let chosen = print.check_standards()?;
    let list: Vec<PdfStandard> = chosen
        .iter()
        .filter_map(|s| match s {
            Standard::Ua1 => Some(PdfStandard::Ua_1),
            Standard::A2b => Some(PdfStandard::A_2b),
            Standard::A2a => Some(PdfStandard::A_2a),
            Standard::None => None,
        })
        .collect();
    PdfStandards::new(&list).map_err(|e| {
        let names = chosen
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(" + ");
        Error::usage(
            format!("--pdf-standard {names}: {}", e.message()),
            e.hints().first().map(|h| h.to_string()),
        )
    })
}
