//! `--format`: a PDF to print or fill in, or one self-contained HTML page
//! to read and write in on any screen (the HTML edition).

use serde::Deserialize;

use super::choice::Choice;
use super::flags::Flags;
use crate::diag::{Error, Result};

/// What kind of file a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A PDF, tagged, to print or fill in.
    #[default]
    Pdf,
    /// One self-contained HTML file: the same book, to read and write in
    /// on a phone, kept on the device.
    Html,
}

impl Choice for Format {
    const NAMES: &'static [(&'static str, Self)] = &[("pdf", Format::Pdf), ("html", Format::Html)];
}

impl Format {
    /// The word on the command line and in workbook.toml.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        self.name()
    }
}

/// Refuses, with `--format html`, the flags that only mean something on
/// paper: a page on a screen has no paper size, sides, folds, ruling or
/// ink. (The same keys in a shared workbook.toml are simply not used.)
pub fn check_flags(format: Format, flags: &Flags) -> Result<()> {
    if format != Format::Html {
        return Ok(());
    }
    let given = [
        ("--paper", flags.paper.is_some()),
        ("--sides", flags.sides.is_some()),
        ("--booklet", flags.booklet == Some(true)),
        ("--ruling", flags.ruling.is_some()),
        ("--ink-saver", flags.ink_saver == Some(true)),
        ("--pdf-standard", !flags.pdf_standard.is_empty()),
    ];
    let paper: Vec<&str> = given.iter().filter(|(_, g)| *g).map(|(f, _)| *f).collect();
    match paper.as_slice() {
        [] => Ok(()),
        flags => Err(Error::usage(
            format!(
                "{} only {} something on paper, and --format html makes a page for screens",
                flags.join(", "),
                if flags.len() == 1 { "means" } else { "mean" }
            ),
            Some(
                "leave it out for the HTML edition, or build a PDF (--format pdf) to print"
                    .to_string(),
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_flags_are_refused_for_html_only() {
        let flags = Flags {
            booklet: Some(true),
            ..Flags::default()
        };
        assert!(check_flags(Format::Pdf, &flags).is_ok());
        let err = check_flags(Format::Html, &flags).unwrap_err().to_string();
        assert!(
            err.contains("--booklet only means something on paper"),
            "{err}"
        );
        assert!(check_flags(Format::Html, &Flags::default()).is_ok());
        // --no-booklet asks for nothing paper-only.
        let flags = Flags {
            booklet: Some(false),
            ..Flags::default()
        };
        assert!(check_flags(Format::Html, &flags).is_ok());
    }

    #[test]
    fn names_are_read() {
        assert_eq!(Format::parse("HTML"), Some(Format::Html));
        assert_eq!(Format::parse("docx"), None);
    }
}
