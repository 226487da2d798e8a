//! `--split partners`: what a split cannot do, refused before any work:
//! one stream for three files, a booklet, the counselor's edition, or a
//! copy with no pages for one partner alone.

use std::path::Path;

use crate::diag::{Error, Result};
use crate::guide::Content;
use crate::guide::layout::Layout;
use crate::settings::BuildOptions;

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

/// Two files with nothing but a cover and the safety note help no one:
/// the copy must keep an exercise for one partner alone.
pub(crate) fn check_content(content: &Content, opts: &BuildOptions) -> Result<()> {
    // As every layout selects (a handout is refused here, with its reason).
    let selection = crate::guide::handout::selection(content, opts, &Layout::of(opts))?;
    let own = |id: &String| content.exercises[id].who == crate::guide::Who::Each;
    if !selection.exercises.iter().any(own) {
        return Err(Error::usage(
            "--split partners: this copy has no exercise for one partner alone, so the partners' own files would be empty",
            Some("build it without --split, or keep such an exercise (see `workbook list`, FOR each)".to_string()),
        ));
    }
    Ok(())
}
