//! Laying out the workbook as HTML: the same templates, compiled for
//! Typst's HTML target (`target()` is `"html"` there, and the templates'
//! show rules give semantic elements and form controls instead of pages),
//! then encoded as one HTML string. The page around it (styles, script,
//! security policy) is `output::html`'s.

use typst::foundations::Bytes;
use typst_html::{HtmlDocument, HtmlOptions};

use super::diagnostics::{diagnostics_error, warning_text};
use super::stamp::Stamp;
use super::world::{DataFiles, Engine};
use crate::diag::Result;

/// One book laid out as HTML.
pub struct HtmlBook {
    /// The document as Typst's HTML export made it: `<!DOCTYPE html>`, a
    /// `<head>` with its title, the body.
    pub html: String,
    /// The write-in areas, in reading order, named as in the PDF.
    pub marks: Vec<super::marks::Mark>,
    /// Typst's warnings about the templates, as text.
    pub warnings: Vec<String>,
}

/// Compiles the templates for the HTML target over these data files and
/// the couple's own files, and encodes the result.
pub fn compile(
    engine: &Engine,
    data: &DataFiles,
    extra: &[(String, Bytes)],
    stamp: &Stamp,
) -> Result<HtmlBook> {
    let world = engine.world(data, stamp.date, extra);
    let warned = typst::compile::<HtmlDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        // Typst says of its own HTML export that it is experimental; the
        // tests pin what we rely on.
        .filter(|w| {
            !w.message
                .contains("html export is under active development")
        })
        .map(|w| warning_text(&world, w))
        .collect();
    let document = warned
        .output
        .map_err(|errors| diagnostics_error(&world, &errors, engine.user_dir()))?;
    let marks = super::marks::in_document(&**document.introspector()).map_err(|e| {
        crate::diag::Error::finishing(e)
            .blame_user_sources(engine.user_sources(), super::marks::FIELD_BLAME)
    })?;
    let html = typst_html::html(&document, &HtmlOptions::default())
        .map_err(|errors| diagnostics_error(&world, &errors, engine.user_dir()))?;
    Ok(HtmlBook {
        html,
        marks,
        warnings,
    })
}
