//! Proof images: the pages a practice checks, drawn by the typesetter and
//! written here as PNG files named after the couple and the page.

use crate::diag::Result;
use crate::typeset::preview;

/// Writes the pages of `spec` of one laid-out workbook as PNG files in
/// `dir`, named after the couple and the page; a named page the book lacks
/// is reported with a notice. Returns the files written.
pub(crate) fn write(
    compiled: &crate::Compiled,
    content: &crate::guide::Content,
    opts: &crate::settings::BuildOptions,
    spec: &str,
    dpi: u32,
    dir: &std::path::Path,
) -> Result<Vec<std::path::PathBuf>> {
    let landmarks = preview::landmarks(content, opts);
    let (wanted, missing) = preview::pages(&compiled.document, spec, &landmarks)?;
    for name in missing {
        crate::messages::say(&format!("notice: this book has no {name} page; skipped\n"));
    }
    let stem = super::names::default_file_name(&opts.names);
    let stem = stem.trim_end_matches(".pdf");
    let mut written = Vec::new();
    for page in wanted {
        let png = preview::png(&compiled.document, page.index, dpi)?;
        let path = dir.join(format!("{stem}-{:02}-{}.png", page.index + 1, page.name));
        super::write_atomic(&path, &png)?;
        written.push(path);
    }
    Ok(written)
}
