//! Compiling the templates with Typst and exporting a tagged PDF; Typst's
//! diagnostics become our errors.

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::error::{Error, Result};
use crate::print::PrintOptions;
use crate::world::{BuildWorld, Engine};

/// How the PDF is stamped, so that equal inputs give equal bytes.
pub struct Stamp {
    /// The build date, also what Typst's `datetime.today()` answers.
    pub date: Datetime,
    /// A stable identifier of the document's content.
    pub ident: String,
}

impl Stamp {
    /// From `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
    pub fn now(ident: String) -> Result<Self> {
        let now = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) => {
                let secs: i64 = value.trim().parse().map_err(|_| {
                    Error::usage(
                        format!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds"),
                        Some("unset it, or set it to a Unix time such as 1764547200".to_string()),
                    )
                })?;
                time::OffsetDateTime::from_unix_timestamp(secs).map_err(|_| {
                    Error::usage(format!("SOURCE_DATE_EPOCH={value:?} is out of range"), None)
                })?
            }
            Err(_) => time::OffsetDateTime::now_utc(),
        };
        let date = Datetime::from_ymd_hms(
            now.year(),
            now.month().into(),
            now.day(),
            now.hour(),
            now.minute(),
            now.second(),
        )
        .expect("a valid date and time");
        Ok(Stamp { date, ident })
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

/// Exports the PDF with the standards and tagging that the print options
/// ask for (tagged PDF/UA-1 by default).
pub fn export(
    engine: &Engine,
    data: &[u8],
    document: &PagedDocument,
    stamp: &Stamp,
    print: &PrintOptions,
) -> Result<Vec<u8>> {
    let standards = print.pdf_standards()?;
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
        diagnostics_error(&world, &errors, engine.user_sources())
    })
}

/// Errors from our own templates are our bugs: report them as internal
/// errors with the template position, so a bug report can point at it.
/// Errors in a user's `--sources` folder are theirs to fix.
fn diagnostics_error(world: &BuildWorld, errors: &[SourceDiagnostic], user_sources: bool) -> Error {
    let mut lines = Vec::new();
    let mut hints = Vec::new();
    for diag in errors.iter().filter(|d| d.severity == Severity::Error) {
        let place = locate(world, diag)
            .map(|p| format!("{p}: "))
            .unwrap_or_default();
        let line = format!("{place}{}", diag.message);
        if !lines.contains(&line) {
            lines.push(line);
        }
        for hint in diag.hints.iter().map(|h| h.v.to_string()) {
            if !hints.contains(&hint) {
                hints.push(hint);
            }
        }
    }
    if lines.is_empty() {
        lines.push("Typst failed without a message".into());
    }
    if user_sources {
        hints.push(
            "this comes from the files in --sources; fix them, or build without --sources".into(),
        );
        return Error::UserTemplate {
            message: lines.join("\n  "),
            hints,
        };
    }
    hints.push(
        "this is a bug in workbook's templates; please report it with the command you ran".into(),
    );
    Error::Typst {
        message: lines.join("\n  "),
        hints,
    }
}

/// `templates/page.typ:12:5` for a diagnostic's span, when it has one.
fn locate(world: &BuildWorld, diag: &SourceDiagnostic) -> Option<String> {
    use typst::World;
    let id = diag.span.id()?;
    let source = world.source(id).ok()?;
    let range = world.range(diag.span)?;
    let line = source.lines().byte_to_line(range.start)? + 1;
    let column = source.lines().byte_to_column(range.start)? + 1;
    Some(format!(
        "{}:{line}:{column}",
        id.vpath().get_without_slash()
    ))
}
