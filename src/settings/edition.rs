//! `--edition`: the couple's workbook, or the counselor's facilitator
//! edition of the same guide (a session plan, screening, chapter notes).

use super::choice::Choice;
use serde::{Deserialize, Serialize};

use super::names::Names;

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
