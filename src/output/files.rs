//! Several files written all or none (the three of `--split partners`):
//! every target checked first (see `plan`), then all staged and renamed
//! together.

use std::path::PathBuf;

use crate::diag::Result;

/// Writes the three PDFs all or none (see `staging`): nothing new remains
/// and every file that was there is as it was if any of them fails.
pub(crate) fn write(targets: &[PathBuf], pdfs: &[Vec<u8>]) -> Result<()> {
    let dir = super::parent_of(&targets[0]);
    let files: Vec<(PathBuf, &[u8])> = targets
        .iter()
        .zip(pdfs)
        .map(|(t, pdf)| {
            (
                PathBuf::from(t.file_name().unwrap_or_default()),
                pdf.as_slice(),
            )
        })
        .collect();
    crate::staging::write_all(&dir, &files)
}
