//! Post-processing of the PDF that Typst exports: viewer preferences and
//! booklet imposition, with lopdf.

pub mod booklet;
pub mod viewer;

use crate::error::Error;

/// lopdf failures on our own output are our bugs, not the user's.
pub(crate) fn internal(what: &str, e: lopdf::Error) -> Error {
    Error::Typst {
        message: format!("post-processing the PDF ({what}) failed: {e}"),
        hints: vec!["this is a bug in workbook; please report it with the command you ran".into()],
    }
}
