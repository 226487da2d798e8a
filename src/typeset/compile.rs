//! Laying out the workbook with Typst in our World, stamped so that equal
//! inputs give equal bytes.

use typst::foundations::{Bytes, Datetime};
use typst_layout::PagedDocument;

use super::diagnostics::{diagnostics_error, locate};
use super::world::Engine;
use crate::diag::Result;

/// How the PDF is stamped, so that equal inputs give equal bytes.
pub struct Stamp {
    /// The build date, also what Typst's `datetime.today()` answers.
    pub date: Datetime,
    /// A stable identifier of the document's content.
    pub ident: String,
}

impl Stamp {
    /// The build's time (see `settings::Environment`) and an identifier
    /// derived from everything that shapes the document.
    pub fn new(now: time::OffsetDateTime, ident: String) -> Self {
        let date = Datetime::from_ymd_hms(
            now.year(),
            now.month().into(),
            now.day(),
            now.hour(),
            now.minute(),
            now.second(),
        )
        .expect("a valid date and time");
        Stamp { date, ident }
    }
}

/// Lays out the workbook for one couple. Typst's warnings come back as
/// text: from our own templates they are bugs (tests assert there are none),
/// but not worth failing a user's build over.
pub fn compile(
    engine: &Engine,
    data: &[u8],
    extra: &[(String, Bytes)],
    stamp: &Stamp,
) -> Result<(PagedDocument, Vec<String>)> {
    let world = engine.world(data, stamp.date, extra);
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        .map(|w| {
            let place = locate(&world, w)
                .map(|p| format!("{p}: "))
                .unwrap_or_default();
            format!("{place}{}", w.message)
        })
        .collect();
    let document = warned
        .output
        .map_err(|errors| diagnostics_error(&world, &errors, engine.user_sources()))?;
    Ok((document, warnings))
}
