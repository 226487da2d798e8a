//! How a PDF is stamped (its date and identifier), so that equal inputs
//! give equal bytes; made when laying out, read when exporting.

use typst::foundations::Datetime;

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
