//! `--edition`: the couple's workbook, or the counselor's facilitator
//! edition of the same guide (a session plan, screening, chapter notes).

use super::choice::Choice;
use serde::{Deserialize, Serialize};

use super::names::Names;
use crate::output::slug;

/// Which book a build makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edition {
    /// The couple's workbook.
    #[default]
    Couple,
    /// The facilitator's guide: session plan, screening, chapter notes,
    /// progress summary, reading list. Needs no names.
    Counselor,
}

impl Choice for Edition {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("couple", Edition::Couple),
        ("counselor", Edition::Counselor),
    ];
}

impl Edition {
    /// The word used on the command line, in workbook.toml and in data.json.
    pub fn name(self) -> &'static str {
        match self {
            Edition::Couple => "couple",
            Edition::Counselor => "counselor",
        }
    }
}

/// The names a counselor's guide without `--names` is laid out with: its
/// forms say "Partner A" and "Partner B", with a line for the real name.
pub const UNNAMED: (&str, &str) = ("Partner A", "Partner B");

/// The stand-in names of a guide for general use.
pub fn unnamed() -> Names {
    Names {
        a: UNNAMED.0.to_string(),
        b: UNNAMED.1.to_string(),
    }
}

/// The default file name of a build: `workbook-ana-ben.pdf`, or for the
/// counselor's guide `counselor-guide[-ana-ben].pdf`, so that the two are
/// never mistaken for each other (in a batch too); for a handout
/// `handout-apology[-ana-ben].pdf`.
pub(crate) fn default_file_name(opts: &super::BuildOptions) -> String {
    if !opts.handout.is_empty() {
        let names = (!opts.blank_names).then_some(&opts.names);
        return crate::output::handout_file_name(&opts.handout, names);
    }
    match opts.edition {
        Edition::Couple => crate::output::default_file_name(&opts.names),
        Edition::Counselor => counselor_file_name(&opts.names, opts.names_given),
    }
}

/// The default file name of a counselor's guide: `counselor-guide.pdf`, or
/// `counselor-guide-ana-ben.pdf` for one couple.
pub fn counselor_file_name(names: &Names, given: bool) -> String {
    if given {
        format!(
            "counselor-guide-{}-{}.pdf",
            slug(&names.a, "partner-1"),
            slug(&names.b, "partner-2")
        )
    } else {
        "counselor-guide.pdf".to_string()
    }
}
