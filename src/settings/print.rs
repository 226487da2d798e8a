//! Print settings: sides, booklet, ruling, ink saver and PDF standards,
//! and which combinations of them make sense.

use super::choice::Choice;
use serde::{Deserialize, Serialize};

use crate::diag::{Error, Result};
use crate::settings::paper::Paper;

/// One-sided or two-sided printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sides {
    /// Symmetric margins, no blank pages.
    #[default]
    Single,
    /// Mirrored margins with a binding margin; chapters start on a right-hand page.
    Duplex,
}

/// The distance between write-in lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ruling {
    /// 8.7 mm: room for larger handwriting.
    #[default]
    Wide,
    /// 7.1 mm.
    College,
}

impl Choice for Sides {
    const NAMES: &'static [(&'static str, Self)] =
        &[("single", Sides::Single), ("duplex", Sides::Duplex)];
}

impl Choice for Ruling {
    const NAMES: &'static [(&'static str, Self)] =
        &[("wide", Ruling::Wide), ("college", Ruling::College)];
}

impl Ruling {
    /// The distance between write-in lines, in millimetres.
    pub fn mm(self) -> f64 {
        match self {
            Ruling::Wide => 8.7,
            Ruling::College => 7.1,
        }
    }
}

/// The PDF standards we offer, by the names typst's own CLI uses, on the
/// command line and in workbook.toml alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Standard {
    /// PDF/UA-1: accessible, tagged (the default).
    #[serde(rename = "ua-1")]
    Ua1,
    /// PDF/A-2b: archival, visual appearance.
    #[serde(rename = "a-2b")]
    A2b,
    /// PDF/A-2a: archival and tagged.
    #[serde(rename = "a-2a")]
    A2a,
    /// No standard (the PDF is still tagged unless it is a booklet).
    #[serde(rename = "none")]
    None,
}

impl Choice for Standard {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("ua-1", Standard::Ua1),
        ("a-2b", Standard::A2b),
        ("a-2a", Standard::A2a),
        ("none", Standard::None),
    ];
}

impl Standard {
    /// The name used on the command line and in workbook.toml.
    pub fn name(self) -> &'static str {
        match self {
            Standard::Ua1 => "ua-1",
            Standard::A2b => "a-2b",
            Standard::A2a => "a-2a",
            Standard::None => "none",
        }
    }
}

/// Everything about how the workbook is printed.
#[derive(Debug, Clone)]
pub struct PrintOptions {
    pub paper: Paper,
    pub sides: Sides,
    pub booklet: bool,
    pub ruling: Ruling,
    pub ink_saver: bool,
    /// Form fields over every write-in area, to fill in on screen.
    pub fillable: bool,
    /// The standards asked for; empty means "the default for the layout".
    pub standards: Vec<Standard>,
}

impl PrintOptions {
    /// The size of one page of the book: the paper itself, or half of it
    /// turned sideways for a booklet (A5 from A4, half-letter from Letter).
    pub fn page_size_mm(&self) -> (f64, f64) {
        let (w, h) = self.paper.size_mm();
        if self.booklet { (h / 2.0, w) } else { (w, h) }
    }

    /// The standards in force: PDF/UA-1 unless told otherwise, and none for
    /// a booklet, whose imposed sheets cannot keep the structure tree.
    pub fn effective_standards(&self) -> Vec<Standard> {
        if !self.standards.is_empty() {
            self.standards.clone()
        } else if self.booklet {
            vec![Standard::None]
        } else {
            vec![Standard::Ua1]
        }
    }

    /// Whether the exported PDF carries a structure tree.
    pub fn tagged(&self) -> bool {
        !self.booklet
    }

    /// Checks the options that cannot go together, apart from standards.
    pub fn check_layout(&self) -> Result<()> {
        if self.fillable && self.booklet {
            Err(Error::usage(
                "fillable and booklet do not go together: a booklet's pages are imposed on sheets for paper, where form fields cannot follow them".to_string(),
                Some("build the booklet to print (with --no-fillable if workbook.toml asks for fillable), and a separate --fillable copy to type into on screen".to_string()),
            ))
        } else {
            Ok(())
        }
    }

    /// Checks the combination of standards; the typesetter checks the
    /// rest of what its PDF export allows.
    pub fn check_standards(&self) -> Result<Vec<Standard>> {
        let chosen = self.effective_standards();
        let names = chosen
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(" + ");
        let refuse = |why: &str, hint: &str| {
            Err(Error::usage(
                format!("--pdf-standard {names}: {why}"),
                Some(hint.to_string()),
            ))
        };
        if chosen.contains(&Standard::None) && chosen.len() > 1 {
            return refuse(
                "`none` cannot be combined with a standard",
                "give either `none` or the standards you want",
            );
        }
        if chosen.contains(&Standard::A2a) && chosen.contains(&Standard::A2b) {
            return refuse(
                "a PDF conforms to one PDF/A level, a-2a or a-2b, not both",
                "a-2a includes everything a-2b asks for",
            );
        }
        if self.booklet && !chosen.contains(&Standard::None) {
            return refuse(
                "a booklet's imposed sheets cannot keep the tagged structure or the archival guarantees",
                "build the booklet with --pdf-standard none (the default for --booklet), and a standard PDF for screen readers",
            );
        }
        Ok(chosen)
    }
}
