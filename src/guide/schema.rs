//! The guide's files as data: the manifest, its parts and steps, and the
//! exercises with their blocks, as serde reads them (with positions).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// `guide.toml`: the title, the five steps and the parts in reading order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub title: String,
    pub subtitle: String,
    #[serde(rename = "step", default)]
    pub steps: Vec<Spanned<Step>>,
    #[serde(rename = "part")]
    pub parts: Vec<Spanned<Part>>,
    /// Ids that went away, and the id that took their place.
    #[serde(default)]
    pub aliases: BTreeMap<String, Spanned<String>>,
}

/// One of the five steps, and the part that teaches it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub number: Spanned<u32>,
    pub title: String,
    pub part: Spanned<String>,
}

/// One part of the guide: front matter, a chapter or back matter.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub id: Spanned<String>,
    pub kind: PartKind,
    pub title: String,
    pub file: Spanned<String>,
    #[serde(default)]
    pub exercises: Vec<Spanned<String>>,
    /// Chapters only: how many weeks a couple spends on it (1 unless
    /// said). The dated logs of later chapters start that much later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weeks: Option<Spanned<u32>>,
}

impl Part {
    /// The weeks this part takes in the schedule of dated logs.
    pub fn weeks(&self) -> u32 {
        match self.kind {
            PartKind::Chapter => self.weeks.as_ref().map_or(1, |w| *w.get_ref()),
            PartKind::Front | PartKind::Back => 0,
        }
    }
}

/// Where a part stands: chapters are numbered, front and back matter are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    Front,
    Chapter,
    Back,
}

/// Whom an exercise is for: each partner on their own copy, or both together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Who {
    Each,
    Together,
}

impl Who {
    /// The word used in guide.toml and in `workbook list`.
    pub fn name(self) -> &'static str {
        match self {
            Who::Each => "each",
            Who::Together => "together",
        }
    }
}

/// One exercise file: its texts and its blocks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: Spanned<String>,
    pub title: String,
    pub who: Who,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<Spanned<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    pub intro: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
    /// Two or three questions to talk over in session, printed as "To talk
    /// over with your counselor".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debrief: Option<String>,
    /// `false` for an exercise too long to print as a handout of at most
    /// two pages a copy (`--handout`); true when left out.
    #[serde(default = "yes", skip_serializing)]
    pub handout: bool,
    /// Only in a counselor's extra exercises: the part it is added to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Spanned<String>>,
    /// Serialised by `data`, with each block's field keys.
    #[serde(rename = "block", skip_serializing)]
    pub blocks: Vec<Spanned<Block>>,
}

fn yes() -> bool {
    true
}

/// The kinds of block the templates know how to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Prompt,
    Checklist,
    Table,
    Tracker,
    Scale,
    Signature,
    /// One line a week of the trust and safety check (progress.toml).
    Progress,
}

/// Which of the trust and safety check's moments a `progress` block prints:
/// the start, a line a week (the default), or the end beside the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Moment {
    Baseline,
    Weekly,
    Final,
}

/// How often a tracker asks for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    Day,
    Week,
}

/// One block of an exercise. A flat struct rather than a tagged enum so that
/// every field keeps its position for error messages; which fields a kind
/// takes is checked in [`check_block`].
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Block {
    pub kind: BlockKind,
    pub id: Spanned<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Spanned<Lines>>,
    /// A prompt only: sentence starters ("I feel", "when", "because"),
    /// one for each ruled line from the first, "" for a line without.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starters: Option<Spanned<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Spanned<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Spanned<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blank_rows: Option<Spanned<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_lines: Option<Spanned<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<Spanned<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrow: Option<Spanned<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<String>,
    /// `"contacts"`: fill rows named like the practice's contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill: Option<Spanned<String>>,
    /// A progress block only: which moment of the check it prints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Spanned<Moment>>,
    /// In a translated guide, the English block: its rows, columns and
    /// items give the form fields their keys, the same in every language.
    #[serde(skip)]
    pub keyed_as: Option<Box<Block>>,
}

/// A prompt's room to write: a number of ruled lines, or a word for a
/// room the templates size from the page (`"half-page"`: a reflective
/// prompt gets about half of the page's text area, on every paper). The
/// range and the word are checked in [`check_block`], with the position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Lines {
    Count(i64),
    Named(String),
}

/// The one word `lines` takes besides a number.
pub const HALF_PAGE: &str = "half-page";

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Lines;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a number of lines from 1 to 30, or \"{HALF_PAGE}\"")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Lines, E> {
                Ok(Lines::Count(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Lines, E> {
                i64::try_from(v)
                    .map(Lines::Count)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E>(self, v: &str) -> Result<Lines, E> {
                Ok(Lines::Named(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl Exercise {
    /// Every text the exercise prints, with the key it comes from, so that
    /// font coverage can be checked and a gap named by its key.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("title", self.title.as_str()),
            ("intro", self.intro.as_str()),
        ];
        out.extend(
            self.heading
                .as_ref()
                .map(|h| ("heading", h.get_ref().as_str())),
        );
        out.extend(self.closing.as_deref().map(|c| ("closing", c)));
        out.extend(self.debrief.as_deref().map(|d| ("debrief", d)));
        for b in &self.blocks {
            let b = b.get_ref();
            for (key, text) in [
                ("label", &b.label),
                ("help", &b.help),
                ("low", &b.low),
                ("high", &b.high),
            ] {
                out.extend(text.as_deref().map(|t| (key, t)));
            }
            let lists = [
                ("items", b.items.as_ref().map(|i| i.get_ref())),
                ("columns", b.columns.as_ref().map(|c| c.get_ref())),
                ("rows", b.rows.as_ref()),
                ("starters", b.starters.as_ref().map(|s| s.get_ref())),
            ];
            for (key, list) in lists {
                out.extend(list.into_iter().flatten().map(|t| (key, t.as_str())));
            }
        }
        out
    }
}
