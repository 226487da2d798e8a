//! `--split partners`: the shared workbook and each partner's own pages as
//! three PDFs, written all or none: each is built in memory, then all are
//! staged beside their targets and renamed into place together, with any
//! file they replace put back if one rename fails.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};
use crate::guide::Content;
use crate::settings::BuildOptions;
use crate::settings::split::SplitFile;
use crate::typeset::world::Engine;

/// Refuses what a split cannot do, before any work: one stream for three
/// files, or a booklet, whose sheets mix the pages of the whole book.
pub(crate) fn check(opts: &BuildOptions) -> Result<()> {
    if opts.output.as_deref() == Some(Path::new("-")) {
        return Err(Error::usage(
            "--split partners writes three files, and standard output (-o -) holds only one",
            Some(
                "give -o a file name, used as a stem: -o book.pdf writes book.pdf, book-ana.pdf and book-ben.pdf"
                    .to_string(),
            ),
        ));
    }
    if opts.edition == crate::settings::edition::Edition::Counselor {
        return Err(Error::usage(
            "--split partners and --edition counselor: the counselor's edition has no pages of the partners' own",
            Some("build the couple's book with --split partners, and the counselor's edition on its own".to_string()),
        ));
    }
    if opts.print.booklet {
        return Err(Error::usage(
            "--split partners and --booklet: a booklet's sheets each carry pages from all over the book, so they cannot be split between files",
            Some(
                "leave out --booklet (or set booklet = false in workbook.toml) to split, or build the booklet whole"
                    .to_string(),
            ),
        ));
    }
    Ok(())
}

/// The three files: the shared book at `shared` (by default
/// `workbook-ana-ben.pdf`), each partner's beside it with their key added:
/// `workbook-ana-ben-ana.pdf`, `workbook-ana-ben-ben.pdf`.
pub(crate) fn targets(shared: &Path, opts: &BuildOptions) -> [PathBuf; 3] {
    let (a, b) = crate::data::keys::partners(&opts.names);
    let stem = shared
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let with = |key: &str| shared.with_file_name(format!("{stem}-{key}.pdf"));
    [shared.to_path_buf(), with(&a), with(&b)]
}

/// Lays out, exports and finishes the three PDFs, in the order of
/// [`targets`].
pub(crate) fn build(
    engine: &Engine,
    content: &Content,
    opts: &BuildOptions,
) -> Result<Vec<Vec<u8>>> {
    // Two files with nothing but a cover and the safety note help no one.
    let selection = crate::guide::handout::selection(content, opts)?;
    let own = |id: &String| content.exercises[id].who == crate::guide::Who::Each;
    if !selection.exercises.iter().any(own) {
        return Err(Error::usage(
            "--split partners: this copy has no exercise for one partner alone, so the partners' own files would be empty",
            Some("build it without --split, or keep such an exercise (see `workbook list`, FOR each)".to_string()),
        ));
    }
    SplitFile::ALL
        .iter()
        .map(|file| {
            let mut one = opts.clone();
            one.split_file = Some(*file);
            crate::build_pdf(engine, content, &one)
        })
        .collect()
}

/// Checks every target like a single PDF's, before anything is written:
/// a folder, a link or a file that is not a PDF at any of the three stops
/// all three.
pub(crate) fn check_targets(targets: &[PathBuf], inputs: &[&Path]) -> Result<()> {
    for target in targets {
        crate::output::check_pdf_target(target, inputs)?;
    }
    Ok(())
}

/// Writes the three PDFs all or none (see `staging`): nothing new remains
/// and every file that was there is as it was if any of them fails.
pub(crate) fn write(targets: &[PathBuf], pdfs: &[Vec<u8>]) -> Result<()> {
    let dir = crate::output::parent_of(&targets[0]);
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
