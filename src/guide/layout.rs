//! What one file lays out: the couple's book, the counselor's facilitator
//! edition, a handout of a few exercises, or one file of a book split for
//! the partners. A plan's job says it; the selection and `data.json`
//! follow from it, so nothing about one file is kept in the settings.

use crate::settings::BuildOptions;
use crate::settings::edition::Edition;
use crate::settings::split::SplitFile;

/// What one file lays out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// The couple's whole workbook (after `--skip` and `--only`).
    Book,
    /// The counselor's facilitator edition (`--edition counselor`).
    Facilitator,
    /// These exercises alone, as typed (`--handout`); `blank_names` when
    /// no names were given, so the handout has lines to write them on.
    Handout { ids: Vec<String>, blank_names: bool },
    /// One of the three files of `--split partners`: the shared pages, or
    /// one partner's own.
    Split(SplitFile),
}

impl Layout {
    /// Everything these settings ask for, as one file.
    pub fn of(opts: &BuildOptions) -> Layout {
        if !opts.handout.is_empty() {
            Layout::Handout {
                ids: opts.handout.clone(),
                blank_names: !opts.names_given,
            }
        } else if opts.edition == Edition::Counselor {
            Layout::Facilitator
        } else {
            Layout::Book
        }
    }

    /// The file of a split book this is, if it is one.
    pub fn split_file(&self) -> Option<SplitFile> {
        match self {
            Layout::Split(file) => Some(*file),
            _ => None,
        }
    }

    /// The handout's exercises, as typed, if this is a handout.
    pub fn handout(&self) -> Option<&[String]> {
        match self {
            Layout::Handout { ids, .. } => Some(ids),
            _ => None,
        }
    }

    /// A handout without names, with lines to write them on.
    pub fn blank_names(&self) -> bool {
        matches!(
            self,
            Layout::Handout {
                blank_names: true,
                ..
            }
        )
    }
}
