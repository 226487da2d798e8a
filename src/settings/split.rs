//! `--split partners`: the book in three files, so that each partner's own
//! pages can be kept, printed or sent apart from the shared ones.

use super::choice::Choice;

/// How a build is split into files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The shared book, and one file per partner with their own exercises.
    Partners,
}

impl Choice for Split {
    const NAMES: &'static [(&'static str, Self)] = &[("partners", Split::Partners)];
}

/// Which of the three files of `--split partners` a build lays out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitFile {
    /// The workbook without the pages meant for one partner alone.
    Shared,
    /// The first partner's own pages.
    A,
    /// The second partner's own pages.
    B,
}

impl SplitFile {
    /// All three, in the order they are written.
    pub const ALL: [SplitFile; 3] = [SplitFile::Shared, SplitFile::A, SplitFile::B];

    /// The word the templates read in `data.json`.
    pub fn name(self) -> &'static str {
        match self {
            SplitFile::Shared => "shared",
            SplitFile::A => "a",
            SplitFile::B => "b",
        }
    }
}
